//! The types of Polkadot's `ParachainHost` runtime API: what validators' nodes ask the relay-chain
//! runtime about cores, sessions, paras, messages, disputes and slashing.
//!
//! Each type here is our own, and encodes byte for byte as the Polkadot type it mirrors
//! (`polkadot-primitives` 26, module `v9`, at polkadot-sdk stable2609), both ways: the fixture
//! tests in `fixtures/` encode varied values of every type (every enum variant) on both sides and
//! decode each side's bytes with the other. Polkadot's types are generic over the hash and the
//! block number; ours use [`Hash`](crate::Hash) (H256) and [`BlockNumber`](crate::BlockNumber)
//! (`u32`), the instances the API uses. Where Polkadot wraps a vector (`IndexedVec`,
//! `ExecutorParams`) ours is a plain vector or a public newtype of one: the bytes are the same.
//!
//! The API's candidate, para and key types live in [`candidate`](crate::candidate),
//! [`paras`](crate::paras) and [`network`](crate::network) and are used as they are.
//!
//! ## Mirrored types
//!
//! | Ours | Polkadot's | Used by |
//! |---|---|---|
//! | [`SessionIndex`] | `SessionIndex` (`u32`) | many (see below) |
//! | [`GroupRotationInfo`] | `v9::GroupRotationInfo<BlockNumber>` | `validator_groups` |
//! | [`ScheduledCore`] | `v9::ScheduledCore` | in [`CoreState`], [`OccupiedCore`] |
//! | [`OccupiedCore`] | `v9::OccupiedCore<Hash, BlockNumber>` | in [`CoreState`] |
//! | [`CoreState`] | `v9::CoreState<Hash, BlockNumber>` | `availability_cores` |
//! | [`OccupiedCoreAssumption`] | `v9::OccupiedCoreAssumption` | `persisted_validation_data`, `validation_code`, `validation_code_hash` |
//! | [`CandidateEvent`] | `v9::CandidateEvent<Hash>` | `candidate_events` |
//! | [`SessionInfo`] | `v9::SessionInfo` | `session_info` |
//! | [`AuthorityDiscoveryId`] (`audi`) | `v9::AuthorityDiscoveryId` (= `sp_authority_discovery::AuthorityId`) | in [`SessionInfo`] |
//! | [`AssignmentId`] (`asgn`) | `v9::AssignmentId` | in [`SessionInfo`] |
//! | [`ExecutorParams`] | `v9::executor_params::ExecutorParams` | `session_executor_params` |
//! | [`ExecutorParam`] | `v9::executor_params::ExecutorParam` | in [`ExecutorParams`] |
//! | [`ExecutorHostFunction`] | `v9::executor_params::ExecutorHostFunction` | in [`ExecutorParam`] |
//! | [`PvfPrepKind`] | `v9::PvfPrepKind` | in [`ExecutorParam`] |
//! | [`PvfExecKind`] | `v9::PvfExecKind` | in [`ExecutorParam`] |
//! | [`PvfCheckStatement`] | `v9::PvfCheckStatement` | `submit_pvf_check_statement` |
//! | [`AsyncBackingParams`] | `v9::async_backing::AsyncBackingParams` | `async_backing_params`; in [`AbridgedHostConfiguration`] |
//! | [`ApprovalVotingParams`] | `v9::ApprovalVotingParams` | `approval_voting_params` |
//! | [`NodeFeatures`], [`node_features`] | `v9::NodeFeatures`, `v9::node_features::FeatureIndex` | `node_features` |
//! | [`InboundDownwardMessage`] | `polkadot_core_primitives::InboundDownwardMessage<BlockNumber>` | `dmq_contents` |
//! | [`InboundHrmpMessage`] | `polkadot_core_primitives::InboundHrmpMessage<BlockNumber>` | `inbound_hrmp_channels_contents` |
//! | [`DisputeState`] | `v9::DisputeState<BlockNumber>` | `disputes` |
//! | [`ScrapedOnChainVotes`] | `v9::ScrapedOnChainVotes<Hash>` | `on_chain_votes` |
//! | [`DisputeStatementSet`], [`MultiDisputeStatementSet`] | `v9::DisputeStatementSet`, `v9::MultiDisputeStatementSet` | in [`ScrapedOnChainVotes`] |
//! | [`DisputeStatement`] | `v9::DisputeStatement` | in [`DisputeStatementSet`] |
//! | [`ValidDisputeStatementKind`] | `v9::ValidDisputeStatementKind` | in [`DisputeStatement`] |
//! | [`InvalidDisputeStatementKind`] | `v9::InvalidDisputeStatementKind` | in [`DisputeStatement`] |
//! | [`DisputeOffenceKind`] | `v9::DisputeOffenceKind` | in [`PendingSlashes`], [`DisputeProof`] |
//! | [`SlashingOffenceKind`] | `v9::slashing::SlashingOffenceKind` | in [`LegacyPendingSlashes`] |
//! | [`PendingSlashes`] | `v9::slashing::PendingSlashes` | `unapplied_slashes_v2` |
//! | [`LegacyPendingSlashes`] | `v9::slashing::LegacyPendingSlashes` | `unapplied_slashes` |
//! | [`DisputesTimeSlot`] | `v9::slashing::DisputesTimeSlot` | in [`DisputeProof`] |
//! | [`DisputeProof`] | `v9::slashing::DisputeProof` | `submit_report_dispute_lost` |
//! | [`OpaqueKeyOwnershipProof`] | `v9::slashing::OpaqueKeyOwnershipProof` | `key_ownership_proof`, `submit_report_dispute_lost` |
//! | [`Constraints`] | `v9::async_backing::Constraints<BlockNumber>` | `backing_constraints`; in [`BackingState`] |
//! | [`BackingState`] | `v9::async_backing::BackingState<Hash, BlockNumber>` | `para_backing_state` |
//! | [`CandidatePendingAvailability`] | `v9::async_backing::CandidatePendingAvailability<Hash, BlockNumber>` | in [`BackingState`] |
//! | [`InboundHrmpLimitations`] | `v9::async_backing::InboundHrmpLimitations<BlockNumber>` | in [`Constraints`] |
//! | [`OutboundHrmpChannelLimitations`] | `v9::async_backing::OutboundHrmpChannelLimitations` | in [`Constraints`] |
//! | [`UpgradeRestriction`] | `v9::UpgradeRestriction` | in [`Constraints`] |
//! | [`UpgradeGoAhead`] | `v9::UpgradeGoAhead` | none (relay-state proofs) |
//! | [`RelayParentInfo`] | `vstaging::RelayParentInfo<Hash, BlockNumber>` | `ancestor_relay_parent_info` |
//! | [`AbridgedHostConfiguration`] | `v9::AbridgedHostConfiguration` | none (relay-state proofs) |
//! | [`AbridgedHrmpChannel`] | `v9::AbridgedHrmpChannel` | none (relay-state proofs) |
//!
//! `backing_constraints` and `para_backing_state` both use the one `Constraints` of
//! `v9::async_backing` (`runtime_api.rs` imports no other version at 26.0.0).
//!
//! ## The `ParachainHost` methods
//!
//! Polkadot declares the trait with base version 5, so every method without a version of its own
//! is in every version from 5 on (the "since" numbers only tell when Polkadot added it); the
//! others exist from the version given. A runtime exports
//! each method as `ParachainHost_<name>`, takes the arguments SCALE-encoded one after the other
//! and returns the SCALE-encoded result. The types are ours; the candidate, para and key types
//! are [`ParaId`](crate::ParaId), [`ValidationCode`](crate::ValidationCode),
//! [`ValidationCodeHash`](crate::ValidationCodeHash),
//! [`PersistedValidationData`](crate::PersistedValidationData),
//! [`CandidateCommitments`](crate::CandidateCommitments),
//! [`CommittedCandidateReceipt`](crate::CommittedCandidateReceipt),
//! [`CandidateHash`](crate::CandidateHash), [`CoreIndex`](crate::CoreIndex),
//! [`ValidatorIndex`](crate::ValidatorIndex), [`ValidatorId`](crate::ValidatorId) and
//! [`ValidatorSignature`](crate::ValidatorSignature); `Hash` is [`crate::Hash`].
//!
//! | Method | Version | Arguments | Returns |
//! |---|---|---|---|
//! | `validators` | 5 (base; since 1) | | `Vec<ValidatorId>` |
//! | `validator_groups` | 5 (base; since 1) | | `(Vec<Vec<ValidatorIndex>>, GroupRotationInfo)` |
//! | `availability_cores` | 5 (base; since 1) | | `Vec<CoreState>` |
//! | `persisted_validation_data` | 5 (base; since 1) | `para_id: ParaId, assumption: OccupiedCoreAssumption` | `Option<PersistedValidationData>` |
//! | `assumed_validation_data` | 5 (base; since 1) | `para_id: ParaId, expected_persisted_validation_data_hash: Hash` | `Option<(PersistedValidationData, ValidationCodeHash)>` |
//! | `check_validation_outputs` | 5 (base; since 1) | `para_id: ParaId, outputs: CandidateCommitments` | `bool` |
//! | `session_index_for_child` | 5 (base; since 1) | | `SessionIndex` |
//! | `validation_code` | 5 (base; since 1) | `para_id: ParaId, assumption: OccupiedCoreAssumption` | `Option<ValidationCode>` |
//! | `candidate_pending_availability` | 5 (base; since 1) | `para_id: ParaId` | `Option<CommittedCandidateReceipt>` |
//! | `candidate_events` | 5 (base; since 1) | | `Vec<CandidateEvent>` |
//! | `dmq_contents` | 5 (base; since 1) | `recipient: ParaId` | `Vec<InboundDownwardMessage>` |
//! | `inbound_hrmp_channels_contents` | 5 (base; since 1) | `recipient: ParaId` | `BTreeMap<ParaId, Vec<InboundHrmpMessage>>` |
//! | `validation_code_by_hash` | 5 (base; since 1) | `hash: ValidationCodeHash` | `Option<ValidationCode>` |
//! | `on_chain_votes` | 5 (base; since 1) | | `Option<ScrapedOnChainVotes>` |
//! | `session_info` | 5 (base; since 2) | `index: SessionIndex` | `Option<SessionInfo>` |
//! | `submit_pvf_check_statement` | 5 (base; since 2) | `stmt: PvfCheckStatement, signature: ValidatorSignature` | `()` |
//! | `pvfs_require_precheck` | 5 (base; since 2) | | `Vec<ValidationCodeHash>` |
//! | `validation_code_hash` | 5 (base; since 2) | `para_id: ParaId, assumption: OccupiedCoreAssumption` | `Option<ValidationCodeHash>` |
//! | `disputes` | 5 (base; since 3) | | `Vec<(SessionIndex, CandidateHash, DisputeState)>` |
//! | `session_executor_params` | 5 (base; since 4) | `session_index: SessionIndex` | `Option<ExecutorParams>` |
//! | `unapplied_slashes` | 5 (base; since 5) | | `Vec<(SessionIndex, CandidateHash, LegacyPendingSlashes)>` |
//! | `key_ownership_proof` | 5 (base; since 5) | `validator_id: ValidatorId` | `Option<OpaqueKeyOwnershipProof>` |
//! | `submit_report_dispute_lost` | 5 (base; since 5) | `dispute_proof: DisputeProof, key_ownership_proof: OpaqueKeyOwnershipProof` | `Option<()>` |
//! | `minimum_backing_votes` | 6 | | `u32` |
//! | `para_backing_state` | 7 | `_: ParaId` (unnamed in Polkadot) | `Option<BackingState>` |
//! | `async_backing_params` | 7 | | `AsyncBackingParams` |
//! | `disabled_validators` | 8 | | `Vec<ValidatorIndex>` |
//! | `node_features` | 9 | | `NodeFeatures` |
//! | `approval_voting_params` | 10 | | `ApprovalVotingParams` |
//! | `claim_queue` | 11 | | `BTreeMap<CoreIndex, VecDeque<ParaId>>` |
//! | `candidates_pending_availability` | 11 | `para_id: ParaId` | `Vec<CommittedCandidateReceipt>` |
//! | `validation_code_bomb_limit` | 12 | | `u32` |
//! | `backing_constraints` | 13 | `para_id: ParaId` | `Option<Constraints>` |
//! | `scheduling_lookahead` | 13 | | `u32` |
//! | `para_ids` | 14 | | `Vec<ParaId>` |
//! | `unapplied_slashes_v2` | 15 | | `Vec<(SessionIndex, CandidateHash, PendingSlashes)>` |
//! | `max_relay_parent_session_age` | 16 | | `u32` |
//! | `ancestor_relay_parent_info` | 16 | `session_index: SessionIndex, relay_parent: Hash` | `Option<RelayParentInfo>` |
//!
//! `BTreeMap` and `VecDeque` are `alloc::collections`'; a map encodes as the vector of its
//! entries in key order.

mod api;
mod async_backing;
mod config;
mod cores;
mod disputes;
mod executor;
#[cfg(test)]
mod fixtures;
mod messages;
mod session;
mod slashing;

pub use api::*;
pub use async_backing::*;
pub use config::*;
pub use cores::*;
pub use disputes::*;
pub use executor::*;
pub use messages::*;
pub use session::*;
pub use slashing::*;

/// The index of a session (Polkadot's and Substrate's `SessionIndex`).
pub type SessionIndex = u32;
