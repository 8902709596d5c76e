//! Registered paras: deregistration (not while leased), swaps, locks, code upgrades and heads, a
//! whole scenario, and call weights.

use super::*;

#[test]
fn deregister_works() {
	new_test_ext().execute_with(|| {
		let id = live_para(1, 1, false);
		assert_ok!(Registrar::deregister(signed(1), id));
		System::assert_last_event(Event::Deregistered { para_id: id }.into());
		assert_eq!(held(1), 0);
		assert_eq!(Balances::balance(&1), 1_000);
		assert_eq!(lifecycle(id), Some(OffboardingParathread));
		run_two_sessions();
		assert_eq!(lifecycle(id), None);
		// A reserved id that was never registered can be dropped too.
		assert_ok!(Registrar::reserve(signed(2)));
		assert_ok!(Registrar::deregister(RuntimeOrigin::root(), B));
		assert_eq!(held(2), 0);
	});
}

#[test]
fn a_leased_para_cannot_be_deregistered() {
	new_test_ext().execute_with(|| {
		let id = live_para(1, 1, false);
		Leased::set(vec![id]);
		assert_noop!(Registrar::deregister(signed(1), id), Error::<Test>::ParaHasLease);
		assert_noop!(Registrar::deregister(RuntimeOrigin::root(), id), Error::<Test>::ParaHasLease);
		Leased::set(vec![]);
		assert_ok!(Registrar::deregister(signed(1), id));
	});
}

#[test]
fn deregister_handles_basic_errors() {
	new_test_ext().execute_with(|| {
		assert_noop!(Registrar::deregister(signed(1), A), Error::<Test>::NotRegistered);
		let chain = live_para(1, 1, true);
		assert_noop!(Registrar::deregister(signed(2), chain), Error::<Test>::NotOwner);
		assert_noop!(Registrar::deregister(signed(1), chain), Error::<Test>::CannotDeregister);
		let thread = live_para(2, 2, false);
		assert_ok!(<Registrar as relay_primitives::traits::Registrar>::make_parachain(thread));
		assert_noop!(
			Registrar::deregister(RuntimeOrigin::root(), thread),
			Error::<Test>::CannotDeregister
		);
	});
}

#[test]
fn swap_works() {
	new_test_ext().execute_with(|| {
		let chain = live_para(1, 1, true);
		let thread = live_para(2, 2, false);
		// Chain asks first; nothing happens until the thread asks back.
		assert_ok!(Registrar::swap(signed(1), chain, thread));
		System::assert_last_event(Event::SwapRequested { para_id: chain, other_id: thread }.into());
		assert_eq!(lifecycle(chain), Some(Parachain));
		assert_ok!(Registrar::swap(signed(2), thread, chain));
		System::assert_last_event(Event::Swapped { para_id: thread, other_id: chain }.into());
		assert_eq!(Swaps::get(), vec![(thread, chain)]);
		assert_eq!(lifecycle(chain), Some(DowngradingParachain));
		assert_eq!(lifecycle(thread), Some(UpgradingParathread));
		assert!(PendingSwap::<Test>::get(chain).is_none());
		run_two_sessions();
		assert_eq!(lifecycle(chain), Some(Parathread));
		assert_eq!(lifecycle(thread), Some(Parachain));

		// And back, thread side (now `chain`) first.
		assert_ok!(Registrar::swap(signed(1), chain, thread));
		assert_ok!(Registrar::swap(signed(2), thread, chain));
		run_two_sessions();
		assert_eq!(lifecycle(chain), Some(Parachain));
		assert_eq!(lifecycle(thread), Some(Parathread));

		// Two parachains only swap leases.
		let other_chain = live_para(3, 3, true);
		assert_ok!(Registrar::swap(RuntimeOrigin::root(), chain, other_chain));
		assert_ok!(Registrar::swap(RuntimeOrigin::root(), other_chain, chain));
		assert_eq!(Swaps::get().last(), Some(&(other_chain, chain)));
		assert_eq!(lifecycle(chain), Some(Parachain));
		assert_eq!(lifecycle(other_chain), Some(Parachain));
	});
}

#[test]
fn swap_handles_bad_states() {
	new_test_ext().execute_with(|| {
		let a = live_para(1, 1, false);
		let b = live_para(2, 2, false);
		assert_noop!(Registrar::swap(signed(1), a, ParaId(9)), Error::<Test>::NotRegistered);
		assert_noop!(Registrar::swap(signed(2), a, b), Error::<Test>::NotOwner);
		// Two parathreads cannot swap.
		assert_ok!(Registrar::swap(signed(1), a, b));
		assert_noop!(Registrar::swap(signed(2), b, a), Error::<Test>::CannotSwap);
		// Withdrawing a request.
		assert_ok!(Registrar::swap(signed(1), a, a));
		assert!(PendingSwap::<Test>::get(a).is_none());
		// A para in a transition cannot swap.
		assert_ok!(<Registrar as relay_primitives::traits::Registrar>::make_parachain(a));
		assert_ok!(Registrar::swap(signed(2), b, a));
		assert_noop!(Registrar::swap(signed(1), a, b), Error::<Test>::CannotSwap);
		assert!(Swaps::get().is_empty());
	});
}

