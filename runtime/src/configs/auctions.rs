//! Slot auctions and crowdloans: `Auctions` and `Crowdloan`.
//!
//! Polkadot's values with the default build (an ending period of 5 days sampled every 2 minutes:
//! 3,600 samples; slots of 8 lease periods); with `fast-runtime` an ending period of 2 minutes in
//! 10 samples, so a local testnet runs a whole auction in a few minutes. The winning sample is
//! picked with BABE's randomness from one epoch ago, which was unknown while bids were open.

use super::FAST_MINUTE;
use crate::{
	prod_or_fast, weights, Auctions, Balances, Registrar, Runtime, RuntimeHoldReason, Slots,
};
use frame_support::{parameter_types, PalletId};
use frame_system::EnsureRoot;
use relay_primitives::{
	constants::{
		currency::UNITS,
		time::{DAYS, MINUTES},
	},
	AccountId, Balance, BlockNumber,
};

/// The length of an auction's ending period.
pub const AUCTION_ENDING_PERIOD: BlockNumber = prod_or_fast!(5 * DAYS, 2 * FAST_MINUTE);
/// The length of one sample of the ending period.
pub const AUCTION_SAMPLE_LENGTH: BlockNumber = prod_or_fast!(2 * MINUTES, 2);
/// Lease periods per slot: 8, as on Polkadot (36 ranges).
pub const LEASE_PERIODS_PER_SLOT: u32 = 8;
/// The most `(bidder, para)` pairs with a bid deposit in one auction. Polkadot's busiest
/// auctions had a few dozen bidders (each crowdloan bids as one account); the close releases
/// every deposit in one block, which at this bound stays well inside it (see
/// `runtime/src/tests/worst_case.rs`).
pub const AUCTION_MAX_RESERVES: u32 = 500;

parameter_types! {
	pub const EndingPeriod: BlockNumber = AUCTION_ENDING_PERIOD;
	pub const SampleLength: BlockNumber = AUCTION_SAMPLE_LENGTH;
	pub const LeasePeriodsPerSlot: u32 = LEASE_PERIODS_PER_SLOT;
	pub const AuctionMaxReserves: u32 = AUCTION_MAX_RESERVES;
}

impl pallet_auctions::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Leaser = Slots;
	type Registrar = Registrar;
	type EndingPeriod = EndingPeriod;
	type SampleLength = SampleLength;
	type LeasePeriodsPerSlot = LeasePeriodsPerSlot;
	type Randomness = pallet_babe::RandomnessFromOneEpochAgo<Runtime>;
	type InitiateOrigin = EnsureRoot<AccountId>;
	type MaxReserves = AuctionMaxReserves;
	type WeightInfo = weights::pallet_auctions::WeightInfo<Runtime>;
}

/// The deposit to create a crowdloan: 500 units, as Polkadot's (room for about 10,000
/// contributions of 48 bytes at 0.001 units per byte, plus a base).
pub const CROWDLOAN_SUBMISSION_DEPOSIT: Balance = 500 * UNITS;
/// The smallest contribution: 5 units, as Polkadot's.
pub const CROWDLOAN_MIN_CONTRIBUTION: Balance = 5 * UNITS;
/// The most contributors one `refund` pays back.
pub const CROWDLOAN_REMOVE_KEYS_LIMIT: u32 = 1_000;
/// The longest memo a contributor may attach.
pub const CROWDLOAN_MAX_MEMO_LENGTH: u32 = 32;

parameter_types! {
	pub const CrowdloanId: PalletId = PalletId(*b"py/cfund");
	pub const SubmissionDeposit: Balance = CROWDLOAN_SUBMISSION_DEPOSIT;
	pub const MinContribution: Balance = CROWDLOAN_MIN_CONTRIBUTION;
	pub const RemoveKeysLimit: u32 = CROWDLOAN_REMOVE_KEYS_LIMIT;
	pub const MaxMemoLength: u32 = CROWDLOAN_MAX_MEMO_LENGTH;
}

impl pallet_crowdloan::Config for Runtime {
	type PalletId = CrowdloanId;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SubmissionDeposit = SubmissionDeposit;
	type MinContribution = MinContribution;
	type RemoveKeysLimit = RemoveKeysLimit;
	type MaxMemoLength = MaxMemoLength;
	type Registrar = Registrar;
	type Auctioneer = Auctions;
	type WeightInfo = weights::pallet_crowdloan::WeightInfo<Runtime>;
	type EditOrigin = EnsureRoot<AccountId>;
}
