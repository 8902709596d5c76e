//! Bids: leaders per range, deposits held and credited, refunds, error paths and the bound on
//! deposits.

use super::*;

#[test]
fn bidding_works() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 5, 50));
		assert_eq!(held(1), 50);
		assert_eq!(Balances::free_balance(1), 50);
		assert_eq!(ReservedAmounts::<Test>::get((1, ParaId(1))), Some(50));
		assert_eq!(leader(0, 0, 3), Some((1, ParaId(1), 50)));
		assert_eq!(
			auction_events()[1..],
			[
				Event::Reserved { bidder: 1, extra_reserved: 50, total_amount: 50 },
				Event::BidAccepted {
					bidder: 1,
					para_id: ParaId(1),
					amount: 50,
					first_slot: 2,
					last_slot: 5,
					auction_index: 1
				},
			]
		);
	});
}

#[test]
fn under_bidding_works() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 5, 50));
		assert_noop!(bid(2, 2, 2, 5, 49), Error::<Test>::BidTooLow);
		// A tie does not displace the leader either.
		assert_noop!(bid(2, 2, 2, 5, 50), Error::<Test>::BidTooLow);
		assert_eq!(held(2), 0);
		assert_eq!(leader(0, 0, 3), Some((1, ParaId(1), 50)));
	});
}

#[test]
fn over_bidding_works() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 5, 50));
		assert_ok!(bid(2, 1, 2, 5, 60));
		assert_eq!((held(1), held(2)), (0, 60));
		assert_eq!(Balances::free_balance(1), 100);
		assert_eq!(ReservedAmounts::<Test>::get((1, ParaId(1))), None);
		assert_eq!(leader(0, 0, 3), Some((2, ParaId(1), 60)));
		assert!(auction_events().contains(&Event::Unreserved { bidder: 1, amount: 50 }));
	});
}

#[test]
fn bid_handles_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(bid(1, 1, 2, 2, 10), Error::<Test>::NotAuction);
		start(5, 2);
		assert_noop!(
			Auctions::bid(RuntimeOrigin::signed(1), ParaId(1), 2, 2, 2, 10),
			Error::<Test>::NotCurrentAuction
		);
		assert_noop!(bid(1, 1, 3, 2, 10), Error::<Test>::InvalidRange);
		assert_noop!(bid(1, 1, 1, 2, 10), Error::<Test>::InvalidRange);
		assert_noop!(bid(1, 1, 2, 6, 10), Error::<Test>::InvalidRange);
		assert_noop!(bid(1, 1, 2, 2, 0), Error::<Test>::BidTooLow);
		// Account 1 holds 100 and must keep the existential deposit.
		assert_noop!(bid(1, 1, 2, 2, 100), sp_runtime::TokenError::FundsUnavailable);
		assert_noop!(bid(1, 42, 2, 2, 10), Error::<Test>::ParaNotRegistered);
		assert_noop!(
			Auctions::bid(RuntimeOrigin::root(), ParaId(1), 1, 2, 2, 10),
			DispatchError::BadOrigin
		);
		run_to_block(16 - 1);
		RandomnessLag::set(5);
		run_to_block(16);
		assert_noop!(bid(1, 1, 2, 2, 10), Error::<Test>::AuctionEnded);
	});
}

#[test]
fn deposit_credit_should_work() {
	new_test_ext().execute_with(|| {
		force_lease(1, 1, 50, 2, 1);
		start(5, 2);
		assert_ok!(bid(1, 1, 3, 3, 60));
		// A renewal holds only the top-up over the running lease.
		assert_eq!(held(1), 10);
		assert_eq!(ReservedAmounts::<Test>::get((1, ParaId(1))), Some(10));
		run_to_block(16);
		assert_eq!(leases(1), vec![None, Some((1, 50)), Some((1, 60))]);
		assert_eq!((held(1), lease_held(1)), (0, 60));
	});
}

#[test]
fn deposit_credit_on_alt_para_should_not_count() {
	new_test_ext().execute_with(|| {
		force_lease(1, 1, 50, 2, 1);
		start(5, 2);
		assert_ok!(bid(1, 2, 3, 3, 40));
		assert_eq!(held(1), 40);
		run_to_block(16);
		assert_eq!(lease_held(1), 90);
	});
}

