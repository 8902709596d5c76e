//! Storage invariants, checked by `try_state` (try-runtime) and by the tests after every block.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks that every account's held lease deposit equals the sum, over paras, of the most it
	/// owes in any period, and that no lease list is empty or ends in a gap.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut owed: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (para, leases) in Leases::<T>::iter() {
			if !matches!(leases.last(), Some(Some(_))) {
				return Err("a lease list is empty or ends in a gap".into());
			}
			if !T::Registrar::is_registered(para) {
				return Err("a para that is not registered holds a lease".into());
			}
			let mut per_para: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (leaser, amount) in leases.into_iter().flatten() {
				let entry = per_para.entry(leaser).or_insert_with(Zero::zero);
				*entry = (*entry).max(amount);
			}
			for (leaser, amount) in per_para {
				debug_assert_eq!(amount, Self::deposit_held(para, &leaser));
				let entry = owed.entry(leaser).or_insert_with(Zero::zero);
				*entry = entry.saturating_add(amount);
			}
		}
		for (leaser, amount) in owed {
			let held =
				<T::Currency as frame_support::traits::fungible::InspectHold<_>>::balance_on_hold(
					&HoldReason::LeaseDeposit.into(),
					&leaser,
				);
			if held != amount {
				return Err("held lease deposit != lease obligations".into());
			}
		}
		Ok(())
	}
}
