//! A runtime for the auctions tests with the real registry and leases: frame-system, balances,
//! paras, registrar, slots and auctions. A session lasts 2 blocks, a lease period 10 blocks; the
//! ending period is 10 blocks of 1-block samples (Polkadot's test values). The randomness is set
//! by the tests: its seed picks the sample and it is known `RandomnessLag` blocks late.

use crate as pallet_auctions;
use frame_support::{
	derive_impl, parameter_types,
	traits::{Get, Hooks, Randomness},
};
use frame_system::EnsureRoot;
use relay_primitives::{HeadData, ParaId, ValidationCode};
use sp_core::H256;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;

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

/// The session of the current block (2 blocks each).
pub struct BlockSession;
impl Get<u32> for BlockSession {
	fn get() -> u32 {
		(System::block_number() / 2) as u32
	}
}

parameter_types! {
	pub static RandomSeed: u64 = 0;
	pub static RandomnessLag: u64 = 0;
	pub static LeasePeriodsPerSlot: u32 = 4;
	pub static SampleLength: u64 = 1;
	pub static MaxReserves: u32 = 100;
}

/// Randomness whose seed's first 8 bytes are `RandomSeed` (little endian), known since
/// `RandomnessLag` blocks ago.
pub struct TestRandomness;
impl Randomness<H256, u64> for TestRandomness {
	fn random(_: &[u8]) -> (H256, u64) {
		let mut seed = [0u8; 32];
		seed[..8].copy_from_slice(&RandomSeed::get().to_le_bytes());
		(H256(seed), System::block_number().saturating_sub(RandomnessLag::get()))
	}
}

impl pallet_paras::Config for Test {
	type CurrentSession = BlockSession;
	type OnNewHead = Registrar;
	type MaxCodeSize = frame_support::traits::ConstU32<100>;
	type MaxHeadSize = frame_support::traits::ConstU32<20>;
	type MaxParas = frame_support::traits::ConstU32<1_000>;
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
	type ParaDeposit = frame_support::traits::ConstU64<1>;
	type DataDepositPerByte = frame_support::traits::ConstU64<0>;
	type WeightInfo = ();
	type ForceOrigin = frame_system::EnsureRoot<<Test as frame_system::Config>::AccountId>;
}

impl pallet_slots::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registrar = Registrar;
	type LeasePeriod = frame_support::traits::ConstU64<10>;
	type LeaseOffset = frame_support::traits::ConstU64<0>;
	type MaxLeasePeriods = frame_support::traits::ConstU32<16>;
	type ForceOrigin = EnsureRoot<u64>;
	type WeightInfo = ();
}

impl pallet_auctions::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Leaser = Slots;
	type Registrar = Registrar;
	type EndingPeriod = frame_support::traits::ConstU64<10>;
	type SampleLength = SampleLength;
	type LeasePeriodsPerSlot = LeasePeriodsPerSlot;
	type Randomness = TestRandomness;
	type InitiateOrigin = EnsureRoot<u64>;
	type MaxReserves = MaxReserves;
	type WeightInfo = ();
}

/// Accounts 1..=9 hold `100 × account` each; 100 holds 1,000,000. Paras 1, 2 and 3 are live
/// parathreads. Block 1, a slot of 4 periods.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut balances: Vec<(u64, u64)> = (1..=9).map(|who| (who, 100 * who)).collect();
	balances.push((100, 1_000_000));
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances, ..Default::default() },
		..Default::default()
	}
	.build_storage()
	.expect("the mock genesis is valid");
	let mut ext = sp_io::TestExternalities::new(storage);
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

/// Registers `id` for account 100 as a parathread, live at once.
pub fn live_parathread(id: u32) -> ParaId {
	let id = ParaId(id);
	let genesis = pallet_paras::ParaGenesisArgs {
		genesis_head: HeadData(vec![1]),
		validation_code: ValidationCode(vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
		para_kind: relay_primitives::ParaKind::Parathread,
	};
	pallet_paras::Pallet::<Test>::initialize_para_now(id, genesis).expect("room for the para");
	pallet_registrar::Paras::<Test>::insert(
		id,
		pallet_registrar::ParaInfo { manager: 100, deposit: 0, locked: None },
	);
	id
}

/// Runs blocks up to `n` (paras, slots, then auctions, as in the runtime), checking every
/// pallet's invariants after each.
pub fn run_to_block(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Paras::on_initialize(next);
		Slots::on_initialize(next);
		Auctions::on_initialize(next);
		check_invariants();
	}
}

/// Every pallet's `try_state` checks.
pub fn check_invariants() {
	Paras::do_try_state().expect("paras invariants hold");
	Registrar::do_try_state().expect("registrar invariants hold");
	Slots::do_try_state().expect("slots invariants hold");
	Auctions::do_try_state().expect("auctions invariants hold");
}
