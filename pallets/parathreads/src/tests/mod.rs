//! Tests of the parathreads pallet: the book in [`bidding`], the clearing in [`clearing`], claims
//! and their payment in [`claims`], every refusal (with `assert_noop!`) in [`errors`], the runtime
//! API and the glue trait in [`view`], and a property test over random bids, blocks, head
//! changes and services in [`proptests`]. Every test checks the invariants at its end, and
//! [`run_to_block`] after every block.

use crate::{
	mock::*, Bids, ClaimedCore, Claims, Error, Event, HoldReason, LastClearingPrice, LossReason,
	WeightInfo,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use relay_primitives::{
	traits::{ParaHeads, ParathreadClaims, Registrar},
	Hash, ParaId,
};
use sp_runtime::DispatchResult;

mod bidding;
mod claims;
mod clearing;
mod errors;
mod proptests;
mod view;

/// Bids `fee` for `para`, naming its current head, as `who`.
fn bid(who: AccountId, para: u32, fee: Balance) -> DispatchResult {
	let head = TestHeads::current_head_hash(ParaId(para)).unwrap_or_default();
	bid_on(who, para, fee, head)
}

/// Bids `fee` for `para`, naming head `head`, as `who`.
fn bid_on(who: AccountId, para: u32, fee: Balance, head: Hash) -> DispatchResult {
	Parathreads::bid(RuntimeOrigin::signed(who), ParaId(para), fee, head)
}

/// What `who` has on hold for bids and claims.
fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::Bid.into(), &who)
}

/// `who`'s free balance.
fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

/// The book as `(para, bidder, fee)`, in clearing order.
fn book() -> Vec<(u32, AccountId, Balance)> {
	Bids::<Test>::get()
		.into_iter()
		.map(|b| (b.para_id.0, b.bidder, b.fee))
		.collect()
}

/// The claim on `core` as `(para, bidder, price, expires_at)`.
fn claim(core: u32) -> Option<(u32, AccountId, Balance, u64)> {
	Claims::<Test>::get(core).map(|c| (c.para_id.0, c.bidder, c.price, c.expires_at))
}

/// This pallet's events so far.
fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Parathreads(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// This pallet's events so far, and forgets every event.
fn take_events() -> Vec<Event<Test>> {
	let taken = events();
	System::reset_events();
	taken
}

/// Serves `para`'s claim on `core` (what inclusion reports).
fn serve(core: u32, para: u32) {
	Parathreads::on_claim_served(core, ParaId(para));
	check_invariants();
}

#[test]
fn basic_setup_works() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Parathreads::pool_size(), 3);
		assert!(book().is_empty());
		assert_eq!(Claims::<Test>::iter().count(), 0);
		assert_eq!(LastClearingPrice::<Test>::get(), 0);
		assert_eq!((0..3).map(Parathreads::claim_on).collect::<Vec<_>>(), vec![None; 3]);
		run_to_block(5);
		assert!(events().is_empty());
	});
}

#[test]
fn integrity_test_passes() {
	ExtBuilder::default().build_and_execute(|| {
		<Parathreads as frame_support::traits::Hooks<u64>>::integrity_test();
	});
}

#[test]
fn bid_weight_is_the_worse_of_eviction_and_replacement() {
	use frame_support::dispatch::GetDispatchInfo;
	let call = crate::Call::<Test>::bid { para_id: ParaId(1), fee: 10, head_hash: head(1, 0) };
	let expected = <() as WeightInfo>::bid_evicting().max(<() as WeightInfo>::bid_replacing());
	assert_eq!(call.get_dispatch_info().call_weight, expected);
}
