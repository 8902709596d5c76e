//! The mock runtime: frame-system, balances, the five onboarding pallets, the parathread fee
//! auction and inclusion, wired as in `relay-runtime`, with short durations:
//!
//! | | blocks |
//! |---|---|
//! | session | 2 (a transition scheduled now takes effect 4 to 6 blocks later) |
//! | lease period | 10 (period `p` starts at block `10 p + LeaseOffset`) |
//! | auction ending period | 10, in samples of 1 block |
//! | parathread claim | live 3 blocks, the block it is won in included |
//! | backing-group rotation | 10 |
//!
//! A slot is 4 lease periods; leases are recorded 8 periods ahead. The lease offset is
//! [`LeaseOffset`], 0 unless a test builds its externalities with [`new_test_ext_with_offset`]
//! (blocks before it belong to no period). The randomness is a test double: its seed is
//! [`RandomSeed`] and it is known as soon as bidding ends.
//!
//! Cores: one per parachain, then 2 parathread pool cores. [`VALIDATORS`] validators (key seeds
//! `[i; 32]`) back them, with at least 2 votes per candidate (fewer in a smaller group). A
//! parathread block clears at no less than [`RESERVE_PRICE`]; 80 % of a served claim's price is
//! burned, the rest paid to [`Author`] (none unless a test sets one).

use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64, Hooks},
	PalletId,
};
use relay_primitives::{HeadData, Header, ParaId, ParachainsInherentData, ValidatorPair};
use sp_core::{Pair as _, H256};
use sp_runtime::{traits::Header as _, Perbill};

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Paras: pallet_paras,
		Registrar: pallet_registrar,
		Slots: pallet_slots,
		Auctions: pallet_auctions,
		Crowdloan: pallet_crowdloan,
		// Before inclusion: the claims of a block are cleared before its candidates are checked.
		Parathreads: pallet_parathreads,
		Inclusion: pallet_inclusion,
	}
);

/// Accounts are 16 bytes, so crowdloan pots (`modl` + pallet id + fund index) are distinct.
pub type AccountId = u128;

relay_test_utils::impl_frame_system!(Test, balance: u64, account: AccountId);

/// The session of the current block (2 blocks each).
pub type BlockSession = relay_test_utils::BlockSession<Test, 2>;

parameter_types! {
	pub static RandomSeed: u64 = 0;
	pub const CrowdloanId: PalletId = PalletId(*b"py/cfund");
	/// The author of the current block, paid the unburned part of served claims.
	pub static Author: Option<AccountId> = None;
	pub const BurnShare: Perbill = Perbill::from_percent(80);
	/// The first block of lease period 0 (set by [`new_test_ext_with_offset`]).
	pub static LeaseOffset: u64 = 0;
}

/// The lease period length.
pub const LEASE_PERIOD: u64 = 10;

/// The non-zero lease offset the integration tests run with besides 0: period `p` starts at
/// block `10 p + 5`, as in Polkadot's integration tests (offset 5).
pub const OFFSET: u64 = 5;

/// Randomness with seed [`RandomSeed`], known since the current block.
pub type TestRandomness = relay_test_utils::TestRandomness<Test, RandomSeed, ConstU64<0>>;

/// Registration deposits: 10 + 1 per byte of head and of the largest code (100).
pub const PARA_DEPOSIT: u64 = 10;

relay_test_utils::impl_paras_config!(
	Test,
	session: BlockSession,
	on_new_head: Registrar,
	max_code_size: ConstU32<100>,
	max_head_size: ConstU32<20>,
	max_paras: ConstU32<100>,
);

// Wired as in `relay-runtime`: slots tell the registrar which paras hold a lease.
relay_test_utils::impl_registrar_config!(
	Test,
	on_swap: (Slots, Crowdloan),
	leases: Slots,
	para_deposit: ConstU64<PARA_DEPOSIT>,
	data_deposit_per_byte: ConstU64<1>,
);

relay_test_utils::impl_slots_config!(
	Test,
	lease_period: ConstU64<LEASE_PERIOD>,
	lease_offset: LeaseOffset,
	max_lease_periods: ConstU32<8>,
);

