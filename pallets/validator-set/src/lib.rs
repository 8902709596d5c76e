//! # Validator set pallet
//!
//! The set of accounts that author (BABE) and finalize (GRANDPA) relay-chain blocks, changed by a
//! privileged origin (root on our chains) and applied by `pallet-session` at session boundaries.
//!
//! ## Pallet API
//!
//! - [`Pallet::set_validators`]: replace the whole set.
//! - [`Pallet::add_validator`] / [`Pallet::remove_validator`]: change one member.
//!
//! Every call takes [`Config::ValidatorOrigin`] and checks its input before it writes anything:
//! the set stays within [`Config::MinValidators`] and [`Config::MaxValidators`], has no duplicates,
//! and every member has session keys registered (`session.setKeys`), so no block-producing slot is
//! ever handed to an account that cannot author.
//!
//! ## Overview
//!
//! This pallet is `pallet-session`'s [`SessionManager`]. A change is stored at once and marked
//! pending; at the next session boundary `pallet-session` asks for the next set and gets the new
//! one, which it queues; it becomes the active (authoring and voting) set at the session after
//! that. That one-session queue is how BABE and GRANDPA work: the authorities of an epoch are
//! announced one epoch ahead, so every node knows them before the epoch starts.
//!
//! ## Low-level design
//!
//! - [`Validators`]: the set that was last chosen (bounded by [`Config::MaxValidators`]).
//! - [`PendingChange`]: whether [`Validators`] changed since it was last handed to the session
//!   pallet.

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
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::SessionKeysCheck;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use pallet_session::SessionManager;
use sp_runtime::SaturatedConversion;
use sp_staking::SessionIndex;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::validator-set";

