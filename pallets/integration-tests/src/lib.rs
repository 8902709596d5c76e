//! Integration tests of the onboarding pallets and of parachain blocks on one mock runtime with
//! the real `paras`, `registrar`, `slots`, `auctions`, `crowdloan`, `parathreads` and `inclusion`
//! pallets (only the randomness and the block author are test doubles): whole flows from
//! registration through auctions and crowdloans to leases, onboarding, offboarding and refunds;
//! Polkadot's ten integration scenarios; parachain and parathread blocks from a fee-auction bid to
//! an included candidate; and random scenarios and random operation sequences across registrar,
//! slots, auctions, crowdloan, parathreads and inclusion that check, after every operation and
//! every block, that total issuance changes only by what served claims burn, that every
//! account's reserved balance is exactly what it owes and each pallet's own invariants. The flows
//! run with lease offset 0 and 5, the random tests with offsets 0 to 9. `scripts/fuzz.sh` runs
//! the random tests at scale (`RELAY_FUZZ_CASES`).
//!
//! Everything is in tests: this crate has no library code.

#![cfg(test)]

mod fuzz;
mod invariants;
mod mock;
mod parachain_blocks;
mod random_operations;
mod scenarios;
mod tests;
