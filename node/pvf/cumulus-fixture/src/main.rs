//! Builds the PVF host's Cumulus fixture: a published Cumulus runtime (`glutton-westend-runtime`
//! at its stable2609 release) produces block 1 of its chain, the way a collator does, and this
//! writes what a relay-chain validator would be handed:
//!
//! - `glutton.code`: the runtime's validation code as a para registers it (the compressed WASM
//!   that `export-genesis-wasm` prints);
//! - `glutton-block1.params`: the SCALE-encoded `ValidationParams` of the candidate (parent head
//!   = the genesis header; block data = the zstd-compressed `ParachainBlockData` with the block
//!   and the compact proof of the state it read; the relay parent's number and storage root);
//! - `glutton-block1.head`: the head the candidate must produce (block 1's sealed header).
//!
//! The block is built natively by the runtime's own code (`Executive`), recording a storage
//! proof of everything it read, with the inherents a collator supplies: `set_validation_data`
//! (a relay-chain state proof and the relay parent's BABE-sealed descendants, from
//! `cumulus-test-relay-sproof-builder`) and the timestamp; the collator's Aura key (Alice, as in
//! the runtime's `development` preset) seals it. The relay chain's PVF host must then validate it
//! with the runtime's WASM alone.
//!
//! Usage: `cumulus-pvf-fixture <output directory>` (see `scripts/cumulus-pvf-fixture.sh`).

use codec::Encode;
use cumulus_primitives_core::{ParachainBlockData, PersistedValidationData};
use cumulus_primitives_parachain_inherent::{ParachainInherentData, INHERENT_IDENTIFIER};
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use frame_support::inherent::ProvideInherent;
use glutton_westend_runtime as glutton;
use sp_consensus_aura::{digests::CompatibleDigestItem, Slot};
use sp_core::{Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{BlakeTwo256, Hash as _, Header as _},
	BuildStorage, Digest, DigestItem, StateVersion,
};
use std::path::PathBuf;

/// Aura's digest items, signed with sr25519 (glutton's `AuraId`).
type AuraSignature = sp_core::sr25519::Signature;

/// The para id of the runtime's presets (`DEFAULT_GLUTTON_PARA_ID`).
const PARA_ID: u32 = 1300;

/// How many relay blocks glutton builds behind the relay tip (its `RELAY_PARENT_OFFSET`): the
/// inherent carries the relay parent and this many descendants.
const RELAY_PARENT_OFFSET: u64 = 1;

/// A relay-chain slot (6 s, as Westend's and ours).
const RELAY_SLOT_MILLIS: u64 = 6_000;

/// The relay slot of the relay parent; any value, as long as the para's slot follows from it.
const RELAY_SLOT: u64 = 300_000_000;

/// The relay parent's block number (glutton only asks that it increase from block to block).
const RELAY_PARENT_NUMBER: u32 = 100;

/// The prefix of zstd-compressed code (`sp-maybe-compressed-blob`).
const COMPRESSED_MAGIC: [u8; 8] = [82, 188, 83, 118, 70, 219, 142, 5];

/// The most the code may decompress to (the relay chain's 3 MiB code limit times 10).
const CODE_BOMB_LIMIT: usize = 30 * 1024 * 1024;

/// The largest PoV, as the relay chain's persisted validation data states it.
const MAX_POV_SIZE: u32 = 5 * 1024 * 1024;

/// `ValidationParams` as `polkadot-parachain-primitives` encodes it.
#[derive(Encode)]
struct ValidationParams {
	parent_head: Vec<u8>,
	block_data: Vec<u8>,
	relay_parent_number: u32,
	relay_parent_storage_root: H256,
}

