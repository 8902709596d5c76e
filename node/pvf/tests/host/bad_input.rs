//! Every kind of bad validation code or result, through the real host and worker process: each
//! gets its typed error, and the host keeps serving (the next job, a valid one, succeeds).

use crate::common::*;
use codec::Encode;
use relay_primitives::{HeadData, ValidationCode, ValidationResult};
use relay_pvf::{
	limits::MAX_MEMORY_PAGES, ChainLimits, HostConfig, InternalError, InvalidCandidate, PvfHost,
	ValidationError,
};
use std::time::Duration;

/// Runs `code`, expects `expected`, then checks the same host still validates a good module.
fn refused(host: &PvfHost, code: &ValidationCode, expected: impl Fn(&InvalidCandidate) -> bool) {
	match host.validate(code, &params()) {
		Err(ValidationError::Invalid(e)) if expected(&e) => println!("refused as expected: {e:?}"),
		other => panic!("unexpected outcome: {other:?}"),
	}
	still_serves(host);
}

fn still_serves(host: &PvfHost) {
	let outcome = host.validate(&returns(&small_result(), 1), &params()).expect("a good module");
	assert_eq!(outcome.result.head_data, HeadData(vec![1, 2, 3]));
}

#[test]
fn a_module_that_follows_the_abi_is_run_and_its_result_returned() {
	let host = host();
	let outcome = host.validate(&returns(&small_result(), 1), &params()).expect("valid");
	assert_eq!(outcome.result, ValidationResult::new(HeadData(vec![1, 2, 3]), None, 0));
	assert!(outcome.prepare_time.is_some(), "the first job prepares the code");
	let again = host.validate(&returns(&small_result(), 1), &params()).expect("valid");
	assert_eq!(again.prepare_time, None, "the second job finds it prepared");
}

#[test]
fn the_module_reads_the_params_where_alloc_put_them() {
	// `validate_block` returns the params themselves as the result location, so the host reads
	// back exactly what it wrote: the 43 bytes of the example in relay-primitives' docs, which
	// are not a `ValidationResult` (BadResult), unless the params are one.
	let echo = wat(r#"(module
			(memory (export "memory") 1)
			(func (export "alloc") (param i32) (result i32) i32.const 4096)
			(func (export "validate_block") (param $ptr i32) (param $len i32) (result i64)
				(i64.or
					(i64.extend_i32_u (local.get $ptr))
					(i64.shl (i64.extend_i32_u (local.get $len)) (i64.const 32)))))"#);
	let host = host();
	let encoded_result = ValidationResult::new(HeadData(vec![9; 5]), None, 0).encode();
	let outcome = host.validate_encoded(&echo, &encoded_result).expect("echoes a result");
	assert_eq!(outcome.result.head_data, HeadData(vec![9; 5]));
	match host.validate(&echo, &params()) {
		Err(ValidationError::Invalid(InvalidCandidate::BadResult(_))) => {},
		other => panic!("unexpected: {other:?}"),
	}
}

#[test]
fn an_infinite_loop_is_stopped_at_the_cpu_limit() {
	let host = host();
	let code = wat(r#"(module
			(memory (export "memory") 1)
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64) (loop br 0) i64.const 0))"#);
	refused(&host, &code, |e| *e == InvalidCandidate::Timeout);
}

#[test]
fn memory_bombs_are_refused() {
	let host = host();
	// An initial memory above the limit.
	let initial = wat(&format!(
		r#"(module
			(memory (export "memory") {})
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64) i64.const 0))"#,
		MAX_MEMORY_PAGES + 1
	));
	refused(&host, &initial, |e| *e == InvalidCandidate::OutOfMemory);
	// `memory.grow` in a loop until it fails.
	let growing = wat(r#"(module
			(memory (export "memory") 1)
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64)
				(loop (br_if 0 (i32.ne (memory.grow (i32.const 16)) (i32.const -1))))
				i64.const 0))"#);
	refused(&host, &growing, |e| *e == InvalidCandidate::OutOfMemory);
}

#[test]
fn deep_recursion_traps_at_the_stack_limit() {
	let host = host();
	let code = wat(r#"(module
			(memory (export "memory") 1)
			(func $down (param i32) (result i32) (call $down (i32.add (local.get 0) (i32.const 1))))
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64)
				(drop (call $down (i32.const 0))) i64.const 0))"#);
	refused(&host, &code, |e| matches!(e, InvalidCandidate::Trap(_)));
}

