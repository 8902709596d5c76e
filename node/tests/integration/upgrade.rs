//! Forkless runtime upgrades on live networks of the real binary.
//!
//! - On four validators (`--chain local`), with state made beforehand (the example parachain's
//!   lease, a running auction with two bids, a crowdloan with two contributions, a parathread's
//!   won claim): `sudo(system.authorize_upgrade(hash))` and then anyone's unsigned
//!   `system.apply_authorized_upgrade(code)` switch the runtime to the test's next version
//!   (`relay_runtime::upgrade_test_wasm`: `spec_version` + 1, a counted migration, the
//!   `TryRuntime` API). Without restarting a node: every validator reports the new version,
//!   blocks and finality go on, the migration ran exactly once, every pallet's `try_state` holds
//!   (`TryRuntime_execute_block` on a block of the new runtime), the storage of the parachain
//!   pallets and every account is byte for byte the same across the upgrade block and the first
//!   block of the new runtime, a polkadot.js client connected before the upgrade sees the new
//!   metadata and signs a transfer with it, and the old state still works: a new auction bid, a
//!   new contribution, the claim's expiry and the lease's next period. Going back to the old
//!   code is then refused (lower `spec_version`).
//! - On the shared `--dev` node (`common::shared_dev_node`), each refusal: code that is not a runtime, an equal or lower
//!   `spec_version`, another `spec_name`. Each is tried through both upgrade paths (`sudo` with
//!   `set_code`, and authorize + apply), is refused with `frame_system`'s error, and the chain
//!   goes on with the old runtime.

use crate::common::{tx::*, *};
use codec::{Decode, Encode};
use jsonrpsee::ws_client::WsClient;
use relay_primitives::{
	constants::currency::UNITS, AccountId, Balance, HeadData, LeasePeriodIndex, ParaId,
};
use relay_runtime::{Runtime, RuntimeCall, RuntimeEvent};
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::DispatchError;
use sp_version::RuntimeVersion;
use std::{
	io::{BufRead, BufReader, Write},
	process::{Command, Stdio},
	time::{Duration, Instant},
};

const STARTUP: Duration = Duration::from_secs(180);
const PARACHAIN: ParaId = ParaId(2000);
const PARATHREAD: ParaId = ParaId(2001);
/// The running runtime's `spec_version`, and the upgrade's.
const OLD_VERSION: u32 = 1_000;
const NEW_VERSION: u32 = 1_001;
/// Blocks of the auction's opening period: long enough that the upgrade happens inside it.
const OPENING: u32 = 120;
/// The largest runtime code a test decompresses (the runtime's own limit is larger).
const CODE_LIMIT: usize = 16 * 1024 * 1024;
/// Blocks past the upgrade block that must be finalized: finality goes on after the upgrade.
const FINALIZED_PAST_UPGRADE: u64 = 10;
/// How long the polkadot.js client may take for its whole part.
const CLIENT_TIMEOUT: Duration = Duration::from_secs(240);
/// The pallets whose storage must not change across the upgrade (plus `System::Account`).
const KEPT_PALLETS: [&str; 7] =
	["Paras", "Registrar", "Slots", "Auctions", "Crowdloan", "Parathreads", "Balances"];
/// Items of those pallets that change by design in blocks like the compared ones, so are left
/// out: the session index `Paras` last saw, rewritten at every session start (every 10 blocks).
const CHANGING_ITEMS: [(&str, &str); 1] = [("Paras", "LastSession")];

fn sudo(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) })
}

fn system(call: frame_system::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::System(call)
}

/// `frame_system`'s error `e` as the chain reports it.
fn system_error(e: frame_system::Error<Runtime>) -> DispatchError {
	e.into()
}

/// The runtime code stored at block `at`.
async fn code_at(client: &WsClient, at: &str) -> Vec<u8> {
	storage(client, sp_core::storage::well_known_keys::CODE, at)
		.await
		.expect(":code is set")
}

/// The `spec_version` at block `at`.
async fn spec_version_at(client: &WsClient, at: &str) -> u32 {
	let version = call(client, "state_getRuntimeVersion", vec![serde_json::json!(at)])
		.await
		.expect("state_getRuntimeVersion");
	version["specVersion"]
		.as_u64()
		.and_then(|v| u32::try_from(v).ok())
		.expect("specVersion")
}

/// How many times the upgrade's migration has run, at block `at`.
async fn migration_runs(client: &WsClient, at: &str) -> Option<u32> {
	let bytes = storage(client, relay_runtime::migrations::UPGRADE_RUNS_KEY, at).await?;
	Some(u32::decode(&mut &bytes[..]).expect("a u32"))
}

