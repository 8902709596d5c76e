//! Weights of this pallet. The runtime uses the generated weights in
//! `runtime/src/weights/pallet_inclusion.rs`; the `()` implementation here counts storage reads
//! and writes only (for tests).
//!
//! The inherent is charged per candidate and per vote (see [`enter_weight`]):
//! `enter_candidates(c)` measures `c` candidates of one vote each and `enter_votes(v)` one
//! candidate with `v` votes, so each vote beyond a candidate's first costs
//! `enter_votes(2) − enter_votes(1)`.

#![allow(missing_docs)]

use frame_support::weights::{constants::RocksDbWeight, Weight};

/// The weight functions of this pallet.
pub trait WeightInfo {
	/// Both hooks of one block (`on_finalize` checks that `enter` ran).
	fn on_initialize() -> Weight;
	/// `enter` with `c` candidates, each with one vote.
	fn enter_candidates(c: u32) -> Weight;
	/// `enter` with one candidate with `v` votes.
	fn enter_votes(v: u32) -> Weight;
	/// `enter` with one candidate (one vote) that upgrades its code to `b` bytes.
	fn enter_code_upgrade(b: u32) -> Weight;
}

/// The weight of `enter` for `candidates` candidates with `votes` votes in all, of which those
/// that upgrade their code bring new code of `code_sizes` bytes: `enter_candidates(candidates)`
/// plus, for the votes beyond one per candidate, the marginal cost of a vote measured by
/// `enter_votes`, plus for each new code what `enter_code_upgrade` costs beyond a plain
/// candidate.
pub fn enter_weight<W: WeightInfo>(
	candidates: u32,
	votes: u32,
	code_sizes: impl IntoIterator<Item = u32>,
) -> Weight {
	let extra_votes = votes.saturating_sub(candidates);
	let per_extra = W::enter_votes(extra_votes.saturating_add(1)).saturating_sub(W::enter_votes(1));
	let plain = W::enter_candidates(1);
	code_sizes
		.into_iter()
		.fold(W::enter_candidates(candidates).saturating_add(per_extra), |total, size| {
			total.saturating_add(W::enter_code_upgrade(size).saturating_sub(plain))
		})
}

/// Database-only weights, for tests.
impl WeightInfo for () {
	fn on_initialize() -> Weight {
		RocksDbWeight::get().reads_writes(5, 4)
	}
	fn enter_candidates(c: u32) -> Weight {
		let c = u64::from(c);
		RocksDbWeight::get().reads_writes(6, 1).saturating_add(
			RocksDbWeight::get().reads_writes(c.saturating_mul(6), c.saturating_mul(6)),
		)
	}
	fn enter_votes(v: u32) -> Weight {
		Self::enter_candidates(1).saturating_add(Weight::from_parts(u64::from(v), 0))
	}
	fn enter_code_upgrade(b: u32) -> Weight {
		// Code, its hash and reference count, the upgrade's block and the list of upcoming ones.
		Self::enter_candidates(1)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 5))
			.saturating_add(Weight::from_parts(u64::from(b), 0))
	}
}