#[test]
fn imports_and_bad_exports_are_refused() {
	let host = host();
	let imports = wat(r#"(module
			(import "env" "ext_hash" (func (param i32)))
			(memory (export "memory") 1)
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64) i64.const 0))"#);
	refused(&host, &imports, |e| matches!(e, InvalidCandidate::Imports(_)));
	let imported_memory = wat(r#"(module
			(import "env" "memory" (memory 1))
			(export "memory" (memory 0))
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64) i64.const 0))"#);
	refused(&host, &imported_memory, |e| matches!(e, InvalidCandidate::Imports(_)));
	let no_validate = wat(r#"(module
			(memory (export "memory") 1)
			(func (export "alloc") (param i32) (result i32) i32.const 1024))"#);
	refused(
		&host,
		&no_validate,
		|e| matches!(e, InvalidCandidate::BadExport(m) if m.contains("validate_block")),
	);
	let no_memory = wat(r#"(module
			(memory 1)
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64) i64.const 0))"#);
	refused(
		&host,
		&no_memory,
		|e| matches!(e, InvalidCandidate::BadExport(m) if m.contains("memory")),
	);
	let mistyped = wat(r#"(module
			(memory (export "memory") 1)
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32) (result i32) i32.const 0))"#);
	refused(
		&host,
		&mistyped,
		|e| matches!(e, InvalidCandidate::BadExport(m) if m.contains("validate_block")),
	);
	let mistyped_alloc = wat(r#"(module
			(memory (export "memory") 1)
			(func (export "alloc") (param i64) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64) i64.const 0))"#);
	refused(
		&host,
		&mistyped_alloc,
		|e| matches!(e, InvalidCandidate::BadExport(m) if m.contains("alloc")),
	);
}

#[test]
fn results_out_of_bounds_or_with_trailing_bytes_are_refused() {
	let host = host();
	let beyond = returns_at(&small_result(), 0xffff_fff0, 5, 1);
	refused(&host, &beyond, |e| *e == InvalidCandidate::ResultOutOfBounds);
	let too_long = returns_at(&small_result(), 65_530, 100, 1);
	refused(&host, &too_long, |e| *e == InvalidCandidate::ResultOutOfBounds);
	let mut trailing = small_result();
	trailing.push(0);
	refused(&host, &returns(&trailing, 1), |e| matches!(e, InvalidCandidate::BadResult(_)));
	refused(&host, &returns(&[0xff, 0xff], 1), |e| matches!(e, InvalidCandidate::BadResult(_)));
	let alloc_outside = wat(r#"(module
			(memory (export "memory") 1)
			(func (export "alloc") (param i32) (result i32) i32.const 65535)
			(func (export "validate_block") (param i32 i32) (result i64) i64.const 0))"#);
	refused(&host, &alloc_outside, |e| *e == InvalidCandidate::ParamsOutOfBounds);
}

#[test]
fn heads_and_code_above_the_chain_limits_are_refused() {
	let host = host();
	let chain = ChainLimits::default();
	// `{ head_data: <max + 1 zero bytes>, new_validation_code: None, .. }`: the compact length
	// prefix, then the memory's zeroes: the head, `None`, no upward and no horizontal messages
	// (a zero compact length each), no processed downward messages and watermark 0 (four zero
	// bytes each).
	const NO_MESSAGES: u64 = 1 + 1 + 4 + 4;
	let head_len = chain.max_head_size + 1;
	let mut prefix = codec::Compact(head_len).encode();
	let total = prefix.len() as u64 + u64::from(head_len) + 1 + NO_MESSAGES;
	prefix.resize(total as usize, 0);
	let big_head = returns_at(&prefix, 0, total, 2);
	refused(&host, &big_head, |e| {
		*e == InvalidCandidate::HeadTooLarge { size: head_len, max: chain.max_head_size }
	});
	// `{ head_data: [], new_validation_code: Some(<max + 1 zero bytes>), .. }`.
	let code_len = chain.max_code_size + 1;
	let mut prefix = vec![0u8, 1];
	prefix.extend(codec::Compact(code_len).encode());
	let total = prefix.len() as u64 + u64::from(code_len) + NO_MESSAGES;
	let pages = (total / 65_536 + 1) as u32;
	let big_code = returns_at(&prefix, 0, total, pages);
	refused(&host, &big_code, |e| {
		*e == InvalidCandidate::CodeTooLarge { size: code_len, max: chain.max_code_size }
	});
}

