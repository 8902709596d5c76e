//! The glue traits between the onboarding pallets. Each pallet names the ones it needs as `Config`
//! associated types and the runtime wires them to the pallet that implements them. Two pallets
//! depend on `paras`' crate directly (outside their tests): `registrar`, which manages paras'
//! lifecycles through it, and `inclusion`, which reads heads and code hashes and enacts included
//! candidates through `paras`' own checks (`check_new_head`, `check_code_upgrade`), so the rules
//! for a new head and a code upgrade exist only in `paras`. No other pallet depends on another's
//! crate except in its tests.
//!
//! | Trait | Implemented by | Used by |
//! |---|---|---|
//! | [`Registrar`] | `pallet-registrar` | `slots`, `auctions`, `crowdloan` |
//! | [`Leaser`] | `pallet-slots` | `auctions` |
//! | [`Auctioneer`] | `pallet-auctions` | `crowdloan` |
//! | [`ParaHeads`] | `paras` | `parathreads` (bids name the current head) |
//! | [`ParathreadClaims`] | `parathreads` | the scheduler and inclusion |
//! | [`OnSwap`] | `slots`, `crowdloan` | `registrar` (when two paras swap) |
//! | [`OnNewHead`] | `registrar` | `paras` (when a para produces a head) |

use crate::paras::{HeadData, LeasePeriodIndex, ParaId, ValidationCode};
use alloc::vec::Vec;
use sp_runtime::{DispatchResult, Weight};

/// The registry of paras: who manages each one and what it currently is.
pub trait Registrar {
	/// The account type of managers.
	type AccountId;

	/// The manager of a registered or reserved para.
	fn manager_of(id: ParaId) -> Option<Self::AccountId>;

	/// The ids of all current parachains, sorted.
	fn parachains() -> Vec<ParaId>;

	/// Whether `id` is a live parathread (not in a transition).
	fn is_parathread(id: ParaId) -> bool;

	/// Whether `id` is a parachain now.
	fn is_parachain(id: ParaId) -> bool {
		Self::parachains().binary_search(&id).is_ok()
	}

	/// Whether `id` is registered: a parathread or parachain, possibly between the two (an
	/// upgrade or downgrade in progress), but not onboarding or offboarding.
	fn is_registered(id: ParaId) -> bool {
		Self::is_parathread(id) || Self::is_parachain(id)
	}

	/// Locks the para, so its manager can no longer change or deregister it.
	fn apply_lock(id: ParaId);

	/// Unlocks the para.
	fn remove_lock(id: ParaId);

	/// Registers `id` (reserved or not) as a parathread for `manager`, taking the usual deposit.
	fn register(
		manager: Self::AccountId,
		id: ParaId,
		genesis_head: HeadData,
		validation_code: ValidationCode,
	) -> DispatchResult;

	/// Deregisters a parathread, returning its deposit.
	fn deregister(id: ParaId) -> DispatchResult;

	/// Schedules a parathread to become a parachain (it has won a lease).
	fn make_parachain(id: ParaId) -> DispatchResult;

	/// Schedules a parachain to become a parathread (its lease ended).
	fn make_parathread(id: ParaId) -> DispatchResult;

	/// The largest head data the chain accepts, for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn worst_head_data() -> HeadData;

	/// The largest validation code the chain accepts, for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn worst_validation_code() -> ValidationCode;

	/// Applies every scheduled lifecycle transition now, for benchmarks.
	#[cfg(feature = "runtime-benchmarks")]
	fn execute_pending_transitions();
}

/// Why a lease could not be granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeaseError {
	/// The leaser cannot pay the deposit.
	ReserveFailed,
	/// Some of the periods are already leased to this para.
	AlreadyLeased,
	/// The first period is in the past.
	AlreadyEnded,
	/// The chain is before its first lease period (`LeaseOffset`).
	NoLeasePeriod,
	/// A lease must cover at least one period.
	NoPeriods,
	/// The lease ends further ahead than the chain records leases.
	TooFarAhead,
	/// Only a registered para (a parathread or parachain, not onboarding or offboarding) can
	/// be leased.
	ParaNotRegistered,
}

