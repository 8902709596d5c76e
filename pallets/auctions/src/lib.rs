//! # Auctions pallet
//!
//! Candle auctions for parachain slots. A slot is `LeasePeriodsPerSlot` consecutive lease
//! periods; a bid names a para, a range of periods within the slot and an amount, which the
//! bidder keeps on hold. When the auction closes, the set of disjoint ranges with the greatest
//! total value (amount × periods, gaps allowed) wins, and each winner is leased its periods
//! through the [`Leaser`] (the slots pallet).
//!
//! ## Pallet API
//!
//! [`Pallet::new_auction`], [`Pallet::bid`] and [`Pallet::cancel_auction`]; the
//! [`Auctioneer`] implementation (what crowdloans bid through); the runtime API
//! [`AuctionsApi`] (phase, leaders, winners and the minimum winning bid of a range).
//!
//! ## Overview
//!
//! An auction has three phases:
//! 1. the **opening period** (`duration` blocks from `new_auction`): every bid lands in sample 0;
//! 2. the **ending period** (`EndingPeriod` blocks), cut into samples of `SampleLength` blocks:
//!    each sample starts as a copy of the previous one, so it is a snapshot of the leaders of
//!    every range at the end of that sample;
//! 3. **waiting for randomness**: once bidding is over, the pallet waits for randomness that
//!    nobody could know while bids were open (`known_since` at or after the end of the ending
//!    period; with BABE's `RandomnessFromOneEpochAgo`, about one epoch). It picks a sample with
//!    it ([`Event::WinningOffset`]) and that sample's leaders win: the close is retroactive, so
//!    sniping in the last block gains nothing (the "candle").
//!
//! A bid must beat the current leader of its exact range. The bidder keeps on hold what it bids
//! for the para, minus what it already holds for the para in a running lease (a renewal only tops
//! up) and what it has on hold for the para from earlier bids. A displaced leader gets its
//! deposit back during the opening period if it leads no other range for that para; in the
//! ending period deposits stay held, since any earlier sample may be chosen. At the close every
//! bid deposit is released and the winners' leases take it back on hold.
//!
//! Beyond Polkadot: [`Event::BidAccepted`] carries the auction index; every winner gets an
//! [`Event::Won`] with its range; [`Pallet::bid`] refuses a bid that cannot lead its range
//! ([`Error::BidTooLow`]) instead of accepting it silently; the runtime API answers what
//! Polkadot's users could not see (polkadot #7221).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::cast_possible_truncation,
		clippy::panic
	)
)]

extern crate alloc;

mod auction;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod view;
pub mod weights;
pub mod winners;

pub use pallet::*;
pub use types::*;
#[cfg(feature = "std")]
pub use view::AuctionsApi;
pub use view::{AuctionPhase, AuctionView, RangeBid};
pub use weights::WeightInfo;

use frame_support::traits::{
	fungible::{Mutate, MutateHold},
	Randomness,
};
use relay_primitives::{
	traits::{AuctionStatus, Auctioneer, Leaser, Registrar},
	LeasePeriodIndex, ParaId,
};

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::auctions";

/// The most lease periods a slot may have (78 ranges); `LeasePeriodsPerSlot` must not exceed it.
pub const MAX_LEASE_PERIODS_PER_SLOT: u32 = 12;

/// The most ranges a slot may have: `winners::range_count(MAX_LEASE_PERIODS_PER_SLOT)`.
pub const MAX_RANGES: u32 = winners::range_count(MAX_LEASE_PERIODS_PER_SLOT);

/// The subject the auction asks its randomness for.
pub const RANDOMNESS_SUBJECT: &[u8] = b"para_auction";

use frame_support::traits::Get;

