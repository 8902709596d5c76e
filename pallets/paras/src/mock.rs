//! A minimal runtime for this pallet's tests: frame-system plus paras, with the session index
//! and the new-head hook modelled by thread-local values.

use crate::{self as pallet_paras, ParaGenesisArgs};
use frame_support::parameter_types;
use relay_primitives::{traits::OnNewHead, HeadData, ParaId, ParaKind};
use sp_runtime::{BuildStorage, Weight};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Paras: pallet_paras,
	}
);

relay_test_utils::impl_frame_system!(Test);

parameter_types! {
	pub static Session: u32 = 0;
	/// Heads reported to `OnNewHead`, in order.
	pub static NewHeads: Vec<(ParaId, HeadData)> = vec![];
	pub const MaxCodeSize: u32 = 64;
	pub const MaxHeadSize: u32 = 16;
	pub static MaxParas: u32 = 4;
}

/// Records every new head.
pub struct RecordHeads;
impl OnNewHead for RecordHeads {
	fn on_new_head(id: ParaId, head: &HeadData) -> Weight {
		NewHeads::mutate(|heads| heads.push((id, head.clone())));
		Weight::zero()
	}
}

relay_test_utils::impl_paras_config!(
	Test,
	session: Session,
	on_new_head: RecordHeads,
	max_code_size: MaxCodeSize,
	max_head_size: MaxHeadSize,
	max_paras: MaxParas,
);

/// A WebAssembly header followed by `tag`, so different tags give different code.
pub use relay_test_utils::tagged_code as code;

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
	relay_test_utils::run_to_block::<Test, Paras>(n, || {
		Paras::do_try_state().expect("invariants hold")
	});
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
