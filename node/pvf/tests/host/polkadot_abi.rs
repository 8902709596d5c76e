//! Polkadot's PVF ABI through the real host and worker process: host-allocated params, the host
//! functions Polkadot offers (and traps for those it does not), compressed block data, and every
//! kind of bad input, each with its typed error while the host keeps serving.

use crate::common::*;
use codec::Encode;
use relay_primitives::{BlockData, HeadData, ValidationCode, ValidationParams, ValidationResult};
use relay_pvf::{ChainLimits, InvalidCandidate, PvfHost, ValidationError};

/// Where the modules below build their result.
const RESULT_AT: u32 = 1024;

/// A Polkadot-ABI module: memory imported from `env` (as `substrate-wasm-builder` links it),
/// `__heap_base` exported, `imports` and `body` spliced in. `validate_block(ptr, len)` gets the
/// params where the host's allocator put them.
fn polkadot_module(imports: &str, body: &str) -> ValidationCode {
	wat(&format!(
		r#"(module
			(import "env" "memory" (memory 2))
			{imports}
			(global (export "__heap_base") i32 (i32.const 65536))
			(data (i32.const {RESULT_AT}) "\80")
			(func (export "validate_block") (param $ptr i32) (param $len i32) (result i64)
				{body}))"#
	))
}

/// `validate_block` hashes the params it was given with the host's `blake2_256` and returns
/// `ValidationResult { head_data: the hash, .. }` (44 bytes at [`RESULT_AT`]: a compact length
/// of 32, the hash, three empty fields and two zero `u32`s).
fn hashes_its_params() -> ValidationCode {
	polkadot_module(
		r#"(import "env" "ext_hashing_blake2_256_version_1" (func $blake2 (param i64) (result i32)))"#,
		&format!(
			r#"(local $hash i32) (local $i i32)
			(local.set $hash (call $blake2
				(i64.or (i64.extend_i32_u (local.get $ptr))
					(i64.shl (i64.extend_i32_u (local.get $len)) (i64.const 32)))))
			(loop $copy
				(i64.store (i32.add (i32.const {head}) (local.get $i))
					(i64.load (i32.add (local.get $hash) (local.get $i))))
				(local.set $i (i32.add (local.get $i) (i32.const 8)))
				(br_if $copy (i32.lt_u (local.get $i) (i32.const 32))))
			(i64.or (i64.const {RESULT_AT}) (i64.shl (i64.const 44) (i64.const 32)))"#,
			head = RESULT_AT + 1,
		),
	)
}

/// What [`hashes_its_params`] returns for `params`.
fn hashed(params: &ValidationParams) -> ValidationResult {
	let hash = sp_crypto_hashing::blake2_256(&params.encode());
	ValidationResult::new(HeadData(hash.to_vec()), None, 0)
}

/// Runs `code`, expects `expected`, then checks the same host still validates a good module.
fn refused(
	host: &PvfHost,
	code: &ValidationCode,
	params: &ValidationParams,
	expected: impl Fn(&InvalidCandidate) -> bool,
) {
	match host.validate(code, params) {
		Err(ValidationError::Invalid(e)) if expected(&e) => println!("refused as expected: {e:?}"),
		other => panic!("unexpected outcome: {other:?}"),
	}
	let good = crate::common::params();
	let outcome = host.validate(&hashes_its_params(), &good).expect("a good module");
	assert_eq!(outcome.result, hashed(&good));
}

#[test]
fn params_are_host_allocated_and_host_functions_answer() {
	let host = host();
	let outcome = host.validate(&hashes_its_params(), &params()).expect("valid");
	assert_eq!(outcome.result, hashed(&params()));
	assert!(outcome.prepare_time.is_some());
	let mut other = params();
	other.relay_parent_number += 1;
	let again = host.validate(&hashes_its_params(), &other).expect("valid");
	assert_eq!(again.result, hashed(&other), "the module saw the new params");
	assert_eq!(again.prepare_time, None, "prepared once, by code hash");
}

#[test]
fn compressed_block_data_is_decompressed_first_and_bombs_are_refused() {
	let host = host();
	let block = vec![7u8; 100_000];
	let mut compressed = params();
	compressed.block_data =
		BlockData(sp_maybe_compressed_blob::compress_weakly(&block, block.len()).expect("zstd"));
	assert!(compressed.block_data.0.len() < 1_000);
	let mut plain = params();
	plain.block_data = BlockData(block);
	let outcome = host.validate(&hashes_its_params(), &compressed).expect("valid");
	assert_eq!(outcome.result, hashed(&plain), "the module saw the decompressed block");

	let limit = ChainLimits::default().pov_bomb_limit() as usize;
	let mut bomb = params();
	bomb.block_data = BlockData(
		sp_maybe_compressed_blob::compress_weakly(&vec![0u8; limit + 1], limit + 1).expect("zstd"),
	);
	assert!(bomb.block_data.0.len() < 100_000, "the bomb is small ({})", bomb.block_data.0.len());
	refused(
		&host,
		&hashes_its_params(),
		&bomb,
		|e| matches!(e, InvalidCandidate::Decompression(m) if m.contains("block data")),
	);
	let code_bomb = ValidationCode(
		sp_maybe_compressed_blob::compress_weakly(
			&vec![0u8; ChainLimits::default().code_bomb_limit() as usize + 1],
			usize::MAX,
		)
		.expect("zstd"),
	);
	refused(&host, &code_bomb, &params(), |e| matches!(e, InvalidCandidate::Decompression(_)));
}

