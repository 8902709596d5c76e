//! The validation function's input and output, and how its result location is packed (see
//! [The validation function](super#the-validation-function)). Both encode as Polkadot's
//! `ValidationParams` and `ValidationResult`.

use super::*;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;

/// The input of the validation function, SCALE-encoded into the module's memory (see
/// [The validation function](super#the-validation-function)).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ValidationParams {
	/// The head the block builds on.
	pub parent_head: HeadData,
	/// The block.
	pub block_data: BlockData,
	/// The number of the relay parent.
	pub relay_parent_number: BlockNumber,
	/// The state root of the relay parent.
	pub relay_parent_storage_root: Hash,
}

impl ValidationParams {
	/// The params for a candidate with these persisted validation data and PoV.
	pub fn new(data: PersistedValidationData, pov: PoV) -> Self {
		Self {
			parent_head: data.parent_head,
			block_data: pov.block_data,
			relay_parent_number: data.relay_parent_number,
			relay_parent_storage_root: data.relay_parent_storage_root,
		}
	}
}

/// The output of the validation function, SCALE-encoded in the module's memory (see
/// [The validation function](super#the-validation-function)); it becomes the candidate's
/// [`CandidateCommitments`] (the same fields in another order).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ValidationResult {
	/// The para's new head.
	pub head_data: HeadData,
	/// A new validation code, if the block upgrades it.
	pub new_validation_code: Option<ValidationCode>,
	/// Messages to the relay chain, then the UMP signals.
	pub upward_messages: UpwardMessages,
	/// Messages to other paras.
	pub horizontal_messages: HorizontalMessages,
	/// How many downward messages the block processed, from the front of its queue.
	pub processed_downward_messages: u32,
	/// The relay-chain block number up to which the para processed its inbound HRMP messages.
	pub hrmp_watermark: BlockNumber,
}

impl ValidationResult {
	/// A result with a head and perhaps new code, no messages, and the watermark at
	/// `relay_parent_number`.
	pub fn new(
		head_data: HeadData,
		new_validation_code: Option<ValidationCode>,
		relay_parent_number: BlockNumber,
	) -> Self {
		Self {
			head_data,
			new_validation_code,
			upward_messages: Default::default(),
			horizontal_messages: Default::default(),
			processed_downward_messages: 0,
			hrmp_watermark: relay_parent_number,
		}
	}
}

/// The return value of `validate_block`: `ptr` in the low 32 bits, `len` in the high 32 bits.
pub fn encode_result_location(ptr: u32, len: u32) -> u64 {
	let [p0, p1, p2, p3] = ptr.to_le_bytes();
	let [l0, l1, l2, l3] = len.to_le_bytes();
	u64::from_le_bytes([p0, p1, p2, p3, l0, l1, l2, l3])
}

/// The `(ptr, len)` of the result from the return value of `validate_block`.
pub fn decode_result_location(packed: u64) -> (u32, u32) {
	let [p0, p1, p2, p3, l0, l1, l2, l3] = packed.to_le_bytes();
	(u32::from_le_bytes([p0, p1, p2, p3]), u32::from_le_bytes([l0, l1, l2, l3]))
}
