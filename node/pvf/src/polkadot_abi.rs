//! Polkadot's PVF ABI, for validation code built with the Polkadot SDK (Cumulus runtimes).
//!
//! What such code expects, and what it gets here, as Polkadot's PVF host gives it (stable2609,
//! `polkadot-node-core-pvf-common`'s executor interface):
//!
//! - **Execution through `sc-executor`'s wasmtime backend** with Polkadot's default semantics
//!   ([`config`]): memory imported or exported, growing up to
//!   [`MAX_MEMORY_PAGES`]; the deterministic stack limit; NaNs
//!   canonicalised; single-threaded compilation; no reference types, SIMD, bulk memory or
//!   multi-value; a fresh instance per candidate.
//! - **Host-allocated parameters**: the host writes the encoded `ValidationParams` into the
//!   module's memory with its freeing-bump allocator (from the exported `__heap_base`), calls
//!   `validate_block(ptr, len) -> i64`, and reads the encoded `ValidationResult` at the packed
//!   pointer and length.
//! - **Host functions** ([`HostFunctions`]): `sp-io`'s misc, crypto, hashing, allocator, logging
//!   and trie interfaces. Every other import a module names (storage, child storage, offchain,
//!   ...) is a stub that traps when called, so code that touches storage is an invalid candidate.
//! - **No storage** ([`crate::externalities`]), only the runtime-version reader.
//! - **Compressed PoVs**: the block data is zstd-decompressed first, within
//!   [`ChainLimits::pov_bomb_limit`]; the code within [`ChainLimits::code_bomb_limit`].
//!
//! CPU time cannot be interrupted inside `sc-executor`, so the worker's monitor thread ends the
//! worker process when an execution overruns ([`crate::protocol::EXECUTE_TIMEOUT_EXIT_CODE`]),
//! as Polkadot's execute worker does; the host reports a timeout and starts a new worker.

use crate::{
	error::InvalidCandidate,
	externalities::ValidationExternalities,
	limits::{ChainLimits, LOGICAL_STACK_MAX, MAX_MEMORY_PAGES, NATIVE_STACK_MAX},
};
use codec::{DecodeAll, Encode};
use relay_primitives::{
	candidate::VALIDATE_BLOCK_EXPORT, BlockData, ValidationParams, ValidationResult,
};
use sc_executor_common::{
	error::Error as ExecutorError,
	runtime_blob::RuntimeBlob,
	wasm_runtime::{HeapAllocStrategy, WasmModule},
};
use sc_executor_wasmtime::{
	Config, DeterministicStackLimit, InstantiationStrategy, Semantics, WasmtimeRuntime,
};

/// The host functions a Polkadot-ABI validation function may call (Polkadot's set at sp-io 49).
pub type HostFunctions = (
	sp_io::misc::HostFunctions,
	sp_io::crypto::HostFunctions,
	sp_io::hashing::HostFunctions,
	sp_io::allocator::HostFunctions,
	sp_io::logging::HostFunctions,
	sp_io::trie::HostFunctions,
);

/// The export the host's allocator starts its heap at.
pub const HEAP_BASE_EXPORT: &str = "__heap_base";

/// Memory grows on demand up to the same limit as our own ABI's.
const HEAP: HeapAllocStrategy =
	HeapAllocStrategy::Dynamic { maximum_pages: Some(MAX_MEMORY_PAGES) };

/// Polkadot's default executor configuration (`DEFAULT_CONFIG`).
pub fn config() -> Config {
	Config {
		// Imports outside `HostFunctions` become stubs that trap when called.
		allow_missing_func_imports: true,
		cache_path: None,
		semantics: Semantics {
			instantiation_strategy: InstantiationStrategy::RecreateInstanceCopyOnWrite,
			deterministic_stack_limit: Some(DeterministicStackLimit {
				logical_max: LOGICAL_STACK_MAX,
				native_stack_max: NATIVE_STACK_MAX as u32,
			}),
			canonicalize_nans: true,
			parallel_compilation: false,
			heap_alloc_strategy: HEAP,
			wasm_multi_value: false,
			wasm_bulk_memory: false,
			wasm_reference_types: false,
			wasm_simd: false,
		},
	}
}

/// Compiled Polkadot-ABI code.
pub struct Prepared {
	runtime: WasmtimeRuntime,
}

/// Compiles decompressed `raw` code for execution, or says why it is invalid.
pub fn prepare(raw: &[u8]) -> Result<Prepared, InvalidCandidate> {
	let blob = RuntimeBlob::new(raw).map_err(|e| InvalidCandidate::InvalidModule(e.to_string()))?;
	let runtime = sc_executor_wasmtime::create_runtime::<HostFunctions>(blob, config())
		.map_err(|e| InvalidCandidate::InvalidModule(e.to_string()))?;
	Ok(Prepared { runtime })
}

/// Runs `validate_block` on the encoded params (their block data decompressed first): the
/// decoded result, or why the candidate is invalid.
pub fn execute(
	prepared: &Prepared,
	params: &[u8],
	chain: &ChainLimits,
) -> Result<ValidationResult, InvalidCandidate> {
	let params = decompress_block_data(params, chain)?;
	let mut ext = ValidationExternalities::new(*chain);
	// A panic abandons the instance it happened in; the compiled module is not changed by a
	// call, so the next call may use it.
	let runtime = std::panic::AssertUnwindSafe(&prepared.runtime);
	let outcome = sc_executor::with_externalities_safe(&mut ext, move || {
		runtime.new_instance(HEAP)?.call_export(VALIDATE_BLOCK_EXPORT, &params)
	});
	let bytes = match outcome {
		Ok(Ok(bytes)) => bytes,
		Ok(Err(e)) | Err(e) => return Err(failure(e)),
	};
	ValidationResult::decode_all(&mut &bytes[..])
		.map_err(|e| InvalidCandidate::BadResult(e.to_string()))
}

/// The params with their PoV's block data decompressed (a collator may zstd-compress it).
fn decompress_block_data(params: &[u8], chain: &ChainLimits) -> Result<Vec<u8>, InvalidCandidate> {
	let mut params = ValidationParams::decode_all(&mut &params[..])
		.map_err(|e| InvalidCandidate::BadParams(e.to_string()))?;
	let block =
		sp_maybe_compressed_blob::decompress(&params.block_data.0, chain.pov_bomb_limit() as usize)
			.map_err(|e| InvalidCandidate::Decompression(format!("block data: {e}")))?;
	params.block_data = BlockData(block.into_owned());
	Ok(params.encode())
}

/// An executor error as the reason a candidate is invalid.
fn failure(error: ExecutorError) -> InvalidCandidate {
	match error {
		ExecutorError::MethodNotFound(name) => {
			InvalidCandidate::BadExport(format!("no `{name}` export"))
		},
		ExecutorError::HeapBaseNotFoundOrInvalid => {
			InvalidCandidate::BadExport(format!("no valid `{HEAP_BASE_EXPORT}` export"))
		},
		ExecutorError::OutputExceedsBounds => InvalidCandidate::ResultOutOfBounds,
		ExecutorError::Allocator(_) => InvalidCandidate::OutOfMemory,
		other => InvalidCandidate::Trap(other.to_string()),
	}
}