/// Every key and value under the kept pallets' prefixes and `System::Account`, at block `at`
/// (but [`CHANGING_ITEMS`]).
async fn kept_state(client: &WsClient, at: &str) -> Vec<(String, Option<String>)> {
	let mut prefixes: Vec<Vec<u8>> = KEPT_PALLETS
		.iter()
		.map(|p| sp_io::hashing::twox_128(p.as_bytes()).to_vec())
		.collect::<Vec<Vec<u8>>>();
	prefixes.push(value_key("System", "Account"));
	let skipped: Vec<String> = CHANGING_ITEMS
		.iter()
		.map(|(p, i)| format!("0x{}", hex(&value_key(p, i))))
		.collect();
	let mut out = Vec::new();
	for prefix in prefixes {
		let prefix = format!("0x{}", hex(&prefix));
		let keys =
			call(client, "state_getKeys", vec![serde_json::json!(prefix), serde_json::json!(at)])
				.await
				.expect("state_getKeys");
		for key in keys.as_array().cloned().unwrap_or_default() {
			let key = key.as_str().expect("hex key").to_string();
			if skipped.iter().any(|s| key.starts_with(s.as_str())) {
				continue;
			}
			let value = call(
				client,
				"state_getStorage",
				vec![serde_json::json!(key), serde_json::json!(at)],
			)
			.await
			.expect("state_getStorage");
			out.push((key, value.as_str().map(str::to_string)));
		}
	}
	out
}

/// A `Twox64Concat` map key of `pallet::item`.
fn map_key(pallet: &str, item: &str, key: &impl Encode) -> Vec<u8> {
	let encoded = key.encode();
	let mut out = value_key(pallet, item);
	out.extend(sp_io::hashing::twox_64(&encoded));
	out.extend(encoded);
	out
}

/// The lease periods left in `para`'s lease at block `at`.
async fn lease_periods(client: &WsClient, para: ParaId, at: &str) -> usize {
	let bytes = storage(client, &map_key("Slots", "Leases", &para), at)
		.await
		.unwrap_or_default();
	<Vec<Option<(AccountId, Balance)>>>::decode(&mut &bytes[..])
		.map(|v| v.len())
		.unwrap_or(0)
}

/// What the crowdloan of `para` has raised at block `at`.
async fn raised(client: &WsClient, para: ParaId, at: &str) -> Balance {
	let bytes = storage(client, &map_key("Crowdloan", "Funds", &para), at)
		.await
		.expect("a fund");
	pallet_crowdloan::FundInfoOf::<Runtime>::decode(&mut &bytes[..])
		.expect("FundInfo")
		.raised
}

/// Waits (bounded) for the first block after `from` with an event that `wanted` accepts.
async fn wait_for_event(
	client: &WsClient,
	from: u64,
	blocks: u64,
	what: &str,
	wanted: impl Fn(&RuntimeEvent) -> bool,
) -> (u64, RuntimeEvent) {
	let deadline = Instant::now() + Duration::from_secs(blocks * 8);
	let mut next = from + 1;
	loop {
		let best = best_number(client).await;
		while next <= best.min(from + blocks) {
			let hash = hash_at(client, next).await;
			if let Some((_, event)) =
				events(client, &hash).await.into_iter().find(|(_, e)| wanted(e))
			{
				return (next, event);
			}
			next += 1;
		}
		assert!(
			next <= from + blocks && Instant::now() < deadline,
			"no {what} in blocks {from}..={}",
			from + blocks
		);
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// Authorizes `code` (sudo) and applies it (unsigned); the block of the apply and its events.
async fn authorize_and_apply(client: &WsClient, code: &[u8], what: &str) -> Included {
	let hash = sp_io::hashing::blake2_256(code).into();
	let authorized = sign_and_submit(
		client,
		Alice,
		sudo(system(frame_system::Call::authorize_upgrade { code_hash: hash })),
		&format!("sudo(authorize_upgrade) of {what}"),
	)
	.await
	.ok("sudo(authorize_upgrade)");
	assert!(
		authorized.events.iter().any(|e| matches!(
			e,
			RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: Ok(()) })
		)),
		"{:?}",
		authorized.events
	);
	let apply =
		unsigned(system(frame_system::Call::apply_authorized_upgrade { code: code.to_vec() }));
	submit(client, &apply, &format!("apply_authorized_upgrade of {what}")).await
}

