//! Integration tests of the onboarding pallets and of parachain blocks on one mock runtime with
//! the real `paras`, `registrar`, `slots`, `auctions`, `crowdloan`, `parathreads` and `inclusion`
//! pallets (only the randomness and the block author are test doubles): whole flows from
//! registration through auctions and crowdloans to leases, onboarding, offboarding and refunds;
//! Polkadot's ten integration scenarios; parachain and parathread blocks from a fee-auction bid to
//! an included candidate; and random scenarios that check, after every block, that total issuance
//! changes only by what served claims burn and that every account's reserved balance is exactly
//! what it owes.
//!
//! Everything is in tests: this crate has no library code.

#![cfg(test)]

mod invariants;
mod mock;
mod parachain_blocks;
mod scenarios;
mod tests;
