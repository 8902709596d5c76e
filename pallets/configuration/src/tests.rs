//! The stored configuration: at Polkadot's key, readable as Polkadot's type, kept equal to the
//! derived one.

use crate::{mock::*, ActiveConfig, Pallet};
use codec::{Decode, Encode};
use frame_support::traits::Hooks;
use polkadot_primitives as pp;

/// Polkadot's well-known key of `Configuration.ActiveConfig`.
fn polkadot_key() -> Vec<u8> {
	pp::well_known_keys::ACTIVE_CONFIG.to_vec()
}

#[test]
fn genesis_stores_the_derived_configuration_at_polkadots_key() {
	new_test_ext().execute_with(|| {
		assert_eq!(ActiveConfig::<Test>::hashed_key().to_vec(), polkadot_key());
		let raw = sp_io::storage::get(&polkadot_key()).expect("stored at genesis");
		assert_eq!(raw.to_vec(), config(3 << 20).encode());
		// Cumulus decodes the prefix as Polkadot's abridged configuration.
		let theirs = pp::AbridgedHostConfiguration::decode(&mut &raw[..]).expect("decodes");
		assert_eq!(theirs.max_code_size, 3 << 20);
		assert_eq!(theirs.validation_upgrade_delay, 10);
		assert_eq!(theirs.async_backing_params.allowed_ancestry_len, 3);
		assert_eq!(theirs.encode(), raw.to_vec());
		assert_eq!(Pallet::<Test>::do_try_state(), Ok(()));
	});
}

#[test]
fn a_runtime_upgrade_refreshes_a_changed_configuration() {
	new_test_ext().execute_with(|| {
		<Pallet<Test> as Hooks<u64>>::on_runtime_upgrade();
		assert_eq!(ActiveConfig::<Test>::get(), Some(config(3 << 20)), "unchanged");
		Derived::set(config(5 << 20));
		assert!(Pallet::<Test>::do_try_state().is_err(), "the stored value is stale");
		<Pallet<Test> as Hooks<u64>>::on_runtime_upgrade();
		assert_eq!(ActiveConfig::<Test>::get(), Some(config(5 << 20)));
		assert_eq!(Pallet::<Test>::do_try_state(), Ok(()));
		// Without a value (a chain that adds the pallet by an upgrade) it is written too.
		ActiveConfig::<Test>::kill();
		<Pallet<Test> as Hooks<u64>>::on_runtime_upgrade();
		assert_eq!(ActiveConfig::<Test>::get(), Some(config(5 << 20)));
	});
}