// ---------------------------------------------------------------------------------------------
// The runtime's version section, edited (for the refusal tests)
// ---------------------------------------------------------------------------------------------

fn read_leb(bytes: &[u8]) -> (usize, usize) {
	let (mut value, mut shift) = (0usize, 0);
	for (i, byte) in bytes.iter().enumerate() {
		value |= usize::from(byte & 0x7f) << shift;
		if byte & 0x80 == 0 {
			return (value, i + 1);
		}
		shift += 7;
	}
	panic!("truncated LEB128");
}

fn write_leb(mut value: usize, out: &mut Vec<u8>) {
	loop {
		let byte = (value & 0x7f) as u8;
		value >>= 7;
		if value == 0 {
			out.push(byte);
			return;
		}
		out.push(byte | 0x80);
	}
}

/// `code` (compressed or not) with the `runtime_version` custom section that nodes and
/// `frame_system` read the version from changed by `edit`; compressed again.
fn with_version(code: &[u8], edit: impl FnOnce(&mut RuntimeVersion)) -> Vec<u8> {
	let wasm = sp_maybe_compressed_blob::decompress(code, CODE_LIMIT).expect("decompresses");
	assert_eq!(&wasm[..8], b"\0asm\x01\0\0\0", "a WASM module");
	let (mut out, mut rest, mut edit) = (wasm[..8].to_vec(), &wasm[8..], Some(edit));
	while !rest.is_empty() {
		let (size, n) = read_leb(&rest[1..]);
		let (section, next) = rest.split_at(1 + n + size);
		let body = &section[1 + n..];
		let (name_len, m) = read_leb(body);
		let is_version = section[0] == 0 && &body[m..m + name_len] == b"runtime_version";
		match (is_version, edit.take()) {
			(true, Some(edit)) => {
				let content = &body[m + name_len..];
				let mut version =
					RuntimeVersion::decode_with_version_hint(&mut &content[..], Some(5))
						.expect("version");
				assert_eq!(version.encode(), content, "the section re-encodes as it was");
				edit(&mut version);
				let mut new_body = body[..m + name_len].to_vec();
				new_body.extend(version.encode());
				out.push(0);
				write_leb(new_body.len(), &mut out);
				out.extend(new_body);
			},
			(_, unused) => {
				edit = unused;
				out.extend(section);
			},
		}
		rest = next;
	}
	assert!(edit.is_none(), "the code has a runtime_version section");
	sp_maybe_compressed_blob::compress_strongly(&out, CODE_LIMIT).expect("compresses")
}

#[test]
fn the_version_section_is_edited_in_place() {
	let code = relay_runtime::WASM_BINARY.expect("the runtime's WASM");
	let edited = with_version(code, |v| v.spec_version = 7);
	let wasm = sp_maybe_compressed_blob::decompress(&edited, CODE_LIMIT).expect("decompresses");
	let blob = sc_executor_common::runtime_blob::RuntimeBlob::new(&wasm).expect("a blob");
	// What nodes read (and `frame_system` through them).
	let version = sc_executor::read_embedded_version(&blob).expect("reads").expect("a version");
	assert_eq!((version.spec_name.as_ref(), version.spec_version), ("relay", 7));
	let same = with_version(code, |_| {});
	assert_eq!(
		sp_maybe_compressed_blob::decompress(&same, CODE_LIMIT).expect("decompresses"),
		sp_maybe_compressed_blob::decompress(code, CODE_LIMIT).expect("decompresses")
	);
}

// ---------------------------------------------------------------------------------------------
// The polkadot.js client that lives through the upgrade
// ---------------------------------------------------------------------------------------------

/// `node tests/js/upgrade-client.mjs <url> <new version>`: connects, prints a JSON line, waits
/// for the new runtime and prints another, then on "go" (stdin) signs and submits a transfer
/// and prints the last.
struct JsClient {
	child: std::process::Child,
	lines: std::sync::mpsc::Receiver<String>,
}

impl JsClient {
	fn start(url: &str) -> JsClient {
		let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
		assert!(
			dir.join("node_modules/@polkadot/api").exists(),
			"polkadot.js is not installed: run `npm ci` in {} (scripts/test.sh does)",
			dir.display()
		);
		let mut child = Command::new("node")
			.arg("upgrade-client.mjs")
			.args([url, &NEW_VERSION.to_string()])
			.current_dir(&dir)
			.stdin(Stdio::piped())
			.stdout(Stdio::piped())
			.stderr(Stdio::inherit())
			.spawn()
			.expect("node (Node.js) runs: it is needed for the polkadot.js tests");
		let stdout = child.stdout.take().expect("stdout");
		let (send, lines) = std::sync::mpsc::channel();
		std::thread::spawn(move || {
			for line in BufReader::new(stdout).lines().map_while(Result::ok) {
				println!("polkadot.js: {line}");
				if send.send(line).is_err() {
					break;
				}
			}
		});
		JsClient { child, lines }
	}

