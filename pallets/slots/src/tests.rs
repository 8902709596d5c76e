//! Tests of the slots pallet with the real registry: lease lifecycles across periods, deposits
//! held and rebated, onboarding and offboarding, every error path, and a property test over
//! random sequences of registry and lease operations.

use crate::{mock::*, Call, Error, Event, HoldReason, LeaseError, Leases, WeightInfo};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use relay_primitives::{traits::Leaser as _, HeadData, ParaId, ParaLifecycle};
use sp_runtime::BuildStorage;
use sp_runtime::DispatchError;

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::LeaseDeposit.into(), &who)
}

fn lifecycle(id: ParaId) -> Option<ParaLifecycle> {
	pallet_paras::Pallet::<Test>::lifecycle(id)
}

fn slots_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Slots(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn lease(para: u32, leaser: u64, amount: u64, begin: u32, count: u32) -> Result<(), LeaseError> {
	Slots::lease_out(ParaId(para), &leaser, amount, begin, count)
}

#[test]
fn basic_setup_works() {
	new_test_ext().execute_with(|| {
		assert_eq!(Slots::lease_period_length(), (10, 0));
		assert_eq!(Slots::lease_period_index(1), Some((0, false)));
		assert_eq!(Slots::lease_period_index(10), Some((1, true)));
		assert_eq!(Leases::<Test>::iter().count(), 0);
		run_to_block(10);
		assert_eq!(slots_events(), vec![Event::NewLeasePeriod { lease_period: 1 }]);
	});
}

#[test]
fn lease_lifecycle_works() {
	new_test_ext().execute_with(|| {
		let para = live_parathread(1);
		assert_ok!(lease(1, 1, 1, 1, 1));
		assert_eq!(Leases::<Test>::get(para).into_inner(), vec![None, Some((1, 1))]);
		assert_eq!(held(1), 1);
		assert_eq!(
			slots_events(),
			vec![Event::Leased {
				para_id: para,
				leaser: 1,
				period_begin: 1,
				period_count: 1,
				extra_reserved: 1,
				total_amount: 1
			}]
		);
		run_to_block(10); // period 1 starts: upgrade scheduled
		assert_eq!(lifecycle(para), Some(ParaLifecycle::UpgradingParathread));
		run_to_block(14);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parachain));
		assert_eq!(held(1), 1);
		run_to_block(20); // period 1 over: deposit back, downgrade scheduled
		assert_eq!(held(1), 0);
		assert_eq!(Leases::<Test>::get(para).len(), 0);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::DowngradingParachain));
		assert!(slots_events().contains(&Event::LeaseEnded { para_id: para }));
		assert!(slots_events().contains(&Event::DepositRebated {
			para_id: para,
			leaser: 1,
			amount: 1
		}));
		run_to_block(24);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parathread));
	});
}

#[test]
fn lease_interrupted_lifecycle_works() {
	new_test_ext().execute_with(|| {
		let para = live_parathread(1);
		assert_ok!(lease(1, 6, 1, 1, 1));
		assert_ok!(lease(1, 6, 1, 3, 1));
		assert_eq!(
			Leases::<Test>::get(para).into_inner(),
			vec![None, Some((6, 1)), None, Some((6, 1))]
		);
		run_to_block(14);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parachain));
		run_to_block(24); // the gap: back to parathread, deposit still held
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parathread));
		assert_eq!(held(6), 1);
		run_to_block(34);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parachain));
		run_to_block(44);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parathread));
		assert_eq!(held(6), 0);
	});
}

#[test]
fn lease_relayed_lifecycle_works() {
	new_test_ext().execute_with(|| {
		let para = live_parathread(1);
		assert_ok!(lease(1, 1, 4, 1, 1));
		assert_ok!(lease(1, 2, 4, 2, 1));
		assert_eq!(held(1), 4);
		assert_eq!(held(2), 4);
		run_to_block(14);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parachain));
		run_to_block(20); // 1's period is over, 2's starts: stays a parachain
		assert_eq!(held(1), 0);
		assert_eq!(held(2), 4);
		run_to_block(24);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parachain));
		run_to_block(30);
		assert_eq!(held(2), 0);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::DowngradingParachain));
	});
}

