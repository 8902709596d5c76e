//! The validation function's input and output, as the relay chain encodes them, and the function
//! itself in native form ([`validate`]); `wasm.rs` wraps it in the exports the ABI of
//! `relay_primitives::candidate` requires.
//!
//! The types mirror `relay_primitives::{ValidationParams, ValidationResult}` field by field (same
//! SCALE encoding, which a test checks) so the WASM build needs neither `relay-primitives` nor
//! `sp-io`, whose host functions would become imports.

use crate::ledger::{execute, Block, Error, Head};
use alloc::vec::Vec;
use codec::{Decode, DecodeAll, Encode};

/// The input of the validation function (`relay_primitives::ValidationParams`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct ValidationParams {
	/// The parent head: an encoded [`Head`].
	pub parent_head: Vec<u8>,
	/// The block: an encoded [`Block`].
	pub block_data: Vec<u8>,
	/// The number of the relay parent.
	pub relay_parent_number: u32,
	/// The state root of the relay parent.
	pub relay_parent_storage_root: [u8; 32],
}

/// An outbound horizontal message (`relay_primitives::candidate::OutboundHrmpMessage`).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct OutboundHrmpMessage {
	/// The recipient para.
	pub recipient: u32,
	/// The message.
	pub data: Vec<u8>,
}

/// The output of the validation function (`relay_primitives::ValidationResult`, which is
/// Polkadot's).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct ValidationResult {
	/// The new head: an encoded [`Head`].
	pub head_data: Vec<u8>,
	/// A new validation code; this para never upgrades its code in a block.
	pub new_validation_code: Option<Vec<u8>>,
	/// Upward messages; this para sends none.
	pub upward_messages: Vec<Vec<u8>>,
	/// Horizontal messages; this para sends none.
	pub horizontal_messages: Vec<OutboundHrmpMessage>,
	/// Processed downward messages; this para has none.
	pub processed_downward_messages: u32,
	/// The HRMP watermark: the relay parent's number (no inbound channels).
	pub hrmp_watermark: u32,
}

impl ValidationResult {
	/// A result with only a new head, and the watermark at `relay_parent_number`.
	pub fn head_only(head_data: Vec<u8>, relay_parent_number: u32) -> Self {
		Self {
			head_data,
			new_validation_code: None,
			upward_messages: Vec::new(),
			horizontal_messages: Vec::new(),
			processed_downward_messages: 0,
			hrmp_watermark: relay_parent_number,
		}
	}
}

/// The validation function: the encoded [`ValidationResult`] for the encoded
/// [`ValidationParams`], or why the block is invalid. Each input must decode exactly (no
/// trailing bytes).
pub fn validate(params: &[u8]) -> Result<Vec<u8>, Error> {
	let params = ValidationParams::decode_all(&mut &params[..]).map_err(|_| Error::BadEncoding)?;
	let parent = Head::decode_all(&mut &params.parent_head[..]).map_err(|_| Error::BadEncoding)?;
	let block = Block::decode_all(&mut &params.block_data[..]).map_err(|_| Error::BadEncoding)?;
	let (head, _state) = execute(&parent, block)?;
	Ok(ValidationResult::head_only(head.encode(), params.relay_parent_number).encode())
}
