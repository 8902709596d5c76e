//! Slot ranges and the winner calculation of a candle auction.
//!
//! A slot covers `periods` consecutive lease periods (Polkadot: 8, the original design: 4). A bid
//! names a range `first..=last` of them (offsets from the slot's first period). Ranges are
//! numbered in Polkadot's order: `(0,0), (0,1), …, (0,n-1), (1,1), (1,2), …, (n-1,n-1)`, so 4
//! periods give 10 ranges and 8 give 36.
//!
//! The winners are the set of pairwise disjoint ranges, gaps allowed, whose bids have the
//! greatest total value, where a bid's value is its amount times the number of periods it
//! covers. [`calculate_winners`] finds it by dynamic programming over the periods in
//! O(periods²).

use alloc::vec::Vec;
use sp_runtime::traits::{Saturating, Zero};

/// How many ranges a slot of `periods` periods has: `periods × (periods + 1) / 2`.
pub const fn range_count(periods: u32) -> u32 {
	periods.saturating_mul(periods.saturating_add(1)) / 2
}

/// The index of range `first..=last` in a slot of `periods` periods, or `None` if it is not a
/// range of that slot.
pub fn range_index(first: u32, last: u32, periods: u32) -> Option<u32> {
	if first > last || last >= periods {
		return None;
	}
	// Ranges starting before `first`: periods + (periods - 1) + … + (periods - first + 1).
	let before = (0..first).fold(0u32, |acc, f| acc.saturating_add(periods.saturating_sub(f)));
	Some(before.saturating_add(last.saturating_sub(first)))
}

/// The range `(first, last)` with index `index` in a slot of `periods` periods.
pub fn range_of(index: u32, periods: u32) -> Option<(u32, u32)> {
	let mut start = 0u32;
	let mut rest = index;
	while start < periods {
		let here = periods.saturating_sub(start);
		if rest < here {
			return Some((start, start.saturating_add(rest)));
		}
		rest = rest.saturating_sub(here);
		start = start.saturating_add(1);
	}
	None
}

/// The value of a bid of `amount` on `first..=last`: amount × number of periods.
pub fn range_value<Balance: Saturating + From<u32>>(
	amount: Balance,
	first: u32,
	last: u32,
) -> Balance {
	amount.saturating_mul(Balance::from(last.saturating_sub(first).saturating_add(1)))
}

/// The winning ranges (their indices, in period order) and their total value, given the best
/// amount bid on each range (`amounts[i]` for range `i`, `None`: no bid). Ranges past
/// `range_count(periods)` are ignored. Among sets of equal value, the one found first wins:
/// fewer, longer ranges before more, shorter ones.
pub fn calculate_winners<Balance>(amounts: &[Option<Balance>], periods: u32) -> (Vec<u32>, Balance)
where
	Balance: Copy + Ord + Zero + Saturating + From<u32>,
{
	let n = periods as usize;
	// best[p]: the best value of periods 0..p; choice[p]: the range ending at p - 1 that
	// achieves it (`None`: period p - 1 is a gap).
	let mut best: Vec<Balance> = Vec::with_capacity(n.saturating_add(1));
	let mut choice: Vec<Option<(u32, u32)>> = Vec::with_capacity(n.saturating_add(1));
	best.push(Zero::zero());
	choice.push(None);
	for end in 0..periods {
		let mut value = best.last().copied().unwrap_or_else(Zero::zero);
		let mut chosen = None;
		for first in 0..=end {
			let Some(amount) = range_index(first, end, periods)
				.and_then(|i| amounts.get(i as usize).copied().flatten())
			else {
				continue;
			};
			let before = best.get(first as usize).copied().unwrap_or_else(Zero::zero);
			let candidate = before.saturating_add(range_value(amount, first, end));
			if candidate > value {
				value = candidate;
				chosen = Some((first, end));
			}
		}
		best.push(value);
		choice.push(chosen);
	}
	// Walk back from the end to collect the chosen ranges.
	let mut winners = Vec::new();
	let mut p = n;
	while p > 0 {
		match choice.get(p).copied().flatten() {
			Some((first, last)) => {
				if let Some(index) = range_index(first, last, periods) {
					winners.push(index);
				}
				p = first as usize;
			},
			None => p = p.saturating_sub(1),
		}
	}
	winners.reverse();
	(winners, best.last().copied().unwrap_or_else(Zero::zero))
}

#[cfg(test)]
mod tests {
	use super::*;
	use proptest::prelude::*;

