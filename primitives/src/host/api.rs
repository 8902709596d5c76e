//! The `ParachainHost` runtime API, declared as Polkadot declares it at stable2609 (the same trait
//! name, so the same API id; the same method names, argument order and versions) with this
//! chain's types, which encode as Polkadot's. A Polkadot or Cumulus node calls
//! `ParachainHost_<method>` with the SCALE-encoded arguments and decodes the answer with its own
//! types. The runtime implements the highest stable version (see `runtime/src/apis.rs`); version
//! 16's methods use a Polkadot type still in `vstaging`.

use super::*;
use crate::{
	CandidateCommitments, CandidateHash, CommittedCandidateReceipt, CoreIndex, Hash, ParaId,
	PersistedValidationData, ValidationCode, ValidationCodeHash, ValidatorId, ValidatorIndex,
	ValidatorSignature,
};
use alloc::{
	collections::{btree_map::BTreeMap, vec_deque::VecDeque},
	vec::Vec,
};

/// The highest version of [`ParachainHost`] that uses only Polkadot's stable types at
/// stable2609: what this chain's runtime implements.
pub const PARACHAIN_HOST_STABLE_VERSION: u32 = 15;

sp_api::decl_runtime_apis! {
	/// What a validator's or collator's node asks the relay-chain runtime about parachains
	/// (Polkadot's `ParachainHost`).
	#[api_version(5)]
	pub trait ParachainHost {
		/// The validators of the current session, by validator index.
		fn validators() -> Vec<ValidatorId>;

		/// The backing groups and how they rotate over the cores.
		fn validator_groups() -> (Vec<Vec<ValidatorIndex>>, GroupRotationInfo);

		/// Every availability core and what occupies or may use it.
		fn availability_cores() -> Vec<CoreState>;

		/// A para's persisted validation data for a candidate built on this block, assuming
		/// what happens to a candidate occupying its core.
		fn persisted_validation_data(
			para_id: ParaId,
			assumption: OccupiedCoreAssumption,
		) -> Option<PersistedValidationData>;

		/// The persisted validation data with this hash, and the para's code hash.
		fn assumed_validation_data(
			para_id: ParaId,
			expected_persisted_validation_data_hash: Hash,
		) -> Option<(PersistedValidationData, ValidationCodeHash)>;

		/// Whether candidate outputs would pass the relay chain's checks.
		fn check_validation_outputs(para_id: ParaId, outputs: CandidateCommitments) -> bool;

		/// The session of the next block.
		fn session_index_for_child() -> SessionIndex;

		/// A para's validation code, with an assumption about its core.
		fn validation_code(
			para_id: ParaId,
			assumption: OccupiedCoreAssumption,
		) -> Option<ValidationCode>;

		/// A para's candidate waiting for availability.
		fn candidate_pending_availability(para_id: ParaId) -> Option<CommittedCandidateReceipt>;

		/// The candidate events of this block.
		fn candidate_events() -> Vec<CandidateEvent>;

		/// A para's downward message queue.
		fn dmq_contents(recipient: ParaId) -> Vec<InboundDownwardMessage>;

		/// A para's inbound HRMP channels and their messages.
		fn inbound_hrmp_channels_contents(
			recipient: ParaId,
		) -> BTreeMap<ParaId, Vec<InboundHrmpMessage>>;

		/// Validation code by its hash.
		fn validation_code_by_hash(hash: ValidationCodeHash) -> Option<ValidationCode>;

		/// The backing votes and disputes this block put on chain.
		fn on_chain_votes() -> Option<ScrapedOnChainVotes>;

		/// A session's information.
		fn session_info(index: SessionIndex) -> Option<SessionInfo>;

		/// Submits a PVF pre-checking vote.
		fn submit_pvf_check_statement(stmt: PvfCheckStatement, signature: ValidatorSignature);

		/// The code hashes waiting for pre-checking votes.
		fn pvfs_require_precheck() -> Vec<ValidationCodeHash>;

		/// A para's validation code hash, with an assumption about its core.
		fn validation_code_hash(
			para_id: ParaId,
			assumption: OccupiedCoreAssumption,
		) -> Option<ValidationCodeHash>;

		/// The disputes the chain knows of.
		fn disputes() -> Vec<(SessionIndex, CandidateHash, DisputeState)>;

		/// A session's executor parameters.
		fn session_executor_params(session_index: SessionIndex) -> Option<ExecutorParams>;

		/// Slashes for lost disputes not yet applied (the old encoding).
		fn unapplied_slashes() -> Vec<(SessionIndex, CandidateHash, LegacyPendingSlashes)>;

		/// A key ownership proof for a validator, for a dispute-loss report.
		fn key_ownership_proof(validator_id: ValidatorId) -> Option<OpaqueKeyOwnershipProof>;

		/// Submits a report of a lost dispute.
		fn submit_report_dispute_lost(
			dispute_proof: DisputeProof,
			key_ownership_proof: OpaqueKeyOwnershipProof,
		) -> Option<()>;

		/// The votes a candidate needs at least (capped by its group's size).
		#[api_version(6)]
		fn minimum_backing_votes() -> u32;

		/// A para's backing state (its constraints and the candidates pending availability).
		#[api_version(7)]
		fn para_backing_state(para_id: ParaId) -> Option<BackingState>;

		/// The asynchronous-backing parameters.
		#[api_version(7)]
		fn async_backing_params() -> AsyncBackingParams;

		/// The validators disabled in this session.
		#[api_version(8)]
		fn disabled_validators() -> Vec<ValidatorIndex>;

		/// The node features switched on.
		#[api_version(9)]
		fn node_features() -> NodeFeatures;

		/// The approval-voting parameters.
		#[api_version(10)]
		fn approval_voting_params() -> ApprovalVotingParams;

		/// The paras each core serves next, in order.
		#[api_version(11)]
		fn claim_queue() -> BTreeMap<CoreIndex, VecDeque<ParaId>>;

		/// A para's candidates waiting for availability.
		#[api_version(11)]
		fn candidates_pending_availability(para_id: ParaId) -> Vec<CommittedCandidateReceipt>;

		/// The largest size validation code may decompress to.
		#[api_version(12)]
		fn validation_code_bomb_limit() -> u32;

		/// The constraints a new candidate of a para must meet.
		#[api_version(13)]
		fn backing_constraints(para_id: ParaId) -> Option<Constraints>;

		/// How many blocks ahead the claim queue looks.
		#[api_version(13)]
		fn scheduling_lookahead() -> u32;

		/// The paras registered at this block.
		#[api_version(14)]
		fn para_ids() -> Vec<ParaId>;

		/// Slashes for lost disputes not yet applied.
		#[api_version(15)]
		fn unapplied_slashes_v2() -> Vec<(SessionIndex, CandidateHash, PendingSlashes)>;

		/// The most sessions a relay parent may be behind.
		#[api_version(16)]
		fn max_relay_parent_session_age() -> u32;

		/// A relay parent's information, if it is an allowed ancestor in that session.
		#[api_version(16)]
		fn ancestor_relay_parent_info(
			session_index: SessionIndex,
			relay_parent: Hash,
		) -> Option<RelayParentInfo>;
	}
}
