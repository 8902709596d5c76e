//! Weights of `pallet-validator-set`.
//!
//! The shape is the one `frame-benchmarking-cli benchmark pallet` generates from
//! `benchmarking.rs`: `SubstrateWeight` for the runtime and `()` for tests.
//! Regenerate with `scripts/benchmark.sh` (see the README).
//!
//! PROVISIONAL: these figures have not been produced by a benchmark run yet (the benchmark build
//! is not part of this first release). They are deliberately generous estimates; every call is
//! restricted to `ValidatorOrigin` (root), so an over-estimate cannot be abused. Replace them with
//! generated ones before relying on them.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet-validator-set`.
pub trait WeightInfo {
	fn set_validators(n: u32) -> Weight;
	fn add_validator() -> Weight;
	fn remove_validator() -> Weight;
}

/// Weights for `pallet-validator-set` (provisional, see the module docs), with the database
/// costs taken from the runtime's `DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Session::NextKeys` (r:n w:0), `ValidatorSet::Validators` (r:0 w:1),
	/// `ValidatorSet::PendingChange` (r:0 w:1). The range of component `n` is `[1, 100]`.
	fn set_validators(n: u32) -> Weight {
		Weight::from_parts(9_162_000, 1_489)
			.saturating_add(Weight::from_parts(2_871_000, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(Weight::from_parts(0, 2_603).saturating_mul(n.into()))
	}
	/// Storage: `ValidatorSet::Validators` (r:1 w:1), `Session::NextKeys` (r:1 w:0),
	/// `ValidatorSet::PendingChange` (r:0 w:1).
	fn add_validator() -> Weight {
		Weight::from_parts(24_540_000, 6_683)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `ValidatorSet::Validators` (r:1 w:1), `ValidatorSet::PendingChange` (r:0 w:1).
	fn remove_validator() -> Weight {
		Weight::from_parts(14_215_000, 4_687)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn set_validators(n: u32) -> Weight {
		Weight::from_parts(9_162_000, 1_489)
			.saturating_add(Weight::from_parts(2_871_000, 0).saturating_mul(n.into()))
			.saturating_add(RocksDbWeight::get().reads((1_u64).saturating_mul(n.into())))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
			.saturating_add(Weight::from_parts(0, 2_603).saturating_mul(n.into()))
	}
	fn add_validator() -> Weight {
		Weight::from_parts(24_540_000, 6_683)
			.saturating_add(RocksDbWeight::get().reads(2_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
	fn remove_validator() -> Weight {
		Weight::from_parts(14_215_000, 4_687)
			.saturating_add(RocksDbWeight::get().reads(1_u64))
			.saturating_add(RocksDbWeight::get().writes(2_u64))
	}
}