	#[test]
	fn range_counts_and_order_match_polkadot() {
		assert_eq!(range_count(4), 10);
		assert_eq!(range_count(8), 36);
		assert_eq!(range_index(0, 0, 8), Some(0));
		assert_eq!(range_index(0, 7, 8), Some(7));
		assert_eq!(range_index(1, 1, 8), Some(8));
		assert_eq!(range_index(7, 7, 8), Some(35));
		assert_eq!(range_index(3, 3, 4), Some(9));
		assert_eq!(range_index(2, 1, 4), None);
		assert_eq!(range_index(0, 4, 4), None);
		for periods in [4, 8] {
			for i in 0..range_count(periods) {
				let (first, last) = range_of(i, periods).unwrap();
				assert_eq!(range_index(first, last, periods), Some(i));
			}
			assert_eq!(range_of(range_count(periods), periods), None);
		}
	}

	#[test]
	fn longer_ranges_win_by_value_not_amount() {
		// Kusama auction 82: 8 × 401 beats 5 × 500.
		let mut amounts = vec![None; 36];
		amounts[range_index(0, 7, 8).unwrap() as usize] = Some(401u128);
		amounts[range_index(0, 4, 8).unwrap() as usize] = Some(500u128);
		assert_eq!(calculate_winners(&amounts, 8), (vec![7], 3208));
	}

	#[test]
	fn gaps_are_allowed_and_combinations_chosen() {
		let mut amounts = vec![None; 10];
		amounts[range_index(0, 0, 4).unwrap() as usize] = Some(10u128);
		amounts[range_index(3, 3, 4).unwrap() as usize] = Some(10u128);
		amounts[range_index(0, 3, 4).unwrap() as usize] = Some(4u128);
		// 10 + 10 (with a gap at periods 1-2) beats 4 × 4.
		assert_eq!(
			calculate_winners(&amounts, 4),
			(vec![range_index(0, 0, 4).unwrap(), range_index(3, 3, 4).unwrap()], 20)
		);
		assert_eq!(calculate_winners::<u128>(&vec![None; 10], 4), (vec![], 0));
	}

	/// Every set of pairwise disjoint ranges, as lists of (first, last).
	fn all_disjoint_sets(from: u32, periods: u32) -> Vec<Vec<(u32, u32)>> {
		if from >= periods {
			return vec![vec![]];
		}
		// Period `from` is a gap …
		let mut sets = all_disjoint_sets(from + 1, periods);
		// … or the start of a range.
		for last in from..periods {
			for mut rest in all_disjoint_sets(last + 1, periods) {
				rest.insert(0, (from, last));
				sets.push(rest);
			}
		}
		sets
	}

	fn brute_force(amounts: &[Option<u128>], periods: u32, sets: &[Vec<(u32, u32)>]) -> u128 {
		sets.iter()
			.filter_map(|set| {
				set.iter().try_fold(0u128, |total, &(first, last)| {
					let amount = amounts[range_index(first, last, periods).unwrap() as usize]?;
					Some(total + range_value(amount, first, last))
				})
			})
			.max()
			.unwrap_or(0)
	}

	fn check(amounts: Vec<Option<u128>>, periods: u32, sets: &[Vec<(u32, u32)>]) {
		let (winners, total) = calculate_winners(&amounts, periods);
		// The winners are real bids on disjoint ranges, worth the claimed total …
		let mut covered = vec![false; periods as usize];
		let mut value = 0u128;
		for &index in &winners {
			let (first, last) = range_of(index, periods).unwrap();
			for p in first..=last {
				assert!(!covered[p as usize], "winning ranges overlap");
				covered[p as usize] = true;
			}
			value += range_value(amounts[index as usize].expect("a bid"), first, last);
		}
		assert_eq!(value, total);
		// … and nothing is worth more.
		assert_eq!(total, brute_force(&amounts, periods, sets));
	}

	fn bids(ranges: u32) -> impl Strategy<Value = Vec<Option<u128>>> {
		proptest::collection::vec(proptest::option::weighted(0.4, 1u128..1_000), ranges as usize)
	}

	proptest! {
		#![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

		#[test]
		fn dp_matches_exhaustive_search_for_4_periods(amounts in bids(10)) {
			let sets = all_disjoint_sets(0, 4);
			check(amounts, 4, &sets);
		}

		#[test]
		fn dp_matches_exhaustive_search_for_8_periods(amounts in bids(36)) {
			thread_local!(static SETS: Vec<Vec<(u32, u32)>> = all_disjoint_sets(0, 8));
			SETS.with(|sets| check(amounts, 8, sets));
		}
	}

	#[test]
	fn exhaustive_search_enumerates_every_disjoint_set() {
		// F(2n + 1): 34 sets for 4 periods, 1,597 for 8.
		assert_eq!(all_disjoint_sets(0, 4).len(), 34);
		assert_eq!(all_disjoint_sets(0, 8).len(), 1597);
	}
}
