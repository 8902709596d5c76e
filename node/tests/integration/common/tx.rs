//! Transactions from tests, built with the runtime's own types: a call is a
//! `relay_runtime::RuntimeCall`, signed with a dev key exactly as a wallet signs it (the
//! runtime's transaction extensions, immortal, `CheckMetadataHash` mode 0) or sent bare
//! (unsigned), submitted over JSON-RPC (`author_submitExtrinsic`), then found in a block; its
//! events are read from that block's `System::Events`.

use super::{call, header_number, hex, unhex};
use codec::{Decode, Encode};
use jsonrpsee::ws_client::WsClient;
use relay_primitives::Hash;
use relay_runtime::{RuntimeCall, RuntimeEvent, SignedPayload, TxExtension, UncheckedExtrinsic};
use serde_json::json;
use sp_core::Pair;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, DispatchError};
use std::time::{Duration, Instant};

/// How long a submitted transaction may take to appear in a block.
pub const IN_BLOCK_TIMEOUT: Duration = Duration::from_secs(90);
/// How often `submit` hands the same transaction to the pool again while no block has it.
pub const RESUBMIT_EVERY: Duration = Duration::from_secs(20);

/// A block's events, as `(index of the extrinsic that emitted it, event)`; `None` for events of
/// the block's hooks.
pub type Events = Vec<(Option<u32>, RuntimeEvent)>;

/// The hash of block `number` (hex with `0x`).
pub async fn hash_at(client: &WsClient, number: u64) -> String {
	call(client, "chain_getBlockHash", vec![json!(number)])
		.await
		.expect("chain_getBlockHash")
		.as_str()
		.expect("block exists")
		.to_string()
}

/// The best block's number.
pub async fn best_number(client: &WsClient) -> u64 {
	header_number(&call(client, "chain_getHeader", vec![]).await.expect("chain_getHeader"))
}

/// Raw storage at `key` in block `at` (`None` if absent).
pub async fn storage(client: &WsClient, key: &[u8], at: &str) -> Option<Vec<u8>> {
	let value = call(client, "state_getStorage", vec![json!(format!("0x{}", hex(key))), json!(at)])
		.await
		.expect("state_getStorage");
	value.as_str().map(unhex)
}

/// The key of a storage value (`twox128(pallet) ++ twox128(item)`).
pub fn value_key(pallet: &str, item: &str) -> Vec<u8> {
	let mut key = sp_io::hashing::twox_128(pallet.as_bytes()).to_vec();
	key.extend(sp_io::hashing::twox_128(item.as_bytes()));
	key
}

/// The events of block `at`.
pub async fn events(client: &WsClient, at: &str) -> Events {
	let Some(bytes) = storage(client, &value_key("System", "Events"), at).await else {
		return Vec::new();
	};
	let records: Vec<frame_system::EventRecord<RuntimeEvent, Hash>> =
		Decode::decode(&mut &bytes[..]).expect("events decode");
	records
		.into_iter()
		.map(|r| match r.phase {
			frame_system::Phase::ApplyExtrinsic(i) => (Some(i), r.event),
			_ => (None, r.event),
		})
		.collect()
}

/// `state_call` of runtime API `method` with SCALE `args` at block `at`: the raw answer, or the
/// node's error (a runtime panic comes back as one).
pub async fn runtime_call_raw(
	client: &WsClient,
	method: &str,
	args: &[u8],
	at: &str,
) -> Result<Vec<u8>, String> {
	let data = format!("0x{}", hex(args));
	let result = call(client, "state_call", vec![json!(method), json!(data), json!(at)]).await?;
	Ok(unhex(result.as_str().ok_or("state_call answered no hex")?))
}

/// `state_call` at `at`, decoded; panics on an error.
pub async fn runtime_call<T: Decode>(
	client: &WsClient,
	method: &str,
	args: impl Encode,
	at: &str,
) -> T {
	let answer = runtime_call_raw(client, method, &args.encode(), at)
		.await
		.unwrap_or_else(|e| panic!("{method}: {e}"));
	T::decode(&mut &answer[..]).unwrap_or_else(|e| panic!("{method}'s answer: {e}"))
}

/// `(spec_version, transaction_version)` of the runtime at the best block.
pub async fn runtime_version(client: &WsClient) -> (u32, u32) {
	let version = call(client, "state_getRuntimeVersion", vec![]).await.expect("runtime version");
	let field = |name: &str| {
		version[name]
			.as_u64()
			.and_then(|v| u32::try_from(v).ok())
			.expect("a version field")
	};
	(field("specVersion"), field("transactionVersion"))
}

