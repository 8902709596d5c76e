//! Closing: the sample the randomness picks, the winning set of ranges, leases for the winners.

use super::*;

#[test]
fn can_win_auction() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 5, 50));
		run_to_block(16);
		assert_eq!(
			leases(1),
			vec![None, Some((1, 50)), Some((1, 50)), Some((1, 50)), Some((1, 50))]
		);
		assert_eq!((held(1), lease_held(1)), (0, 50));
		let events = auction_events();
		assert!(events.contains(&won(1, 1, 2, 5, 50)));
		assert_eq!(events.last(), Some(&Event::AuctionClosed { auction_index: 1 }));
		assert_eq!(AuctionInfo::<Test>::get(), None);
		assert_eq!(Winning::<Test>::iter().count(), 0);
	});
}

#[test]
fn can_win_auction_with_late_randomness() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 5, 50));
		RandomnessLag::set(3);
		run_to_block(16);
		// The randomness now was known at block 13, while bids were open: not usable.
		assert_eq!(status(), AuctionStatus::VrfDelay(0));
		assert_noop!(bid(2, 2, 2, 5, 60), Error::<Test>::AuctionEnded);
		run_to_block(18);
		assert_eq!(status(), AuctionStatus::VrfDelay(2));
		assert!(leases(1).is_empty());
		run_to_block(19);
		assert_eq!(status(), AuctionStatus::NotStarted);
		assert_eq!(lease_held(1), 50);
		assert!(auction_events().contains(&won(1, 1, 2, 5, 50)));
	});
}

#[test]
fn can_win_incomplete_auction() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 5, 5, 50));
		run_to_block(16);
		assert_eq!(leases(1), vec![None, None, None, None, Some((1, 50))]);
		assert_eq!(lease_held(1), 50);
	});
}

#[test]
fn should_choose_best_combination() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 2, 10));
		assert_ok!(bid(2, 2, 3, 4, 10));
		assert_ok!(bid(3, 3, 2, 5, 6)); // 24 over four periods
		assert_ok!(bid(4, 1, 5, 5, 10));
		run_to_block(16);
		// 10 + 2 × 10 + 10 = 40 beats 4 × 6 = 24.
		assert_eq!(leases(1), vec![None, Some((1, 10)), None, None, Some((4, 10))]);
		assert_eq!(leases(2), vec![None, None, Some((2, 10)), Some((2, 10))]);
		assert!(leases(3).is_empty());
		assert_eq!((held(3), lease_held(3)), (0, 0));
		assert_eq!(Balances::free_balance(3), 300);
	});
}

#[test]
fn longer_cheaper_bid_beats_shorter_pricier_one() {
	// Kusama auction 82 (polkadot #7221): value is amount × periods.
	new_test_ext().execute_with(|| {
		LeasePeriodsPerSlot::set(8);
		start(5, 2);
		assert_ok!(bid(5, 1, 2, 9, 401)); // 8 × 401 = 3,208
		assert_ok!(bid(6, 2, 2, 6, 500)); // 5 × 500 = 2,500
		run_to_block(16);
		assert_eq!(leases(1).len(), 9);
		assert!(leases(2).is_empty());
	});
}

#[test]
fn gap_bid_works() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 2, 10));
		assert_ok!(bid(1, 1, 5, 5, 40));
		// One deposit per (bidder, para): the larger bid.
		assert_eq!(ReservedAmounts::<Test>::get((1, ParaId(1))), Some(40));
		assert_eq!(held(1), 40);
		assert_ok!(bid(2, 2, 3, 3, 20));
		run_to_block(16);
		assert_eq!(leases(1), vec![None, Some((1, 10)), None, None, Some((1, 40))]);
		assert_eq!(leases(2), vec![None, None, Some((2, 20))]);
		assert_eq!((lease_held(1), lease_held(2)), (40, 20));
		assert_eq!((held(1), held(2)), (0, 0));
	});
}

#[test]
fn randomness_picks_a_sample_of_the_ending_period() {
	new_test_ext().execute_with(|| {
		SampleLength::set(2);
		start(5, 2);
		// Samples of 2 blocks: seed 17 → block 17 % 10 = 7 of the ending period → sample 3.
		assert_eq!(Auctions::sample_from_seed(&17u64.to_le_bytes()), 3);
		RandomSeed::set(17);
		run_to_block(12); // sample 3
		assert_ok!(bid(2, 2, 2, 2, 20));
		run_to_block(14); // sample 4
		assert_ok!(bid(3, 2, 2, 2, 30));
		run_to_block(16);
		assert_eq!(leases(2), vec![None, Some((2, 20))]);
	});
}

#[test]
fn incomplete_calculate_winners_works() {
	let mut amounts = vec![None; 10];
	amounts[winners::range_index(3, 3, 4).unwrap() as usize] = Some(1u64);
	let (winning, value) = winners::calculate_winners(&amounts, 4);
	assert_eq!(winning, vec![winners::range_index(3, 3, 4).unwrap()]);
	assert_eq!(value, 1);
}

