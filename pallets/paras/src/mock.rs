//! A minimal runtime for this pallet's tests: frame-system plus paras, with the session index
//! and the new-head hook modelled by thread-local values.

use crate::{self as pallet_paras, ParaGenesisArgs};
use frame_support::{derive_impl, parameter_types, traits::Hooks};
use relay_primitives::{traits::OnNewHead, HeadData, ParaId, ParaKind, ValidationCode};
use sp_runtime::{BuildStorage, Weight};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Paras: pallet_paras,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub static Session: u32 = 0;
	/// Heads reported to `OnNewHead`, in order.
	pub static NewHeads: Vec<(ParaId, HeadData)> = vec![];
	pub const MaxCodeSize: u32 = 64;
	pub const MaxHeadSize: u32 = 16;
	pub static MaxParas: u32 = 4;
	pub const UpgradeDelay: u64 = 5;
	pub const UpgradeCooldown: u64 = 10;
	pub const CodeRetention: u64 = 7;
}

/// Records every new head.
pub struct RecordHeads;
impl OnNewHead for RecordHeads {
	fn on_new_head(id: ParaId, head: &HeadData) -> Weight {
		NewHeads::mutate(|heads| heads.push((id, head.clone())));
		Weight::zero()
	}
}

impl pallet_paras::Config for Test {
	type CurrentSession = Session;
	type OnNewHead = RecordHeads;
	type MaxCodeSize = MaxCodeSize;
	type MaxHeadSize = MaxHeadSize;
	type MaxParas = MaxParas;
	type ValidationUpgradeDelay = UpgradeDelay;
	type ValidationUpgradeCooldown = UpgradeCooldown;
	type CodeRetentionPeriod = CodeRetention;
	type WeightInfo = ();
	type ForceOrigin = frame_system::EnsureRoot<<Test as frame_system::Config>::AccountId>;
}

/// A WebAssembly header followed by `tag`, so different tags give different code.
pub fn code(tag: u8) -> ValidationCode {
	ValidationCode(vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, tag])
}

/// Genesis arguments with code `tag` and a one-byte head.
pub fn genesis(tag: u8, kind: ParaKind) -> ParaGenesisArgs {
	ParaGenesisArgs {
		genesis_head: HeadData(vec![tag]),
		validation_code: code(tag),
		para_kind: kind,
	}
}

/// No paras at genesis, at block 1 (so events are recorded).
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with(vec![])
}

/// The given paras live at genesis, at block 1.
pub fn new_test_ext_with(paras: Vec<(ParaId, ParaGenesisArgs)>) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		paras: pallet_paras::GenesisConfig { paras, _config: Default::default() },
	}
	.build_storage()
	.expect("the mock genesis is valid");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		MaxParas::set(4);
		Session::set(0);
		NewHeads::set(vec![]);
		run_to_block(1);
	});
	ext
}

/// Runs blocks up to `n`, checking the invariants after each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Paras::on_initialize(next);
		Paras::do_try_state().expect("invariants hold");
	}
}

/// Starts the next session in the next block.
pub fn next_session() {
	Session::mutate(|s| *s += 1);
	run_to_block(System::block_number() + 1);
}

/// For the benchmark tests: room for the largest benchmarked number of paras.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.execute_with(|| MaxParas::set(1_000));
	ext
}