/// Grants leases: a para holds a parachain slot for a range of lease periods against a deposit.
pub trait Leaser<BlockNumber> {
	/// The account type of leasers.
	type AccountId;
	/// The balance type of deposits.
	type Balance;

	/// Leases `period_count` periods from `period_begin` to `para`, paid for by `leaser`, who
	/// keeps `amount` on hold until the lease ends. Only the part of `amount` the leaser does not
	/// already hold for this para is newly held. A lease that starts in the current period
	/// schedules the para's upgrade at once.
	fn lease_out(
		para: ParaId,
		leaser: &Self::AccountId,
		amount: Self::Balance,
		period_begin: LeasePeriodIndex,
		period_count: LeasePeriodIndex,
	) -> Result<(), LeaseError>;

	/// What `leaser` holds for `para`: the most it owes in any remaining period.
	fn deposit_held(para: ParaId, leaser: &Self::AccountId) -> Self::Balance;

	/// The length of a lease period and the offset of the first one, in blocks.
	fn lease_period_length() -> (BlockNumber, BlockNumber);

	/// The lease period `block` is in, and whether it is the period's first block; `None` before
	/// the offset.
	fn lease_period_index(block: BlockNumber) -> Option<(LeasePeriodIndex, bool)>;

	/// How many periods ahead, the current one included, a lease may reach.
	fn max_lease_periods() -> LeasePeriodIndex;

	/// Whether any period in `first_period..=last_period` is leased to `para`.
	fn already_leased(
		para: ParaId,
		first_period: LeasePeriodIndex,
		last_period: LeasePeriodIndex,
	) -> bool;
}

/// Which paras hold leases (the slots pallet). The registrar asks before it deregisters a para,
/// so a lease always belongs to a registered para.
pub trait LeaseHolders {
	/// Whether `para` holds a lease for the current or a later lease period.
	fn is_leased(para: ParaId) -> bool;
}

impl LeaseHolders for () {
	fn is_leased(_: ParaId) -> bool {
		false
	}
}

/// Told when two paras swap places (the registrar's `swap`), so per-para state moves with them.
pub trait OnSwap {
	/// `one` and `other` have swapped.
	fn on_swap(one: ParaId, other: ParaId);
}

impl OnSwap for () {
	fn on_swap(_: ParaId, _: ParaId) {}
}

macro_rules! impl_on_swap_for_tuple {
	($($t:ident),+) => {
		impl<$($t: OnSwap),+> OnSwap for ($($t,)+) {
			fn on_swap(one: ParaId, other: ParaId) {
				$($t::on_swap(one, other);)+
			}
		}
	};
}
impl_on_swap_for_tuple!(A);
impl_on_swap_for_tuple!(A, B);
impl_on_swap_for_tuple!(A, B, C);
impl_on_swap_for_tuple!(A, B, C, D);

/// Told when a para's head changes because the para produced a block.
pub trait OnNewHead {
	/// `id` has the new head `head`; returns the weight used.
	fn on_new_head(id: ParaId, head: &HeadData) -> Weight;
}

impl OnNewHead for () {
	fn on_new_head(_: ParaId, _: &HeadData) -> Weight {
		Weight::zero()
	}
}

/// Where an auction is in its life, at a given block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, codec::Encode, codec::Decode, scale_info::TypeInfo)]
pub enum AuctionStatus<BlockNumber> {
	/// No auction is running.
	NotStarted,
	/// The opening period: every bid lands in sample 0.
	StartingPeriod,
	/// The ending period: bids land in sample `.0`, `.1` blocks into it.
	EndingPeriod(BlockNumber, BlockNumber),
	/// Bidding is over; the auction waits for randomness that was unknown while bids were open,
	/// `.0` blocks after the ending period ended.
	VrfDelay(BlockNumber),
}