fn main() {
	let out = PathBuf::from(std::env::args().nth(1).expect("usage: cumulus-pvf-fixture <dir>"));
	std::fs::create_dir_all(&out).expect("output directory");
	// A release build ships the compact, compressed WASM (what `export-genesis-wasm` prints); a
	// debug build only the bloaty one, which is compressed here the same way.
	let wasm = glutton::WASM_BINARY.expect("glutton was built with its WASM");
	let code = if wasm.starts_with(&COMPRESSED_MAGIC) {
		wasm.to_vec()
	} else {
		sp_maybe_compressed_blob::compress_weakly(wasm, CODE_BOMB_LIMIT).expect("compresses")
	};

	// Genesis, as the runtime's `development` preset describes it, with `:code`.
	let storage = glutton::RuntimeGenesisConfig {
		parachain_info: glutton::ParachainInfoConfig {
			parachain_id: PARA_ID.into(),
			..Default::default()
		},
		aura: glutton::AuraConfig { authorities: vec![Sr25519Keyring::Alice.public().into()] },
		sudo: glutton::SudoConfig { key: Some(Sr25519Keyring::Alice.to_account_id()) },
		..Default::default()
	}
	.build_storage()
	.expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new_with_state_version(storage, StateVersion::V1);
	// After construction, which writes an empty `:code`.
	ext.insert(sp_core::storage::well_known_keys::CODE.to_vec(), code.clone());
	ext.commit_all().expect("genesis commits");
	let genesis_root = *ext.as_backend().root();
	let empty_root = BlakeTwo256::ordered_trie_root(Vec::new(), StateVersion::V1);
	let genesis =
		glutton::Header::new(0, empty_root, genesis_root, H256::zero(), Digest::default());

	// The relay chain's side: its state proof and the relay parent's sealed descendants.
	let sproof = RelayStateSproofBuilder {
		para_id: PARA_ID.into(),
		included_para_head: Some(genesis.encode().into()),
		current_slot: RELAY_SLOT.into(),
		..Default::default()
	};
	let (relay_root, relay_proof, descendants) =
		sproof.into_state_root_proof_and_descendants(RELAY_PARENT_OFFSET);
	let validation_data = PersistedValidationData {
		parent_head: genesis.encode().into(),
		relay_parent_number: RELAY_PARENT_NUMBER,
		relay_parent_storage_root: relay_root,
		max_pov_size: MAX_POV_SIZE,
	};
	let inherent = ParachainInherentData {
		validation_data,
		relay_chain_state: relay_proof,
		downward_messages: Vec::new(),
		horizontal_messages: Default::default(),
		relay_parent_descendants: descendants,
		collator_peer_id: None,
	};

	// The para's slot follows from the relay slot; the collator whose turn it is seals.
	let timestamp = RELAY_SLOT * RELAY_SLOT_MILLIS;
	let slot_duration = ext.execute_with(|| glutton::Aura::slot_duration());
	let slot = Slot::from(timestamp / slot_duration);
	let pre_digest = Digest {
		logs: vec![<DigestItem as CompatibleDigestItem<AuraSignature>>::aura_pre_digest(slot)],
	};
	let header = glutton::Header::new(1, H256::zero(), H256::zero(), genesis.hash(), pre_digest);

	let ((mut header, extrinsics), proof) = ext.execute_and_prove(|| {
		glutton::Executive::initialize_block(&header);
		let mut data = sp_inherents::InherentData::new();
		data.put_data(INHERENT_IDENTIFIER, &inherent).expect("inherent data");
		data.put_data(sp_timestamp::INHERENT_IDENTIFIER, &timestamp).expect("timestamp");
		let calls = [
			glutton::ParachainSystem::create_inherent(&data).map(glutton::RuntimeCall::from),
			glutton::Timestamp::create_inherent(&data).map(glutton::RuntimeCall::from),
		];
		let extrinsics: Vec<glutton::UncheckedExtrinsic> = calls
			.into_iter()
			.map(|call| glutton::UncheckedExtrinsic::new_bare(call.expect("an inherent")))
			.collect();
		for extrinsic in &extrinsics {
			glutton::Executive::apply_extrinsic(extrinsic.clone())
				.expect("valid")
				.expect("dispatched");
		}
		(glutton::Executive::finalize_block(), extrinsics)
	});
	let seal = Sr25519Keyring::Alice.pair().sign(header.hash().as_ref());
	header
		.digest_mut()
		.push(<DigestItem as CompatibleDigestItem<AuraSignature>>::aura_seal(seal));

	let compact = proof.into_compact_proof::<BlakeTwo256>(genesis_root).expect("compact proof");
	let block = glutton::Block { header: header.clone(), extrinsics };
	let block_data = ParachainBlockData::new(vec![block], compact, None).encode();
	let compressed =
		sp_maybe_compressed_blob::compress_weakly(&block_data, 4 * MAX_POV_SIZE as usize)
			.expect("the block data compresses");
	let params = ValidationParams {
		parent_head: genesis.encode(),
		block_data: compressed.clone(),
		relay_parent_number: RELAY_PARENT_NUMBER,
		relay_parent_storage_root: relay_root,
	};
	std::fs::write(out.join("glutton.code"), &code).expect("write");
	std::fs::write(out.join("glutton-block1.params"), params.encode()).expect("write");
	std::fs::write(out.join("glutton-block1.head"), header.encode()).expect("write");
	println!(
		"glutton-westend-runtime {}: code {} bytes; block 1 {} (parent {}), block data {} bytes ({} compressed), head {} bytes",
		glutton::VERSION.spec_version,
		code.len(),
		header.hash(),
		genesis.hash(),
		block_data.len(),
		compressed.len(),
		header.encode().len(),
	);
}