/// `call` signed by `signer` for the chain as it is now (nonce, versions, genesis).
pub async fn signed(
	client: &WsClient,
	signer: Sr25519Keyring,
	call: RuntimeCall,
) -> UncheckedExtrinsic {
	let account = signer.to_account_id();
	let nonce = call_nonce(client, &account).await;
	let (spec_version, transaction_version) = runtime_version(client).await;
	let genesis: Hash = hash_at(client, 0).await.parse().expect("genesis hash");
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckMortality::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
	);
	let payload = SignedPayload::from_raw(
		call.clone(),
		extension.clone(),
		((), spec_version, transaction_version, genesis, genesis, (), (), (), None),
	);
	let signature = payload.using_encoded(|bytes| signer.pair().sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		account.into(),
		sp_runtime::MultiSignature::Sr25519(signature),
		extension,
	)
}

async fn call_nonce(client: &WsClient, account: &relay_primitives::AccountId) -> u32 {
	use sp_core::crypto::Ss58Codec;
	call(client, "system_accountNextIndex", vec![json!(account.to_ss58check())])
		.await
		.expect("system_accountNextIndex")
		.as_u64()
		.and_then(|n| u32::try_from(n).ok())
		.expect("a nonce")
}

/// `call` as a bare (unsigned) extrinsic, for calls the runtime validates itself.
pub fn unsigned(call: RuntimeCall) -> UncheckedExtrinsic {
	UncheckedExtrinsic::new_bare(call)
}

/// A transaction in a block: where, and the events it emitted.
pub struct Included {
	/// The block's hash.
	pub block: String,
	/// The block's number.
	pub number: u64,
	/// The transaction's events (`ExtrinsicSuccess` or `ExtrinsicFailed` last).
	pub events: Vec<RuntimeEvent>,
}

impl Included {
	/// The error, if the transaction failed.
	pub fn error(&self) -> Option<DispatchError> {
		self.events.iter().find_map(|e| match e {
			RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error, ..
			}) => Some(*dispatch_error),
			_ => None,
		})
	}

	/// Panics (naming `what`) unless the transaction succeeded.
	pub fn ok(self, what: &str) -> Included {
		assert!(self.error().is_none(), "{what} failed: {:?}", self.events);
		self
	}
}

/// Submits `xt` and waits (bounded) until a block on the best chain contains it. Every poll
/// reads the best chain again from the block after submission, by hash, so a block that
/// replaced an already-read one in a reorg is read too; and the same bytes are submitted again
/// every `RESUBMIT_EVERY` while they are in no block (a pool may drop a transaction when the
/// fork it was in is retracted; the same signed bytes cannot be included twice).
pub async fn submit(client: &WsClient, xt: &UncheckedExtrinsic, what: &str) -> Included {
	let encoded = xt.encode();
	let submit_hex = json!(format!("0x{}", hex(&encoded)));
	let from = best_number(client).await;
	call(client, "author_submitExtrinsic", vec![submit_hex.clone()])
		.await
		.unwrap_or_else(|e| panic!("{what} was refused by the pool: {e}"));
	let deadline = Instant::now() + IN_BLOCK_TIMEOUT;
	let mut resubmit_at = Instant::now() + RESUBMIT_EVERY;
	let mut read: std::collections::HashSet<String> = std::collections::HashSet::new();
	loop {
		let best = best_number(client).await;
		for number in from.saturating_add(1)..=best {
			let hash = hash_at(client, number).await;
			if !read.insert(hash.clone()) {
				continue;
			}
			let block = call(client, "chain_getBlock", vec![json!(hash)]).await.expect("block");
			let extrinsics = block["block"]["extrinsics"].as_array().cloned().unwrap_or_default();
			if let Some(index) = extrinsics
				.iter()
				.position(|x| x.as_str().map(unhex).as_deref() == Some(&encoded[..]))
			{
				let index = u32::try_from(index).expect("few extrinsics");
				let events = events(client, &hash)
					.await
					.into_iter()
					.filter(|(i, _)| *i == Some(index))
					.map(|(_, e)| e)
					.collect();
				return Included { block: hash, number, events };
			}
		}
		assert!(Instant::now() < deadline, "{what} was not in a block within {IN_BLOCK_TIMEOUT:?}");
		if Instant::now() >= resubmit_at {
			// An error here ("already imported", "stale") only means the pool has it or a
			// block does; the next reads find it.
			let _ = call(client, "author_submitExtrinsic", vec![submit_hex.clone()]).await;
			resubmit_at = Instant::now() + RESUBMIT_EVERY;
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// Signs `call` with `signer`, submits it and waits for its block.
pub async fn sign_and_submit(
	client: &WsClient,
	signer: Sr25519Keyring,
	call: RuntimeCall,
	what: &str,
) -> Included {
	let xt = signed(client, signer, call).await;
	submit(client, &xt, what).await
}

/// Waits (bounded by `timeout`) until the best block is at least `until`.
pub async fn wait_for_number(client: &WsClient, until: u64, timeout: Duration) {
	let deadline = Instant::now() + timeout;
	while best_number(client).await < until {
		assert!(Instant::now() < deadline, "block #{until} was not reached within {timeout:?}");
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}
