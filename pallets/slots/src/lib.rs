//! # Slots pallet
//!
//! Parachain slot leases. A para holds a slot for a range of lease periods, paid for by
//! leasers who keep a deposit on hold until their periods are over. At the start of each lease
//! period the pallet moves every lease on by one period, returns deposits no longer needed, and
//! has paras whose lease starts become parachains and paras whose lease ended become parathreads.
//!
//! ## Pallet API
//!
//! [`Pallet::force_lease`], [`Pallet::clear_all_leases`] and [`Pallet::trigger_onboard`]; the
//! [`Leaser`] implementation (what auctions use), [`LeaseHolders`] (what the registrar asks)
//! and [`OnSwap`].
//!
//! ## Overview
//!
//! Lease period `i` covers blocks `LeaseOffset + i × LeasePeriod` up to the next period; blocks
//! before `LeaseOffset` belong to no period. [`Leases`] holds, for each para, one entry per
//! period from the current one on: `Some((leaser, amount))` or `None` for a gap. A leaser may
//! hold several periods, with different amounts; what it has on hold for the para is the most
//! it owes in any remaining period, so a renewal only tops up and a period ending rebates the
//! difference.
//!
//! Only registered paras are leased, and the registrar refuses to deregister a leased para
//! ([`LeaseHolders`]), so [`Leases`] never has more entries than the chain has paras
//! (`MaxParas`): the lease-period start, which visits every entry, is bounded and is charged
//! what it visited (its benchmark is linear in both counts).
//!
//! Beyond Polkadot, the pallet says when a lease ends ([`Event::LeaseEnded`]) and when deposit
//! comes back ([`Event::DepositRebated`]).

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
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod leases;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

