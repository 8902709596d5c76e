//! Integration tests of the onboarding pallets on one mock runtime with the real `paras`,
//! `registrar`, `slots`, `auctions` and `crowdloan` pallets (only the randomness is a test
//! double): whole flows from registration through auctions and crowdloans to leases,
//! onboarding, offboarding and refunds; Polkadot's ten integration scenarios; and random
//! scenarios that check, after every block, that total issuance is conserved and that every
//! account's reserved balance is exactly what it owes.
//!
//! Everything is in tests: this crate has no library code.

#![cfg(test)]

mod invariants;
mod mock;
mod scenarios;
mod tests;
