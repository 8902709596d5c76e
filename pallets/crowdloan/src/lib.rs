//! # Crowdloan pallet
//!
//! A para's community pools funds in a pot that bids for a parachain slot in auctions. The funds
//! are paid back to the contributors when the bid loses or the lease it won ends.
//!
//! ## Pallet API
//!
//! Calls (same names and indices as Polkadot's): [`Pallet::create`], [`Pallet::contribute`],
//! [`Pallet::withdraw`], [`Pallet::refund`], [`Pallet::dissolve`], [`Pallet::edit`],
//! [`Pallet::add_memo`], [`Pallet::poke`], [`Pallet::contribute_all`]. The `on_initialize` hook
//! bids for funds during auctions' ending periods; [`OnSwap`] moves funds with their paras. The
//! runtime API [`CrowdloanApi`] is served by [`Pallet::contributions_of`] and
//! [`Pallet::fund_view`]; [`Pallet::fund_state`] says where a fund is in its life.
//!
//! ## Overview
//!
//! - **Create.** A registered para's manager opens a fund for lease periods
//!   `first_period..=last_period` (at most one slot), with a `cap` and an `end` block, holding
//!   [`Config::SubmissionDeposit`]. An optional `verifier` key must then sign every contribution
//!   (KYC or whitelisting).
//! - **Contribute.** Until `end`, anyone transfers at least [`Config::MinContribution`] into the
//!   fund's pot (keeping their account alive; [`Pallet::contribute_all`] gives everything). Not
//!   during an auction's wait for randomness, not once the fund has won.
//! - **Bid.** A contribution puts the fund in [`NewRaise`]; in every block of an auction's ending
//!   period the pallet bids each fund there with its whole `raised` for its periods, the pot being
//!   the bidder. The auction holds the bid in the pot; slots keep it held for the lease if it wins.
//! - **Pay back.** Once the fund ended (its `end` passed, or its first period began) and nothing
//!   of `raised` is held in the pot, anyone can [`Pallet::withdraw`] one contributor or
//!   [`Pallet::refund`] up to [`Config::RemoveKeysLimit`] contributors per call.
//! - **Dissolve.** With nothing raised, the depositor (any time) or anyone (from `end`) dissolves
//!   the fund: funds sent straight to the pot are burnt, the pot's provider reference dropped and
//!   the deposit released.
//!
//! ## Fixes over Polkadot
//!
//! - A fund's first period must be after the current one, and its `end` no later than the first
//!   block of its first period: a fund that can never win is refused (polkadot-sdk#4314, the LAOS
//!   fund that needed a referendum).
//! - [`Pallet::edit`] checks the new terms exactly as `create` does (one shared check).
//! - `dissolve` burns what was sent straight to the pot and drops the pot's provider reference
//!   (polkadot-sdk#3707); only the depositor may dissolve before `end` (polkadot#2664).
//! - A fund is in [`NewRaise`] at most once, and follows its para through a swap there too.
//! - Contributions are allowed before the first lease period exists (the lease offset); Polkadot
//!   refuses them with `NoLeasePeriod`.
//! - [`Error`] has Polkadot's errors, in Polkadot's order, minus the three that cannot occur
//!   here: `NotParachain` and `LeaseActive` (unused leftovers there too) and `NoLeasePeriod`.
//!
//! ## Beyond Polkadot
//!
//! - [`ContributionRecords`]: each account's record per fund (contributed, paid back, memo). It is
//!   never deleted, so an account's history survives the refund (Polkadot deletes the only trace;
//!   wallets needed indexers, talisman-web#833).
//! - [`Event::Refunded`] for every contribution paid back, with the account, the para and the
//!   real fund index (Polkadot's `refund` emits no per-account event).
//! - [`FundState`], and the runtime API [`CrowdloanApi`]: an account's contributions with their
//!   funds' states, and a fund with its state and pot.
//!
//! ## Low-level design
//!
//! - [`Funds`]: the live fund of each para ([`FundInfo`], Polkadot's fields). [`NextFundIndex`]
//!   numbers funds; [`FundParas`] keeps the para of every fund ever created (history).
//! - The pot of fund `i` is `PalletId.into_sub_account_truncating(i)`. It gets a provider
//!   reference while the fund exists, so the auction can hold all of its balance.
//! - Contributions also live, as in Polkadot, in a child trie per fund: its id is
//!   `blake2_256(b"crowdloan" ++ SCALE(fund_index))` (the system hashing), its keys the SCALE-encoded accounts, its
//!   values `(balance, memo)`. Its root lets a parachain prove contributions.
//! - Contributed funds are deactivated from the active issuance while in the pot and reactivated
//!   when paid back.
//! - Polkadot's quirk, kept so that polkadot.js decodes events unchanged: the `fund_index` field
//!   of [`Event::Contributed`] and [`Event::Withdrew`] holds the **para id**.
//!   [`Event::Refunded`] carries both.

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
mod contributions;
#[cfg(any(feature = "runtime-benchmarks", test))]
mod crypto;
mod funds;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod view;
pub mod weights;