// The runtime's bound on (bidder, para) bid deposits per auction.
relay_test_utils::impl_auctions_config!(
	Test,
	ending_period: ConstU64<10>,
	sample_length: ConstU64<1>,
	lease_periods_per_slot: ConstU32<4>,
	randomness: TestRandomness,
	max_reserves: ConstU32<500>,
);

impl pallet_crowdloan::Config for Test {
	type PalletId = CrowdloanId;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SubmissionDeposit = ConstU64<100>;
	type MinContribution = ConstU64<10>;
	type RemoveKeysLimit = ConstU32<3>;
	type MaxMemoLength = ConstU32<32>;
	type Registrar = Registrar;
	type Auctioneer = Auctions;
	type WeightInfo = ();
	type EditOrigin = frame_system::EnsureRoot<<Test as frame_system::Config>::AccountId>;
}

/// The least price a parathread block clears at.
pub const RESERVE_PRICE: u64 = 50;

impl pallet_parathreads::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registrar = Registrar;
	type ParaHeads = Paras;
	type ParathreadCores = ConstU32<2>;
	type MaxBidsPerBlock = ConstU32<4>;
	type ClaimTtl = ConstU64<3>;
	type ReservePrice = ConstU64<RESERVE_PRICE>;
	type BurnShare = BurnShare;
	type BlockAuthor = Author;
	type WeightInfo = ();
}

impl pallet_inclusion::Config for Test {
	type SessionIndex = BlockSession;
	type ParathreadClaims = Parathreads;
	type GroupRotationFrequency = ConstU64<10>;
	type MinBackingVotes = ConstU32<2>;
	type AllowedRelayParents = ConstU32<3>;
	type MaxCandidateDepth = ConstU32<2>;
	type MaxPovSize = ConstU32<1024>;
	type WeightInfo = ();
}

/// How many validators back candidates.
pub const VALIDATORS: u8 = 4;

/// The key pair of validator `i`.
pub fn validator(i: u8) -> ValidatorPair {
	ValidatorPair::from_seed(&[i; 32])
}

parameter_types! {
	/// The header of the current block's parent, with the state root at the end of that block
	/// (what a real header carries and the inclusion inherent brings).
	pub static ParentHeader: Header =
		Header::new(0, H256::zero(), H256::zero(), H256::zero(), Default::default());
}

/// The state root of the current state.
pub fn state_root() -> H256 {
	Inclusion::current_state_root().expect("a 32-byte root")
}

/// The inclusion inherent's data in the current block, with `candidates`.
pub fn inclusion_data(
	candidates: Vec<relay_primitives::BackedCandidate>,
) -> ParachainsInherentData {
	ParachainsInherentData { backed_candidates: candidates, parent_header: ParentHeader::get() }
}

/// Accounts 1..=20 hold [`BALANCE`] each; [`VALIDATORS`] validators; lease offset 0. Block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	new_test_ext_with_offset(0)
}

/// As [`new_test_ext`], with lease offset `offset`: period `p` starts at block `10 p + offset`.
pub fn new_test_ext_with_offset(offset: u64) -> sp_io::TestExternalities {
	LeaseOffset::set(offset);
	crate::invariants::forget_burned();
	let balances: Vec<(AccountId, u64)> = (1..=20).map(|who| (who, BALANCE)).collect();
	let mut ext = relay_test_utils::balances_ext!(balances);
	ext.execute_with(|| {
		RandomSeed::set(0);
		Author::set(None);
		Inclusion::set_active_validators((0..VALIDATORS).map(|i| validator(i).public()).collect());
		System::set_block_number(1);
		let genesis = Header::new(0, H256::zero(), state_root(), H256::zero(), Default::default());
		System::set_parent_hash(genesis.hash());
		ParentHeader::set(genesis);
	});
	ext
}

/// What each of accounts 1..=20 starts with.
pub const BALANCE: u64 = 1_000_000;

/// Code the registrar accepts (8 bytes).
pub use relay_test_utils::code;

/// A genesis head (1 byte).
pub fn head() -> HeadData {
	HeadData(vec![1])
}

/// What registering costs: the para deposit plus one per byte of head and of the largest code.
pub const REGISTRATION_DEPOSIT: u64 = PARA_DEPOSIT + 1 + 100;

