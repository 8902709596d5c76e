//! Para lifecycles: scheduling transitions, applying them at session boundaries, and heads.

use crate::*;
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use sp_runtime::DispatchResult;
use sp_runtime::SaturatedConversion;

/// Sessions between asking for a transition and its taking effect: the rest of the current
/// session plus one full session.
pub const SESSION_DELAY: SessionIndex = 2;

impl<T: Config> Pallet<T> {
	/// The state of a para.
	pub fn lifecycle(para: ParaId) -> Option<ParaLifecycle> {
		ParaLifecycles::<T>::get(para)
	}

	/// Whether `para` exists in any state.
	pub fn is_valid_para(para: ParaId) -> bool {
		ParaLifecycles::<T>::contains_key(para)
	}

	/// Whether `para` is a live parathread with no transition pending.
	pub fn is_parathread(para: ParaId) -> bool {
		ParaLifecycles::<T>::get(para) == Some(ParaLifecycle::Parathread)
	}

	/// The parachains of now, sorted.
	pub fn parachains() -> Vec<ParaId> {
		Parachains::<T>::get().into_inner()
	}

	/// The number of paras in any state.
	pub fn para_count() -> u32 {
		ParaLifecycles::<T>::count()
	}

	/// Queues `para` for the start of session `session`, with no write if it cannot.
	fn queue_action(para: ParaId, session: SessionIndex) -> DispatchResult {
		let mut queue = ActionsQueue::<T>::get(session);
		if !queue.contains(&para) {
			queue.try_push(para).map_err(|_| Error::<T>::TooManyActions)?;
			ActionsQueue::<T>::insert(session, queue);
		}
		Self::deposit_event(Event::ActionQueued { para_id: para, session });
		Ok(())
	}

	/// Whether `para` can be queued for `session` (it is there already or there is room).
	fn can_queue(para: ParaId, session: SessionIndex) -> bool {
		let queue = ActionsQueue::<T>::decode_len(session).unwrap_or(0);
		queue < T::MaxParas::get() as usize || ActionsQueue::<T>::get(session).contains(&para)
	}

	fn transition_session() -> SessionIndex {
		T::CurrentSession::get().saturating_add(SESSION_DELAY)
	}

	fn set_lifecycle(para: ParaId, to: Option<ParaLifecycle>) {
		let from = ParaLifecycles::<T>::get(para);
		match to {
			Some(state) => ParaLifecycles::<T>::insert(para, state),
			None => ParaLifecycles::<T>::remove(para),
		}
		Self::deposit_event(Event::LifecycleChanged { para_id: para, from, to });
	}

	/// Moves a live para to `to` at the next transition session, if it is in `from`.
	fn schedule_transition(
		para: ParaId,
		from: ParaLifecycle,
		to: ParaLifecycle,
		error: Error<T>,
	) -> DispatchResult {
		ensure!(ParaLifecycles::<T>::get(para) == Some(from), error);
		let session = Self::transition_session();
		ensure!(Self::can_queue(para, session), Error::<T>::TooManyActions);
		Self::queue_action(para, session)?;
		Self::set_lifecycle(para, Some(to));
		Ok(())
	}

	/// Registers a new para, live (as `genesis.para_kind`) two session boundaries from now.
	///
	/// The code is stored once, by hash ([`CodeByHash`]), and [`CurrentCodeHash`] names it from
	/// now on, as on Polkadot; the genesis entry keeps the head and kind with an empty code (so
	/// a registration writes its up to `MaxCodeSize` bytes of code once, not twice).
	///
	/// Errors: `CannotOnboard` (the id exists), `TooManyParas`, `CodeTooLarge`, `InvalidCode`,
	/// `HeadDataTooLarge`, `TooManyActions`.
	pub fn schedule_para_initialize(para: ParaId, genesis: ParaGenesisArgs) -> DispatchResult {
		ensure!(!ParaLifecycles::<T>::contains_key(para), Error::<T>::CannotOnboard);
		ensure!(Self::para_count() < T::MaxParas::get(), Error::<T>::TooManyParas);
		Self::check_code(&genesis.validation_code).map_err(Error::<T>::from)?;
		Self::check_head(&genesis.genesis_head).map_err(Error::<T>::from)?;
		let session = Self::transition_session();
		ensure!(Self::can_queue(para, session), Error::<T>::TooManyActions);

		Self::queue_action(para, session)?;
		let ParaGenesisArgs { genesis_head, validation_code, para_kind } = genesis;
		CurrentCodeHash::<T>::insert(para, Self::increase_code_ref(&validation_code));
		let genesis = ParaGenesisArgs {
			genesis_head,
			validation_code: ValidationCode(Vec::new()),
			para_kind,
		};
		UpcomingParasGenesis::<T>::insert(para, genesis);
		Self::set_lifecycle(para, Some(ParaLifecycle::Onboarding));
		Ok(())
	}

