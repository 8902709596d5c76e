//! Genesis presets: `development` (Alice validates alone) and `local_testnet` (Alice, Bob, Charlie
//! and Dave validate). In both, the well-known dev accounts are funded, Alice is sudo, and two
//! example paras exist from the first block: [`EXAMPLE_PARACHAIN`] (managed by Alice, with a lease
//! of [`EXAMPLE_LEASE_PERIODS`] periods held by Alice) and [`EXAMPLE_PARATHREAD`] (managed by Bob).
//! Both use [`PLACEHOLDER_CODE`] until the example parachain exists.

use crate::{
	configs::BABE_GENESIS_EPOCH_CONFIG, AccountId, BabeConfig, BalancesConfig, RegistrarConfig,
	RuntimeGenesisConfig, SessionConfig, SessionKeys, SlotsConfig, SudoConfig, ValidatorSetConfig,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use relay_primitives::{
	constants::currency::UNITS, paras::WASM_MAGIC, Balance, HeadData, ParaId, ParaKind,
	ValidationCode,
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
/// The smallest valid WebAssembly module (magic and version, no sections): a placeholder
/// validation code until the example parachain exists.
pub const PLACEHOLDER_CODE: [u8; 8] =
	[WASM_MAGIC[0], WASM_MAGIC[1], WASM_MAGIC[2], WASM_MAGIC[3], 1, 0, 0, 0];

/// The example paras: `(id, manager, genesis head, code, kind)`.
fn example_paras() -> Vec<(ParaId, AccountId, HeadData, ValidationCode, ParaKind)> {
	let para = |id: ParaId, manager: Sr25519Keyring, kind| {
		let head = HeadData(id.0.to_le_bytes().to_vec());
		(id, manager.to_account_id(), head, ValidationCode(PLACEHOLDER_CODE.to_vec()), kind)
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
		registrar: RegistrarConfig { paras: example_paras() },
		slots: SlotsConfig {
			leases: vec![(
				EXAMPLE_PARACHAIN,
				Sr25519Keyring::Alice.to_account_id(),
				EXAMPLE_LEASE_DEPOSIT,
				EXAMPLE_LEASE_PERIODS,
			)],
		},
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
