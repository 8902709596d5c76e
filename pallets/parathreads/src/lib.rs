//! # Parathreads pallet
//!
//! A per-block fee auction for the parathread pool cores. Each block, anyone may bid a fee for a
//! live parathread to get a pool core in the next block, naming the para's current head; the
//! highest fees win the free cores and all winners pay the same clearing price. A winner holds a
//! claim on its core for `ClaimTtl` blocks: the price is paid (part burned, part to the block
//! author) when a candidate of the para is included on the core, and released in full if none is.
//!
//! ## Pallet API
//!
//! [`Pallet::bid`]; the [`ParathreadClaims`] implementation (what the scheduler and inclusion
//! ask); the runtime API `ParathreadsApi` in [`view`] (the book, the last clearing price and
//! the claims).
//!
//! ## Overview
//!
//! **Bidding (block N).** A bid names a para, a fee and the hash of the para's current head; the
//! para must be a live parathread without a live claim, and the fee at least `ReservePrice`. The
//! fee goes on hold. The book ([`Bids`]) holds at most `MaxBidsPerBlock` bids, in clearing order
//! (highest fee first, ties in order of arrival), and at most one per para: a higher bid for the
//! same para replaces the old one, and when the book is full a new bid must beat the lowest,
//! which is evicted. A replaced or evicted bid is released at once.
//!
//! **Clearing (start of block N + 1, before anything else of this pallet).** First, claims whose
//! time is over expire and are released in full. Then the free pool cores (those without a
//! claim) go to the best bids, in book order; a bid whose head is no longer the para's current
//! head, or whose para is no longer a parathread, loses. Every winner pays the same clearing
//! price, `max(ReservePrice, highest losing fee)`, never more than its own fee: the rest of its
//! hold and every loser's hold are released at once ([`LastClearingPrice`] records the price).
//!
//! **Claims.** A winner's claim ([`Claims`]) is live in the clearing block and the
//! `ClaimTtl − 1` blocks after it. When inclusion reports a candidate of the para on the core
//! ([`ParathreadClaims::on_claim_served`]) the price is taken: `BurnShare` of it is burned and the
//! rest paid to the block author (all burned without an author). A claim never served expires
//! and its price is released. A para holds at most one claim, so it never holds two cores.
//!
//! Beyond Polkadot: the original parathread "auction" was first-come first-served in the
//! transaction pool, and today's on-demand charges a spot price and never refunds an unserved
//! order. Here the bids really compete (uniform price, so bidding one's true value is safe), a
//! stale head can never win, an unserved claim is refunded, and every loss says why
//! ([`Event::BidLost`]).

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

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod bidding;
mod claims;
pub mod clearing;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod view;
pub mod weights;

pub use pallet::*;
pub use types::{Bid, Claim, LossReason, Outcome};
#[cfg(feature = "std")]
pub use view::ParathreadsApi;
pub use view::{BidView, ClaimView};
pub use weights::WeightInfo;

use frame_support::traits::{
	fungible::{Inspect, Mutate, MutateHold},
	Get,
};
use relay_primitives::{
	traits::{ParaHeads, ParathreadClaims, Registrar},
	Hash, ParaId,
};

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::parathreads";

/// The balance type of fees.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A bid of this runtime.
pub type BidOf<T> = Bid<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

/// A claim of this runtime.
pub type ClaimOf<T> = Claim<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