#[test]
fn first_incomplete_calculate_winners_works() {
	let mut amounts = vec![None; 10];
	amounts[0] = Some(1u64);
	assert_eq!(winners::calculate_winners(&amounts, 4), (vec![0], 1));
}

#[test]
fn calculate_winners_works() {
	let idx = |f, l| winners::range_index(f, l, 4).unwrap();
	let mut amounts = vec![None; 10];
	amounts[idx(0, 0) as usize] = Some(2u64);
	amounts[idx(0, 1) as usize] = Some(1);
	amounts[idx(1, 1) as usize] = Some(1);
	amounts[idx(1, 2) as usize] = Some(1);
	amounts[idx(2, 2) as usize] = Some(1);
	amounts[idx(3, 3) as usize] = Some(3);
	// 2 + (1 × 2) + 3 = 7 ties with 2 + 1 + 1 + 3 = 7: the first found (fewer ranges) wins.
	let (winning, value) = winners::calculate_winners(&amounts, 4);
	assert_eq!(value, 7);
	assert_eq!(winning, vec![idx(0, 0), idx(1, 2), idx(3, 3)]);
	amounts[idx(0, 0) as usize] = Some(1);
	amounts[idx(0, 3) as usize] = Some(2); // 4 × 2 = 8
	assert_eq!(winners::calculate_winners(&amounts, 4), (vec![idx(0, 3)], 8));
}

#[test]
fn initialize_winners_in_ending_period_works() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 5, 10));
		run_to_block(7); // sample 1
		assert_eq!(Winning::<Test>::get(1), Winning::<Test>::get(0));
		run_to_block(8); // sample 2
		assert_ok!(bid(2, 2, 2, 5, 20));
		assert_eq!(leader(1, 0, 3), Some((1, ParaId(1), 10)));
		assert_eq!(leader(2, 0, 3), Some((2, ParaId(2), 20)));
		run_to_block(9);
		assert_eq!(Winning::<Test>::get(3), Winning::<Test>::get(2));
	});
}

#[test]
fn less_winning_samples_work() {
	new_test_ext().execute_with(|| {
		SampleLength::set(3); // samples 0..=3 of blocks 6-8, 9-11, 12-14, 15
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 5, 10));
		run_to_block(9);
		assert_eq!(status(), AuctionStatus::EndingPeriod(1, 0));
		assert_ok!(bid(2, 2, 2, 5, 20));
		run_to_block(13);
		assert_eq!(status(), AuctionStatus::EndingPeriod(2, 1));
		assert_ok!(bid(3, 3, 2, 5, 30));
		run_to_block(15);
		assert_eq!(status(), AuctionStatus::EndingPeriod(3, 0));
		assert_eq!(leader(0, 0, 3), Some((1, ParaId(1), 10)));
		assert_eq!(leader(1, 0, 3), Some((2, ParaId(2), 20)));
		assert_eq!(leader(3, 0, 3), Some((3, ParaId(3), 30)));
		RandomSeed::set(4); // block 4 of the ending period: sample 1
		run_to_block(16);
		assert_eq!(leases(2).len(), 5);
		assert!(leases(1).is_empty() && leases(3).is_empty());
	});
}

#[test]
fn winner_is_confiscated_if_its_para_was_leased_meanwhile() {
	new_test_ext().execute_with(|| {
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 2, 10));
		force_lease(1, 100, 5, 2, 1);
		run_to_block(16);
		assert!(auction_events().contains(&Event::ReserveConfiscated {
			para_id: ParaId(1),
			leaser: 1,
			amount: 10
		}));
		assert_eq!(Balances::balance_on_hold(&HoldReason::Confiscated.into(), &1), 10);
		assert_eq!(held(1), 0);
	});
}

#[test]
fn eight_period_slots_have_36_ranges() {
	new_test_ext().execute_with(|| {
		LeasePeriodsPerSlot::set(8);
		assert_eq!(Auctions::slot_range_count(), 36);
		assert_eq!(Auctions::lease_periods_per_slot(), 8);
		assert_noop!(
			Auctions::new_auction(RuntimeOrigin::root(), 5, 9),
			Error::<Test>::LeasePeriodTooFarAhead
		);
		start(5, 2);
		assert_ok!(bid(1, 1, 2, 3, 10));
		assert_ok!(bid(2, 2, 4, 9, 20));
		assert_ok!(bid(3, 3, 2, 9, 16)); // 8 × 16 = 128 loses to 2 × 10 + 6 × 20 = 140
		assert_noop!(bid(1, 1, 2, 10, 10), Error::<Test>::InvalidRange);
		run_to_block(16);
		assert_eq!(leases(1), vec![None, Some((1, 10)), Some((1, 10))]);
		assert_eq!(leases(2).len(), 9);
		assert!(leases(3).is_empty());
	});
}