	/// Makes `para` live at once (genesis and benchmarks), skipping the onboarding wait.
	pub fn initialize_para_now(para: ParaId, genesis: ParaGenesisArgs) -> DispatchResult {
		ensure!(!ParaLifecycles::<T>::contains_key(para), Error::<T>::CannotOnboard);
		ensure!(Self::para_count() < T::MaxParas::get(), Error::<T>::TooManyParas);
		Self::check_code(&genesis.validation_code).map_err(Error::<T>::from)?;
		Self::check_head(&genesis.genesis_head).map_err(Error::<T>::from)?;
		if genesis.para_kind == ParaKind::Parachain {
			let mut parachains = Parachains::<T>::get();
			if let Err(at) = parachains.binary_search(&para) {
				parachains.try_insert(at, para).map_err(|_| Error::<T>::TooManyParas)?;
			}
			Parachains::<T>::put(parachains);
		}
		let hash = Self::increase_code_ref(&genesis.validation_code);
		CurrentCodeHash::<T>::insert(para, hash);
		Heads::<T>::insert(para, genesis.genesis_head);
		let state = match genesis.para_kind {
			ParaKind::Parachain => ParaLifecycle::Parachain,
			ParaKind::Parathread => ParaLifecycle::Parathread,
		};
		Self::set_lifecycle(para, Some(state));
		Ok(())
	}

	/// Schedules the removal of `para`. A para still onboarding is removed at once; a live one
	/// at the next transition session.
	///
	/// Errors: `NotRegistered`, `CannotOffboard` (in a transition), `TooManyActions`.
	pub fn schedule_para_cleanup(para: ParaId) -> DispatchResult {
		match ParaLifecycles::<T>::get(para).ok_or(Error::<T>::NotRegistered)? {
			ParaLifecycle::Onboarding => {
				UpcomingParasGenesis::<T>::remove(para);
				if let Some(hash) = CurrentCodeHash::<T>::take(para) {
					Self::decrease_code_ref(&hash);
				}
				Self::set_lifecycle(para, None);
				Ok(())
			},
			ParaLifecycle::Parathread => Self::schedule_transition(
				para,
				ParaLifecycle::Parathread,
				ParaLifecycle::OffboardingParathread,
				Error::<T>::CannotOffboard,
			),
			ParaLifecycle::Parachain => Self::schedule_transition(
				para,
				ParaLifecycle::Parachain,
				ParaLifecycle::OffboardingParachain,
				Error::<T>::CannotOffboard,
			),
			_ => Err(Error::<T>::CannotOffboard.into()),
		}
	}

	/// Schedules a live parathread to become a parachain. Errors: `CannotUpgrade`,
	/// `TooManyActions`.
	pub fn schedule_parathread_upgrade(para: ParaId) -> DispatchResult {
		Self::schedule_transition(
			para,
			ParaLifecycle::Parathread,
			ParaLifecycle::UpgradingParathread,
			Error::<T>::CannotUpgrade,
		)
	}

	/// Schedules a live parachain to become a parathread. Errors: `CannotDowngrade`,
	/// `TooManyActions`.
	pub fn schedule_parachain_downgrade(para: ParaId) -> DispatchResult {
		Self::schedule_transition(
			para,
			ParaLifecycle::Parachain,
			ParaLifecycle::DowngradingParachain,
			Error::<T>::CannotDowngrade,
		)
	}

	/// Sets the head of a live para. Errors: `NotRegistered`, `HeadDataTooLarge`.
	pub fn set_current_head(para: ParaId, head: HeadData) -> DispatchResult {
		ensure!(Heads::<T>::contains_key(para), Error::<T>::NotRegistered);
		Self::check_head(&head).map_err(Error::<T>::from)?;
		Heads::<T>::insert(para, head);
		Ok(())
	}

	/// Checks a head the para produced: the para has a head (it is registered) and the new one
	/// is within `MaxHeadSize`. Reads only; [`Pallet::note_checked_head`] records it.
	/// Errors: `NotRegistered`, `HeadDataTooLarge`.
	pub fn check_new_head(para: ParaId, head: HeadData) -> Result<CheckedHead, Error<T>> {
		ensure!(Heads::<T>::contains_key(para), Error::<T>::NotRegistered);
		Self::check_head(&head).map_err(Error::<T>::from)?;
		Ok(CheckedHead { para, head })
	}

	/// Records a head [`Pallet::check_new_head`] accepted and tells `OnNewHead`: writes only, so
	/// it cannot fail. Returns the weight `OnNewHead` used.
	pub fn note_checked_head(checked: CheckedHead) -> Weight {
		let CheckedHead { para, head } = checked;
		let weight = T::OnNewHead::on_new_head(para, &head);
		Heads::<T>::insert(para, head);
		Self::deposit_event(Event::NewHeadNoted { para_id: para });
		weight
	}

