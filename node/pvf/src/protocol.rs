//! What host and worker say to each other over the worker's stdin and stdout: length-prefixed
//! SCALE messages (a `u32` little-endian length, then the bytes), each at most
//! [`MAX_MESSAGE_SIZE`](crate::limits::MAX_MESSAGE_SIZE).

use crate::{error::ValidationError, limits::ChainLimits};
use codec::{Decode, Encode};
use relay_primitives::ValidationResult;
use std::io::{self, Read, Write};

/// The exit code of a worker stopped by its own CPU-time monitor while preparing code.
pub const PREPARE_TIMEOUT_EXIT_CODE: i32 = 86;

/// The exit code of a worker stopped by its own CPU-time monitor while executing Polkadot-ABI
/// code (which `sc-executor` cannot interrupt).
pub const EXECUTE_TIMEOUT_EXIT_CODE: i32 = 87;

/// A job for the worker.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum Request {
	/// Validate a candidate: run the code with this hash on `params`, preparing `code` first
	/// if the worker does not have it (without `code` the worker answers [`Response::NeedCode`]).
	#[codec(index = 0)]
	Validate {
		/// BLAKE2-256 of the code (its `ValidationCodeHash`), the key of the worker's cache.
		code_hash: [u8; 32],
		/// The code, if the host sends it.
		code: Option<Vec<u8>>,
		/// The encoded `ValidationParams`.
		params: Vec<u8>,
		/// CPU time preparing may take, in milliseconds.
		prepare_cpu_ms: u64,
		/// CPU time executing may take, in milliseconds.
		execute_cpu_ms: u64,
		/// The chain's limits on code and heads.
		chain: ChainLimits,
	},
}

/// The worker's answer to a [`Request`].
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum Response {
	/// The worker does not have this code prepared: send the request again with the code.
	#[codec(index = 0)]
	NeedCode,
	/// The job is done.
	#[codec(index = 1)]
	Done {
		/// The validation result, or why there is none.
		result: Result<ValidationResult, ValidationError>,
		/// Nanoseconds spent preparing the code, if this job prepared it.
		prepare_nanos: Option<u64>,
		/// Nanoseconds spent executing.
		execute_nanos: u64,
	},
}

/// Writes one message.
pub fn write_message(to: &mut impl Write, message: &impl Encode) -> io::Result<()> {
	let bytes = message.encode();
	let len = u32::try_from(bytes.len())
		.map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "message too long"))?;
	to.write_all(&len.to_le_bytes())?;
	to.write_all(&bytes)?;
	to.flush()
}

/// Reads one message's bytes; an error if the stream ends or the message is longer than `max`.
pub fn read_message(from: &mut impl Read, max: usize) -> io::Result<Vec<u8>> {
	let mut len = [0u8; 4];
	from.read_exact(&mut len)?;
	let len = u32::from_le_bytes(len) as usize;
	if len > max {
		return Err(io::Error::new(
			io::ErrorKind::InvalidData,
			format!("a message of {len} bytes, above the limit of {max}"),
		));
	}
	let mut bytes = vec![0u8; len];
	from.read_exact(&mut bytes)?;
	Ok(bytes)
}