	/// The next JSON line the client prints (bounded); polkadot.js's own log lines are skipped.
	fn next(&self, what: &str) -> serde_json::Value {
		let deadline = Instant::now() + CLIENT_TIMEOUT;
		loop {
			let line = self
				.lines
				.recv_timeout(deadline.saturating_duration_since(Instant::now()))
				.unwrap_or_else(|e| {
					panic!("the polkadot.js client said nothing about {what}: {e}")
				});
			if line.starts_with('{') {
				return serde_json::from_str(&line)
					.unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
			}
		}
	}

	fn go(&mut self) {
		let stdin = self.child.stdin.as_mut().expect("stdin");
		stdin
			.write_all(b"go\n")
			.and_then(|()| stdin.flush())
			.expect("the client reads stdin");
	}
}

impl Drop for JsClient {
	fn drop(&mut self) {
		let _ = self.child.kill();
		let _ = self.child.wait();
	}
}

// ---------------------------------------------------------------------------------------------
// The live upgrade
// ---------------------------------------------------------------------------------------------

/// The state the test makes before the upgrade.
struct Before {
	auction_index: u32,
	first: LeasePeriodIndex,
	raised: Balance,
}

/// A crowdloan for the parathread with two contributions, an auction with two bids.
async fn make_state(client: &WsClient) -> Before {
	let lease_period = u64::from(relay_runtime::configs::LEASE_PERIOD);
	let now = best_number(client).await;
	let close_by =
		now + u64::from(OPENING) + u64::from(relay_runtime::configs::AUCTION_ENDING_PERIOD) + 40;
	let first = LeasePeriodIndex::try_from(close_by / lease_period + 1).expect("small");
	let end = u32::try_from(close_by).expect("small");

	let created = sign_and_submit(
		client,
		Bob,
		RuntimeCall::Crowdloan(pallet_crowdloan::Call::create {
			index: PARATHREAD,
			cap: 1_000 * UNITS,
			first_period: first + 2,
			last_period: first + 3,
			end,
			verifier: None,
		}),
		"crowdloan.create",
	)
	.await
	.ok("crowdloan.create");
	println!(
		"#{} crowdloan.create for {} (Bob), periods {}..={}",
		created.number,
		PARATHREAD.0,
		first + 2,
		first + 3
	);
	for who in [Charlie, Dave] {
		let contributed = sign_and_submit(
			client,
			who,
			RuntimeCall::Crowdloan(pallet_crowdloan::Call::contribute {
				index: PARATHREAD,
				value: 50 * UNITS,
				signature: None,
			}),
			"crowdloan.contribute",
		)
		.await
		.ok("crowdloan.contribute");
		println!("#{} crowdloan.contribute 50 RLY ({who:?})", contributed.number);
	}

	let started = sign_and_submit(
		client,
		Alice,
		sudo(RuntimeCall::Auctions(pallet_auctions::Call::new_auction {
			duration: OPENING,
			lease_period_index: first,
		})),
		"sudo(auctions.new_auction)",
	)
	.await
	.ok("sudo(new_auction)");
	let auction_index = started
		.events
		.iter()
		.find_map(|e| match e {
			RuntimeEvent::Auctions(pallet_auctions::Event::AuctionStarted {
				auction_index,
				..
			}) => Some(*auction_index),
			_ => None,
		})
		.unwrap_or_else(|| panic!("no AuctionStarted: {:?}", started.events));
	println!(
		"#{} auction {auction_index} started for period {first}, {OPENING} blocks of opening",
		started.number
	);
	for (who, para, from, amount) in
		[(Alice, PARATHREAD, first, 100), (Ferdie, PARACHAIN, first + 6, 70)]
	{
		let bid = sign_and_submit(
			client,
			who,
			RuntimeCall::Auctions(pallet_auctions::Call::bid {
				para,
				auction_index,
				first_slot: from,
				last_slot: from + 1,
				amount: amount * UNITS,
			}),
			"auctions.bid",
		)
		.await
		.ok("auctions.bid");
		println!(
			"#{} auctions.bid {amount} RLY for {} on {from}..={} ({who:?})",
			bid.number,
			para.0,
			from + 1
		);
	}

	let at = hash_at(client, started.number).await;
	Before { auction_index, first, raised: raised(client, PARATHREAD, &at).await }
}

