//! Preparing and executing validation code, under the limits of [`crate::limits`]. This runs
//! inside the worker process (and in-process in unit tests): the validator process never
//! compiles or runs untrusted code.
//!
//! Two ABIs, told apart by the module's exports ([`Abi::of`]):
//! - **Ours** ([`crate::own_abi`]): the module exports a function `alloc` and imports nothing;
//!   run directly on wasmtime with epoch interruption.
//! - **Polkadot's** ([`crate::polkadot_abi`]): everything else, as Polkadot's PVF host runs it
//!   (`sc-executor`'s wasmtime backend, host-allocated params, `sp-io`'s host functions).
//!
//! - **Prepare**: decompress (within the chain's code bomb limit), parse, pick the ABI, inject
//!   the deterministic stack limit, compile. Deterministic semantics in both: WebAssembly MVP
//!   features (plus mutable globals and sign extension), NaNs canonicalised.
//! - **Execute**: a fresh instance per candidate; the result checked against the chain's limits.

use crate::{
	error::InvalidCandidate,
	limits::{
		ChainLimits, EPOCH_TICK, LOGICAL_STACK_MAX, MAX_MEMORY_PAGES, NATIVE_STACK_MAX,
		WASM_PAGE_SIZE,
	},
	own_abi::{self, check_interface, Limiter, MAX_MEMORY_BYTES},
	polkadot_abi::{self, HEAP_BASE_EXPORT},
};
use relay_primitives::{
	candidate::{ALLOC_EXPORT, VALIDATE_BLOCK_EXPORT},
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
use wasmtime::{Config, Engine, InstancePre, Linker, Module, Store, UpdateDeadline};

/// Which ABI a module follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abi {
	/// Ours: it exports a function `alloc`.
	Own,
	/// Polkadot's: it does not; it exports `validate_block` and `__heap_base`.
	Polkadot,
}

impl Abi {
	/// The ABI of the (decompressed) module `raw`, from its export section; an error if the
	/// sections up to it do not parse, if a memory it declares or imports starts above
	/// [`MAX_MEMORY_PAGES`], or if a Polkadot-ABI module lacks `validate_block` or
	/// `__heap_base` (checked here, before compiling, rather than at every execution).
	pub fn of(raw: &[u8]) -> Result<Self, InvalidCandidate> {
		use wasmparser::{ExternalKind, Parser, Payload, TypeRef};
		let invalid =
			|e: wasmparser::BinaryReaderError| InvalidCandidate::InvalidModule(e.to_string());
		let memory = |initial: u64| {
			if initial > u64::from(MAX_MEMORY_PAGES) {
				Err(InvalidCandidate::OutOfMemory)
			} else {
				Ok(())
			}
		};
		let mut exports = Vec::new();
		for payload in Parser::new(0).parse_all(raw) {
			match payload.map_err(invalid)? {
				Payload::ImportSection(section) => {
					for import in section {
						if let TypeRef::Memory(ty) = import.map_err(invalid)?.ty {
							memory(ty.initial)?;
						}
					}
				},
				Payload::MemorySection(section) => {
					for ty in section {
						memory(ty.map_err(invalid)?.initial)?;
					}
				},
				Payload::ExportSection(section) => {
					for export in section {
						let export = export.map_err(invalid)?;
						exports.push((export.name.to_owned(), export.kind));
					}
					break;
				},
				_ => {},
			}
		}
		let has =
			|name: &str, kind: ExternalKind| exports.iter().any(|e| e.0 == name && e.1 == kind);
		if has(ALLOC_EXPORT, ExternalKind::Func) {
			return Ok(Self::Own);
		}
		for (name, kind) in
			[(VALIDATE_BLOCK_EXPORT, ExternalKind::Func), (HEAP_BASE_EXPORT, ExternalKind::Global)]
		{
			if !has(name, kind) {
				return Err(InvalidCandidate::BadExport(format!("no `{name}` export")));
			}
		}
		Ok(Self::Polkadot)
	}
}

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
pub enum Prepared {
	/// Code in our own ABI.
	Own(InstancePre<Limiter>),
	/// Code in Polkadot's ABI.
	Polkadot(polkadot_abi::Prepared),
}

