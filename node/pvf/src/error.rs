//! Why a validation failed, and whose fault it is.
//!
//! [`InvalidCandidate`]: the candidate (its code, block or result) is at fault; every honest
//! validator reaches the same verdict, so the collator that sent it may be punished.
//! [`InternalError`]: this validator could not judge (its worker died, could not start, or spoke
//! nonsense); nobody is to blame and the candidate may be tried again.

use codec::{Decode, Encode};

/// The outcome of a validation that did not produce a result.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum ValidationError {
	/// The candidate is invalid.
	#[codec(index = 0)]
	Invalid(InvalidCandidate),
	/// The host could not validate it; not the candidate's fault.
	#[codec(index = 1)]
	Internal(InternalError),
}

/// Why a candidate is invalid.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum InvalidCandidate {
	/// The code or the PoV's block data is compressed but does not decompress, or decompresses
	/// beyond its bomb limit.
	#[codec(index = 0)]
	Decompression(String),
	/// The code is not a valid WebAssembly module (bad bytes, or a feature beyond the MVP).
	#[codec(index = 1)]
	InvalidModule(String),
	/// The module imports something; code in our own ABI (it exports `alloc`) imports nothing.
	#[codec(index = 2)]
	Imports(String),
	/// A required export (`memory`, `alloc`, `validate_block`) is missing or has the wrong type.
	#[codec(index = 3)]
	BadExport(String),
	/// The code trapped: `unreachable` (how a module rejects a block), an out-of-bounds access,
	/// the stack limit, a division by zero, ….
	#[codec(index = 4)]
	Trap(String),
	/// The execution used more CPU time than allowed.
	#[codec(index = 5)]
	Timeout,
	/// The module's memory (initial or grown) would exceed the limit.
	#[codec(index = 6)]
	OutOfMemory,
	/// `alloc` returned a region that is not inside the module's memory.
	#[codec(index = 7)]
	ParamsOutOfBounds,
	/// The result location `validate_block` returned is not inside the module's memory.
	#[codec(index = 8)]
	ResultOutOfBounds,
	/// The result bytes are not exactly one encoded `ValidationResult`.
	#[codec(index = 9)]
	BadResult(String),
	/// The new head is larger than the chain allows.
	#[codec(index = 10)]
	HeadTooLarge {
		/// Its size in bytes.
		size: u32,
		/// The largest allowed.
		max: u32,
	},
	/// The new validation code is larger than the chain allows.
	#[codec(index = 11)]
	CodeTooLarge {
		/// Its size in bytes.
		size: u32,
		/// The largest allowed.
		max: u32,
	},
	/// Preparing the code took more than its time limit (a compile bomb).
	#[codec(index = 12)]
	PrepareTimeout,
	/// The encoded params are larger than the host passes to a worker.
	#[codec(index = 13)]
	ParamsTooLarge {
		/// Their size in bytes.
		size: u64,
		/// The largest the host passes.
		max: u64,
	},
	/// The params are not an encoded `ValidationParams` (Polkadot's ABI decodes them to
	/// decompress the block data).
	#[codec(index = 14)]
	BadParams(String),
}

/// Why the host could not validate (not the candidate's fault).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum InternalError {
	/// The worker process could not be started.
	#[codec(index = 0)]
	Spawn(String),
	/// The worker process died during the job (killed from outside, or crashed); it is
	/// restarted for the next job.
	#[codec(index = 1)]
	WorkerDied(String),
	/// The worker sent something that is not a response to the job.
	#[codec(index = 2)]
	Protocol(String),
	/// The worker failed for a reason of its own (for example it could not set up wasmtime).
	#[codec(index = 3)]
	Worker(String),
}

impl core::fmt::Display for ValidationError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Self::Invalid(e) => write!(f, "invalid candidate: {e:?}"),
			Self::Internal(e) => write!(f, "internal error (not the candidate's fault): {e:?}"),
		}
	}
}

impl std::error::Error for ValidationError {}

impl From<InvalidCandidate> for ValidationError {
	fn from(e: InvalidCandidate) -> Self {
		Self::Invalid(e)
	}
}

impl From<InternalError> for ValidationError {
	fn from(e: InternalError) -> Self {
		Self::Internal(e)
	}
}
