//! Random sequences of creations, contributions, auctions, withdrawals, refunds and
//! dissolutions: after every step the invariants hold, the total issuance is unchanged and
//! every pot holds exactly what its fund raised; at the end every contribution comes back.

use super::*;
use proptest::{prelude::*, test_runner::TestRunner};
use std::cell::Cell;

#[derive(Clone, Debug)]
enum Op {
	Create { para: u32, later: u32, ahead: u64 },
	Contribute { who: AccountId, para: u32, amount: u64 },
	ContributeAll { who: AccountId, para: u32 },
	Withdraw { who: AccountId, para: u32 },
	Refund(u32),
	Dissolve { who: AccountId, para: u32 },
	Memo { who: AccountId, para: u32 },
	Poke(u32),
	Auction,
	Close { win: Option<u32> },
	LeaseOver(u32),
	Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
	let who = 1 as AccountId..=4;
	let para = 0u32..2;
	prop_oneof![
		2 => (para.clone(), 0u32..2, 1u64..30)
			.prop_map(|(para, later, ahead)| Op::Create { para, later, ahead }),
		8 => (who.clone(), para.clone(), 5u64..400)
			.prop_map(|(who, para, amount)| Op::Contribute { who, para, amount }),
		1 => (who.clone(), para.clone()).prop_map(|(who, para)| Op::ContributeAll { who, para }),
		3 => (who.clone(), para.clone()).prop_map(|(who, para)| Op::Withdraw { who, para }),
		3 => para.clone().prop_map(Op::Refund),
		2 => (who.clone(), para.clone()).prop_map(|(who, para)| Op::Dissolve { who, para }),
		1 => (who, para.clone()).prop_map(|(who, para)| Op::Memo { who, para }),
		1 => para.clone().prop_map(Op::Poke),
		2 => Just(Op::Auction),
		2 => proptest::option::of(para.clone()).prop_map(|win| Op::Close { win }),
		1 => para.prop_map(Op::LeaseOver),
		4 => (1u64..10).prop_map(Op::Advance),
	]
}

fn id(para: u32) -> ParaId {
	ParaId(2000 + para)
}

/// Applies `op`: whether the call was accepted (`None` for steps that are not calls).
/// Refusals are fine (random input); what matters is that nothing breaks.
fn apply(op: Op) -> Option<bool> {
	let now = System::block_number();
	let result = match op {
		Op::Create { para, later, ahead } => {
			let next = TestAuctioneer::lease_period_index(now).map_or(0, |(p, _)| p + 1);
			let first = next + later;
			let start = Crowdloan::period_start(first);
			let end = (now + ahead).min(start);
			Crowdloan::create(signed(1), id(para), 100_000, first, first + 1, end, None)
		},
		Op::Contribute { who, para, amount } => {
			Crowdloan::contribute(signed(who), id(para), amount, None)
		},
		Op::ContributeAll { who, para } => Crowdloan::contribute_all(signed(who), id(para), None),
		Op::Withdraw { who, para } => Crowdloan::withdraw(signed(1), who, id(para)),
		Op::Refund(para) => Crowdloan::refund(signed(1), id(para)).map(|_| ()).map_err(|e| e.error),
		Op::Dissolve { who, para } => Crowdloan::dissolve(signed(who), id(para)),
		Op::Memo { who, para } => Crowdloan::add_memo(signed(who), id(para), vec![who as u8]),
		Op::Poke(para) => Crowdloan::poke(signed(1), id(para)),
		Op::Auction => {
			if Auction::get().is_some() {
				return None;
			}
			let first = TestAuctioneer::lease_period_index(now).map_or(0, |(p, _)| p + 1);
			TestAuctioneer::new_auction(3, first)
		},
		Op::Close { win } => {
			let winners: Vec<_> = win
				.and_then(|para| Funds::<Test>::get(id(para)).map(|f| (id(para), f)))
				.filter(|(_, fund)| fund.raised > 0)
				.map(|(para, fund)| (para, Crowdloan::fund_account_id(fund.fund_index)))
				.into_iter()
				.collect();
			close_auction(&winners);
			return None;
		},
		Op::LeaseOver(para) => {
			if let Some(fund) = Funds::<Test>::get(id(para)) {
				let pot = Crowdloan::fund_account_id(fund.fund_index);
				if Won::get().contains(&(id(para), pot)) {
					set_winner(id(para), pot, false);
				}
			}
			return None;
		},
		Op::Advance(blocks) => {
			run_to_block(now + blocks);
			return None;
		},
	};
	Some(result.is_ok())
}

fn check(issuance: Balance) -> Result<(), TestCaseError> {
	Crowdloan::do_try_state().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
	prop_assert_eq!(Balances::total_issuance(), issuance);
	for (_, fund) in Funds::<Test>::iter() {
		let pot = Crowdloan::fund_account_id(fund.fund_index);
		prop_assert_eq!(Balances::total_balance(&pot), fund.raised);
	}
	let raised: Balance = Funds::<Test>::iter().map(|(_, fund)| fund.raised).sum();
	prop_assert_eq!(inactive_issuance(), raised);
	Ok(())
}

/// Over all cases, at least a fifth of the random calls must be accepted, so a broken set-up
/// cannot pass by refusing everything; the set-up itself (two funds) must succeed.
#[test]
fn issuance_is_conserved_and_pots_hold_what_was_raised() {
	let (tried, accepted) = (Cell::new(0u32), Cell::new(0u32));
	TestRunner::new(ProptestConfig::with_cases(200))
		.run(&proptest::collection::vec(op(), 1..50), |ops| {
			new_test_ext().execute_with(|| {
				for para in 0..2 {
					TestRegistrar::register(1, id(para), HeadData(vec![]), ValidationCode(vec![]))
						.expect("free ids");
				}
				TestRegistrar::onboard_all();
				let issuance = Balances::total_issuance();
				prop_assert_eq!(apply(Op::Create { para: 0, later: 0, ahead: 15 }), Some(true));
				prop_assert_eq!(apply(Op::Create { para: 1, later: 0, ahead: 8 }), Some(true));
				let start: Vec<Balance> =
					(1..=4).map(|who| Balances::total_balance(&who)).collect();
				for op in ops {
					if let Some(ok) = apply(op) {
						tried.set(tried.get() + 1);
						accepted.set(accepted.get() + u32::from(ok));
					}
					check(issuance)?;
				}
				// Every auction and lease ends; every contribution comes back and every fund
				// can be dissolved.
				close_auction(&[]);
				for para in 0..2 {
					apply(Op::LeaseOver(para));
				}
				run_to_block(System::block_number() + 200);
				for para in 0..2 {
					while Funds::<Test>::get(id(para)).is_some_and(|f| f.raised > 0) {
						assert_ok!(Crowdloan::refund(signed(2), id(para)));
					}
					if Funds::<Test>::contains_key(id(para)) {
						assert_ok!(Crowdloan::dissolve(signed(2), id(para)));
					}
				}
				check(issuance)?;
				let end: Vec<Balance> = (1..=4).map(|who| Balances::total_balance(&who)).collect();
				prop_assert_eq!(start, end);
				Ok(())
			})
		})
		.unwrap_or_else(|e| panic!("{e}"));
	let (tried, accepted) = (tried.get(), accepted.get());
	println!("{accepted} of {tried} random calls accepted");
	assert!(accepted * 5 >= tried, "only {accepted} of {tried} random calls were accepted");
}
