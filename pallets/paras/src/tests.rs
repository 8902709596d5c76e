//! Tests of the paras pallet: lifecycles at session boundaries, code upgrades with delay and
//! cooldown, reference-counted code and its pruning, heads, and every error path.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok};
use relay_primitives::ParaLifecycle::*;
use sp_runtime::DispatchError;

const A: ParaId = ParaId(2000);
const B: ParaId = ParaId(2001);

fn root() -> RuntimeOrigin {
	RuntimeOrigin::root()
}

fn refs(tag: u8) -> u32 {
	CodeByHashRefs::<Test>::get(code(tag).hash())
}

fn lifecycle_events() -> Vec<(ParaId, Option<ParaLifecycle>, Option<ParaLifecycle>)> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Paras(Event::LifecycleChanged { para_id, from, to }) => {
				Some((para_id, from, to))
			},
			_ => None,
		})
		.collect()
}

#[test]
fn genesis_paras_are_live_at_once() {
	new_test_ext_with(vec![
		(A, genesis(1, ParaKind::Parachain)),
		(B, genesis(2, ParaKind::Parathread)),
	])
	.execute_with(|| {
		assert_eq!(Paras::lifecycle(A), Some(Parachain));
		assert_eq!(Paras::lifecycle(B), Some(Parathread));
		assert_eq!(Paras::parachains(), vec![A]);
		assert_eq!(Heads::<Test>::get(B), Some(HeadData(vec![2])));
		assert_eq!(Paras::current_code(A), Some(code(1)));
		assert_eq!(Paras::para_count(), 2);
	});
}

#[test]
fn para_is_live_after_one_full_session() {
	new_test_ext().execute_with(|| {
		assert_ok!(Paras::schedule_para_initialize(A, genesis(1, ParaKind::Parathread)));
		assert_ok!(Paras::schedule_para_initialize(B, genesis(2, ParaKind::Parachain)));
		assert_eq!(Paras::lifecycle(A), Some(Onboarding));
		assert_eq!(ActionsQueue::<Test>::get(2).into_inner(), vec![A, B]);
		// Not live yet: no head, no code in use, not a parachain.
		assert!(Heads::<Test>::get(A).is_none());
		assert_eq!(refs(1), 1);

		next_session(); // session 1: still onboarding (the full session of waiting)
		assert_eq!(Paras::lifecycle(A), Some(Onboarding));
		next_session(); // session 2: live
		assert_eq!(Paras::lifecycle(A), Some(Parathread));
		assert_eq!(Paras::lifecycle(B), Some(Parachain));
		assert_eq!(Paras::parachains(), vec![B]);
		assert_eq!(Heads::<Test>::get(A), Some(HeadData(vec![1])));
		assert_eq!(refs(1), 1, "the genesis use became the current-code use");
		assert!(UpcomingParasGenesis::<Test>::get(A).is_none());
		assert_eq!(
			lifecycle_events(),
			vec![
				(A, None, Some(Onboarding)),
				(B, None, Some(Onboarding)),
				(A, Some(Onboarding), Some(Parathread)),
				(B, Some(Onboarding), Some(Parachain)),
			]
		);
	});
}

#[test]
fn upgrade_and_downgrade_happen_at_session_boundaries() {
	new_test_ext_with(vec![
		(A, genesis(1, ParaKind::Parathread)),
		(B, genesis(2, ParaKind::Parachain)),
	])
	.execute_with(|| {
		assert_ok!(Paras::schedule_parathread_upgrade(A));
		assert_ok!(Paras::schedule_parachain_downgrade(B));
		assert_eq!(Paras::lifecycle(A), Some(UpgradingParathread));
		assert_eq!(Paras::lifecycle(B), Some(DowngradingParachain));
		// B keeps its core until the switch.
		assert_eq!(Paras::parachains(), vec![B]);
		next_session();
		assert_eq!(Paras::parachains(), vec![B]);
		next_session();
		assert_eq!(Paras::lifecycle(A), Some(Parachain));
		assert_eq!(Paras::lifecycle(B), Some(Parathread));
		assert_eq!(Paras::parachains(), vec![A]);
	});
}

