//! Storage migrations of the paras pallet, each versioned: it runs only when the on-chain storage
//! version is the one it starts from, then sets the next (so running it twice is safe).

/// Version 0 → 1: a registration stores its code once. Before, an onboarding para's code was
/// both in `CodeByHash` and inside its `UpcomingParasGenesis` entry, and `CurrentCodeHash` was
/// written only when it went live; now `CurrentCodeHash` names the code from registration on and
/// the entry's `validation_code` is empty. The migration does that for every onboarding para
/// (at most `MaxParas`; none on a chain between registrations).
pub mod v1 {
	use crate::{Config, CurrentCodeHash, Pallet, UpcomingParasGenesis, WeightInfo};
	use alloc::vec::Vec;
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use relay_primitives::ValidationCode;
	use sp_runtime::SaturatedConversion;

	/// Moves each onboarding para's code out of its genesis entry into `CurrentCodeHash`.
	pub struct MoveGenesisCode<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for MoveGenesisCode<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut weight = T::DbWeight::get().reads(1);
			let mut moved = 0u32;
			let entries: Vec<_> = UpcomingParasGenesis::<T>::iter().collect();
			for (para, mut genesis) in entries {
				weight.saturating_accrue(T::DbWeight::get().reads_writes(1, 1));
				if genesis.validation_code.0.is_empty() {
					continue;
				}
				let code =
					core::mem::replace(&mut genesis.validation_code, ValidationCode(Vec::new()));
				// Hashing the code and writing the hash: priced as `force_set_current_code`,
				// which hashes and stores a code of that length.
				weight.saturating_accrue(<T as Config>::WeightInfo::force_set_current_code(
					code.0.len().saturated_into(),
				));
				CurrentCodeHash::<T>::insert(para, code.hash());
				UpcomingParasGenesis::<T>::insert(para, genesis);
				moved = moved.saturating_add(1);
			}
			log::info!(target: crate::LOG_TARGET, "v1: moved the code of {moved} onboarding paras");
			weight
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(_: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			Pallet::<T>::do_try_state()
		}
	}

	/// The migration to list in the runtime: [`MoveGenesisCode`] from version 0 to 1.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		MoveGenesisCode<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::{
			mock::{code, genesis, new_test_ext, next_session, Test},
			CodeByHash, CodeByHashRefs,
		};
		use frame_support::{
			assert_ok,
			traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
		};
		use relay_primitives::{ParaId, ParaKind, ParaLifecycle};

		#[test]
		fn the_code_moves_out_of_genesis_entries_once() {
			new_test_ext().execute_with(|| {
				let (a, b) = (ParaId(2000), ParaId(2001));
				for (para, tag) in [(a, 1), (b, 2)] {
					assert_ok!(Pallet::<Test>::schedule_para_initialize(
						para,
						genesis(tag, ParaKind::Parathread)
					));
					// As version 0 wrote it: the code in the entry, no current code named.
					UpcomingParasGenesis::<Test>::insert(para, genesis(tag, ParaKind::Parathread));
					CurrentCodeHash::<Test>::remove(para);
				}
				StorageVersion::new(0).put::<Pallet<Test>>();
				assert!(Pallet::<Test>::do_try_state().is_err(), "v0 state breaks v1's rules");

				let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
				assert!(weight.ref_time() > 0);
				assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
				for (para, tag) in [(a, 1), (b, 2)] {
					assert_eq!(CurrentCodeHash::<Test>::get(para), Some(code(tag).hash()));
					let entry = UpcomingParasGenesis::<Test>::get(para).expect("still onboarding");
					assert!(entry.validation_code.0.is_empty());
					assert_eq!(CodeByHashRefs::<Test>::get(code(tag).hash()), 1);
				}
				assert_ok!(Pallet::<Test>::do_try_state());

				// Once at version 1 it does nothing.
				UpcomingParasGenesis::<Test>::insert(b, genesis(9, ParaKind::Parathread));
				MigrateV0ToV1::<Test>::on_runtime_upgrade();
				assert_eq!(CurrentCodeHash::<Test>::get(b), Some(code(2).hash()));
				UpcomingParasGenesis::<Test>::insert(b, {
					let mut g = genesis(2, ParaKind::Parathread);
					g.validation_code = ValidationCode(Vec::new());
					g
				});

				// The migrated paras go live with their code.
				next_session();
				next_session();
				assert_eq!(Pallet::<Test>::lifecycle(a), Some(ParaLifecycle::Parathread));
				assert_eq!(Pallet::<Test>::current_code(b), Some(code(2)));
				assert!(CodeByHash::<Test>::get(code(1).hash()).is_some());
				assert_ok!(Pallet::<Test>::do_try_state());
			});
		}
	}
}
