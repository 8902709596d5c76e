//! Chain specifications: `dev` (Alice validates alone) and `local` (Alice, Bob, Charlie, Dave),
//! both built from the runtime's genesis presets, or a JSON file.

use relay_primitives::constants::currency::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
use sc_chain_spec::{ChainSpecExtension, ChainType};
use sc_service::Properties;
use serde::{Deserialize, Serialize};

/// Extensions of our chain specs, as Polkadot's: known forks, known bad blocks, and the light-sync
/// checkpoint that `sync_state_genSyncSpec` writes (light clients start from it).
#[derive(Default, Clone, Serialize, Deserialize, ChainSpecExtension)]
#[serde(rename_all = "camelCase")]
pub struct Extensions {
	/// Blocks that must be on the canonical chain (known forks).
	pub fork_blocks: sc_client_api::ForkBlocks<relay_primitives::Block>,
	/// Known bad block hashes.
	pub bad_blocks: sc_client_api::BadBlocks<relay_primitives::Block>,
	/// The light-sync checkpoint.
	#[serde(default)]
	pub light_sync_state: sc_sync_state_rpc::LightSyncStateExtension,
}

/// A chain spec of this relay chain.
pub type ChainSpec = sc_service::GenericChainSpec<Extensions>;

/// The properties wallets read through `system_properties`.
pub fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm() -> Result<&'static [u8], String> {
	relay_runtime::WASM_BINARY
		.ok_or_else(|| "this binary was built without the WASM runtime (SKIP_WASM_BUILD)".into())
}

/// A spec built from one of the runtime's genesis presets.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, Default::default())
		.with_name(name)
		.with_id(id)
		.with_protocol_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `--chain dev`: Alice validates alone.
pub fn development_config() -> Result<ChainSpec, String> {
	from_preset(
		"Relay Development",
		"relay_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// `--chain local`: Alice, Bob, Charlie and Dave validate.
pub fn local_testnet_config() -> Result<ChainSpec, String> {
	from_preset(
		"Relay Local Testnet",
		"relay_local_testnet",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// The chain spec a `--chain` value names: `dev`, `local` (or their long names), or a file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"" | "dev" | "development" => Box::new(development_config()?),
		"local" | "local_testnet" => Box::new(local_testnet_config()?),
		path => {
			Box::new(ChainSpec::from_json_file(std::path::PathBuf::from(path)).map_err(|e| {
				format!("`{path}` is neither dev, local nor a readable chain spec file: {e}")
			})?)
		},
	})
}
