//! Types of the crowdloan pallet: a fund, a contributor's record, the state a fund is in and what
//! the runtime API returns.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec, CloneNoBound, DebugNoBound, PartialEqNoBound};
use relay_primitives::{LeasePeriodIndex, ParaId};
use scale_info::TypeInfo;
use sp_runtime::MultiSigner;

/// The index of a fund: every fund ever created gets the next one, so a para that raises again
/// gets a new pot and a new contribution trie.
pub type FundIndex = u32;

/// When a fund last took a contribution, relative to auctions' ending periods: it decides whether
/// a contribution must (re)enter the fund into [`crate::NewRaise`].
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
pub enum LastContribution<BlockNumber> {
	/// No contribution yet.
	Never,
	/// Before an ending period, when [`crate::EndingsCount`] was `.0`.
	PreEnding(u32),
	/// In the ending period, at block `.0`.
	Ending(BlockNumber),
}

/// A fund raising for a para's slot. Same fields and order as Polkadot's `FundInfo`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct FundInfo<AccountId, Balance, BlockNumber> {
	/// Who created the fund and holds its deposit: the para's manager at creation.
	pub depositor: AccountId,
	/// If set, every contribution needs this key's signature over
	/// `(para, contributor, previous contribution, value)`, SCALE-encoded.
	pub verifier: Option<MultiSigner>,
	/// The creator's deposit, on hold until the fund is dissolved.
	pub deposit: Balance,
	/// What contributors have in the pot now (contributions minus what was paid back).
	pub raised: Balance,
	/// The first block at which contributions are no longer accepted.
	pub end: BlockNumber,
	/// The most `raised` may reach.
	pub cap: Balance,
	/// When the fund last took a contribution.
	pub last_contribution: LastContribution<BlockNumber>,
	/// The first lease period the fund bids for.
	pub first_period: LeasePeriodIndex,
	/// The last lease period the fund bids for.
	pub last_period: LeasePeriodIndex,
	/// The fund's index: its pot and its contribution trie are derived from it.
	pub fund_index: FundIndex,
}

/// The longest SCALE encoding of an `Option<MultiSigner>`: the option byte, the variant byte and
/// the longest key (a compressed ECDSA key, 33 bytes).
pub const MAX_VERIFIER_LEN: usize = 1 + 1 + 33;

// `MultiSigner` does not implement `MaxEncodedLen`, so this is written out (a test checks it).
impl<AccountId: MaxEncodedLen, Balance: MaxEncodedLen, BlockNumber: MaxEncodedLen> MaxEncodedLen
	for FundInfo<AccountId, Balance, BlockNumber>
{
	fn max_encoded_len() -> usize {
		AccountId::max_encoded_len()
			.saturating_add(MAX_VERIFIER_LEN)
			.saturating_add(Balance::max_encoded_len().saturating_mul(3))
			.saturating_add(BlockNumber::max_encoded_len())
			.saturating_add(LastContribution::<BlockNumber>::max_encoded_len())
			.saturating_add(LeasePeriodIndex::max_encoded_len().saturating_mul(2))
			.saturating_add(FundIndex::max_encoded_len())
	}
}

/// An account's history with one fund. It is kept after the contribution is paid back (it is the
/// account's record; Polkadot deletes its trie entry and nothing else remains).
#[derive(CloneNoBound, DebugNoBound, PartialEqNoBound, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxMemo))]
pub struct ContributionRecord<Balance, MaxMemo: Get<u32>>
where
	Balance: Clone + core::fmt::Debug + PartialEq,
{
	/// Everything the account contributed to the fund.
	pub contributed: Balance,
	/// Everything paid back to it (by `withdraw` or `refund`).
	pub refunded: Balance,
	/// Its memo (also in the fund's trie while the contribution is in).
	pub memo: BoundedVec<u8, MaxMemo>,
}

/// Where a fund is in its life. Computed by [`crate::Pallet::fund_state`], in this order:
///
/// 1. [`Won`](Self::Won): the pot holds a lease for the para (`Auctioneer::has_won_an_auction`);
///    its funds are locked until the lease ends.
/// 2. With nothing raised: [`Open`](Self::Open) before `end`, [`Dissolvable`](Self::Dissolvable)
///    from `end` on (anyone may dissolve it; the depositor may also dissolve an open fund with
///    nothing raised).
/// 3. With funds raised, and the whole of `raised` free in the pot: [`Bidding`](Self::Bidding) if
///    contributions are still accepted and an auction is running (opening or ending period, or
///    waiting for randomness), [`Open`](Self::Open) if they are accepted and no auction runs,
///    [`Refundable`](Self::Refundable) once they are no longer accepted (the auction was lost or
///    the lease is over: `withdraw` and `refund` succeed).
/// 4. With part of `raised` held (not free in the pot): [`Bidding`](Self::Bidding) while an
///    auction runs (its bid is held by it), else [`Lost`](Self::Lost): no lease, no auction, and
///    the funds still held, e.g. a winning bid the auction could not turn into a lease and keeps
///    on hold for governance. Refunds wait until the funds are released.
///
/// A lost auction is therefore `Refundable` once the auction has released the bid; `Lost` is the
/// stuck case only.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)] // The SCALE derives cast variant indices.
pub enum FundState {
	/// Contributions are accepted; no auction the fund takes part in is running.
	Open,
	/// The fund takes part in a running auction with what it raised.
	Bidding,
	/// The fund holds a lease for these periods.
	Won {
		/// The first leased period.
		first_period: LeasePeriodIndex,
		/// The last leased period.
		last_period: LeasePeriodIndex,
	},
	/// Ended without a lease, but part of the pot is still held outside this pallet.
	Lost,
	/// Ended; contributions can be paid back (`withdraw`, `refund`).
	Refundable,
	/// Nothing left in the fund; `dissolve` returns the deposit.
	Dissolvable,
}

/// One of an account's contributions, for the runtime API.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ContributionInfo<Balance> {
	/// The para the fund raises for (it follows swaps while the fund exists).
	pub para_id: ParaId,
	/// The fund.
	pub fund_index: FundIndex,
	/// Everything the account contributed.
	pub contributed: Balance,
	/// Everything paid back to it.
	pub refunded: Balance,
	/// What is still in the fund: `contributed - refunded`.
	pub balance: Balance,
	/// The account's memo.
	pub memo: Vec<u8>,
	/// The fund's state; `None` once the fund is dissolved.
	pub fund_state: Option<FundState>,
}

/// A fund as the runtime API shows it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct FundView<AccountId, Balance, BlockNumber> {
	/// The stored fund.
	pub info: FundInfo<AccountId, Balance, BlockNumber>,
	/// Its state now.
	pub state: FundState,
	/// Its pot, which holds the contributions and bids.
	pub pot: AccountId,
}

/// Whether a contribution must leave the contributor's account alive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeepAlive {
	/// `contribute`: it must.
	Yes,
	/// `contribute_all`: it may be reaped.
	No,
}

/// A fund's terms, as `create` and `edit` take them.
pub(crate) struct Terms<T: crate::Config> {
	pub cap: crate::BalanceOf<T>,
	pub first_period: LeasePeriodIndex,
	pub last_period: LeasePeriodIndex,
	pub end: frame_system::pallet_prelude::BlockNumberFor<T>,
	pub verifier: Option<MultiSigner>,
}
