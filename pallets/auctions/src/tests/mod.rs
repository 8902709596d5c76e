//! Tests of the auctions pallet: Polkadot's 25 scenarios by name, every error path with no
//! state change, slots of 4 and of 8 periods, the runtime API, and property tests.
//!
//! Unless a test says otherwise: an auction started at block 1 with `start(5, 2)` sells periods
//! 2..=5; its opening period is blocks 1..=5, its ending period blocks 6..=15 (samples 0..=9)
//! and it closes at block 16, in lease period 1.

use crate::{
	mock::{
		new_test_ext, run_to_block, Auctions, Balances, LeasePeriodsPerSlot, MaxReserves,
		RandomSeed, RandomnessLag, RuntimeEvent, RuntimeOrigin, SampleLength, Slots, System, Test,
	},
	winners, AuctionCounter, AuctionInfo, AuctionPhase, Error, Event, HoldReason, RangeBid,
	ReservedAmounts, Winning,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use relay_primitives::{
	traits::{AuctionStatus, Auctioneer},
	ParaId,
};
use sp_runtime::{DispatchError, DispatchResult};

mod bidding;
mod lifecycle;
mod properties;
mod winning;

fn start(duration: u64, lease_period: u32) {
	assert_ok!(Auctions::new_auction(RuntimeOrigin::root(), duration, lease_period));
}

fn bid(who: u64, para: u32, first: u32, last: u32, amount: u64) -> DispatchResult {
	let index = AuctionCounter::<Test>::get();
	Auctions::bid(RuntimeOrigin::signed(who), ParaId(para), index, first, last, amount)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::AuctionBid.into(), &who)
}

fn lease_held(who: u64) -> u64 {
	Balances::balance_on_hold(&pallet_slots::HoldReason::LeaseDeposit.into(), &who)
}

fn leases(para: u32) -> Vec<Option<(u64, u64)>> {
	pallet_slots::Leases::<Test>::get(ParaId(para)).into_inner()
}

fn status() -> AuctionStatus<u64> {
	Auctions::status_at(System::block_number())
}

/// The leader of range `first..=last` (offsets in the slot) in sample `sample`.
fn leader(sample: u64, first: u32, last: u32) -> Option<(u64, ParaId, u64)> {
	let range = winners::range_index(first, last, LeasePeriodsPerSlot::get()).unwrap();
	Winning::<Test>::get(sample).and_then(|w| w[range as usize])
}

fn auction_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Auctions(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn won(bidder: u64, para: u32, first_slot: u32, last_slot: u32, amount: u64) -> Event<Test> {
	Event::Won {
		auction_index: AuctionCounter::<Test>::get(),
		bidder,
		para_id: ParaId(para),
		first_slot,
		last_slot,
		amount,
	}
}

fn force_lease(para: u32, leaser: u64, amount: u64, begin: u32, count: u32) {
	assert_ok!(Slots::force_lease(
		RuntimeOrigin::root(),
		ParaId(para),
		leaser,
		amount,
		begin,
		count
	));
}
