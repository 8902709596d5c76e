//! Parachain blocks end to end on live networks of real binaries: four validators (`--chain
//! local`) and collators (`relay-node collator`) on loopback.
//!
//! - (a, c, d, e) with litep2p: 2000's head advances in at least 95 % of relay blocks over 30
//!   blocks, `CandidateIncluded` names it, the collator builds ahead (candidates on candidates
//!   not yet on chain are included) and nothing built on a dropped candidate is ever included
//!   (`built_ahead`), and the collator's `para_state` matches the head on
//!   the relay chain; a collator of the parathread 2001 bids, wins a pool core and gets a block
//!   in (`parathreads.ClaimServed`); a second collator of 2000 that sends invalid blocks is
//!   never seconded while 2000's valid blocks keep coming; with one validator killed (SIGKILL),
//!   2000's head keeps advancing; a collator restarted on its base path continues from the
//!   para's last included head.
//! - (b) the same core flow with every node on `--network-backend libp2p`.
//!
//! In (a) every validator has also published its addresses through authority discovery and
//! found the other three.
//!
//! The test prints the fraction of relay blocks in which each para's head advanced and the mean
//! number of relay blocks from a candidate's relay parent to its inclusion.

mod built_ahead;

use crate::common::{
	tx::{hash_at, runtime_call},
	*,
};
use codec::Decode;
use jsonrpsee::ws_client::WsClient;
use relay_primitives::{HeadData, ParaId};
use relay_runtime::{RuntimeCall, RuntimeEvent};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const STARTUP: Duration = Duration::from_secs(180);
const PARACHAIN: ParaId = ParaId(2000);
const PARATHREAD: ParaId = ParaId(2001);
/// Relay blocks over which the head's progress is measured.
const MEASURED_BLOCKS: u64 = 30;
/// The least fraction of those blocks in which 2000's head must advance.
const MIN_ADVANCE: f64 = 0.95;
/// Relay blocks a candidate's relay parent stays allowed (`ParaInclusion::AllowedRelayParents`).
const RELAY_PARENT_WINDOW: u64 = 4;

/// A network: four validators, then collators, all on `backend`.
struct Net {
	dir: TempDir,
	backend: &'static str,
	bootnode: String,
	/// The validators' Prometheus ports.
	prometheus: Vec<u16>,
	validators: Vec<Node>,
	collators: Vec<Node>,
}

impl Net {
	fn start(name: &str, backend: &'static str) -> Net {
		let dir = TempDir::new(name);
		let validators = Validators::start(
			&dir,
			&["--network-backend", backend, "-lparachain=debug,runtime::inclusion=debug"],
		);
		Net {
			dir,
			backend,
			bootnode: validators.bootnode,
			prometheus: validators.prometheus,
			validators: validators.nodes,
			collators: Vec::new(),
		}
	}

	/// Starts `relay-node collator --para-id <para>` with `extra` flags.
	fn collator(&mut self, name: &str, para: ParaId, key: &str, extra: &[&str]) -> usize {
		let base = self.dir.join(name).to_string_lossy().into_owned();
		let para = para.0.to_string();
		let mut args = vec![
			"collator",
			"--para-id",
			&para,
			"--collator-key",
			key,
			"--chain",
			"local",
			"--base-path",
			&base,
			"--bootnodes",
			&self.bootnode,
			"--no-mdns",
			"--network-backend",
			self.backend,
			"-lparachain=debug",
		];
		args.extend_from_slice(extra);
		let log = self.dir.join(&format!("{name}.log"));
		self.collators.push(Node::start(&args, &log));
		self.collators.len() - 1
	}
}

/// A para's head number at block `at`.
async fn head_number(client: &WsClient, para: ParaId, at: &str) -> Option<u64> {
	let head: Option<HeadData> = runtime_call(client, "InclusionApi_para_head", para, at).await;
	head.map(|h| example_para::Head::decode(&mut &h.0[..]).expect("an example-para head").number)
}

/// The events of block `at`.
async fn events(client: &WsClient, at: &str) -> Vec<RuntimeEvent> {
	tx::events(client, at).await.into_iter().map(|(_, event)| event).collect()
}

