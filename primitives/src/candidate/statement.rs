//! Backing statements as Polkadot signs them, and checking the signatures (see
//! [Votes and replay](super#votes-and-replay)).

use super::*;
use alloc::vec::Vec;
use codec::{Decode, Encode};

/// What a validator states about a candidate.
///
/// Encoded as Polkadot encodes it: [`BACKING_STATEMENT_MAGIC`], then the variant (`01`
/// `Seconded`, `02` `Valid`), then the candidate hash: 37 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CompactStatement {
	/// The validator fetched the collation, found it valid and proposes it to its group, which
	/// then fetches and checks it too. A backing vote (an implicit attestation).
	Seconded(CandidateHash),
	/// The validator checked the candidate and found it valid: a backing vote (an explicit
	/// attestation).
	Valid(CandidateHash),
}

/// The variant index of [`CompactStatement::Seconded`] after the magic.
const SECONDED_INDEX: u8 = 1;

/// The variant index of [`CompactStatement::Valid`] after the magic.
const VALID_INDEX: u8 = 2;

impl CompactStatement {
	/// The candidate the statement is about.
	pub fn candidate_hash(&self) -> CandidateHash {
		match self {
			Self::Seconded(hash) | Self::Valid(hash) => *hash,
		}
	}
}

impl Encode for CompactStatement {
	fn size_hint(&self) -> usize {
		// Magic, variant, hash.
		37
	}

	fn encode_to<T: codec::Output + ?Sized>(&self, dest: &mut T) {
		dest.write(&BACKING_STATEMENT_MAGIC);
		let (index, hash) = match self {
			Self::Seconded(hash) => (SECONDED_INDEX, hash),
			Self::Valid(hash) => (VALID_INDEX, hash),
		};
		dest.push_byte(index);
		hash.encode_to(dest);
	}
}

impl Decode for CompactStatement {
	fn decode<I: codec::Input>(input: &mut I) -> Result<Self, codec::Error> {
		if <[u8; 4]>::decode(input)? != BACKING_STATEMENT_MAGIC {
			return Err("invalid magic string".into());
		}
		match input.read_byte()? {
			SECONDED_INDEX => Ok(Self::Seconded(CandidateHash::decode(input)?)),
			VALID_INDEX => Ok(Self::Valid(CandidateHash::decode(input)?)),
			_ => Err("invalid statement variant".into()),
		}
	}
}

impl codec::DecodeWithMemTracking for CompactStatement {}

/// Where a statement is made: the session and the relay-chain block (for a backing vote, the
/// candidate's relay parent). Both are signed.
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
	/// The session the statement is made in.
	pub session_index: u32,
	/// The relay-chain block the statement is made at.
	pub parent_hash: Hash,
}

/// The bytes a validator signs for `statement`: the encoded statement (magic, variant,
/// candidate hash) followed by the encoded context (session, parent hash): 73 bytes, as
/// Polkadot's `CompactStatement::signing_payload` (see [Votes and replay](super#votes-and-replay)).
pub fn signing_payload(statement: &CompactStatement, context: &SigningContext) -> Vec<u8> {
	(statement, context).encode()
}

/// Whether `signature` is `validator`'s signature of `statement` in `context`.
pub fn check_statement_signature(
	validator: &ValidatorId,
	statement: &CompactStatement,
	context: &SigningContext,
	signature: &ValidatorSignature,
) -> bool {
	validator.verify(&signing_payload(statement, context), signature)
}

/// Whether `signature` is `validator`'s `Valid` statement for `candidate` in `context`.
pub fn check_validity_vote(
	validator: &ValidatorId,
	candidate: &CandidateHash,
	context: &SigningContext,
	signature: &ValidatorSignature,
) -> bool {
	check_statement_signature(validator, &CompactStatement::Valid(*candidate), context, signature)
}
