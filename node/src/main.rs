//! `relay-node`: the relay chain's node binary.

mod authority_discovery;
mod chain_spec;
mod cli;
mod command;
mod inherents;
mod parachains;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
