//! A runtime for the auctions tests with the real registry and leases: frame-system, balances,
//! paras, registrar, slots and auctions. A session lasts 2 blocks, a lease period 10 blocks; the
//! ending period is 10 blocks of 1-block samples (Polkadot's test values). The randomness is set
//! by the tests: its seed picks the sample and it is known `RandomnessLag` blocks late.

use crate as pallet_auctions;
use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Paras: pallet_paras,
		Registrar: pallet_registrar,
		Slots: pallet_slots,
		Auctions: pallet_auctions,
	}
);

relay_test_utils::impl_frame_system!(Test, balance: u64);

/// The session of the current block (2 blocks each).
pub type BlockSession = relay_test_utils::BlockSession<Test, 2>;

parameter_types! {
	pub static RandomSeed: u64 = 0;
	pub static RandomnessLag: u64 = 0;
	pub static LeasePeriodsPerSlot: u32 = 4;
	pub static SampleLength: u64 = 1;
	pub static MaxReserves: u32 = 100;
}

/// Randomness whose seed's first 8 bytes are `RandomSeed` (little endian), known since
/// `RandomnessLag` blocks ago.
pub type TestRandomness = relay_test_utils::TestRandomness<Test, RandomSeed, RandomnessLag>;

relay_test_utils::impl_paras_config!(
	Test,
	session: BlockSession,
	on_new_head: Registrar,
	max_code_size: ConstU32<100>,
	max_head_size: ConstU32<20>,
	max_paras: ConstU32<1_000>,
);

relay_test_utils::impl_registrar_config!(
	Test,
	on_swap: Slots,
	leases: Slots,
	para_deposit: ConstU64<1>,
	data_deposit_per_byte: ConstU64<0>,
);

relay_test_utils::impl_slots_config!(
	Test,
	lease_period: ConstU64<10>,
	lease_offset: ConstU64<0>,
	max_lease_periods: ConstU32<16>,
);

relay_test_utils::impl_auctions_config!(
	Test,
	ending_period: ConstU64<10>,
	sample_length: SampleLength,
	lease_periods_per_slot: LeasePeriodsPerSlot,
	randomness: TestRandomness,
	max_reserves: MaxReserves,
);

/// Accounts 1..=9 hold `100 × account` each; 100 holds 1,000,000. Paras 1, 2 and 3 are live
/// parathreads. Block 1, a slot of 4 periods.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut balances: Vec<(u64, u64)> = (1..=9).map(|who| (who, 100 * who)).collect();
	balances.push((100, 1_000_000));
	let mut ext = relay_test_utils::balances_ext!(balances);
	ext.execute_with(|| {
		RandomSeed::set(0);
		RandomnessLag::set(0);
		LeasePeriodsPerSlot::set(4);
		SampleLength::set(1);
		MaxReserves::set(100);
		System::set_block_number(1);
		for id in 1..=3 {
			live_parathread(id);
		}
	});
	ext
}

relay_test_utils::live_parathread_fn!(Test, manager: 100);

/// Runs blocks up to `n` (paras, slots, then auctions, as in the runtime), checking every
/// pallet's invariants after each.
pub fn run_to_block(n: u64) {
	relay_test_utils::run_to_block::<Test, (Paras, Slots, Auctions)>(n, check_invariants);
}

/// Every pallet's `try_state` checks.
pub fn check_invariants() {
	Paras::do_try_state().expect("paras invariants hold");
	Registrar::do_try_state().expect("registrar invariants hold");
	Slots::do_try_state().expect("slots invariants hold");
	Auctions::do_try_state().expect("auctions invariants hold");
}
