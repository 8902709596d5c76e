//! Backing statements: what a validator signs for a candidate, and checking the signatures (see
//! [Votes and replay](super#votes-and-replay)).

use super::*;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// What a validator states about a candidate.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum CompactStatement {
	/// The validator fetched the collation, found it valid and proposes it to its group, which
	/// then fetches and checks it too. Not a backing vote: the seconder also signs `Valid`.
	#[codec(index = 0)]
	Seconded(CandidateHash),
	/// The validator checked the candidate and found it valid: a backing vote.
	#[codec(index = 1)]
	Valid(CandidateHash),
}

impl CompactStatement {
	/// The candidate the statement is about.
	pub fn candidate_hash(&self) -> CandidateHash {
		match self {
			Self::Seconded(hash) | Self::Valid(hash) => *hash,
		}
	}
}

/// Where a statement is made: the session and the relay-chain block.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct SigningContext {
	/// The session the statement is made in; signed.
	pub session_index: u32,
	/// The relay-chain block the statement is made at; not signed (the candidate hash already
	/// commits to the relay parent).
	pub parent_hash: Hash,
}

/// The bytes a validator signs for `statement`: [`BACKING_STATEMENT_MAGIC`], the SCALE-encoded
/// statement and the SCALE-encoded session index (41 bytes; see
/// [Votes and replay](super#votes-and-replay)).
pub fn signing_payload(statement: &CompactStatement, context: &SigningContext) -> Vec<u8> {
	payload(statement, context.session_index)
}

fn payload(statement: &CompactStatement, session_index: u32) -> Vec<u8> {
	let mut bytes = Vec::with_capacity(
		BACKING_STATEMENT_MAGIC
			.len()
			.saturating_add(statement.encoded_size())
			.saturating_add(session_index.encoded_size()),
	);
	bytes.extend_from_slice(&BACKING_STATEMENT_MAGIC);
	statement.encode_to(&mut bytes);
	session_index.encode_to(&mut bytes);
	bytes
}

/// Whether `signature` is `validator`'s signature of `statement` in the session `session_index`.
pub fn check_statement_signature(
	validator: &ValidatorId,
	statement: &CompactStatement,
	session_index: u32,
	signature: &ValidatorSignature,
) -> bool {
	validator.verify(&payload(statement, session_index), signature)
}

/// Whether `signature` is `validator`'s backing vote (`CompactStatement::Valid`) for `candidate`
/// in the session `session`.
pub fn check_validity_vote(
	validator: &ValidatorId,
	candidate: &CandidateHash,
	session: u32,
	signature: &ValidatorSignature,
) -> bool {
	check_statement_signature(validator, &CompactStatement::Valid(*candidate), session, signature)
}
