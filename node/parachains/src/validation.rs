//! Checking a candidate, as `relay_primitives::candidate` ("Checking a candidate") specifies:
//! everything the receipt claims must match the persisted validation data, the proof of validity,
//! the code, and what the code returns when the PVF host runs it.

use codec::Encode;
use relay_primitives::{
	candidate::CommitmentsError, CandidateCommitments, CandidateReceipt, HeadData,
	PersistedValidationData, PoV, ValidationCode, ValidationParams,
};
use relay_pvf::{ValidationBackend, ValidationError};

/// Why a candidate was not accepted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckError {
	/// The descriptor is not a V2 descriptor (version 0, reserved bytes zero).
	UnsupportedDescriptor,
	/// The receipt names other persisted validation data than the relay chain's.
	PersistedValidationDataMismatch,
	/// The receipt's PoV hash is not the PoV's.
	PovHashMismatch,
	/// The PoV is larger than the persisted validation data allow.
	PovTooLarge {
		/// Its encoded size.
		size: usize,
		/// The limit.
		max: u32,
	},
	/// The receipt names another code than the para's.
	CodeHashMismatch,
	/// The code did not produce a result (invalid candidate, or the host could not judge).
	Validation(ValidationError),
	/// The receipt's head hash is not the hash of the head the code returned.
	HeadHashMismatch,
	/// The receipt's commitments hash is not the hash of what the code returned.
	CommitmentsMismatch,
	/// The commitments break a rule of the relay chain (messages it cannot take yet, UMP
	/// signals).
	Commitments(CommitmentsError),
}

/// The persisted validation data a candidate names, among those it may build on: `data` (read at
/// its relay parent, the para's head there as parent) or the same with the head of a candidate
/// not yet included as parent (building ahead); `None` if it names none of them.
pub fn select_parent(
	receipt: &CandidateReceipt,
	data: PersistedValidationData,
	pending_heads: &[HeadData],
) -> Option<PersistedValidationData> {
	let wanted = receipt.descriptor.persisted_validation_data_hash;
	if data.hash() == wanted {
		return Some(data);
	}
	pending_heads.iter().find_map(|head| {
		let ahead = PersistedValidationData { parent_head: head.clone(), ..data.clone() };
		(ahead.hash() == wanted).then_some(ahead)
	})
}

/// Checks `receipt` with its `pov` against `data` and the para's `code`, running the code in
/// `host` (the PVF host, in a node); the commitments if every check passes. Cheap checks come
/// first, so a bad receipt never reaches the PVF host. The receipt carries only the hash of its
/// commitments (as a collator sends it on `req_collation/2`): the commitments are what the code
/// returns, and their hash must be the receipt's.
pub fn check_candidate(
	host: &impl ValidationBackend,
	receipt: &CandidateReceipt,
	pov: &PoV,
	data: &PersistedValidationData,
	code: &ValidationCode,
) -> Result<CandidateCommitments, CheckError> {
	let descriptor = &receipt.descriptor;
	if !descriptor.is_v2() {
		return Err(CheckError::UnsupportedDescriptor);
	}
	if descriptor.persisted_validation_data_hash != data.hash() {
		return Err(CheckError::PersistedValidationDataMismatch);
	}
	if descriptor.pov_hash != pov.hash() {
		return Err(CheckError::PovHashMismatch);
	}
	let size = pov.encoded_size();
	if size > data.max_pov_size as usize {
		return Err(CheckError::PovTooLarge { size, max: data.max_pov_size });
	}
	if descriptor.validation_code_hash != code.hash() {
		return Err(CheckError::CodeHashMismatch);
	}
	let params = ValidationParams::new(data.clone(), pov.clone());
	let result = host.run(code, &params).map_err(CheckError::Validation)?;
	let commitments = CandidateCommitments::from(result);
	if descriptor.para_head != commitments.head_data.hash() {
		return Err(CheckError::HeadHashMismatch);
	}
	if receipt.commitments_hash != commitments.hash() {
		return Err(CheckError::CommitmentsMismatch);
	}
	commitments
		.check_without_messaging(data.relay_parent_number)
		.map_err(CheckError::Commitments)?;
	Ok(commitments)
}
