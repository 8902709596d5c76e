//! Session keys: the presets give every validator an authority-discovery key, and a chain that
//! stored keys without one gets its validators' BABE keys as discovery keys at the upgrade.

use super::*;
use crate::migrations::{old_keys, AddAuthorityDiscoveryKey};
use frame_support::{storage::unhashed, traits::OnRuntimeUpgrade};
use sp_runtime::{traits::OpaqueKeys, RuntimeAppPublic};

#[test]
fn the_presets_give_every_validator_a_discovery_key() {
	ext_from_preset(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let validators = pallet_session::Validators::<Runtime>::get();
		assert_eq!(validators.len(), 4);
		for (validator, keyring) in validators.iter().zip([
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		]) {
			let keys = pallet_session::NextKeys::<Runtime>::get(validator).expect("keys");
			assert_eq!(keys.authority_discovery, keyring.public().into());
		}
		assert_eq!(crate::AuthorityDiscovery::current_authorities().len(), 4);
	});
}

#[test]
fn keys_stored_without_a_discovery_key_gain_the_babe_key_once() {
	ext_from_preset(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		// A new chain's keys are left alone.
		let before: Vec<_> = pallet_session::NextKeys::<Runtime>::iter().collect();
		AddAuthorityDiscoveryKey::on_runtime_upgrade();
		assert_eq!(pallet_session::NextKeys::<Runtime>::iter().collect::<Vec<_>>(), before);

		// Keys as an older runtime stored them: BABE, GRANDPA and para_validator only, in
		// `NextKeys`, in the queued keys and in the key-owner index.
		let old_of = |keys: &crate::SessionKeys| old_keys::SessionKeys {
			babe: keys.babe.clone(),
			grandpa: keys.grandpa.clone(),
			para_validator: keys.para_validator.clone(),
		};
		let queued: Vec<_> = pallet_session::QueuedKeys::<Runtime>::get()
			.iter()
			.map(|(validator, keys)| (validator.clone(), old_of(keys)))
			.collect();
		unhashed::put_raw(&pallet_session::QueuedKeys::<Runtime>::hashed_key(), &queued.encode());
		for (validator, keys) in &before {
			let old = old_of(keys);
			let key = pallet_session::NextKeys::<Runtime>::hashed_key_for(validator);
			unhashed::put_raw(&key, &old.encode());
			let audi = (sp_authority_discovery::AuthorityId::ID, keys.authority_discovery.encode());
			pallet_session::KeyOwner::<Runtime>::remove(audi);
		}
		AddAuthorityDiscoveryKey::on_runtime_upgrade();
		let queued = pallet_session::QueuedKeys::<Runtime>::get();
		assert_eq!(queued.len(), 4, "the queued keys decode again");
		for (validator, keys) in &before {
			let migrated = pallet_session::NextKeys::<Runtime>::get(validator).expect("decodes");
			assert_eq!(migrated.babe, keys.babe);
			assert_eq!(migrated.grandpa, keys.grandpa);
			assert_eq!(migrated.para_validator, keys.para_validator);
			let babe = sp_core::sr25519::Public::from(keys.babe.clone());
			assert_eq!(migrated.authority_discovery, babe.into());
			// The key-owner index knows the new key.
			let owner = pallet_session::KeyOwner::<Runtime>::get((
				sp_authority_discovery::AuthorityId::ID,
				migrated.get_raw(sp_authority_discovery::AuthorityId::ID).to_vec(),
			));
			assert_eq!(owner.as_ref(), Some(validator));
		}
		// Once migrated, a second run changes nothing.
		let after: Vec<_> = pallet_session::NextKeys::<Runtime>::iter().collect();
		AddAuthorityDiscoveryKey::on_runtime_upgrade();
		assert_eq!(pallet_session::NextKeys::<Runtime>::iter().collect::<Vec<_>>(), after);
		// And the session still rotates with the migrated keys.
		run_to_next_session();
		assert_eq!(crate::AuthorityDiscovery::current_authorities().len(), 4);
	});
}
