//! Our own PVF ABI, for code built without the Polkadot SDK (our example para): no imports at
//! all; the module exports `memory`, `alloc: (i32) -> i32` and
//! `validate_block: (i32, i32) -> i64`. The host asks `alloc` for room for the encoded params,
//! writes them there, calls `validate_block`, and decodes a `ValidationResult` at the packed
//! location it returns (`relay_primitives::candidate`). Run directly on wasmtime: memory and
//! table growth limited by a [`ResourceLimiter`], CPU time checked at every epoch tick.

use crate::{
	error::InvalidCandidate,
	limits::{MAX_MEMORY_PAGES, MAX_TABLE_ELEMENTS, WASM_PAGE_SIZE},
};
use codec::DecodeAll;
use relay_primitives::{
	candidate::{decode_result_location, ALLOC_EXPORT, MEMORY_EXPORT, VALIDATE_BLOCK_EXPORT},
	ValidationResult,
};
use wasmtime::{ExternType, InstancePre, Module, ResourceLimiter, Store, Trap, ValType};

/// The largest a module's memory may be, in bytes.
pub const MAX_MEMORY_BYTES: u64 = MAX_MEMORY_PAGES as u64 * WASM_PAGE_SIZE;

/// The store's data: the limiter, and which limit stopped the execution.
#[derive(Default)]
pub struct Limiter {
	/// A memory or table would have grown past its limit.
	pub out_of_memory: bool,
	/// The CPU-time limit stopped the execution.
	pub timed_out: bool,
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
pub fn check_interface(module: &Module) -> Result<(), InvalidCandidate> {
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
pub fn run(
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

/// A trap (or a failed instantiation) as an invalid candidate.
pub fn trap(error: anyhow::Error) -> InvalidCandidate {
	match error.downcast_ref::<Trap>() {
		Some(code) => InvalidCandidate::Trap(code.to_string()),
		None => InvalidCandidate::Trap(format!("{error:#}")),
	}
}
