//! Parachain blocks: the parathread fee auction (`Parathreads`) and the inclusion of backed
//! candidates (`ParaInclusion`).
//!
//! Cores: one per parachain, then [`PARATHREAD_CORES`] pool cores that parathreads win block by
//! block in the fee auction. With the dev chain's single validator every core is backed by that
//! validator alone; with the local testnet's four, each validator is a group of one.

use crate::{weights, Authorship, Balances, Paras, Registrar, Runtime, RuntimeHoldReason};
use frame_support::{parameter_types, traits::Get};
use relay_primitives::{constants::currency::CENTS, AccountId, Balance, BlockNumber};
use sp_runtime::Perbill;

/// The parathread pool: cores parathreads win in the fee auction, on top of one per parachain.
pub const PARATHREAD_CORES: u32 = 4;
/// The most bids a block's book holds; a new bid into a full book must beat the lowest.
pub const MAX_BIDS_PER_BLOCK: u32 = 32;
/// Blocks a won claim stays live (its candidate must be included within them).
pub const CLAIM_TTL: BlockNumber = 10;
/// The lowest fee a parathread block clears at: 0.1 units.
pub const RESERVE_PRICE: Balance = 10 * CENTS;
/// The share of a clearing price burned; the rest goes to the author of the block that
/// includes the candidate (Polkadot's split of transaction fees).
pub const BURN_SHARE: Perbill = Perbill::from_percent(80);
/// Blocks between rotations of the backing groups over the cores (Polkadot's 10).
pub const GROUP_ROTATION_FREQUENCY: BlockNumber = 10;
/// Votes a candidate needs, capped at its group's size (Polkadot's 2).
pub const MIN_BACKING_VOTES: u32 = 2;
/// How many recent relay blocks a candidate may be built on.
pub const ALLOWED_RELAY_PARENTS: u32 = 4;
/// Candidates not yet included a new one may build on (building ahead; Polkadot's
/// `max_candidate_depth` is 3 with 6-second blocks and availability; here a candidate is
/// included in the block after it is backed, so two ahead keep a core busy).
pub const MAX_CANDIDATE_DEPTH: u32 = relay_primitives::MAX_CANDIDATE_DEPTH;
/// The largest proof of validity: 5 MiB (Polkadot's `max_pov_size`).
pub const MAX_POV_SIZE: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const ParathreadCores: u32 = PARATHREAD_CORES;
	pub const MaxBidsPerBlock: u32 = MAX_BIDS_PER_BLOCK;
	pub const ClaimTtl: BlockNumber = CLAIM_TTL;
	pub const ReservePrice: Balance = RESERVE_PRICE;
	pub const BurnShare: Perbill = BURN_SHARE;
	pub const GroupRotationFrequency: BlockNumber = GROUP_ROTATION_FREQUENCY;
	pub const MinBackingVotes: u32 = MIN_BACKING_VOTES;
	pub const AllowedRelayParents: u32 = ALLOWED_RELAY_PARENTS;
	pub const MaxCandidateDepth: u32 = MAX_CANDIDATE_DEPTH;
	pub const MaxPovSize: u32 = MAX_POV_SIZE;
}

/// The author of the current block (from BABE's pre-digest, through `pallet-authorship`).
pub struct BlockAuthor;
impl Get<Option<AccountId>> for BlockAuthor {
	fn get() -> Option<AccountId> {
		Authorship::author()
	}
}

impl pallet_parathreads::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Registrar = Registrar;
	type ParaHeads = Paras;
	type ParathreadCores = ParathreadCores;
	type MaxBidsPerBlock = MaxBidsPerBlock;
	type ClaimTtl = ClaimTtl;
	type ReservePrice = ReservePrice;
	type BurnShare = BurnShare;
	type BlockAuthor = BlockAuthor;
	type WeightInfo = weights::pallet_parathreads::WeightInfo<Runtime>;
}

impl pallet_inclusion::Config for Runtime {
	type SessionIndex = crate::configs::CurrentSession;
	type ParathreadClaims = crate::Parathreads;
	type GroupRotationFrequency = GroupRotationFrequency;
	type MinBackingVotes = MinBackingVotes;
	type AllowedRelayParents = AllowedRelayParents;
	type MaxCandidateDepth = MaxCandidateDepth;
	type MaxPovSize = MaxPovSize;
	type WeightInfo = weights::pallet_inclusion::WeightInfo<Runtime>;
}

/// The host configuration a collator's relay-state proof reads (`Configuration.ActiveConfig`),
/// derived from the limits `Paras` and `ParaInclusion` enforce.
pub struct HostConfiguration;
impl Get<pallet_configuration::AbridgedHostConfiguration> for HostConfiguration {
	fn get() -> pallet_configuration::AbridgedHostConfiguration {
		crate::ParaInclusion::host_abridged_configuration()
	}
}

impl pallet_configuration::Config for Runtime {
	type HostConfiguration = HostConfiguration;
}
