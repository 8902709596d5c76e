//! Random sequences of registry and lease operations; after every step every pallet's
//! invariants hold and each account's free + held balance is what it started with.

use super::*;
use proptest::{prelude::*, test_runner::TestRunner};
use std::cell::Cell;

#[derive(Clone, Debug)]
enum Op {
	Reserve(u64),
	Register(u64),
	Lease { para: u32, leaser: u64, amount: u64, ahead: u32, count: u32 },
	Swap(u32, u32),
	Deregister(u32),
	Clear(u32),
	Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
	let who = 1u64..=9;
	let para = 2000u32..2006;
	prop_oneof![
		who.clone().prop_map(Op::Reserve),
		who.clone().prop_map(Op::Register),
		(para.clone(), who, 1u64..30, 0u32..4, 1u32..5).prop_map(
			|(para, leaser, amount, ahead, count)| Op::Lease { para, leaser, amount, ahead, count }
		),
		(para.clone(), para.clone()).prop_map(|(a, b)| Op::Swap(a, b)),
		para.clone().prop_map(Op::Deregister),
		para.prop_map(Op::Clear),
		(1u64..12).prop_map(Op::Advance),
	]
}

/// Applies `op`: whether the call was accepted (`None` for a pure advance of blocks).
/// Refusals are fine (random input); what matters is that nothing breaks.
fn apply(op: Op) -> Option<bool> {
	let root = RuntimeOrigin::root();
	let result = match op {
		Op::Reserve(who) => Registrar::reserve(RuntimeOrigin::signed(who)),
		Op::Register(who) => {
			let reserved = pallet_registrar::Paras::<Test>::iter()
				.find(|(id, info)| {
					info.manager == who && pallet_paras::Pallet::<Test>::lifecycle(*id).is_none()
				})
				.map(|(id, _)| id);
			match reserved {
				Some(id) => {
					Registrar::register(RuntimeOrigin::signed(who), id, HeadData(vec![1]), code())
				},
				None => return None,
			}
		},
		Op::Lease { para, leaser, amount, ahead, count } => {
			let current = Slots::current_period().unwrap_or(0);
			Slots::force_lease(root, ParaId(para), leaser, amount, current + ahead, count)
		},
		Op::Swap(a, b) => Registrar::swap(root, ParaId(a), ParaId(b)),
		Op::Deregister(para) => Registrar::deregister(root, ParaId(para)),
		Op::Clear(para) => Slots::clear_all_leases(root, ParaId(para)),
		Op::Advance(blocks) => {
			run_to_block(System::block_number() + blocks);
			return None;
		},
	};
	Some(result.is_ok())
}

/// Over all cases, at least a fifth of the random calls must be accepted, so a broken
/// set-up cannot pass by refusing everything.
#[test]
fn invariants_hold_under_random_operations() {
	let (tried, accepted) = (Cell::new(0u32), Cell::new(0u32));
	TestRunner::new(ProptestConfig::with_cases(200))
		.run(&proptest::collection::vec(op(), 1..40), |ops| {
			new_test_ext().execute_with(|| {
				for op in ops {
					if let Some(ok) = apply(op) {
						tried.set(tried.get() + 1);
						accepted.set(accepted.get() + u32::from(ok));
					}
					check_invariants();
					for who in 1..=9u64 {
						let total = Balances::balance(&who) + Balances::total_balance_on_hold(&who);
						prop_assert_eq!(total, 10 * who, "account {} lost or gained funds", who);
					}
				}
				// Leases end; every deposit comes back once the chain runs long enough.
				run_to_block(System::block_number() + 10 * 8);
				for who in 1..=9u64 {
					prop_assert_eq!(held(who), 0);
				}
				Ok(())
			})
		})
		.unwrap_or_else(|e| panic!("{e}"));
	let (tried, accepted) = (tried.get(), accepted.get());
	println!("{accepted} of {tried} random calls accepted");
	assert!(accepted * 5 >= tried, "only {accepted} of {tried} random calls were accepted");
}
