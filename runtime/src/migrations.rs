//! The runtime's storage migrations, all in one place.
//!
//! `Executive` runs [`Migrations`] once, in the first block after a runtime upgrade raised
//! `spec_version` (it compares `System::LastRuntimeUpgrade`), before any other hook of that block.
//!
//! Every pallet of ours declares its `STORAGE_VERSION`. Auctions is at 1 (its `ReservedAmounts`
//! became a counted map), paras at 1 (an onboarding para's code moved out of its genesis
//! entry) and inclusion at 1 (`PendingStorageRoot` removed); the others are at 0, unchanged
//! since launch. When a layout changes:
//!
//! 1. bump the pallet's `STORAGE_VERSION` and write the migration in a `migrations` module of the
//!    pallet, as a `frame_support::migrations::VersionedMigration` (it runs only if the on-chain
//!    version is the old one, then sets the new one: idempotent), with `pre_upgrade` /
//!    `post_upgrade` checks under `try-runtime`;
//! 2. append it to [`Migrations`] below (oldest first);
//! 3. refresh the storage-layout snapshot (`runtime/src/tests/storage_layout.rs` says how): the
//!    check fails while code, version and snapshot disagree.
//!
//! The test-only feature `upgrade-test` (the live upgrade test's next runtime) adds
//! [`RecordUpgrade`].

use frame_support::{storage::unhashed, traits::OnRuntimeUpgrade, weights::Weight};

/// The migrations `Executive` runs at the next runtime upgrade, oldest first.
#[cfg(not(feature = "upgrade-test"))]
pub type Migrations = PalletMigrations;

/// The upgrade test's runtime also runs [`RecordUpgrade`].
#[cfg(feature = "upgrade-test")]
pub type Migrations = (PalletMigrations, RecordUpgrade);

/// Our pallets' versioned migrations, oldest first. Each runs only on a chain whose on-chain
/// storage version is the one it starts from (a chain started from genesis has the newest).
pub type PalletMigrations = (
	// Auctions 0 → 1: `ReservedAmounts` counted, to bound it by `MaxReserves`.
	pallet_auctions::migrations::v1::MigrateV0ToV1<crate::Runtime>,
	// Paras 0 → 1: an onboarding para's code is stored once, named by `CurrentCodeHash`.
	pallet_paras::migrations::v1::MigrateV0ToV1<crate::Runtime>,
	// Inclusion 0 → 1: `PendingStorageRoot` removed (relay parents take the header's root).
	pallet_inclusion::migrations::v1::MigrateV0ToV1<crate::Runtime>,
);

/// Where [`RecordUpgrade`] counts its runs: a `u32` (SCALE) under this raw key.
pub const UPGRADE_RUNS_KEY: &[u8] = b":relay:upgrade_test:runs";

/// A real storage migration for the live upgrade test: it adds one to a counter under
/// [`UPGRADE_RUNS_KEY`] each time it runs. It is deliberately not idempotent, so the test can
/// tell from the counter that `Executive` ran it exactly once (1 after the upgrade, and still 1
/// blocks later), not zero times and not again in a later block.
pub struct RecordUpgrade;

impl RecordUpgrade {
	/// How many times the migration has run on this chain (0 if never).
	pub fn runs() -> u32 {
		unhashed::get::<u32>(UPGRADE_RUNS_KEY).unwrap_or(0)
	}
}

impl OnRuntimeUpgrade for RecordUpgrade {
	fn on_runtime_upgrade() -> Weight {
		let runs = Self::runs().saturating_add(1);
		unhashed::put(UPGRADE_RUNS_KEY, &runs);
		log::info!(target: "runtime::migrations", "RecordUpgrade: run {runs}");
		<crate::Runtime as frame_system::Config>::DbWeight::get().reads_writes(1, 1)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<alloc::vec::Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		Ok(Self::runs().encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before = u32::decode(&mut &before[..]).map_err(|_| {
			sp_runtime::TryRuntimeError::Other("RecordUpgrade: bad pre-upgrade state")
		})?;
		frame_support::ensure!(
			Self::runs() == before.saturating_add(1),
			"RecordUpgrade: the counter did not grow by exactly one"
		);
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn record_upgrade_counts_each_run() {
		sp_io::TestExternalities::default().execute_with(|| {
			assert_eq!(RecordUpgrade::runs(), 0);
			let weight = RecordUpgrade::on_runtime_upgrade();
			assert_eq!(RecordUpgrade::runs(), 1);
			assert_eq!(
				weight,
				<crate::Runtime as frame_system::Config>::DbWeight::get().reads_writes(1, 1)
			);
			RecordUpgrade::on_runtime_upgrade();
			assert_eq!(RecordUpgrade::runs(), 2);
			assert_eq!(unhashed::get::<u32>(UPGRADE_RUNS_KEY), Some(2));
		});
	}
}