/// Eve bids for a pool core for the parathread; the next block's clearing gives it a claim, live
/// for `CLAIM_TTL` blocks (no collator serves it). The block number it expires at.
async fn make_claim(client: &WsClient) -> u64 {
	let at = hash_at(client, best_number(client).await).await;
	let head: Option<HeadData> =
		runtime_call(client, "InclusionApi_para_head", PARATHREAD, &at).await;
	let head_hash = head.expect("the parathread has a head").hash();
	let bid = sign_and_submit(
		client,
		Eve,
		RuntimeCall::Parathreads(pallet_parathreads::Call::bid {
			para_id: PARATHREAD,
			fee: UNITS,
			head_hash,
		}),
		"parathreads.bid",
	)
	.await
	.ok("parathreads.bid");
	let (won_at, won) = wait_for_event(client, bid.number, 3, "BidWon", |e| {
		matches!(e, RuntimeEvent::Parathreads(pallet_parathreads::Event::BidWon { .. }))
	})
	.await;
	let RuntimeEvent::Parathreads(pallet_parathreads::Event::BidWon { expires_at, .. }) = won
	else {
		unreachable!()
	};
	println!(
		"#{won_at} parathreads: Eve's bid for {} won a claim, live until #{expires_at}",
		PARATHREAD.0
	);

	u64::from(expires_at)
}

