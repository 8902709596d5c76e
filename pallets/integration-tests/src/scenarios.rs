//! Random scenarios: paras, crowdloans, contributions, bids and refunds in random order over
//! two auctions and the leases they grant, under a random lease offset (0 to 9), with every
//! invariant (issuance conserved, reserves equal to what each account owes, each pallet's own
//! checks) verified after every block by `run_to_block` and after every action that succeeded
//! (up to the second auction's close; then at each lease-period start, where the leases end),
//! and every account whole again at the end. The set-up must succeed, and so must a share of the
//! random actions (see [`MIN_SUCCESS_PERCENT`]).
//!
//! The case count is `RELAY_FUZZ_CASES` (default [`CI_CASES`]); see `crate::fuzz`.

use crate::{fuzz, mock::*};
use proptest::prelude::*;
use relay_primitives::ParaId;

/// The cases `cargo test` runs.
const CI_CASES: u32 = 32;

/// The least share of the random actions (waits aside) that must succeed, in percent (about
/// 44 % do).
const MIN_SUCCESS_PERCENT: u64 = 25;

/// One user action; failures are fine (random input), state must stay consistent.
#[derive(Clone, Debug)]
enum Action {
	Contribute { who: AccountId, para: usize, amount: u64 },
	Bid { who: AccountId, para: usize, first: u32, last: u32, amount: u64 },
	Withdraw { who: AccountId, para: usize },
	Refund { para: usize },
	Wait { blocks: u64 },
}

fn action() -> impl Strategy<Value = Action> {
	prop_oneof![
		(10..=20u128, 0..3usize, 1..2_000u64).prop_map(|(who, para, amount)| Action::Contribute {
			who,
			para,
			amount
		}),
		(10..=20u128, 0..3usize, 0..4u32, 0..4u32, 1..2_000u64).prop_map(
			|(who, para, a, b, amount)| Action::Bid {
				who,
				para,
				first: a.min(b),
				last: a.max(b),
				amount
			}
		),
		(10..=20u128, 0..3usize).prop_map(|(who, para)| Action::Withdraw { who, para }),
		(0..3usize).prop_map(|para| Action::Refund { para }),
		(1..4u64).prop_map(|blocks| Action::Wait { blocks }),
	]
}

/// Applies `action` and records in `tally` whether it succeeded; checks every invariant after it
/// if it did.
fn apply(action: &Action, paras: &[ParaId], slot_start: u32, tally: &fuzz::Tally) {
	let index = pallet_auctions::AuctionCounter::<Test>::get();
	let (kind, result) = match *action {
		Action::Contribute { who, para, amount } => (
			"contribute",
			Crowdloan::contribute(RuntimeOrigin::signed(who), paras[para], amount, None),
		),
		Action::Bid { who, para, first, last, amount } => (
			"bid",
			Auctions::bid(
				RuntimeOrigin::signed(who),
				paras[para],
				index,
				slot_start + first,
				slot_start + last,
				amount,
			),
		),
		Action::Withdraw { who, para } => {
			("withdraw", Crowdloan::withdraw(RuntimeOrigin::signed(who), who, paras[para]))
		},
		Action::Refund { para } => (
			"refund",
			Crowdloan::refund(RuntimeOrigin::signed(1), paras[para])
				.map(|_| ())
				.map_err(|e| e.error),
		),
		Action::Wait { blocks } => {
			run_to_block(System::block_number() + blocks);
			return;
		},
	};
	tally.record(kind, &result);
	// A failed call writes nothing: FRAME runs every call in a storage layer.
	if result.is_ok() {
		crate::invariants::check();
	}
}

/// One case: the lease offset, the actions in each auction and the candle seeds.
type Case = (u64, Vec<Action>, Vec<Action>, (u64, u64));

fn case() -> impl Strategy<Value = Case> {
	(
		0..LEASE_PERIOD,
		prop::collection::vec(action(), 1..25),
		prop::collection::vec(action(), 1..25),
		(0..10u64, 0..10u64),
	)
}

/// Runs one case; `at` moves its blocks by the offset, so they keep their place relative to the
/// period starts.
fn scenario(
	(offset, first, second, seeds): Case,
	tally: &fuzz::Tally,
) -> Result<(), TestCaseError> {
	new_test_ext_with_offset(offset).execute_with(|| {
		let paras: Vec<ParaId> = (1..=3).map(register).collect();
		run_to_block(at(6));
		for (i, para) in paras.iter().enumerate() {
			frame_support::assert_ok!(Crowdloan::create(
				RuntimeOrigin::signed(i as AccountId + 1),
				*para,
				5_000,
				2 + i as u32 % 2,
				3 + i as u32 % 2,
				at(18),
				None,
			));
		}
		// Auction 1 (periods 2..=5) closes at block at(18).
		RandomSeed::set(seeds.0);
		frame_support::assert_ok!(Auctions::new_auction(RuntimeOrigin::root(), 2, 2));
		for a in &first {
			if System::block_number() >= at(17) {
				break;
			}
			apply(a, &paras, 2, tally);
		}
		run_to_block(at(18));
		// Auction 2 (periods 4..=7) closes at block at(30).
		RandomSeed::set(seeds.1);
		frame_support::assert_ok!(Auctions::new_auction(RuntimeOrigin::root(), 2, 4));
		for a in &second {
			if System::block_number() >= at(29) {
				break;
			}
			apply(a, &paras, 4, tally);
		}
		// Every lease ends by period 8 (block at(80)); then everyone is paid back. Until then
		// only leases end, at period starts, where the invariants are checked.
		run_to_block(at(30));
		run_to_block_checking(at(85), Checks::PeriodStarts);
		for para in &paras {
			while pallet_crowdloan::Funds::<Test>::get(para).is_some_and(|f| f.raised > 0) {
				frame_support::assert_ok!(Crowdloan::refund(RuntimeOrigin::signed(1), *para));
			}
		}
		for who in 10..=20 {
			prop_assert_eq!(Balances::free_balance(who), BALANCE, "account {} is whole", who);
		}
		Ok(())
	})
}

#[test]
fn random_scenarios_keep_every_balance_accounted_for() {
	let tally = fuzz::Tally::default();
	fuzz::run("random_scenarios", CI_CASES, case, |case| scenario(case, &tally));
	eprintln!("{}", tally.report());
	let (attempts, successes) = tally.totals();
	assert!(
		successes * 100 >= attempts * MIN_SUCCESS_PERCENT,
		"{successes} of {attempts} random actions succeeded, less than {MIN_SUCCESS_PERCENT} %"
	);
}
