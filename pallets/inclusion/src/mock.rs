//! A minimal runtime for this pallet's tests: frame-system, paras and inclusion, with six validator
//! keys (seeds `[i; 32]`) in `ActiveValidatorKeys`, a static parathread-claims double and a thread-local session.

use crate::{self as pallet_inclusion};
use frame_support::{parameter_types, traits::Hooks};
use pallet_paras::ParaGenesisArgs;
use relay_primitives::{
	traits::ParathreadClaims, HeadData, Header, ParaId, ParaKind, ParachainsInherentData,
	ValidatorId,
};
use sp_core::{sr25519, Pair as _, H256};
use sp_runtime::{traits::Header as _, BuildStorage, Weight};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Paras: pallet_paras,
		Inclusion: pallet_inclusion,
	}
);

relay_test_utils::impl_frame_system!(Test);

parameter_types! {
	pub static Session: u32 = 0;
	pub const MaxCodeSize: u32 = 64;
	pub const MaxHeadSize: u32 = 16;
	pub const MaxParas: u32 = 16;
	pub static PoolSize: u32 = 1;
	/// Live claims: (pool core, parathread).
	pub static Claims: Vec<(u32, ParaId)> = vec![];
	/// Claims reported served, in order.
	pub static Served: Vec<(u32, ParaId)> = vec![];
	pub static RotationFrequency: u64 = 10;
	pub static MinBackingVotes: u32 = 2;
	pub const AllowedRelayParents: u32 = 3;
	pub const MaxPovSize: u32 = 1024;
	/// The header of the current block's parent, with the state root the mock computed at the
	/// end of that block (what a real header carries).
	pub static ParentHeader: Header = header(0, H256::zero(), H256::zero());
}

/// A header of block `number` with this parent and state root.
pub fn header(number: u32, parent_hash: H256, state_root: H256) -> Header {
	Header::new(number, H256::zero(), state_root, parent_hash, Default::default())
}

/// The state root of the current state (what `frame_system` puts in the header at the end of a
/// block).
pub fn state_root() -> H256 {
	Inclusion::current_state_root().expect("a 32-byte root")
}

/// The inherent data of the current block with `candidates`.
pub fn inherent_data(candidates: Vec<relay_primitives::BackedCandidate>) -> ParachainsInherentData {
	ParachainsInherentData { backed_candidates: candidates, parent_header: ParentHeader::get() }
}

/// The key pair of validator `i`.
pub fn pair(i: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[i; 32])
}

/// The keys of validators `0..count`.
pub fn validator_keys(count: u8) -> Vec<ValidatorId> {
	(0..count).map(|i| ValidatorId::from(pair(i).public())).collect()
}

/// The claims double.
pub struct MockClaims;
impl ParathreadClaims for MockClaims {
	fn pool_size() -> u32 {
		PoolSize::get()
	}
	fn claim_on(pool_core: u32) -> Option<ParaId> {
		Claims::get()
			.into_iter()
			.find(|(core, _)| *core == pool_core)
			.map(|(_, para)| para)
	}
	fn on_claim_served(pool_core: u32, para: ParaId) -> Weight {
		Served::mutate(|served| served.push((pool_core, para)));
		Claims::mutate(|claims| claims.retain(|(core, _)| *core != pool_core));
		Weight::zero()
	}
	fn on_claim_served_max_weight() -> Weight {
		Weight::from_parts(1_000, 0)
	}
}

relay_test_utils::impl_paras_config!(
	Test,
	session: Session,
	on_new_head: (),
	max_code_size: MaxCodeSize,
	max_head_size: MaxHeadSize,
	max_paras: MaxParas,
);

impl pallet_inclusion::Config for Test {
	type SessionIndex = Session;
	type ParathreadClaims = MockClaims;
	type GroupRotationFrequency = RotationFrequency;
	type MinBackingVotes = MinBackingVotes;
	type AllowedRelayParents = AllowedRelayParents;
	type MaxCandidateDepth = frame_support::traits::ConstU32<2>;
	type MaxPovSize = MaxPovSize;
	type WeightInfo = ();
}

/// A WebAssembly header followed by `tag`.
pub use relay_test_utils::tagged_code as code;

/// Parachains 2000 and 2001 (cores 0 and 1), parathread 3000; one pool core (core 2).
pub fn new_test_ext() -> sp_io::TestExternalities {
	let genesis = |tag: u8, kind| ParaGenesisArgs {
		genesis_head: HeadData(vec![tag]),
		validation_code: code(tag),
		para_kind: kind,
	};
	let paras = vec![
		(ParaId(2000), genesis(1, ParaKind::Parachain)),
		(ParaId(2001), genesis(2, ParaKind::Parachain)),
		(ParaId(3000), genesis(3, ParaKind::Parathread)),
	];
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		paras: pallet_paras::GenesisConfig { paras, _config: Default::default() },
	}
	.build_storage()
	.expect("the mock genesis is valid");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		Session::set(0);
		Inclusion::set_active_validators(validator_keys(6));
		PoolSize::set(1);
		Claims::set(vec![]);
		Served::set(vec![]);
		RotationFrequency::set(10);
		MinBackingVotes::set(2);
		let genesis = header(0, H256::zero(), state_root());
		ParentHeader::set(genesis.clone());
		System::initialize(&1, &genesis.hash(), &Default::default());
		Paras::on_initialize(1);
		Inclusion::on_initialize(1);
		run_to_block(2);
	});
	ext
}

/// Finalizes the current block and runs blocks up to `n`.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = finish_block();
		start_block(next);
	}
}

/// Ends the current block: the empty inclusion inherent if the test made none (it is mandatory),
/// `on_finalize`, and the block's header with the state root at that point. Returns the next
/// block's number.
pub fn finish_block() -> u64 {
	let now = System::block_number();
	if !crate::Included::<Test>::exists() {
		Inclusion::enter(RuntimeOrigin::none(), inherent_data(vec![]))
			.expect("the empty inherent passes");
	}
	Inclusion::on_finalize(now);
	let parent = ParentHeader::get();
	ParentHeader::set(header(now as u32, parent.hash(), state_root()));
	now + 1
}

/// Starts block `next` on the header [`finish_block`] made, and checks the invariants.
pub fn start_block(next: u64) {
	System::initialize(&next, &ParentHeader::get().hash(), &Default::default());
	Paras::on_initialize(next);
	Inclusion::on_initialize(next);
	Paras::do_try_state().expect("paras' invariants hold");
	Inclusion::do_try_state().expect("inclusion's invariants hold");
}

#[cfg(feature = "runtime-benchmarks")]
/// The test externalities with an in-memory keystore, for the benchmarks (which generate the
/// validators' keys and sign with them).
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext
}
