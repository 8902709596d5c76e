//! Validation code: stored once by hash with reference counts, scheduled upgrades, past code and
//! its pruning.

use crate::*;
use frame_support::{ensure, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Saturating, DispatchResult};

/// A code upgrade that passed every check of [`Pallet::check_code_upgrade`]. Only this pallet
/// makes one, and [`Pallet::schedule_checked_code_upgrade`] applies it without any further check,
/// so a caller that checked first (inclusion, before enacting a candidate's head) cannot be
/// refused later.
#[derive(
	frame_support::CloneNoBound,
	frame_support::DebugNoBound,
	frame_support::PartialEqNoBound,
	frame_support::EqNoBound,
)]
#[must_use = "a checked upgrade changes nothing until it is scheduled"]
pub struct CheckedCodeUpgrade<T: Config> {
	para: ParaId,
	code: ValidationCode,
	expected_at: BlockNumberFor<T>,
	/// The block of the pending upgrade it replaces (forced upgrades only).
	replaces: Option<BlockNumberFor<T>>,
}

/// A new head that passed [`Pallet::check_new_head`]; [`Pallet::note_checked_head`] records it
/// without any further check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedHead {
	pub(crate) para: ParaId,
	pub(crate) head: HeadData,
}

impl CheckedHead {
	/// The para.
	pub fn para(&self) -> ParaId {
		self.para
	}
	/// The head.
	pub fn head(&self) -> &HeadData {
		&self.head
	}
}

impl<T: Config> CheckedCodeUpgrade<T> {
	/// The para.
	pub fn para(&self) -> ParaId {
		self.para
	}
	/// The new code.
	pub fn code(&self) -> &ValidationCode {
		&self.code
	}
}

impl<T: Config> Pallet<T> {
	/// Checks a code's length and header.
	pub fn check_code(code: &ValidationCode) -> Result<(), DataError> {
		ensure!(code.0.len() <= T::MaxCodeSize::get() as usize, DataError::CodeTooLarge);
		ensure!(code.looks_like_wasm(), DataError::InvalidCode);
		Ok(())
	}

	/// Checks a head's length.
	pub fn check_head(head: &HeadData) -> Result<(), DataError> {
		ensure!(head.0.len() <= T::MaxHeadSize::get() as usize, DataError::HeadDataTooLarge);
		Ok(())
	}

	/// The code a para runs now.
	pub fn current_code(para: ParaId) -> Option<ValidationCode> {
		CurrentCodeHash::<T>::get(para).and_then(CodeByHash::<T>::get)
	}

	/// Adds a use of `code`, storing it if it is new. Returns its hash.
	pub(crate) fn increase_code_ref(code: &ValidationCode) -> ValidationCodeHash {
		let hash = code.hash();
		CodeByHashRefs::<T>::mutate(hash, |refs| {
			if *refs == 0 {
				CodeByHash::<T>::insert(hash, code);
			}
			*refs = refs.saturating_add(1);
		});
		hash
	}

	/// Drops a use of the code `hash`, deleting it with its last use.
	pub(crate) fn decrease_code_ref(hash: &ValidationCodeHash) {
		CodeByHashRefs::<T>::mutate_exists(hash, |refs| {
			let left = refs.unwrap_or(0).saturating_sub(1);
			if left == 0 {
				*refs = None;
				CodeByHash::<T>::remove(hash);
			} else {
				*refs = Some(left);
			}
		});
	}

	/// Keeps `hash`, replaced now, as past code of `para` until the retention period ends. The use
	/// it had as current code carries over to the past-code entry.
	pub(crate) fn note_past_code(para: ParaId, hash: ValidationCodeHash) {
		let now = frame_system::Pallet::<T>::block_number();
		// Code replaced twice in one block: the second one was current for no block at all, so
		// only the first needs keeping.
		if PastCodeHash::<T>::contains_key((para, now)) {
			Self::decrease_code_ref(&hash);
			return;
		}
		let prune_at = now.saturating_add(T::CodeRetentionPeriod::get());
		let queued = PastCodePruning::<T>::mutate(prune_at, |list| {
			list.contains(&(para, now)) || list.try_push((para, now)).is_ok()
		});
		if queued {
			PastCodeHash::<T>::insert((para, now), hash);
		} else {
			// No room to queue its pruning: keep nothing rather than something never pruned.
			PastCodeHash::<T>::remove((para, now));
			Self::decrease_code_ref(&hash);
		}
	}

	/// Replaces the current code of `para` with `code` now; the old code becomes past code.
	pub(crate) fn replace_current_code(para: ParaId, new_hash: ValidationCodeHash) {
		if let Some(old) = CurrentCodeHash::<T>::mutate(para, |current| current.replace(new_hash)) {
			Self::note_past_code(para, old);
		}
		Self::deposit_event(Event::CurrentCodeUpdated { para_id: para, code_hash: new_hash });
	}

	/// Root's immediate code replacement (see the call).
	pub(crate) fn do_force_set_current_code(para: ParaId, code: ValidationCode) -> DispatchResult {
		ensure!(CurrentCodeHash::<T>::contains_key(para), Error::<T>::NotRegistered);
		Self::check_code(&code).map_err(Error::<T>::from)?;
		let hash = Self::increase_code_ref(&code);
		Self::replace_current_code(para, hash);
		Ok(())
	}

