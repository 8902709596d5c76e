//! The runtime's storage migrations, all in one place.
//!
//! `Executive` runs [`Migrations`] once, in the first block after a runtime upgrade raised
//! `spec_version` (it compares `System::LastRuntimeUpgrade`), before any other hook of that block.
//!
//! Every pallet of ours declares its `STORAGE_VERSION`. Auctions is at 1 (its `ReservedAmounts`
//! became a counted map), paras at 1 (an onboarding para's code moved out of its genesis
//! entry) and inclusion at 2 (`PendingStorageRoot` removed; `CandidateSession` added); the others are at 0, unchanged
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
pub type Migrations = (RuntimeMigrations, PalletMigrations);

/// The upgrade test's runtime also runs [`RecordUpgrade`].
#[cfg(feature = "upgrade-test")]
pub type Migrations = (RuntimeMigrations, PalletMigrations, RecordUpgrade);

/// The migrations `Executive` runs besides our pallets' (FRAME pallets' layouts that our runtime
/// changes), oldest first.
pub type RuntimeMigrations = (AddAuthorityDiscoveryKey,);

/// Our pallets' versioned migrations, oldest first. Each runs only on a chain whose on-chain
/// storage version is the one it starts from (a chain started from genesis has the newest).
pub type PalletMigrations = (
	// Auctions 0 → 1: `ReservedAmounts` counted, to bound it by `MaxReserves`.
	pallet_auctions::migrations::v1::MigrateV0ToV1<crate::Runtime>,
	// Paras 0 → 1: an onboarding para's code is stored once, named by `CurrentCodeHash`.
	pallet_paras::migrations::v1::MigrateV0ToV1<crate::Runtime>,
	// Inclusion 0 → 1: `PendingStorageRoot` removed (relay parents take the header's root).
	pallet_inclusion::migrations::v1::MigrateV0ToV1<crate::Runtime>,
	// Inclusion 1 → 2: `CandidateSession` (candidates of a block are those of its parent's
	// session) set to the current session.
	pallet_inclusion::migrations::v2::MigrateV1ToV2<crate::Runtime>,
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

/// The session keys before `authority_discovery` was added (what a running chain stores).
pub mod old_keys {
	use crate::{Babe, Grandpa, ParaInclusion};
	use alloc::vec::Vec;
	use sp_runtime::impl_opaque_keys;

	impl_opaque_keys! {
		/// BABE, GRANDPA and `para_validator`.
		pub struct SessionKeys {
			/// `babe`.
			pub babe: Babe,
			/// `gran`.
			pub grandpa: Grandpa,
			/// `para`.
			pub para_validator: ParaInclusion,
		}
	}
}

/// The encoded length of [`old_keys::SessionKeys`]: three 32-byte public keys.
const OLD_KEYS_LEN: usize = 96;

/// Session keys gained `authority_discovery` (`audi`). On a chain that stored them without it,
/// every validator's keys (`Session::NextKeys`, the queued keys and the key-owner index) get
/// its BABE key as its discovery key (both sr25519, unique per validator), so no key is lost and
/// validators stay discoverable until each sets new keys with `session.setKeys`. It acts only if
/// the stored keys have the old length, so a chain started with the new keys, or one already
/// migrated, is left alone (it is listed permanently, and `Executive` runs it at every upgrade).
pub struct AddAuthorityDiscoveryKey;

impl AddAuthorityDiscoveryKey {
	/// Whether some validator's stored keys have the old length.
	fn keys_are_old() -> bool {
		let Some(validator) = pallet_session::NextKeys::<crate::Runtime>::iter_keys().next() else {
			return false;
		};
		let key = pallet_session::NextKeys::<crate::Runtime>::hashed_key_for(validator);
		unhashed::get_raw(&key).is_some_and(|raw| raw.len() == OLD_KEYS_LEN)
	}
}

impl OnRuntimeUpgrade for AddAuthorityDiscoveryKey {
	fn on_runtime_upgrade() -> Weight {
		let db = <crate::Runtime as frame_system::Config>::DbWeight::get();
		if !Self::keys_are_old() {
			return db.reads(1);
		}
		let validators = core::cell::Cell::new(0u64);
		pallet_session::Pallet::<crate::Runtime>::upgrade_keys::<old_keys::SessionKeys, _>(
			|_, old| {
				validators.set(validators.get().saturating_add(1));
				let babe = sp_core::sr25519::Public::from(old.babe.clone());
				crate::SessionKeys {
					babe: old.babe,
					grandpa: old.grandpa,
					para_validator: old.para_validator,
					authority_discovery: sp_authority_discovery::AuthorityId::from(babe),
				}
			},
		);
		let validators = validators.get();
		log::info!(target: "runtime::migrations", "session keys of {validators} validators gained authority discovery");
		// Per validator: its keys and key-owner entries (3 cleared, 4 set), plus the queue.
		db.reads_writes(
			validators.saturating_add(2),
			validators.saturating_mul(8).saturating_add(1),
		)
	}
}
