//! Command-line interface: sc-cli's standard run flags and subcommands.

/// The node's command line.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	/// A subcommand; without one the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Flags of the running node (`--dev`, `--chain`, `--validator`, `--rpc-port`, …).
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

/// The node's subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management (generate, inspect, insert, node keys).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (use `export-chain-spec` for runtime-driven specs).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of a chain (`--chain dev|local|<file>`).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Print information about the database (best, finalized and genesis blocks).
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Print the genesis head of a para running the example parachain: what
	/// `registrar.register` takes as `genesis_head` (as cumulus's `export-genesis-head`).
	ExportGenesisHead(ExportGenesisHeadCmd),

	/// Print the example parachain's validation code: what `registrar.register` takes as
	/// `validation_code` (as cumulus's `export-genesis-wasm`).
	ExportGenesisWasm(ExportGenesisWasmCmd),

	/// Run a relay-chain full node with a collator of the example parachain for `--para-id`:
	/// it builds a block on every relay block the para has a core on, offers it to the backing
	/// group, and (as a parathread) bids for a pool core. Takes every flag of the node.
	Collator(CollatorCmd),

	/// Run as the PVF worker process a validator starts for itself (jobs on stdin, results on
	/// stdout); not for use by hand.
	#[command(hide = true)]
	PvfWorker,

	/// Benchmark the runtime's pallets (`benchmark pallet`), to generate weight files. Only in a
	/// node built with `--features runtime-benchmarks` (see `scripts/benchmark.sh`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}

/// `export-genesis-head`.
#[derive(Debug, clap::Parser)]
pub struct ExportGenesisHeadCmd {
	/// The para id (the example parachain records it in its genesis state, so each para's
	/// genesis head differs). Also `--parachain-id`.
	#[arg(long, alias = "parachain-id")]
	pub para_id: u32,

	/// Write the raw bytes instead of `0x`-prefixed hex.
	#[arg(long)]
	pub raw: bool,

	/// Write to this file instead of standard output.
	pub output: Option<std::path::PathBuf>,
}

/// `export-genesis-wasm`.
#[derive(Debug, clap::Parser)]
pub struct ExportGenesisWasmCmd {
	/// Write the raw bytes instead of `0x`-prefixed hex.
	#[arg(long)]
	pub raw: bool,

	/// Write to this file instead of standard output.
	pub output: Option<std::path::PathBuf>,
}

/// `collator`.
#[derive(Debug, clap::Parser)]
pub struct CollatorCmd {
	/// The para to collate for (it must run the example parachain). `--parachain-id` is the
	/// same flag under the name zombienet and Polkadot's test collators use.
	#[arg(long, alias = "parachain-id")]
	pub para_id: u32,

	/// The collator's key (a secret URI, e.g. `//Alice` or a mnemonic): it signs the collator's
	/// declarations to validators, and its account pays the parathread bids (so on a real chain
	/// it must hold funds).
	#[arg(long, default_value = "//Alice")]
	pub collator_key: String,

	/// The fee of each parathread bid, in RLY (decimals allowed).
	#[arg(long, default_value = "0.2")]
	pub parathread_fee: String,

	/// The most the collator spends on won parathread claims in total, in RLY; it stops
	/// bidding when the next claim could exceed it.
	#[arg(long, default_value = "100")]
	pub parathread_budget: String,

	/// Test-only: build invalid collations (a starting state the parent head does not commit to,
	/// which the para's code refuses), to test that validators never back them.
	#[arg(long, hide = true)]
	pub dev_invalid_collations: bool,

	/// The node's flags (`--chain`, `--base-path`, `--port`, `--rpc-port`, `--bootnodes`, …).
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

/// An amount of RLY (`"1"`, `"0.25"`) in plancks.
pub fn parse_rly(text: &str) -> Result<relay_primitives::Balance, String> {
	use relay_primitives::constants::currency::{TOKEN_DECIMALS, UNITS};
	let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
	let bad = || format!("`{text}` is not an amount of RLY (e.g. 0.2)");
	if whole.is_empty() && fraction.is_empty() {
		return Err(bad());
	}
	let whole: relay_primitives::Balance =
		if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	if fraction.len() > TOKEN_DECIMALS as usize || !fraction.chars().all(|c| c.is_ascii_digit()) {
		return Err(bad());
	}
	let padded = format!("{fraction:0<width$}", width = TOKEN_DECIMALS as usize);
	let fraction: relay_primitives::Balance = padded.parse().map_err(|_| bad())?;
	whole.checked_mul(UNITS).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
	use super::parse_rly;
	use relay_primitives::constants::currency::UNITS;

	#[test]
	fn amounts_of_rly_parse_to_plancks() {
		assert_eq!(parse_rly("1"), Ok(UNITS));
		assert_eq!(parse_rly("0.2"), Ok(UNITS / 5));
		assert_eq!(parse_rly(".5"), Ok(UNITS / 2));
		assert_eq!(parse_rly("100"), Ok(100 * UNITS));
		assert_eq!(parse_rly("0.0000000001"), Ok(1));
		assert!(parse_rly("0.00000000001").is_err(), "below a planck");
		assert!(parse_rly("one").is_err());
		assert!(parse_rly("-1").is_err());
		assert!(parse_rly("").is_err());
		assert!(parse_rly("1.2.3").is_err());
	}
}
