//! The node's integration tests: the real `relay-node` binary (and its PVF worker), alone or in
//! networks on loopback, driven over JSON-RPC and by real client libraries.
//!
//! One test crate, so one binary is linked for all of them (each was its own ~280 MB binary);
//! a module per area. `scripts/test.sh` runs them one at a time (`--test-threads=1`), so two
//! networks never compete for the two cores.
//!
//! Tests that only need a `--dev` chain and leave nothing another test checks share one node
//! ([`common::shared_dev_node`]): the RPC surface (`dev_node`), the signed transfer
//! (`transfer`), the collation built from the live chain (`collation`), the `ParachainHost`
//! answers (`parachain_host`) and the refused upgrades (`upgrade`). A test that kills a node, upgrades the runtime or needs other flags or a network
//! starts its own.

mod collation;
mod common;
mod dev_node;
mod network;
mod parachain_host;
mod parachains;
mod transfer;
mod upgrade;