// FRAME's pallet macro expands to `expect` and index casts; the calls in here stay thin.
#[allow(clippy::expect_used, clippy::cast_possible_truncation)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{dispatch::DispatchClass, pallet_prelude::*};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Zero;

	/// The layout version of this pallet's storage (0: unchanged since launch). Whenever a storage
	/// item's key or value changes, bump it and add a versioned migration (a `migrations` module
	/// here, listed in the runtime's `migrations.rs`); the runtime's storage-layout check
	/// (`runtime/src/tests/storage_layout.rs`) fails until version and snapshot agree.
	///
	/// 1: `ReservedAmounts` is counted (`migrations::v1`).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency bids are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// Grants the winners their leases (the slots pallet).
		type Leaser: Leaser<
			BlockNumberFor<Self>,
			AccountId = Self::AccountId,
			Balance = BalanceOf<Self>,
		>;
		/// The para registry: only registered paras may be bid for.
		type Registrar: Registrar<AccountId = Self::AccountId>;
		/// The length of the ending period, in blocks.
		#[pallet::constant]
		type EndingPeriod: Get<BlockNumberFor<Self>>;
		/// The length of one sample of the ending period, in blocks.
		#[pallet::constant]
		type SampleLength: Get<BlockNumberFor<Self>>;
		/// How many lease periods a slot covers (at most [`MAX_LEASE_PERIODS_PER_SLOT`]).
		#[pallet::constant]
		type LeasePeriodsPerSlot: Get<u32>;
		/// Randomness that picks the winning sample; `known_since` must tell when it became
		/// known (BABE's `RandomnessFromOneEpochAgo`).
		type Randomness: Randomness<Self::Hash, BlockNumberFor<Self>>;
		/// Who may start an auction.
		type InitiateOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// The most `(bidder, para)` pairs with a bid deposit on hold in one auction. A bid
		/// that would add a pair past it is refused ([`Error::TooManyReserves`]); bidders that
		/// hold one already can still raise. The close and `cancel_auction` release every
		/// deposit in one block, and their benchmarks run at this bound.
		#[pallet::constant]
		type MaxReserves: Get<u32>;
		/// Weights of this pallet's calls and hook, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit behind a bid that leads (or led) a range of the current auction.
		#[codec(index = 0)]
		AuctionBid,
		/// A winner's deposit that could not become a lease because the para already leased one
		/// of the periods; left on hold for governance ([`Event::ReserveConfiscated`]).
		#[codec(index = 1)]
		Confiscated,
	}

	/// How many auctions were ever started; the current auction's index.
	#[pallet::storage]
	pub type AuctionCounter<T> = StorageValue<_, u32, ValueQuery>;

	/// The current auction: the first lease period of its slot and the block its opening period
	/// ends (its ending period starts). `None`: no auction.
	#[pallet::storage]
	pub type AuctionInfo<T: Config> =
		StorageValue<_, (LeasePeriodIndex, BlockNumberFor<T>), OptionQuery>;

	/// What each `(bidder, para)` has on hold for bids in the current auction; at most
	/// `MaxReserves` entries (counted since storage version 1).
	#[pallet::storage]
	pub type ReservedAmounts<T: Config> =
		CountedStorageMap<_, Twox64Concat, (T::AccountId, ParaId), BalanceOf<T>, OptionQuery>;

	/// The leaders of every range, per sample (0: the opening period and the first sample of
	/// the ending period).
	#[pallet::storage]
	pub type Winning<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, WinningData<T>, OptionQuery>;

	#[pallet::extra_constants]
	impl<T: Config> Pallet<T> {
		/// The number of ranges of a slot: `p × (p + 1) / 2` for `p = LeasePeriodsPerSlot`.
		#[pallet::constant_name(SlotRangeCount)]
		pub fn slot_range_count() -> u32 {
			winners::range_count(T::LeasePeriodsPerSlot::get())
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An auction started: its slot begins at `lease_period`; its ending period starts at
		/// block `ending`.
		AuctionStarted {
			/// The auction's index.
			auction_index: u32,
			/// The slot's first lease period.
			lease_period: LeasePeriodIndex,
			/// The block the ending period starts.
			ending: BlockNumberFor<T>,
		},
		/// An auction closed; its winners were leased their periods.
		AuctionClosed {
			/// The auction's index.
			auction_index: u32,
		},
		/// Funds were put on hold for a bid; `total_amount` is what the bidder holds for the
		/// para now.
		Reserved {
			/// The bidder.
			bidder: T::AccountId,
			/// Newly held.
			extra_reserved: BalanceOf<T>,
			/// Held for the para in total.
			total_amount: BalanceOf<T>,
		},
		/// A bid deposit was released.
		Unreserved {
			/// The bidder.
			bidder: T::AccountId,
			/// How much.
			amount: BalanceOf<T>,
		},
		/// A winner could not be leased its periods because the para already leases one of
		/// them; its deposit stays on hold for governance.
		ReserveConfiscated {
			/// The para.
			para_id: ParaId,
			/// The winner.
			leaser: T::AccountId,
			/// What stays on hold.
			amount: BalanceOf<T>,
		},
		/// A bid now leads its range.
		BidAccepted {
			/// The bidder.
			bidder: T::AccountId,
			/// The para it bids for.
			para_id: ParaId,
			/// The amount.
			amount: BalanceOf<T>,
			/// The range's first lease period.
			first_slot: LeasePeriodIndex,
			/// The range's last lease period.
			last_slot: LeasePeriodIndex,
			/// The auction's index.
			auction_index: u32,
		},
		/// The randomness chose this sample of the ending period; its leaders win.
		WinningOffset {
			/// The auction's index.
			auction_index: u32,
			/// The sample's index.
			block_number: BlockNumberFor<T>,
		},
		/// A bid won the auction: the para is leased the range.
		Won {
			/// The auction's index.
			auction_index: u32,
			/// The winner, who pays the lease.
			bidder: T::AccountId,
			/// The para.
			para_id: ParaId,
			/// The first lease period won.
			first_slot: LeasePeriodIndex,
			/// The last lease period won.
			last_slot: LeasePeriodIndex,
			/// The winning amount.
			amount: BalanceOf<T>,
		},
		/// The auction was cancelled; every bid deposit was released.
		AuctionCancelled {
			/// The auction's index.
			auction_index: u32,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// An auction is already running.
		AuctionInProgress,
		/// The slot's first lease period has already passed.
		LeasePeriodInPast,
		/// The slot reaches further ahead than leases can be recorded.
		LeasePeriodTooFarAhead,
		/// The para is not registered.
		ParaNotRegistered,
		/// The bid names an auction that is not the current one.
		NotCurrentAuction,
		/// No auction is running.
		NotAuction,
		/// Bidding for this auction is over.
		AuctionEnded,
		/// The para already leases one of the periods.
		AlreadyLeasedOut,
		/// The range is empty or not within the auction's slot.
		InvalidRange,
		/// The bid does not beat the current leader of its range (or is zero).
		BidTooLow,
		/// The auction holds bid deposits for `MaxReserves` `(bidder, para)` pairs already: only
		/// those can still bid in it.
		TooManyReserves,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::do_on_initialize(n)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			let periods = T::LeasePeriodsPerSlot::get();
			assert!(periods > 0, "LeasePeriodsPerSlot must not be zero");
			assert!(
				periods <= MAX_LEASE_PERIODS_PER_SLOT,
				"LeasePeriodsPerSlot must be at most MAX_LEASE_PERIODS_PER_SLOT"
			);
			assert!(!T::SampleLength::get().is_zero(), "SampleLength must not be zero");
			assert!(!T::EndingPeriod::get().is_zero(), "EndingPeriod must not be zero");
			assert!(
				T::MaxReserves::get() >= winners::range_count(periods),
				"MaxReserves must allow a different leader in every range"
			);
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Start an auction of the slot that begins at lease period `lease_period_index`. Its
		/// opening period lasts `duration` blocks, followed by the ending period.
		///
		/// - Origin: `InitiateOrigin`.
		/// - Errors: `AuctionInProgress`, `LeasePeriodInPast`, `LeasePeriodTooFarAhead`.
		/// - Events: `AuctionStarted`.
		#[pallet::call_index(0)]
		#[pallet::weight((T::WeightInfo::new_auction(), DispatchClass::Operational))]
		pub fn new_auction(
			origin: OriginFor<T>,
			#[pallet::compact] duration: BlockNumberFor<T>,
			#[pallet::compact] lease_period_index: LeasePeriodIndex,
		) -> DispatchResult {
			T::InitiateOrigin::ensure_origin(origin)?;
			Self::do_new_auction(duration, lease_period_index)
		}

		/// Bid `amount` for `para` on lease periods `first_slot..=last_slot` of auction
		/// `auction_index`, with the caller's funds. Anyone may bid for any registered para.
		///
		/// - Origin: signed (the bidder).
		/// - Errors: `ParaNotRegistered`, `NotCurrentAuction`, `NotAuction`, `AuctionEnded`,
		///   `AlreadyLeasedOut`, `InvalidRange`, `BidTooLow`, `TooManyReserves`, or the
		///   currency's error if the bidder cannot hold the amount.
		/// - Events: `Reserved` (if more is held), `Unreserved` (a displaced leader, opening
		///   period only), `BidAccepted`.
		#[pallet::call_index(1)]
		pub fn bid(
			origin: OriginFor<T>,
			#[pallet::compact] para: ParaId,
			#[pallet::compact] auction_index: u32,
			#[pallet::compact] first_slot: LeasePeriodIndex,
			#[pallet::compact] last_slot: LeasePeriodIndex,
			#[pallet::compact] amount: BalanceOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::handle_bid(who, para, auction_index, first_slot, last_slot, amount)
		}

		/// Cancel the current auction, releasing every bid deposit.
		///
		/// - Origin: `InitiateOrigin` (who may start auctions may cancel them).
		/// - Errors: `NotAuction`.
		/// - Events: `Unreserved` per bid deposit, then `AuctionCancelled`.
		#[pallet::call_index(2)]
		pub fn cancel_auction(origin: OriginFor<T>) -> DispatchResult {
			T::InitiateOrigin::ensure_origin(origin)?;
			Self::do_cancel_auction()
		}
	}
}

impl<T: Config> Auctioneer<frame_system::pallet_prelude::BlockNumberFor<T>> for Pallet<T> {
	type AccountId = T::AccountId;
	type Balance = BalanceOf<T>;

	fn new_auction(
		duration: frame_system::pallet_prelude::BlockNumberFor<T>,
		lease_period_index: LeasePeriodIndex,
	) -> sp_runtime::DispatchResult {
		Self::do_new_auction(duration, lease_period_index)
	}

	fn auction_status(
		now: frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> AuctionStatus<frame_system::pallet_prelude::BlockNumberFor<T>> {
		Self::status_at(now)
	}

	fn place_bid(
		bidder: T::AccountId,
		para: ParaId,
		first_slot: LeasePeriodIndex,
		last_slot: LeasePeriodIndex,
		amount: BalanceOf<T>,
	) -> sp_runtime::DispatchResult {
		Self::handle_bid(bidder, para, AuctionCounter::<T>::get(), first_slot, last_slot, amount)
	}

	fn lease_period_length() -> (
		frame_system::pallet_prelude::BlockNumberFor<T>,
		frame_system::pallet_prelude::BlockNumberFor<T>,
	) {
		T::Leaser::lease_period_length()
	}

	fn lease_period_index(
		block: frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> Option<(LeasePeriodIndex, bool)> {
		T::Leaser::lease_period_index(block)
	}

	fn lease_periods_per_slot() -> u32 {
		T::LeasePeriodsPerSlot::get()
	}

	fn has_won_an_auction(para: ParaId, bidder: &T::AccountId) -> bool {
		!sp_runtime::traits::Zero::is_zero(&T::Leaser::deposit_held(para, bidder))
	}
}
