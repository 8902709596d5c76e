//! Storage migrations of the auctions pallet, each versioned: it runs only when the on-chain
//! storage version is the one it starts from, then sets the next (so running it twice is safe).

/// Version 0 → 1: `ReservedAmounts` became a counted map, to bound the deposits an auction holds
/// (`MaxReserves`). The migration counts the entries that exist (none between auctions).
pub mod v1 {
	use crate::{Config, Pallet, ReservedAmounts};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};

	/// Writes the counter of `ReservedAmounts` from its entries.
	pub struct InitReserveCounter<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InitReserveCounter<T> {
		fn on_runtime_upgrade() -> Weight {
			let entries = ReservedAmounts::<T>::initialize_counter();
			log::info!(target: crate::LOG_TARGET, "v1: counted {entries} bid deposits");
			T::DbWeight::get().reads_writes(u64::from(entries).saturating_add(1), 1)
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: alloc::vec::Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let entries = ReservedAmounts::<T>::iter_keys().count();
			frame_support::ensure!(
				entries == ReservedAmounts::<T>::count() as usize,
				"v1: the counter of ReservedAmounts differs from its entries"
			);
			Ok(())
		}
	}

	/// The migration to list in the runtime: [`InitReserveCounter`] from version 0 to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InitReserveCounter<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::{new_test_ext, Test};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
		use relay_primitives::ParaId;

		#[test]
		fn the_counter_is_written_once_from_the_entries() {
			new_test_ext().execute_with(|| {
				// A chain at version 0: entries written without the counter.
				StorageVersion::new(0).put::<Pallet<Test>>();
				for bidder in 1..=3u64 {
					let key =
						ReservedAmounts::<Test>::hashed_key_for((bidder, ParaId(bidder as u32)));
					frame_support::storage::unhashed::put(&key, &10u64);
				}
				frame_support::storage::unhashed::kill(
					&ReservedAmounts::<Test>::counter_storage_final_key(),
				);
				assert_eq!(ReservedAmounts::<Test>::count(), 0);

				MigrateV0ToV1::<Test>::on_runtime_upgrade();
				assert_eq!(ReservedAmounts::<Test>::count(), 3);
				assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);

				// Once at version 1 it does nothing, even if the counter were off.
				ReservedAmounts::<Test>::remove((1u64, ParaId(1)));
				frame_support::storage::unhashed::put(
					&ReservedAmounts::<Test>::counter_storage_final_key(),
					&7u32,
				);
				MigrateV0ToV1::<Test>::on_runtime_upgrade();
				assert_eq!(ReservedAmounts::<Test>::count(), 7);
			});
		}
	}
}
