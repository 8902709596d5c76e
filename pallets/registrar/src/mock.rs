//! A runtime for the registrar's tests: frame-system, balances, paras and the registrar, with
//! the session index and swaps modelled by thread-local values.

use crate as pallet_registrar;
use frame_support::{derive_impl, parameter_types, traits::Hooks};
use relay_primitives::{
	traits::{LeaseHolders, OnSwap},
	ParaId, ValidationCode,
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Paras: pallet_paras,
		Registrar: pallet_registrar,
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

parameter_types! {
	pub static Session: u32 = 0;
	/// Swaps reported to `OnSwap`, in order.
	pub static Swaps: Vec<(ParaId, ParaId)> = vec![];
	/// The paras the stand-in for the slots pallet says are leased.
	pub static Leased: Vec<ParaId> = vec![];
	pub const MaxCodeSize: u32 = 100;
	pub const MaxHeadSize: u32 = 20;
	pub const MaxParas: u32 = 6;
	pub const UpgradeDelay: u64 = 5;
	pub const UpgradeCooldown: u64 = 10;
	pub const CodeRetention: u64 = 7;
	pub static ParaDeposit: u64 = 10;
	pub const DataDepositPerByte: u64 = 1;
}

/// Records swaps.
pub struct RecordSwaps;
impl OnSwap for RecordSwaps {
	fn on_swap(one: ParaId, other: ParaId) {
		Swaps::mutate(|swaps| swaps.push((one, other)));
	}
}

/// Stands in for the slots pallet: the paras in [`Leased`] hold a lease.
pub struct TestLeases;
impl LeaseHolders for TestLeases {
	fn is_leased(para: ParaId) -> bool {
		Leased::get().contains(&para)
	}
}

impl pallet_paras::Config for Test {
	type CurrentSession = Session;
	type OnNewHead = Registrar;
	type MaxCodeSize = MaxCodeSize;
	type MaxHeadSize = MaxHeadSize;
	type MaxParas = MaxParas;
	type ValidationUpgradeDelay = UpgradeDelay;
	type ValidationUpgradeCooldown = UpgradeCooldown;
	type CodeRetentionPeriod = CodeRetention;
	type WeightInfo = ();
	type ForceOrigin = frame_system::EnsureRoot<<Test as frame_system::Config>::AccountId>;
}

frame_support::ord_parameter_types! {
	/// Account 9 stands for a governance body that replaced sudo: `ForceOrigin` accepts root or it.
	pub const Governance: u64 = 9;
}

impl pallet_registrar::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type OnSwap = RecordSwaps;
	type Leases = TestLeases;
	type ParaDeposit = ParaDeposit;
	type DataDepositPerByte = DataDepositPerByte;
	type WeightInfo = ();
	type ForceOrigin = frame_support::traits::EitherOfDiverse<
		frame_system::EnsureRoot<u64>,
		frame_system::EnsureSignedBy<Governance, u64>,
	>;
}

/// Accounts 1..=5 hold 1,000 each; account 6 holds 15.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: vec![(1, 1_000), (2, 1_000), (3, 1_000), (4, 1_000), (5, 1_000), (6, 15)],
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.expect("the mock genesis is valid");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		Session::set(0);
		Swaps::set(vec![]);
		Leased::set(vec![]);
		ParaDeposit::set(10);
		System::set_block_number(1);
	});
	ext
}

/// A WebAssembly header followed by `tag`.
pub fn code(tag: u8) -> ValidationCode {
	ValidationCode(vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, tag])
}

/// Runs blocks up to `n`, checking both pallets' invariants after each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Paras::on_initialize(next);
		Paras::do_try_state().expect("paras invariants hold");
		Registrar::do_try_state().expect("registrar invariants hold");
	}
}

/// Starts the next session in the next block.
pub fn next_session() {
	Session::mutate(|s| *s += 1);
	run_to_block(System::block_number() + 1);
}

/// Two session boundaries: what a scheduled transition waits.
pub fn run_two_sessions() {
	next_session();
	next_session();
}
