//! The calls and hooks into the registry: error paths with no state change, swaps, genesis
//! leases, call weights, and deregistration of leased paras.

use super::*;

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
