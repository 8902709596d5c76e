//! Random scenarios: paras, crowdloans, contributions, bids and refunds in random order over
//! two auctions and the leases they grant, with every invariant (issuance conserved, reserves
//! equal to what each account owes, each pallet's own checks) verified after every block by
//! `run_to_block`, and every account whole again at the end.

use crate::mock::*;
use proptest::prelude::*;
use relay_primitives::ParaId;

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

fn apply(action: &Action, paras: &[ParaId], slot_start: u32) {
	let index = pallet_auctions::AuctionCounter::<Test>::get();
	let _ = match *action {
		Action::Contribute { who, para, amount } => {
			Crowdloan::contribute(RuntimeOrigin::signed(who), paras[para], amount, None)
		},
		Action::Bid { who, para, first, last, amount } => Auctions::bid(
			RuntimeOrigin::signed(who),
			paras[para],
			index,
			slot_start + first,
			slot_start + last,
			amount,
		),
		Action::Withdraw { who, para } => {
			Crowdloan::withdraw(RuntimeOrigin::signed(who), who, paras[para])
		},
		Action::Refund { para } => Crowdloan::refund(RuntimeOrigin::signed(1), paras[para])
			.map(|_| ())
			.map_err(|e| e.error),
		Action::Wait { blocks } => {
			run_to_block(System::block_number() + blocks);
			Ok(())
		},
	};
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(64))]

	#[test]
	fn random_scenarios_keep_every_balance_accounted_for(
		first in prop::collection::vec(action(), 1..25),
		second in prop::collection::vec(action(), 1..25),
		seeds in (0..10u64, 0..10u64),
	) {
		new_test_ext().execute_with(|| {
			let paras: Vec<ParaId> = (1..=3).map(register).collect();
			run_to_block(6);
			for (i, para) in paras.iter().enumerate() {
				frame_support::assert_ok!(Crowdloan::create(
					RuntimeOrigin::signed(i as AccountId + 1), *para, 5_000, 2 + i as u32 % 2,
					3 + i as u32 % 2, 18, None,
				));
			}
			// Auction 1 (periods 2..=5) closes at block 18.
			RandomSeed::set(seeds.0);
			frame_support::assert_ok!(Auctions::new_auction(RuntimeOrigin::root(), 2, 2));
			for a in &first {
				if System::block_number() >= 17 { break; }
				apply(a, &paras, 2);
			}
			run_to_block(18);
			// Auction 2 (periods 4..=7) closes at block 30.
			RandomSeed::set(seeds.1);
			frame_support::assert_ok!(Auctions::new_auction(RuntimeOrigin::root(), 2, 4));
			for a in &second {
				if System::block_number() >= 29 { break; }
				apply(a, &paras, 4);
			}
			// Every lease ends by period 8 (block 80); then everyone is paid back.
			run_to_block(85);
			for para in &paras {
				while pallet_crowdloan::Funds::<Test>::get(para).is_some_and(|f| f.raised > 0) {
					frame_support::assert_ok!(Crowdloan::refund(RuntimeOrigin::signed(1), *para));
				}
			}
			for who in 10..=20 {
				prop_assert_eq!(Balances::free_balance(who), BALANCE, "account {} is whole", who);
			}
			Ok(())
		})?;
	}
}
