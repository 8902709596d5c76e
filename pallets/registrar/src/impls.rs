//! The registrar's logic behind its calls and the `Registrar` and `OnNewHead` traits.

use crate::*;
use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use frame_system::{ensure_signed, pallet_prelude::OriginFor};
use pallet_paras::ParaGenesisArgs;
use relay_primitives::{holds::release_or_log, ParaLifecycle};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult, SaturatedConversion,
};

impl<T: Config> Pallet<T> {
	/// Lets root through, and a signed origin if it is the para's unlocked manager.
	pub(crate) fn ensure_force_or_manager(origin: OriginFor<T>, id: ParaId) -> DispatchResult {
		let origin = match <T as Config>::ForceOrigin::try_origin(origin) {
			Ok(_) => return Ok(()),
			Err(origin) => origin,
		};
		let who = ensure_signed(origin)?;
		let info = Paras::<T>::get(id).ok_or(Error::<T>::NotRegistered)?;
		ensure!(info.manager == who, Error::<T>::NotOwner);
		ensure!(!info.is_locked(), Error::<T>::ParaLocked);
		Ok(())
	}

	pub(crate) fn check_code(code: &ValidationCode) -> DispatchResult {
		pallet_paras::Pallet::<T>::check_code(code).map_err(|e| Error::<T>::from(e).into())
	}

	pub(crate) fn check_head(head: &HeadData) -> DispatchResult {
		pallet_paras::Pallet::<T>::check_head(head).map_err(|e| Error::<T>::from(e).into())
	}

	/// The deposit a registration with a head of `head_len` bytes needs.
	pub fn registration_deposit(head_len: u32) -> BalanceOf<T> {
		let bytes = head_len.saturating_add(<T as pallet_paras::Config>::MaxCodeSize::get());
		T::ParaDeposit::get()
			.saturating_add(T::DataDepositPerByte::get().saturating_mul(bytes.into()))
	}

	fn hold(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		if amount.is_zero() {
			return Ok(());
		}
		T::Currency::hold(&HoldReason::ParaDeposit.into(), who, amount)
	}

	fn release(who: &T::AccountId, amount: BalanceOf<T>) {
		release_or_log::<_, T::Currency>(&HoldReason::ParaDeposit.into(), who, amount, LOG_TARGET);
	}

	/// The first id from `NextFreeParaId` on that no para uses, or `None` after
	/// [`MAX_FREE_ID_PROBES`] tries (ids above `NextFreeParaId` can be taken by forced or
	/// genesis registrations). Bounded, so `reserve`'s weight covers its worst case.
	fn next_free_id() -> Option<ParaId> {
		let mut id = NextFreeParaId::<T>::get();
		for _ in 0..MAX_FREE_ID_PROBES {
			if !Paras::<T>::contains_key(id) && !pallet_paras::Pallet::<T>::is_valid_para(id) {
				return Some(id);
			}
			id = id.checked_next()?;
		}
		None
	}

	pub(crate) fn do_reserve(who: T::AccountId) -> DispatchResult {
		let id = Self::next_free_id().ok_or(Error::<T>::NoFreeParaId)?;
		let deposit = T::ParaDeposit::get();
		Self::hold(&who, deposit)?;
		Paras::<T>::insert(id, ParaInfo { manager: who.clone(), deposit, locked: None });
		NextFreeParaId::<T>::put(id.checked_next().unwrap_or(id));
		Self::deposit_event(Event::Reserved { para_id: id, who });
		Ok(())
	}