/// `TryRuntime_execute_block` of block `number` on its parent's state: the block again, with
/// every pallet's `try_state` after it (the runtime panics, and the call fails, if one fails).
async fn try_state_after_block(
	client: &WsClient,
	number: u64,
	tamper: impl FnOnce(&mut relay_primitives::Header),
) -> Result<(), String> {
	let hash = hash_at(client, number).await;
	let block = call(client, "chain_getBlock", vec![serde_json::json!(hash)]).await?;
	let mut header: relay_primitives::Header =
		serde_json::from_value(block["block"]["header"].clone()).map_err(|e| e.to_string())?;
	tamper(&mut header);
	let extrinsics = block["block"]["extrinsics"]
		.as_array()
		.ok_or("no extrinsics")?
		.iter()
		.map(|x| {
			relay_runtime::UncheckedExtrinsic::decode(
				&mut &unhex(x.as_str().unwrap_or_default())[..],
			)
		})
		.collect::<Result<Vec<_>, _>>()
		.map_err(|e| e.to_string())?;
	let parent = format!("{:?}", header.parent_hash);
	let block = relay_runtime::Block { header, extrinsics };
	// (block, state_root_check, signature_check, TryStateSelect::All (variant 1))
	let args = (block, true, true, 1u8).encode();
	runtime_call_raw(client, "TryRuntime_execute_block", &args, &parent)
		.await
		.map(|_| ())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_runtime_upgrade_on_a_live_network_keeps_blocks_finality_and_state() {
	let code = relay_runtime::upgrade_test_wasm()
		.expect("the upgrade test's runtime: build with --features relay-node/short-blocks (scripts/test.sh does)");
	let dir = TempDir::new("upgrade");
	let validators = Validators::start(&dir, &[]);
	let mut clients = Vec::new();
	for node in &validators.nodes {
		clients.push(node.client(STARTUP).await);
	}
	let alice = &clients[0];
	wait_for_blocks(alice, STARTUP, "blocks and finality", |best, fin| best >= 3 && fin >= 1).await;
	assert_eq!(runtime_version(alice).await.0, OLD_VERSION);

	// Best and finalized on Bob's node every half second, until the checks of finality below.
	let sampler_client = validators.nodes[1].client(STARTUP).await;
	let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
	let sampler = tokio::spawn(async move {
		let mut samples = Vec::new();
		loop {
			samples.push(best_and_finalized(&sampler_client).await);
			tokio::select! {
				_ = &mut stopped => return samples,
				_ = tokio::time::sleep(Duration::from_millis(500)) => {},
			}
		}
	});
	let before = make_state(alice).await;

	// Upgrade early in a lease period, so no lease-period start falls on the compared blocks.
	let lease_period = u64::from(relay_runtime::configs::LEASE_PERIOD);
	let window = Instant::now() + Duration::from_secs(lease_period * 6);
	while !(1..=lease_period / 4).contains(&(best_number(alice).await % lease_period)) {
		assert!(Instant::now() < window, "no block early in a lease period");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	let claim_expires_at = make_claim(alice).await;

	let js = JsClient::start(&validators.nodes[1].url());
	let ready = js.next("connecting");
	assert_eq!(ready["specVersion"], OLD_VERSION, "{ready}");

	let upgrade_from = best_number(alice).await;
	let applied = authorize_and_apply(alice, code, "the next runtime").await;
	let u = applied.number;
	assert!(
		applied
			.events
			.iter()
			.any(|e| matches!(e, RuntimeEvent::System(frame_system::Event::CodeUpdated { .. }))),
		"no CodeUpdated: {:?}",
		applied.events
	);
	println!("#{u} apply_authorized_upgrade: code updated ({} bytes)", code.len());
	wait_for_number(alice, u + 3, Duration::from_secs(60)).await;
	let (p, uh, m) =
		(hash_at(alice, u - 1).await, hash_at(alice, u).await, hash_at(alice, u + 1).await);

	// The version, the code, the migration.
	assert_eq!(spec_version_at(alice, &p).await, OLD_VERSION);
	assert_eq!(spec_version_at(alice, &m).await, NEW_VERSION);
	assert_eq!(code_at(alice, &m).await, code, ":code is the new runtime");
	assert_eq!(migration_runs(alice, &uh).await, None, "no migration in the upgrade block");
	assert_eq!(
		migration_runs(alice, &m).await,
		Some(1),
		"the migration ran in the first block of the new runtime"
	);
	println!("#{} spec_version {OLD_VERSION}; #{u} code updated; #{} spec_version {NEW_VERSION}, migration runs: 1", u - 1, u + 1);

	// The state of the parachain pallets and every account, across both blocks.
	let (kept_p, kept_u, kept_m) =
		(kept_state(alice, &p).await, kept_state(alice, &uh).await, kept_state(alice, &m).await);
	for (name, kept) in [("upgrade block", &kept_u), ("first block of the new runtime", &kept_m)] {
		let changed: Vec<_> =
			kept_p.iter().filter(|kv| !kept.contains(kv)).map(|(k, _)| k).collect();
		assert!(kept.len() == kept_p.len() && changed.is_empty(), "{name} changed {changed:?}");
	}
	println!(
		"{} storage items of {KEPT_PALLETS:?} and System::Account identical at #{}, #{u}, #{}",
		kept_p.len(),
		u - 1,
		u + 1
	);
	assert!(
		claim_expires_at > u + 1,
		"the claim (until #{claim_expires_at}) lived through the upgrade"
	);

	// Every pallet's try_state on a block of the new runtime.
	try_state_after_block(alice, u + 2, |_| {})
		.await
		.unwrap_or_else(|e| panic!("try_state after #{}: {e}", u + 2));
	// The same call fails if the block is wrong (so it did execute and check it).
	let tampered = try_state_after_block(alice, u + 2, |h| h.state_root = Default::default()).await;
	assert!(tampered.is_err(), "a block with a wrong state root passed TryRuntime_execute_block");
	println!("#{} TryRuntime_execute_block with every pallet's try_state: ok", u + 2);

	// The polkadot.js client connected before the upgrade.
	let seen = js.next("the upgrade");
	assert_eq!(seen["specVersion"], NEW_VERSION, "{seen}");
	assert_eq!(
		seen["constSpecVersion"], NEW_VERSION,
		"the client's metadata is the new one: {seen}"
	);
	let mut js = js;
	js.go();
	let sent = js.next("its transfer");
	assert_eq!(sent["ok"], true, "{sent}");

	// Every validator runs the new runtime; blocks and finality go on.
	for (client, who) in clients.iter().zip(VALIDATORS) {
		assert_eq!(runtime_version(client).await.0, NEW_VERSION, "{who}");
	}
	// Finality goes on (bounded wait); how far it lagged is a figure, printed, not a test.
	wait_for_blocks(alice, Duration::from_secs(240), "finality past the upgrade", |_, fin| {
		fin >= u + FINALIZED_PAST_UPGRADE
	})
	.await;
	let _ = stop.send(());
	let samples = sampler.await.expect("sampler");
	let gap = |upgrading: bool| {
		samples
			.iter()
			.filter(|(best, _)| (*best > upgrade_from) == upgrading)
			.map(|(best, finalized)| best.saturating_sub(*finalized))
			.max()
			.unwrap_or(0)
	};
	let (best, finalized) = best_and_finalized(alice).await;
	println!(
		"after the upgrade: best #{best}, finalized #{finalized}; largest best-finalized gap: {} blocks before #{upgrade_from}, {} blocks from then until finality passed #{}",
		gap(false),
		gap(true),
		u + FINALIZED_PAST_UPGRADE
	);

	// The old state still works under the new runtime.
	let bid = sign_and_submit(
		alice,
		Charlie,
		RuntimeCall::Auctions(pallet_auctions::Call::bid {
			para: PARATHREAD,
			auction_index: before.auction_index,
			first_slot: before.first,
			last_slot: before.first + 1,
			amount: 150 * UNITS,
		}),
		"auctions.bid after the upgrade",
	)
	.await
	.ok("auctions.bid after the upgrade");
	assert!(bid
		.events
		.iter()
		.any(|e| matches!(e, RuntimeEvent::Auctions(pallet_auctions::Event::BidAccepted { .. }))));
	let contributed = sign_and_submit(
		alice,
		Eve,
		RuntimeCall::Crowdloan(pallet_crowdloan::Call::contribute {
			index: PARATHREAD,
			value: 20 * UNITS,
			signature: None,
		}),
		"crowdloan.contribute after the upgrade",
	)
	.await
	.ok("crowdloan.contribute after the upgrade");
	assert_eq!(raised(alice, PARATHREAD, &contributed.block).await, before.raised + 20 * UNITS);
	println!(
		"#{} auction bid accepted, #{} crowdloan raised {} -> {} RLY",
		bid.number,
		contributed.number,
		before.raised / UNITS,
		(before.raised + 20 * UNITS) / UNITS
	);
	let (expired_at, _) = wait_for_event(alice, u, claim_expires_at + 3 - u, "ClaimExpired", |e| {
		matches!(e, RuntimeEvent::Parathreads(pallet_parathreads::Event::ClaimExpired { para_id, .. }) if *para_id == PARATHREAD)
	})
	.await;
	let (new_period_at, _) = wait_for_event(alice, u, lease_period + 3, "NewLeasePeriod", |e| {
		matches!(e, RuntimeEvent::Slots(pallet_slots::Event::NewLeasePeriod { .. }))
	})
	.await;
	let at = hash_at(alice, new_period_at).await;
	let lease_before = lease_periods(alice, PARACHAIN, &p).await;
	assert_eq!(
		lease_periods(alice, PARACHAIN, &at).await,
		lease_before - 1,
		"the lease moved on one period"
	);
	println!("#{expired_at} the claim expired; #{new_period_at} new lease period, {}'s lease {lease_before} -> {} periods", PARACHAIN.0, lease_before - 1);
	let best = hash_at(alice, best_number(alice).await).await;
	assert_eq!(migration_runs(alice, &best).await, Some(1), "the migration ran exactly once");

	// Going back is refused; the chain stays on the new runtime.
	let old = relay_runtime::WASM_BINARY.expect("the runtime's WASM");
	let refused = authorize_and_apply(alice, old, "the old runtime").await;
	assert_refused(&refused, system_error(frame_system::Error::SpecVersionNeedsToIncrease));
	assert_eq!(runtime_version(alice).await.0, NEW_VERSION);
	println!(
		"#{} the old runtime (spec_version {OLD_VERSION}) refused: SpecVersionNeedsToIncrease",
		refused.number
	);
}

/// `included` is an `apply_authorized_upgrade` that `frame_system` refused with `expected`.
fn assert_refused(included: &Included, expected: DispatchError) {
	assert!(
		included.events.iter().any(|e| matches!(
			e,
			RuntimeEvent::System(frame_system::Event::RejectedInvalidAuthorizedUpgrade { error, .. }) if *error == expected
		)),
		"not refused with {expected:?}: {:?}",
		included.events
	);
}

// ---------------------------------------------------------------------------------------------
// Refusals, on the shared --dev node
// ---------------------------------------------------------------------------------------------

/// Tries `code` through both upgrade paths on the shared `--dev` node (a refusal changes
/// nothing another test checks): `sudo(set_code)` and authorize + apply. Both must be refused
/// with `error`, and the chain must go on with its code and version unchanged.
async fn refused_on_a_dev_node(
	name: &str,
	code: impl FnOnce(&[u8]) -> Vec<u8>,
	error: frame_system::Error<Runtime>,
) {
	let node = shared_dev_node();
	let client = node.client(STARTUP).await;
	wait_for_blocks(&client, STARTUP, "block 2", |best, _| best >= 2).await;
	let at = hash_at(&client, best_number(&client).await).await;
	let running = code_at(&client, &at).await;
	let code = code(&running);
	let expected = system_error(error);

	let set_code = sudo(system(frame_system::Call::set_code { code: code.clone() }));
	let sudid = sign_and_submit(&client, Alice, set_code, "sudo(set_code)")
		.await
		.ok("sudo itself");
	assert!(
		sudid.events.iter().any(|e| matches!(e, RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: Err(e) }) if *e == expected)),
		"sudo(set_code) not refused with {expected:?}: {:?}",
		sudid.events
	);
	let applied = authorize_and_apply(&client, &code, name).await;
	assert_refused(&applied, expected);

	wait_for_number(&client, applied.number + 2, Duration::from_secs(60)).await;
	let best = hash_at(&client, best_number(&client).await).await;
	assert_eq!(spec_version_at(&client, &best).await, OLD_VERSION);
	assert_eq!(code_at(&client, &best).await, running, "the code is unchanged");
	println!("{name}: sudo(set_code) #{} and apply #{} refused with {expected:?}; still spec_version {OLD_VERSION}", sudid.number, applied.number);
}

