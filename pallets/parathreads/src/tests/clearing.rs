//! The clearing: winners, the uniform price (fewer and more bids than cores), ties, the reserve,
//! stale heads and lost parathreads at clearing time, and cores held by live claims.

use super::*;

#[test]
fn bids_clear_in_the_next_block_only() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		assert_eq!(claim(0), None);
		next_block();
		assert!(book().is_empty());
		assert_eq!(claim(0), Some((1, 1, 10, 2 + 3)));
		// A bid placed now waits for block 3.
		assert_ok!(bid(2, 2, 20));
		assert_eq!(claim(1), None);
		next_block();
		assert_eq!(claim(1), Some((2, 2, 10, 3 + 3)));
	});
}

#[test]
fn fewer_bids_than_cores_pay_the_reserve_price() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 50));
		assert_ok!(bid(2, 2, 30));
		System::reset_events();
		next_block();
		assert_eq!(claim(0), Some((1, 1, 10, 5)));
		assert_eq!(claim(1), Some((2, 2, 10, 5)));
		assert_eq!(claim(2), None);
		assert_eq!((held(1), held(2)), (10, 10));
		assert_eq!((free(1), free(2)), (990, 1_990));
		assert_eq!(LastClearingPrice::<Test>::get(), 10);
		assert_eq!(
			events(),
			vec![
				Event::BidWon {
					para_id: ParaId(1),
					bidder: 1,
					pool_core: 0,
					price: 10,
					expires_at: 5
				},
				Event::BidWon {
					para_id: ParaId(2),
					bidder: 2,
					pool_core: 1,
					price: 10,
					expires_at: 5
				},
			]
		);
	});
}

#[test]
fn more_bids_than_cores_pay_the_highest_losing_fee() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 50));
		assert_ok!(bid(2, 2, 30));
		assert_ok!(bid(3, 3, 70));
		assert_ok!(bid(4, 4, 25));
		assert_ok!(bid(5, 5, 40));
		System::reset_events();
		next_block();
		// 70, 50 and 40 win; 30 is the highest losing fee.
		assert_eq!(claim(0), Some((3, 3, 30, 5)));
		assert_eq!(claim(1), Some((1, 1, 30, 5)));
		assert_eq!(claim(2), Some((5, 5, 30, 5)));
		assert_eq!((held(1), held(3), held(5)), (30, 30, 30));
		assert_eq!((held(2), held(4)), (0, 0));
		assert_eq!((free(2), free(4)), (2_000, 4_000));
		assert_eq!(LastClearingPrice::<Test>::get(), 30);
		let lost: Vec<_> =
			events().into_iter().filter(|e| matches!(e, Event::BidLost { .. })).collect();
		assert_eq!(
			lost,
			vec![
				Event::BidLost {
					para_id: ParaId(2),
					bidder: 2,
					fee: 30,
					reason: LossReason::Outbid
				},
				Event::BidLost {
					para_id: ParaId(4),
					bidder: 4,
					fee: 25,
					reason: LossReason::Outbid
				},
			]
		);
	});
}

#[test]
fn winners_never_pay_more_than_their_bid() {
	ExtBuilder::default().build_and_execute(|| {
		// The third core goes to 20, tied with the highest losing fee: price 20 = its bid.
		assert_ok!(bid(1, 1, 90));
		assert_ok!(bid(2, 2, 80));
		assert_ok!(bid(3, 3, 20));
		assert_ok!(bid(4, 4, 20));
		next_block();
		assert_eq!(LastClearingPrice::<Test>::get(), 20);
		assert_eq!(claim(2), Some((3, 3, 20, 5)));
		assert_eq!(held(3), 20);
		assert_eq!(held(4), 0);
	});
}

#[test]
fn ties_go_to_the_earlier_bid() {
	ExtBuilder::default().build_and_execute(|| {
		ParathreadCores::set(1);
		assert_ok!(bid(4, 4, 40));
		assert_ok!(bid(2, 2, 40));
		assert_ok!(bid(3, 3, 40));
		next_block();
		assert_eq!(claim(0), Some((4, 4, 40, 5)));
		assert_eq!((held(2), held(3)), (0, 0));
	});
}

