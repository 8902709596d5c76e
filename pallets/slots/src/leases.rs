//! The lease logic behind the calls, the lease-period hook and the `Leaser` and `OnSwap` traits.

use crate::*;
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use relay_primitives::holds::release_or_log;
use sp_runtime::traits::{
	CheckedDiv, CheckedMul, CheckedSub, Saturating, UniqueSaturatedInto, Zero,
};

impl<T: Config> Pallet<T> {
	/// The lease period of block `b` and whether `b` is its first block (`None` before
	/// `LeaseOffset`).
	pub fn lease_period_index(b: BlockNumberFor<T>) -> Option<(LeasePeriodIndex, bool)> {
		let since_offset = b.checked_sub(&T::LeaseOffset::get())?;
		let length = T::LeasePeriod::get();
		let period = since_offset.checked_div(&length)?;
		let first = period.checked_mul(&length)? == since_offset;
		Some((period.unique_saturated_into(), first))
	}

	/// The lease period now.
	pub fn current_period() -> Option<LeasePeriodIndex> {
		Self::lease_period_index(frame_system::Pallet::<T>::block_number()).map(|(p, _)| p)
	}

	/// What `leaser` holds for `para`: the most it owes in any remaining period.
	pub fn deposit_held(para: ParaId, leaser: &T::AccountId) -> BalanceOf<T> {
		Leases::<T>::get(para)
			.iter()
			.flatten()
			.filter(|(who, _)| who == leaser)
			.map(|(_, amount)| *amount)
			.max()
			.unwrap_or_else(Zero::zero)
	}

	fn release(para: ParaId, leaser: &T::AccountId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		release_or_log::<_, T::Currency>(
			&HoldReason::LeaseDeposit.into(),
			leaser,
			amount,
			LOG_TARGET,
		);
		Self::deposit_event(Event::DepositRebated {
			para_id: para,
			leaser: leaser.clone(),
			amount,
		});
	}

	/// Records a lease of `count` periods from `begin` (the current period being `current`) and
	/// holds what the leaser does not hold for the para yet. Nothing changes on error. Returns
	/// the newly held amount.
	pub(crate) fn insert_lease(
		para: ParaId,
		leaser: &T::AccountId,
		amount: BalanceOf<T>,
		current: LeasePeriodIndex,
		begin: LeasePeriodIndex,
		count: LeasePeriodIndex,
	) -> Result<BalanceOf<T>, LeaseError> {
		ensure!(count > 0, LeaseError::NoPeriods);
		// Leases belong to registered paras only, and a leased para cannot be deregistered,
		// so the lease-period start handles at most `MaxParas` paras.
		ensure!(T::Registrar::is_registered(para), LeaseError::ParaNotRegistered);
		let offset = begin.checked_sub(current).ok_or(LeaseError::AlreadyEnded)?;
		let end = offset.checked_add(count).ok_or(LeaseError::TooFarAhead)?;
		ensure!(end <= T::MaxLeasePeriods::get(), LeaseError::TooFarAhead);
		let held = Self::deposit_held(para, leaser);
		let mut leases = Leases::<T>::get(para).into_inner();
		if leases.len() < end as usize {
			leases.resize(end as usize, None);
		}
		for lease in leases.get_mut(offset as usize..end as usize).ok_or(LeaseError::TooFarAhead)? {
			ensure!(lease.is_none(), LeaseError::AlreadyLeased);
			*lease = Some((leaser.clone(), amount));
		}
		let leases = BoundedVec::try_from(leases).map_err(|_| LeaseError::TooFarAhead)?;
		let extra = amount.saturating_sub(held);
		if !extra.is_zero() {
			T::Currency::hold(&HoldReason::LeaseDeposit.into(), leaser, extra)
				.map_err(|_| LeaseError::ReserveFailed)?;
		}
		Leases::<T>::insert(para, leases);
		Ok(extra)
	}