#[test]
fn multiple_bids_work_pre_ending() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		for who in 1..=5 {
			assert_ok!(bid(who, 1, 2, 5, 10 * who));
			for earlier in 1..who {
				assert_eq!(held(earlier), 0);
			}
			assert_eq!(held(who), 10 * who);
		}
		run_to_block(16);
		assert_eq!(leases(1)[1], Some((5, 50)));
		assert_eq!(lease_held(5), 50);
	});
}

#[test]
fn multiple_bids_work_post_ending() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		// One higher bid in each of samples 0..=4.
		for who in 1..=5u64 {
			run_to_block(5 + who);
			assert_ok!(bid(who, 1, 2, 5, 10 * who));
		}
		// In the ending period displaced bids keep their deposits: any sample may win.
		for who in 1..=5 {
			assert_eq!(held(who), 10 * who);
			assert_eq!(leader(who - 1, 0, 3), Some((who, ParaId(1), 10 * who)));
		}
		RandomSeed::set(2); // sample 2: account 3's bid
		run_to_block(16);
		assert!(
			auction_events().contains(&Event::WinningOffset { auction_index: 1, block_number: 2 })
		);
		assert_eq!(leases(1)[1], Some((3, 30)));
		for who in 1..=5 {
			assert_eq!(held(who), 0);
		}
		assert_eq!(lease_held(3), 30);
	});
}

#[test]
fn lower_bids_are_correctly_refunded() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 5, 10));
		assert_ok!(bid(2, 2, 2, 5, 20));
		assert_eq!((held(1), held(2)), (0, 20));
		assert_eq!(Balances::free_balance(1), 100);
		// A leader of another range for the same para keeps its deposit when displaced.
		assert_ok!(bid(3, 3, 2, 2, 10));
		assert_ok!(bid(3, 3, 3, 3, 15));
		assert_ok!(bid(4, 1, 2, 2, 11));
		assert_eq!(held(3), 15);
		assert_ok!(bid(4, 1, 3, 3, 16));
		assert_eq!((held(3), held(4)), (0, 16));
	});
}

#[test]
fn handle_bid_requires_registered_para() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_noop!(bid(1, 1337, 2, 5, 10), Error::<Test>::ParaNotRegistered);
		assert_ok!(bid(1, 1, 2, 5, 10));
	});
}

#[test]
fn handle_bid_checks_existing_lease_periods() {
	new_test_ext().execute_with(|| {
		force_lease(1, 100, 10, 3, 2);
		start(5, 2);
		assert_noop!(bid(1, 1, 2, 3, 10), Error::<Test>::AlreadyLeasedOut);
		assert_noop!(bid(1, 1, 4, 5, 10), Error::<Test>::AlreadyLeasedOut);
		assert_ok!(bid(1, 1, 2, 2, 10));
		assert_ok!(bid(2, 1, 5, 5, 20));
		run_to_block(16);
		assert_eq!(
			leases(1),
			vec![None, Some((1, 10)), Some((100, 10)), Some((100, 10)), Some((2, 20))]
		);
	});
}

#[test]
fn bid_deposits_are_bounded_by_max_reserves() {
	new_test_ext().execute_with(|| {
		MaxReserves::set(10);
		start(5, 2);
		// In the ending period outbid deposits stay held: ten pairs fill the bound.
		run_to_block(6);
		for who in 1..=9u64 {
			assert_ok!(bid(who, 1, 2, 2, who));
		}
		assert_ok!(bid(100, 1, 2, 2, 10));
		assert_eq!(ReservedAmounts::<Test>::count(), 10);
		// A new pair is refused, for another para or another bidder, and nothing changes.
		assert_noop!(bid(1, 2, 3, 3, 11), Error::<Test>::TooManyReserves);
		assert_noop!(bid(100, 3, 2, 2, 11), Error::<Test>::TooManyReserves);
		// A pair that holds a deposit already can still raise, in any range.
		assert_ok!(bid(9, 1, 2, 2, 11));
		assert_ok!(bid(100, 1, 3, 3, 20));
		assert_eq!(ReservedAmounts::<Test>::count(), 10);
		assert_eq!(held(9), 11);
		// The close releases all ten and leases the winners.
		run_to_block(16);
		assert_eq!(ReservedAmounts::<Test>::count(), 0);
		assert!((1..=9).all(|who| held(who) == 0));
		assert_eq!(leases(1), vec![None, Some((9, 11)), Some((100, 20))]);
		assert_ok!(Auctions::do_try_state());
	});
}