impl<BlockNumber> AuctionStatus<BlockNumber> {
	/// Whether bids are accepted: the opening or the ending period.
	pub fn is_in_progress(&self) -> bool {
		matches!(self, Self::StartingPeriod | Self::EndingPeriod(..))
	}
	/// Whether the auction is in its ending period.
	pub fn is_ending(&self) -> Option<(&BlockNumber, &BlockNumber)> {
		match self {
			Self::EndingPeriod(sample, sub) => Some((sample, sub)),
			_ => None,
		}
	}
	/// Whether bidding is over and the close waits for randomness.
	pub fn is_vrf(&self) -> bool {
		matches!(self, Self::VrfDelay(_))
	}
}

/// Runs slot auctions; what crowdloans bid through.
pub trait Auctioneer<BlockNumber> {
	/// The account type of bidders.
	type AccountId;
	/// The balance type of bids.
	type Balance;

	/// Starts an auction of the slot beginning at `lease_period_index`, whose opening period
	/// lasts `duration` blocks.
	fn new_auction(duration: BlockNumber, lease_period_index: LeasePeriodIndex) -> DispatchResult;

	/// The status of the current auction at block `now`.
	fn auction_status(now: BlockNumber) -> AuctionStatus<BlockNumber>;

	/// Bids `amount` from `bidder` for `para` on periods `first_slot..=last_slot` of the current
	/// auction.
	fn place_bid(
		bidder: Self::AccountId,
		para: ParaId,
		first_slot: LeasePeriodIndex,
		last_slot: LeasePeriodIndex,
		amount: Self::Balance,
	) -> DispatchResult;

	/// The length of a lease period and the offset of the first one, in blocks.
	fn lease_period_length() -> (BlockNumber, BlockNumber);

	/// The lease period `block` is in, and whether it is the period's first block.
	fn lease_period_index(block: BlockNumber) -> Option<(LeasePeriodIndex, bool)>;

	/// How many lease periods one slot (and so one bid) may span.
	fn lease_periods_per_slot() -> u32;

	/// Whether `bidder` holds a lease deposit for `para`, i.e. has won an auction for it that
	/// has not ended yet.
	fn has_won_an_auction(para: ParaId, bidder: &Self::AccountId) -> bool;
}

/// The current heads of paras, as the paras pallet records them.
pub trait ParaHeads {
	/// The BLAKE2-256 hash of `id`'s current head, if it has one.
	fn current_head_hash(id: ParaId) -> Option<crate::Hash>;
}

/// The parathread pool cores and the claims on them, as the fee auction grants them: what the
/// scheduler and inclusion ask. Pool cores are numbered `0..count()` here; the scheduler places
/// them after the parachain cores.
pub trait ParathreadClaims {
	/// How many pool cores there are.
	fn pool_size() -> u32;

	/// The parathread holding a live claim on pool core `pool_core` in the current block.
	fn claim_on(pool_core: u32) -> Option<ParaId>;

	/// A candidate of `para` was included on pool core `pool_core` in this block: the claim is
	/// served, its price is paid and the core is free again. Returns the weight used.
	fn on_claim_served(pool_core: u32, para: ParaId) -> Weight;

	/// The most [`on_claim_served`](Self::on_claim_served) can weigh, charged up front by
	/// inclusion for each candidate that may serve a claim.
	fn on_claim_served_max_weight() -> Weight;
}

impl ParathreadClaims for () {
	fn pool_size() -> u32 {
		0
	}
	fn claim_on(_: u32) -> Option<ParaId> {
		None
	}
	fn on_claim_served(_: u32, _: ParaId) -> Weight {
		Weight::zero()
	}
	fn on_claim_served_max_weight() -> Weight {
		Weight::zero()
	}
}
