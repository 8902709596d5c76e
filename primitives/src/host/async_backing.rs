//! Asynchronous backing: the constraints a para's next candidate must meet, the candidates of the
//! para still waiting for availability, the code-upgrade signals, and what the chain remembers of
//! an allowed relay parent.

use crate::{
	candidate::{CandidateCommitments, CandidateDescriptor, CandidateHash},
	paras::{HeadData, ParaId, ValidationCodeHash},
	BlockNumber, Hash,
};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Why a para may not upgrade its code now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum UpgradeRestriction {
	/// An upgrade is not allowed (for instance during the cooldown after the last one); how long
	/// the restriction lasts is not said.
	#[codec(index = 0)]
	Present,
}

/// The relay chain's answer to a para's scheduled code upgrade, at the end of the upgrade
/// process.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum UpgradeGoAhead {
	/// The upgrade is called off (the code failed pre-checking, or governance stopped it); the
	/// para drops it and may try again.
	#[codec(index = 0)]
	Abort,
	/// The upgrade happens: blocks built on relay parents after the one where the para saw this
	/// signal use the new code.
	#[codec(index = 1)]
	GoAhead,
}

/// The limits of a para's inbound HRMP channels.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct InboundHrmpLimitations {
	/// Every HRMP watermark a candidate may set, ascending: the relay-chain block numbers at which
	/// messages were sent to the para (the latest head excluded).
	pub valid_watermarks: Vec<BlockNumber>,
}

/// The room left in one of a para's outbound HRMP channels.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct OutboundHrmpChannelLimitations {
	/// The bytes that may still be written to the channel.
	pub bytes_remaining: u32,
	/// The messages that may still be written to the channel.
	pub messages_remaining: u32,
}

/// What a para's next candidate must satisfy, as of a relay-chain block.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct Constraints {
	/// The lowest relay-parent number a candidate may have.
	pub min_relay_parent_number: BlockNumber,
	/// The largest proof of validity, in bytes.
	pub max_pov_size: u32,
	/// The largest new validation code, in bytes.
	pub max_code_size: u32,
	/// The largest head, in bytes.
	pub max_head_data_size: u32,
	/// The upward messages the para may still queue.
	pub ump_remaining: u32,
	/// The bytes of upward messages the para may still queue.
	pub ump_remaining_bytes: u32,
	/// The most upward messages one candidate may send.
	pub max_ump_num_per_candidate: u32,
	/// The send times (relay-chain block numbers) of the downward messages waiting in the queue.
	pub dmp_remaining_messages: Vec<BlockNumber>,
	/// The limits of the inbound HRMP channels.
	pub hrmp_inbound: InboundHrmpLimitations,
	/// The room left in each outbound HRMP channel, by recipient.
	pub hrmp_channels_out: Vec<(ParaId, OutboundHrmpChannelLimitations)>,
	/// The most HRMP messages one candidate may send.
	pub max_hrmp_num_per_candidate: u32,
	/// The head the next candidate must build on.
	pub required_parent: HeadData,
	/// The hash of the code the next candidate must be validated with.
	pub validation_code_hash: ValidationCodeHash,
	/// Whether the para may not upgrade its code now.
	pub upgrade_restriction: Option<UpgradeRestriction>,
	/// A scheduled code upgrade: the lowest relay-parent number from which it applies, and the
	/// hash of the new code.
	pub future_validation_code: Option<(BlockNumber, ValidationCodeHash)>,
}

/// A candidate of the para that is backed but not yet available.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct CandidatePendingAvailability {
	/// The candidate's hash.
	pub candidate_hash: CandidateHash,
	/// The candidate's descriptor.
	pub descriptor: CandidateDescriptor,
	/// The candidate's commitments.
	pub commitments: CandidateCommitments,
	/// The number of the candidate's relay parent.
	pub relay_parent_number: BlockNumber,
	/// The largest proof of validity the candidate could have, in bytes.
	pub max_pov_size: u32,
}

/// A para's backing state: the constraints on the candidate after those pending availability,
/// and those candidates.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct BackingState {
	/// The constraints (the first pending candidate builds on their `required_parent`).
	pub constraints: Constraints,
	/// The candidates pending availability, in chain order: each builds on the head of the one
	/// before.
	pub pending_availability: Vec<CandidatePendingAvailability>,
}

/// What the relay chain remembers of an allowed relay parent.
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
pub struct RelayParentInfo {
	/// The relay parent's number.
	pub number: BlockNumber,
	/// The relay parent's state root.
	pub state_root: Hash,
}
