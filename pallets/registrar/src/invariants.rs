//! Storage invariants, checked by `try_state` (try-runtime) and by the tests after every block.

use crate::*;
use sp_runtime::Saturating;

impl<T: Config> Pallet<T> {
	/// Checks that every held deposit equals the deposits recorded for the manager's paras.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		let mut owed: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for info in Paras::<T>::iter_values() {
			let entry = owed.entry(info.manager).or_default();
			*entry = entry.saturating_add(info.deposit);
		}
		for (who, amount) in owed {
			let held =
				<T::Currency as frame_support::traits::fungible::InspectHold<_>>::balance_on_hold(
					&HoldReason::ParaDeposit.into(),
					&who,
				);
			if held != amount {
				return Err(sp_runtime::TryRuntimeError::Other("held deposit != registered paras"));
			}
		}
		Ok(())
	}
}
