//! The clearing at the start of each block: expired claims are released, then the previous
//! block's book is cleared against the free pool cores at a uniform price.
//!
//! [`clear`] is the rule itself, free of storage, so the runtime API can tell what the book would
//! clear to and the tests can check it against a model.

use crate::*;
use alloc::vec::Vec;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Saturating;

/// Clears a book: `bids` are the fees in book order (highest first, ties in order of arrival),
/// each with the reason it cannot win, if any (a stale head, a para no longer a parathread).
///
/// The free cores `free_cores` go, in order, to the first bids that can win and offer at least
/// `reserve`; the other bids that could have won are outbid. Returns the clearing price,
/// `max(reserve, highest outbid fee)`, and each bid's outcome. Since the book is ordered, the
/// price is at most every winner's fee.
pub fn clear<Balance: Ord + Copy>(
	bids: impl IntoIterator<Item = (Balance, Option<LossReason>)>,
	free_cores: &[u32],
	reserve: Balance,
) -> (Balance, Vec<Outcome>) {
	let mut free = free_cores.iter().copied();
	let mut price = reserve;
	let outcomes = bids
		.into_iter()
		.map(|(fee, disqualified)| {
			if let Some(reason) = disqualified {
				return Outcome::Lost(reason);
			}
			if fee < reserve {
				return Outcome::Lost(LossReason::BelowReserve);
			}
			match free.next() {
				Some(core) => Outcome::Won(core),
				None => {
					price = price.max(fee);
					Outcome::Lost(LossReason::Outbid)
				},
			}
		})
		.collect();
	(price, outcomes)
}

impl<T: Config> Pallet<T> {
	/// The hook: expires the claims whose time is over, then clears the previous block's book.
	pub(crate) fn do_on_initialize(now: BlockNumberFor<T>) -> Weight {
		let expired = Self::expire_claims(now);
		let book = Bids::<T>::take();
		let bids = u32::try_from(book.len()).unwrap_or(u32::MAX);
		let won = if book.is_empty() { 0 } else { Self::clear_book(now, book) };
		T::WeightInfo::on_initialize(bids, expired.max(won))
	}

	/// Why `bid` cannot win now, if it cannot: its para is no longer a parathread or its head
	/// is no longer the para's current head.
	pub(crate) fn disqualification(bid: &BidOf<T>) -> Option<LossReason> {
		if !T::Registrar::is_parathread(bid.para_id) {
			Some(LossReason::NotParathread)
		} else if T::ParaHeads::current_head_hash(bid.para_id) != Some(bid.head_hash) {
			Some(LossReason::StaleHead)
		} else {
			None
		}
	}

	/// The pool cores without a claim live at block `at`, in order.
	pub(crate) fn free_cores(at: BlockNumberFor<T>) -> Vec<u32> {
		(0..T::ParathreadCores::get())
			.filter(|core| Claims::<T>::get(core).is_none_or(|claim| claim.expires_at <= at))
			.collect()
	}

	/// Clears `book` at block `now` (after expiry): winners get their claims and keep the price
	/// on hold, everything else is released. Returns how many bids won.
	fn clear_book(now: BlockNumberFor<T>, book: BoundedVec<BidOf<T>, T::MaxBidsPerBlock>) -> u32 {
		let free = Self::free_cores(now);
		let fees = book.iter().map(|bid| (bid.fee, Self::disqualification(bid)));
		let (price, outcomes) = clear(fees, &free, T::ReservePrice::get());
		let expires_at = now.saturating_add(T::ClaimTtl::get());
		let mut won = 0u32;
		for (bid, outcome) in book.into_iter().zip(outcomes) {
			match outcome {
				Outcome::Won(pool_core) => {
					let price = price.min(bid.fee);
					Self::release(&bid.bidder, bid.fee.saturating_sub(price));
					Self::insert_claim(
						pool_core,
						ClaimOf::<T> {
							para_id: bid.para_id,
							bidder: bid.bidder.clone(),
							price,
							head_hash: bid.head_hash,
							expires_at,
						},
					);
					Self::deposit_event(Event::BidWon {
						para_id: bid.para_id,
						bidder: bid.bidder,
						pool_core,
						price,
						expires_at,
					});
					won.saturating_inc();
				},
				Outcome::Lost(reason) => {
					Self::release(&bid.bidder, bid.fee);
					Self::deposit_event(Event::BidLost {
						para_id: bid.para_id,
						bidder: bid.bidder,
						fee: bid.fee,
						reason,
					});
				},
			}
		}
		LastClearingPrice::<T>::put(price);
		won
	}
}