	/// Records a head the para produced (an included candidate) and tells `OnNewHead`.
	/// Returns the weight `OnNewHead` used. Errors: `NotRegistered`, `HeadDataTooLarge`.
	pub fn note_new_head(para: ParaId, head: HeadData) -> Result<Weight, DispatchError> {
		let checked = Self::check_new_head(para, head)?;
		Ok(Self::note_checked_head(checked))
	}

	/// Root's fast-forward of a pending transition (see the call).
	pub(crate) fn do_force_queue_action(para: ParaId) -> DispatchResult {
		ensure!(ParaLifecycles::<T>::contains_key(para), Error::<T>::NotRegistered);
		let session = T::CurrentSession::get().saturating_add(1);
		ensure!(Self::can_queue(para, session), Error::<T>::TooManyActions);
		Self::queue_action(para, session)
	}

	/// Applies the actions of the current session if it has not been done yet; returns how many
	/// paras were handled.
	pub(crate) fn maybe_apply_session_actions() -> u32 {
		let session = T::CurrentSession::get();
		let last = LastSession::<T>::get();
		if last.is_some_and(|last| last >= session) {
			return 0;
		}
		LastSession::<T>::put(session);
		// Sessions move on one at a time; after a gap (first block), also catch up on the
		// previous session's queue.
		let first =
			last.map_or(session, |last| last.saturating_add(1).max(session.saturating_sub(1)));
		(first..=session).fold(0u32, |handled, s| handled.saturating_add(Self::apply_actions_of(s)))
	}

	/// Applies the actions queued for `session`; returns how many.
	pub(crate) fn apply_actions_of(session: SessionIndex) -> u32 {
		let queue = ActionsQueue::<T>::take(session);
		let handled: u32 = queue.len().saturated_into();
		queue.into_iter().for_each(Self::apply_action);
		handled
	}

	/// Moves `para` out of its transitional state.
	pub(crate) fn apply_action(para: ParaId) {
		let Some(state) = ParaLifecycles::<T>::get(para) else { return };
		match state {
			ParaLifecycle::Onboarding => {
				let Some(genesis) = UpcomingParasGenesis::<T>::take(para) else {
					log::error!(target: LOG_TARGET, "para {para} onboarding without genesis");
					return;
				};
				// Its code has been named in `CurrentCodeHash` since registration.
				Heads::<T>::insert(para, genesis.genesis_head);
				match genesis.para_kind {
					ParaKind::Parathread => {
						Self::set_lifecycle(para, Some(ParaLifecycle::Parathread))
					},
					ParaKind::Parachain => {
						Self::add_parachain(para);
						Self::set_lifecycle(para, Some(ParaLifecycle::Parachain));
					},
				}
			},
			ParaLifecycle::UpgradingParathread => {
				Self::add_parachain(para);
				Self::set_lifecycle(para, Some(ParaLifecycle::Parachain));
			},
			ParaLifecycle::DowngradingParachain => {
				Self::remove_parachain(para);
				Self::set_lifecycle(para, Some(ParaLifecycle::Parathread));
			},
			ParaLifecycle::OffboardingParathread | ParaLifecycle::OffboardingParachain => {
				Self::remove_parachain(para);
				Heads::<T>::remove(para);
				if let Some(hash) = CurrentCodeHash::<T>::take(para) {
					Self::note_past_code(para, hash);
				}
				Self::remove_future_code(para);
				UpgradeCooldowns::<T>::remove(para);
				Self::set_lifecycle(para, None);
			},
			ParaLifecycle::Parathread | ParaLifecycle::Parachain => {},
		}
	}

	fn add_parachain(para: ParaId) {
		Parachains::<T>::mutate(|parachains| {
			if let Err(at) = parachains.binary_search(&para) {
				// Cannot be full: every parachain is one of at most `MaxParas` paras.
				if parachains.try_insert(at, para).is_err() {
					log::error!(target: LOG_TARGET, "parachain list full adding {para}");
				}
			}
		});
	}

	fn remove_parachain(para: ParaId) {
		Parachains::<T>::mutate(|parachains| {
			if let Ok(at) = parachains.binary_search(&para) {
				parachains.remove(at);
			}
		});
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> Pallet<T> {
	/// Applies every queued action now, whatever its session (benchmark set-up only).
	pub fn apply_all_pending_actions() {
		let sessions: Vec<SessionIndex> = ActionsQueue::<T>::iter_keys().collect();
		for session in sessions {
			Self::apply_actions_of(session);
		}
	}
}

impl<T: Config> relay_primitives::traits::ParaHeads for Pallet<T> {
	fn current_head_hash(id: ParaId) -> Option<relay_primitives::Hash> {
		Heads::<T>::get(id).map(|head| head.hash())
	}
}