#[test]
fn host_functions_outside_the_set_and_storage_trap_when_called() {
	let host = host();
	for (import, call) in [
		("ext_storage_get_version_1 (param i64) (result i64)", "(drop (call $f (i64.const 0)))"),
		("ext_storage_set_version_1 (param i64 i64)", "(call $f (i64.const 0) (i64.const 0))"),
		("ext_offchain_timestamp_version_1 (result i64)", "(drop (call $f))"),
		("ext_made_up_version_1 (param i32) (result i32)", "(drop (call $f (i32.const 0)))"),
	] {
		let name = import.split(' ').next().expect("a name");
		let code = polkadot_module(
			&format!(r#"(import "env" "{name}" (func $f {}))"#, &import[name.len()..]),
			&format!("{call} (i64.const 0)"),
		);
		refused(
			&host,
			&code,
			&params(),
			|e| matches!(e, InvalidCandidate::Trap(m) if m.contains(name)),
		);
		// Named but never called: the module runs (Polkadot links missing imports as stubs).
		let unused = polkadot_module(
			&format!(r#"(import "env" "{name}" (func $f {}))"#, &import[name.len()..]),
			"(i64.or (i64.const 1024) (i64.shl (i64.const 1) (i64.const 32)))",
		);
		refused(&host, &unused, &params(), |e| matches!(e, InvalidCandidate::BadResult(_)));
	}
}

#[test]
fn an_infinite_loop_is_stopped_at_the_cpu_limit_and_the_worker_replaced() {
	let host = host();
	let code = polkadot_module("", "(loop br 0) (i64.const 0)");
	let _ = host.validate(&hashes_its_params(), &params()).expect("valid");
	let before = host.worker_pid().expect("a worker");
	refused(&host, &code, &params(), |e| *e == InvalidCandidate::Timeout);
	assert_ne!(host.worker_pid(), Some(before), "the worker that overran was ended");
}

#[test]
fn bad_modules_and_results_are_refused() {
	let host = host();
	let no_heap_base = wat(r#"(module
			(import "env" "memory" (memory 2))
			(func (export "validate_block") (param i32 i32) (result i64) (i64.const 0)))"#);
	refused(
		&host,
		&no_heap_base,
		&params(),
		|e| matches!(e, InvalidCandidate::BadExport(m) if m.contains("__heap_base")),
	);
	let no_validate = wat(r#"(module
			(import "env" "memory" (memory 2))
			(global (export "__heap_base") i32 (i32.const 65536)))"#);
	refused(
		&host,
		&no_validate,
		&params(),
		|e| matches!(e, InvalidCandidate::BadExport(m) if m.contains("validate_block")),
	);
	let unreachable = polkadot_module("", "unreachable");
	refused(&host, &unreachable, &params(), |e| matches!(e, InvalidCandidate::Trap(_)));
	let beyond = polkadot_module(
		"",
		"(i64.or (i64.const 0xffff_fff0) (i64.shl (i64.const 0x100) (i64.const 32)))",
	);
	refused(&host, &beyond, &params(), |e| *e == InvalidCandidate::ResultOutOfBounds);
	let not_a_result =
		polkadot_module("", "(i64.or (i64.const 1024) (i64.shl (i64.const 3) (i64.const 32)))");
	refused(&host, &not_a_result, &params(), |e| matches!(e, InvalidCandidate::BadResult(_)));
	let huge_memory = wat(r#"(module
			(import "env" "memory" (memory 2081))
			(global (export "__heap_base") i32 (i32.const 65536))
			(func (export "validate_block") (param i32 i32) (result i64) (i64.const 0)))"#);
	refused(&host, &huge_memory, &params(), |e| *e == InvalidCandidate::OutOfMemory);
	let garbage_params = host.validate_encoded(&hashes_its_params(), &[1, 2, 3]);
	assert!(
		matches!(garbage_params, Err(ValidationError::Invalid(InvalidCandidate::BadParams(_)))),
		"{garbage_params:?}"
	);
}