#[test]
fn transitions_need_the_right_state() {
	new_test_ext_with(vec![
		(A, genesis(1, ParaKind::Parathread)),
		(B, genesis(2, ParaKind::Parachain)),
	])
	.execute_with(|| {
		assert_noop!(Paras::schedule_parathread_upgrade(B), Error::<Test>::CannotUpgrade);
		assert_noop!(Paras::schedule_parachain_downgrade(A), Error::<Test>::CannotDowngrade);
		assert_noop!(
			Paras::schedule_para_initialize(A, genesis(3, ParaKind::Parathread)),
			Error::<Test>::CannotOnboard
		);
		assert_ok!(Paras::schedule_parathread_upgrade(A));
		assert_noop!(Paras::schedule_parathread_upgrade(A), Error::<Test>::CannotUpgrade);
		assert_noop!(Paras::schedule_para_cleanup(A), Error::<Test>::CannotOffboard);
		assert_noop!(Paras::schedule_para_cleanup(ParaId(9)), Error::<Test>::NotRegistered);
	});
}

#[test]
fn offboarding_removes_the_para_and_prunes_its_code_after_retention() {
	new_test_ext_with(vec![(A, genesis(1, ParaKind::Parachain))]).execute_with(|| {
		assert_ok!(Paras::schedule_para_cleanup(A));
		assert_eq!(Paras::lifecycle(A), Some(OffboardingParachain));
		next_session();
		next_session(); // block 3
		assert_eq!(Paras::lifecycle(A), None);
		assert!(Heads::<Test>::get(A).is_none());
		assert!(CurrentCodeHash::<Test>::get(A).is_none());
		assert!(Paras::parachains().is_empty());
		assert_eq!(Paras::para_count(), 0);
		// The code is past code now, kept for the retention period (7 blocks).
		assert_eq!(refs(1), 1);
		assert_eq!(PastCodeHash::<Test>::get((A, 3)), Some(code(1).hash()));
		run_to_block(9);
		assert_eq!(refs(1), 1);
		run_to_block(10);
		assert_eq!(refs(1), 0);
		assert!(CodeByHash::<Test>::get(code(1).hash()).is_none());
		assert!(PastCodeHash::<Test>::get((A, 3)).is_none());
	});
}

#[test]
fn cleanup_while_onboarding_is_immediate() {
	new_test_ext().execute_with(|| {
		assert_ok!(Paras::schedule_para_initialize(A, genesis(1, ParaKind::Parathread)));
		assert_ok!(Paras::schedule_para_cleanup(A));
		assert_eq!(Paras::lifecycle(A), None);
		assert_eq!(refs(1), 0);
		next_session();
		next_session();
		assert_eq!(Paras::lifecycle(A), None, "the queued action is a no-op");
		// The id can be used again.
		assert_ok!(Paras::schedule_para_initialize(A, genesis(2, ParaKind::Parathread)));
	});
}

#[test]
fn code_upgrade_waits_the_delay_then_the_cooldown() {
	new_test_ext_with(vec![(A, genesis(1, ParaKind::Parachain))]).execute_with(|| {
		assert_ok!(Paras::schedule_code_upgrade(A, code(2)));
		assert_eq!(FutureCodeUpgrades::<Test>::get(A), Some(6));
		assert_noop!(Paras::schedule_code_upgrade(A, code(3)), Error::<Test>::CannotUpgradeCode);
		run_to_block(5);
		assert_eq!(Paras::current_code(A), Some(code(1)));
		run_to_block(6);
		assert_eq!(Paras::current_code(A), Some(code(2)));
		assert_eq!(PastCodeHash::<Test>::get((A, 6)), Some(code(1).hash()));
		assert_eq!(UpgradeCooldowns::<Test>::get(A), Some(16));
		// Cooldown until block 16.
		run_to_block(15);
		assert_noop!(Paras::schedule_code_upgrade(A, code(3)), Error::<Test>::CannotUpgradeCode);
		run_to_block(16);
		assert_ok!(Paras::schedule_code_upgrade(A, code(3)));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::Paras(Event::CurrentCodeUpdated {
				para_id: A,
				code_hash: code(2).hash()
			})));
		// The replaced code was pruned 7 blocks after block 6.
		assert_eq!(refs(1), 0);
	});
}

#[test]
fn checking_an_upgrade_writes_nothing_and_applying_it_cannot_fail() {
	new_test_ext_with(vec![
		(A, genesis(1, ParaKind::Parachain)),
		(B, genesis(1, ParaKind::Parathread)),
	])
	.execute_with(|| {
		let root_before = sp_io::storage::root(sp_runtime::StateVersion::V1);
		let a = Paras::check_code_upgrade(A, code(2), 1, false).expect("A may upgrade");
		let b = Paras::check_code_upgrade(B, code(3), 1, false).expect("B may upgrade");
		assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root_before);
		assert_eq!((a.para(), a.code()), (A, &code(2)));
		// Both checked against the same storage, then applied: both are listed.
		Paras::schedule_checked_code_upgrade(a);
		Paras::schedule_checked_code_upgrade(b);
		assert_eq!(UpcomingUpgradesAt::<Test>::get(6).into_inner(), vec![A, B]);
		// The same rule refuses now, for the call and for inclusion alike.
		assert!(matches!(
			Paras::check_code_upgrade(A, code(4), 1, false),
			Err(Error::<Test>::CannotUpgradeCode)
		));
		assert!(matches!(
			Paras::check_code_upgrade(A, ValidationCode(vec![1; 8]), 1, true),
			Err(Error::<Test>::InvalidCode)
		));
	});
}

