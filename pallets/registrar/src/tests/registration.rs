//! Reserving ids and registering paras: deposits held, topped up and rebated, the force origin,
//! forced registrations, and the bounds on paras and on the id search.

use super::*;

#[test]
fn basic_setup_works() {
	new_test_ext().execute_with(|| {
		assert_eq!(NextFreeParaId::<Test>::get(), A);
		assert_eq!(crate::Paras::<Test>::iter().count(), 0);
		assert!(PendingSwap::<Test>::iter().next().is_none());
	});
}

#[test]
fn reserve_takes_the_next_id_and_holds_the_deposit() {
	new_test_ext().execute_with(|| {
		assert_ok!(Registrar::reserve(signed(1)));
		System::assert_last_event(Event::Reserved { para_id: A, who: 1 }.into());
		assert_eq!(held(1), 10);
		assert_ok!(Registrar::reserve(signed(2)));
		assert_eq!(crate::Paras::<Test>::get(B).map(|i| i.manager), Some(2));
		assert_eq!(NextFreeParaId::<Test>::get(), C);
		// An id taken by root is skipped.
		assert_ok!(Registrar::force_register(
			RuntimeOrigin::root(),
			3,
			0,
			C,
			HeadData(vec![]),
			code(1)
		));
		assert_ok!(Registrar::reserve(signed(4)));
		assert_eq!(crate::Paras::<Test>::get(ParaId(2003)).map(|i| i.manager), Some(4));
	});
}

#[test]
fn reserve_without_funds_fails_cleanly() {
	new_test_ext().execute_with(|| {
		assert_noop!(Registrar::reserve(signed(7)), TokenError::FundsUnavailable);
		assert_eq!(NextFreeParaId::<Test>::get(), A);
	});
}

#[test]
fn register_works_and_deposit_covers_the_largest_code() {
	new_test_ext().execute_with(|| {
		assert_ok!(Registrar::reserve(signed(1)));
		assert_ok!(Registrar::register(signed(1), A, HeadData(vec![1; 5]), code(1)));
		System::assert_last_event(Event::Registered { para_id: A, manager: 1 }.into());
		// 10 + 1 × (5 head bytes + 100 max code bytes), whatever the code's real size.
		assert_eq!(held(1), 115);
		assert_eq!(crate::Paras::<Test>::get(A).map(|i| i.deposit), Some(115));
		assert_eq!(lifecycle(A), Some(Onboarding));
		run_two_sessions();
		assert_eq!(lifecycle(A), Some(Parathread));
		assert!(<Registrar as relay_primitives::traits::Registrar>::is_parathread(A));
	});
}

#[test]
fn registration_tops_up_or_rebates_the_reserved_deposit() {
	new_test_ext().execute_with(|| {
		assert_ok!(Registrar::reserve(signed(1)));
		assert_eq!(held(1), 10);
		assert_ok!(Registrar::register(signed(1), A, HeadData(vec![1; 20]), code(1)));
		assert_eq!(held(1), 130, "topped up from 10 to 10 + 120");
		// Reserved while the deposit was higher: the surplus comes back on registration.
		ParaDeposit::set(500);
		assert_ok!(Registrar::reserve(signed(2)));
		assert_eq!(held(2), 500);
		ParaDeposit::set(10);
		assert_ok!(Registrar::register(signed(2), B, HeadData(vec![1; 5]), code(2)));
		assert_eq!(held(2), 115);
		assert_eq!(Balances::balance(&2), 1_000 - 115);
	});
}

