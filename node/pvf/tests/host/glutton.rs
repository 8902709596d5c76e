//! A published Cumulus runtime's validation code validating a block it produced:
//! `glutton-westend-runtime` 35.0.0 (polkadot-sdk stable2609), block 1 of its chain as a
//! collator builds it (`tests/fixtures/`, made by `scripts/cumulus-pvf-fixture.sh`). Then the
//! same candidate with one thing wrong, which the code itself must refuse.

use crate::common::*;
use codec::Decode;
use relay_primitives::{HeadData, ValidationCode, ValidationParams};
use relay_pvf::{HostConfig, InvalidCandidate, PvfHost, ValidationError};

/// The runtime's validation code, as a para registers it (zstd-compressed WASM).
const CODE: &[u8] = include_bytes!("../fixtures/glutton.code");
/// The candidate's `ValidationParams` (its block data zstd-compressed, as in a PoV).
const PARAMS: &[u8] = include_bytes!("../fixtures/glutton-block1.params");
/// The head the candidate produces: block 1's sealed header.
const HEAD: &[u8] = include_bytes!("../fixtures/glutton-block1.head");

/// A host with the backing limits (2 s of CPU per execution) and the test worker.
fn backing_host() -> PvfHost {
	PvfHost::new(HostConfig::new(WORKER, &[]))
}

fn params() -> ValidationParams {
	ValidationParams::decode(&mut &PARAMS[..]).expect("the fixture decodes")
}

#[test]
fn glutton_validates_the_block_it_produced() {
	let host = backing_host();
	let code = ValidationCode(CODE.to_vec());
	assert!(code.looks_like_wasm(), "compressed WASM");
	let params = params();
	let outcome = host.validate(&code, &params).expect("glutton's block 1 is valid");
	let result = &outcome.result;
	assert_eq!(result.head_data, HeadData(HEAD.to_vec()), "the head glutton sealed");
	// The new head's parent hash (its first 32 bytes) is the parent head's hash.
	assert_eq!(&result.head_data.0[..32], &sp_crypto_hashing::blake2_256(&params.parent_head.0));
	assert_eq!(result.new_validation_code, None);
	assert_eq!(result.processed_downward_messages, 0);
	assert_eq!(result.hrmp_watermark, params.relay_parent_number);
	println!(
		"glutton-westend-runtime: code {} bytes, PoV block data {} bytes; prepared in {:?}, \
		 executed in {:?}; head {} bytes, {} upward messages (signals included)",
		CODE.len(),
		params.block_data.0.len(),
		outcome.prepare_time.expect("prepared"),
		outcome.execute_time,
		result.head_data.0.len(),
		result.upward_messages.len(),
	);
	let again = host.validate(&code, &params).expect("valid again");
	assert_eq!(again.result, outcome.result, "deterministic");
	println!("again, prepared: executed in {:?}", again.execute_time);
}

#[test]
fn glutton_refuses_its_block_under_a_different_relay_parent_or_parent_head() {
	let host = backing_host();
	let code = ValidationCode(CODE.to_vec());
	let mut other_root = params();
	other_root.relay_parent_storage_root.0[0] ^= 1;
	let mut other_parent = params();
	other_parent.parent_head.0[0] ^= 1;
	for (what, params) in [("relay parent root", other_root), ("parent head", other_parent)] {
		match host.validate(&code, &params) {
			Err(ValidationError::Invalid(InvalidCandidate::Trap(m))) => {
				println!("{what} changed: refused ({m})")
			},
			other => panic!("{what} changed: unexpected {other:?}"),
		}
	}
	// And the untouched candidate still passes on the same host.
	let outcome = host.validate(&code, &params()).expect("valid");
	assert_eq!(outcome.result.head_data, HeadData(HEAD.to_vec()));
}
