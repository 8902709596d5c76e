//! Wiring of the parachain protocols (`relay-parachains`) into the node: a validator's keys and
//! PVF host, a collator's key, state file, bids and RPC.

use crate::service::{FullClient, TransactionPool};
use codec::{Decode, DecodeAll, Encode};
use example_para::State;
use jsonrpsee::RpcModule;
use relay_parachains::{
	collator::{BidPolicy, Collator},
	validator::Keys,
};
use relay_primitives::{
	candidate::PARA_VALIDATOR_KEY_TYPE, network::CollatorPair, AccountId, Balance, Hash, ParaId,
	ValidatorId, ValidatorSignature,
};
use sc_transaction_pool_api::{TransactionPool as _, TransactionSource};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::{crypto::ByteArray, Pair};
use sp_keystore::KeystorePtr;
use sp_runtime::generic::Era;
use std::{
	path::{Path, PathBuf},
	sync::{Arc, Mutex},
};

/// Blocks a bid transaction stays valid for, counted from the finalized block it is born at
/// (a power of two, so the era's birth is exactly that block).
const BID_MORTALITY: u64 = 64;

/// The era of a bid born at finalized block `finalized`: its birth is that block, so the
/// signed payload names a block every fork the pool validates on has.
fn bid_era(finalized: relay_primitives::BlockNumber) -> Era {
	Era::mortal(BID_MORTALITY, u64::from(finalized))
}

/// What a collator runs with (from `relay-node collator`).
#[derive(Clone)]
pub struct CollatorConfig {
	/// The para.
	pub para_id: ParaId,
	/// Its key: it declares the collator and its account pays the bids.
	pub pair: CollatorPair,
	/// How it bids when the para is a parathread.
	pub bidding: BidPolicy,
	/// Test-only: build invalid collations.
	pub invalid_collations: bool,
}

/// A validator's `para_validator` keys in the node's keystore.
pub struct KeystoreKeys(pub KeystorePtr);

impl Keys for KeystoreKeys {
	fn find(&self, validators: &[ValidatorId]) -> Option<ValidatorId> {
		validators
			.iter()
			.find(|key| self.0.has_keys(&[(key.to_raw_vec(), PARA_VALIDATOR_KEY_TYPE)]))
			.cloned()
	}

	fn sign(&self, key: &ValidatorId, payload: &[u8]) -> Option<ValidatorSignature> {
		let public = sp_core::sr25519::Public::from_slice(key.as_slice()).ok()?;
		let signature = self.0.sr25519_sign(PARA_VALIDATOR_KEY_TYPE, &public, payload).ok()??;
		Some(signature.into())
	}
}

/// Where a collator keeps the para's state: `<base path>/para-<id>/state.scale`.
pub fn state_file(base_path: &Path, para: ParaId) -> PathBuf {
	base_path.join(format!("para-{}", para.0)).join("state.scale")
}

/// The states a previous run saved (none if there is no file; a file that does not decode is
/// kept aside as `state.scale.bad` and ignored, never overwritten).
pub fn load_states(file: &Path) -> Vec<State> {
	let Ok(bytes) = std::fs::read(file) else { return Vec::new() };
	match Vec::<State>::decode_all(&mut &bytes[..]) {
		Ok(states) => states,
		Err(e) => {
			let aside = file.with_extension("scale.bad");
			log::warn!(
				target: "parachain",
				"ignoring {} ({e}); kept as {}",
				file.display(),
				aside.display()
			);
			let _ = std::fs::rename(file, &aside);
			Vec::new()
		},
	}
}

/// Saves `states` (write then rename, so a crash never leaves half a file).
pub fn save_states(file: &Path, states: &[State]) {
	let write = || -> std::io::Result<()> {
		if let Some(dir) = file.parent() {
			std::fs::create_dir_all(dir)?;
		}
		let temporary = file.with_extension("scale.new");
		std::fs::write(&temporary, states.encode())?;
		std::fs::rename(&temporary, file)
	};
	if let Err(e) = write() {
		log::warn!(target: "parachain", "cannot save the para state to {}: {e}", file.display());
	}
}

