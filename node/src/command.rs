//! Dispatches the command line to the node or a subcommand.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"Relay Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/relay-chain/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn executable_name() -> String {
		"relay-node".into()
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load(id)
	}
}

/// Parse the command line and run the node or the subcommand it names.
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		},
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let spec = cli.load_spec(&cmd.chain)?;
			cmd.run(spec)
		},
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		},
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		},
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		},
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		},
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				let aux_revert = Box::new(|client, backend, blocks| {
					sc_consensus_babe::revert(std::sync::Arc::clone(&client), backend, blocks)?;
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		},
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<relay_primitives::Block>(&config))
		},
		Some(Subcommand::ExportGenesisHead(cmd)) => {
			let head = relay_runtime::genesis_config_presets::example_para_genesis_head(
				relay_primitives::ParaId(cmd.para_id),
			);
			export(&head.0, cmd.raw, cmd.output.as_deref())
		},
		Some(Subcommand::ExportGenesisWasm(cmd)) => {
			let code = relay_runtime::EXAMPLE_PARA_WASM.ok_or_else(|| {
				sc_cli::Error::Input(
					"this binary was built without WASM (SKIP_WASM_BUILD): no example para code"
						.into(),
				)
			})?;
			export(code, cmd.raw, cmd.output.as_deref())
		},
		Some(Subcommand::PvfWorker) => relay_pvf::worker::run().map_err(sc_cli::Error::Io),
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => {
			use frame_benchmarking_cli::BenchmarkCmd;
			let runner = cli.create_runner(cmd)?;
			match cmd {
				BenchmarkCmd::Pallet(cmd) => runner.sync_run(|config| {
					cmd.run_with_spec::<sp_runtime::traits::HashingFor<relay_primitives::Block>, ()>(
						Some(config.chain_spec),
					)
				}),
				BenchmarkCmd::Machine(cmd) => runner.sync_run(|config| {
					cmd.run(&config, frame_benchmarking_cli::SUBSTRATE_REFERENCE_HARDWARE.clone())
				}),
				_ => Err(sc_cli::Error::Input(
					"only `benchmark pallet` and `benchmark machine` are supported".into(),
				)),
			}
		},
		Some(Subcommand::Collator(cmd)) => {
			let collator = crate::parachains::CollatorConfig {
				para_id: relay_primitives::ParaId(cmd.para_id),
				pair: <relay_primitives::network::CollatorPair as sp_core::Pair>::from_string(
					&cmd.collator_key,
					None,
				)
				.map_err(|e| sc_cli::Error::Input(format!("--collator-key: {e:?}")))?,
				bidding: relay_parachains::collator::BidPolicy {
					fee: crate::cli::parse_rly(&cmd.parathread_fee)
						.map_err(|e| sc_cli::Error::Input(format!("--parathread-fee: {e}")))?,
					budget: crate::cli::parse_rly(&cmd.parathread_budget)
						.map_err(|e| sc_cli::Error::Input(format!("--parathread-budget: {e}")))?,
				},
				invalid_collations: cmd.dev_invalid_collations,
			};
			let runner = cli.create_runner(&cmd.run)?;
			runner.run_node_until_exit(|config| async move {
				service::new_full(config, Some(collator)).map_err(sc_cli::Error::Service)
			})
		},
		None => {
			let runner = cli.create_runner(&cli.run)?;
			runner.run_node_until_exit(|config| async move {
				service::new_full(config, None).map_err(sc_cli::Error::Service)
			})
		},
	}
}

/// Writes `bytes` (as `0x`-prefixed hex unless `raw`) to `output`, or to standard output.
fn export(bytes: &[u8], raw: bool, output: Option<&std::path::Path>) -> sc_cli::Result<()> {
	use std::io::Write;
	let bytes = if raw {
		bytes.to_vec()
	} else {
		let mut hex = Vec::with_capacity(2 + 2 * bytes.len());
		hex.extend_from_slice(b"0x");
		for byte in bytes {
			hex.extend_from_slice(format!("{byte:02x}").as_bytes());
		}
		hex
	};
	match output {
		Some(path) => std::fs::write(path, bytes)?,
		None => std::io::stdout().write_all(&bytes)?,
	}
	Ok(())
}
