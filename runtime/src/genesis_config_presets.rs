//! Genesis presets: `development` (Alice validates alone) and `local_testnet` (Alice, Bob, Charlie
//! and Dave validate). In both, the well-known dev accounts are funded, Alice is sudo, and two
//! example paras exist from the first block: [`EXAMPLE_PARACHAIN`] (managed by Alice, with a lease
//! of [`EXAMPLE_LEASE_PERIODS`] periods held by Alice) and [`EXAMPLE_PARATHREAD`] (managed by Bob).
//! Both run the example parachain (`runtime/example-para`): its validation code
//! ([`EXAMPLE_PARA_WASM`](crate::EXAMPLE_PARA_WASM)) and each para's own genesis head
//! ([`example_para_genesis_head`]).

use crate::{
	configs::BABE_GENESIS_EPOCH_CONFIG, AccountId, BabeConfig, BalancesConfig, RegistrarConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, SlotsConfig, SudoConfig, ValidatorSetConfig,
};
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_support::build_struct_json_patch;
use relay_primitives::{
	constants::currency::UNITS, Balance, HeadData, ParaId, ParaKind, ValidationCode,
};
use serde_json::Value;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What every dev account starts with: one million units.
pub const ENDOWMENT: Balance = 1_000_000 * UNITS;

/// The example parachain of the dev presets.
pub const EXAMPLE_PARACHAIN: ParaId = ParaId(2000);
/// The example parathread of the dev presets.
pub const EXAMPLE_PARATHREAD: ParaId = ParaId(2001);
/// How many lease periods, from period 0, the example parachain holds.
pub const EXAMPLE_LEASE_PERIODS: u32 = 8;
/// What Alice holds for the example parachain's lease.
pub const EXAMPLE_LEASE_DEPOSIT: Balance = 1_000 * UNITS;
/// The genesis head of para `id` running the example parachain: the encoded
/// [`example_para::Head`] of its genesis state (which records the para id, so every para's head
/// differs).
pub fn example_para_genesis_head(id: ParaId) -> HeadData {
	HeadData(example_para::genesis_head(id.0).encode())
}

/// The example paras: `(id, manager, genesis head, code, kind)`; none in a build without the
/// example para's WASM (`SKIP_WASM_BUILD`).
fn example_paras() -> Vec<(ParaId, AccountId, HeadData, ValidationCode, ParaKind)> {
	let Some(code) = crate::EXAMPLE_PARA_WASM else { return Vec::new() };
	let para = |id: ParaId, manager: Sr25519Keyring, kind| {
		(
			id,
			manager.to_account_id(),
			example_para_genesis_head(id),
			ValidationCode(code.to_vec()),
			kind,
		)
	};
	vec![
		para(EXAMPLE_PARACHAIN, Sr25519Keyring::Alice, ParaKind::Parachain),
		para(EXAMPLE_PARATHREAD, Sr25519Keyring::Bob, ParaKind::Parathread),
	]
}

/// The dev validators: each one's sr25519 key (account, BABE, para_validator) and ed25519 key
/// (GRANDPA).
const DEV_VALIDATORS: [(Sr25519Keyring, Ed25519Keyring); 4] = [
	(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
	(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
	(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
	(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
];

/// A validator's account and session keys, from its dev keys (`//Alice`, …).
fn validator((sr, ed): (Sr25519Keyring, Ed25519Keyring)) -> (AccountId, SessionKeys) {
	let keys = SessionKeys {
		babe: sr.public().into(),
		grandpa: ed.public().into(),
		para_validator: sr.public().into(),
		authority_discovery: sr.public().into(),
	};
	(sr.to_account_id(), keys)
}

/// The genesis of a chain validated by `validators`, with every dev account funded and `root`
/// as sudo.
fn genesis(validators: &[(Sr25519Keyring, Ed25519Keyring)], root: Sr25519Keyring) -> Value {
	let validators: Vec<(AccountId, SessionKeys)> =
		validators.iter().copied().map(validator).collect();
	let endowed: Vec<(AccountId, Balance)> =
		Sr25519Keyring::iter().map(|k| (k.to_account_id(), ENDOWMENT)).collect();
	let paras = example_paras();
	// The example parachain's lease, held by its manager (if the example paras exist).
	let leases: Vec<_> = paras
		.iter()
		.filter(|(id, ..)| *id == EXAMPLE_PARACHAIN)
		.map(|(id, manager, ..)| {
			(*id, manager.clone(), EXAMPLE_LEASE_DEPOSIT, EXAMPLE_LEASE_PERIODS)
		})
		.collect();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed },
		babe: BabeConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: SessionConfig {
			keys: validators
				.iter()
				.map(|(who, keys)| (who.clone(), who.clone(), keys.clone()))
				.collect::<Vec<_>>(),
		},
		validator_set: ValidatorSetConfig {
			validators: validators.iter().map(|(who, _)| who.clone()).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root.to_account_id()) },
		registrar: RegistrarConfig { paras },
		slots: SlotsConfig { leases },
	})
}

/// The JSON patch of a preset, or `None` for an unknown name.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => genesis(&DEV_VALIDATORS[..1], Sr25519Keyring::Alice),
		LOCAL_TESTNET_RUNTIME_PRESET => genesis(&DEV_VALIDATORS, Sr25519Keyring::Alice),
		_ => return None,
	};
	Some(serde_json::to_vec(&patch).unwrap_or_default())
}

/// The names of the presets this runtime offers.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
