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
	/// genesis head differs).
	#[arg(long)]
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
