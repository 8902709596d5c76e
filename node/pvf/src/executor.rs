//! Preparing and executing validation code with wasmtime, under the limits of [`crate::limits`].
//! This runs inside the worker process (and in-process in unit tests): the validator process never
//! compiles or runs untrusted code.
//!
//! - **Prepare**: decompress (bounded by the chain's largest code), parse, refuse imports and
//!   wrong exports, inject the deterministic stack limit, compile. Deterministic semantics: only
//!   WebAssembly MVP features (plus mutable globals), NaNs canonicalised.
//! - **Execute**: a fresh instance per candidate; the ABI of `relay_primitives::candidate`
//!   (`alloc`, write the params, `validate_block`, read the result); memory and table growth
//!   limited by a [`wasmtime::ResourceLimiter`]; CPU time checked at every epoch tick on the
//!   executing thread.

use crate::{
	error::InvalidCandidate,
	limits::{
		ChainLimits, EPOCH_TICK, LOGICAL_STACK_MAX, MAX_MEMORY_PAGES, MAX_TABLE_ELEMENTS,
		NATIVE_STACK_MAX, WASM_PAGE_SIZE,
	},
};
use codec::DecodeAll;
use relay_primitives::{
	candidate::{decode_result_location, ALLOC_EXPORT, MEMORY_EXPORT, VALIDATE_BLOCK_EXPORT},
	paras::WASM_MAGIC,
	ValidationResult,
};
use std::{
	sync::{
		atomic::{AtomicBool, Ordering},
		Arc,
	},
	thread::JoinHandle,
	time::Duration,
};
use wasmtime::{
	Config, Engine, ExternType, InstancePre, Linker, Module, ResourceLimiter, Store, Trap,
	UpdateDeadline, ValType,
};

/// The largest a module's memory may be, in bytes.
const MAX_MEMORY_BYTES: u64 = MAX_MEMORY_PAGES as u64 * WASM_PAGE_SIZE;

/// The executor run in the calling process, preparing the code at every call: for tests and
/// tools whose code is trusted. A validator uses [`crate::PvfHost`], which runs untrusted code in
/// a worker process.
pub struct InProcess {
	/// The executor.
	pub executor: Executor,
	/// CPU time an execution may take.
	pub execute_timeout: Duration,
	/// The chain's limits.
	pub chain: ChainLimits,
}

impl InProcess {
	/// An in-process executor with the backing limits.
	pub fn new() -> anyhow::Result<Self> {
		Ok(Self {
			executor: Executor::new()?,
			execute_timeout: crate::limits::BACKING_EXECUTION_TIMEOUT,
			chain: ChainLimits::default(),
		})
	}
}

impl crate::ValidationBackend for InProcess {
	fn run(
		&self,
		code: &relay_primitives::ValidationCode,
		params: &relay_primitives::ValidationParams,
	) -> Result<ValidationResult, crate::ValidationError> {
		use codec::Encode;
		let prepared = self.executor.prepare(&code.0, &self.chain)?;
		Ok(self
			.executor
			.execute(&prepared, &params.encode(), self.execute_timeout, &self.chain)?)
	}
}

/// Compiled validation code, ready to instantiate.
pub struct Prepared {
	pre: InstancePre<Limiter>,
}

/// The wasmtime engine with the worker's settings, and the thread that ticks its epochs.
pub struct Executor {
	engine: Engine,
	ticker: Option<(Arc<AtomicBool>, JoinHandle<()>)>,
}

impl Executor {
	/// An engine with deterministic settings, and its epoch ticker.
	pub fn new() -> anyhow::Result<Self> {
		let mut config = Config::new();
		config
			.epoch_interruption(true)
			.max_wasm_stack(NATIVE_STACK_MAX)
			.cranelift_nan_canonicalization(true)
			.parallel_compilation(false)
			// WebAssembly 1.0 (MVP) only, as `wasm32v1-none` emits it.
			.wasm_threads(false)
			.wasm_simd(false)
			.wasm_relaxed_simd(false)
			.wasm_reference_types(false)
			.wasm_bulk_memory(false)
			.wasm_multi_value(false)
			.wasm_multi_memory(false)
			.wasm_memory64(false)
			.wasm_tail_call(false)
			.wasm_extended_const(false)
			.wasm_function_references(false)
			.wasm_gc(false)
			.wasm_wide_arithmetic(false)
			.wasm_custom_page_sizes(false)
			// One memory reservation as large as the memory limit: bounds are checked
			// explicitly, and an instance needs no more address space than it may use.
			.memory_reservation(MAX_MEMORY_BYTES)
			.memory_guard_size(WASM_PAGE_SIZE)
			.memory_reservation_for_growth(0)
			.memory_may_move(false);
		let engine = Engine::new(&config)?;
		let stop = Arc::new(AtomicBool::new(false));
		let ticker = {
			let (engine, stop) = (engine.clone(), Arc::clone(&stop));
			std::thread::Builder::new().name("pvf-epoch".into()).spawn(move || {
				while !stop.load(Ordering::Relaxed) {
					std::thread::sleep(EPOCH_TICK);
					engine.increment_epoch();
				}
			})?
		};
		Ok(Self { engine, ticker: Some((stop, ticker)) })
	}

