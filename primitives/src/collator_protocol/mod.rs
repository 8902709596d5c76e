//! Polkadot's collator protocol on the wire (`collation/2`, `req_collation/2`), in our own types:
//! what a Cumulus collator and our validators say to each other. Every type encodes byte for
//! byte as Polkadot's at stable2609 (`polkadot-node-network-protocol` 36, `polkadot-node-
//! primitives`; see `fixtures.rs`).
//!
//! | protocol | kind | messages |
//! |---|---|---|
//! | `/<genesis>/collation/2` | notifications | [`WireMessage`]`<`[`CollationProtocol`]`>` |
//! | `/<genesis>/req_collation/2` | request-response | [`CollationFetchingRequest`] → [`CollationFetchingResponse`] |
//!
//! Every notification is framed by the network bridge's [`WireMessage`]: a protocol message, or
//! the sender's [`View`] (its active leaves and finalized number). A validator tells each
//! collator its view when the stream opens and whenever its leaves change; a collator
//! advertises only collations whose relay parent is in the validator's view.
//!
//! 1. The collator declares itself: [`CollatorProtocolMessage::Declare`] with its collator key,
//!    its para and its signature of [`declare_payload`]`(its PeerId)`.
//! 2. It advertises a collation ([`CollatorProtocolMessage::AdvertiseCollation`]).
//! 3. A validator of the backing group fetches it ([`CollationFetchingRequest`]): the receipt
//!    (without commitments: the validator gets those by running the code) and the PoV.
//! 4. Having checked it, the validator tells the collator
//!    ([`CollatorProtocolMessage::CollationSeconded`]) with its signed `Seconded` statement.

#[cfg(test)]
mod fixtures;

use crate::{
	network::{CollatorId, CollatorSignature},
	BlockNumber, CandidateHash, CandidateReceipt, CommittedCandidateReceipt, CompactStatement,
	Hash, HeadData, ParaId, PoV, ValidatorIndex, ValidatorSignature,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;

/// The notification protocol's name after the genesis hash.
pub const COLLATION_PROTOCOL: &str = "collation/2";

/// The request protocol's name after the genesis hash.
pub const REQ_COLLATION_PROTOCOL: &str = "req_collation/2";

/// The most heads a view may name (Polkadot's network bridge counts a longer view as
/// malformed).
pub const MAX_VIEW_HEADS: usize = 5;

/// What a collator appends to its `PeerId` before signing it in a declaration.
pub const DECLARE_SUFFIX: [u8; 4] = *b"COLL";

/// The bytes a collator signs to declare itself on the connection of `peer_id`:
/// `peer_id ++ b"COLL"` (Polkadot's `declare_signature_payload`).
pub fn declare_payload(peer_id: &[u8]) -> Vec<u8> {
	let mut bytes = Vec::with_capacity(peer_id.len().saturating_add(DECLARE_SUFFIX.len()));
	bytes.extend_from_slice(peer_id);
	bytes.extend_from_slice(&DECLARE_SUFFIX);
	bytes
}

/// A node's view of the relay chain: the heads it builds on (sorted, at most
/// [`MAX_VIEW_HEADS`]) and its newest finalized block number.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct View {
	/// The active leaves, sorted.
	pub heads: Vec<Hash>,
	/// The newest finalized block number.
	pub finalized_number: BlockNumber,
}

impl View {
	/// A view of `heads` (sorted and without duplicates here; the newest
	/// [`MAX_VIEW_HEADS`] by the caller's order are kept) and `finalized_number`.
	pub fn new(heads: impl IntoIterator<Item = Hash>, finalized_number: BlockNumber) -> Self {
		let mut heads: Vec<Hash> = heads.into_iter().take(MAX_VIEW_HEADS).collect();
		heads.sort();
		heads.dedup();
		Self { heads, finalized_number }
	}

	/// Whether `hash` is one of the view's heads.
	pub fn contains(&self, hash: &Hash) -> bool {
		self.heads.binary_search(hash).is_ok()
	}

