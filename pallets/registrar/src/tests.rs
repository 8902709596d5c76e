//! Tests of the registrar: reservation, registration and its deposit, deregistration, swaps,
//! locks, code upgrades and heads, every error path, and the `Registrar` trait.

use crate::{
	mock::*, Call, Error, Event, HoldReason, NextFreeParaId, PendingSwap, WeightInfo,
	MAX_FREE_ID_PROBES,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, tokens::fungible::Inspect},
};
use relay_primitives::{
	HeadData, ParaId,
	ParaLifecycle::{self, *},
	ValidationCode,
};
use sp_runtime::{DispatchError, TokenError};

const A: ParaId = ParaId(2000);
const B: ParaId = ParaId(2001);
const C: ParaId = ParaId(2002);

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::ParaDeposit.into(), &who)
}

fn lifecycle(id: ParaId) -> Option<ParaLifecycle> {
	pallet_paras::Pallet::<Test>::lifecycle(id)
}

/// Reserves the next id for `who` and registers it with a one-byte head.
fn reserve_and_register(who: u64, tag: u8) -> ParaId {
	let id = NextFreeParaId::<Test>::get();
	assert_ok!(Registrar::reserve(signed(who)));
	assert_ok!(Registrar::register(signed(who), id, HeadData(vec![tag]), code(tag)));
	id
}

/// Registers a para for `who`, waits until it is a live parathread, and upgrades it to a
/// parachain if asked.
fn live_para(who: u64, tag: u8, parachain: bool) -> ParaId {
	let id = reserve_and_register(who, tag);
	run_two_sessions();
	if parachain {
		assert_ok!(<Registrar as relay_primitives::traits::Registrar>::make_parachain(id));
		run_two_sessions();
	}
	id
}

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
