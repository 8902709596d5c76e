//! Helpers of the PVF host tests: a host whose worker is this crate's `relay-pvf-worker` binary,
//! modules written in WebAssembly text, and params.

#![allow(dead_code)] // Each test module uses a different subset.

use codec::Encode;
use relay_primitives::{BlockData, HeadData, ValidationCode, ValidationParams, ValidationResult};
use relay_pvf::{HostConfig, PvfHost};
use std::time::Duration;

/// The worker binary cargo built for these tests.
pub const WORKER: &str = env!("CARGO_BIN_EXE_relay-pvf-worker");

/// CPU time an execution may take in these tests (shorter than backing's 2 s, so the timeout
/// tests are quick).
pub const TEST_EXECUTE_TIMEOUT: Duration = Duration::from_millis(500);

/// A host with the test worker and [`TEST_EXECUTE_TIMEOUT`].
pub fn host() -> PvfHost {
	let mut config = HostConfig::new(WORKER, &[]);
	config.execute_timeout = TEST_EXECUTE_TIMEOUT;
	PvfHost::new(config)
}

/// Code from WebAssembly text.
pub fn wat(text: &str) -> ValidationCode {
	ValidationCode(wat::parse_str(text).expect("valid WebAssembly text"))
}

/// Some params (what a module that ignores them gets).
pub fn params() -> ValidationParams {
	ValidationParams {
		parent_head: HeadData(vec![1, 2, 3]),
		block_data: BlockData(vec![0xaa, 0xbb]),
		relay_parent_number: 7,
		relay_parent_storage_root: [0x11; 32].into(),
	}
}

/// `bytes` as a WebAssembly text string literal body (`\xx` escapes).
pub fn wat_bytes(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("\\{b:02x}")).collect()
}

/// A module that follows the ABI and returns `result`, which it keeps at address 0 (its data
/// segment); `alloc` hands out address 1024 onwards; `pages` of memory.
pub fn returns(result: &[u8], pages: u32) -> ValidationCode {
	returns_at(result, 0, result.len() as u64, pages)
}

/// Like [`returns`], but `validate_block` reports the location `(ptr, len)`.
pub fn returns_at(result: &[u8], ptr: u64, len: u64, pages: u32) -> ValidationCode {
	let packed = (ptr & 0xffff_ffff) | (len << 32);
	wat(&format!(
		r#"(module
			(memory (export "memory") {pages})
			(data (i32.const 0) "{data}")
			(func (export "alloc") (param i32) (result i32) i32.const 1024)
			(func (export "validate_block") (param i32 i32) (result i64) i64.const {packed}))"#,
		data = wat_bytes(result),
		packed = packed as i64,
	))
}

/// The encoded result `{ head_data: [1, 2, 3], new_validation_code: None }`.
pub fn small_result() -> Vec<u8> {
	ValidationResult::new(HeadData(vec![1, 2, 3]), None, 0).encode()
}
