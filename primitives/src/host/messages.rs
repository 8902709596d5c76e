//! Messages waiting for a para: downward (from the relay chain) and horizontal (from other paras),
//! each with the relay-chain block it was sent in.

use crate::BlockNumber;
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;

/// A message from the relay chain to a para (at most the configuration's
/// `max_downward_message_size` bytes).
pub type DownwardMessage = Vec<u8>;

/// A downward message in a para's queue.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct InboundDownwardMessage {
	/// The relay-chain block number at which the message was queued.
	pub sent_at: BlockNumber,
	/// The message.
	pub msg: DownwardMessage,
}

/// A horizontal message in a channel to a para.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct InboundHrmpMessage {
	/// The relay-chain block number at which the sending candidate was enacted.
	pub sent_at: BlockNumber,
	/// The message.
	pub data: Vec<u8>,
}