// FRAME's pallet macro expands to `expect` and index casts; the calls in here stay thin.
#[allow(clippy::expect_used, clippy::cast_possible_truncation)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::{traits::Zero, Perbill};

	/// The layout version of this pallet's storage (0: unchanged since launch). Whenever a storage
	/// item's key or value changes, bump it and add a versioned migration (a `migrations` module
	/// here, listed in the runtime's `migrations.rs`); the runtime's storage-layout check
	/// (`runtime/src/tests/storage_layout.rs`) fails until version and snapshot agree.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency fees are held, burned and paid in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// The para registry: only live parathreads may be bid for.
		type Registrar: Registrar<AccountId = Self::AccountId>;
		/// The paras' current heads, which bids must name.
		type ParaHeads: ParaHeads;
		/// How many pool cores the auction sells each block.
		#[pallet::constant]
		type ParathreadCores: Get<u32>;
		/// How many bids one block's book holds.
		#[pallet::constant]
		type MaxBidsPerBlock: Get<u32>;
		/// How many blocks a claim is live, the block it was won in included.
		#[pallet::constant]
		type ClaimTtl: Get<BlockNumberFor<Self>>;
		/// The least fee a bid may offer, and the least clearing price.
		#[pallet::constant]
		type ReservePrice: Get<BalanceOf<Self>>;
		/// The part of a served claim's price that is burned; the rest goes to the block author.
		#[pallet::constant]
		type BurnShare: Get<Perbill>;
		/// The author of the current block, who is paid the rest of a served claim's price
		/// (`None`: all of it is burned).
		type BlockAuthor: Get<Option<Self::AccountId>>;
		/// Weights of this pallet's call, hook and claim service, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The fee of a bid in the book, or the price of a won claim until it is served or
		/// expires.
		#[codec(index = 0)]
		Bid,
	}

	/// The bids placed in the current block, in clearing order: highest fee first, equal fees
	/// in order of arrival. At most one per para. Emptied by the clearing of the next block.
	#[pallet::storage]
	pub type Bids<T: Config> =
		StorageValue<_, BoundedVec<BidOf<T>, T::MaxBidsPerBlock>, ValueQuery>;

	/// The claim on each pool core that has one.
	#[pallet::storage]
	pub type Claims<T: Config> = StorageMap<_, Twox64Concat, u32, ClaimOf<T>, OptionQuery>;

	/// The pool core each para with a claim holds (the reverse of [`Claims`]).
	#[pallet::storage]
	pub type ClaimedCore<T: Config> = StorageMap<_, Twox64Concat, ParaId, u32, OptionQuery>;

	/// The clearing price of the last block that had bids.
	#[pallet::storage]
	pub type LastClearingPrice<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A bid entered the book; its fee is on hold.
		BidPlaced {
			/// The para bid for.
			para_id: ParaId,
			/// The bidder.
			bidder: T::AccountId,
			/// The fee.
			fee: BalanceOf<T>,
			/// The head the para's block must build on.
			head_hash: Hash,
		},
		/// A bid was replaced by a higher bid for the same para and released.
		BidReplaced {
			/// The para.
			para_id: ParaId,
			/// The bidder of the replaced bid.
			bidder: T::AccountId,
			/// The replaced fee, released.
			fee: BalanceOf<T>,
			/// The bidder of the new bid.
			by: T::AccountId,
			/// The new fee.
			new_fee: BalanceOf<T>,
		},
		/// The lowest bid of a full book was evicted by a higher one and released.
		BidEvicted {
			/// The para.
			para_id: ParaId,
			/// The bidder.
			bidder: T::AccountId,
			/// The fee, released.
			fee: BalanceOf<T>,
		},
		/// A bid won a pool core at the clearing price; the rest of its fee was released.
		BidWon {
			/// The para, which holds a claim on the core now.
			para_id: ParaId,
			/// The bidder, who pays the price when the claim is served.
			bidder: T::AccountId,
			/// The pool core won.
			pool_core: u32,
			/// The clearing price, kept on hold.
			price: BalanceOf<T>,
			/// The first block the claim is no longer live in.
			expires_at: BlockNumberFor<T>,
		},
		/// A bid lost; its fee was released.
		BidLost {
			/// The para.
			para_id: ParaId,
			/// The bidder.
			bidder: T::AccountId,
			/// The fee, released.
			fee: BalanceOf<T>,
			/// Why it lost.
			reason: LossReason,
		},
		/// A candidate of the para was included on its core: the claim's price was paid.
		ClaimServed {
			/// The para.
			para_id: ParaId,
			/// The pool core, free again.
			pool_core: u32,
			/// The price taken from the bidder.
			price: BalanceOf<T>,
			/// The part burned.
			burned: BalanceOf<T>,
			/// The part paid to the block author.
			to_author: BalanceOf<T>,
		},
		/// A claim was not served in time: its price was released in full.
		ClaimExpired {
			/// The para.
			para_id: ParaId,
			/// The pool core, free again.
			pool_core: u32,
			/// The price released to the bidder.
			refunded: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The para is not a live parathread. Only parathreads (not parachains, nor paras being
		/// onboarded, upgraded, downgraded or offboarded) buy pool cores.
		NotParathread,
		/// The para has no head yet; wait until it has one.
		NoHead,
		/// The head hash is not the para's current head: bid again with the current one.
		StaleHead,
		/// The fee is below `ReservePrice`.
		BelowReservePrice,
		/// The para already holds a live claim on a pool core; bid again once it is served or
		/// expired.
		AlreadyClaimed,
		/// The para already has a bid in this block's book with an equal or higher fee; only a
		/// strictly higher fee replaces it.
		BidNotHigher,
		/// The book is full and the fee does not beat its lowest bid; offer more than that.
		BidTooLow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			Self::do_on_initialize(now)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			let cores = T::ParathreadCores::get();
			assert!(cores > 0, "ParathreadCores must not be zero");
			assert!(
				T::MaxBidsPerBlock::get() > cores,
				"MaxBidsPerBlock must exceed ParathreadCores, or no bid could ever set the price"
			);
			assert!(!T::ClaimTtl::get().is_zero(), "ClaimTtl must not be zero");
			assert!(
				!T::ReservePrice::get().is_zero(),
				"ReservePrice must not be zero, or free bids could fill the book"
			);
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Bid `fee` for a pool core in the next block for the parathread `para_id`, whose
		/// current head has hash `head_hash`, with the caller's funds. Anyone may bid for any
		/// live parathread. The fee goes on hold; the winner pays the clearing price (at most the
		/// fee) when its block is included, everything else is released.
		///
		/// - Origin: signed (the bidder).
		/// - Errors: `NotParathread`, `NoHead`, `StaleHead`, `BelowReservePrice`,
		///   `AlreadyClaimed`, `BidNotHigher` (the para's bid in the book is as high),
		///   `BidTooLow` (the book is full and the fee does not beat its lowest bid), or the
		///   currency's error if the bidder cannot hold the fee.
		/// - Events: `BidReplaced` or `BidEvicted` (if a bid left the book), then `BidPlaced`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::bid_evicting().max(T::WeightInfo::bid_replacing()))]
		pub fn bid(
			origin: OriginFor<T>,
			para_id: ParaId,
			#[pallet::compact] fee: BalanceOf<T>,
			head_hash: Hash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bid(who, para_id, fee, head_hash)
		}
	}
}

impl<T: Config> ParathreadClaims for Pallet<T> {
	fn pool_size() -> u32 {
		<T as Config>::ParathreadCores::get()
	}

	fn claim_on(pool_core: u32) -> Option<ParaId> {
		Self::live_claim(pool_core).map(|claim| claim.para_id)
	}

	fn on_claim_served(pool_core: u32, para: ParaId) -> frame_support::weights::Weight {
		Self::serve_claim(pool_core, para)
	}

	fn on_claim_served_max_weight() -> frame_support::weights::Weight {
		<T as Config>::WeightInfo::on_claim_served()
	}
}
