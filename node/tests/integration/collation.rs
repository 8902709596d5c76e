//! The example parachain on a live `relay-node --dev`: the chain runs its real code, a collation
//! built from the node's `InclusionApi` answers passes the PVF host (the node's own
//! `pvf-worker`), and fails once a byte of its PoV is flipped; `export-genesis-head` and
//! `export-genesis-wasm` print what the chain registered.

use crate::common::*;
use codec::{Decode, Encode};
use example_para::{genesis_state, Op};
use pallet_inclusion::view::ScheduledCore;
use relay_parachains::{
	collation::{build, RelayContext},
	validation::{check_candidate, CheckError},
};
use relay_primitives::{
	Hash, HeadData, ParaId, PersistedValidationData, ValidationCode, ValidationCodeHash,
	ValidationParams,
};
use relay_pvf::{HostConfig, InvalidCandidate, PvfHost, ValidationError};
use serde_json::json;
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);
const PARACHAIN: ParaId = ParaId(2000);

/// `state_call` of a runtime API at `at`, decoded as `T`.
async fn runtime_call<T: Decode>(
	client: &jsonrpsee::ws_client::WsClient,
	method: &str,
	args: impl Encode,
	at: &str,
) -> T {
	let data = format!("0x{}", hex(&args.encode()));
	let result = call(client, "state_call", vec![json!(method), json!(data), json!(at)])
		.await
		.unwrap_or_else(|e| panic!("{method}: {e}"));
	let bytes = unhex(result.as_str().expect("hex"));
	T::decode(&mut &bytes[..]).unwrap_or_else(|e| panic!("{method} decodes: {e}"))
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
	let text = text.trim().trim_start_matches("0x");
	(0..text.len())
		.step_by(2)
		.map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex digits"))
		.collect()
}

/// Runs `relay-node <args>` to completion; its standard output.
fn run_binary(args: &[&str]) -> Vec<u8> {
	let output = std::process::Command::new(BINARY).args(args).output().expect("runs");
	assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
	output.stdout
}

#[tokio::test(flavor = "multi_thread")]
async fn a_collation_built_from_the_live_chain_passes_the_pvf_host() {
	let node = shared_dev_node();
	let client = node.client(STARTUP).await;
	wait_for_blocks(&client, STARTUP, "block 2", |best, _| best >= 2).await;
	let at = call(&client, "chain_getBlockHash", vec![]).await.expect("best hash");
	let at = at.as_str().expect("hash").to_string();
	let relay_parent = Hash::from_slice(&unhex(&at));

	// The chain runs the example para's real code, which export-genesis-wasm prints.
	let code_hash: Option<ValidationCodeHash> =
		runtime_call(&client, "InclusionApi_validation_code_hash", PARACHAIN, &at).await;
	let code_hash = code_hash.expect("2000 has code");
	let code: Option<ValidationCode> =
		runtime_call(&client, "InclusionApi_validation_code_by_hash", code_hash, &at).await;
	let code = code.expect("the code is stored");
	assert_eq!(code.hash(), code_hash);
	let exported = unhex(&String::from_utf8(run_binary(&["export-genesis-wasm"])).expect("text"));
	assert_eq!(exported, code.0, "export-genesis-wasm prints the registered code");
	assert_eq!(run_binary(&["export-genesis-wasm", "--raw"]), code.0);
	println!("validation_code_hash(2000) = {code_hash:?}, {} bytes of code", code.0.len());

	// No collator has run, so the head is the genesis head export-genesis-head prints.
	let head: Option<HeadData> =
		runtime_call(&client, "InclusionApi_para_head", PARACHAIN, &at).await;
	let head = head.expect("2000 has a head");
	let exported = run_binary(&["export-genesis-head", "--para-id", "2000"]);
	assert_eq!(unhex(&String::from_utf8(exported).expect("text")), head.0);
	let other = run_binary(&["export-genesis-head", "--para-id", "2001"]);
	assert_ne!(unhex(&String::from_utf8(other).expect("text")), head.0, "heads differ per para");

	// A collation from the node's answers.
	let cores: Vec<ScheduledCore> =
		runtime_call(&client, "InclusionApi_scheduled_cores", (), &at).await;
	let data: Option<PersistedValidationData> =
		runtime_call(&client, "InclusionApi_persisted_validation_data", PARACHAIN, &at).await;
	let session: u32 = runtime_call(&client, "InclusionApi_session_index_for_child", (), &at).await;
	let context =
		RelayContext::from_answers(relay_parent, PARACHAIN, session, &cores, data, Some(code_hash))
			.expect("2000 is scheduled on its core");
	let ops = vec![
		Op::Add { name: b"blocks".to_vec(), amount: 1 },
		Op::Remark(b"built on a live relay chain".to_vec()),
	];
	let collation = build(&context, &genesis_state(PARACHAIN.0), ops).expect("builds");
	println!(
		"collation on relay parent {relay_parent:?}, core {:?}: head #{} ({} bytes of PoV)",
		context.core_index,
		collation.head.number,
		collation.pov.block_data.0.len()
	);

	// The PVF host, with the node's own binary as its worker, accepts it...
	let host = PvfHost::new(HostConfig::new(BINARY, &["pvf-worker"]));
	let commitments = check_candidate(
		&host,
		&collation.receipt.to_plain(),
		&collation.pov,
		&context.persisted_validation_data,
		&code,
	)
	.expect("the collation is valid");
	assert_eq!(commitments, collation.receipt.commitments);

	// ... and refuses it with one byte of the PoV flipped: the code itself refuses a block
	// whose starting state (the PoV's first bytes) the parent head does not commit to...
	let mut pov = collation.pov.clone();
	pov.block_data.0[0] ^= 0x01;
	let params = ValidationParams::new(context.persisted_validation_data.clone(), pov);
	match host.validate(&code, &params) {
		Err(ValidationError::Invalid(InvalidCandidate::Trap(reason))) => {
			println!("PoV with a flipped byte refused by the PVF: {reason}")
		},
		other => panic!("a flipped PoV must be refused, got {other:?}"),
	}
	// ... and the whole check refuses a flip anywhere, since the receipt commits to the PoV hash.
	let len = collation.pov.block_data.0.len();
	for at in [0, len / 2, len - 1] {
		let mut pov = collation.pov.clone();
		pov.block_data.0[at] ^= 0x01;
		let data = &context.persisted_validation_data;
		assert_eq!(
			check_candidate(&host, &collation.receipt.to_plain(), &pov, data, &code),
			Err(CheckError::PovHashMismatch)
		);
	}
	let unchanged = ValidationParams::new(context.persisted_validation_data, collation.pov);
	assert!(host.validate(&code, &unchanged).is_ok(), "the worker still serves");
}
