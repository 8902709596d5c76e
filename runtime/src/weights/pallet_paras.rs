//! BOOTSTRAP ONLY: replaced by the output of `scripts/benchmark.sh` before this is committed.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// Weight functions for `pallet_paras`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_paras::WeightInfo for WeightInfo<T> {
	fn force_set_current_code(c: u32) -> Weight {
		<() as pallet_paras::WeightInfo>::force_set_current_code(c)
	}
	fn force_set_current_head(s: u32) -> Weight {
		<() as pallet_paras::WeightInfo>::force_set_current_head(s)
	}
	fn force_schedule_code_upgrade(c: u32) -> Weight {
		<() as pallet_paras::WeightInfo>::force_schedule_code_upgrade(c)
	}
	fn force_note_new_head(s: u32) -> Weight {
		<() as pallet_paras::WeightInfo>::force_note_new_head(s)
	}
	fn force_queue_action() -> Weight {
		<() as pallet_paras::WeightInfo>::force_queue_action()
	}
	fn apply_actions(a: u32) -> Weight {
		<() as pallet_paras::WeightInfo>::apply_actions(a)
	}
	fn enact_code_upgrades(u: u32) -> Weight {
		<() as pallet_paras::WeightInfo>::enact_code_upgrades(u)
	}
	fn prune_past_code(p: u32) -> Weight {
		<() as pallet_paras::WeightInfo>::prune_past_code(p)
	}
}
