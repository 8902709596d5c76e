//! The parameters of the environment validators run a para's validation code in (per session),
//! and the statements of validation-code pre-checking.

use super::SessionIndex;
use crate::{candidate::ValidatorIndex, paras::ValidationCodeHash};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// What a code preparation is for; each kind has its own timeout.
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
pub enum PvfPrepKind {
	/// Pre-checking a code before it is enacted.
	#[codec(index = 0)]
	Precheck,
	/// Preparing a code to execute it (or ahead of executing it).
	#[codec(index = 1)]
	Prepare,
}

/// What a code execution is for; each kind has its own timeout.
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
pub enum PvfExecKind {
	/// Checking a candidate for backing.
	#[codec(index = 0)]
	Backing,
	/// Checking a candidate for approval or in a dispute.
	#[codec(index = 1)]
	Approval,
}

/// A set of host functions a session may let validation code import.
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
pub enum ExecutorHostFunction {
	/// The elliptic-curve host functions of RFC 163 (BLS12-381, Ed-on-BLS12-381-Bandersnatch,
	/// Pallas, Vesta).
	#[codec(index = 1)]
	EccRfc163,
}

/// One parameter of the execution environment. The indices start at 1, as Polkadot's.
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
pub enum ExecutorParam {
	/// The most 64 KiB memory pages the code may use (1 to 65 536).
	#[codec(index = 1)]
	MaxMemoryPages(u32),
	/// The most WebAssembly values on the (logical, machine-independent) stack.
	#[codec(index = 2)]
	StackLogicalMax(u32),
	/// The most bytes of machine stack the executor may use.
	#[codec(index = 3)]
	StackNativeMax(u32),
	/// The most bytes of memory a pre-checking preparation may use.
	#[codec(index = 4)]
	PrecheckingMaxMemory(u64),
	/// The preparation timeout of one kind, in milliseconds.
	#[codec(index = 5)]
	PvfPrepTimeout(PvfPrepKind, u64),
	/// The execution timeout of one kind, in milliseconds.
	#[codec(index = 6)]
	PvfExecTimeout(PvfExecKind, u64),
	/// The WebAssembly bulk-memory extension is on.
	#[codec(index = 7)]
	WasmExtBulkMemory,
	/// A set of optional host functions is on (one entry per set).
	#[codec(index = 8)]
	EnabledHostFunction(ExecutorHostFunction),
}

/// A session's execution environment: the parameters that differ from the defaults, in any
/// order. Encodes as the vector of its parameters.
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
pub struct ExecutorParams(pub Vec<ExecutorParam>);

impl From<Vec<ExecutorParam>> for ExecutorParams {
	fn from(params: Vec<ExecutorParam>) -> Self {
		Self(params)
	}
}

impl ExecutorParams {
	/// The parameters.
	pub fn iter(&self) -> impl Iterator<Item = &ExecutorParam> {
		self.0.iter()
	}
}

/// The first bytes of a signed [`PvfCheckStatement`].
pub const PVF_CHECK_STATEMENT_MAGIC: [u8; 4] = *b"VCPC";

/// A validator's verdict on a validation code it pre-checked, for one session.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct PvfCheckStatement {
	/// Whether the code passed pre-checking.
	pub accept: bool,
	/// The hash of the code.
	pub subject: ValidationCodeHash,
	/// The session the statement is for.
	pub session_index: SessionIndex,
	/// The validator making the statement.
	pub validator_index: ValidatorIndex,
}

impl PvfCheckStatement {
	/// The bytes the validator signs: [`PVF_CHECK_STATEMENT_MAGIC`] followed by the encoded
	/// statement (the fields in order).
	pub fn signing_payload(&self) -> Vec<u8> {
		(PVF_CHECK_STATEMENT_MAGIC, self).encode()
	}
}
