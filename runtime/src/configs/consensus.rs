//! Block production (BABE), finality (GRANDPA), authorship, sessions and the validator set.

use super::{FAST_MINUTE, SLOT_DURATION};
use crate::{
	prod_or_fast, AccountId, Babe, Balances, Runtime, RuntimeEvent, Session, SessionKeys,
	ValidatorSet,
};
use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use relay_primitives::{
	constants::time::{HOURS, PRIMARY_PROBABILITY},
	BlockNumber,
};
use sp_runtime::traits::OpaqueKeys;

/// Length of a BABE epoch, which is also a session: 4 hours (Polkadot), or 10 blocks (1 minute)
/// with `fast-runtime`.
pub const EPOCH_DURATION_IN_BLOCKS: BlockNumber = prod_or_fast!(4 * HOURS, FAST_MINUTE);
/// The same length in slots (one block per slot is the target).
pub const EPOCH_DURATION_IN_SLOTS: u64 = EPOCH_DURATION_IN_BLOCKS as u64;
/// Most BABE/GRANDPA authorities a session may have.
pub const MAX_AUTHORITIES: u32 = 1_000;
/// Smallest validator set root may choose (one validator can still author and finalize).
pub const MIN_VALIDATORS: u32 = 1;
/// Largest validator set root may choose.
pub const MAX_VALIDATORS: u32 = MAX_AUTHORITIES;
/// GRANDPA set-id to session mappings kept for equivocation proofs (a week of 4-hour sessions).
pub const MAX_SET_ID_SESSION_ENTRIES: u64 = 42;
/// Deposit held when an account registers session keys. Zero: any funded account may register
/// keys, as on Polkadot; only root decides who validates.
pub const SESSION_KEY_DEPOSIT: crate::Balance = 0;

/// BABE's genesis epoch configuration: primary slots with probability 1/4, secondary slots with
/// VRF outputs for the rest (as Polkadot).
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: PRIMARY_PROBABILITY,
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

parameter_types! {
	pub const EpochDuration: u64 = EPOCH_DURATION_IN_SLOTS;
	pub const ExpectedBlockTime: u64 = SLOT_DURATION;
	pub const SessionKeyDeposit: crate::Balance = SESSION_KEY_DEPOSIT;
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ExpectedBlockTime;
	// Sessions decide when epochs change.
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type MaxNominators = ConstU32<0>;
	// Equivocation reports need `pallet-session::historical` proofs and an offences pallet;
	// both come with staking/slashing. Until then reports are not accepted.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

/// Authority discovery: validators publish their network addresses signed with their `audi`
/// session key; collators and validators find each other through them.
impl pallet_authority_discovery::Config for Runtime {
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = frame_support::traits::ConstU64<MAX_SET_ID_SESSION_ENTRIES>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Babe>;
	type EventHandler = ();
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = SessionKeyDeposit;
}

/// Session keys as `pallet-session` stores them: a validator must have called `session.setKeys`.
pub struct RegisteredSessionKeys;
impl pallet_validator_set::SessionKeysCheck<AccountId> for RegisteredSessionKeys {
	fn has_keys(who: &AccountId) -> bool {
		pallet_session::NextKeys::<Runtime>::contains_key(who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn set_keys_for_benchmark(who: &AccountId) {
		use codec::Encode;
		use sp_runtime::traits::{BlakeTwo256, Hash};
		// Distinct, deterministic public keys per account, so the key-owner index stays unique.
		let seed = who.encode();
		let keys = SessionKeys {
			babe: sp_consensus_babe::AuthorityId::from(sp_core::sr25519::Public::from_raw(
				BlakeTwo256::hash(&seed).0,
			)),
			grandpa: sp_consensus_grandpa::AuthorityId::from(sp_core::ed25519::Public::from_raw(
				BlakeTwo256::hash(&[seed.as_slice(), b"gran"].concat()).0,
			)),
			para_validator: relay_primitives::ValidatorId::from(
				sp_core::sr25519::Public::from_raw(
					BlakeTwo256::hash(&[seed.as_slice(), b"para"].concat()).0,
				),
			),
			authority_discovery: sp_authority_discovery::AuthorityId::from(
				sp_core::sr25519::Public::from_raw(
					BlakeTwo256::hash(&[seed.as_slice(), b"audi"].concat()).0,
				),
			),
		};
		for id in SessionKeys::key_ids() {
			pallet_session::KeyOwner::<Runtime>::insert((*id, keys.get_raw(*id).to_vec()), who);
		}
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
	}
}

impl pallet_validator_set::Config for Runtime {
	type ValidatorOrigin = EnsureRoot<AccountId>;
	type SessionKeys = RegisteredSessionKeys;
	type MinValidators = ConstU32<MIN_VALIDATORS>;
	type MaxValidators = ConstU32<MAX_VALIDATORS>;
	type WeightInfo = crate::weights::pallet_validator_set::WeightInfo<Runtime>;
}