	/// The one rule for scheduling a code upgrade, for every caller (the calls here, the
	/// registrar, inclusion): `para` is live (neither onboarding nor offboarding), `code` is
	/// valid, and unless `force` no upgrade is pending and the cooldown is over; the upgrade
	/// would be enacted `ValidationUpgradeDelay` blocks after `from` (at the earliest the next
	/// block). Reads only; [`Pallet::schedule_checked_code_upgrade`] applies the result.
	pub fn check_code_upgrade(
		para: ParaId,
		code: ValidationCode,
		from: BlockNumberFor<T>,
		force: bool,
	) -> Result<CheckedCodeUpgrade<T>, Error<T>> {
		let lifecycle = ParaLifecycles::<T>::get(para).ok_or(Error::<T>::NotRegistered)?;
		ensure!(
			!lifecycle.is_onboarding() && !lifecycle.is_offboarding(),
			Error::<T>::CannotUpgradeCode
		);
		Self::check_code(&code).map_err(Error::<T>::from)?;
		let now = frame_system::Pallet::<T>::block_number();
		let replaces = FutureCodeUpgrades::<T>::get(para);
		if !force {
			ensure!(replaces.is_none(), Error::<T>::CannotUpgradeCode);
			let cooldown_until = UpgradeCooldowns::<T>::get(para).unwrap_or_default();
			ensure!(now >= cooldown_until, Error::<T>::CannotUpgradeCode);
		}
		let earliest = now.saturating_add(1u32.into());
		let expected_at = from.saturating_add(T::ValidationUpgradeDelay::get()).max(earliest);
		Ok(CheckedCodeUpgrade { para, code, expected_at, replaces })
	}

	/// Schedules an upgrade [`Pallet::check_code_upgrade`] accepted: writes only, so it cannot
	/// fail. (The list of upgrades at `expected_at` has room: it holds distinct paras, at most
	/// `MaxParas` exist, and this one is not in it unless it is already listed.)
	pub fn schedule_checked_code_upgrade(upgrade: CheckedCodeUpgrade<T>) {
		let CheckedCodeUpgrade { para, code, expected_at, replaces } = upgrade;
		if let Some(old_at) = replaces {
			UpcomingUpgradesAt::<T>::mutate(old_at, |list| list.retain(|p| *p != para));
			if let Some(old_hash) = FutureCodeHash::<T>::take(para) {
				Self::decrease_code_ref(&old_hash);
			}
		}
		let hash = Self::increase_code_ref(&code);
		UpcomingUpgradesAt::<T>::mutate(expected_at, |list| {
			if !list.contains(&para) && list.try_push(para).is_err() {
				frame_support::defensive!("more upgrades at one block than paras");
			}
		});
		FutureCodeUpgrades::<T>::insert(para, expected_at);
		FutureCodeHash::<T>::insert(para, hash);
		Self::deposit_event(Event::CodeUpgradeScheduled { para_id: para, expected_at });
	}

	/// Checks and schedules `code` for `para` (see [`Pallet::check_code_upgrade`]).
	pub fn do_schedule_code_upgrade(
		para: ParaId,
		code: ValidationCode,
		from: BlockNumberFor<T>,
		force: bool,
	) -> DispatchResult {
		let upgrade = Self::check_code_upgrade(para, code, from, force)?;
		Self::schedule_checked_code_upgrade(upgrade);
		Ok(())
	}

	/// Schedules a code upgrade for `para` the way its manager or governance asks for one:
	/// respecting a pending upgrade and the cooldown.
	pub fn schedule_code_upgrade(para: ParaId, code: ValidationCode) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		Self::do_schedule_code_upgrade(para, code, now, false)
	}

	/// Enacts the upgrades due at `now`; returns how many.
	pub(crate) fn enact_code_upgrades(now: BlockNumberFor<T>) -> u32 {
		let due = UpcomingUpgradesAt::<T>::take(now);
		let mut enacted = 0u32;
		for para in due {
			if FutureCodeUpgrades::<T>::get(para) != Some(now) {
				continue;
			}
			FutureCodeUpgrades::<T>::remove(para);
			let Some(hash) = FutureCodeHash::<T>::take(para) else { continue };
			Self::replace_current_code(para, hash);
			UpgradeCooldowns::<T>::insert(
				para,
				now.saturating_add(T::ValidationUpgradeCooldown::get()),
			);
			enacted = enacted.saturating_add(1);
		}
		enacted
	}

	/// Prunes the past code whose retention ends at `now`; returns how much.
	pub(crate) fn prune_past_code(now: BlockNumberFor<T>) -> u32 {
		let due = PastCodePruning::<T>::take(now);
		let mut pruned = 0u32;
		for key in due {
			if let Some(hash) = PastCodeHash::<T>::take(key) {
				Self::decrease_code_ref(&hash);
				Self::deposit_event(Event::PastCodePruned { para_id: key.0, code_hash: hash });
				pruned = pruned.saturating_add(1);
			}
		}
		pruned
	}

	/// Drops a scheduled upgrade of `para` (when it is removed).
	pub(crate) fn remove_future_code(para: ParaId) {
		if let Some(at) = FutureCodeUpgrades::<T>::take(para) {
			UpcomingUpgradesAt::<T>::mutate(at, |list| list.retain(|p| *p != para));
		}
		if let Some(hash) = FutureCodeHash::<T>::take(para) {
			Self::decrease_code_ref(&hash);
		}
	}
}

crate::impl_from_data_error!();