#[test]
fn register_handles_basic_errors() {
	new_test_ext().execute_with(|| {
		let head = HeadData(vec![1]);
		assert_noop!(
			Registrar::register(signed(1), A, head.clone(), code(1)),
			Error::<Test>::NotReserved
		);
		assert_ok!(Registrar::reserve(signed(1)));
		assert_noop!(
			Registrar::register(signed(2), A, head.clone(), code(1)),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Registrar::register(signed(1), A, HeadData(vec![0; 21]), code(1)),
			Error::<Test>::HeadDataTooLarge
		);
		assert_noop!(
			Registrar::register(signed(1), A, head.clone(), ValidationCode(vec![0; 101])),
			Error::<Test>::CodeTooLarge
		);
		assert_noop!(
			Registrar::register(signed(1), A, head.clone(), ValidationCode(vec![7; 20])),
			Error::<Test>::InvalidCode
		);
		assert_ok!(Registrar::register(signed(1), A, head.clone(), code(1)));
		assert_noop!(
			Registrar::register(signed(1), A, head.clone(), code(1)),
			Error::<Test>::AlreadyRegistered
		);
		// Account 6 can pay the reservation (10) but not the registration (10 + 101).
		assert_ok!(Registrar::reserve(signed(6)));
		assert_noop!(
			Registrar::register(signed(6), B, head.clone(), code(1)),
			TokenError::FundsUnavailable
		);
		assert_noop!(
			Registrar::register(RuntimeOrigin::root(), B, head, code(1)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_governance_origin_configured_as_force_origin_replaces_root() {
	new_test_ext().execute_with(|| {
		// The mock's ForceOrigin accepts root or account 9 (a stand-in for governance).
		assert_ok!(Registrar::force_register(
			signed(9),
			2,
			42,
			ParaId(5),
			HeadData(vec![1]),
			code(1)
		));
		assert_eq!(lifecycle(ParaId(5)), Some(Onboarding));
		assert_ok!(Registrar::add_lock(signed(9), ParaId(5)));
		// Locked: the manager is refused, the force origin is not.
		assert_noop!(Registrar::deregister(signed(2), ParaId(5)), Error::<Test>::ParaLocked);
		assert_ok!(Registrar::remove_lock(signed(9), ParaId(5)));
		// Any other signed account is still refused.
		assert_noop!(Registrar::remove_lock(signed(3), ParaId(5)), DispatchError::BadOrigin);
	});
}

#[test]
fn force_register_takes_any_id_and_the_given_deposit() {
	new_test_ext().execute_with(|| {
		let head = HeadData(vec![1]);
		assert_ok!(Registrar::force_register(
			RuntimeOrigin::root(),
			2,
			42,
			ParaId(5),
			head.clone(),
			code(1)
		));
		assert_eq!(held(2), 42);
		assert_eq!(lifecycle(ParaId(5)), Some(Onboarding));
		assert_noop!(
			Registrar::force_register(
				RuntimeOrigin::root(),
				2,
				1,
				ParaId(5),
				head.clone(),
				code(1)
			),
			Error::<Test>::AlreadyRegistered
		);
		assert_noop!(
			Registrar::force_register(signed(2), 2, 1, ParaId(6), head, code(1)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_number_of_paras_is_bounded() {
	new_test_ext().execute_with(|| {
		for i in 0..6u32 {
			assert_ok!(Registrar::force_register(
				RuntimeOrigin::root(),
				1,
				0,
				ParaId(i),
				HeadData(vec![]),
				code(1)
			));
		}
		assert_ok!(Registrar::reserve(signed(2)));
		assert_noop!(
			Registrar::register(signed(2), A, HeadData(vec![]), code(1)),
			Error::<Test>::TooManyParas
		);
	});
}

#[test]
fn reserve_searches_a_bounded_number_of_ids() {
	new_test_ext().execute_with(|| {
		// A forced registration at the next public id moves it on.
		assert_ok!(Registrar::force_register(
			RuntimeOrigin::root(),
			1,
			0,
			A,
			HeadData(vec![]),
			code(1)
		));
		assert_eq!(NextFreeParaId::<Test>::get(), B);
		assert_ok!(Registrar::reserve(signed(2)));
		assert_eq!(crate::Paras::<Test>::get(B).map(|info| info.manager), Some(2));
		// The next MAX_FREE_ID_PROBES ids taken (as forced registrations ahead would take
		// them): reserve gives up, clearly, and changes nothing.
		let taken: Vec<ParaId> = (0..MAX_FREE_ID_PROBES).map(|i| ParaId(C.0 + i)).collect();
		for id in &taken {
			pallet_paras::ParaLifecycles::<Test>::insert(id, Parathread);
		}
		assert_noop!(Registrar::reserve(signed(3)), Error::<Test>::NoFreeParaId);
		// With the last probed id free again, the search finds it.
		let last = *taken.last().unwrap();
		pallet_paras::ParaLifecycles::<Test>::remove(last);
		assert_ok!(Registrar::reserve(signed(3)));
		assert_eq!(crate::Paras::<Test>::get(last).map(|info| info.manager), Some(3));
		assert_eq!(NextFreeParaId::<Test>::get(), ParaId(last.0 + 1));
	});
}
