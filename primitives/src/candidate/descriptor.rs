//! The candidate descriptor, laid out byte for byte as Polkadot's `CandidateDescriptorV2`.
//!
//! ```text
//! para_id                          4 bytes (u32 LE)
//! relay_parent                    32
//! version                          1    0 for V2; the only version accepted here
//! core_index                       2    u16 LE
//! session_index                    4    u32 LE: the relay parent's session
//! reserved                        25    zero (V1's collator id lived here)
//! persisted_validation_data_hash  32
//! pov_hash                        32    of the PoV as the collator sent it
//! erasure_root                    32    root of the PoV's erasure coding (unchecked until
//!                                       availability exists)
//! reserved                        64    zero (V1's collator signature lived here)
//! para_head                       32    HeadData::hash of the new head
//! validation_code_hash            32
//! ```
//!
//! 292 bytes in all. Polkadot reads a descriptor whose reserved bytes are not zero as a V1
//! descriptor (collator id and signature), and a version other than 0 as unknown; this chain
//! accepts neither ([`CandidateDescriptor::is_v2`]).

use super::*;

/// The number of reserved bytes after the session index.
pub const DESCRIPTOR_RESERVED1_LEN: usize = 25;

/// The number of reserved bytes after the erasure root.
pub const DESCRIPTOR_RESERVED2_LEN: usize = 64;

/// The descriptor version this chain writes and accepts (Polkadot's V2).
pub const DESCRIPTOR_VERSION_V2: u8 = 0;

/// The fixed-size part of a candidate: what it builds on, the hashes of its inputs and of its new
/// head, and the core and session it is backed in.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct CandidateDescriptor {
	/// The para the candidate is a block of.
	pub para_id: ParaId,
	/// The relay-chain block the candidate is built on; fixes its [`PersistedValidationData`].
	pub relay_parent: Hash,
	/// The descriptor version: [`DESCRIPTOR_VERSION_V2`].
	pub version: u8,
	/// The core the candidate is backed on.
	pub core_index: u16,
	/// The session of the relay parent.
	pub session_index: u32,
	/// Zero.
	pub reserved1: [u8; DESCRIPTOR_RESERVED1_LEN],
	/// [`PersistedValidationData::hash`] of the data at the relay parent.
	pub persisted_validation_data_hash: Hash,
	/// [`PoV::hash`] of the block data.
	pub pov_hash: Hash,
	/// The root of the PoV's erasure coding. Not checked until the chain has an availability
	/// layer; this chain's collator writes zero.
	pub erasure_root: Hash,
	/// Zero.
	pub reserved2: [u8; DESCRIPTOR_RESERVED2_LEN],
	/// [`HeadData::hash`] of the new head (the commitments' `head_data`).
	pub para_head: Hash,
	/// The hash of the validation code that validates the candidate.
	pub validation_code_hash: ValidationCodeHash,
}

/// The fields of a V2 descriptor that carry information (everything but the version and the
/// reserved bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DescriptorFields {
	/// The para.
	pub para_id: ParaId,
	/// The relay parent.
	pub relay_parent: Hash,
	/// The core.
	pub core_index: CoreIndex,
	/// The session of the relay parent.
	pub session_index: u32,
	/// The hash of the persisted validation data.
	pub persisted_validation_data_hash: Hash,
	/// The hash of the PoV.
	pub pov_hash: Hash,
	/// The erasure root.
	pub erasure_root: Hash,
	/// The hash of the new head.
	pub para_head: Hash,
	/// The hash of the validation code.
	pub validation_code_hash: ValidationCodeHash,
}

/// Why a descriptor is not one this chain accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DescriptorError {
	/// The version byte is not [`DESCRIPTOR_VERSION_V2`].
	UnknownVersion,
	/// A reserved byte is not zero (Polkadot would read it as a V1 descriptor).
	ReservedBytesSet,
	/// The core index does not fit the descriptor's 16 bits.
	CoreIndexTooLarge,
}

impl CandidateDescriptor {
	/// A V2 descriptor with these fields; fails only if the core index does not fit 16 bits.
	pub fn new(fields: DescriptorFields) -> Result<Self, DescriptorError> {
		let core_index =
			u16::try_from(fields.core_index.0).map_err(|_| DescriptorError::CoreIndexTooLarge)?;
		Ok(Self {
			para_id: fields.para_id,
			relay_parent: fields.relay_parent,
			version: DESCRIPTOR_VERSION_V2,
			core_index,
			session_index: fields.session_index,
			reserved1: [0; DESCRIPTOR_RESERVED1_LEN],
			persisted_validation_data_hash: fields.persisted_validation_data_hash,
			pov_hash: fields.pov_hash,
			erasure_root: fields.erasure_root,
			reserved2: [0; DESCRIPTOR_RESERVED2_LEN],
			para_head: fields.para_head,
			validation_code_hash: fields.validation_code_hash,
		})
	}

	/// The core the candidate is backed on.
	pub fn core(&self) -> CoreIndex {
		CoreIndex(u32::from(self.core_index))
	}

	/// Whether this is a V2 descriptor as Polkadot reads one: version 0 and every reserved byte
	/// zero.
	pub fn check_v2(&self) -> Result<(), DescriptorError> {
		if self.version != DESCRIPTOR_VERSION_V2 {
			return Err(DescriptorError::UnknownVersion);
		}
		let reserved_zero = self.reserved1.iter().chain(self.reserved2.iter()).all(|b| *b == 0);
		if !reserved_zero {
			return Err(DescriptorError::ReservedBytesSet);
		}
		Ok(())
	}

	/// [`Self::check_v2`] as a boolean.
	pub fn is_v2(&self) -> bool {
		self.check_v2().is_ok()
	}
}