// FRAME's pallet macro expands to `expect` and index casts; the calls in here stay thin.
#[allow(clippy::expect_used, clippy::cast_possible_truncation)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

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
		/// The origin that may change the validator set (root on our chains).
		type ValidatorOrigin: EnsureOrigin<Self::RuntimeOrigin>;
		/// Tells whether an account has session keys registered.
		type SessionKeys: SessionKeysCheck<Self::AccountId>;
		/// The smallest allowed set (an empty set would stop block production).
		#[pallet::constant]
		type MinValidators: Get<u32>;
		/// The largest allowed set.
		#[pallet::constant]
		type MaxValidators: Get<u32>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The validator set that was last chosen. It is the active set once the session pallet has
	/// applied it (see the module docs for when).
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since the session pallet last asked for the next set.
	#[pallet::storage]
	pub type PendingChange<T> = StorageValue<_, bool, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions. They must also have keys in the session
		/// pallet's genesis. Left empty, the session pallet's genesis keys decide the first set
		/// and this pallet starts with an empty list (only useful for tests).
		pub validators: Vec<T::AccountId>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		#[allow(clippy::panic)] // A bad chain spec must stop the chain from being built at all.
		fn build(&self) {
			if self.validators.is_empty() {
				return;
			}
			if let Err(e) = Pallet::<T>::check_set(&self.validators, false) {
				panic!("invalid genesis validator set: {e:?}");
			}
			let Ok(set) = BoundedVec::try_from(self.validators.clone()) else {
				panic!("genesis validator set larger than MaxValidators");
			};
			Validators::<T>::put(set);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The validator set was replaced; it is handed to the session pallet at the next
		/// session boundary.
		ValidatorsSet {
			/// The new set.
			validators: Vec<T::AccountId>,
		},
		/// A validator was added; it takes part from the session after the next one.
		ValidatorAdded {
			/// The new validator.
			who: T::AccountId,
		},
		/// A validator was removed; it stops taking part from the session after the next one.
		ValidatorRemoved {
			/// The removed validator.
			who: T::AccountId,
		},
		/// A changed set was handed to the session pallet, which queued it for `session_index`.
		NewSetQueued {
			/// The session in which the set becomes active.
			session_index: SessionIndex,
			/// The queued set.
			validators: Vec<T::AccountId>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The set would have fewer than `MinValidators` members. Add validators first.
		TooFewValidators,
		/// The set would have more than `MaxValidators` members. Remove validators first.
		TooManyValidators,
		/// An account appears twice in the set. List each validator once.
		DuplicateValidator,
		/// An account has no session keys. It must call `session.setKeys` first.
		NoSessionKeys,
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least 1");
			assert!(T::MinValidators::get() <= T::MaxValidators::get(), "Min above Max validators");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Replace the validator set.
		///
		/// - Origin: [`Config::ValidatorOrigin`].
		/// - Errors: [`Error::TooFewValidators`], [`Error::TooManyValidators`],
		///   [`Error::DuplicateValidator`], [`Error::NoSessionKeys`].
		/// - Events: [`Event::ValidatorsSet`]; at the next session boundary
		///   [`Event::NewSetQueued`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::set_validators(validators.len().saturated_into()))]
		pub fn set_validators(
			origin: OriginFor<T>,
			validators: Vec<T::AccountId>,
		) -> DispatchResult {
			T::ValidatorOrigin::ensure_origin(origin)?;
			Self::do_set_validators(validators)
		}

		/// Add one validator.
		///
		/// - Origin: [`Config::ValidatorOrigin`].
		/// - Errors: [`Error::AlreadyValidator`], [`Error::TooManyValidators`],
		///   [`Error::NoSessionKeys`].
		/// - Events: [`Event::ValidatorAdded`]; at the next session boundary
		///   [`Event::NewSetQueued`].
		#[pallet::call_index(1)]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ValidatorOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Remove one validator.
		///
		/// - Origin: [`Config::ValidatorOrigin`].
		/// - Errors: [`Error::NotValidator`], [`Error::TooFewValidators`].
		/// - Events: [`Event::ValidatorRemoved`]; at the next session boundary
		///   [`Event::NewSetQueued`].
		#[pallet::call_index(2)]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::ValidatorOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}
	}

	impl<T: Config> Pallet<T> {
		/// Check a whole set: size bounds, duplicates and (if `keys`) session keys.
		pub(crate) fn check_set(set: &[T::AccountId], keys: bool) -> Result<(), Error<T>> {
			let len = set.len();
			ensure!(len >= T::MinValidators::get() as usize, Error::<T>::TooFewValidators);
			ensure!(len <= T::MaxValidators::get() as usize, Error::<T>::TooManyValidators);
			let mut sorted: Vec<&T::AccountId> = set.iter().collect();
			sorted.sort();
			ensure!(
				sorted.windows(2).all(|w| w.first() != w.get(1)),
				Error::<T>::DuplicateValidator
			);
			if keys {
				ensure!(set.iter().all(T::SessionKeys::has_keys), Error::<T>::NoSessionKeys);
			}
			Ok(())
		}

		/// Replace the set after checking it; the new set is applied at the next session boundary.
		pub fn do_set_validators(validators: Vec<T::AccountId>) -> DispatchResult {
			Self::check_set(&validators, true)?;
			let bounded = BoundedVec::try_from(validators.clone())
				.map_err(|_| Error::<T>::TooManyValidators)?;
			Validators::<T>::put(bounded);
			PendingChange::<T>::put(true);
			Self::deposit_event(Event::ValidatorsSet { validators });
			Ok(())
		}

		/// Add `who` to the set after checking it.
		pub fn do_add_validator(who: T::AccountId) -> DispatchResult {
			let mut set = Validators::<T>::get();
			ensure!(!set.contains(&who), Error::<T>::AlreadyValidator);
			ensure!(T::SessionKeys::has_keys(&who), Error::<T>::NoSessionKeys);
			set.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)?;
			Validators::<T>::put(set);
			PendingChange::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Remove `who` from the set after checking it.
		pub fn do_remove_validator(who: T::AccountId) -> DispatchResult {
			let mut set = Validators::<T>::get();
			let position = set.iter().position(|v| v == &who).ok_or(Error::<T>::NotValidator)?;
			ensure!(set.len() > T::MinValidators::get() as usize, Error::<T>::TooFewValidators);
			set.remove(position);
			Validators::<T>::put(set);
			PendingChange::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { who });
			Ok(())
		}
	}
}

impl<T: Config> SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		if !PendingChange::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		log::info!(target: LOG_TARGET, "queueing {} validators for session {new_index}", validators.len());
		Self::deposit_event(Event::NewSetQueued {
			session_index: new_index,
			validators: validators.clone(),
		});
		Some(validators)
	}

	fn new_session_genesis(_new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		let validators = Validators::<T>::get();
		(!validators.is_empty()).then(|| validators.into_inner())
	}

	fn end_session(_end_index: SessionIndex) {}

	fn start_session(_start_index: SessionIndex) {}
}
