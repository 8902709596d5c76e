//! BOOTSTRAP ONLY: replaced by the output of `scripts/benchmark.sh` before this is committed.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// Weight functions for `pallet_registrar`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_registrar::WeightInfo for WeightInfo<T> {
	fn reserve() -> Weight {
		<() as pallet_registrar::WeightInfo>::reserve()
	}
	fn register() -> Weight {
		<() as pallet_registrar::WeightInfo>::register()
	}
	fn force_register() -> Weight {
		<() as pallet_registrar::WeightInfo>::force_register()
	}
	fn deregister() -> Weight {
		<() as pallet_registrar::WeightInfo>::deregister()
	}
	fn swap() -> Weight {
		<() as pallet_registrar::WeightInfo>::swap()
	}
	fn add_lock() -> Weight {
		<() as pallet_registrar::WeightInfo>::add_lock()
	}
	fn remove_lock() -> Weight {
		<() as pallet_registrar::WeightInfo>::remove_lock()
	}
	fn schedule_code_upgrade(b: u32) -> Weight {
		<() as pallet_registrar::WeightInfo>::schedule_code_upgrade(b)
	}
	fn set_current_head(b: u32) -> Weight {
		<() as pallet_registrar::WeightInfo>::set_current_head(b)
	}
}