#[test]
fn force_schedule_replaces_a_pending_upgrade_and_ignores_cooldown() {
	new_test_ext_with(vec![(A, genesis(1, ParaKind::Parachain))]).execute_with(|| {
		assert_ok!(Paras::schedule_code_upgrade(A, code(2)));
		assert_ok!(Paras::force_schedule_code_upgrade(root(), A, code(3), 0));
		// Counted from the given relay parent (0 + delay 5), not from now.
		assert_eq!(FutureCodeUpgrades::<Test>::get(A), Some(5));
		assert_eq!(refs(2), 0, "the replaced pending code is released");
		assert!(UpcomingUpgradesAt::<Test>::get(6).is_empty());
		run_to_block(5);
		assert_eq!(Paras::current_code(A), Some(code(3)));
		// In the cooldown, root can still schedule; a relay parent in the past means next block.
		assert_ok!(Paras::force_schedule_code_upgrade(root(), A, code(4), 0));
		assert_eq!(FutureCodeUpgrades::<Test>::get(A), Some(6));
		run_to_block(6);
		assert_eq!(Paras::current_code(A), Some(code(4)));
	});
}

#[test]
fn same_code_is_stored_once_and_counted() {
	new_test_ext().execute_with(|| {
		assert_ok!(Paras::schedule_para_initialize(A, genesis(1, ParaKind::Parathread)));
		assert_ok!(Paras::schedule_para_initialize(B, genesis(1, ParaKind::Parathread)));
		assert_eq!(refs(1), 2);
		assert_eq!(CodeByHash::<Test>::iter().count(), 1);
		next_session();
		next_session();
		assert_ok!(Paras::schedule_para_cleanup(A));
		next_session();
		next_session();
		let now = System::block_number();
		run_to_block(now + 7);
		assert_eq!(refs(1), 1, "B still uses it");
		assert!(CodeByHash::<Test>::get(code(1).hash()).is_some());
	});
}

#[test]
fn force_set_current_code_keeps_past_code_and_handles_two_in_a_block() {
	new_test_ext_with(vec![(A, genesis(1, ParaKind::Parathread))]).execute_with(|| {
		assert_ok!(Paras::force_set_current_code(root(), A, code(2)));
		assert_ok!(Paras::force_set_current_code(root(), A, code(3)));
		assert_eq!(Paras::current_code(A), Some(code(3)));
		// Code 1 is past code of block 1; code 2 lived for no block and is gone.
		assert_eq!(PastCodeHash::<Test>::get((A, 1)), Some(code(1).hash()));
		assert_eq!(refs(2), 0);
		Paras::do_try_state().unwrap();
		assert_noop!(
			Paras::force_set_current_code(root(), B, code(2)),
			Error::<Test>::NotRegistered
		);
	});
}

#[test]
fn heads_are_noted_and_reported() {
	new_test_ext_with(vec![(A, genesis(1, ParaKind::Parachain))]).execute_with(|| {
		assert_ok!(Paras::force_note_new_head(root(), A, HeadData(vec![7, 7])));
		assert_eq!(Heads::<Test>::get(A), Some(HeadData(vec![7, 7])));
		assert_eq!(NewHeads::get(), vec![(A, HeadData(vec![7, 7]))]);
		System::assert_last_event(Event::NewHeadNoted { para_id: A }.into());
		assert_ok!(Paras::force_set_current_head(root(), A, HeadData(vec![8])));
		assert_eq!(NewHeads::get().len(), 1, "setting a head is not producing one");
		System::assert_last_event(Event::CurrentHeadUpdated { para_id: A }.into());
		assert_noop!(
			Paras::force_note_new_head(root(), B, HeadData(vec![1])),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			Paras::force_set_current_head(root(), A, HeadData(vec![0; 17])),
			Error::<Test>::HeadDataTooLarge
		);
	});
}