use frame_support::traits::fungible::{Mutate, MutateHold};
use relay_primitives::{
	traits::{LeaseError, LeaseHolders, Leaser, OnSwap, Registrar},
	LeasePeriodIndex, ParaId,
};

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::slots";

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
		/// The currency deposits are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// The para registry, to upgrade and downgrade paras.
		type Registrar: Registrar<AccountId = Self::AccountId>;
		/// The length of a lease period, in blocks.
		#[pallet::constant]
		type LeasePeriod: Get<BlockNumberFor<Self>>;
		/// The first block of lease period 0.
		#[pallet::constant]
		type LeaseOffset: Get<BlockNumberFor<Self>>;
		/// How many periods ahead (the current one included) leases are recorded.
		#[pallet::constant]
		type MaxLeasePeriods: Get<u32>;
		/// The origin of `force_lease` and `clear_all_leases` (root on our chains).
		type ForceOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;
		/// Weights of this pallet's calls and hook, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit behind a lease.
		#[codec(index = 0)]
		LeaseDeposit,
	}

	/// The leases of each para, index 0 being the current lease period. No entry: no lease.
	/// The last element is always `Some`.
	#[pallet::storage]
	pub type Leases<T: Config> =
		StorageMap<_, Twox64Concat, ParaId, BoundedVec<LeaseOf<T>, T::MaxLeasePeriods>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Leases from lease period 0: `(para, leaser, amount, period count)`. The leaser must be
		/// able to hold `amount`.
		pub leases: Vec<(ParaId, T::AccountId, BalanceOf<T>, LeasePeriodIndex)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		#[allow(clippy::panic)] // A bad chain spec must stop the chain from being built at all.
		fn build(&self) {
			for (para, leaser, amount, count) in &self.leases {
				if let Err(e) = Pallet::<T>::insert_lease(*para, leaser, *amount, 0, 0, *count) {
					panic!("genesis lease of para {para} is invalid: {e:?}");
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A new lease period started.
		NewLeasePeriod {
			/// Its index.
			lease_period: LeasePeriodIndex,
		},
		/// A para was leased periods. `extra_reserved` is what was newly put on hold;
		/// `total_amount` what the leaser holds for the para now.
		Leased {
			/// The para.
			para_id: ParaId,
			/// Who pays.
			leaser: T::AccountId,
			/// The first period.
			period_begin: LeasePeriodIndex,
			/// How many periods.
			period_count: LeasePeriodIndex,
			/// Newly held.
			extra_reserved: BalanceOf<T>,
			/// Held in total for this para.
			total_amount: BalanceOf<T>,
		},
		/// A para's last leased period ended; it becomes a parathread.
		LeaseEnded {
			/// The para.
			para_id: ParaId,
		},
		/// Deposit a leaser no longer needs was released.
		DepositRebated {
			/// The para.
			para_id: ParaId,
			/// The leaser.
			leaser: T::AccountId,
			/// How much was released.
			amount: BalanceOf<T>,
		},
		/// All leases of a para were removed by `clear_all_leases`.
		LeasesCleared {
			/// The para.
			para_id: ParaId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The para has no lease for the current period.
		ParaNotOnboarding,
		/// The leaser cannot pay the deposit.
		ReserveFailed,
		/// Some of the periods are leased to this para already.
		AlreadyLeased,
		/// The first period is in the past.
		AlreadyEnded,
		/// The chain is before its first lease period.
		NoLeasePeriod,
		/// A lease must cover at least one period.
		NoPeriods,
		/// The lease ends beyond `MaxLeasePeriods` from now.
		TooFarAhead,
		/// Only a registered para (live, not onboarding or offboarding) can be leased.
		ParaNotRegistered,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			match Self::lease_period_index(n) {
				Some((period, true)) => Self::manage_lease_period_start(period),
				_ => Weight::zero(),
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(!T::LeasePeriod::get().is_zero(), "LeasePeriod must not be zero");
			assert!(T::MaxLeasePeriods::get() > 0, "MaxLeasePeriods must not be zero");
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Lease `period_count` periods from `period_begin` to `para`, paid for by `leaser`
		/// (who must be able to hold `amount`, minus what it holds for the para already).
		///
		/// - Origin: `ForceOrigin`.
		/// - Errors: `NoLeasePeriod`, `AlreadyEnded`, `NoPeriods`, `ParaNotRegistered`,
		///   `TooFarAhead`, `AlreadyLeased`, `ReserveFailed`.
		/// - Events: `Leased`.
		#[pallet::call_index(0)]
		pub fn force_lease(
			origin: OriginFor<T>,
			para: ParaId,
			leaser: T::AccountId,
			amount: BalanceOf<T>,
			period_begin: LeasePeriodIndex,
			period_count: LeasePeriodIndex,
		) -> DispatchResult {
			T::ForceOrigin::ensure_origin(origin)?;
			Self::lease_out(para, &leaser, amount, period_begin, period_count)
				.map_err(|e| Error::<T>::from(e).into())
		}

		/// Remove every lease of `para` and release its leasers' deposits.
		///
		/// - Origin: `ForceOrigin`.
		/// - Errors: none (a para without leases is left as it is).
		/// - Events: `DepositRebated` per leaser, then `LeasesCleared`.
		#[pallet::call_index(1)]
		pub fn clear_all_leases(origin: OriginFor<T>, para: ParaId) -> DispatchResult {
			T::ForceOrigin::ensure_origin(origin)?;
			Self::do_clear_all_leases(para);
			Ok(())
		}

		/// Schedule a para that holds a lease for the current period to become a parachain, if
		/// that did not happen when the lease started (for example because the para was not
		/// registered yet).
		///
		/// - Origin: signed (anyone).
		/// - Errors: `ParaNotOnboarding` (no lease now), or the registrar's error (e.g. the para
		///   is not a live parathread).
		/// - Events: the paras pallet's `ActionQueued`.
		#[pallet::call_index(2)]
		pub fn trigger_onboard(origin: OriginFor<T>, para: ParaId) -> DispatchResult {
			ensure_signed(origin)?;
			let leases = Leases::<T>::get(para);
			ensure!(matches!(leases.first(), Some(Some(_))), Error::<T>::ParaNotOnboarding);
			T::Registrar::make_parachain(para)
		}
	}
}

impl<T: Config> From<LeaseError> for Error<T> {
	fn from(e: LeaseError) -> Self {
		match e {
			LeaseError::ReserveFailed => Error::<T>::ReserveFailed,
			LeaseError::AlreadyLeased => Error::<T>::AlreadyLeased,
			LeaseError::AlreadyEnded => Error::<T>::AlreadyEnded,
			LeaseError::NoLeasePeriod => Error::<T>::NoLeasePeriod,
			LeaseError::NoPeriods => Error::<T>::NoPeriods,
			LeaseError::TooFarAhead => Error::<T>::TooFarAhead,
			LeaseError::ParaNotRegistered => Error::<T>::ParaNotRegistered,
		}
	}
}
