//! Lease lifecycles across lease periods: onboarding and offboarding, deposits held, raised and
//! rebated, clearing, and the lease-period offset.

use super::*;

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