impl Prepared {
	/// The ABI the code follows.
	pub fn abi(&self) -> Abi {
		match self {
			Self::Own(_) => Abi::Own,
			Self::Polkadot(_) => Abi::Polkadot,
		}
	}
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
		let raw = sp_maybe_compressed_blob::decompress(code, chain.code_bomb_limit() as usize)
			.map_err(|e| InvalidCandidate::Decompression(e.to_string()))?;
		if !raw.starts_with(&WASM_MAGIC) {
			return Err(InvalidCandidate::InvalidModule("not a WebAssembly module".into()));
		}
		if Abi::of(&raw)? == Abi::Polkadot {
			return polkadot_abi::prepare(&raw).map(Prepared::Polkadot);
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
		Ok(Prepared::Own(pre))
	}

	/// Runs the prepared code on the encoded `params`: the result, checked against the chain's
	/// limits, or why the candidate is invalid. Code in our ABI is stopped after `cpu_limit` of
	/// CPU time; Polkadot-ABI code cannot be interrupted, so its caller watches the CPU time
	/// (the worker's monitor ends the process).
	pub fn execute(
		&self,
		prepared: &Prepared,
		params: &[u8],
		cpu_limit: Duration,
		chain: &ChainLimits,
	) -> Result<ValidationResult, InvalidCandidate> {
		let pre = match prepared {
			Prepared::Own(pre) => pre,
			Prepared::Polkadot(prepared) => {
				return polkadot_abi::execute(prepared, params, chain)
					.and_then(|result| check_result(result, chain))
			},
		};
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
		let outcome = own_abi::run(&mut store, pre, params);
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

#[cfg(test)]
mod tests {
	use super::*;

	fn module(text: &str) -> Vec<u8> {
		wat::parse_str(text).expect("valid WebAssembly text")
	}

	#[test]
	fn the_abi_follows_the_exports() {
		let own = module(
			r#"(module (memory (export "memory") 1)
				(func (export "alloc") (param i32) (result i32) i32.const 0))"#,
		);
		assert_eq!(Abi::of(&own), Ok(Abi::Own));
		let mut padded = own.clone();
		padded.resize(own.len() + 1024, 0);
		assert_eq!(Abi::of(&padded), Ok(Abi::Own), "bytes after the exports are not read");
		let polkadot = module(
			r#"(module (import "env" "memory" (memory 1))
				(global (export "__heap_base") i32 (i32.const 0))
				(func (export "validate_block") (param i32 i32) (result i64) i64.const 0))"#,
		);
		assert_eq!(Abi::of(&polkadot), Ok(Abi::Polkadot));
		let no_heap_base = module(
			r#"(module (import "env" "memory" (memory 1))
				(func (export "validate_block") (param i32 i32) (result i64) i64.const 0))"#,
		);
		assert!(
			matches!(Abi::of(&no_heap_base), Err(InvalidCandidate::BadExport(m)) if m.contains("__heap_base"))
		);
		assert!(matches!(
			Abi::of(&[0, 97, 115, 109, 1, 0, 0, 0, 7]),
			Err(InvalidCandidate::InvalidModule(_))
		));
		let huge = |memory: &str| {
			module(&format!(
				r#"(module {memory}
					(global (export "__heap_base") i32 (i32.const 0))
					(func (export "validate_block") (param i32 i32) (result i64) i64.const 0))"#
			))
		};
		let (max, over) = (MAX_MEMORY_PAGES, MAX_MEMORY_PAGES + 1);
		assert_eq!(
			Abi::of(&huge(&format!(r#"(import "env" "memory" (memory {max}))"#))),
			Ok(Abi::Polkadot)
		);
		assert_eq!(
			Abi::of(&huge(&format!(r#"(import "env" "memory" (memory {over}))"#))),
			Err(InvalidCandidate::OutOfMemory)
		);
		assert_eq!(
			Abi::of(&huge(&format!(r#"(memory (export "memory") {over})"#))),
			Err(InvalidCandidate::OutOfMemory)
		);
	}
}