#[test]
fn lease_deposit_increase_works() {
	new_test_ext().execute_with(|| {
		live_parathread(1);
		assert_ok!(lease(1, 1, 4, 1, 1));
		assert_eq!(held(1), 4);
		assert_ok!(lease(1, 1, 6, 2, 1));
		assert_eq!(held(1), 6, "only the top-up is newly held");
		assert_eq!(
			slots_events().last(),
			Some(&Event::Leased {
				para_id: ParaId(1),
				leaser: 1,
				period_begin: 2,
				period_count: 1,
				extra_reserved: 2,
				total_amount: 6
			})
		);
		run_to_block(20);
		assert_eq!(held(1), 6);
		run_to_block(30);
		assert_eq!(held(1), 0);
	});
}

#[test]
fn lease_deposit_decrease_works() {
	new_test_ext().execute_with(|| {
		live_parathread(1);
		assert_ok!(lease(1, 1, 6, 1, 1));
		assert_ok!(lease(1, 1, 4, 2, 1));
		assert_eq!(held(1), 6);
		run_to_block(20); // 6 no longer owed, 4 still: rebate 2
		assert_eq!(held(1), 4);
		assert!(slots_events().contains(&Event::DepositRebated {
			para_id: ParaId(1),
			leaser: 1,
			amount: 2
		}));
		run_to_block(30);
		assert_eq!(held(1), 0);
	});
}

#[test]
fn clear_all_leases_works() {
	new_test_ext().execute_with(|| {
		let para = live_parathread(1);
		let max_num = 5u32;
		// Several leasers over several periods, with renewals at different amounts.
		for i in 1..=max_num {
			assert_ok!(lease(1, i as u64, i as u64 * 2, i, 1));
		}
		assert_ok!(lease(1, 2, 1, 6, 1));
		for i in 1..=max_num {
			assert_eq!(held(i as u64), i as u64 * 2);
		}
		assert_noop!(
			Slots::clear_all_leases(RuntimeOrigin::signed(1), para),
			DispatchError::BadOrigin
		);
		assert_ok!(Slots::clear_all_leases(RuntimeOrigin::root(), para));
		for i in 1..=max_num {
			assert_eq!(held(i as u64), 0);
			assert_eq!(Balances::balance(&(i as u64)), 10 * i as u64);
		}
		assert_eq!(Leases::<Test>::get(para).len(), 0);
		assert_eq!(slots_events().last(), Some(&Event::LeasesCleared { para_id: para }));
	});
}

#[test]
fn clearing_a_parachains_leases_downgrades_it() {
	new_test_ext().execute_with(|| {
		let para = live_parathread(1);
		assert_ok!(lease(1, 1, 1, 0, 3));
		assert_eq!(lifecycle(para), Some(ParaLifecycle::UpgradingParathread));
		run_to_block(5);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parachain));
		assert_ok!(Slots::clear_all_leases(RuntimeOrigin::root(), para));
		assert_eq!(lifecycle(para), Some(ParaLifecycle::DowngradingParachain));
	});
}

#[test]
fn lease_out_current_lease_period() {
	new_test_ext().execute_with(|| {
		let para = live_parathread(1);
		run_to_block(20);
		assert_ok!(lease(1, 1, 1, 2, 1)); // period 2 is the current one
		assert_eq!(Leases::<Test>::get(para).into_inner(), vec![Some((1, 1))]);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::UpgradingParathread), "onboarded at once");
		assert_noop!(lease(1, 1, 1, 1, 1), LeaseError::AlreadyEnded);
	});
}

