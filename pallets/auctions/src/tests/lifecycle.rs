//! Starting, running, cancelling and reading auctions: phases, status, the `Auctioneer` trait
//! and the runtime API's view.

use super::*;

#[test]
fn basic_setup_works() {
	new_test_ext().execute_with(|| {
		assert_eq!(AuctionCounter::<Test>::get(), 0);
		assert_eq!(AuctionInfo::<Test>::get(), None);
		assert_eq!(status(), AuctionStatus::NotStarted);
		assert_eq!(Auctions::slot_range_count(), 10);
		run_to_block(10);
		assert_eq!(status(), AuctionStatus::NotStarted);
		assert!(auction_events().is_empty());
	});
}

#[test]
fn can_start_auction() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Auctions::new_auction(RuntimeOrigin::signed(1), 5, 2),
			DispatchError::BadOrigin
		);
		start(5, 2);
		assert_eq!(AuctionCounter::<Test>::get(), 1);
		assert_eq!(AuctionInfo::<Test>::get(), Some((2, 6)));
		assert_eq!(
			auction_events(),
			vec![Event::AuctionStarted { auction_index: 1, lease_period: 2, ending: 6 }]
		);
	});
}

#[test]
fn new_auction_handles_errors() {
	new_test_ext().execute_with(|| {
		run_to_block(25); // lease period 2
		assert_noop!(
			Auctions::new_auction(RuntimeOrigin::root(), 5, 1),
			Error::<Test>::LeasePeriodInPast
		);
		// Periods 14..=17 end 16 periods from period 2: beyond what leases record.
		assert_noop!(
			Auctions::new_auction(RuntimeOrigin::root(), 5, 15),
			Error::<Test>::LeasePeriodTooFarAhead
		);
		start(5, 14);
		assert_noop!(
			Auctions::new_auction(RuntimeOrigin::root(), 5, 3),
			Error::<Test>::AuctionInProgress
		);
	});
}

#[test]
fn auction_proceeds_correctly() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		for n in 1..=5 {
			run_to_block(n);
			assert_eq!(status(), AuctionStatus::StartingPeriod);
		}
		for n in 6..=15 {
			run_to_block(n);
			assert_eq!(status(), AuctionStatus::EndingPeriod(n - 6, 0));
		}
		run_to_block(16);
		assert_eq!(status(), AuctionStatus::NotStarted);
		assert!(auction_events().contains(&Event::AuctionClosed { auction_index: 1 }));
	});
}

#[test]
fn auction_status_works() {
	new_test_ext().execute_with(|| {
		SampleLength::set(2);
		assert_eq!(Auctions::auction_status(1), AuctionStatus::NotStarted);
		start(5, 2);
		assert_eq!(Auctions::auction_status(5), AuctionStatus::StartingPeriod);
		assert_eq!(Auctions::auction_status(6), AuctionStatus::EndingPeriod(0, 0));
		assert_eq!(Auctions::auction_status(7), AuctionStatus::EndingPeriod(0, 1));
		assert_eq!(Auctions::auction_status(8), AuctionStatus::EndingPeriod(1, 0));
		assert_eq!(Auctions::auction_status(15), AuctionStatus::EndingPeriod(4, 1));
		assert_eq!(Auctions::auction_status(16), AuctionStatus::VrfDelay(0));
		assert_eq!(Auctions::auction_status(20), AuctionStatus::VrfDelay(4));
		assert!(Auctions::auction_status(7).is_in_progress());
		assert!(Auctions::auction_status(16).is_vrf());
	});
}

#[test]
fn can_cancel_auction() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 5, 10));
		run_to_block(8);
		assert_ok!(bid(2, 1, 2, 5, 20));
		assert_eq!((held(1), held(2)), (10, 20));
		assert_noop!(Auctions::cancel_auction(RuntimeOrigin::signed(1)), DispatchError::BadOrigin);
		assert_ok!(Auctions::cancel_auction(RuntimeOrigin::root()));
		assert_eq!((held(1), held(2)), (0, 0));
		assert_eq!(AuctionInfo::<Test>::get(), None);
		assert_eq!(Winning::<Test>::iter().count(), 0);
		assert_eq!(ReservedAmounts::<Test>::iter().count(), 0);
		assert!(auction_events().contains(&Event::AuctionCancelled { auction_index: 1 }));
		assert_noop!(Auctions::cancel_auction(RuntimeOrigin::root()), Error::<Test>::NotAuction);
		run_to_block(20);
		assert!(leases(1).is_empty());
	});
}

#[test]
fn auctioneer_trait_bids_for_the_current_auction() {
	new_test_ext().execute_with(|| {
		assert_ok!(<Auctions as Auctioneer<u64>>::new_auction(5, 2));
		assert_ok!(Auctions::place_bid(7, ParaId(1), 2, 5, 70));
		assert_eq!(held(7), 70);
		assert!(!Auctions::has_won_an_auction(ParaId(1), &7));
		run_to_block(16);
		assert!(Auctions::has_won_an_auction(ParaId(1), &7));
		assert_eq!(Auctions::lease_period_index(16), Some((1, false)));
	});
}

#[test]
fn view_reports_every_phase() {
	new_test_ext().execute_with(|| {
		SampleLength::set(2);
		let view = Auctions::auction_view();
		assert_eq!(view.phase, AuctionPhase::NotStarted);
		assert_eq!((view.auction_index, view.lease_period), (0, None));
		assert_eq!(Auctions::minimum_winning_bid(2, 2), None);

		start(5, 2);
		assert_ok!(bid(1, 1, 2, 3, 10));
		assert_ok!(bid(2, 2, 4, 5, 30));
		let view = Auctions::auction_view();
		assert_eq!(view.phase, AuctionPhase::Opening { ends_at: 6 });
		assert_eq!(view.lease_period, Some(2));
		assert_eq!(view.leaders.len(), 2);
		let expect =
			RangeBid { first_slot: 2, last_slot: 3, bidder: 1, para_id: ParaId(1), amount: 10 };
		assert_eq!(view.winners[0], expect);
		assert_eq!(view.winning_value, 2 * 10 + 2 * 30);
		// Over all four periods a bid must beat 80 in value: more than 20 per period.
		assert_eq!(Auctions::minimum_winning_bid(2, 5), Some(21));
		// Periods 2-3: beat the leader (10).
		assert_eq!(Auctions::minimum_winning_bid(2, 3), Some(11));
		// Period 3 alone must beat range 2-3's 2 × 10 with period 2 empty: more than 20.
		assert_eq!(Auctions::minimum_winning_bid(3, 3), Some(21));
		assert_eq!(Auctions::minimum_winning_bid(1, 3), None);

		run_to_block(9);
		assert_eq!(
			Auctions::auction_view().phase,
			AuctionPhase::Ending { sample: 1, sample_ends_at: 10, ends_at: 16 }
		);
		RandomnessLag::set(5);
		run_to_block(17);
		let view = Auctions::auction_view();
		assert_eq!(
			view.phase,
			AuctionPhase::WaitingForRandomness { bidding_ended_at: 16, randomness_known_since: 12 }
		);
		assert_eq!(view.winners.len(), 2);
		assert_eq!(Auctions::minimum_winning_bid(2, 3), None);
		RandomnessLag::set(0);
		run_to_block(18);
		assert_eq!(Auctions::auction_view().phase, AuctionPhase::NotStarted);
	});
}