#[test]
fn bad_code_and_heads_are_refused() {
	new_test_ext().execute_with(|| {
		let mut g = genesis(1, ParaKind::Parathread);
		g.validation_code = ValidationCode(vec![1, 2, 3, 4, 5, 6, 7, 8, 9]);
		assert_noop!(Paras::schedule_para_initialize(A, g.clone()), Error::<Test>::InvalidCode);
		g.validation_code = ValidationCode([code(1).0, vec![0; 60]].concat());
		assert_noop!(Paras::schedule_para_initialize(A, g.clone()), Error::<Test>::CodeTooLarge);
		g = genesis(1, ParaKind::Parathread);
		g.genesis_head = HeadData(vec![0; 17]);
		assert_noop!(Paras::schedule_para_initialize(A, g), Error::<Test>::HeadDataTooLarge);
	});
}

#[test]
fn the_number_of_paras_is_bounded() {
	new_test_ext().execute_with(|| {
		for id in 0..4 {
			assert_ok!(Paras::schedule_para_initialize(
				ParaId(id),
				genesis(1, ParaKind::Parathread)
			));
		}
		assert_noop!(
			Paras::schedule_para_initialize(ParaId(9), genesis(1, ParaKind::Parathread)),
			Error::<Test>::TooManyParas
		);
	});
}

#[test]
fn force_queue_action_brings_a_transition_forward() {
	new_test_ext_with(vec![(A, genesis(1, ParaKind::Parathread))]).execute_with(|| {
		assert_ok!(Paras::schedule_parathread_upgrade(A));
		assert_ok!(Paras::force_queue_action(root(), A));
		next_session();
		assert_eq!(Paras::lifecycle(A), Some(Parachain));
		next_session(); // the original action finds nothing to do
		assert_eq!(Paras::lifecycle(A), Some(Parachain));
		assert_noop!(Paras::force_queue_action(root(), B), Error::<Test>::NotRegistered);
	});
}

#[test]
fn root_calls_need_root() {
	new_test_ext_with(vec![(A, genesis(1, ParaKind::Parathread))]).execute_with(|| {
		let signed = RuntimeOrigin::signed(1);
		assert_noop!(
			Paras::force_set_current_code(signed.clone(), A, code(2)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Paras::force_set_current_head(signed.clone(), A, HeadData(vec![])),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Paras::force_schedule_code_upgrade(signed.clone(), A, code(2), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Paras::force_note_new_head(signed.clone(), A, HeadData(vec![])),
			DispatchError::BadOrigin
		);
		assert_noop!(Paras::force_queue_action(signed, A), DispatchError::BadOrigin);
	});
}

#[test]
fn upgrades_of_offboarded_paras_are_dropped() {
	new_test_ext_with(vec![(A, genesis(1, ParaKind::Parathread))]).execute_with(|| {
		assert_ok!(Paras::schedule_code_upgrade(A, code(2)));
		assert_ok!(Paras::schedule_para_cleanup(A));
		assert_noop!(Paras::schedule_code_upgrade(A, code(3)), Error::<Test>::CannotUpgradeCode);
		next_session();
		next_session();
		assert_eq!(refs(2), 0);
		assert!(FutureCodeUpgrades::<Test>::get(A).is_none());
		run_to_block(10);
		assert_eq!(Paras::current_code(A), None);
	});
}

#[test]
fn call_weights_come_from_weight_info() {
	use frame_support::dispatch::GetDispatchInfo;
	let call = Call::<Test>::force_set_current_code { para: A, code: code(1) };
	assert_eq!(
		call.get_dispatch_info().call_weight,
		<() as WeightInfo>::force_set_current_code(code(1).0.len() as u32)
	);
	let call = Call::<Test>::force_queue_action { para: A };
	assert_eq!(call.get_dispatch_info().call_weight, <() as WeightInfo>::force_queue_action());
}

#[test]
fn a_registration_stores_its_code_once_and_names_it_at_once() {
	new_test_ext().execute_with(|| {
		assert_ok!(Paras::schedule_para_initialize(A, genesis(1, ParaKind::Parachain)));
		// The code is stored once, by hash, and named as the para's current code (as on
		// Polkadot); the genesis entry holds the head and the kind only.
		assert_eq!(CurrentCodeHash::<Test>::get(A), Some(code(1).hash()));
		assert_eq!(CodeByHash::<Test>::get(code(1).hash()), Some(code(1)));
		assert_eq!(refs(1), 1);
		let upcoming = UpcomingParasGenesis::<Test>::get(A).expect("onboarding");
		assert!(upcoming.validation_code.0.is_empty());
		assert_eq!(upcoming.genesis_head, HeadData(vec![1]));
		Paras::do_try_state().unwrap();

		next_session();
		next_session();
		assert_eq!(Paras::lifecycle(A), Some(Parachain));
		assert_eq!(Paras::current_code(A), Some(code(1)));
		assert_eq!(refs(1), 1);
		Paras::do_try_state().unwrap();
	});
}
