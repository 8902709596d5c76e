//! Disputes: the validators' statements about a candidate's validity, the state of a dispute on
//! chain, and the votes the relay chain records for the dispute-coordinating nodes to scrape.

use super::SessionIndex;
use crate::{
	candidate::{
		CandidateHash, CandidateReceipt, ValidatorIndex, ValidatorSignature, ValidityAttestation,
	},
	BlockNumber, Hash,
};
use alloc::vec::Vec;
use bitvec::{order::Lsb0, vec::BitVec};
use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{traits::ConstU32, BoundedVec};
use scale_info::TypeInfo;

/// The most candidates one coalesced approval vote may cover; a longer list does not decode.
pub const MAX_COALESCE_APPROVALS: u32 = 16;

/// The candidates of one coalesced approval vote.
pub type CoalescedApprovalCandidateHashes =
	BoundedVec<CandidateHash, ConstU32<MAX_COALESCE_APPROVALS>>;

/// How a validator came to say a candidate is valid.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum ValidDisputeStatementKind {
	/// A vote cast in the dispute itself.
	#[codec(index = 0)]
	Explicit,
	/// A backing `Seconded` statement, made at the given relay parent.
	#[codec(index = 1)]
	BackingSeconded(Hash),
	/// A backing `Valid` statement, made at the given relay parent.
	#[codec(index = 2)]
	BackingValid(Hash),
	/// An approval vote for this candidate alone.
	#[codec(index = 3)]
	ApprovalChecking,
	/// An approval vote covering several candidates, this one among them.
	#[codec(index = 4)]
	ApprovalCheckingMultipleCandidates(CoalescedApprovalCandidateHashes),
}

/// How a validator came to say a candidate is invalid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum InvalidDisputeStatementKind {
	/// A vote cast in the dispute itself.
	#[codec(index = 0)]
	Explicit,
}

/// A validator's statement on a candidate in a dispute: for it or against it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum DisputeStatement {
	/// The candidate is valid.
	#[codec(index = 0)]
	Valid(ValidDisputeStatementKind),
	/// The candidate is invalid.
	#[codec(index = 1)]
	Invalid(InvalidDisputeStatementKind),
}

impl DisputeStatement {
	/// Whether the statement is for the candidate.
	pub fn indicates_validity(&self) -> bool {
		matches!(self, Self::Valid(_))
	}
}

/// The statements of some validators about one candidate.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct DisputeStatementSet {
	/// The candidate.
	pub candidate_hash: CandidateHash,
	/// The session the candidate was made in.
	pub session: SessionIndex,
	/// Each statement with the index (in `session`) and the signature of its validator.
	pub statements: Vec<(DisputeStatement, ValidatorIndex, ValidatorSignature)>,
}

/// Statement sets about several candidates.
pub type MultiDisputeStatementSet = Vec<DisputeStatementSet>;

/// A dispute as the relay chain records it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct DisputeState {
	/// One bit per validator of the candidate's session: set if it voted for the candidate.
	pub validators_for: BitVec<u8, Lsb0>,
	/// One bit per validator of the candidate's session: set if it voted against the candidate.
	pub validators_against: BitVec<u8, Lsb0>,
	/// The block number at which the dispute began on chain.
	pub start: BlockNumber,
	/// The block number at which the dispute concluded, if it has.
	pub concluded_at: Option<BlockNumber>,
}

/// The votes a block recorded: the backers of the candidates it backed, and the dispute
/// statements it imported.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ScrapedOnChainVotes {
	/// The session of the block.
	pub session: SessionIndex,
	/// Each candidate backed in the block, with its backers' indices and votes.
	pub backing_validators_per_candidate:
		Vec<(CandidateReceipt, Vec<(ValidatorIndex, ValidityAttestation)>)>,
	/// The dispute statements imported in the block (unrelated to the backers above).
	pub disputes: MultiDisputeStatementSet,
}
