//! Parachain candidates: what a collator produces, what validators check and sign, and the ABI of
//! a para's validation function.
//!
//! Every type here that leaves the node (candidate receipts and their descriptor and commitments,
//! backed candidates and their attestations, statements and their signing payloads, persisted
//! validation data, the validation function's params and result, UMP signals) encodes byte for
//! byte as Polkadot's at polkadot-sdk stable2609 (`polkadot-primitives` 26, V2 descriptors); the
//! fixture tests in `fixtures.rs` check both ways against Polkadot's own types.
//!
//! ## Overview
//!
//! A collator builds a para block on a relay-chain block (the *relay parent*) and hands the backing
//! group of the para's core a [`CommittedCandidateReceipt`] and the [`PoV`] (the block data). Each
//! validator of the group re-executes the block with the para's validation code (see
//! [The validation function](#the-validation-function)) and, if it is valid, signs
//! [`CompactStatement::Valid`] for the [`CandidateHash`]. Enough signatures make a
//! [`BackedCandidate`], which the relay chain includes.
//!
//! | Type | What it is | Hash |
//! |---|---|---|
//! | [`CandidateDescriptor`] | the fixed-size header of a candidate (Polkadot's V2): para, relay parent, core, session, hashes of its inputs and of its new head | |
//! | [`CandidateCommitments`] | the outputs of the validation function: messages, new head, optional new code, HRMP watermark | [`CandidateCommitments::hash`] |
//! | [`CandidateReceipt`] | descriptor + commitments hash | [`CandidateReceipt::hash`] = the [`CandidateHash`] |
//! | [`CommittedCandidateReceipt`] | descriptor + full commitments | same [`CandidateHash`] as its plain receipt |
//! | [`PersistedValidationData`] | the inputs the relay chain fixes at the relay parent | [`PersistedValidationData::hash`] |
//! | [`PoV`] | the block data the collator supplies | [`PoV::hash`] |
//! | [`BackedCandidate`] | a committed receipt with the backing group's attestations | |
//!
//! Every hash is BLAKE2-256 of the SCALE encoding, except the head hash in
//! [`CandidateDescriptor::para_head`], which is [`HeadData::hash`] (BLAKE2-256 of the raw head
//! bytes, as everywhere else in the chain).
//!
//! ## Checking a candidate
//!
//! Given a [`CommittedCandidateReceipt`], the [`PoV`], the [`PersistedValidationData`] the relay
//! chain fixes for the para at the relay parent, and the para's current [`ValidationCode`], a
//! validator accepts the candidate only if all of these hold:
//!
//! 1. the descriptor is V2 ([`CandidateDescriptor::check_v2`]) and its session is the session of
//!    the block after the relay parent;
//! 2. `descriptor.persisted_validation_data_hash == pvd.hash()`;
//! 3. `descriptor.pov_hash == pov.hash()` and `pov.encoded_size() <= pvd.max_pov_size`;
//! 4. `descriptor.validation_code_hash == code.hash()`;
//! 5. the validation function, run on [`ValidationParams::new`]`(pvd, pov)`, returns a
//!    [`ValidationResult`];
//! 6. `descriptor.para_head == result.head_data.hash()` and the receipt's commitments equal
//!    [`CandidateCommitments::from`]`(result)`;
//! 7. the commitments pass [`CandidateCommitments::check_without_messaging`] (until the chain has
//!    message queues: no messages, the watermark at the relay parent's number, well-formed UMP
//!    signals) and a `SelectCore` signal picks the descriptor's core ([`check_core_index`]).
//!
//! The erasure root is not checked: the chain has no availability layer yet.
//!
//! It then signs [`signing_payload`]`(&CompactStatement::Valid(hash), &context)` with its
//! [`ValidatorId`] key, where the context is the session and the relay parent. The relay chain
//! checks each attestation with [`ValidityAttestation::verify`].
//!
//! ## Votes and replay
//!
//! A vote is an sr25519 signature, under the validator's `para` session key ([`ValidatorId`]), of
//! the 73 bytes Polkadot signs
//!
//! ```text
//! 42 4b 4e 47        b"BKNG" (BACKING_STATEMENT_MAGIC)
//! 02 <32 bytes>      the statement: 01 Seconded, 02 Valid; the candidate hash
//! <4 bytes>          the session index, u32 little-endian
//! <32 bytes>         the relay parent's hash
//! ```
//!
//! Because the candidate hash, the session and the relay parent are in the signed bytes, a vote
//! cannot be replayed for another candidate, in another session (where the same key may sit at
//! another validator index, in another backing group) or at another relay parent. The magic
//! prefix keeps a vote from being mistaken for any other message signed with the same key. A
//! [`BackedCandidate`] carries each vote as a [`ValidityAttestation`]: `Implicit` for a signed
//! `Seconded`, `Explicit` for a signed `Valid`; its voters are a bitfield over the backing group,
//! followed by 8 bits of the core index.
//!
//! ## The validation function
//!
//! A para's [`ValidationCode`] is a WebAssembly 1.0 (core) module; a code blob that starts with
//! [`COMPRESSED_WASM_MAGIC`](crate::paras::COMPRESSED_WASM_MAGIC) is decompressed first, to at
//! most the chain's maximum code size. The module
//!
//! - has **no imports** (it is a pure function of its input; it cannot call the host);
//! - **exports its memory** as `memory` ([`MEMORY_EXPORT`]);
//! - exports `alloc(len: i32) -> i32` ([`ALLOC_EXPORT`]), returning the address of `len` bytes the
//!   module has set aside for the host to write the input into;
//! - exports `validate_block(params_ptr: i32, params_len: i32) -> i64` ([`VALIDATE_BLOCK_EXPORT`]).
//!
//! WebAssembly has no unsigned types: every pointer and length is a `u32` passed in the bits of
//! an `i32`, and the result is a `u64` returned in the bits of an `i64`. A validator runs one
//! candidate in a fresh instance:
//!
//! 1. instantiate the module (its start function, if any, runs);
//! 2. `ptr = alloc(len)`, where `len` is the length of the SCALE-encoded [`ValidationParams`];
//! 3. write the encoded params to `memory[ptr .. ptr + len]`;
//! 4. `packed = validate_block(ptr, len)`;
//! 5. read `memory[result_ptr .. result_ptr + result_len]` where `(result_ptr, result_len) =`
//!    [`decode_result_location`]`(packed)`: the low 32 bits are the pointer, the high 32 bits the
//!    length ([`encode_result_location`] builds it on the module's side);
//! 6. decode those bytes as a [`ValidationResult`], consuming all of them.
//!
//! The candidate is **invalid** if any step fails:
//!
//! - the code does not decompress (within the size limit), is not a valid module, has an import,
//!   or lacks one of the three exports (or one has another type);
//! - the start function, `alloc` or `validate_block` traps (`unreachable`, out-of-bounds access,
//!   stack exhaustion, division by zero, …); `unreachable` is how a module rejects a block;
//! - execution exceeds the validator's limits (time, memory pages, stack depth), which are set
//!   well above what honest blocks need;
//! - `ptr .. ptr + len` or `result_ptr .. result_ptr + result_len` is not inside `memory`;
//! - the result bytes are not exactly one SCALE-encoded [`ValidationResult`] (bad encoding or
//!   trailing bytes);
//! - the result's `head_data` is larger than the chain's maximum head size, or its
//!   `new_validation_code` larger than the maximum code size (`pallet-paras` configuration), or a
//!   code upgrade is not allowed for the para at this relay parent;
//! - the checks of [Checking a candidate](#checking-a-candidate) fail.
//!
//! The host writes only into the region `alloc` returned and reads only the result region, so the
//! module is free to lay out the rest of its memory as it likes. Validators must agree, so the
//! module must be deterministic; without imports the only non-determinism left in core WebAssembly
//! is the bit pattern of NaNs, which a para must not let reach its output.
//!
//! ### Encoding
//!
//! [SCALE](https://docs.substrate.io/reference/scale-codec/): fields in declaration order, no
//! padding; `u32` as 4 bytes little-endian; a hash as its 32 raw bytes; `Option<T>` as `00` (none)
//! or `01` followed by `T`; a byte vector ([`HeadData`], [`BlockData`], [`ValidationCode`]) as its
//! compact length followed by the bytes. The compact length `n` is one byte `n << 2` if
//! `n < 2^6`, two bytes little-endian `(n << 2) | 1` if `n < 2^14`, four bytes little-endian
//! `(n << 2) | 2` if `n < 2^30`, else the byte `((k - 4) << 2) | 3` followed by `n` in `k` bytes
//! little-endian (`k` as small as possible).
//!
//! ### Example
//!
//! The module's interface, in WebAssembly text format:
//!
//! ```text
//! (module
//!   (memory (export "memory") 17)
//!   (func (export "alloc") (param $len i32) (result i32) …)
//!   (func (export "validate_block")
//!     (param $params_ptr i32) (param $params_len i32) (result i64) …))
//! ```
//!
//! The params `{ parent_head: [01 02 03], block_data: [aa bb], relay_parent_number: 7,
//! relay_parent_storage_root: 0x1111…11 }` encode to 43 bytes:
//!
//! ```text
//! 0c 01 02 03        parent_head: compact length 3, then the bytes
//! 08 aa bb           block_data: compact length 2, then the bytes
//! 07 00 00 00        relay_parent_number: u32 little-endian
//! 11 11 … 11         relay_parent_storage_root: 32 bytes
//! ```
//!
//! The host calls `alloc(43)`; say it returns `0x0002_0000`. The host writes the 43 bytes there
//! and calls `validate_block(0x0002_0000, 43)`. The module writes the result `{ head_data:
//! [04 05], new_validation_code: None, upward_messages: [], horizontal_messages: [],
//! processed_downward_messages: 0, hrmp_watermark: 7 }`, encoded as the 14 bytes
//!
//! ```text
//! 08 04 05           head_data: compact length 2, then the bytes
//! 00                 new_validation_code: None
//! 00                 upward_messages: none
//! 00                 horizontal_messages: none
//! 00 00 00 00        processed_downward_messages: 0
//! 07 00 00 00        hrmp_watermark: the relay parent's number
//! ```
//!
//! at `0x0003_0000` and returns `(14 << 32) | 0x0003_0000 = 0x0000_000e_0003_0000`
//! (60 129 738 752). With `new_validation_code: Some([00 61 73 6d 01 00 00 00])` the result would
//! be `08 04 05 01 20 00 61 73 6d 01 00 00 00` followed by the same 10 bytes.