	/// Registers `id` for `who`. With `ensure_reserved`, `who` must manage the reserved id;
	/// otherwise the id must be free. `deposit` overrides the computed deposit (root).
	pub(crate) fn do_register(
		who: T::AccountId,
		deposit: Option<BalanceOf<T>>,
		id: ParaId,
		genesis_head: HeadData,
		validation_code: ValidationCode,
		ensure_reserved: bool,
	) -> DispatchResult {
		let existing = Paras::<T>::get(id);
		let held = if ensure_reserved {
			let info = existing.as_ref().ok_or(Error::<T>::NotReserved)?;
			ensure!(info.manager == who, Error::<T>::NotOwner);
			ensure!(!info.is_locked(), Error::<T>::ParaLocked);
			info.deposit
		} else {
			ensure!(existing.is_none(), Error::<T>::AlreadyRegistered);
			Zero::zero()
		};
		ensure!(!pallet_paras::Pallet::<T>::is_valid_para(id), Error::<T>::AlreadyRegistered);
		ensure!(
			pallet_paras::Pallet::<T>::para_count() < <T as pallet_paras::Config>::MaxParas::get(),
			Error::<T>::TooManyParas
		);
		Self::check_code(&validation_code)?;
		Self::check_head(&genesis_head)?;

		let required = deposit
			.unwrap_or_else(|| Self::registration_deposit(genesis_head.0.len().saturated_into()));
		if required > held {
			Self::hold(&who, required.saturating_sub(held))?;
		}
		let genesis =
			ParaGenesisArgs { genesis_head, validation_code, para_kind: ParaKind::Parathread };
		pallet_paras::Pallet::<T>::schedule_para_initialize(id, genesis)?;
		if held > required {
			Self::release(&who, held.saturating_sub(required));
		}
		let locked = existing.and_then(|info| info.locked);
		if !ensure_reserved && id == NextFreeParaId::<T>::get() {
			// A forced registration at the next public id moves it on, so `reserve` never has
			// to skip a run of forced ids longer than it probes.
			NextFreeParaId::<T>::put(id.checked_next().unwrap_or(id));
		}
		Paras::<T>::insert(id, ParaInfo { manager: who.clone(), deposit: required, locked });
		Self::deposit_event(Event::Registered { para_id: id, manager: who });
		Ok(())
	}

	pub(crate) fn do_deregister(id: ParaId) -> DispatchResult {
		let info = Paras::<T>::get(id).ok_or(Error::<T>::NotRegistered)?;
		ensure!(!T::Leases::is_leased(id), Error::<T>::ParaHasLease);
		match pallet_paras::Pallet::<T>::lifecycle(id) {
			None => {},
			Some(ParaLifecycle::Onboarding | ParaLifecycle::Parathread) => {
				pallet_paras::Pallet::<T>::schedule_para_cleanup(id)
					.map_err(|_| Error::<T>::CannotDeregister)?
			},
			Some(_) => return Err(Error::<T>::CannotDeregister.into()),
		}
		Self::release(&info.manager, info.deposit);
		Paras::<T>::remove(id);
		PendingSwap::<T>::remove(id);
		Self::deposit_event(Event::Deregistered { para_id: id });
		Ok(())
	}

	pub(crate) fn do_swap(id: ParaId, other: ParaId) -> DispatchResult {
		if id == other {
			PendingSwap::<T>::remove(id);
			return Ok(());
		}
		let id_state = pallet_paras::Pallet::<T>::lifecycle(id).ok_or(Error::<T>::NotRegistered)?;
		let other_state =
			pallet_paras::Pallet::<T>::lifecycle(other).ok_or(Error::<T>::NotRegistered)?;
		if PendingSwap::<T>::get(other) != Some(id) {
			PendingSwap::<T>::insert(id, other);
			Self::deposit_event(Event::SwapRequested { para_id: id, other_id: other });
			return Ok(());
		}
		use ParaLifecycle::{Parachain, Parathread};
		match (id_state, other_state) {
			(Parachain, Parathread) => {
				pallet_paras::Pallet::<T>::schedule_parachain_downgrade(id)?;
				pallet_paras::Pallet::<T>::schedule_parathread_upgrade(other)?;
			},
			(Parathread, Parachain) => {
				pallet_paras::Pallet::<T>::schedule_parathread_upgrade(id)?;
				pallet_paras::Pallet::<T>::schedule_parachain_downgrade(other)?;
			},
			(Parachain, Parachain) => {},
			_ => return Err(Error::<T>::CannotSwap.into()),
		}
		T::OnSwap::on_swap(id, other);
		PendingSwap::<T>::remove(other);
		Self::deposit_event(Event::Swapped { para_id: id, other_id: other });
		Ok(())
	}

