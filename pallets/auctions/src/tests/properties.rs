//! Property tests: the winning set against an exhaustive oracle, and deposits always accounted
//! for.

use super::*;
use proptest::{prelude::*, test_runner::TestRunner};
use std::cell::Cell;

/// A bid: bidder 1..=9, para 1..=3, range offsets, amount.
fn bids() -> impl Strategy<Value = Vec<(u64, u32, u32, u32, u64)>> {
	prop::collection::vec(
		(1..=9u64, 1..=3u32, 0..4u32, 0..4u32, 1..=80u64)
			.prop_map(|(w, p, a, b, amt)| (w, p, a.min(b), a.max(b), amt)),
		0..12,
	)
}

/// The oracle, by exhaustive search and independent of `winners::calculate_winners`: over
/// every subset of the 10 ranges of a 4-period slot whose ranges are pairwise disjoint and
/// all bid on, the best total value of those containing `range` (bid on with `amount`) and
/// of those not containing it.
fn best_with_and_without(amounts: &[Option<u64>], range: u32, amount: u64) -> (u64, u64) {
	let (mut with, mut without) = (0, 0);
	'sets: for set in 0u32..1 << 10 {
		let (mut periods, mut value) = (0u32, 0u64);
		for index in (0..10).filter(|i| set & (1 << i) != 0) {
			let (first, last) = winners::range_of(index, 4).expect("10 ranges");
			let mask = ((1u32 << (last + 1)) - 1) & !((1u32 << first) - 1);
			let bid = if index == range { Some(amount) } else { amounts[index as usize] };
			let Some(bid) = bid.filter(|_| periods & mask == 0) else { continue 'sets };
			periods |= mask;
			value += bid * u64::from(last - first + 1);
		}
		if set & (1 << range) != 0 {
			with = with.max(value);
		} else {
			without = without.max(value);
		}
	}
	(with, without)
}

#[test]
fn the_oracle_finds_the_best_sets() {
	// Periods 0..=3; ranges: [0,0] = 0, [0,3] = 3, [1,1] = 4, [2,3] = 8 (Polkadot's order).
	let mut amounts = vec![None; 10];
	amounts[0] = Some(10);
	amounts[3] = Some(4);
	amounts[8] = Some(6);
	// With [1,1] at 5: 10 + 5 + 12 = 27; without it: 10 + 12 = 22 (vs [0,3]: 16).
	assert_eq!(best_with_and_without(&amounts, 4, 5), (27, 22));
	// With [0,3] at 7: 28; without: 22.
	assert_eq!(best_with_and_without(&amounts, 3, 7), (28, 22));
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(200))]

	/// The minimum winning bid wins its range, and one less does not (it cannot lead, or
	/// the best set with it is not worth more than the best set without it), by the
	/// exhaustive-search oracle.
	#[test]
	fn minimum_winning_bid_is_exact(placed in bids(), (first, last) in (0..4u32, 0..4u32)) {
		new_test_ext().execute_with(|| {
			start(5, 2);
			for (who, para, f, l, amount) in placed {
				// Some random bids fail (an occupied para, a lower amount); the leaders
				// below are what the chain accepted.
				let _ = bid(who, para, 2 + f, 2 + l, amount);
			}
			let (first, last) = (2 + first.min(last), 2 + first.max(last));
			let min = Auctions::minimum_winning_bid(first, last);
			prop_assert!(min.is_some(), "an auction is open");
			let min = min.unwrap_or_default();
			let range = winners::range_index(first - 2, last - 2, 4).unwrap_or_default();
			let amounts: Vec<_> = crate::Pallet::<Test>::leaders_at(0)
				.iter()
				.map(|l| l.as_ref().map(|(_, _, a)| *a))
				.collect();
			let leading = amounts[range as usize];
			prop_assert!(min >= 1 && leading.is_none_or(|l| min > l), "it leads its range");
			let (with, without) = best_with_and_without(&amounts, range, min);
			prop_assert!(with > without, "it wins: {} with it, {} without", with, without);
			let below = min - 1;
			let leads = below >= 1 && leading.is_none_or(|l| below > l);
			let (with, without) = best_with_and_without(&amounts, range, below);
			prop_assert!(!leads || with <= without, "one less would win too");
			Ok(())
		})?;
	}
}

/// Random bids over every phase: invariants hold after every block (checked by
/// `run_to_block`), issuance is unchanged, and after the close no bid deposit is left and
/// the winners hold exactly their leases. Over all cases, at least a quarter of the random
/// bids must be accepted, so a broken set-up cannot pass by refusing every bid.
#[test]
fn deposits_are_always_accounted_for() {
	let (tried, accepted) = (Cell::new(0u32), Cell::new(0u32));
	let strategy = (prop::collection::vec((bids(), 0..3u64), 1..6), 0..10u64);
	TestRunner::new(ProptestConfig::with_cases(200))
		.run(&strategy, |(placed, seed)| {
			new_test_ext().execute_with(|| {
				let issuance = Balances::total_issuance();
				RandomSeed::set(seed);
				start(5, 2);
				for (round, gap) in placed {
					for (who, para, f, l, amount) in round {
						tried.set(tried.get() + 1);
						if bid(who, para, 2 + f, 2 + l, amount).is_ok() {
							accepted.set(accepted.get() + 1);
						}
					}
					run_to_block(System::block_number() + gap);
				}
				run_to_block(16);
				prop_assert_eq!(Balances::total_issuance(), issuance);
				prop_assert_eq!(AuctionInfo::<Test>::get(), None);
				for who in 1..=9 {
					prop_assert_eq!(held(who), 0);
					prop_assert_eq!(Balances::free_balance(who) + lease_held(who), 100 * who);
				}
				Ok(())
			})
		})
		.unwrap_or_else(|e| panic!("{e}"));
	let (tried, accepted) = (tried.get(), accepted.get());
	println!("{accepted} of {tried} random bids accepted");
	assert!(accepted * 4 >= tried, "only {accepted} of {tried} random bids were accepted");
}
