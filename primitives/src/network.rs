//! Our own protocol among validators, and the collator key. Collators and validators speak
//! Polkadot's collator protocol ([`crate::collator_protocol`]); validators also speak this
//! chain's own protocol among themselves. Every message is SCALE-encoded; every enum variant
//! has a fixed index, so the encoding is stable.
//!
//! ## Protocols
//!
//! Names start with the genesis hash in hex, as the node's other protocols, so nodes of
//! different chains never talk. These are not Polkadot's names (`validation/3`, `req_pov/1`):
//! the messages are this chain's own, and a Polkadot peer must never try to read them as its
//! own. The candidate types they carry are Polkadot's ([`crate::candidate`]).
//!
//! | protocol | kind | who | messages |
//! |---|---|---|---|
//! | `relay-validation/1` | notifications | validators ↔ validators | [`ValidationMessage`] |
//! | `relay-req-pov/1` | request-response | validator → validator of the same group | [`PovFetchRequest`] → [`PovFetchResponse`] |
//!
//! ## Identities
//!
//! A validator's network identity (its libp2p `PeerId`) is bound to its `para_validator` key by
//! a signature over the `PeerId`'s bytes, sent as the first message on the stream:
//! `ValidatorHello` (its key, the session, and its signature of
//! [`validator_hello_payload`]`(session, its PeerId)`). The receiver checks the signature
//! against the `PeerId` of the connection it came on, so a hello cannot be replayed by another
//! peer, and that the key is an active validator of that session. (A collator's identity is its
//! `Declare` on `collation/2`; a validator's, to collators, comes from authority discovery.)
//!
//! ## A candidate's way
//!
//! 1. The collator builds a collation on relay block `R` and advertises it on `collation/2` to
//!    the validators of the group that backs its core.
//! 2. A validator of that group fetches it (`req_collation/2`), checks it, runs the para's code
//!    in the PVF host, signs `Seconded(candidate hash)` (a backing vote), tells the collator
//!    (`CollationSeconded`) and shares the receipt with its group ([`ValidationMessage::Seconded`]).
//! 3. The other validators of the group fetch the PoV from it ([`PovFetchRequest`]), validate,
//!    and send their own votes, `Valid(candidate hash)` ([`ValidationMessage::Valid`]).
//! 4. With enough votes, any of them makes a `BackedCandidate` and sends it to every validator
//!    ([`ValidationMessage::Backed`]); the next block's author puts it in
//!    `paraInclusion.enter`, whose checks are final.

use crate::{
	BackedCandidate, CandidateHash, CommittedCandidateReceipt, Hash, PoV, ValidatorId,
	ValidatorIndex, ValidatorSignature,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_core::crypto::KeyTypeId;

/// The key type of a collator's key in the keystore: `coll`.
pub const COLLATOR_KEY_TYPE: KeyTypeId = KeyTypeId(*b"coll");

/// The magic in front of a validator's hello.
pub const VALIDATOR_HELLO_MAGIC: [u8; 4] = *b"VHLO";

/// A collator's key (sr25519, key type `coll`).
pub mod collator {
	use sp_runtime::app_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, super::COLLATOR_KEY_TYPE);
}

/// A collator's public key.
pub type CollatorId = collator::Public;
/// A signature by a [`CollatorId`] key.
pub type CollatorSignature = collator::Signature;
/// A collator key pair.
#[cfg(feature = "std")]
pub type CollatorPair = collator::Pair;

/// The bytes a validator signs to say hello on the connection of `peer_id` in `session`:
/// `b"VHLO" ++ SCALE(session) ++ peer_id`.
pub fn validator_hello_payload(session: u32, peer_id: &[u8]) -> Vec<u8> {
	let mut bytes = Vec::with_capacity(8usize.saturating_add(peer_id.len()));
	bytes.extend_from_slice(&VALIDATOR_HELLO_MAGIC);
	session.encode_to(&mut bytes);
	bytes.extend_from_slice(peer_id);
	bytes
}

/// A validator's signed hello: who it is in which session.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ValidatorHello {
	/// Its `para_validator` key.
	pub validator: ValidatorId,
	/// The session it speaks for.
	pub session: u32,
	/// Its signature of [`validator_hello_payload`]`(session, its PeerId)`.
	pub signature: ValidatorSignature,
}