	/// Prepares `code` (compressed or not) for execution, or says why it is invalid.
	pub fn prepare(&self, code: &[u8], chain: &ChainLimits) -> Result<Prepared, InvalidCandidate> {
		let raw = sp_maybe_compressed_blob::decompress(code, chain.max_code_size as usize)
			.map_err(|e| InvalidCandidate::Decompression(e.to_string()))?;
		if !raw.starts_with(&WASM_MAGIC) {
			return Err(InvalidCandidate::InvalidModule("not a WebAssembly module".into()));
		}
		let blob = sc_executor_common::runtime_blob::RuntimeBlob::new(&raw)
			.and_then(|blob| blob.inject_stack_depth_metering(LOGICAL_STACK_MAX))
			.map_err(|e| InvalidCandidate::InvalidModule(e.to_string()))?
			.serialize();
		let module = Module::new(&self.engine, &blob)
			.map_err(|e| InvalidCandidate::InvalidModule(format!("{e:#}")))?;
		check_interface(&module)?;
		let pre = Linker::new(&self.engine)
			.instantiate_pre(&module)
			.map_err(|e| InvalidCandidate::Imports(format!("{e:#}")))?;
		Ok(Prepared { pre })
	}

	/// Runs the prepared code on the encoded `params` with `cpu_limit` of CPU time: the result,
	/// checked against the chain's limits, or why the candidate is invalid.
	pub fn execute(
		&self,
		prepared: &Prepared,
		params: &[u8],
		cpu_limit: Duration,
		chain: &ChainLimits,
	) -> Result<ValidationResult, InvalidCandidate> {
		let mut store = Store::new(&self.engine, Limiter::default());
		store.limiter(|limiter| limiter);
		let deadline = thread_cpu_time().saturating_add(cpu_limit);
		store.set_epoch_deadline(1);
		store.epoch_deadline_callback(move |mut store| {
			if thread_cpu_time() >= deadline {
				store.data_mut().timed_out = true;
				anyhow::bail!("CPU time limit reached")
			}
			Ok(UpdateDeadline::Continue(1))
		});
		let outcome = run(&mut store, &prepared.pre, params);
		let state = store.data();
		match outcome {
			_ if state.timed_out => Err(InvalidCandidate::Timeout),
			_ if state.out_of_memory => Err(InvalidCandidate::OutOfMemory),
			Err(e) => Err(e),
			Ok(result) => check_result(result, chain),
		}
	}
}

impl Drop for Executor {
	fn drop(&mut self) {
		if let Some((stop, ticker)) = self.ticker.take() {
			stop.store(true, Ordering::Relaxed);
			let _ = ticker.join();
		}
	}
}

/// The store's data: the limiter, and which limit stopped the execution.
#[derive(Default)]
struct Limiter {
	out_of_memory: bool,
	timed_out: bool,
}

impl ResourceLimiter for Limiter {
	fn memory_growing(
		&mut self,
		_current: usize,
		desired: usize,
		_maximum: Option<usize>,
	) -> anyhow::Result<bool> {
		if desired as u64 > MAX_MEMORY_BYTES {
			self.out_of_memory = true;
			anyhow::bail!("memory would grow to {desired} bytes, above {MAX_MEMORY_BYTES}");
		}
		Ok(true)
	}

	fn table_growing(
		&mut self,
		_current: usize,
		desired: usize,
		_maximum: Option<usize>,
	) -> anyhow::Result<bool> {
		if desired > MAX_TABLE_ELEMENTS {
			self.out_of_memory = true;
			anyhow::bail!("table would grow to {desired} elements, above {MAX_TABLE_ELEMENTS}");
		}
		Ok(true)
	}

	fn instances(&self) -> usize {
		1
	}

	fn tables(&self) -> usize {
		1
	}

	fn memories(&self) -> usize {
		1
	}
}

