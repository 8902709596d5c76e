//! The pallet's invariants (`try_state`), checked after every block in the tests.

use crate::*;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use frame_support::traits::{fungible::InspectHold, Get};
use sp_runtime::{traits::Saturating, TryRuntimeError};

fn ensure(condition: bool, error: &'static str) -> Result<(), TryRuntimeError> {
	if condition {
		Ok(())
	} else {
		Err(error.into())
	}
}

impl<T: Config> Pallet<T> {
	/// Checks that:
	/// - the book is in clearing order (fees never increase) and names each para once, none of
	///   them holding a claim;
	/// - [`Claims`] and [`ClaimedCore`] mirror each other (one core per para, one para per core),
	///   and every claim is live now and for at most `ClaimTtl` blocks;
	/// - each account's [`HoldReason::Bid`] hold is the sum of its bids' fees and its claims'
	///   prices.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut owed: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut owe = |who: &T::AccountId, amount: BalanceOf<T>| {
			let entry = owed.entry(who.clone()).or_default();
			*entry = entry.saturating_add(amount);
		};

		let book = Bids::<T>::get();
		let mut paras = BTreeSet::new();
		for pair in book.windows(2) {
			if let [higher, lower] = pair {
				ensure(higher.fee >= lower.fee, "the book is not in clearing order")?;
			}
		}
		for bid in &book {
			ensure(paras.insert(bid.para_id), "a para has two bids in the book")?;
			ensure(!ClaimedCore::<T>::contains_key(bid.para_id), "a para with a claim bids")?;
			owe(&bid.bidder, bid.fee);
		}

		let now = frame_system::Pallet::<T>::block_number();
		let last = now.saturating_add(T::ClaimTtl::get());
		let mut claimed = 0usize;
		for (core, claim) in Claims::<T>::iter() {
			ensure(
				ClaimedCore::<T>::get(claim.para_id) == Some(core),
				"ClaimedCore does not name a claim's core",
			)?;
			ensure(claim.expires_at > now, "an expired claim is left")?;
			ensure(claim.expires_at <= last, "a claim is live for longer than ClaimTtl")?;
			owe(&claim.bidder, claim.price);
			claimed.saturating_inc();
		}
		ensure(ClaimedCore::<T>::iter().count() == claimed, "ClaimedCore names a core twice")?;

		for (who, amount) in &owed {
			let held = T::Currency::balance_on_hold(&HoldReason::Bid.into(), who);
			ensure(held == *amount, "held fees != the bids' fees and the claims' prices")?;
		}
		Ok(())
	}
}