/// Messages of the `relay-validation/1` protocol (validators only).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum ValidationMessage {
	/// A validator says who it is (its first message).
	#[codec(index = 0)]
	ValidatorHello(ValidatorHello),
	/// A validator of the backing group checked a collation and votes for it; the group's other
	/// members fetch the PoV from it ([`PovFetchRequest`]) and check it too.
	#[codec(index = 1)]
	Seconded {
		/// The relay parent of the candidate.
		relay_parent: Hash,
		/// The candidate.
		receipt: CommittedCandidateReceipt,
		/// The validator's index in the session.
		validator_index: ValidatorIndex,
		/// Its signature of `Seconded(candidate hash)` (an implicit backing vote).
		signature: ValidatorSignature,
	},
	/// A validator of the backing group votes for a candidate it checked.
	#[codec(index = 2)]
	Valid {
		/// The relay parent of the candidate.
		relay_parent: Hash,
		/// The candidate hash.
		candidate_hash: CandidateHash,
		/// The validator's index in the session.
		validator_index: ValidatorIndex,
		/// Its signature of `Valid(candidate_hash)`.
		signature: ValidatorSignature,
	},
	/// A candidate with enough votes, for the next block's author.
	#[codec(index = 3)]
	Backed(BackedCandidate),
}

/// Fetch the PoV of a candidate from the validator that seconded it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct PovFetchRequest {
	/// The relay parent of the candidate.
	pub relay_parent: Hash,
	/// The candidate hash.
	pub candidate_hash: CandidateHash,
}

/// The answer to a [`PovFetchRequest`].
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum PovFetchResponse {
	/// The PoV.
	#[codec(index = 0)]
	Pov(PoV),
	/// The validator does not have it.
	#[codec(index = 1)]
	NoSuchPov,
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{CandidateHash, ValidatorPair};
	use sp_core::Pair;
	use sp_runtime::RuntimeAppPublic;

	#[test]
	fn a_declaration_verifies_only_for_the_peer_that_signed_it() {
		use crate::collator_protocol::declare_payload;
		let pair = CollatorPair::from_seed(&[7; 32]);
		let (me, other) = (b"peer-one".to_vec(), b"peer-two".to_vec());
		let signature = pair.sign(&declare_payload(&me));
		assert!(pair.public().verify(&declare_payload(&me), &signature));
		assert!(!pair.public().verify(&declare_payload(&other), &signature));
		assert_eq!(&declare_payload(&me)[me.len()..], b"COLL");
	}

	#[test]
	fn a_hello_verifies_only_for_its_peer_and_session() {
		let pair = ValidatorPair::from_seed(&[8; 32]);
		let peer = b"peer".to_vec();
		let signature = pair.sign(&validator_hello_payload(3, &peer));
		assert!(pair.public().verify(&validator_hello_payload(3, &peer), &signature));
		assert!(!pair.public().verify(&validator_hello_payload(4, &peer), &signature));
		assert!(!pair.public().verify(&validator_hello_payload(3, b"other"), &signature));
		// A hello is not a declaration, nor a backing vote.
		let declaration = crate::collator_protocol::declare_payload(&peer);
		assert!(!pair.public().verify(&declaration, &signature));
		assert!(!crate::check_validity_vote(
			&pair.public(),
			&CandidateHash::default(),
			&crate::SigningContext { session_index: 3, parent_hash: Hash::zero() },
			&signature
		));
	}

	#[test]
	fn messages_keep_their_indices() {
		let valid = ValidationMessage::Valid {
			relay_parent: Hash::repeat_byte(1),
			candidate_hash: CandidateHash(Hash::repeat_byte(2)),
			validator_index: ValidatorIndex(3),
			signature: ValidatorSignature::from(sp_core::sr25519::Signature::from_raw([4; 64])),
		};
		assert_eq!(valid.encode()[0], 2);
		assert_eq!(PovFetchResponse::NoSuchPov.encode(), vec![1]);
		let decoded = ValidationMessage::decode(&mut &valid.encode()[..]).expect("decodes");
		assert_eq!(decoded, valid);
	}
}