/// The module exports `memory`, `alloc: (i32) -> i32` and `validate_block: (i32, i32) -> i64`.
fn check_interface(module: &Module) -> Result<(), InvalidCandidate> {
	if let Some(import) = module.imports().next() {
		return Err(InvalidCandidate::Imports(format!(
			"imports {}::{}",
			import.module(),
			import.name()
		)));
	}
	let export = |name: &str| {
		module
			.get_export(name)
			.ok_or_else(|| InvalidCandidate::BadExport(format!("no `{name}` export")))
	};
	if !matches!(export(MEMORY_EXPORT)?, ExternType::Memory(_)) {
		return Err(InvalidCandidate::BadExport(format!("`{MEMORY_EXPORT}` is not a memory")));
	}
	let function = |name: &str, params: &[ValType], results: &[ValType]| {
		let same = |have: &mut dyn ExactSizeIterator<Item = ValType>, want: &[ValType]| {
			have.len() == want.len() && have.zip(want).all(|(a, b)| ValType::eq(&a, b))
		};
		let ok = match export(name)? {
			ExternType::Func(f) => same(&mut f.params(), params) && same(&mut f.results(), results),
			_ => false,
		};
		if ok {
			Ok(())
		} else {
			Err(InvalidCandidate::BadExport(format!("`{name}` has the wrong type")))
		}
	};
	function(ALLOC_EXPORT, &[ValType::I32], &[ValType::I32])?;
	function(VALIDATE_BLOCK_EXPORT, &[ValType::I32, ValType::I32], &[ValType::I64])
}

/// Instantiate, write the params where `alloc` says, call `validate_block`, decode the result.
fn run(
	store: &mut Store<Limiter>,
	pre: &InstancePre<Limiter>,
	params: &[u8],
) -> Result<ValidationResult, InvalidCandidate> {
	let instance = pre.instantiate(&mut *store).map_err(trap)?;
	let memory = instance
		.get_memory(&mut *store, MEMORY_EXPORT)
		.ok_or_else(|| InvalidCandidate::BadExport(format!("no `{MEMORY_EXPORT}` export")))?;
	let bad_export = |e: anyhow::Error| InvalidCandidate::BadExport(format!("{e:#}"));
	let alloc = instance
		.get_typed_func::<i32, i32>(&mut *store, ALLOC_EXPORT)
		.map_err(bad_export)?;
	let validate = instance
		.get_typed_func::<(i32, i32), i64>(&mut *store, VALIDATE_BLOCK_EXPORT)
		.map_err(bad_export)?;
	let len = u32::try_from(params.len()).map_err(|_| InvalidCandidate::ParamsOutOfBounds)?;
	// WebAssembly has no unsigned types: pointers and lengths travel in the bits of an i32.
	let ptr = alloc.call(&mut *store, len as i32).map_err(trap)? as u32;
	memory
		.write(&mut *store, ptr as usize, params)
		.map_err(|_| InvalidCandidate::ParamsOutOfBounds)?;
	let packed = validate.call(&mut *store, (ptr as i32, len as i32)).map_err(trap)? as u64;
	let (result_ptr, result_len) = decode_result_location(packed);
	let start = result_ptr as usize;
	let bytes = start
		.checked_add(result_len as usize)
		.and_then(|end| memory.data(&*store).get(start..end))
		.ok_or(InvalidCandidate::ResultOutOfBounds)?;
	ValidationResult::decode_all(&mut &bytes[..])
		.map_err(|e| InvalidCandidate::BadResult(e.to_string()))
}

/// The chain's limits on what a candidate produces.
fn check_result(
	result: ValidationResult,
	chain: &ChainLimits,
) -> Result<ValidationResult, InvalidCandidate> {
	let size = |len: usize| u32::try_from(len).unwrap_or(u32::MAX);
	let head = size(result.head_data.0.len());
	if head > chain.max_head_size {
		return Err(InvalidCandidate::HeadTooLarge { size: head, max: chain.max_head_size });
	}
	if let Some(code) = &result.new_validation_code {
		let code = size(code.0.len());
		if code > chain.max_code_size {
			return Err(InvalidCandidate::CodeTooLarge { size: code, max: chain.max_code_size });
		}
	}
	Ok(result)
}

/// A trap (or a failed instantiation) as an invalid candidate.
fn trap(error: anyhow::Error) -> InvalidCandidate {
	match error.downcast_ref::<Trap>() {
		Some(code) => InvalidCandidate::Trap(code.to_string()),
		None => InvalidCandidate::Trap(format!("{error:#}")),
	}
}

/// The CPU time the calling thread has used.
pub fn thread_cpu_time() -> Duration {
	let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
	// SAFETY: `now` is a valid, writable timespec; CLOCK_THREAD_CPUTIME_ID exists on Linux.
	let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
	if rc != 0 {
		return Duration::ZERO;
	}
	Duration::new(now.tv_sec.max(0) as u64, now.tv_nsec.clamp(0, 999_999_999) as u32)
}
