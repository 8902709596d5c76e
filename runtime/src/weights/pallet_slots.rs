//! BOOTSTRAP ONLY: replaced by the output of `scripts/benchmark.sh` before this is committed.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// Weight functions for `pallet_slots`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_slots::WeightInfo for WeightInfo<T> {
	fn force_lease() -> Weight {
		<() as pallet_slots::WeightInfo>::force_lease()
	}
	fn manage_lease_period_start(c: u32, t: u32) -> Weight {
		<() as pallet_slots::WeightInfo>::manage_lease_period_start(c, t)
	}
	fn clear_all_leases() -> Weight {
		<() as pallet_slots::WeightInfo>::clear_all_leases()
	}
	fn trigger_onboard() -> Weight {
		<() as pallet_slots::WeightInfo>::trigger_onboard()
	}
}
