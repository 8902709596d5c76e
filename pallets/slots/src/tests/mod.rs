//! Tests of the slots pallet with the real registry: lease lifecycles across periods, deposits
//! held and rebated, onboarding and offboarding, every error path, and a property test over
//! random sequences of registry and lease operations.

use crate::{mock::*, Call, Error, Event, HoldReason, LeaseError, Leases, WeightInfo};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use relay_primitives::{traits::Leaser as _, HeadData, ParaId, ParaLifecycle};
use sp_runtime::BuildStorage;
use sp_runtime::DispatchError;

mod calls;
mod leases;
mod property;

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::LeaseDeposit.into(), &who)
}

fn lifecycle(id: ParaId) -> Option<ParaLifecycle> {
	pallet_paras::Pallet::<Test>::lifecycle(id)
}

fn slots_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Slots(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn lease(para: u32, leaser: u64, amount: u64, begin: u32, count: u32) -> Result<(), LeaseError> {
	Slots::lease_out(ParaId(para), &leaser, amount, begin, count)
}
