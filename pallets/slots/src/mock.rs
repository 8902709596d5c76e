//! A runtime for the slots tests with the real registry: frame-system, balances, paras,
//! registrar and slots. A session lasts 2 blocks and a lease period 10 blocks, so a transition
//! scheduled at a period start takes effect 3 to 4 blocks later.

use crate as pallet_slots;
use frame_support::{parameter_types, traits::ConstU64};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Paras: pallet_paras,
		Registrar: pallet_registrar,
		Slots: pallet_slots,
	}
);

relay_test_utils::impl_frame_system!(Test, balance: u64);

/// Blocks per session.
pub const SESSION_LENGTH: u64 = 2;

/// The session of the current block.
pub type BlockSession = relay_test_utils::BlockSession<Test, SESSION_LENGTH>;

parameter_types! {
	pub const MaxCodeSize: u32 = 100;
	pub const MaxHeadSize: u32 = 20;
	pub static MaxParas: u32 = 10;
	pub const ParaDeposit: u64 = 1;
	pub const DataDepositPerByte: u64 = 0;
	pub static LeaseOffset: u64 = 0;
	pub const MaxLeasePeriods: u32 = 8;
}

relay_test_utils::impl_paras_config!(
	Test,
	session: BlockSession,
	on_new_head: Registrar,
	max_code_size: MaxCodeSize,
	max_head_size: MaxHeadSize,
	max_paras: MaxParas,
);

relay_test_utils::impl_registrar_config!(
	Test,
	on_swap: Slots,
	leases: Slots,
	para_deposit: ParaDeposit,
	data_deposit_per_byte: DataDepositPerByte,
);

relay_test_utils::impl_slots_config!(
	Test,
	lease_period: ConstU64<10>,
	lease_offset: LeaseOffset,
	max_lease_periods: MaxLeasePeriods,
);

/// Accounts 1..=9 hold `10 × account` each (so 1 has 10, 9 has 90); 100 holds 1,000,000.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut balances: Vec<(u64, u64)> = (1..=9).map(|who| (who, 10 * who)).collect();
	balances.push((100, 1_000_000));
	let mut ext = relay_test_utils::balances_ext!(balances);
	ext.execute_with(|| {
		MaxParas::set(10);
		LeaseOffset::set(0);
		System::set_block_number(1);
	});
	ext
}

/// Code the registrar accepts.
pub use relay_test_utils::code;

relay_test_utils::live_parathread_fn!(Test, manager: 100);

/// Runs blocks up to `n` (paras, then slots, as in the runtime), checking every pallet's
/// invariants after each.
pub fn run_to_block(n: u64) {
	relay_test_utils::run_to_block::<Test, (Paras, Slots)>(n, check_invariants);
}

/// Every pallet's `try_state` checks.
pub fn check_invariants() {
	Paras::do_try_state().expect("paras invariants hold");
	Registrar::do_try_state().expect("registrar invariants hold");
	Slots::do_try_state().expect("slots invariants hold");
}

/// For the benchmark tests: room for the largest benchmarked number of paras.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.execute_with(|| MaxParas::set(1_000));
	ext
}
