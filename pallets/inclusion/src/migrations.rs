//! Storage migrations of the inclusion pallet, each versioned: it runs only when the on-chain
//! storage version is the one it starts from, then sets the next (so running it twice is safe).

/// Version 0 → 1: `PendingStorageRoot` is gone. Version 0 recorded a storage root computed in
/// `on_finalize` (before `frame_system` finalised the block, so no header carried it); version
/// 1 reads the parent's real state root from its header in the inherent data. The migration
/// removes the leftover value.
pub mod v1 {
	use crate::{Config, Pallet};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		storage::unhashed,
		traits::{Get, PalletInfoAccess, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// The storage key version 0 kept `PendingStorageRoot` under.
	pub fn pending_storage_root_key<T: Config>() -> [u8; 32] {
		frame_support::storage::storage_prefix(
			<Pallet<T> as PalletInfoAccess>::name().as_bytes(),
			b"PendingStorageRoot",
		)
	}

	/// Removes `PendingStorageRoot`.
	pub struct RemovePendingStorageRoot<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for RemovePendingStorageRoot<T> {
		fn on_runtime_upgrade() -> Weight {
			unhashed::kill(&pending_storage_root_key::<T>());
			log::info!(target: crate::LOG_TARGET, "v1: removed PendingStorageRoot");
			T::DbWeight::get().writes(1)
		}
	}

	/// The migration to list in the runtime: [`RemovePendingStorageRoot`] from version 0 to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		RemovePendingStorageRoot<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
		use relay_primitives::Hash;

		#[test]
		fn the_pending_root_is_removed_once() {
			new_test_ext().execute_with(|| {
				let key = pending_storage_root_key::<Test>();
				unhashed::put(&key, &Hash::repeat_byte(3));
				StorageVersion::new(0).put::<Pallet<Test>>();

				MigrateV0ToV1::<Test>::on_runtime_upgrade();
				assert_eq!(unhashed::get::<Hash>(&key), None);
				assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);

				// At version 1 it does nothing.
				unhashed::put(&key, &Hash::repeat_byte(4));
				MigrateV0ToV1::<Test>::on_runtime_upgrade();
				assert_eq!(unhashed::get::<Hash>(&key), Some(Hash::repeat_byte(4)));
			});
		}
	}
}

/// Version 1 → 2: `CandidateSession` (the session the next block's candidates are signed for)
/// is set to the current session, which is what the chain used before.
pub mod v2 {
	use crate::{CandidateSession, Config, Pallet};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// Sets `CandidateSession` to the current session.
	pub struct InitCandidateSession<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InitCandidateSession<T> {
		fn on_runtime_upgrade() -> Weight {
			CandidateSession::<T>::put(T::SessionIndex::get());
			log::info!(target: crate::LOG_TARGET, "v2: CandidateSession set");
			T::DbWeight::get().reads_writes(1, 1)
		}
	}

	/// The migration to list in the runtime: [`InitCandidateSession`] from version 1 to 2.
	pub type MigrateV1ToV2<T> = VersionedMigration<
		1,
		2,
		InitCandidateSession<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Session, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn the_candidate_session_is_set_once() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(1).put::<Pallet<Test>>();
				Session::set(7);
				MigrateV1ToV2::<Test>::on_runtime_upgrade();
				assert_eq!(CandidateSession::<Test>::get(), Some(7));
				assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
				// At version 2 it does nothing.
				Session::set(8);
				MigrateV1ToV2::<Test>::on_runtime_upgrade();
				assert_eq!(CandidateSession::<Test>::get(), Some(7));
			});
		}
	}
}