#[test]
fn garbage_and_compression_bombs_are_refused() {
	let host = host();
	refused(&host, &ValidationCode(vec![7; 100]), |e| {
		matches!(e, InvalidCandidate::InvalidModule(_))
	});
	let mut truncated = returns(&small_result(), 1).0;
	truncated.truncate(truncated.len() / 2);
	refused(&host, &ValidationCode(truncated), |e| matches!(e, InvalidCandidate::InvalidModule(_)));
	// Compressed, it is small; inflated it would be 1 MiB above the code's bomb limit.
	let max = ChainLimits::default().code_bomb_limit() as usize;
	let mut inflated = returns(&small_result(), 1).0;
	inflated.resize(max + 1024 * 1024, 0);
	let bomb = sp_maybe_compressed_blob::compress_weakly(&inflated, 2 * max).expect("compresses");
	assert!(bomb.len() < 100 * 1024, "the bomb itself is small ({} bytes)", bomb.len());
	refused(&host, &ValidationCode(bomb), |e| matches!(e, InvalidCandidate::Decompression(_)));
	// A blob with the compression prefix whose payload is not zstd.
	let mut fake = sp_maybe_compressed_blob::compress_weakly(b"\0asm", 1024).expect("compresses");
	fake.truncate(9);
	fake.extend([0xde, 0xad, 0xbe, 0xef]);
	refused(&host, &ValidationCode(fake), |e| matches!(e, InvalidCandidate::Decompression(_)));
}

#[test]
fn compressed_code_is_run() {
	let host = host();
	let code = returns(&small_result(), 1);
	let compressed =
		sp_maybe_compressed_blob::compress_weakly(&code.0, 1024 * 1024).expect("compresses");
	assert_ne!(compressed, code.0);
	let outcome = host.validate(&ValidationCode(compressed), &params()).expect("runs");
	assert_eq!(outcome.result.head_data, HeadData(vec![1, 2, 3]));
}

#[test]
fn a_preparation_over_its_cpu_limit_is_stopped_and_the_worker_restarted() {
	// Thousands of functions take far longer than 100 ms of CPU to compile.
	let mut text = String::from(
		r#"(module (memory (export "memory") 1)
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64) i64.const 0)"#,
	);
	for i in 0..4_000 {
		text.push_str(&format!("(func $f{i} (param i32) (result i32) local.get 0"));
		for _ in 0..64 {
			text.push_str(" i32.const 3 i32.mul i32.const 7 i32.add");
		}
		text.push(')');
	}
	text.push(')');
	let mut config = HostConfig::new(WORKER, &[]);
	config.prepare_timeout = Duration::from_millis(100);
	let host = PvfHost::new(config);
	let first = host.validate(&returns(&small_result(), 1), &params()).expect("a small module");
	assert_eq!(first.result.head_data, HeadData(vec![1, 2, 3]));
	let pid = host.worker_pid();
	refused(&host, &wat(&text), |e| *e == InvalidCandidate::PrepareTimeout);
	assert_ne!(host.worker_pid(), pid, "a new worker serves after the timeout");
}

#[test]
fn a_worker_killed_mid_job_is_an_internal_error_and_is_replaced() {
	let mut config = HostConfig::new(WORKER, &[]);
	config.execute_timeout = Duration::from_secs(60);
	let host = std::sync::Arc::new(PvfHost::new(config));
	still_serves(&host);
	let pid = host.worker_pid().expect("a worker runs");
	let looping = wat(r#"(module
			(memory (export "memory") 1)
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64) (loop br 0) i64.const 0))"#);
	let job = {
		let host = std::sync::Arc::clone(&host);
		std::thread::spawn(move || host.validate(&looping, &params()))
	};
	// Let the job start, then kill the worker from outside.
	std::thread::sleep(Duration::from_millis(500));
	// SAFETY: sending SIGKILL to the worker process this test's host started.
	assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGKILL) }, 0);
	match job.join().expect("the job thread returns") {
		Err(ValidationError::Internal(InternalError::WorkerDied(why))) => println!("{why}"),
		other => panic!("unexpected: {other:?}"),
	}
	still_serves(&host);
	assert_ne!(host.worker_pid(), Some(pid), "a new worker");
}

#[test]
fn a_worker_that_cannot_start_is_an_internal_error() {
	let host = PvfHost::new(HostConfig::new("/nonexistent/relay-pvf-worker", &[]));
	match host.validate(&returns(&small_result(), 1), &params()) {
		Err(ValidationError::Internal(InternalError::Spawn(_))) => {},
		other => panic!("unexpected: {other:?}"),
	}
}