/// The relay parents (their numbers) of the candidates block `at` includes, by para.
async fn included_relay_parents(client: &WsClient, at: &str) -> Vec<(ParaId, u64)> {
	let block = call(client, "chain_getBlock", vec![json!(at)]).await.expect("block");
	let mut out = Vec::new();
	for xt in block["block"]["extrinsics"].as_array().expect("extrinsics") {
		let bytes = unhex(xt.as_str().expect("hex"));
		let Ok(xt) = relay_runtime::UncheckedExtrinsic::decode(&mut &bytes[..]) else { continue };
		if let RuntimeCall::ParaInclusion(pallet_inclusion::Call::enter { data }) = xt.function {
			for candidate in data.backed_candidates {
				let d = &candidate.candidate.descriptor;
				let header =
					call(client, "chain_getHeader", vec![json!(format!("{:?}", d.relay_parent))])
						.await
						.expect("header");
				out.push((d.para_id, header_number(&header)));
			}
		}
	}
	out
}

/// Measures `blocks` relay blocks from the current best: how many advanced `para`'s head, and
/// the mean relay-parent-to-inclusion distance of its candidates.
async fn measure(client: &WsClient, para: ParaId, blocks: u64) -> (u64, u64, f64) {
	let (start, _) = best_and_finalized(client).await;
	wait_for_blocks(client, Duration::from_secs(blocks * 20), "the measured blocks", |best, _| {
		best >= start + blocks
	})
	.await;
	let (mut advanced, mut latency_sum, mut latency_count) = (0, 0, 0);
	let mut previous = head_number(client, para, &hash_at(client, start).await).await;
	for n in start + 1..=start + blocks {
		let at = hash_at(client, n).await;
		let head = head_number(client, para, &at).await;
		if head > previous {
			advanced += 1;
			let included = events(client, &at).await.into_iter().any(|e| {
				matches!(e, RuntimeEvent::ParaInclusion(pallet_inclusion::Event::CandidateIncluded(receipt, ..)) if receipt.descriptor.para_id == para)
			});
			assert!(included, "block {n} advanced {para:?}'s head with a CandidateIncluded event");
			for (p, relay_parent) in included_relay_parents(client, &at).await {
				if p == para {
					latency_sum += n - relay_parent;
					latency_count += 1;
				}
			}
		}
		previous = head;
	}
	let mean = if latency_count == 0 { 0.0 } else { latency_sum as f64 / latency_count as f64 };
	(advanced, blocks, mean)
}

/// Waits until `para`'s head on the relay chain is at least `number`.
async fn wait_for_head(client: &WsClient, para: ParaId, number: u64, timeout: Duration) {
	let deadline = Instant::now() + timeout;
	loop {
		let at = call(client, "chain_getBlockHash", vec![]).await.expect("best");
		let head = head_number(client, para, at.as_str().expect("hash")).await;
		if head.unwrap_or(0) >= number {
			return;
		}
		assert!(
			Instant::now() < deadline,
			"{para:?}'s head did not reach {number} (it is {head:?})"
		);
		tokio::time::sleep(Duration::from_secs(1)).await;
	}
}

