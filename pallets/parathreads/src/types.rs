//! The records of the fee auction: a bid in the book, a claim on a pool core, and why a bid lost.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use relay_primitives::{Hash, ParaId};
use scale_info::TypeInfo;

/// A bid in the current block's book: `bidder` offers up to `fee` for a pool core on which
/// `para_id` builds on the head whose hash is `head_hash`. The fee is on hold while the bid is
/// in the book.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Bid<AccountId, Balance> {
	/// The parathread bid for.
	pub para_id: ParaId,
	/// Who pays.
	pub bidder: AccountId,
	/// The most the bidder pays for the core.
	pub fee: Balance,
	/// The hash of the para head the block must build on.
	pub head_hash: Hash,
}

/// A para's right to a pool core: won in the auction of block `expires_at − ClaimTtl`, live up to
/// block `expires_at − 1`. `price` stays on hold from `bidder` until a candidate of the para is
/// included on the core (then it is paid) or the claim expires (then it is released).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Claim<AccountId, Balance, BlockNumber> {
	/// The parathread holding the claim.
	pub para_id: ParaId,
	/// Who pays.
	pub bidder: AccountId,
	/// The clearing price of the auction it won.
	pub price: Balance,
	/// The hash of the para head the candidate must build on.
	pub head_hash: Hash,
	/// The first block the claim is no longer live in.
	pub expires_at: BlockNumber,
}

/// Why a bid did not win a pool core.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[allow(clippy::cast_possible_truncation)] // The SCALE derives cast variant indices.
pub enum LossReason {
	/// Every free pool core went to a higher (or equal and earlier) bid.
	Outbid,
	/// The head the bid names is no longer the para's current head.
	StaleHead,
	/// The para is no longer a live parathread.
	NotParathread,
	/// The fee is below the reserve price (which was raised after the bid was placed).
	BelowReserve,
}

/// What the clearing decided for one bid of the book.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::cast_possible_truncation)] // The SCALE derives cast variant indices.
pub enum Outcome {
	/// The bid won the pool core.
	Won(u32),
	/// The bid lost.
	Lost(LossReason),
}