#[test]
fn para_lock_works() {
	new_test_ext().execute_with(|| {
		let id = live_para(1, 1, false);
		assert_eq!(crate::Paras::<Test>::get(id).and_then(|i| i.locked), None);
		// The first head locks it.
		assert_ok!(pallet_paras::Pallet::<Test>::note_new_head(id, HeadData(vec![9])));
		System::assert_has_event(Event::LockAdded { para_id: id }.into());
		assert_noop!(Registrar::deregister(signed(1), id), Error::<Test>::ParaLocked);
		assert_noop!(Registrar::add_lock(signed(1), id), Error::<Test>::ParaLocked);
		assert_noop!(
			Registrar::schedule_code_upgrade(signed(1), id, code(2)),
			Error::<Test>::ParaLocked
		);
		assert_noop!(
			Registrar::set_current_head(signed(1), id, HeadData(vec![])),
			Error::<Test>::ParaLocked
		);
		// The manager cannot unlock; root can.
		assert_noop!(Registrar::remove_lock(signed(1), id), DispatchError::BadOrigin);
		assert_ok!(Registrar::remove_lock(RuntimeOrigin::root(), id));
		System::assert_last_event(Event::LockRemoved { para_id: id }.into());
		// A removed lock is never re-applied by a head.
		assert_ok!(pallet_paras::Pallet::<Test>::note_new_head(id, HeadData(vec![10])));
		assert_eq!(crate::Paras::<Test>::get(id).and_then(|i| i.locked), Some(false));
		// The manager may lock it himself.
		assert_ok!(Registrar::add_lock(signed(1), id));
		System::assert_last_event(Event::LockAdded { para_id: id }.into());
		assert_noop!(
			Registrar::remove_lock(RuntimeOrigin::root(), ParaId(9)),
			Error::<Test>::NotRegistered
		);
	});
}

#[test]
fn schedule_code_upgrade_validates_code() {
	new_test_ext().execute_with(|| {
		let id = live_para(1, 1, false);
		assert_noop!(
			Registrar::schedule_code_upgrade(signed(1), id, ValidationCode(vec![0; 101])),
			Error::<Test>::CodeTooLarge
		);
		assert_noop!(
			Registrar::schedule_code_upgrade(signed(1), id, ValidationCode(vec![1; 50])),
			Error::<Test>::InvalidCode
		);
		assert_noop!(
			Registrar::schedule_code_upgrade(signed(2), id, code(2)),
			Error::<Test>::NotOwner
		);
		assert_ok!(Registrar::schedule_code_upgrade(signed(1), id, code(2)));
		assert_noop!(
			Registrar::schedule_code_upgrade(signed(1), id, code(3)),
			pallet_paras::Error::<Test>::CannotUpgradeCode
		);
		let at = System::block_number() + 5;
		run_to_block(at);
		assert_eq!(pallet_paras::Pallet::<Test>::current_code(id), Some(code(2)));
	});
}

#[test]
fn set_current_head_works() {
	new_test_ext().execute_with(|| {
		let id = live_para(1, 1, false);
		assert_ok!(Registrar::set_current_head(signed(1), id, HeadData(vec![5; 20])));
		assert_eq!(pallet_paras::Heads::<Test>::get(id), Some(HeadData(vec![5; 20])));
		assert_noop!(
			Registrar::set_current_head(signed(1), id, HeadData(vec![5; 21])),
			Error::<Test>::HeadDataTooLarge
		);
		assert_noop!(
			Registrar::set_current_head(signed(3), id, HeadData(vec![])),
			Error::<Test>::NotOwner
		);
	});
}

#[test]
fn end_to_end_scenario_works() {
	use relay_primitives::traits::Registrar as _;
	new_test_ext().execute_with(|| {
		let id = reserve_and_register(1, 1);
		assert!(!Registrar::is_parathread(id));
		run_two_sessions();
		assert!(Registrar::is_parathread(id));
		assert_ok!(Registrar::make_parachain(id));
		assert_noop!(Registrar::make_parachain(id), Error::<Test>::NotParathread);
		run_two_sessions();
		assert!(Registrar::is_parachain(id));
		assert_eq!(Registrar::parachains(), vec![id]);
		assert_ok!(Registrar::make_parathread(id));
		assert_noop!(Registrar::make_parathread(id), Error::<Test>::NotParachain);
		run_two_sessions();
		assert!(Registrar::is_parathread(id));
		assert_eq!(Registrar::manager_of(id), Some(1));
		assert_ok!(<Registrar as relay_primitives::traits::Registrar>::deregister(id));
		run_two_sessions();
		assert!(!Registrar::is_registered(id));
		assert_eq!(Registrar::manager_of(id), None);
		assert_eq!(held(1), 0);
	});
}

#[test]
fn call_weights_come_from_weight_info() {
	use frame_support::dispatch::GetDispatchInfo;
	let info = |call: Call<Test>| call.get_dispatch_info().call_weight;
	assert_eq!(info(Call::reserve {}), <() as WeightInfo>::reserve());
	assert_eq!(info(Call::deregister { id: A }), <() as WeightInfo>::deregister());
	assert_eq!(info(Call::swap { id: A, other: B }), <() as WeightInfo>::swap());
	assert_eq!(
		info(Call::set_current_head { para: A, new_head: HeadData(vec![0; 7]) }),
		<() as WeightInfo>::set_current_head(7)
	);
	assert_eq!(
		info(Call::schedule_code_upgrade { para: A, new_code: code(1) }),
		<() as WeightInfo>::schedule_code_upgrade(9)
	);
}