async fn para_rpc(client: &WsClient, method: &str) -> Value {
	call(client, method, vec![]).await.unwrap_or_else(|e| panic!("{method}: {e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn parachain_and_parathread_blocks_are_included_despite_a_bad_collator_and_a_dead_validator()
{
	let mut net = Net::start("parachains-litep2p", "litep2p");
	let honest = net.collator("collator-2000", PARACHAIN, "//Eve", &[]);
	let evil = net.collator("evil-2000", PARACHAIN, "//Eve", &["--dev-invalid-collations"]);
	let thread =
		net.collator("collator-2001", PARATHREAD, "//Ferdie", &["--parathread-fee", "0.2"]);
	let alice = net.validators[0].client(STARTUP).await;
	let collator = net.collators[honest].client(STARTUP).await;
	let evil_client = net.collators[evil].client(STARTUP).await;
	let thread_client = net.collators[thread].client(STARTUP).await;

	// Warm-up: the first blocks of 2000 are included.
	wait_for_head(&alice, PARACHAIN, 2, STARTUP).await;

	// (a) Progress over 30 relay blocks.
	let (advanced, blocks, latency) = measure(&alice, PARACHAIN, MEASURED_BLOCKS).await;
	let fraction = advanced as f64 / blocks as f64;
	println!(
		"litep2p: para 2000's head advanced in {advanced} of {blocks} relay blocks ({:.0} %); mean relay parent to inclusion: {latency:.2} blocks",
		fraction * 100.0
	);
	assert!(fraction >= MIN_ADVANCE, "2000 advanced in {advanced} of {blocks} blocks");

	// Building ahead: candidates built on ones not yet on chain were included, and nothing
	// built on a candidate that was dropped ever was.
	let (best, _) = best_and_finalized(&alice).await;
	let logs: Vec<_> = net.validators.iter().map(|v| v.log.clone()).collect();
	let backed = built_ahead::backed_in_logs(&logs, PARACHAIN);
	let included = built_ahead::included(&alice, PARACHAIN, best).await;
	let audit = built_ahead::audit(&backed, &included, best, RELAY_PARENT_WINDOW);
	println!(
		"building ahead up to block #{best}: {} candidates of 2000 backed, {} included ({} built on a candidate not yet on chain), {} dropped, {} built on dropped ones, {} of those included",
		audit.backed,
		audit.included,
		audit.built_ahead,
		audit.dropped,
		audit.on_dropped,
		audit.on_dropped_included.len()
	);
	assert!(audit.built_ahead > 0, "the collator built ahead: {audit:?}");
	assert!(
		audit.on_dropped_included.is_empty(),
		"included, though built on a dropped candidate: {audit:?}"
	);

	// The collator's state is the one the relay chain's head commits to.
	let best = call(&alice, "chain_getBlockHash", vec![]).await.expect("best");
	let head: Option<HeadData> =
		runtime_call(&alice, "InclusionApi_para_head", PARACHAIN, best.as_str().expect("hash"))
			.await;
	let head = example_para::Head::decode(&mut &head.expect("head").0[..]).expect("head");
	let mut matched = false;
	for _ in 0..10 {
		let state = para_rpc(&collator, "para_state").await;
		let chain_head = para_rpc(&collator, "para_head").await;
		if chain_head["number"].as_u64() == Some(head.number) {
			assert_eq!(state["hash"], json!(format!("0x{}", hex(&head.post_state))));
			assert!(state["counters"]["blocks"].as_u64().unwrap_or(0) >= head.number - 1);
			matched = true;
			break;
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	assert!(matched, "the collator saw head #{}", head.number);
	println!("collator 2000: {}", para_rpc(&collator, "para_stats").await);

	// The validators' metrics: what they fetched, validated (the invalid blocks among them) and
	// backed.
	let metrics: Vec<String> =
		net.prometheus.iter().map(|port| prometheus_metrics(*port)).collect();
	for (name, labels) in [
		("relay_parachain_collations_fetched_total", "outcome=\"received\""),
		("relay_parachain_candidates_validated_total", "result=\"valid\""),
		("relay_parachain_candidates_validated_total", "result=\"invalid\""),
		("relay_parachain_candidates_backed_total", ""),
		("relay_parachain_pvf_execution_seconds_count", ""),
		("relay_parachain_collation_fetch_seconds_count", ""),
	] {
		let value: f64 = metrics.iter().map(|m| metric_sum(m, name, labels)).sum();
		println!("validators: {name}{{{labels}}} = {value}");
		assert!(value > 0.0, "{name}{{{labels}}} counts: {metrics:?}");
	}

	// Authority discovery: every validator published its addresses and found the other three
	// (what a Cumulus collator relies on to find its backing group).
	for (who, m) in VALIDATORS.iter().zip(&metrics) {
		let published = metric_sum(m, "substrate_authority_discovery_times_published_total", "");
		let known = metric_sum(m, "substrate_authority_discovery_known_authorities_count", "");
		println!("{who}: authority discovery published {published} times, knows {known} others");
		assert!(published >= 1.0, "{who} published its addresses");
		assert!(known >= 3.0, "{who} discovered the other validators ({known})");
	}

	// (d) The collator of invalid blocks was never seconded.
	let evil_stats = para_rpc(&evil_client, "para_stats").await;
	println!("collator of invalid blocks: {evil_stats}");
	assert!(evil_stats["built"].as_u64().unwrap_or(0) >= 10, "it kept building invalid blocks");
	// Each validator that fetches one bans it (a fatal cost), so it offers only a few.
	assert!(evil_stats["advertised"].as_u64().unwrap_or(0) >= 1, "and offered them");
	assert_eq!(evil_stats["seconded"], json!(0), "no validator seconded an invalid block");
	assert_eq!(evil_stats["included"], json!(0));

	// (c) The parathread won a pool core and got a block in, paying its claim.
	let deadline = Instant::now() + Duration::from_secs(180);
	let mut served = false;
	let mut from = best_and_finalized(&alice).await.0.saturating_sub(MEASURED_BLOCKS + 10);
	while !served {
		let (best, _) = best_and_finalized(&alice).await;
		for n in from..=best {
			let at = hash_at(&alice, n).await;
			for event in events(&alice, &at).await {
				if let RuntimeEvent::Parathreads(pallet_parathreads::Event::ClaimServed {
					para_id,
					burned,
					to_author,
					..
				}) = event
				{
					if para_id == PARATHREAD {
						println!("#{n}: parathreads.ClaimServed for 2001: burned {burned}, to the author {to_author}");
						served = true;
					}
				}
			}
		}
		from = best + 1;
		assert!(
			Instant::now() < deadline,
			"2001 never had a claim served: {}",
			para_rpc(&thread_client, "para_stats").await
		);
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
	let at = call(&alice, "chain_getBlockHash", vec![]).await.expect("best");
	assert!(head_number(&alice, PARATHREAD, at.as_str().expect("hash")).await.unwrap_or(0) >= 1);
	println!("collator 2001: {}", para_rpc(&thread_client, "para_stats").await);

	// The collator of 2000 restarts (SIGKILL, same base path): it continues from the states it
	// saved (those of the blocks it built ahead among them, which validators may still include
	// after it died), so 2000's head keeps advancing with its blocks (no other collator of 2000
	// can build valid blocks).
	net.collators[honest].kill();
	let at = call(&alice, "chain_getBlockHash", vec![]).await.expect("best");
	let before = head_number(&alice, PARACHAIN, at.as_str().expect("hash")).await.unwrap_or(0);
	let restarted = net.collator("collator-2000", PARACHAIN, "//Eve", &[]);
	let restarted_client = net.collators[restarted].client(STARTUP).await;
	wait_for_head(&alice, PARACHAIN, before + 3, STARTUP).await;
	let deadline = Instant::now() + STARTUP;
	let stats = loop {
		let stats = para_rpc(&restarted_client, "para_stats").await;
		if stats["included"].as_u64().unwrap_or(0) >= 1 || Instant::now() > deadline {
			break stats;
		}
		tokio::time::sleep(Duration::from_secs(1)).await;
	};
	println!("collator 2000 after a restart at head #{before}: {stats}");
	assert!(stats["included"].as_u64().unwrap_or(0) >= 1, "the restarted collator's blocks are in");

	// (e) One validator dies; 2000 keeps advancing (its core's group rotates every 10 blocks).
	net.validators[3].kill();
	let (advanced, blocks, _) = measure(&alice, PARACHAIN, 20).await;
	println!("with Dave killed: 2000's head advanced in {advanced} of {blocks} relay blocks");
	assert!(advanced >= 10, "2000 kept advancing without Dave ({advanced} of {blocks})");
	drop(net);
}

#[tokio::test(flavor = "multi_thread")]
async fn parachain_blocks_are_included_over_libp2p() {
	let mut net = Net::start("parachains-libp2p", "libp2p");
	net.collator("collator-2000", PARACHAIN, "//Eve", &[]);
	let alice = net.validators[0].client(STARTUP).await;
	wait_for_head(&alice, PARACHAIN, 2, STARTUP).await;
	let (advanced, blocks, latency) = measure(&alice, PARACHAIN, 20).await;
	let fraction = advanced as f64 / blocks as f64;
	println!(
		"libp2p: para 2000's head advanced in {advanced} of {blocks} relay blocks ({:.0} %); mean relay parent to inclusion: {latency:.2} blocks",
		fraction * 100.0
	);
	assert!(fraction >= MIN_ADVANCE, "2000 advanced in {advanced} of {blocks} blocks");
	drop(net);
}