#[tokio::test(flavor = "multi_thread")]
async fn code_that_is_not_a_runtime_is_refused() {
	// The example para's validation code: valid WASM, but no runtime version in it.
	let para_code = relay_runtime::EXAMPLE_PARA_WASM.expect("the example para's WASM").to_vec();
	refused_on_a_dev_node(
		"not-a-runtime",
		|_| para_code,
		frame_system::Error::FailedToExtractRuntimeVersion,
	)
	.await;
	refused_on_a_dev_node(
		"garbage",
		|_| b"not a runtime at all".repeat(100),
		frame_system::Error::FailedToExtractRuntimeVersion,
	)
	.await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_equal_or_lower_spec_version_is_refused() {
	refused_on_a_dev_node(
		"same-version",
		|running| running.to_vec(),
		frame_system::Error::SpecVersionNeedsToIncrease,
	)
	.await;
	refused_on_a_dev_node(
		"lower-version",
		|running| with_version(running, |v| v.spec_version = OLD_VERSION - 1),
		frame_system::Error::SpecVersionNeedsToIncrease,
	)
	.await;
}

#[tokio::test(flavor = "multi_thread")]
async fn another_spec_name_is_refused() {
	let next =
		relay_runtime::upgrade_test_wasm().expect("the upgrade test's runtime (short-blocks)");
	refused_on_a_dev_node(
		"other-name",
		|_| with_version(next, |v| v.spec_name = "other-chain".into()),
		frame_system::Error::InvalidSpecName,
	)
	.await;
}

/// The one-transaction path: `sudo(system.set_code(code))`, signed by the sudo key, upgrades a
/// `--dev` chain at once (its migration runs in the next block).
#[tokio::test(flavor = "multi_thread")]
async fn an_upgrade_through_sudo_set_code_takes_effect() {
	let dir = TempDir::new("set-code");
	let node = Node::start(&["--dev", "--tmp"], &dir.join("node.log"));
	let client = node.client(STARTUP).await;
	wait_for_blocks(&client, STARTUP, "block 1", |best, _| best >= 1).await;
	let next =
		relay_runtime::upgrade_test_wasm().expect("the upgrade test's runtime (short-blocks)");
	let set_code = sudo(system(frame_system::Call::set_code { code: next.to_vec() }));
	let included = sign_and_submit(&client, Alice, set_code, "sudo(set_code)")
		.await
		.ok("sudo(set_code)");
	assert!(
		included.events.iter().any(|e| matches!(
			e,
			RuntimeEvent::Sudo(pallet_sudo::Event::Sudid { sudo_result: Ok(()) })
		)),
		"{:?}",
		included.events
	);
	assert!(included
		.events
		.iter()
		.any(|e| matches!(e, RuntimeEvent::System(frame_system::Event::CodeUpdated { .. }))));
	wait_for_number(&client, included.number + 1, Duration::from_secs(60)).await;
	let after = hash_at(&client, included.number + 1).await;
	assert_eq!(spec_version_at(&client, &after).await, NEW_VERSION);
	assert_eq!(migration_runs(&client, &after).await, Some(1));
	println!(
		"#{} sudo(set_code): code updated; #{} spec_version {NEW_VERSION}, migration runs: 1",
		included.number,
		included.number + 1
	);
}