#[test]
fn trigger_onboard_works() {
	new_test_ext().execute_with(|| {
		// Leased while it was becoming a parachain (so not a parathread when its lease
		// started), then downgraded: it holds a lease now but is a parathread.
		live_parathread(1);
		live_parathread(2);
		assert_ok!(<Registrar as relay_primitives::traits::Registrar>::make_parachain(ParaId(1)));
		assert_ok!(lease(1, 1, 1, 0, 2));
		assert_eq!(lifecycle(ParaId(1)), Some(ParaLifecycle::UpgradingParathread));
		run_to_block(6);
		assert_ok!(<Registrar as relay_primitives::traits::Registrar>::make_parathread(ParaId(1)));
		run_to_block(12);
		assert_eq!(lifecycle(ParaId(1)), Some(ParaLifecycle::Parathread));
		assert_noop!(
			Slots::trigger_onboard(RuntimeOrigin::signed(5), ParaId(2)),
			Error::<Test>::ParaNotOnboarding
		);
		assert_noop!(
			Slots::trigger_onboard(RuntimeOrigin::root(), ParaId(1)),
			DispatchError::BadOrigin
		);
		assert_ok!(Slots::trigger_onboard(RuntimeOrigin::signed(5), ParaId(1)));
		assert_eq!(lifecycle(ParaId(1)), Some(ParaLifecycle::UpgradingParathread));
		// Once is enough.
		assert_noop!(
			Slots::trigger_onboard(RuntimeOrigin::signed(5), ParaId(1)),
			pallet_registrar::Error::<Test>::NotParathread
		);
	});
}

#[test]
fn lease_period_offset_works() {
	new_test_ext().execute_with(|| {
		LeaseOffset::set(5);
		let para = live_parathread(1);
		assert_eq!(Slots::lease_period_index(4), None);
		assert_eq!(Slots::lease_period_index(5), Some((0, true)));
		assert_eq!(Slots::lease_period_index(15), Some((1, true)));
		assert_noop!(lease(1, 1, 1, 0, 1), LeaseError::NoLeasePeriod);
		run_to_block(5);
		assert_ok!(lease(1, 1, 1, 1, 1));
		run_to_block(14);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parathread));
		run_to_block(15);
		assert_eq!(lifecycle(para), Some(ParaLifecycle::UpgradingParathread));
		assert_eq!(
			slots_events()
				.iter()
				.filter(|e| matches!(e, Event::NewLeasePeriod { .. }))
				.count(),
			2
		);
	});
}

#[test]
fn force_lease_checks_everything_and_changes_nothing_on_error() {
	new_test_ext().execute_with(|| {
		live_parathread(1);
		let root = || RuntimeOrigin::root();
		assert_noop!(
			Slots::force_lease(RuntimeOrigin::signed(1), ParaId(1), 1, 1, 1, 1),
			DispatchError::BadOrigin
		);
		assert_noop!(Slots::force_lease(root(), ParaId(1), 1, 1, 1, 0), Error::<Test>::NoPeriods);
		assert_noop!(
			Slots::force_lease(root(), ParaId(7), 1, 1, 1, 1),
			Error::<Test>::ParaNotRegistered
		);
		assert_noop!(Slots::force_lease(root(), ParaId(1), 1, 1, 5, 4), Error::<Test>::TooFarAhead);
		assert_noop!(
			Slots::force_lease(root(), ParaId(1), 1, 11, 1, 1),
			Error::<Test>::ReserveFailed
		);
		assert_ok!(Slots::force_lease(root(), ParaId(1), 1, 5, 1, 3));
		assert_noop!(
			Slots::force_lease(root(), ParaId(1), 2, 5, 3, 2),
			Error::<Test>::AlreadyLeased
		);
		assert_eq!(held(2), 0);
		run_to_block(10);
		assert_noop!(
			Slots::force_lease(root(), ParaId(1), 2, 5, 0, 1),
			Error::<Test>::AlreadyEnded
		);
	});
}

#[test]
fn already_leased_works() {
	new_test_ext().execute_with(|| {
		live_parathread(1);
		assert_ok!(lease(1, 1, 1, 1, 1));
		assert_ok!(lease(1, 1, 1, 3, 2));
		let leased = |first, last| Slots::already_leased(ParaId(1), first, last);
		assert!(!leased(0, 0));
		assert!(leased(0, 1));
		assert!(!leased(2, 2));
		assert!(leased(2, 3));
		assert!(leased(4, 7));
		assert!(!leased(5, 7));
		assert!(!Slots::already_leased(ParaId(2), 0, 7));
	});
}

