//! Every refusal of `bid`, with no change of state (`assert_noop!`).

use super::*;
use sp_runtime::{DispatchError, TokenError};

#[test]
fn bid_needs_a_signed_origin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Parathreads::bid(RuntimeOrigin::root(), ParaId(1), 20, head(1, 0)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Parathreads::bid(RuntimeOrigin::none(), ParaId(1), 20, head(1, 0)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn bid_for_a_para_that_is_not_a_live_parathread_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(bid(1, 6, 20), Error::<Test>::NotParathread);
		// Registered but not live yet (onboarding): refused too.
		TestRegistrar::set(ParaId(7), 100, TestParaState::Onboarding);
		set_head(7, 0);
		assert_noop!(bid(1, 7, 20), Error::<Test>::NotParathread);
	});
}

#[test]
fn bid_for_a_para_without_a_head_fails() {
	ExtBuilder::default().build_and_execute(|| {
		Heads::mutate(|h| h.remove(&ParaId(1)));
		assert_noop!(bid_on(1, 1, 20, head(1, 0)), Error::<Test>::NoHead);
	});
}

#[test]
fn bid_on_a_stale_head_fails() {
	ExtBuilder::default().build_and_execute(|| {
		set_head(1, 1);
		assert_noop!(bid_on(1, 1, 20, head(1, 0)), Error::<Test>::StaleHead);
		assert_noop!(bid_on(1, 1, 20, head(2, 0)), Error::<Test>::StaleHead);
		assert_ok!(bid_on(1, 1, 20, head(1, 1)));
	});
}

#[test]
fn bid_below_the_reserve_price_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(bid(1, 1, 9), Error::<Test>::BelowReservePrice);
		assert_noop!(bid(1, 1, 0), Error::<Test>::BelowReservePrice);
		assert_ok!(bid(1, 1, 10));
	});
}

#[test]
fn bid_for_a_para_with_a_live_claim_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		next_block();
		assert_noop!(bid(1, 1, 20), Error::<Test>::AlreadyClaimed);
	});
}

#[test]
fn equal_or_lower_replacement_fails() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		assert_noop!(bid(2, 1, 20), Error::<Test>::BidNotHigher);
		assert_noop!(bid(2, 1, 19), Error::<Test>::BidNotHigher);
		assert_noop!(bid(1, 1, 20), Error::<Test>::BidNotHigher);
	});
}

#[test]
fn bid_not_beating_the_lowest_of_a_full_book_fails() {
	ExtBuilder::default().build_and_execute(|| {
		MaxBidsPerBlock::set(1);
		assert_ok!(bid(1, 1, 20));
		assert_noop!(bid(2, 2, 20), Error::<Test>::BidTooLow);
	});
}

#[test]
fn bid_the_bidder_cannot_hold_fails() {
	ExtBuilder::default().build_and_execute(|| {
		// Account 1 holds 1,000 and must keep the existential deposit.
		assert_noop!(bid(1, 1, 1_000), TokenError::FundsUnavailable);
		assert_noop!(bid(50, 1, 20), TokenError::FundsUnavailable);
		// A replacement by another bidder who cannot pay leaves the old bid in place.
		assert_ok!(bid(2, 1, 20));
		assert_noop!(bid(1, 1, 1_000), TokenError::FundsUnavailable);
		assert_eq!(book(), vec![(1, 2, 20)]);
	});
}
