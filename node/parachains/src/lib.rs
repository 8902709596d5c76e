//! # The node side of parachains
//!
//! How parachain blocks get from collators into relay blocks:
//!
//! - [`collation`]: a collator builds a candidate of the example parachain from the relay
//!   chain's answers at a relay parent ([`collation::RelayContext`], the `InclusionApi` calls)
//!   and the para's state;
//! - [`validation`]: a validator checks a candidate against the persisted validation data and
//!   the para's code, running the code in the PVF host;
//! - [`collator`] and [`validator`]: the two sides of the protocols as state machines (events in,
//!   actions out; the wire messages are Polkadot's collator protocol,
//!   `relay_primitives::collator_protocol`, and among validators `relay_primitives::network`);
//! - [`network`]: registers the protocols on the node's network and runs the one task that does
//!   I/O for the state machines;
//! - [`store`]: backed candidates waiting for the block author's inherent;
//! - [`relay`]: what the protocols read from the relay chain;
//! - [`protocol`], [`reputation`], [`metrics`]: names and limits, misbehaviour costs, Prometheus.
//!
//! Trust model: candidates are included on **backing alone** (no availability, approval voting
//! or disputes yet), so a backing group that signs an invalid block gets it included. Trusted
//! test networks only.

#![deny(missing_docs)]

pub mod collation;
pub mod collator;
pub mod metrics;
pub mod network;
pub mod protocol;
pub mod relay;
pub mod reputation;
pub mod store;
pub mod validation;
pub mod validator;

#[cfg(test)]
mod tests;