	fn set_lock(id: ParaId, locked: bool) {
		Paras::<T>::mutate(id, |info| {
			if let Some(info) = info {
				info.locked = Some(locked);
				let para_id = id;
				Self::deposit_event(if locked {
					Event::LockAdded { para_id }
				} else {
					Event::LockRemoved { para_id }
				});
			}
		});
	}
}

pallet_paras::impl_from_data_error!();

impl<T: Config> Registrar for Pallet<T> {
	type AccountId = T::AccountId;

	fn manager_of(id: ParaId) -> Option<T::AccountId> {
		Paras::<T>::get(id).map(|info| info.manager)
	}

	fn parachains() -> Vec<ParaId> {
		pallet_paras::Pallet::<T>::parachains()
	}

	fn is_parathread(id: ParaId) -> bool {
		pallet_paras::Pallet::<T>::is_parathread(id)
	}

	fn is_registered(id: ParaId) -> bool {
		pallet_paras::Pallet::<T>::lifecycle(id)
			.is_some_and(|state| !state.is_onboarding() && !state.is_offboarding())
	}

	fn apply_lock(id: ParaId) {
		Self::set_lock(id, true)
	}

	fn remove_lock(id: ParaId) {
		Self::set_lock(id, false)
	}

	fn register(
		manager: T::AccountId,
		id: ParaId,
		genesis_head: HeadData,
		validation_code: ValidationCode,
	) -> DispatchResult {
		Self::do_register(manager, None, id, genesis_head, validation_code, false)
	}

	fn deregister(id: ParaId) -> DispatchResult {
		Self::do_deregister(id)
	}

	fn make_parachain(id: ParaId) -> DispatchResult {
		ensure!(Self::is_parathread(id), Error::<T>::NotParathread);
		pallet_paras::Pallet::<T>::schedule_parathread_upgrade(id)
			.map_err(|_| Error::<T>::CannotUpgrade)?;
		PendingSwap::<T>::remove(id);
		Ok(())
	}

	fn make_parathread(id: ParaId) -> DispatchResult {
		ensure!(
			pallet_paras::Pallet::<T>::lifecycle(id) == Some(ParaLifecycle::Parachain),
			Error::<T>::NotParachain
		);
		pallet_paras::Pallet::<T>::schedule_parachain_downgrade(id)
			.map_err(|_| Error::<T>::CannotDowngrade)?;
		PendingSwap::<T>::remove(id);
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn worst_head_data() -> HeadData {
		HeadData(alloc::vec![0; <T as pallet_paras::Config>::MaxHeadSize::get() as usize])
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn worst_validation_code() -> ValidationCode {
		let mut code = relay_primitives::paras::WASM_MAGIC.to_vec();
		code.extend_from_slice(&[1, 0, 0, 0]);
		code.resize(<T as pallet_paras::Config>::MaxCodeSize::get() as usize, 0);
		ValidationCode(code)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn execute_pending_transitions() {
		pallet_paras::Pallet::<T>::apply_all_pending_actions();
	}
}

impl<T: Config> OnNewHead for Pallet<T> {
	fn on_new_head(id: ParaId, _head: &HeadData) -> Weight {
		// The first head a para produces locks it, unless a lock was ever set or removed.
		let mut locked_now = false;
		Paras::<T>::mutate(id, |info| {
			if let Some(info) = info {
				if info.locked.is_none() {
					info.locked = Some(true);
					locked_now = true;
				}
			}
		});
		if locked_now {
			Self::deposit_event(Event::LockAdded { para_id: id });
		}
		T::DbWeight::get().reads_writes(1, 1)
	}
}