use crate::{
	paras::{HeadData, ParaId, ValidationCode, ValidationCodeHash},
	BlockNumber, Hash,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::{bytes, crypto::KeyTypeId};
use sp_runtime::{
	app_crypto::RuntimeAppPublic,
	traits::{BlakeTwo256, Hash as _},
};

/// The key type of the `para_validator` session key, which signs backing votes.
pub const PARA_VALIDATOR_KEY_TYPE: KeyTypeId = KeyTypeId(*b"para");

/// The first bytes of every signed backing statement (see [`signing_payload`]).
pub const BACKING_STATEMENT_MAGIC: [u8; 4] = *b"BKNG";

/// The name of the memory a validation code exports.
pub const MEMORY_EXPORT: &str = "memory";

/// The name of the allocator a validation code exports: `alloc(len: i32) -> i32`.
pub const ALLOC_EXPORT: &str = "alloc";

/// The name of the validation function: `validate_block(params_ptr: i32, params_len: i32) -> i64`.
pub const VALIDATE_BLOCK_EXPORT: &str = "validate_block";

/// The `para_validator` session key (sr25519): validators sign backing votes with it.
pub mod para_validator {
	use sp_runtime::app_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, super::PARA_VALIDATOR_KEY_TYPE);
}

/// A validator's `para_validator` public key.
pub type ValidatorId = para_validator::Public;

