//! Parameters of the host configuration that the API hands out, and the abridged configuration
//! and HRMP channel that parachains read from relay-chain state proofs.

use crate::{BlockNumber, Hash};
use bitvec::{order::Lsb0, vec::BitVec};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// How far ahead of the relay chain paras may build (asynchronous backing).
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
pub struct AsyncBackingParams {
	/// The most para blocks a new candidate may be ahead of the para's head at its relay parent
	/// (0 without asynchronous backing).
	pub max_candidate_depth: u32,
	/// How many ancestors of the latest relay-chain block a candidate may use as its relay parent
	/// (0 without asynchronous backing).
	pub allowed_ancestry_len: u32,
}

/// Parameters of approval voting.
#[derive(
	Clone,
	Copy,
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
pub struct ApprovalVotingParams {
	/// The most candidates one approval signature may cover (1: every approval is sent on its
	/// own as soon as it is ready).
	pub max_approval_coalesce_count: u32,
}

impl Default for ApprovalVotingParams {
	fn default() -> Self {
		Self { max_approval_coalesce_count: 1 }
	}
}

/// The node features the relay chain switches on: bit `i` (least significant bit of byte 0
/// first) is feature `i` of [`node_features`]. Encodes as a compact bit count then the bytes.
pub type NodeFeatures = BitVec<u8, Lsb0>;

/// The bit indices of the node features, as Polkadot assigns them.
pub mod node_features {
	use super::NodeFeatures;

	/// Tranche-0 approval assignments may go out as one certificate.
	pub const ENABLE_ASSIGNMENTS_V2: usize = 0;
	/// A backed candidate's validator bitfield may end with 8 bits of its core index.
	pub const ELASTIC_SCALING_MVP: usize = 1;
	/// Availability chunks are mapped to validators as RFC 47 specifies (systematic recovery).
	pub const AVAILABILITY_CHUNK_MAPPING: usize = 2;
	/// Nodes accept V2 candidate descriptors (with core index and session, RFC 103).
	pub const CANDIDATE_RECEIPT_V2: usize = 3;
	/// Nodes accept V3 candidate descriptors (with scheduling information).
	pub const CANDIDATE_RECEIPT_V3: usize = 4;
	/// The lowest index no feature uses yet.
	pub const FIRST_UNASSIGNED: usize = 5;

	/// Whether feature `index` is on (a bit past the end is off).
	pub fn is_set(features: &NodeFeatures, index: usize) -> bool {
		features.get(index).is_some_and(|bit| *bit)
	}
}

/// The part of the host configuration that parachains read, through a state proof, from the
/// relay parent's storage (Polkadot's `well_known_keys::ACTIVE_CONFIG` starts with these
/// fields).
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct AbridgedHostConfiguration {
	/// The largest validation code, in bytes.
	pub max_code_size: u32,
	/// The largest head, in bytes.
	pub max_head_data_size: u32,
	/// The most messages the upward queue of a para may hold.
	pub max_upward_queue_count: u32,
	/// The most bytes the upward queue of a para may hold.
	pub max_upward_queue_size: u32,
	/// The largest upward message, in bytes.
	pub max_upward_message_size: u32,
	/// The most upward messages one candidate may send.
	pub max_upward_message_num_per_candidate: u32,
	/// The most HRMP messages one candidate may send.
	pub hrmp_max_message_num_per_candidate: u32,
	/// The least number of blocks between two code upgrades of a para.
	pub validation_upgrade_cooldown: BlockNumber,
	/// The number of blocks between a code upgrade's scheduling and its enactment.
	pub validation_upgrade_delay: BlockNumber,
	/// The asynchronous-backing parameters.
	pub async_backing_params: AsyncBackingParams,
}

/// The part of an HRMP channel that the sending and receiving parachains read, through a state
/// proof, from the relay parent's storage.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct AbridgedHrmpChannel {
	/// The most messages the channel may hold.
	pub max_capacity: u32,
	/// The most bytes of messages the channel may hold.
	pub max_total_size: u32,
	/// The largest message, in bytes.
	pub max_message_size: u32,
	/// The number of messages in the channel (at most `max_capacity`).
	pub msg_count: u32,
	/// The bytes of messages in the channel (at most `max_total_size`).
	pub total_size: u32,
	/// The head of the channel's message-queue chain: each message extends it with the hash of
	/// `(previous head, block number, hash of the message)`; `None` before the first message.
	pub mqc_head: Option<Hash>,
}
