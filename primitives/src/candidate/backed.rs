//! Backed candidates as Polkadot encodes them: the votes as attestations, the voters as a bitfield
//! over the backing group, optionally followed by 8 bits of the core index.

use super::*;
use alloc::collections::BTreeMap;
use bitvec::{order::Lsb0, vec::BitVec};

/// The number of bits of the core index a backer may append to a backed candidate's bitfield
/// (Polkadot's elastic-scaling "injected" core index).
pub const INJECTED_CORE_INDEX_BITS: usize = 8;

/// A backing vote: a signature of `Seconded` (implicit) or `Valid` (explicit) for the candidate.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum ValidityAttestation {
	/// The signer seconded the candidate (signed [`CompactStatement::Seconded`]).
	#[codec(index = 1)]
	Implicit(ValidatorSignature),
	/// The signer found the candidate valid (signed [`CompactStatement::Valid`]).
	#[codec(index = 2)]
	Explicit(ValidatorSignature),
}

impl ValidityAttestation {
	/// The statement the signature is of.
	pub fn statement(&self, candidate: CandidateHash) -> CompactStatement {
		match self {
			Self::Implicit(_) => CompactStatement::Seconded(candidate),
			Self::Explicit(_) => CompactStatement::Valid(candidate),
		}
	}

	/// The signature.
	pub fn signature(&self) -> &ValidatorSignature {
		match self {
			Self::Implicit(signature) | Self::Explicit(signature) => signature,
		}
	}

	/// Whether this is `validator`'s vote for `candidate` in `context`.
	pub fn verify(
		&self,
		validator: &ValidatorId,
		candidate: CandidateHash,
		context: &SigningContext,
	) -> bool {
		check_statement_signature(validator, &self.statement(candidate), context, self.signature())
	}
}

/// A candidate with the votes of its backing group.
///
/// Bit `i` of `validator_indices` is set if the `i`-th member of the group assigned to the
/// candidate's core voted; `validity_votes` holds those votes in the order of the set bits. The
/// bitfield is exactly as long as the group, or 8 bits longer: then the last 8 bits (least
/// significant first) are the core index, which must equal the descriptor's.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct BackedCandidate {
	/// The candidate.
	pub candidate: CommittedCandidateReceipt,
	/// The votes, in the order of the set bits of `validator_indices`.
	pub validity_votes: Vec<ValidityAttestation>,
	/// Which members of the group voted.
	pub validator_indices: BitVec<u8, Lsb0>,
}

/// Why the voters of a backed candidate cannot be read against its group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackingBitfieldError {
	/// The bitfield is neither as long as the group nor 8 bits longer.
	WrongLength,
	/// The appended core index is not the descriptor's.
	CoreIndexMismatch,
	/// Not as many votes as set bits.
	VoteCountMismatch,
}

impl BackedCandidate {
	/// The candidate hash.
	pub fn hash(&self) -> CandidateHash {
		self.candidate.hash()
	}

	/// A backed candidate with the votes of `group`'s members (votes of others are left out)
	/// and the descriptor's core index appended, as Polkadot's backers make one.
	pub fn from_votes(
		candidate: CommittedCandidateReceipt,
		group: &[ValidatorIndex],
		votes: &BTreeMap<ValidatorIndex, ValidityAttestation>,
	) -> Self {
		let mut validator_indices = BitVec::<u8, Lsb0>::repeat(false, group.len());
		let mut validity_votes = Vec::new();
		for (position, member) in group.iter().enumerate() {
			if let Some(vote) = votes.get(member) {
				if let Some(mut bit) = validator_indices.get_mut(position) {
					*bit = true;
				}
				validity_votes.push(vote.clone());
			}
		}
		let mut backed = Self { candidate, validity_votes, validator_indices };
		backed.inject_core_index();
		backed
	}

	/// Appends the descriptor's core index to the bitfield, as Polkadot's backers do with
	/// elastic scaling.
	pub fn inject_core_index(&mut self) {
		let core = self.candidate.descriptor.core_index;
		for bit in 0..INJECTED_CORE_INDEX_BITS {
			self.validator_indices.push((core >> bit) & 1 == 1);
		}
	}

	/// The number of votes.
	pub fn vote_count(&self) -> usize {
		self.validity_votes.len()
	}

	/// The votes with their signers, given the backing group of the candidate's core (in the
	/// session's validator indices).
	pub fn votes_of_group(
		&self,
		group: &[ValidatorIndex],
	) -> Result<Vec<(ValidatorIndex, &ValidityAttestation)>, BackingBitfieldError> {
		let len = self.validator_indices.len();
		let voters = if len == group.len() {
			&self.validator_indices[..]
		} else if len == group.len().saturating_add(INJECTED_CORE_INDEX_BITS) {
			let (voters, core_bits) = self.validator_indices.split_at(group.len());
			let injected = core_bits.iter().enumerate().fold(0u16, |core, (bit, set)| {
				if *set {
					core | (1 << bit)
				} else {
					core
				}
			});
			if injected != self.candidate.descriptor.core_index {
				return Err(BackingBitfieldError::CoreIndexMismatch);
			}
			voters
		} else {
			return Err(BackingBitfieldError::WrongLength);
		};
		if voters.count_ones() != self.validity_votes.len() {
			return Err(BackingBitfieldError::VoteCountMismatch);
		}
		// `voters` is as long as `group`, so every position has a member.
		Ok(voters
			.iter_ones()
			.filter_map(|position| group.get(position).copied())
			.zip(self.validity_votes.iter())
			.collect())
	}
}