#[test]
fn stale_head_at_clearing_loses_and_does_not_set_the_price() {
	ExtBuilder::default().build_and_execute(|| {
		ParathreadCores::set(1);
		assert_ok!(bid(1, 1, 90));
		assert_ok!(bid(2, 2, 30));
		// Para 1's head moves on before the clearing: its bid can never win.
		set_head(1, 1);
		System::reset_events();
		next_block();
		assert_eq!(claim(0), Some((2, 2, 10, 5)));
		assert_eq!(LastClearingPrice::<Test>::get(), 10);
		assert_eq!((held(1), free(1)), (0, 1_000));
		assert!(events().contains(&Event::BidLost {
			para_id: ParaId(1),
			bidder: 1,
			fee: 90,
			reason: LossReason::StaleHead
		}));
	});
}

#[test]
fn para_no_longer_a_parathread_at_clearing_loses() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 90));
		assert_ok!(TestRegistrar::make_parachain(ParaId(1)));
		System::reset_events();
		next_block();
		assert_eq!(claim(0), None);
		assert_eq!(held(1), 0);
		assert_eq!(
			events(),
			vec![Event::BidLost {
				para_id: ParaId(1),
				bidder: 1,
				fee: 90,
				reason: LossReason::NotParathread
			}]
		);
	});
}

#[test]
fn bids_below_a_raised_reserve_lose() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 90));
		assert_ok!(bid(2, 2, 30));
		ReservePrice::set(40);
		System::reset_events();
		next_block();
		assert_eq!(claim(0), Some((1, 1, 40, 5)));
		assert_eq!(claim(1), None);
		assert_eq!(held(2), 0);
		assert!(events().contains(&Event::BidLost {
			para_id: ParaId(2),
			bidder: 2,
			fee: 30,
			reason: LossReason::BelowReserve
		}));
	});
}

#[test]
fn cores_under_live_claims_are_not_sold_again() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		assert_ok!(bid(2, 2, 20));
		next_block();
		// Cores 0 and 1 are claimed until block 5; only core 2 is free.
		assert_ok!(bid(3, 3, 60));
		assert_ok!(bid(4, 4, 50));
		assert_ok!(bid(5, 5, 45));
		next_block();
		assert_eq!(claim(2), Some((3, 3, 50, 6)));
		assert_eq!((held(4), held(5)), (0, 0));
		assert_eq!(LastClearingPrice::<Test>::get(), 50);
		// No free core: everyone loses, the price says what would have been needed.
		assert_ok!(bid(4, 4, 50));
		next_block();
		assert_eq!(held(4), 0);
		assert_eq!(LastClearingPrice::<Test>::get(), 50);
	});
}

#[test]
fn block_without_bids_keeps_the_last_clearing_price() {
	ExtBuilder::default().build_and_execute(|| {
		ParathreadCores::set(1);
		assert_ok!(bid(1, 1, 20));
		assert_ok!(bid(2, 2, 15));
		next_block();
		assert_eq!(LastClearingPrice::<Test>::get(), 15);
		run_to_block(10);
		assert_eq!(LastClearingPrice::<Test>::get(), 15);
	});
}

#[test]
fn clearing_rule_matches_its_definition() {
	use crate::{clearing::clear, Outcome};
	let stale = Some(LossReason::StaleHead);
	let (price, outcomes) =
		clear([(90, stale), (50, None), (50, None), (30, None), (5, None)], &[4, 7], 10);
	assert_eq!(price, 30);
	assert_eq!(
		outcomes,
		vec![
			Outcome::Lost(LossReason::StaleHead),
			Outcome::Won(4),
			Outcome::Won(7),
			Outcome::Lost(LossReason::Outbid),
			Outcome::Lost(LossReason::BelowReserve),
		]
	);
	assert_eq!(clear::<u64>([], &[0], 10), (10, vec![]));
	assert_eq!(clear([(20, None)], &[], 10), (20, vec![Outcome::Lost(LossReason::Outbid)]));
}
