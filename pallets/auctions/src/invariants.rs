//! Storage invariants, checked by `try_state` (try-runtime) and by the tests after every block.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use frame_support::traits::{fungible::InspectHold, Get};
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Checks that each account's held bid deposit equals the sum of its `ReservedAmounts`, and
	/// that nothing is left without an auction.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let mut owed: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for ((bidder, _), amount) in ReservedAmounts::<T>::iter() {
			let entry = owed.entry(bidder).or_insert_with(Zero::zero);
			*entry = entry.saturating_add(amount);
		}
		for (bidder, amount) in &owed {
			let held = T::Currency::balance_on_hold(&HoldReason::AuctionBid.into(), bidder);
			if held != *amount {
				return Err("held bid deposit != reserved amounts".into());
			}
		}
		if !AuctionInfo::<T>::exists()
			&& (Winning::<T>::iter().next().is_some() || !owed.is_empty())
		{
			return Err("bids are left without an auction".into());
		}
		let pairs = ReservedAmounts::<T>::iter_keys().count();
		if pairs != ReservedAmounts::<T>::count() as usize {
			return Err("the count of ReservedAmounts differs from its entries".into());
		}
		if pairs > T::MaxReserves::get() as usize {
			return Err("more bid deposits than MaxReserves".into());
		}
		Ok(())
	}
}
