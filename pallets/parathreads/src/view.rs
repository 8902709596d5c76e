//! What collators, wallets and explorers can ask about the fee auction, and the runtime API that
//! serves it (callable with `state_call`, e.g. `ParathreadsApi_bids`).

use crate::*;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::traits::{One, Saturating};

/// A bid of the current block's book.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct BidView<AccountId, Balance> {
	/// The para bid for.
	pub para_id: ParaId,
	/// The bidder.
	pub bidder: AccountId,
	/// The fee on hold.
	pub fee: Balance,
	/// The head the para's block must build on.
	pub head_hash: Hash,
	/// Whether the bid would win a pool core if no other bid came: the book is cleared now
	/// against the cores free in the next block.
	pub would_win: bool,
}

/// A claim on a pool core.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ClaimView<AccountId, Balance, BlockNumber> {
	/// The para holding the claim.
	pub para_id: ParaId,
	/// Who pays.
	pub bidder: AccountId,
	/// The price, paid when a candidate of the para is included on the core.
	pub price: Balance,
	/// The head the candidate must build on.
	pub head_hash: Hash,
	/// The first block the claim is no longer live in.
	pub expires_at: BlockNumber,
}

sp_api::decl_runtime_apis! {
	/// The parathread fee auction, for collators, wallets and explorers.
	pub trait ParathreadsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// The current block's bids, in the order they clear (highest fee first, equal fees in
		/// order of arrival).
		fn bids() -> Vec<BidView<AccountId, Balance>>;

		/// The clearing price of the last block that had bids.
		fn last_clearing_price() -> Balance;

		/// The live claims, by pool core.
		fn claims() -> Vec<(u32, ClaimView<AccountId, Balance, BlockNumber>)>;
	}
}

impl<T: Config> Pallet<T> {
	/// The current block's book; see [`ParathreadsApi::bids`].
	pub fn bids_view() -> Vec<BidView<T::AccountId, BalanceOf<T>>> {
		let next = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
		let book = Bids::<T>::get();
		let fees = book.iter().map(|bid| (bid.fee, Self::disqualification(bid)));
		let (_, outcomes) = clearing::clear(fees, &Self::free_cores(next), T::ReservePrice::get());
		book.into_iter()
			.zip(outcomes)
			.map(|(bid, outcome)| BidView {
				para_id: bid.para_id,
				bidder: bid.bidder,
				fee: bid.fee,
				head_hash: bid.head_hash,
				would_win: matches!(outcome, Outcome::Won(_)),
			})
			.collect()
	}

	/// The last clearing price; see [`ParathreadsApi::last_clearing_price`].
	pub fn last_clearing_price() -> BalanceOf<T> {
		LastClearingPrice::<T>::get()
	}

	/// The live claims, by pool core; see [`ParathreadsApi::claims`].
	pub fn claims_view() -> Vec<(u32, ClaimView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>>)> {
		let now = frame_system::Pallet::<T>::block_number();
		let mut claims: Vec<_> = Claims::<T>::iter()
			.filter(|(_, claim)| claim.expires_at > now)
			.map(|(core, claim)| {
				let view = ClaimView {
					para_id: claim.para_id,
					bidder: claim.bidder,
					price: claim.price,
					head_hash: claim.head_hash,
					expires_at: claim.expires_at,
				};
				(core, view)
			})
			.collect();
		claims.sort_by_key(|(core, _)| *core);
		claims
	}
}
