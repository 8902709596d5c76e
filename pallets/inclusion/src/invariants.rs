//! Storage invariants, checked by `try_state` (try-runtime) and by the runtime's tests after
//! every block.

use crate::*;
use alloc::collections::btree_set::BTreeSet;
use frame_support::traits::Get;
use sp_runtime::{traits::UniqueSaturatedInto, TryRuntimeError};

impl<T: Config> Pallet<T> {
	/// Checks that
	/// - the recent relay parents are in increasing block order, with distinct hashes, all
	///   before the current block, at most `AllowedRelayParents` of them;
	/// - no two active validators share a `para_validator` key.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let parents = RelayParents::<T>::get();
		let now: BlockNumber = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		frame_support::ensure!(
			parents.windows(2).all(|pair| matches!(pair, [a, b] if a.number < b.number)),
			"relay parents are not in increasing block order",
		);
		frame_support::ensure!(
			parents.iter().all(|p| p.number < now),
			"a relay parent is not in the past"
		);
		let hashes: BTreeSet<_> = parents.iter().map(|p| p.hash).collect();
		frame_support::ensure!(hashes.len() == parents.len(), "a relay parent is listed twice");
		frame_support::ensure!(
			parents.len() <= T::AllowedRelayParents::get() as usize,
			"more relay parents than AllowedRelayParents",
		);
		let keys = ActiveValidatorKeys::<T>::get();
		let distinct: BTreeSet<_> = keys.iter().collect();
		frame_support::ensure!(
			distinct.len() == keys.len(),
			"two validators share a para_validator key"
		);
		Ok(())
	}
}
