//! BOOTSTRAP ONLY: replaced by the output of `scripts/benchmark.sh` before this is committed.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// Weight functions for `pallet_validator_set`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_validator_set::WeightInfo for WeightInfo<T> {
	fn set_validators(n: u32) -> Weight {
		<() as pallet_validator_set::WeightInfo>::set_validators(n)
	}
	fn add_validator() -> Weight {
		<() as pallet_validator_set::WeightInfo>::add_validator()
	}
	fn remove_validator() -> Weight {
		<() as pallet_validator_set::WeightInfo>::remove_validator()
	}
}
