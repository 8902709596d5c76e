//! # The node side of parachains
//!
//! - [`collation`]: a collator's part: from the relay chain's answers about a relay parent
//!   ([`collation::RelayContext`], the `InclusionApi` calls) and the para's state, build a
//!   candidate of the example parachain: block, proof of validity, and receipt.
//! - [`validation`]: a validator's part: check a candidate against the persisted validation data
//!   and the para's code, running the code in the PVF host, as `relay_primitives::candidate`
//!   specifies.
//!
//! The network protocols that carry collations from collators to validators, and backed
//! candidates to block authors, build on these.

#![deny(missing_docs)]

pub mod collation;
pub mod validation;

#[cfg(test)]
mod tests;