	/// The start of lease period `period`: every lease moves on by one period.
	pub(crate) fn manage_lease_period_start(period: LeasePeriodIndex) -> Weight {
		Self::deposit_event(Event::NewLeasePeriod { lease_period: period });
		let all: Vec<_> = Leases::<T>::iter().collect();
		let (mut paras, mut ended_leases) = (0u32, 0u32);
		let (mut onboard, mut offboard) = (Vec::new(), Vec::new());
		for (para, leases) in all {
			paras = paras.saturating_add(1);
			let mut leases = leases.into_inner();
			// Entry 0 was the period that just ended, except at the start of period 0, which
			// has no predecessor (leases made at genesis start with period 0).
			let ended = if period == 0 || leases.is_empty() { None } else { leases.remove(0) };
			let now_leased = matches!(leases.first(), Some(Some(_)));
			if leases.is_empty() {
				Leases::<T>::remove(para);
			} else {
				// Shorter than before, so it fits.
				Leases::<T>::insert(para, BoundedVec::truncate_from(leases));
			}
			if let Some((leaser, amount)) = &ended {
				ended_leases = ended_leases.saturating_add(1);
				let still_held = Self::deposit_held(para, leaser);
				Self::release(para, leaser, amount.saturating_sub(still_held));
			}
			match (ended.is_some(), now_leased) {
				(true, false) => offboard.push(para),
				(false, true) => onboard.push(para),
				_ => {},
			}
		}
		onboard.sort();
		for para in onboard {
			// A para leased before it was registered is onboarded later with `trigger_onboard`.
			if T::Registrar::is_parathread(para) {
				if let Err(e) = T::Registrar::make_parachain(para) {
					log::warn!(target: LOG_TARGET, "lease of {para} started, upgrade failed: {e:?}");
				}
			}
		}
		offboard.sort();
		for para in offboard {
			Self::deposit_event(Event::LeaseEnded { para_id: para });
			if T::Registrar::is_parachain(para) {
				if let Err(e) = T::Registrar::make_parathread(para) {
					log::warn!(target: LOG_TARGET, "lease of {para} ended, downgrade failed: {e:?}");
				}
			}
		}
		T::WeightInfo::manage_lease_period_start(paras, ended_leases)
	}

	/// Removes every lease of `para`, releasing each leaser's deposit; a parachain is scheduled
	/// to become a parathread.
	pub(crate) fn do_clear_all_leases(para: ParaId) {
		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (leaser, amount) in Leases::<T>::take(para).into_iter().flatten() {
			let entry = held.entry(leaser).or_insert_with(Zero::zero);
			*entry = (*entry).max(amount);
		}
		for (leaser, amount) in held {
			Self::release(para, &leaser, amount);
		}
		if T::Registrar::is_parachain(para) {
			if let Err(e) = T::Registrar::make_parathread(para) {
				log::warn!(target: LOG_TARGET, "leases of {para} cleared, downgrade failed: {e:?}");
			}
		}
		Self::deposit_event(Event::LeasesCleared { para_id: para });
	}
}

impl<T: Config> Leaser<BlockNumberFor<T>> for Pallet<T> {
	type AccountId = T::AccountId;
	type Balance = BalanceOf<T>;

	fn lease_out(
		para: ParaId,
		leaser: &T::AccountId,
		amount: BalanceOf<T>,
		period_begin: LeasePeriodIndex,
		period_count: LeasePeriodIndex,
	) -> Result<(), LeaseError> {
		let current = Self::current_period().ok_or(LeaseError::NoLeasePeriod)?;
		let extra = Self::insert_lease(para, leaser, amount, current, period_begin, period_count)?;
		if period_begin == current && T::Registrar::is_parathread(para) {
			// Best effort: a para that cannot be upgraded now can use `trigger_onboard` later.
			if let Err(e) = T::Registrar::make_parachain(para) {
				log::warn!(target: LOG_TARGET, "leased {para} now, upgrade failed: {e:?}");
			}
		}
		Self::deposit_event(Event::Leased {
			para_id: para,
			leaser: leaser.clone(),
			period_begin,
			period_count,
			extra_reserved: extra,
			total_amount: Self::deposit_held(para, leaser),
		});
		Ok(())
	}

	fn deposit_held(para: ParaId, leaser: &T::AccountId) -> BalanceOf<T> {
		Pallet::<T>::deposit_held(para, leaser)
	}

	fn lease_period_length() -> (BlockNumberFor<T>, BlockNumberFor<T>) {
		(T::LeasePeriod::get(), T::LeaseOffset::get())
	}

	fn lease_period_index(block: BlockNumberFor<T>) -> Option<(LeasePeriodIndex, bool)> {
		Pallet::<T>::lease_period_index(block)
	}

	fn max_lease_periods() -> LeasePeriodIndex {
		T::MaxLeasePeriods::get()
	}

	fn already_leased(
		para: ParaId,
		first_period: LeasePeriodIndex,
		last_period: LeasePeriodIndex,
	) -> bool {
		let Some(current) = Self::current_period() else { return false };
		let leases = Leases::<T>::get(para);
		let first = first_period.saturating_sub(current) as usize;
		let Some(last) = last_period.checked_sub(current) else { return false };
		leases
			.iter()
			.enumerate()
			.skip(first)
			.take_while(|(i, _)| *i <= last as usize)
			.any(|(_, lease)| lease.is_some())
	}
}

impl<T: Config> LeaseHolders for Pallet<T> {
	fn is_leased(para: ParaId) -> bool {
		Leases::<T>::contains_key(para)
	}
}

impl<T: Config> OnSwap for Pallet<T> {
	fn on_swap(one: ParaId, other: ParaId) {
		Leases::<T>::swap(one, other);
	}
}