#[test]
fn swapping_paras_swaps_their_leases() {
	new_test_ext().execute_with(|| {
		let a = live_parathread(1);
		let b = live_parathread(2);
		assert_ok!(lease(1, 1, 1, 0, 2));
		run_to_block(5);
		assert_eq!(lifecycle(a), Some(ParaLifecycle::Parachain));
		assert_ok!(pallet_registrar::Pallet::<Test>::swap(RuntimeOrigin::root(), a, b));
		assert_ok!(pallet_registrar::Pallet::<Test>::swap(RuntimeOrigin::root(), b, a));
		assert_eq!(Leases::<Test>::get(b).into_inner(), vec![Some((1, 1)), Some((1, 1))]);
		assert!(Leases::<Test>::get(a).is_empty());
		run_to_block(9);
		assert_eq!(lifecycle(b), Some(ParaLifecycle::Parachain));
		assert_eq!(lifecycle(a), Some(ParaLifecycle::Parathread));
		run_to_block(20); // the lease ends on b
		assert_eq!(lifecycle(b), Some(ParaLifecycle::DowngradingParachain));
		assert_eq!(held(1), 0);
	});
}

#[test]
fn genesis_leases_start_at_period_zero() {
	use relay_primitives::ParaKind;
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances: vec![(1, 100)], ..Default::default() },
		registrar: pallet_registrar::GenesisConfig {
			paras: vec![(ParaId(2000), 1, HeadData(vec![1]), code(), ParaKind::Parachain)],
		},
		slots: crate::GenesisConfig { leases: vec![(ParaId(2000), 1, 50, 2)] },
		..Default::default()
	}
	.build_storage()
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		System::set_block_number(1);
		assert_eq!(held(1), 50);
		assert_eq!(lifecycle(ParaId(2000)), Some(ParaLifecycle::Parachain));
		check_invariants();
		run_to_block(20);
		assert_eq!(lifecycle(ParaId(2000)), Some(ParaLifecycle::DowngradingParachain));
		assert_eq!(held(1), 0);
	});
}

#[test]
fn call_weights_come_from_weight_info() {
	use frame_support::dispatch::GetDispatchInfo;
	let info = |call: Call<Test>| call.get_dispatch_info().call_weight;
	assert_eq!(
		info(Call::force_lease {
			para: ParaId(1),
			leaser: 1,
			amount: 1,
			period_begin: 1,
			period_count: 1
		}),
		<() as WeightInfo>::force_lease()
	);
	assert_eq!(
		info(Call::clear_all_leases { para: ParaId(1) }),
		<() as WeightInfo>::clear_all_leases()
	);
	assert_eq!(
		info(Call::trigger_onboard { para: ParaId(1) }),
		<() as WeightInfo>::trigger_onboard()
	);
}

mod property {
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
				|(para, leaser, amount, ahead, count)| Op::Lease {
					para,
					leaser,
					amount,
					ahead,
					count
				}
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
						info.manager == who
							&& pallet_paras::Pallet::<Test>::lifecycle(*id).is_none()
					})
					.map(|(id, _)| id);
				match reserved {
					Some(id) => Registrar::register(
						RuntimeOrigin::signed(who),
						id,
						HeadData(vec![1]),
						code(),
					),
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
							let total =
								Balances::balance(&who) + Balances::total_balance_on_hold(&who);
							prop_assert_eq!(
								total,
								10 * who,
								"account {} lost or gained funds",
								who
							);
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
}

#[test]
fn a_leased_para_stays_registered_until_its_leases_end() {
	new_test_ext().execute_with(|| {
		let para = live_parathread(1);
		assert_ok!(Slots::force_lease(RuntimeOrigin::root(), para, 1, 5, 2, 1));
		assert_noop!(
			Registrar::deregister(RuntimeOrigin::root(), para),
			pallet_registrar::Error::<Test>::ParaHasLease
		);
		// Period 2 is blocks 20..=29: the para is a parachain then, a parathread again a few
		// blocks after, and may go.
		run_to_block(40);
		assert!(Leases::<Test>::get(para).is_empty());
		assert_eq!(lifecycle(para), Some(ParaLifecycle::Parathread));
		assert_ok!(Registrar::deregister(RuntimeOrigin::root(), para));
		assert_ok!(Slots::do_try_state());
	});
}
