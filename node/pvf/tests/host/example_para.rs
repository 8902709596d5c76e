//! The example parachain's validation function as the relay runtime's build made it (WASM, run
//! by the real host and worker) against its native build: the same result bytes on random
//! blocks, and the same verdict on invalid ones.

use crate::common::*;
use codec::Encode;
use example_para::{genesis_head, genesis_state, Block, Head, Op, State};
use proptest::prelude::*;
use relay_primitives::{ValidationCode, ValidationParams};
use relay_pvf::{InvalidCandidate, PvfHost, ValidationError};
use std::sync::OnceLock;

fn code() -> ValidationCode {
	ValidationCode(
		relay_runtime::EXAMPLE_PARA_WASM
			.expect("the runtime was built with WASM")
			.to_vec(),
	)
}

/// One host for the whole file (its worker keeps the prepared code).
fn shared_host() -> &'static PvfHost {
	static HOST: OnceLock<PvfHost> = OnceLock::new();
	HOST.get_or_init(host)
}

fn params_for(parent: &Head, block: &Block) -> ValidationParams {
	ValidationParams {
		parent_head: relay_primitives::HeadData(parent.encode()),
		block_data: relay_primitives::BlockData(block.encode()),
		relay_parent_number: 42,
		relay_parent_storage_root: [5; 32].into(),
	}
}

/// The WASM's verdict equals the native one: byte-identical results, or both refuse.
fn same_verdict(params: &ValidationParams) -> Result<(), TestCaseError> {
	let native = example_para::validate(&params.encode());
	let wasm = shared_host().validate(&code(), params);
	match (native, wasm) {
		(Ok(bytes), Ok(outcome)) => prop_assert_eq!(outcome.result.encode(), bytes),
		(Err(_), Err(ValidationError::Invalid(InvalidCandidate::Trap(_)))) => {},
		(native, wasm) => prop_assert!(false, "native {native:?}, wasm {wasm:?}"),
	}
	Ok(())
}

/// The host refuses modules with imports or without the three exports, so a valid block
/// passing shows the example para's WASM has exactly the ABI's interface.
#[test]
fn the_example_para_wasm_validates_a_block() {
	let code = code();
	let raw = sp_maybe_compressed_blob::decompress(&code.0, 3 * 1024 * 1024).expect("decompresses");
	assert!(raw.starts_with(b"\0asm"), "a WebAssembly module ({} bytes)", raw.len());
	let block = Block {
		state: genesis_state(2000),
		ops: vec![Op::Add { name: b"blocks".to_vec(), amount: 1 }],
	};
	let outcome = shared_host()
		.validate(&code, &params_for(&genesis_head(2000), &block))
		.expect("valid");
	let (head, _) = example_para::execute(&genesis_head(2000), block).expect("valid natively");
	assert_eq!(outcome.result.head_data.0, head.encode());
	assert_eq!(outcome.result.new_validation_code, None);
}

#[test]
fn a_block_on_the_wrong_state_or_with_a_flipped_byte_is_refused() {
	let mut other = genesis_state(2000);
	other.remarks = 9;
	let wrong_state = Block { state: other, ops: vec![] };
	match shared_host().validate(&code(), &params_for(&genesis_head(2000), &wrong_state)) {
		Err(ValidationError::Invalid(InvalidCandidate::Trap(_))) => {},
		other => panic!("unexpected: {other:?}"),
	}
	let block = Block { state: genesis_state(2000), ops: vec![Op::Remark(b"hi".to_vec())] };
	let mut params = params_for(&genesis_head(2000), &block);
	// The block data starts with the state it builds on (its para id first): a flipped byte
	// there is a state the parent head does not commit to.
	params.block_data.0[0] ^= 1;
	match shared_host().validate(&code(), &params) {
		Err(ValidationError::Invalid(InvalidCandidate::Trap(_))) => {},
		other => panic!("unexpected: {other:?}"),
	}
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		(0u8..6, any::<u64>()).prop_map(|(n, amount)| Op::Add { name: vec![b'k', n], amount }),
		(0u8..6).prop_map(|n| Op::Remove { name: vec![b'k', n] }),
		prop::collection::vec(any::<u8>(), 0..64).prop_map(Op::Remark),
		// Names of every length around the limit, including invalid ones.
		(0usize..40).prop_map(|len| Op::Add { name: vec![b'n'; len], amount: 1 }),
	]
}

fn state() -> impl Strategy<Value = State> {
	(
		prop::collection::btree_map(prop::collection::vec(any::<u8>(), 1..8), any::<u64>(), 0..8),
		any::<u64>(),
	)
		.prop_map(|(counters, remarks)| State {
			para_id: 2000,
			counters,
			remarks,
			last_remark: [0; 32],
		})
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	/// Random states and ops (valid and invalid blocks): the WASM agrees with the native code.
	#[test]
	fn wasm_and_native_agree_on_random_blocks(
		state in state(),
		ops in prop::collection::vec(op(), 0..12),
		number in any::<u64>(),
		parent_hash in any::<[u8; 32]>(),
		matching in any::<bool>(),
	) {
		let post_state = if matching { state.hash() } else { [9; 32] };
		let parent = Head { number, parent_hash, post_state };
		same_verdict(&params_for(&parent, &Block { state, ops }))?;
	}

	/// Garbage block data and parent heads are refused by both.
	#[test]
	fn wasm_and_native_agree_on_garbage(
		head in prop::collection::vec(any::<u8>(), 0..80),
		block in prop::collection::vec(any::<u8>(), 0..200),
	) {
		let params = ValidationParams {
			parent_head: relay_primitives::HeadData(head),
			block_data: relay_primitives::BlockData(block),
			relay_parent_number: 1,
			relay_parent_storage_root: [0; 32].into(),
		};
		same_verdict(&params)?;
	}
}