/// Submits `parathreads.bid(para, fee, head_hash)` signed by `pair`'s account, on the best block.
pub fn submit_bid(
	client: &Arc<FullClient>,
	pool: &Arc<TransactionPool>,
	spawn: &sc_service::SpawnTaskHandle,
	pair: &CollatorPair,
	(para, fee, head_hash): (ParaId, Balance, Hash),
) -> Result<(), String> {
	use relay_runtime::{RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic};
	let info = client.info();
	let best = info.best_hash;
	// Born at the finalized block: every fork the pool validates on has it, at that number
	// (a birth at the best block is unknown, or another block, on a sibling fork or in a view
	// behind it: `BadProof` and `AncientBirthBlock` on a busy network).
	let (birth, birth_number) = (info.finalized_hash, info.finalized_number);
	let account = AccountId::from(sp_core::sr25519::Public::from(pair.public()));
	let nonce = substrate_frame_rpc_system::AccountNonceApi::account_nonce(
		&*client.runtime_api(),
		best,
		account.clone(),
	)
	.map_err(|e| e.to_string())?;
	let version = sp_api::Core::version(&*client.runtime_api(), best).map_err(|e| e.to_string())?;
	let call =
		RuntimeCall::Parathreads(pallet_parathreads::Call::bid { para_id: para, fee, head_hash });
	let era = bid_era(birth_number);
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckMortality::from(era),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
	);
	let payload = SignedPayload::from_raw(
		call.clone(),
		extension.clone(),
		(
			(),
			version.spec_version,
			version.transaction_version,
			info.genesis_hash,
			birth,
			(),
			(),
			(),
			None,
		),
	);
	let signature = payload.using_encoded(|bytes| pair.as_ref().sign(bytes));
	let extrinsic = UncheckedExtrinsic::new_signed(
		call,
		account.into(),
		sp_runtime::MultiSignature::Sr25519(signature),
		extension,
	);
	let opaque = sp_runtime::OpaqueExtrinsic::decode(&mut &extrinsic.encode()[..])
		.map_err(|e| format!("the bid does not encode as an extrinsic: {e}"))?;
	let pool = Arc::clone(pool);
	spawn.spawn("parathread-bid", Some("parachain"), async move {
		if let Err(e) = pool.submit_one(best, TransactionSource::Local, opaque).await {
			log::warn!(target: "parachain", "the bid was not accepted by the pool: {e}");
		}
	});
	Ok(())
}

/// The collator's JSON-RPC methods, for users watching their para:
///
/// - `para_head`: the para's head on the relay chain at the newest block (number, parent hash,
///   post-state hash);
/// - `para_state`: the para's state at that head (counters, remarks), if this collator knows it;
/// - `para_stats`: what this collator did (collations built, advertised, seconded, included,
///   bids, spent).
pub fn para_rpc(
	collator: Arc<Mutex<Collator>>,
) -> Result<RpcModule<()>, jsonrpsee::core::RegisterMethodError> {
	let mut module = RpcModule::new(());
	let hex = |bytes: &[u8]| {
		let digits: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
		format!("0x{digits}")
	};
	let c = Arc::clone(&collator);
	module.register_method("para_head", move |_, _, _| {
		let collator = c.lock().unwrap_or_else(|p| p.into_inner());
		collator.head().map(|head| {
			serde_json::json!({
				"paraId": collator.para_id().0,
				"number": head.number,
				"parentHash": hex(&head.parent_hash),
				"postState": hex(&head.post_state),
				"headData": hex(&head.encode()),
			})
		})
	})?;
	let c = Arc::clone(&collator);
	module.register_method("para_state", move |_, _, _| {
		let collator = c.lock().unwrap_or_else(|p| p.into_inner());
		collator.state().map(|state| {
			let counters: serde_json::Map<String, serde_json::Value> = state
				.counters
				.iter()
				.map(|(name, value)| (String::from_utf8_lossy(name).into_owned(), (*value).into()))
				.collect();
			serde_json::json!({
				"paraId": state.para_id,
				"counters": counters,
				"remarks": state.remarks,
				"lastRemark": hex(&state.last_remark),
				"hash": hex(&state.hash()),
			})
		})
	})?;
	module.register_method("para_stats", move |_, _, _| {
		let stats = collator.lock().unwrap_or_else(|p| p.into_inner()).stats();
		serde_json::json!({
			"built": stats.built,
			"advertised": stats.advertised,
			"seconded": stats.seconded,
			"included": stats.included,
			"bids": stats.bids,
			"spent": stats.spent.to_string(),
		})
	})?;
	Ok(module)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_bid_is_born_at_the_finalized_block_and_lives_its_mortality() {
		for finalized in [0u32, 1, 17, 63, 64, 1_000, 123_457] {
			let era = bid_era(finalized);
			for current in [finalized, finalized + 5, finalized + 63] {
				assert_eq!(era.birth(u64::from(current)), u64::from(finalized), "at {current}");
			}
			assert_eq!(era.death(u64::from(finalized)), u64::from(finalized) + BID_MORTALITY);
		}
	}
}
