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

	/// Benchmark the runtime's pallets (`benchmark pallet`), to generate weight files. Only in a
	/// node built with `--features runtime-benchmarks` (see `scripts/benchmark.sh`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}
