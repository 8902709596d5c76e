//! A runtime for the parathreads tests: frame-system, balances and the pallet, with the shared
//! test registry (`relay_test_utils::TestBook`), a static map of para heads and a settable block
//! author.
//!
//! Paras 1..=5 are live parathreads with head hash `[id; 32]`; 3 pool cores, a book of 6 bids,
//! claims live 3 blocks, reserve price 10, 80 % of a served price burned, author [`AUTHOR`].

use crate as pallet_parathreads;
use alloc::collections::btree_map::BTreeMap;
use frame_support::parameter_types;
use frame_system::RunToBlockHooks;
use relay_primitives::{traits::ParaHeads, Hash, HeadData, ParaId};
pub use relay_test_utils::TestParaState;
use sp_runtime::Perbill;

/// The accounts and balances.
pub type AccountId = u64;
/// The balance type.
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Parathreads: pallet_parathreads,
	}
);

parameter_types! {
	pub static ExistentialDeposit: Balance = 1;
	pub static ParathreadCores: u32 = 3;
	pub static MaxBidsPerBlock: u32 = 6;
	pub static ClaimTtl: u64 = 3;
	pub static ReservePrice: Balance = 10;
	pub static BurnShare: Perbill = Perbill::from_percent(80);
	pub static BlockAuthor: Option<AccountId> = Some(AUTHOR);
	/// The current head hash of each para.
	pub static Heads: BTreeMap<ParaId, Hash> = BTreeMap::new();
}

relay_test_utils::impl_frame_system!(Test, balance: Balance, balances: {
	type Balance = Balance;
	type ExistentialDeposit = ExistentialDeposit;
});

// The registry (paras 1..=5 live parathreads of manager 100); a registration notes the genesis
// head in [`Heads`], as the real registry's onboarding does.
relay_test_utils::impl_test_registrar!(TestRegistrar, AccountId, on_register: note_genesis_head);

fn note_genesis_head(id: ParaId, head: &HeadData) {
	Heads::mutate(|h| h.insert(id, head.hash()));
}

/// Para heads from [`Heads`].
pub struct TestHeads;
impl ParaHeads for TestHeads {
	fn current_head_hash(id: ParaId) -> Option<Hash> {
		Heads::get().get(&id).copied()
	}
}

impl pallet_parathreads::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registrar = TestRegistrar;
	type ParaHeads = TestHeads;
	type ParathreadCores = ParathreadCores;
	type MaxBidsPerBlock = MaxBidsPerBlock;
	type ClaimTtl = ClaimTtl;
	type ReservePrice = ReservePrice;
	type BurnShare = BurnShare;
	type BlockAuthor = BlockAuthor;
	type WeightInfo = ();
}

/// The block author of the tests (no balance at genesis).
pub const AUTHOR: AccountId = 99;

/// The head hash of para `id` after `version` head changes (0: its genesis head).
pub fn head(id: u32, version: u8) -> Hash {
	let mut bytes = [id as u8; 32];
	bytes[31] = version;
	Hash::from(bytes)
}

/// Sets `id`'s current head to version `version`.
pub fn set_head(id: u32, version: u8) {
	Heads::mutate(|h| h.insert(ParaId(id), head(id, version)));
}

/// Genesis and static settings of a test.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
}

impl Default for ExtBuilder {
	/// Accounts 1..=9 hold `1,000 × account`; 100 holds 1,000,000.
	fn default() -> Self {
		let mut balances: Vec<_> = (1..=9).map(|who| (who, 1_000 * who)).collect();
		balances.push((100, 1_000_000));
		Self { balances }
	}
}

impl ExtBuilder {
	/// The test externalities: block 1, paras 1..=5 live with head version 0, default settings.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut ext = relay_test_utils::balances_ext!(self.balances);
		ext.execute_with(|| {
			ExistentialDeposit::set(1);
			ParathreadCores::set(3);
			MaxBidsPerBlock::set(6);
			ClaimTtl::set(3);
			ReservePrice::set(10);
			BurnShare::set(Perbill::from_percent(80));
			BlockAuthor::set(Some(AUTHOR));
			for id in 1..=5 {
				TestRegistrar::set(ParaId(id), 100, TestParaState::Parathread);
			}
			Heads::take();
			for id in 1..=5 {
				set_head(id, 0);
			}
			System::set_block_number(1);
		});
		ext
	}

	/// Runs `test`, then checks the invariants.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			check_invariants();
		});
	}
}

/// Runs blocks up to `n` (finalizing the current one first), checking the invariants after every
/// block's initialization and before its finalization.
pub fn run_to_block(n: u64) {
	System::run_to_block_with::<AllPalletsWithSystem>(
		n,
		RunToBlockHooks::default()
			.after_initialize(|_| check_invariants())
			.before_finalize(|_| check_invariants()),
	);
}

/// Runs the next block.
pub fn next_block() {
	run_to_block(System::block_number() + 1);
}

/// The pallet's `try_state` checks.
pub fn check_invariants() {
	Parathreads::do_try_state().expect("parathreads invariants hold");
}

/// For the benchmark tests: no para is live, so the benchmarks register their own.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> sp_io::TestExternalities {
	let mut ext = ExtBuilder::default().build();
	ext.execute_with(|| {
		TestRegistrar::clear();
		Heads::take();
	});
	ext
}
