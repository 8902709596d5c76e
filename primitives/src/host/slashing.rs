//! Slashing for lost disputes: the offence kinds, the slashes waiting for a key-ownership proof,
//! and the report a validator submits to have one applied.

use super::SessionIndex;
use crate::candidate::{CandidateHash, ValidatorId, ValidatorIndex};
use alloc::{collections::BTreeMap, vec::Vec};
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;

/// What a validator did wrong in a lost dispute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum DisputeOffenceKind {
	/// It backed an invalid candidate (the severe offence).
	#[codec(index = 0)]
	ForInvalidBacked,
	/// It voted against a valid candidate (the minor offence).
	#[codec(index = 1)]
	AgainstValid,
	/// It approved an invalid candidate, in approval checking or in the dispute.
	#[codec(index = 2)]
	ForInvalidApproved,
}

/// The offence kinds of the legacy `unapplied_slashes` method: [`DisputeOffenceKind`] without
/// `ForInvalidApproved`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum SlashingOffenceKind {
	/// It backed an invalid candidate.
	#[codec(index = 0)]
	ForInvalid,
	/// It voted against a valid candidate.
	#[codec(index = 1)]
	AgainstValid,
}

impl From<SlashingOffenceKind> for DisputeOffenceKind {
	fn from(kind: SlashingOffenceKind) -> Self {
		match kind {
			SlashingOffenceKind::ForInvalid => Self::ForInvalidBacked,
			SlashingOffenceKind::AgainstValid => Self::AgainstValid,
		}
	}
}

impl TryFrom<DisputeOffenceKind> for SlashingOffenceKind {
	type Error = ();

	fn try_from(kind: DisputeOffenceKind) -> Result<Self, ()> {
		match kind {
			DisputeOffenceKind::ForInvalidBacked => Ok(Self::ForInvalid),
			DisputeOffenceKind::AgainstValid => Ok(Self::AgainstValid),
			DisputeOffenceKind::ForInvalidApproved => Err(()),
		}
	}
}

/// Identifies a disputed candidate for offence deduplication: at most one offence per validator
/// and time slot. The field order is the order slots compare in.
#[derive(
	Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Encode, Decode, DecodeWithMemTracking, TypeInfo,
)]
pub struct DisputesTimeSlot {
	/// The session the candidate was made in.
	pub session_index: SessionIndex,
	/// The candidate.
	pub candidate_hash: CandidateHash,
}

/// What a validator submits to report another's lost dispute (with a key-ownership proof).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct DisputeProof {
	/// The disputed candidate.
	pub time_slot: DisputesTimeSlot,
	/// The offence.
	pub kind: DisputeOffenceKind,
	/// The offender's index in the candidate's session.
	pub validator_index: ValidatorIndex,
	/// The offender's `para` key in that session.
	pub validator_id: ValidatorId,
}

/// The offenders of one lost dispute, waiting to be slashed once their keys are proven to belong
/// to their stash accounts.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct PendingSlashes {
	/// The offenders: index and `para` key in the candidate's session.
	pub keys: BTreeMap<ValidatorIndex, ValidatorId>,
	/// The offence.
	pub kind: DisputeOffenceKind,
}

/// [`PendingSlashes`] as the legacy `unapplied_slashes` method returns them.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct LegacyPendingSlashes {
	/// The offenders: index and `para` key in the candidate's session.
	pub keys: BTreeMap<ValidatorIndex, ValidatorId>,
	/// The offence.
	pub kind: SlashingOffenceKind,
}

/// A proof that a session key belonged to a validator, encoded: the runtime knows its real type
/// (a session-historical membership proof), the API passes it as bytes. Encodes as a byte
/// vector.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct OpaqueKeyOwnershipProof(pub Vec<u8>);

impl OpaqueKeyOwnershipProof {
	/// Decodes the proof as a `T`, if it is one (with no bytes left over).
	pub fn decode_as<T: codec::DecodeAll>(&self) -> Option<T> {
		T::decode_all(&mut &self.0[..]).ok()
	}
}
