//! The book: holds, ordering (ties by arrival), replacement, eviction, one claim per para.

use super::*;

#[test]
fn bid_holds_the_fee_and_enters_the_book() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 50));
		assert_eq!(held(1), 50);
		assert_eq!(free(1), 950);
		assert_eq!(book(), vec![(1, 1, 50)]);
		assert_eq!(
			events(),
			vec![Event::BidPlaced {
				para_id: ParaId(1),
				bidder: 1,
				fee: 50,
				head_hash: head(1, 0)
			}]
		);
	});
}

#[test]
fn anyone_may_bid_for_any_parathread() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(7, 1, 20));
		assert_ok!(bid(7, 2, 30));
		assert_eq!(held(7), 50);
		assert_eq!(book(), vec![(2, 7, 30), (1, 7, 20)]);
	});
}

#[test]
fn book_is_ordered_by_fee_then_by_arrival() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		assert_ok!(bid(2, 2, 40));
		assert_ok!(bid(3, 3, 20));
		assert_ok!(bid(4, 4, 30));
		assert_ok!(bid(5, 5, 40));
		assert_eq!(book(), vec![(2, 2, 40), (5, 5, 40), (4, 4, 30), (1, 1, 20), (3, 3, 20)]);
	});
}

#[test]
fn higher_bid_replaces_the_paras_bid() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		assert_ok!(bid(2, 2, 30));
		System::reset_events();
		assert_ok!(bid(3, 1, 35));
		assert_eq!(held(1), 0);
		assert_eq!(free(1), 1_000);
		assert_eq!(held(3), 35);
		assert_eq!(book(), vec![(1, 3, 35), (2, 2, 30)]);
		assert_eq!(
			events(),
			vec![
				Event::BidReplaced { para_id: ParaId(1), bidder: 1, fee: 20, by: 3, new_fee: 35 },
				Event::BidPlaced { para_id: ParaId(1), bidder: 3, fee: 35, head_hash: head(1, 0) },
			]
		);
	});
}

#[test]
fn own_higher_bid_holds_only_the_difference() {
	ExtBuilder::default().build_and_execute(|| {
		// Account 1 holds 1,000: 600 + 900 would not fit, 900 alone does.
		assert_ok!(bid(1, 1, 600));
		assert_ok!(bid(1, 1, 900));
		assert_eq!(held(1), 900);
		assert_eq!(book(), vec![(1, 1, 900)]);
	});
}

#[test]
fn replacement_joins_equal_fees_last() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		assert_ok!(bid(2, 2, 30));
		assert_ok!(bid(1, 1, 30));
		assert_eq!(book(), vec![(2, 2, 30), (1, 1, 30)]);
	});
}

#[test]
fn full_book_evicts_its_lowest_bid() {
	ExtBuilder::default().build_and_execute(|| {
		MaxBidsPerBlock::set(4);
		assert_ok!(bid(1, 1, 20));
		assert_ok!(bid(2, 2, 10));
		assert_ok!(bid(3, 3, 30));
		assert_ok!(bid(4, 4, 10));
		System::reset_events();
		// Of the two lowest (10), the later one (para 4) would lose the tie: it goes.
		assert_ok!(bid(5, 5, 11));
		assert_eq!(book(), vec![(3, 3, 30), (1, 1, 20), (5, 5, 11), (2, 2, 10)]);
		assert_eq!(held(4), 0);
		assert_eq!(free(4), 4_000);
		assert_eq!(
			events(),
			vec![
				Event::BidEvicted { para_id: ParaId(4), bidder: 4, fee: 10 },
				Event::BidPlaced { para_id: ParaId(5), bidder: 5, fee: 11, head_hash: head(5, 0) },
			]
		);
		// A full book still takes a replacement: the para's bid leaves, nothing is evicted.
		assert_ok!(bid(6, 2, 50));
		assert_eq!(book(), vec![(2, 6, 50), (3, 3, 30), (1, 1, 20), (5, 5, 11)]);
		assert_eq!(held(2), 0);
	});
}

#[test]
fn bid_must_beat_the_lowest_of_a_full_book() {
	ExtBuilder::default().build_and_execute(|| {
		MaxBidsPerBlock::set(2);
		assert_ok!(bid(1, 1, 20));
		assert_ok!(bid(2, 2, 15));
		assert_noop!(bid(3, 3, 15), Error::<Test>::BidTooLow);
		assert_noop!(bid(3, 3, 12), Error::<Test>::BidTooLow);
		assert_ok!(bid(3, 3, 16));
		assert_eq!(book(), vec![(1, 1, 20), (3, 3, 16)]);
	});
}

#[test]
fn para_with_a_live_claim_cannot_bid_until_served_or_expired() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		next_block();
		assert_eq!(claim(0), Some((1, 1, 10, 5)));
		assert_noop!(bid(2, 1, 500), Error::<Test>::AlreadyClaimed);
		// Once served, the para may bid again (for its next block).
		set_head(1, 1);
		serve(0, 1);
		assert_ok!(bid(2, 1, 500));
		next_block();
		assert_eq!(claim(0), Some((1, 2, 10, 3 + 3)));
		assert_eq!(ClaimedCore::<Test>::get(ParaId(1)), Some(0));
		// Once expired, too: live up to block 5, gone at 6.
		run_to_block(5);
		assert_noop!(bid(2, 1, 30), Error::<Test>::AlreadyClaimed);
		run_to_block(6);
		assert_eq!(ClaimedCore::<Test>::get(ParaId(1)), None);
		assert_ok!(bid(2, 1, 30));
	});
}