/// A signature by a [`ValidatorId`] key.
pub type ValidatorSignature = para_validator::Signature;

/// A `para_validator` key pair (the node keeps it in its keystore).
pub type ValidatorPair = para_validator::Pair;

macro_rules! index_newtype {
	($(#[$meta:meta])* $name:ident) => {
		$(#[$meta])*
		#[derive(
			Clone,
			Copy,
			Default,
			Debug,
			PartialEq,
			Eq,
			PartialOrd,
			Ord,
			Hash,
			Encode,
			Decode,
			DecodeWithMemTracking,
			MaxEncodedLen,
			TypeInfo,
			Serialize,
			Deserialize,
		)]
		pub struct $name(pub u32);

		impl From<u32> for $name {
			fn from(index: u32) -> Self {
				Self(index)
			}
		}

		impl From<$name> for u32 {
			fn from(index: $name) -> Self {
				index.0
			}
		}
	};
}

index_newtype! {
	/// The index of an availability core: each core takes at most one candidate at a time.
	CoreIndex
}

index_newtype! {
	/// The index of a backing group in the session's list of groups.
	GroupIndex
}

index_newtype! {
	/// The index of a validator in the session's list of para validators.
	ValidatorIndex
}

/// The hash of a candidate: BLAKE2-256 of its SCALE-encoded [`CandidateReceipt`].
#[derive(
	Clone,
	Copy,
	Default,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct CandidateHash(pub Hash);

/// The outputs of the validation function that the relay chain acts on, in Polkadot's field
/// order (see [`commitments`] for the messages and signals).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct CandidateCommitments {
	/// Messages to the relay chain, then [`UMP_SEPARATOR`] and the UMP signals.
	pub upward_messages: UpwardMessages,
	/// Messages to other paras.
	pub horizontal_messages: HorizontalMessages,
	/// A new validation code, if the block upgrades it.
	pub new_validation_code: Option<ValidationCode>,
	/// The para's new head.
	pub head_data: HeadData,
	/// How many downward messages the block processed.
	pub processed_downward_messages: u32,
	/// The relay-chain block number up to which the para processed its inbound HRMP messages.
	pub hrmp_watermark: BlockNumber,
}