/// `manager` reserves the next id and registers it; returns the id (a parathread 4 to 6
/// blocks later).
pub fn register(manager: AccountId) -> ParaId {
	frame_support::assert_ok!(Registrar::reserve(RuntimeOrigin::signed(manager)));
	let id = System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Registrar(pallet_registrar::Event::Reserved { para_id, .. }) => {
				Some(para_id)
			},
			_ => None,
		})
		.expect("reserve emits Reserved");
	frame_support::assert_ok!(Registrar::register(
		RuntimeOrigin::signed(manager),
		id,
		head(),
		code()
	));
	id
}

/// Clears the events (see `invariants::clear_events`) and commits every change to `ext`'s
/// backend. Inclusion's `on_finalize` computes the storage root in every block, which costs as
/// much as all the changes not committed yet: a long test that commits between blocks keeps that
/// cost to a block's changes.
pub fn commit(ext: &mut sp_io::TestExternalities) {
	ext.execute_with(crate::invariants::clear_events);
	ext.commit_all().expect("the changes commit");
}

/// Which blocks [`run_to_block_checking`] checks the invariants after.
#[derive(Clone, Copy)]
pub enum Checks {
	/// Every block.
	EveryBlock,
	/// The first block of each lease period (where leases end and deposits are released) and
	/// the last block run.
	PeriodStarts,
}

impl Checks {
	/// Whether to check after block `block` of a run to block `last`.
	fn after(self, block: u64, last: u64) -> bool {
		match self {
			Checks::EveryBlock => true,
			Checks::PeriodStarts => {
				block == last || Slots::lease_period_index(block).is_some_and(|(_, first)| first)
			},
		}
	}
}

/// [`run_to_block`] `n`, checking the invariants after the blocks `checks` says.
pub fn run_to_block_checking(n: u64, checks: Checks) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		run_blocks(next, checks.after(next, n));
	}
}

/// [`run_to_block_checking`] `n` in `ext`, committing every few blocks.
pub fn run_to_block_committing(ext: &mut sp_io::TestExternalities, n: u64, checks: Checks) {
	while ext.execute_with(System::block_number) < n {
		ext.execute_with(|| {
			let chunk_end = n.min(System::block_number() + 4);
			while System::block_number() < chunk_end {
				let next = System::block_number() + 1;
				run_blocks(next, checks.after(next, n));
			}
		});
		commit(ext);
	}
}

/// Block `b` of the timeline with lease offset 0, moved by the lease offset: the block at the
/// same place relative to the period starts (`at(10 p)` is the first block of period `p`).
pub fn at(b: u64) -> u64 {
	b + LeaseOffset::get()
}

/// The first block of lease period `period`.
pub fn period_start(period: u32) -> u64 {
	at(LEASE_PERIOD * u64::from(period))
}

/// Runs blocks up to `n`: finalizes the current block (with an empty inclusion inherent if the
/// test made none, then inclusion's `on_finalize`), starts the next one, whose parent hash is
/// the current block's number (so relay parents differ), with every pallet's `on_initialize` in
/// runtime order, and checks every invariant.
pub fn run_to_block(n: u64) {
	run_blocks(n, true)
}

/// [`run_to_block`] `n`, checking the invariants after each block only if `check`.
fn run_blocks(n: u64, check: bool) {
	while System::block_number() < n {
		let now = System::block_number();
		// Every block has the inclusion inherent: an empty one unless the test made one.
		if !pallet_inclusion::Included::<Test>::exists() {
			frame_support::assert_ok!(Inclusion::enter(
				RuntimeOrigin::none(),
				inclusion_data(Vec::new())
			));
		}
		Inclusion::on_finalize(now);
		// This block's header: its hash is the next block's parent hash.
		let header = Header::new(
			now as u32,
			H256::zero(),
			state_root(),
			ParentHeader::get().hash(),
			Default::default(),
		);
		let next = now + 1;
		System::set_block_number(next);
		System::set_parent_hash(header.hash());
		ParentHeader::set(header);
		Paras::on_initialize(next);
		Slots::on_initialize(next);
		Auctions::on_initialize(next);
		Crowdloan::on_initialize(next);
		Parathreads::on_initialize(next);
		Inclusion::on_initialize(next);
		if check {
			crate::invariants::check();
		}
	}
}
