//! A minimal runtime for this pallet's tests: frame-system plus the validator set, with session
//! keys modelled by a list of accounts.

use crate::{self as pallet_validator_set, SessionKeysCheck};
use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorSet: pallet_validator_set,
	}
);

relay_test_utils::impl_frame_system!(Test);

parameter_types! {
	/// Accounts with session keys registered.
	pub static WithKeys: Vec<u64> = vec![1, 2, 3, 4, 5, 6];
}

/// Session keys as the list [`WithKeys`].
pub struct TestKeys;
impl SessionKeysCheck<u64> for TestKeys {
	fn has_keys(who: &u64) -> bool {
		WithKeys::get().contains(who)
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn set_keys_for_benchmark(who: &u64) {
		WithKeys::mutate(|keys| keys.push(*who));
	}
}

impl pallet_validator_set::Config for Test {
	type ValidatorOrigin = EnsureRoot<u64>;
	type SessionKeys = TestKeys;
	type MinValidators = ConstU32<1>;
	type MaxValidators = ConstU32<5>;
	type WeightInfo = ();
}

/// Genesis with validators 1, 2 and 3, at block 1 (so events are recorded).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		validator_set: pallet_validator_set::GenesisConfig { validators: vec![1, 2, 3] },
	}
	.build_storage()
	.expect("the mock genesis is valid");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
