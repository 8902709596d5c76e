//! A runtime for the registrar's tests: frame-system, balances, paras and the registrar, with
//! the session index and swaps modelled by thread-local values.

use crate as pallet_registrar;
use frame_support::parameter_types;
use relay_primitives::{
	traits::{LeaseHolders, OnSwap},
	ParaId,
};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Paras: pallet_paras,
		Registrar: pallet_registrar,
	}
);

relay_test_utils::impl_frame_system!(Test, balance: u64);

parameter_types! {
	pub static Session: u32 = 0;
	/// Swaps reported to `OnSwap`, in order.
	pub static Swaps: Vec<(ParaId, ParaId)> = vec![];
	/// The paras the stand-in for the slots pallet says are leased.
	pub static Leased: Vec<ParaId> = vec![];
	pub const MaxCodeSize: u32 = 100;
	pub const MaxHeadSize: u32 = 20;
	pub const MaxParas: u32 = 6;
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

relay_test_utils::impl_paras_config!(
	Test,
	session: Session,
	on_new_head: Registrar,
	max_code_size: MaxCodeSize,
	max_head_size: MaxHeadSize,
	max_paras: MaxParas,
);

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
	let mut ext = relay_test_utils::balances_ext!(vec![
		(1, 1_000),
		(2, 1_000),
		(3, 1_000),
		(4, 1_000),
		(5, 1_000),
		(6, 15)
	]);
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
pub use relay_test_utils::tagged_code as code;

/// Runs blocks up to `n`, checking both pallets' invariants after each.
pub fn run_to_block(n: u64) {
	relay_test_utils::run_to_block::<Test, Paras>(n, || {
		Paras::do_try_state().expect("paras invariants hold");
		Registrar::do_try_state().expect("registrar invariants hold");
	});
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