	/// Whether the view is one a peer may send: not empty, at most [`MAX_VIEW_HEADS`] heads,
	/// sorted without duplicates.
	pub fn is_well_formed(&self) -> bool {
		!self.heads.is_empty()
			&& self.heads.len() <= MAX_VIEW_HEADS
			&& self.heads.windows(2).all(|pair| matches!(pair, [a, b] if a < b))
	}
}

/// The network bridge's framing of every notification (Polkadot's `WireMessage`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum WireMessage<M> {
	/// A message of the protocol.
	#[codec(index = 1)]
	ProtocolMessage(M),
	/// The sender's new view.
	#[codec(index = 2)]
	ViewUpdate(View),
}

/// Everything on the `collation/2` peer set.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum CollationProtocol {
	/// A collator protocol message.
	#[codec(index = 0)]
	CollatorProtocol(CollatorProtocolMessage),
}

/// The collator protocol's messages (v2).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum CollatorProtocolMessage {
	/// A collator declares itself: its key, its para, and its signature of
	/// [`declare_payload`]`(its PeerId)`.
	#[codec(index = 0)]
	Declare(CollatorId, ParaId, CollatorSignature),
	/// A collator has a collation (fetch it with [`CollationFetchingRequest`]).
	#[codec(index = 1)]
	AdvertiseCollation {
		/// The relay-chain block it builds on.
		relay_parent: Hash,
		/// Its candidate hash.
		candidate_hash: CandidateHash,
		/// BLAKE2-256 of the parent head it builds on.
		parent_head_data_hash: Hash,
	},
	/// A validator seconded the collator's candidate (at this relay parent).
	#[codec(index = 4)]
	CollationSeconded(Hash, SignedStatement),
}

/// A backing statement with its full candidate (Polkadot's `Statement`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum Statement {
	/// The validator seconds this candidate: it checked it and is the first of its group to.
	#[codec(index = 1)]
	Seconded(CommittedCandidateReceipt),
	/// The validator checked the candidate with this hash and finds it valid.
	#[codec(index = 2)]
	Valid(CandidateHash),
}

impl Statement {
	/// The compact statement the signature covers.
	pub fn to_compact(&self) -> CompactStatement {
		match self {
			Self::Seconded(receipt) => CompactStatement::Seconded(receipt.hash()),
			Self::Valid(hash) => CompactStatement::Valid(*hash),
		}
	}

	/// The hash of the candidate the statement is about.
	pub fn candidate_hash(&self) -> CandidateHash {
		match self {
			Self::Seconded(receipt) => receipt.hash(),
			Self::Valid(hash) => *hash,
		}
	}
}

/// A statement signed by a validator, unchecked (Polkadot's `UncheckedSignedFullStatement`):
/// the signature covers `signing_payload(statement.to_compact(), context)`.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct SignedStatement {
	/// The statement.
	pub payload: Statement,
	/// The signer's index in the session's validators.
	pub validator_index: ValidatorIndex,
	/// The signature.
	pub signature: ValidatorSignature,
}

/// Fetch an advertised collation (`req_collation/2`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct CollationFetchingRequest {
	/// The relay parent it builds on.
	pub relay_parent: Hash,
	/// The para.
	pub para_id: ParaId,
	/// The advertised candidate hash.
	pub candidate_hash: CandidateHash,
}

/// A collator's answer to a [`CollationFetchingRequest`] (an error status on the request
/// protocol when it has none).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum CollationFetchingResponse {
	/// The collation: the receipt (its commitments hash only) and the PoV.
	#[codec(index = 0)]
	Collation(CandidateReceipt, PoV),
	/// The same with the parent head (for building on a candidate not yet included).
	#[codec(index = 1)]
	CollationWithParentHeadData {
		/// The receipt.
		receipt: CandidateReceipt,
		/// The proof of validity.
		pov: PoV,
		/// The head the candidate builds on.
		parent_head_data: HeadData,
	},
}
