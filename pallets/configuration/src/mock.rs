//! A runtime with frame-system and this pallet, whose derived configuration a test can change.

use crate::{self as pallet_configuration, AbridgedHostConfiguration};
use frame_support::parameter_types;
use relay_primitives::host::AsyncBackingParams;
use sp_runtime::BuildStorage;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Configuration: pallet_configuration,
	}
);

relay_test_utils::impl_frame_system!(Test);

parameter_types! {
	/// What the chain's limits give.
	pub static Derived: AbridgedHostConfiguration = config(3 << 20);
}

impl pallet_configuration::Config for Test {
	type HostConfiguration = Derived;
}

/// A configuration with this maximum code size.
pub fn config(max_code_size: u32) -> AbridgedHostConfiguration {
	AbridgedHostConfiguration {
		max_code_size,
		max_head_data_size: 1 << 20,
		max_upward_queue_count: 0,
		max_upward_queue_size: 0,
		max_upward_message_size: 0,
		max_upward_message_num_per_candidate: 0,
		hrmp_max_message_num_per_candidate: 0,
		validation_upgrade_cooldown: 20,
		validation_upgrade_delay: 10,
		async_backing_params: AsyncBackingParams {
			max_candidate_depth: 0,
			allowed_ancestry_len: 3,
		},
	}
}

/// The genesis state.
pub fn new_test_ext() -> sp_io::TestExternalities {
	RuntimeGenesisConfig::default()
		.build_storage()
		.expect("the mock genesis builds")
		.into()
}
