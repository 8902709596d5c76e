//! # Relay primitives
//!
//! The types every part of the relay chain agrees on (node, runtime and pallets): the block and
//! header types, account, balance and nonce types, the time and currency units that every tunable is
//! written in, the para types ([`paras`]), the parachain candidate types and the validation-function
//! ABI ([`candidate`]), Polkadot's collator protocol ([`collator_protocol`]), our own protocol
//! among validators ([`network`]), the glue traits between pallets ([`traits`]), and the types
//! of Polkadot's `ParachainHost` runtime API ([`host`]).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::panic
	)
)]

extern crate alloc;

pub mod candidate;
pub mod collator_protocol;
pub mod constants;
#[cfg(test)]
mod fixture_checks;
pub mod holds;
pub mod host;
pub mod network;
pub mod paras;
pub mod traits;

pub use candidate::{
	check_validity_vote, signing_payload, BackedCandidate, BlockData, CandidateCommitments,
	CandidateDescriptor, CandidateHash, CandidateReceipt, CommittedCandidateReceipt,
	CompactStatement, CoreIndex, DescriptorFields, GroupIndex, ParachainsInherentData,
	PersistedValidationData, PoV, SigningContext, ValidationParams, ValidationResult, ValidatorId,
	ValidatorIndex, ValidatorPair, ValidatorSignature, ValidityAttestation,
	PARACHAINS_INHERENT_IDENTIFIER,
};
pub use paras::{
	HeadData, LeasePeriodIndex, ParaId, ParaKind, ParaLifecycle, ValidationCode,
	ValidationCodeHash, MAX_CANDIDATE_DEPTH,
};

use sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature, OpaqueExtrinsic,
};

/// Block number: 32 bits give 800 years of 6-second blocks.
pub type BlockNumber = u32;

/// The signature scheme accounts sign with (sr25519, ed25519 or ecdsa).
pub type Signature = MultiSignature;

/// An account identifier: the 32-byte public key (or its hash, for ecdsa) behind a signature.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// How accounts are addressed in calls (`MultiAddress::Id` is what wallets send).
pub type Address = MultiAddress<AccountId, ()>;

/// A balance, in plancks (the smallest unit; see [`constants::currency`]).
pub type Balance = u128;

/// The index of a transaction in its sender's sequence.
pub type Nonce = u32;

/// The hash type of blocks and storage.
pub type Hash = sp_core::H256;

/// The hashing algorithm of blocks and storage.
pub type Hashing = BlakeTwo256;

/// Moments, in milliseconds since the Unix epoch.
pub type Moment = u64;

/// The block header.
pub type Header = generic::Header<BlockNumber, Hashing>;

/// A block whose extrinsics the node does not decode (what the client side works with).
pub type Block = generic::Block<Header, OpaqueExtrinsic>;

/// The identifier of a block: its hash or its number.
pub type BlockId = generic::BlockId<Block>;
