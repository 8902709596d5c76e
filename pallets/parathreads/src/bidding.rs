//! Placing a bid in the current block's book: checks, replacement of the para's earlier bid or
//! eviction of the lowest bid of a full book, and the holds.

use crate::*;
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use relay_primitives::holds::release_or_log;
use sp_runtime::traits::Saturating;

/// A bid that leaves the book to make way for a new one.
#[allow(clippy::cast_possible_truncation)] // The SCALE derives cast variant indices.
enum Displaced<T: Config> {
	/// The para's earlier, lower bid.
	Replaced(BidOf<T>),
	/// The lowest bid of a full book.
	Evicted(BidOf<T>),
}

impl<T: Config> Pallet<T> {
	/// Places a bid; see [`Pallet::bid`]. Every check comes before the first write.
	pub(crate) fn do_bid(
		bidder: T::AccountId,
		para_id: ParaId,
		fee: BalanceOf<T>,
		head_hash: Hash,
	) -> DispatchResult {
		ensure!(T::Registrar::is_parathread(para_id), Error::<T>::NotParathread);
		let current = T::ParaHeads::current_head_hash(para_id).ok_or(Error::<T>::NoHead)?;
		ensure!(current == head_hash, Error::<T>::StaleHead);
		ensure!(fee >= T::ReservePrice::get(), Error::<T>::BelowReservePrice);
		ensure!(!ClaimedCore::<T>::contains_key(para_id), Error::<T>::AlreadyClaimed);

		let mut book: Vec<BidOf<T>> = Bids::<T>::get().into_inner();
		let displaced = if let Some(at) = book.iter().position(|b| b.para_id == para_id) {
			let old = book.remove(at);
			ensure!(fee > old.fee, Error::<T>::BidNotHigher);
			Some(Displaced::<T>::Replaced(old))
		} else if book.len() >= T::MaxBidsPerBlock::get() as usize {
			// The last bid is the lowest, and of equal lowest fees the latest: the one that would
			// lose the tie anyway.
			let lowest = book.pop().ok_or(Error::<T>::BidTooLow)?;
			ensure!(fee > lowest.fee, Error::<T>::BidTooLow);
			Some(Displaced::<T>::Evicted(lowest))
		} else {
			None
		};
		// After every bid with an equal or higher fee: ties go to the earlier bid.
		let at = book.iter().position(|b| b.fee < fee).unwrap_or(book.len());
		let bid = BidOf::<T> { para_id, bidder: bidder.clone(), fee, head_hash };
		book.insert(at, bid);
		let book = BoundedVec::<_, T::MaxBidsPerBlock>::try_from(book)
			.map_err(|_| Error::<T>::BidTooLow)?;

		// A bidder raising its own bid holds only the difference.
		let to_hold = match &displaced {
			Some(Displaced::Replaced(old)) if old.bidder == bidder => fee.saturating_sub(old.fee),
			_ => fee,
		};
		T::Currency::hold(&HoldReason::Bid.into(), &bidder, to_hold)?;

		match displaced {
			Some(Displaced::Replaced(old)) => {
				if old.bidder != bidder {
					Self::release(&old.bidder, old.fee);
				}
				Self::deposit_event(Event::BidReplaced {
					para_id,
					bidder: old.bidder,
					fee: old.fee,
					by: bidder.clone(),
					new_fee: fee,
				});
			},
			Some(Displaced::Evicted(lowest)) => {
				Self::release(&lowest.bidder, lowest.fee);
				Self::deposit_event(Event::BidEvicted {
					para_id: lowest.para_id,
					bidder: lowest.bidder,
					fee: lowest.fee,
				});
			},
			None => {},
		}
		Bids::<T>::put(book);
		Self::deposit_event(Event::BidPlaced { para_id, bidder, fee, head_hash });
		Ok(())
	}

	/// Releases `amount` of `who`'s held fees (a lost, replaced or evicted bid, the rest of a
	/// winner's fee, or an expired claim).
	pub(crate) fn release(who: &T::AccountId, amount: BalanceOf<T>) {
		release_or_log::<_, T::Currency>(&HoldReason::Bid.into(), who, amount, LOG_TARGET);
	}
}
