//! # Configuration pallet
//!
//! Polkadot's relay chain keeps its host configuration in `Configuration.ActiveConfig`, and a
//! parachain's collator proves that value from the relay chain's state in every block (Cumulus's
//! relay-state proof reads it at the well-known key `twox128("Configuration") ++
//! twox128("ActiveConfig")` and fails without it). It decodes only the value's prefix, the
//! [`AbridgedHostConfiguration`]: code and head size limits, the upward and horizontal message
//! limits, the code upgrade delay and cooldown, and the asynchronous-backing parameters.
//!
//! This chain's limits are the constants of its own pallets (`pallet_paras`' code and head sizes
//! and upgrade timing, `pallet_inclusion`'s relay-parent window, no message queues yet), so this
//! pallet stores exactly the [`AbridgedHostConfiguration`] the runtime derives from them
//! ([`Config::HostConfiguration`]), under Polkadot's pallet and storage names:
//!
//! - at genesis;
//! - again after every runtime upgrade (`on_runtime_upgrade`), in case the constants changed, so
//!   the stored value never disagrees with the limits the chain enforces.
//!
//! ## Pallet API
//!
//! No calls. The storage value [`ActiveConfig`]; `try_state` (`invariants.rs`) checks it equals
//! [`Config::HostConfiguration`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::panic
	)
)]

#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use relay_primitives::host::AbridgedHostConfiguration;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::configuration";

// FRAME's pallet macro expands to `expect` and index casts; nothing else is in here.
#[allow(clippy::expect_used, clippy::cast_possible_truncation)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The layout version of this pallet's storage (0: unchanged since it was added).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The host configuration the chain's limits give (derived by the runtime).
		type HostConfiguration: Get<AbridgedHostConfiguration>;
	}

	/// The active host configuration, as Polkadot's `Configuration.ActiveConfig` begins.
	#[pallet::storage]
	pub type ActiveConfig<T: Config> = StorageValue<_, AbridgedHostConfiguration, OptionQuery>;

	/// Nothing to set: the value comes from [`Config::HostConfiguration`].
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Unused.
		#[serde(skip)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			ActiveConfig::<T>::put(T::HostConfiguration::get());
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_runtime_upgrade() -> Weight {
			Pallet::<T>::refresh()
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Stores the derived configuration if it differs from the stored one; the weight used.
		pub fn refresh() -> Weight {
			let derived = T::HostConfiguration::get();
			if ActiveConfig::<T>::get().as_ref() == Some(&derived) {
				return T::DbWeight::get().reads(1);
			}
			log::info!(target: LOG_TARGET, "active config set to {derived:?}");
			ActiveConfig::<T>::put(derived);
			T::DbWeight::get().reads_writes(1, 1)
		}
	}
}
