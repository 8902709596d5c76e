//! A 4-validator local network (separate processes on loopback, temporary base paths): it
//! finalizes with all four authoring; one validator is killed with SIGKILL and finality goes on
//! with the other three; restarted on the same base path it catches up, and no block is lost.
//! Peers connect over plain TCP (Alice ↔ Bob) and over `/ws` listen addresses (Charlie, Dave),
//! the way zombienet starts nodes.

use crate::common::*;
use jsonrpsee::ws_client::WsClient;
use serde_json::json;
use std::{collections::BTreeSet, time::Duration};

const STARTUP: Duration = Duration::from_secs(120);

/// Alice's network key, so the others know her peer id.
const ALICE_NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";

/// BABE authority index of the block with this header, from its pre-runtime digest.
fn babe_author(header: &serde_json::Value) -> Option<u32> {
	header["digest"]["logs"].as_array()?.iter().find_map(|log| {
		// PreRuntime (6) with engine id "BABE", then the SCALE-encoded pre-digest:
		// compact length, variant byte, authority index (u32 LE).
		let hex = log.as_str()?.strip_prefix("0x0642414245")?;
		let bytes: Vec<u8> = (0..hex.len())
			.step_by(2)
			.filter_map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
			.collect();
		let index = bytes.get(2..6)?;
		Some(u32::from_le_bytes(index.try_into().ok()?))
	})
}

async fn peers(client: &WsClient) -> u64 {
	call(client, "system_health", vec![]).await.expect("health")["peers"]
		.as_u64()
		.unwrap_or(0)
}

async fn block_hash(client: &WsClient, number: u64) -> serde_json::Value {
	call(client, "chain_getBlockHash", vec![json!(number)])
		.await
		.expect("block hash")
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_finalize_survive_a_kill_and_catch_up() {
	stop_shared_dev_node();
	let dir = TempDir::new("network");
	let alice_peer = peer_id(ALICE_NODE_KEY, &dir);
	let (alice_tcp, alice_ws) = (free_port(), free_port());
	let base = |name: &str| dir.join(name).to_string_lossy().into_owned();
	let log = |name: &str| dir.join(&format!("{name}.log"));

	let alice_listen_tcp = format!("/ip4/127.0.0.1/tcp/{alice_tcp}");
	let alice_listen_ws = format!("/ip4/127.0.0.1/tcp/{alice_ws}/ws");
	let alice_boot_tcp = format!("{alice_listen_tcp}/p2p/{alice_peer}");
	let alice_boot_ws = format!("{alice_listen_ws}/p2p/{alice_peer}");
	let alice_base = base("alice");
	let alice = Node::start_on(
		&[
			"--chain",
			"local",
			"--alice",
			"--base-path",
			&alice_base,
			"--node-key",
			ALICE_NODE_KEY,
			"--listen-addr",
			&alice_listen_tcp,
			"--listen-addr",
			&alice_listen_ws,
			"--no-mdns",
		],
		&log("alice"),
		free_port(),
		alice_tcp,
	);
	let bob_base = base("bob");
	let bob = Node::start(
		&[
			"--chain",
			"local",
			"--bob",
			"--base-path",
			&bob_base,
			"--node-key",
			&node_key(2),
			"--bootnodes",
			&alice_boot_tcp,
			"--no-mdns",
		],
		&log("bob"),
	);
	let ws_node = |name: &str, flag: &str, base_path: &str, rpc: u16, p2p: u16, key: u8| {
		let listen = format!("/ip4/127.0.0.1/tcp/{p2p}/ws");
		Node::start_on(
			&[
				"--chain",
				"local",
				flag,
				"--base-path",
				base_path,
				"--node-key",
				&node_key(key),
				"--listen-addr",
				&listen,
				"--bootnodes",
				&alice_boot_ws,
				"--no-mdns",
			],
			&log(name),
			rpc,
			p2p,
		)
	};
	let charlie_base = base("charlie");
	let charlie = ws_node("charlie", "--charlie", &charlie_base, free_port(), free_port(), 3);
	let dave_base = base("dave");
	let (dave_rpc, dave_p2p) = (free_port(), free_port());
	let mut dave = ws_node("dave", "--dave", &dave_base, dave_rpc, dave_p2p, 4);

	let clients = [
		alice.client(STARTUP).await,
		bob.client(STARTUP).await,
		charlie.client(STARTUP).await,
		dave.client(STARTUP).await,
	];
	let a = &clients[0];

	// Everyone finds everyone (TCP and WebSocket transports).
	let deadline = std::time::Instant::now() + Duration::from_secs(120);
	for (i, client) in clients.iter().enumerate() {
		while peers(client).await < 3 {
			assert!(std::time::Instant::now() < deadline, "node {i} has fewer than 3 peers");
			tokio::time::sleep(Duration::from_secs(1)).await;
		}
	}

	// Finality with all four, and all four author.
	let mut authors = BTreeSet::new();
	let mut next = 1;
	let deadline = std::time::Instant::now() + Duration::from_secs(300);
	while authors.len() < 4 {
		let (_, finalized) =
			wait_for_blocks(a, Duration::from_secs(120), "finality", |_, f| f >= next).await;
		for n in next..=finalized {
			let hash = block_hash(a, n).await;
			let header = call(a, "chain_getHeader", vec![hash]).await.expect("header");
			if let Some(author) = babe_author(&header) {
				authors.insert(author);
			}
		}
		next = finalized + 1;
		assert!(
			std::time::Instant::now() < deadline,
			"not all four validators authored by block {finalized}: {authors:?}"
		);
	}

	// Kill Dave without warning; the other three (> 2/3) keep finalizing.
	dave.kill();
	let (_, killed_at) = best_and_finalized(a).await;
	let (_, finalized) =
		wait_for_blocks(a, Duration::from_secs(180), "finality without Dave", |_, f| {
			f >= killed_at + 4
		})
		.await;

	// Dave restarts on the same base path, catches up with the finalized chain ...
	dave = ws_node("dave", "--dave", &dave_base, dave_rpc, dave_p2p, 4);
	let d = dave.client(STARTUP).await;
	wait_for_blocks(&d, Duration::from_secs(180), "Dave to catch up", |best, f| {
		best >= finalized && f >= finalized
	})
	.await;

	// ... and no block was lost: Dave's chain matches Alice's everywhere up to there.
	for n in 0..=finalized {
		assert_eq!(block_hash(&d, n).await, block_hash(a, n).await, "block {n} differs");
	}
	drop((alice, bob, charlie, dave));
}