/// A candidate with its commitments reduced to their hash: what identifies a candidate.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct CandidateReceipt {
	/// The descriptor.
	pub descriptor: CandidateDescriptor,
	/// [`CandidateCommitments::hash`] of the commitments.
	pub commitments_hash: Hash,
}

impl CandidateReceipt {
	/// The candidate hash: BLAKE2-256 of the SCALE encoding of the receipt.
	pub fn hash(&self) -> CandidateHash {
		CandidateHash(BlakeTwo256::hash_of(self))
	}
}

/// A candidate with its full commitments: what a collator sends and a backed candidate carries.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct CommittedCandidateReceipt {
	/// The descriptor.
	pub descriptor: CandidateDescriptor,
	/// The commitments.
	pub commitments: CandidateCommitments,
}

impl CommittedCandidateReceipt {
	/// The plain receipt: the same descriptor and the hash of the commitments.
	pub fn to_plain(&self) -> CandidateReceipt {
		CandidateReceipt {
			descriptor: self.descriptor.clone(),
			commitments_hash: self.commitments.hash(),
		}
	}

	/// The candidate hash, equal to that of [`Self::to_plain`].
	pub fn hash(&self) -> CandidateHash {
		self.to_plain().hash()
	}
}

/// The validation inputs the relay chain fixes for a para at a relay parent, and the limit on the
/// block data. A candidate commits to them by hash.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct PersistedValidationData {
	/// The para's head at the relay parent (the head the candidate builds on).
	pub parent_head: HeadData,
	/// The number of the relay parent.
	pub relay_parent_number: BlockNumber,
	/// The state root of the relay parent.
	pub relay_parent_storage_root: Hash,
	/// The largest SCALE-encoded [`PoV`] the candidate may have, in bytes.
	pub max_pov_size: u32,
}

impl PersistedValidationData {
	/// BLAKE2-256 of the SCALE encoding (what
	/// [`CandidateDescriptor::persisted_validation_data_hash`] holds).
	pub fn hash(&self) -> Hash {
		BlakeTwo256::hash_of(self)
	}
}

/// A para block's data, opaque to the relay chain: only the para's validation code reads it.
#[derive(
	Clone,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct BlockData(#[serde(with = "bytes")] pub Vec<u8>);

impl core::fmt::Debug for BlockData {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "BlockData({} bytes)", self.0.len())
	}
}

impl From<Vec<u8>> for BlockData {
	fn from(bytes: Vec<u8>) -> Self {
		Self(bytes)
	}
}

/// The proof of validity: everything a validator needs besides the relay-chain state to check a
/// candidate.
#[derive(
	Clone,
	Debug,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct PoV {
	/// The block data.
	pub block_data: BlockData,
}

impl PoV {
	/// BLAKE2-256 of the SCALE encoding (what [`CandidateDescriptor::pov_hash`] holds).
	pub fn hash(&self) -> Hash {
		BlakeTwo256::hash_of(self)
	}
}

/// The identifier of the inherent data that carries a block's backed candidates and its parent's
/// header (a SCALE-encoded [`ParachainsInherentData`]): the node provides it, the runtime's
/// inclusion pallet reads it. Polkadot's identifier.
pub const PARACHAINS_INHERENT_IDENTIFIER: [u8; 8] = *b"parachn0";

/// The parachains inherent data: the backed candidates the block author offers, and the header
/// of the block's parent, whose state root is the storage root that candidates built on the
/// parent commit to (the runtime cannot read a header's state root otherwise). Polkadot's
/// inherent carries the same header; its availability bitfields and disputes have no place here
/// until the chain has those.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ParachainsInherentData {
	/// The backed candidates.
	pub backed_candidates: Vec<BackedCandidate>,
	/// The header of the parent block (its hash must be the block's parent hash).
	pub parent_header: crate::Header,
}

mod backed;
pub mod commitments;
mod descriptor;
#[cfg(test)]
mod fixtures;
mod statement;
#[cfg(test)]
pub(crate) mod tests;
mod validation;

pub use backed::*;
pub use commitments::{
	check_core_index, ClaimQueueOffset, CommitmentsError, CoreSelector, HorizontalMessages,
	OutboundHrmpMessage, UmpSignal, UmpSignals, UpwardMessage, UpwardMessages, UMP_SEPARATOR,
};
pub use descriptor::*;
pub use statement::*;
pub use validation::*;
