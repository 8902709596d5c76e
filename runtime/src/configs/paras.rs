//! The para registry and slot leases: `Paras`, `Registrar` and `Slots`.
//!
//! Durations are Polkadot's with the default build and a few minutes with `fast-runtime`, so a
//! local testnet walks a para through registration, lease start and lease end in minutes.

use super::FAST_MINUTE;
use crate::{
	prod_or_fast, weights, Balances, Crowdloan, Registrar, Runtime, RuntimeHoldReason, Session,
	Slots,
};
use frame_support::{parameter_types, traits::Get};
use frame_system::EnsureRoot;
use relay_primitives::{
	constants::{
		currency::{CENTS, UNITS},
		time::{DAYS, HOURS},
	},
	AccountId, Balance, BlockNumber,
};

/// The longest validation code a para may use: 3 MiB, as on Polkadot today.
pub const MAX_CODE_SIZE: u32 = 3 * 1024 * 1024;
/// The longest head data: 32 KiB.
pub const MAX_HEAD_SIZE: u32 = 32 * 1024;
/// The most paras in any state (Polkadot's `MAX_PARA_HEADS`, a stop-gap against registration
/// spam, polkadot-sdk#4737).
pub const MAX_PARAS: u32 = 1_024;
/// Blocks from scheduling a code upgrade to enacting it.
pub const VALIDATION_UPGRADE_DELAY: BlockNumber = prod_or_fast!(HOURS, FAST_MINUTE);
/// Blocks after an enacted upgrade before the next may be scheduled.
pub const VALIDATION_UPGRADE_COOLDOWN: BlockNumber = prod_or_fast!(DAYS, 2 * FAST_MINUTE);
/// Blocks replaced code is kept (for candidates and disputes about recent blocks).
pub const CODE_RETENTION_PERIOD: BlockNumber = prod_or_fast!(DAYS, 2 * FAST_MINUTE);

/// The deposit to reserve a para id, and the base of a registration deposit.
pub const PARA_DEPOSIT: Balance = 100 * UNITS;
/// The deposit per byte of head data and of the largest code (0.001 units, as Polkadot's).
pub const DATA_DEPOSIT_PER_BYTE: Balance = CENTS / 10;

/// The length of a lease period: 12 weeks as on Polkadot (8 periods ≈ 2 years), 30 blocks
/// (3 minutes) with `fast-runtime`.
pub const LEASE_PERIOD: BlockNumber = prod_or_fast!(12 * 7 * DAYS, 3 * FAST_MINUTE);
/// The first block of lease period 0.
pub const LEASE_OFFSET: BlockNumber = 0;
/// How many lease periods ahead leases are recorded: two slots of 8 periods.
pub const MAX_LEASE_PERIODS: u32 = 16;

parameter_types! {
	pub const MaxCodeSize: u32 = MAX_CODE_SIZE;
	pub const MaxHeadSize: u32 = MAX_HEAD_SIZE;
	pub const MaxParas: u32 = MAX_PARAS;
	pub const ValidationUpgradeDelay: BlockNumber = VALIDATION_UPGRADE_DELAY;
	pub const ValidationUpgradeCooldown: BlockNumber = VALIDATION_UPGRADE_COOLDOWN;
	pub const CodeRetentionPeriod: BlockNumber = CODE_RETENTION_PERIOD;
	pub const ParaDeposit: Balance = PARA_DEPOSIT;
	pub const DataDepositPerByte: Balance = DATA_DEPOSIT_PER_BYTE;
	pub const LeasePeriod: BlockNumber = LEASE_PERIOD;
	pub const LeaseOffset: BlockNumber = LEASE_OFFSET;
	pub const MaxLeasePeriods: u32 = MAX_LEASE_PERIODS;
}

/// The session index from `pallet-session`.
pub struct CurrentSession;
impl Get<u32> for CurrentSession {
	fn get() -> u32 {
		Session::current_index()
	}
}

impl pallet_paras::Config for Runtime {
	type CurrentSession = CurrentSession;
	type OnNewHead = Registrar;
	type MaxCodeSize = MaxCodeSize;
	type MaxHeadSize = MaxHeadSize;
	type MaxParas = MaxParas;
	type ValidationUpgradeDelay = ValidationUpgradeDelay;
	type ValidationUpgradeCooldown = ValidationUpgradeCooldown;
	type CodeRetentionPeriod = CodeRetentionPeriod;
	type WeightInfo = weights::pallet_paras::WeightInfo<Runtime>;
	type ForceOrigin = EnsureRoot<AccountId>;
}

impl pallet_registrar::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type OnSwap = (Slots, Crowdloan);
	type Leases = Slots;
	type ParaDeposit = ParaDeposit;
	type DataDepositPerByte = DataDepositPerByte;
	type WeightInfo = weights::pallet_registrar::WeightInfo<Runtime>;
	type ForceOrigin = EnsureRoot<AccountId>;
}

impl pallet_slots::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registrar = Registrar;
	type LeasePeriod = LeasePeriod;
	type LeaseOffset = LeaseOffset;
	type MaxLeasePeriods = MaxLeasePeriods;
	type ForceOrigin = EnsureRoot<AccountId>;
	type WeightInfo = weights::pallet_slots::WeightInfo<Runtime>;
}
