//! `relay-node --dev --tmp`: blocks are produced and finalized, the RPC surface wallets rely on
//! answers, and bad input is refused without harming the chain.

use crate::common::*;
use jsonrpsee::core::client::SubscriptionClientT;
use serde_json::{json, Value};
use std::time::Duration;

const STARTUP: Duration = Duration::from_secs(120);
const BLOCKS: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread")]
async fn dev_node_produces_finalizes_and_serves_rpc() {
	let node = shared_dev_node();
	let client = node.client(STARTUP).await;

	// Blocks are produced and finalized.
	let (best, finalized) =
		wait_for_blocks(&client, BLOCKS, "3 finalized blocks", |_, f| f >= 3).await;
	assert!(best >= finalized);

	// The calls every wallet makes first.
	let metadata = call(&client, "state_getMetadata", vec![]).await.expect("metadata");
	let metadata = metadata.as_str().expect("metadata is hex");
	// SCALE: 4-byte magic "meta" then the version byte.
	assert!(metadata.starts_with("0x6d657461"), "metadata magic: {}", &metadata[..12]);
	let versions =
		call(&client, "state_call", vec![json!("Metadata_metadata_versions"), json!("0x")])
			.await
			.expect("metadata versions");
	// SCALE Vec<u32> [14, 15, 16]: compact length 3 then three little-endian u32s.
	assert_eq!(versions, json!("0x0c0e0000000f00000010000000"));

	let health = call(&client, "system_health", vec![]).await.expect("health");
	assert_eq!(health["isSyncing"], json!(false));
	let properties = call(&client, "system_properties", vec![]).await.expect("properties");
	assert_eq!(properties, json!({"ss58Format": 42, "tokenDecimals": 10, "tokenSymbol": "RLY"}));
	let chain_type = call(&client, "system_chainType", vec![]).await.expect("chain type");
	assert_eq!(chain_type, json!("Development"));

	let version = call(&client, "state_getRuntimeVersion", vec![]).await.expect("version");
	assert_eq!(version["specName"], json!("relay"));
	let apis: Vec<String> = version["apis"]
		.as_array()
		.expect("apis")
		.iter()
		.map(|a| a[0].as_str().unwrap_or_default().to_string())
		.collect();
	for (name, id) in [
		("Core", "0xdf6acb689907609b"),
		("Metadata", "0x37e397fc7c91f5e4"),
		("BlockBuilder", "0x40fe3ad401f8959a"),
		("TaggedTransactionQueue", "0xd2bc9897eed08f15"),
		("OffchainWorkerApi", "0xf78b278be53f454c"),
		("SessionKeys", "0xab3c0572291feb8b"),
		("BabeApi", "0xcbca25e39f142387"),
		("GrandpaApi", "0xed99c5acb25eedf5"),
		("AccountNonceApi", "0xbc9d89904f5b923f"),
		("TransactionPaymentApi", "0x37c8bb1350a9a2a8"),
		("TransactionPaymentCallApi", "0xf3ff14d5ab527059"),
		("GenesisBuilder", "0xfbc577b9d747efd6"),
		("InclusionApi", "0x289b3915cdba0d23"),
		("ParathreadsApi", "0x499e7188f5f93ce0"),
		("ParachainHost", "0xaf2c0297a23e6d3d"),
		("AuthorityDiscoveryApi", "0x687ad44ad37f03c2"),
	] {
		assert!(apis.contains(&id.to_string()), "runtime API {name} ({id}) missing: {apis:?}");
	}

	// The node's own RPC methods are listed.
	let methods = call(&client, "rpc_methods", vec![]).await.expect("rpc_methods");
	let methods: Vec<&str> = methods["methods"]
		.as_array()
		.expect("list")
		.iter()
		.filter_map(Value::as_str)
		.collect();
	for method in [
		"system_accountNextIndex",
		"payment_queryInfo",
		"payment_queryFeeDetails",
		"babe_epochAuthorship",
		"grandpa_roundState",
		"grandpa_proveFinality",
		"grandpa_subscribeJustifications",
		"sync_state_genSyncSpec",
		"chainHead_v1_follow",
		"chainSpec_v1_genesisHash",
		"transaction_v1_broadcast",
		"transactionWatch_v1_submitAndWatch",
	] {
		assert!(methods.contains(&method), "{method} not offered");
	}
	// Ferdie: no test signs with him on this (shared) node, so he has sent nothing.
	let nonce = call(
		&client,
		"system_accountNextIndex",
		vec![json!("5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL")],
	)
	.await
	.expect("ferdie's nonce");
	assert_eq!(nonce, json!(0));

	// The new JSON-RPC spec: chainHead_v1_follow reports the finalized head.
	let finalized_hash =
		call(&client, "chain_getFinalizedHead", vec![]).await.expect("finalized head");
	let mut follow = client
		.subscribe::<Value, _>(
			"chainHead_v1_follow",
			jsonrpsee::rpc_params![true],
			"chainHead_v1_unfollow",
		)
		.await
		.expect("chainHead_v1_follow subscribes");
	let first = tokio::time::timeout(Duration::from_secs(30), follow.next())
		.await
		.expect("an event within 30 s")
		.expect("the subscription is open")
		.expect("the event decodes");
	assert_eq!(first["event"], json!("initialized"), "{first}");
	let hashes = first["finalizedBlockHashes"].as_array().expect("finalized hashes");
	let our_number = header_number(
		&call(&client, "chain_getHeader", vec![finalized_hash.clone()])
			.await
			.expect("header"),
	);
	let last = hashes.last().expect("at least one finalized hash").clone();
	let last_number =
		header_number(&call(&client, "chain_getHeader", vec![last]).await.expect("header"));
	assert!(last_number >= our_number, "follow is behind chain_getFinalizedHead");
	let genesis = call(&client, "chain_getBlockHash", vec![json!(0)]).await.expect("genesis");
	let spec_genesis = call(&client, "chainSpec_v1_genesisHash", vec![])
		.await
		.expect("chainSpec genesis");
	assert_eq!(genesis, spec_genesis);

	// Bad input: garbage bytes as an extrinsic get a JSON-RPC error ...
	let error = call(&client, "author_submitExtrinsic", vec![json!("0xdeadbeef00112233")])
		.await
		.expect_err("garbage is refused");
	assert!(
		error.contains("decode") || error.contains("Invalid") || error.contains("invalid"),
		"unexpected error text: {error}"
	);
	let error = call(&client, "author_submitExtrinsic", vec![json!("not hex")])
		.await
		.expect_err("non-hex is refused");
	assert!(!error.is_empty());
	// ... and the chain keeps producing and finalizing.
	let (_, before) = best_and_finalized(&client).await;
	wait_for_blocks(&client, BLOCKS, "finality to advance after bad input", |_, f| f > before + 1)
		.await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unsafe_methods_are_refused_on_a_safe_interface() {
	let dir = TempDir::new("safe");
	let node = Node::start(&["--dev", "--tmp", "--rpc-methods", "safe"], &dir.join("safe.log"));
	let client = node.client(STARTUP).await;
	for method in ["author_rotateKeys", "system_addReservedPeer", "author_insertKey"] {
		let params = match method {
			"system_addReservedPeer" => vec![json!(
				"/ip4/127.0.0.1/tcp/1/p2p/12D3KooWQYV9dGMFoRzNStwpXztXaBUjtPqi6aU76ZgUriHhKust"
			)],
			"author_insertKey" => vec![json!("babe"), json!("//Eve"), json!("0x00")],
			_ => vec![],
		};
		let error = call(&client, method, params).await.expect_err("unsafe method refused");
		assert!(
			error.contains("unsafe") || error.contains("Method not found"),
			"{method}: {error}"
		);
	}
	// Safe methods still answer.
	call(&client, "system_health", vec![]).await.expect("safe method answers");
}

#[tokio::test(flavor = "multi_thread")]
async fn build_spec_local_lists_the_four_validators() {
	let output = std::process::Command::new(BINARY)
		.args(["build-spec", "--chain", "local"])
		.output()
		.expect("build-spec runs");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
	let spec: Value = serde_json::from_slice(&output.stdout).expect("the spec is JSON");
	assert_eq!(spec["id"], json!("relay_local_testnet"));
	assert_eq!(spec["properties"]["tokenSymbol"], json!("RLY"));
	let text = output.stdout.iter().map(|b| *b as char).collect::<String>();
	for account in [
		"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", // Alice
		"5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", // Bob
		"5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y", // Charlie
		"5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy", // Dave
	] {
		assert!(text.contains(account), "validator {account} missing from the local spec");
	}
	let validators = &spec["genesis"]["runtimeGenesis"]["patch"]["validatorSet"]["validators"];
	assert_eq!(validators.as_array().map(Vec::len), Some(4), "{validators}");

	// A chain name that is neither dev, local nor a file gets a clear error.
	let output = std::process::Command::new(BINARY)
		.args(["build-spec", "--chain", "/no/such/spec.json"])
		.output()
		.expect("build-spec runs");
	assert!(!output.status.success());
	assert!(String::from_utf8_lossy(&output.stderr).contains("neither dev, local"));
}
