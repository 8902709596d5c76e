//! Weight functions of `pallet-crowdloan`.
//!
//! The runtime is to use the weights `scripts/benchmark.sh` generates from `benchmarking.rs` on
//! our reference machine (`runtime/src/weights/pallet_crowdloan.rs`). The `()` implementation
//! here is for tests and mocks: it charges the storage accesses only (the auction's and the
//! registrar's counted as a few reads and writes).

#![allow(missing_docs)]

use frame_support::weights::{constants::RocksDbWeight, Weight};

/// Weight functions needed for `pallet-crowdloan`.
pub trait WeightInfo {
	fn create() -> Weight;
	fn contribute() -> Weight;
	fn contribute_all() -> Weight;
	fn withdraw() -> Weight;
	fn refund(k: u32) -> Weight;
	fn dissolve() -> Weight;
	fn edit() -> Weight;
	fn add_memo() -> Weight;
	fn poke() -> Weight;
	fn on_initialize(n: u32) -> Weight;
}

impl WeightInfo for () {
	fn create() -> Weight {
		RocksDbWeight::get().reads_writes(8, 6)
	}
	fn contribute() -> Weight {
		RocksDbWeight::get().reads_writes(10, 8)
	}
	fn contribute_all() -> Weight {
		RocksDbWeight::get().reads_writes(10, 8)
	}
	fn withdraw() -> Weight {
		RocksDbWeight::get().reads_writes(6, 6)
	}
	fn refund(k: u32) -> Weight {
		RocksDbWeight::get()
			.reads_writes(3, 1)
			.saturating_add(RocksDbWeight::get().reads_writes(3, 4).saturating_mul(k.into()))
	}
	fn dissolve() -> Weight {
		RocksDbWeight::get().reads_writes(5, 5)
	}
	fn edit() -> Weight {
		RocksDbWeight::get().reads_writes(2, 1)
	}
	fn add_memo() -> Weight {
		RocksDbWeight::get().reads_writes(3, 2)
	}
	fn poke() -> Weight {
		RocksDbWeight::get().reads_writes(2, 1)
	}
	fn on_initialize(n: u32) -> Weight {
		RocksDbWeight::get()
			.reads_writes(3, 2)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 4).saturating_mul(n.into()))
	}
}