pub use pallet::*;
pub use types::*;
#[cfg(feature = "std")]
pub use view::CrowdloanApi;
pub use weights::WeightInfo;

use frame_support::{
	traits::fungible::{Inspect, Mutate, MutateHold},
	PalletId,
};
use relay_primitives::{
	traits::{Auctioneer, OnSwap, Registrar},
	LeasePeriodIndex, ParaId,
};
use sp_runtime::{MultiSignature, MultiSigner};

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::crowdloan";

/// The balance type of contributions and deposits.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A fund in this runtime.
pub type FundInfoOf<T> = FundInfo<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// An account's record of one fund in this runtime.
pub type ContributionRecordOf<T> = ContributionRecord<BalanceOf<T>, <T as Config>::MaxMemoLength>;

/// A fund as the runtime API shows it, in this runtime.
pub type FundViewOf<T> = FundView<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

// FRAME's pallet macro expands to `expect` and index casts; the calls in here stay thin.
#[allow(clippy::expect_used, clippy::cast_possible_truncation)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Zero;

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
		/// The id fund pots are derived from (Polkadot: `py/cfund`).
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// The currency contributions are made in and deposits held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// The deposit a fund's creator holds until the fund is dissolved.
		#[pallet::constant]
		type SubmissionDeposit: Get<BalanceOf<Self>>;
		/// The smallest contribution. At least the existential deposit, so a refund can always
		/// recreate the contributor's account.
		#[pallet::constant]
		type MinContribution: Get<BalanceOf<Self>>;
		/// The most contributors one `refund` call pays back.
		#[pallet::constant]
		type RemoveKeysLimit: Get<u32>;
		/// The longest memo, in bytes.
		#[pallet::constant]
		type MaxMemoLength: Get<u32>;
		/// The para registry: who manages a para and whether it is registered.
		type Registrar: Registrar<AccountId = Self::AccountId>;
		/// The slot auctions funds bid in, and the lease periods they are about.
		type Auctioneer: Auctioneer<
			BlockNumberFor<Self>,
			AccountId = Self::AccountId,
			Balance = BalanceOf<Self>,
		>;
		/// The origin of `edit` (root on our chains; governance can replace it).
		type EditOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;
		/// Weights of this pallet's calls and hook, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a fund's creator.
		#[codec(index = 0)]
		SubmissionDeposit,
	}

	/// The live fund of each para.
	#[pallet::storage]
	pub type Funds<T: Config> = StorageMap<_, Twox64Concat, ParaId, FundInfoOf<T>>;

	/// The paras whose fund bids (again) in the next block of an ending period, each at most
	/// once. Bounded by the number of funds, one per para.
	#[pallet::storage]
	#[pallet::unbounded]
	pub type NewRaise<T: Config> = StorageValue<_, Vec<ParaId>, ValueQuery>;

	/// How many auctions have entered their ending period.
	#[pallet::storage]
	pub type EndingsCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The index the next fund gets.
	#[pallet::storage]
	pub type NextFundIndex<T: Config> = StorageValue<_, FundIndex, ValueQuery>;

	/// The para of every fund ever created: its current para while it lives (it follows swaps),
	/// the last one once dissolved. Kept as history, like [`ContributionRecords`].
	#[pallet::storage]
	pub type FundParas<T: Config> = StorageMap<_, Twox64Concat, FundIndex, ParaId>;

	/// Each account's record of each fund it contributed to. Never deleted.
	#[pallet::storage]
	pub type ContributionRecords<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		FundIndex,
		ContributionRecordOf<T>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A fund was created.
		Created {
			/// The para it raises for.
			para_id: ParaId,
		},
		/// An account contributed to a fund.
		Contributed {
			/// The contributor.
			who: T::AccountId,
			/// The **para id** of the fund (Polkadot's field name, kept for its tools).
			fund_index: ParaId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// A contributor's whole contribution was paid back by `withdraw` (followed by
		/// `Refunded`).
		Withdrew {
			/// The contributor.
			who: T::AccountId,
			/// The **para id** of the fund (Polkadot's field name, kept for its tools).
			fund_index: ParaId,
			/// The amount.
			amount: BalanceOf<T>,
		},
		/// `refund` paid back `RemoveKeysLimit` contributors; more remain.
		PartiallyRefunded {
			/// The para of the fund.
			para_id: ParaId,
		},
		/// `refund` paid back every remaining contributor.
		AllRefunded {
			/// The para of the fund.
			para_id: ParaId,
		},
		/// A fund was dissolved.
		Dissolved {
			/// The para of the fund.
			para_id: ParaId,
		},
		/// A fund bid in an auction, with this result.
		HandleBidResult {
			/// The para of the fund.
			para_id: ParaId,
			/// What the auction answered.
			result: DispatchResult,
		},
		/// Root changed a fund's terms.
		Edited {
			/// The para of the fund.
			para_id: ParaId,
		},
		/// A contributor set its memo.
		MemoUpdated {
			/// The contributor.
			who: T::AccountId,
			/// The para of the fund.
			para_id: ParaId,
			/// The memo.
			memo: Vec<u8>,
		},
		/// A fund was put in `NewRaise` by `poke`.
		AddedToNewRaise {
			/// The para of the fund.
			para_id: ParaId,
		},
		/// A contribution was paid back (by `withdraw` or `refund`).
		Refunded {
			/// The contributor.
			who: T::AccountId,
			/// The para of the fund.
			para_id: ParaId,
			/// The fund.
			fund_index: FundIndex,
			/// The amount.
			amount: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The first period is not after the current lease period: the fund could never win.
		/// Choose a later one.
		FirstPeriodInPast,
		/// `first_period` is so large that the slot's last period overflows.
		FirstPeriodTooFarInFuture,
		/// `last_period` is before `first_period`.
		LastPeriodBeforeFirstPeriod,
		/// The periods span more than one slot (`lease_periods_per_slot`).
		LastPeriodTooFarInFuture,
		/// `end` is not in the future.
		CannotEndInPast,
		/// `end` is after the first block of `first_period`; contributions must end before the
		/// lease would start.
		EndTooFarInFuture,
		/// An amount or the fund index overflowed.
		Overflow,
		/// The contribution is below `MinContribution`.
		ContributionTooSmall,
		/// The para has no fund (or, at `create`, is not a registered para).
		InvalidParaId,
		/// The contribution would take `raised` above the fund's `cap`.
		CapExceeded,
		/// The fund no longer takes contributions: its `end` passed or its first period began.
		ContributionPeriodOver,
		/// Only the para's manager can create its fund.
		InvalidOrigin,
		/// The pot's funds are held by a bid or a lease: the fund has won, or its bid is still
		/// in a running auction. Wait for the auction or the lease to end.
		BidOrLeaseActive,
		/// `create`: the para has a fund already. `withdraw`/`refund`: the fund has not ended.
		FundNotEnded,
		/// The account has no contribution in the fund (or the fund has raised nothing).
		NoContributions,
		/// The fund still holds contributions, or the caller is not the depositor and `end` has
		/// not passed.
		NotReadyToDissolve,
		/// The fund needs its verifier's signature over `(para, who, previous contribution,
		/// value)`, and this one is missing or wrong.
		InvalidSignature,
		/// The memo is longer than `MaxMemoLength`.
		MemoTooLarge,
		/// The fund is in `NewRaise` already.
		AlreadyInNewRaise,
		/// The auction waits for its randomness: contributions could no longer change its
		/// outcome. Try again once it closed.
		VrfDelayInProgress,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			Self::bid_new_raises(n)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			let ed = T::Currency::minimum_balance();
			assert!(!ed.is_zero(), "the crowdloan pallet needs a non-zero existential deposit");
			assert!(
				T::MinContribution::get() >= ed,
				"MinContribution must be at least the existential deposit"
			);
			assert!(T::RemoveKeysLimit::get() > 0, "RemoveKeysLimit must not be zero");
			assert!(
				Self::fund_account_id(0) != Self::fund_account_id(1),
				"AccountId is too short for distinct fund pots"
			);
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Create a fund for para `index`, bidding for `first_period..=last_period` and taking
		/// contributions up to `cap` until block `end`. Holds `SubmissionDeposit`.
		///
		/// - Origin: signed, the para's manager; the para must be registered.
		/// - Errors: `LastPeriodBeforeFirstPeriod`, `FirstPeriodTooFarInFuture`,
		///   `LastPeriodTooFarInFuture`, `CannotEndInPast`, `FirstPeriodInPast`,
		///   `EndTooFarInFuture`, `FundNotEnded` (a fund exists), `InvalidParaId`,
		///   `InvalidOrigin`, `Overflow`, or the currency's error if the deposit cannot be held.
		/// - Events: `Created`.
		#[pallet::call_index(0)]
		pub fn create(
			origin: OriginFor<T>,
			#[pallet::compact] index: ParaId,
			#[pallet::compact] cap: BalanceOf<T>,
			#[pallet::compact] first_period: LeasePeriodIndex,
			#[pallet::compact] last_period: LeasePeriodIndex,
			#[pallet::compact] end: BlockNumberFor<T>,
			verifier: Option<MultiSigner>,
		) -> DispatchResult {
			let depositor = ensure_signed(origin)?;
			let terms = Terms { cap, first_period, last_period, end, verifier };
			Self::do_create(depositor, index, terms)
		}

		/// Contribute `value` to the fund of para `index`; the caller's account is kept alive.
		///
		/// - Origin: signed.
		/// - Errors: `ContributionTooSmall`, `InvalidParaId`, `Overflow`, `CapExceeded`,
		///   `ContributionPeriodOver`, `BidOrLeaseActive` (the fund has won),
		///   `VrfDelayInProgress`, `InvalidSignature`, or the currency's error.
		/// - Events: `Contributed`.
		#[pallet::call_index(1)]
		pub fn contribute(
			origin: OriginFor<T>,
			#[pallet::compact] index: ParaId,
			#[pallet::compact] value: BalanceOf<T>,
			signature: Option<MultiSignature>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_contribute(who, index, value, signature, KeepAlive::Yes)
		}

		/// Pay back `who`'s whole contribution to the fund of para `index`.
		///
		/// - Origin: signed (anyone, for anyone).
		/// - Errors: `InvalidParaId`, `FundNotEnded`, `BidOrLeaseActive`, `NoContributions`.
		/// - Events: `Withdrew`, `Refunded`.
		#[pallet::call_index(2)]
		pub fn withdraw(
			origin: OriginFor<T>,
			who: T::AccountId,
			#[pallet::compact] index: ParaId,
		) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_withdraw(who, index)
		}

		/// Pay back up to `RemoveKeysLimit` contributors of the ended fund of para `index`. The
		/// weight of contributors not paid is refunded.
		///
		/// - Origin: signed (anyone).
		/// - Errors: `InvalidParaId`, `FundNotEnded`, `BidOrLeaseActive`.
		/// - Events: `Refunded` per contributor, then `AllRefunded` or `PartiallyRefunded`.
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::refund(T::RemoveKeysLimit::get()))]
		pub fn refund(
			origin: OriginFor<T>,
			#[pallet::compact] index: ParaId,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			Self::do_refund(index)
		}

		/// Dissolve the fund of para `index`, which must hold no contributions: burn what was
		/// sent straight to its pot, drop the pot's provider reference, release the deposit.
		///
		/// - Origin: signed; the depositor any time, anyone from `end` on.
		/// - Errors: `InvalidParaId`, `NotReadyToDissolve`.
		/// - Events: `Dissolved`.
		#[pallet::call_index(4)]
		pub fn dissolve(origin: OriginFor<T>, #[pallet::compact] index: ParaId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_dissolve(who, index)
		}

		/// Change the terms of the fund of para `index`. The new terms are checked as at
		/// `create`; the depositor, deposit, contributions and fund index stay.
		///
		/// - Origin: `EditOrigin`.
		/// - Errors: `InvalidParaId`, and `create`'s checks of the terms:
		///   `LastPeriodBeforeFirstPeriod`, `FirstPeriodTooFarInFuture`,
		///   `LastPeriodTooFarInFuture`, `CannotEndInPast`, `FirstPeriodInPast`,
		///   `EndTooFarInFuture`.
		/// - Events: `Edited`.
		#[pallet::call_index(5)]
		pub fn edit(
			origin: OriginFor<T>,
			#[pallet::compact] index: ParaId,
			#[pallet::compact] cap: BalanceOf<T>,
			#[pallet::compact] first_period: LeasePeriodIndex,
			#[pallet::compact] last_period: LeasePeriodIndex,
			#[pallet::compact] end: BlockNumberFor<T>,
			verifier: Option<MultiSigner>,
		) -> DispatchResult {
			T::EditOrigin::ensure_origin(origin)?;
			Self::do_edit(index, Terms { cap, first_period, last_period, end, verifier })
		}

		/// Set the caller's memo on its contribution to the fund of para `index`.
		///
		/// - Origin: signed, a contributor of the fund.
		/// - Errors: `MemoTooLarge`, `InvalidParaId`, `NoContributions`.
		/// - Events: `MemoUpdated`.
		#[pallet::call_index(6)]
		pub fn add_memo(origin: OriginFor<T>, index: ParaId, memo: Vec<u8>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_add_memo(who, index, memo)
		}

		/// Put the fund of para `index` in `NewRaise`, so it bids in the next ending-period
		/// block (e.g. in a new auction without a new contribution).
		///
		/// - Origin: signed (anyone).
		/// - Errors: `InvalidParaId`, `NoContributions` (nothing raised), `AlreadyInNewRaise`.
		/// - Events: `AddedToNewRaise`.
		#[pallet::call_index(7)]
		pub fn poke(origin: OriginFor<T>, index: ParaId) -> DispatchResult {
			ensure_signed(origin)?;
			Self::do_poke(index)
		}

		/// Contribute everything the caller can transfer to the fund of para `index`; its
		/// account may be reaped.
		///
		/// - Origin: signed.
		/// - Errors: as `contribute`.
		/// - Events: `Contributed`.
		#[pallet::call_index(8)]
		pub fn contribute_all(
			origin: OriginFor<T>,
			#[pallet::compact] index: ParaId,
			signature: Option<MultiSignature>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let value = Self::transferable(&who);
			Self::do_contribute(who, index, value, signature, KeepAlive::No)
		}
	}
}
