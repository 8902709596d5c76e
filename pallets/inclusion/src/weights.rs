//! Weights of this pallet. Only a database-only `()` implementation exists for now: it counts
//! storage reads and writes, not the signature checks; benchmarks come later.

#![allow(missing_docs)]

use frame_support::weights::{constants::RocksDbWeight, Weight};

/// The weight functions of this pallet.
pub trait WeightInfo {
	fn on_initialize() -> Weight;
	fn enter(candidates: u32) -> Weight;
}

/// Database-only weights (no benchmarks yet).
impl WeightInfo for () {
	fn on_initialize() -> Weight {
		// on_initialize: PendingStorageRoot, RelayParents, parent hash, block number; writes
		// both. on_finalize: Included (taken), PendingStorageRoot (written); the storage-root
		// computation itself is not counted.
		RocksDbWeight::get().reads_writes(5, 4)
	}
	fn enter(candidates: u32) -> Weight {
		// Fixed: Included, RelayParents, parachains, validators, session, pool claims.
		// Per candidate: head, code hash, lifecycle, upgrade state (reads); head, upgrade,
		// claim (writes).
		let c = u64::from(candidates);
		RocksDbWeight::get().reads_writes(6, 1).saturating_add(
			RocksDbWeight::get().reads_writes(c.saturating_mul(6), c.saturating_mul(6)),
		)
	}
}
