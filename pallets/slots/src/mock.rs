//! A runtime for the slots tests with the real registry: frame-system, balances, paras,
//! registrar and slots. A session lasts 2 blocks and a lease period 10 blocks, so a transition
//! scheduled at a period start takes effect 3 to 4 blocks later.

use crate as pallet_slots;
use frame_support::{
	derive_impl, parameter_types,
	traits::{Get, Hooks},
};
use frame_system::EnsureRoot;
use relay_primitives::{HeadData, ParaId, ValidationCode};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Paras: pallet_paras,
		Registrar: pallet_registrar,
		Slots: pallet_slots,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// Blocks per session.
pub const SESSION_LENGTH: u64 = 2;

/// The session of the current block.
pub struct BlockSession;
impl Get<u32> for BlockSession {
	fn get() -> u32 {
		(System::block_number() / SESSION_LENGTH) as u32
	}
}

parameter_types! {
	pub const MaxCodeSize: u32 = 100;
	pub const MaxHeadSize: u32 = 20;
	pub static MaxParas: u32 = 10;
	pub const ParaDeposit: u64 = 1;
	pub const DataDepositPerByte: u64 = 0;
	pub static LeaseOffset: u64 = 0;
	pub const MaxLeasePeriods: u32 = 8;
}

impl pallet_paras::Config for Test {
	type CurrentSession = BlockSession;
	type OnNewHead = Registrar;
	type MaxCodeSize = MaxCodeSize;
	type MaxHeadSize = MaxHeadSize;
	type MaxParas = MaxParas;
	type ValidationUpgradeDelay = frame_support::traits::ConstU64<5>;
	type ValidationUpgradeCooldown = frame_support::traits::ConstU64<10>;
	type CodeRetentionPeriod = frame_support::traits::ConstU64<7>;
	type WeightInfo = ();
	type ForceOrigin = frame_system::EnsureRoot<<Test as frame_system::Config>::AccountId>;
}

impl pallet_registrar::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type OnSwap = Slots;
	type Leases = Slots;
	type ParaDeposit = ParaDeposit;
	type DataDepositPerByte = DataDepositPerByte;
	type WeightInfo = ();
	type ForceOrigin = frame_system::EnsureRoot<<Test as frame_system::Config>::AccountId>;
}

impl pallet_slots::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registrar = Registrar;
	type LeasePeriod = frame_support::traits::ConstU64<10>;
	type LeaseOffset = LeaseOffset;
	type MaxLeasePeriods = MaxLeasePeriods;
	type ForceOrigin = EnsureRoot<u64>;
	type WeightInfo = ();
}

/// Accounts 1..=9 hold `10 × account` each (so 1 has 10, 9 has 90); 100 holds 1,000,000.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut balances: Vec<(u64, u64)> = (1..=9).map(|who| (who, 10 * who)).collect();
	balances.push((100, 1_000_000));
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances, ..Default::default() },
		..Default::default()
	}
	.build_storage()
	.expect("the mock genesis is valid");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		MaxParas::set(10);
		LeaseOffset::set(0);
		System::set_block_number(1);
	});
	ext
}

/// Code the registrar accepts.
pub fn code() -> ValidationCode {
	ValidationCode(vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])
}

/// Registers `id` (any id, deposit 0) for account 100 as a parathread, live at once.
pub fn live_parathread(id: u32) -> ParaId {
	let id = ParaId(id);
	let genesis = pallet_paras::ParaGenesisArgs {
		genesis_head: HeadData(vec![1]),
		validation_code: code(),
		para_kind: relay_primitives::ParaKind::Parathread,
	};
	pallet_paras::Pallet::<Test>::initialize_para_now(id, genesis).expect("room for the para");
	pallet_registrar::Paras::<Test>::insert(
		id,
		pallet_registrar::ParaInfo { manager: 100, deposit: 0, locked: None },
	);
	id
}

/// Runs blocks up to `n` (paras, then slots, as in the runtime), checking every pallet's
/// invariants after each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Paras::on_initialize(next);
		Slots::on_initialize(next);
		check_invariants();
	}
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
