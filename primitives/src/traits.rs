//! The glue traits between the onboarding pallets. Each pallet names the ones it needs as `Config`
//! associated types and the runtime wires them to the pallet that implements them, so no pallet
//! depends on another pallet's crate except `registrar` on `paras`.
//!
//! | Trait | Implemented by | Used by |
//! |---|---|---|
//! | [`Registrar`] | `pallet-registrar` | `slots`, `auctions`, `crowdloan` |
//! | [`Leaser`] | `pallet-slots` | `auctions` |
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

	/// Whether `id` is registered as either.
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

	/// Whether any period in `first_period..=last_period` is leased to `para`.
	fn already_leased(
		para: ParaId,
		first_period: LeasePeriodIndex,
		last_period: LeasePeriodIndex,
	) -> bool;
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
