//! Every limit the host puts on validation code, in one place. Values follow Polkadot's defaults
//! (`polkadot-node-core-pvf`, `ExecutorParams`) unless said otherwise.

use relay_primitives::paras::MAX_VALIDATION_CODE_COMPRESSION_RATIO;
use std::time::Duration;

/// CPU time one candidate's execution may take when backing: 2 s (Polkadot's
/// `DEFAULT_BACKING_EXECUTION_TIMEOUT`). CPU time, not wall time, so a loaded machine does not
/// turn a valid candidate into a timeout.
pub const BACKING_EXECUTION_TIMEOUT: Duration = Duration::from_secs(2);

/// CPU time preparing code (decompression, checks, instrumentation, compilation) may take: 60 s
/// (Polkadot's pre-checking timeout).
pub const PREPARE_TIMEOUT: Duration = Duration::from_secs(60);

/// How much longer than its CPU-time limit a job may take in wall time before the host kills the
/// worker: a job that cannot even get the CPU in 4× its limit, or that the worker failed to stop,
/// is stopped from outside (Polkadot's lenient factor for hard timeouts).
pub const WALL_CLOCK_FACTOR: u32 = 4;

/// Wall time added to every job's deadline for starting the worker and moving the bytes.
pub const WALL_CLOCK_MARGIN: Duration = Duration::from_secs(2);

/// The most 64 KiB pages a validation function's memory may have: 2,080 (≈ 130 MiB; Polkadot's
/// `DEFAULT_MAX_MEMORY_PAGES`, 32 pages plus 2,048 of extra heap). An initial memory above it
/// fails instantiation, a `memory.grow` past it traps.
pub const MAX_MEMORY_PAGES: u32 = 2_080;

/// The size of a WebAssembly page.
pub const WASM_PAGE_SIZE: u64 = 65_536;

/// The most elements a table may have.
pub const MAX_TABLE_ELEMENTS: usize = 65_536;

/// The deterministic stack limit injected into every module (Polkadot's
/// `DEFAULT_LOGICAL_STACK_MAX`): the sum of the stack costs (locals and operand-stack height) of
/// the active frames. Every validator traps at the same depth, whatever its native stack.
pub const LOGICAL_STACK_MAX: u32 = 65_536;

/// The native stack WASM code may use (Polkadot's `NATIVE_STACK_MAX`): far above what the
/// logical limit allows, so the logical limit is what decides.
pub const NATIVE_STACK_MAX: usize = 256 * 1024 * 1024;

/// The stack of the thread that runs validation code: the native WASM stack plus room for the
/// host's own frames.
pub const EXECUTION_THREAD_STACK: usize = NATIVE_STACK_MAX + 16 * 1024 * 1024;

/// How often the worker checks a running job's CPU time (the epoch tick).
pub const EPOCH_TICK: Duration = Duration::from_millis(10);

/// The address space of a worker process (`RLIMIT_AS`): what a compile bomb or a runaway
/// allocation can take before the worker dies, leaving the validator untouched. Room for the
/// binary, the execution thread's stack, the compiler, and one instance's memory: a
/// Polkadot-ABI instance (`sc-executor`'s wasmtime settings) reserves 4 GiB of address space
/// plus guard pages, of which it may use [`MAX_MEMORY_PAGES`] pages.
pub const WORKER_ADDRESS_SPACE: u64 = 8 * 1024 * 1024 * 1024;

/// How many times the chain's largest PoV its block data may decompress to (Polkadot's PoV bomb
/// limit: `4 * MAX_POV_SIZE`).
pub const POV_COMPRESSION_RATIO: u32 = 4;

/// How many prepared modules a worker keeps, by code hash (least recently used goes first).
pub const PREPARED_CACHE_SIZE: usize = 32;

/// The longest message between host and worker: code up to the chain's largest (3 MiB) plus
/// params up to the largest PoV (5 MiB) and head, with room to spare.
pub const MAX_MESSAGE_SIZE: usize = 16 * 1024 * 1024;

/// What the relay chain allows a candidate to produce and run on, from its configuration
/// (`pallet-paras`' `MaxCodeSize` and `MaxHeadSize`, inclusion's `MaxPovSize`); the defaults
/// are the runtime's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, codec::Encode, codec::Decode)]
pub struct ChainLimits {
	/// The largest validation code (as registered, so usually compressed).
	pub max_code_size: u32,
	/// The largest head data a candidate may produce.
	pub max_head_size: u32,
	/// The largest proof of validity (as sent, so possibly compressed).
	pub max_pov_size: u32,
}

impl ChainLimits {
	/// The most validation code may decompress to: the largest code times
	/// [`MAX_VALIDATION_CODE_COMPRESSION_RATIO`] (what the runtime's
	/// `ParachainHost_validation_code_bomb_limit` answers).
	pub fn code_bomb_limit(&self) -> u32 {
		self.max_code_size.saturating_mul(MAX_VALIDATION_CODE_COMPRESSION_RATIO)
	}

	/// The most a PoV's block data may decompress to: the largest PoV times
	/// [`POV_COMPRESSION_RATIO`].
	pub fn pov_bomb_limit(&self) -> u32 {
		self.max_pov_size.saturating_mul(POV_COMPRESSION_RATIO)
	}
}

impl Default for ChainLimits {
	fn default() -> Self {
		Self {
			max_code_size: 3 * 1024 * 1024,
			max_head_size: 32 * 1024,
			max_pov_size: 5 * 1024 * 1024,
		}
	}
}
