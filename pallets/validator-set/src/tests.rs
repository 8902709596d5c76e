//! Unit tests of `pallet-validator-set`: every call's success and error paths, and the hand-over
//! to the session pallet.

use crate::{mock::*, Error, Event, PendingChange, Validators};
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, BoundedVec};
use pallet_session::SessionManager;
use sp_runtime::DispatchError;

fn validators() -> Vec<u64> {
	Validators::<Test>::get().into_inner()
}

#[test]
fn genesis_set_is_handed_to_session_genesis() {
	new_test_ext().execute_with(|| {
		assert_eq!(validators(), vec![1, 2, 3]);
		assert_eq!(ValidatorSet::new_session_genesis(0), Some(vec![1, 2, 3]));
		// Nothing changed since genesis: the session pallet keeps its set.
		assert_eq!(ValidatorSet::new_session(2), None);
	});
}

#[test]
fn set_validators_is_applied_at_the_next_session_boundary_once() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::set_validators(RuntimeOrigin::root(), vec![4, 5]));
		System::assert_last_event(Event::ValidatorsSet { validators: vec![4, 5] }.into());
		assert!(PendingChange::<Test>::get());
		assert_eq!(ValidatorSet::new_session(3), Some(vec![4, 5]));
		System::assert_last_event(
			Event::NewSetQueued { session_index: 3, validators: vec![4, 5] }.into(),
		);
		assert!(!PendingChange::<Test>::get());
		assert_eq!(ValidatorSet::new_session(4), None);
	});
}

#[test]
fn only_the_validator_origin_changes_the_set() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			ValidatorSet::set_validators(RuntimeOrigin::signed(1), vec![4]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(1), 4),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::signed(1), 3),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn set_validators_rejects_bad_sets_without_changing_anything() {
	new_test_ext().execute_with(|| {
		let root = RuntimeOrigin::root;
		assert_noop!(ValidatorSet::set_validators(root(), vec![]), Error::<Test>::TooFewValidators);
		assert_noop!(
			ValidatorSet::set_validators(root(), vec![1, 2, 3, 4, 5, 6]),
			Error::<Test>::TooManyValidators
		);
		assert_noop!(
			ValidatorSet::set_validators(root(), vec![1, 2, 1]),
			Error::<Test>::DuplicateValidator
		);
		assert_noop!(
			ValidatorSet::set_validators(root(), vec![1, 9]),
			Error::<Test>::NoSessionKeys
		);
		assert!(!PendingChange::<Test>::get());
	});
}

#[test]
fn add_and_remove_change_one_member() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		System::assert_last_event(Event::ValidatorAdded { who: 4 }.into());
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		System::assert_last_event(Event::ValidatorRemoved { who: 1 }.into());
		assert_eq!(validators(), vec![2, 3, 4]);
		assert_eq!(ValidatorSet::new_session(2), Some(vec![2, 3, 4]));
	});
}

#[test]
fn add_and_remove_errors_change_nothing() {
	new_test_ext().execute_with(|| {
		let root = RuntimeOrigin::root;
		assert_noop!(ValidatorSet::add_validator(root(), 2), Error::<Test>::AlreadyValidator);
		assert_noop!(ValidatorSet::add_validator(root(), 9), Error::<Test>::NoSessionKeys);
		assert_noop!(ValidatorSet::remove_validator(root(), 9), Error::<Test>::NotValidator);
		assert_ok!(ValidatorSet::add_validator(root(), 4));
		assert_ok!(ValidatorSet::add_validator(root(), 5));
		assert_noop!(ValidatorSet::add_validator(root(), 6), Error::<Test>::TooManyValidators);
		assert_ok!(ValidatorSet::set_validators(root(), vec![6]));
		assert_noop!(ValidatorSet::remove_validator(root(), 6), Error::<Test>::TooFewValidators);
	});
}

#[test]
fn dispatch_weights_come_from_weight_info() {
	use crate::{weights::WeightInfo, Call};
	let set = Call::<Test>::set_validators { validators: vec![1, 2, 3] }.get_dispatch_info();
	assert_eq!(set.call_weight, <() as WeightInfo>::set_validators(3));
	let add = Call::<Test>::add_validator { who: 1 }.get_dispatch_info();
	assert_eq!(add.call_weight, <() as WeightInfo>::add_validator());
	let remove = Call::<Test>::remove_validator { who: 1 }.get_dispatch_info();
	assert_eq!(remove.call_weight, <() as WeightInfo>::remove_validator());
}

#[test]
#[should_panic(expected = "invalid genesis validator set")]
fn genesis_with_duplicates_is_refused() {
	use sp_runtime::BuildStorage;
	let _ = RuntimeGenesisConfig {
		system: Default::default(),
		validator_set: crate::GenesisConfig { validators: vec![1, 1] },
	}
	.build_storage();
}

#[test]
fn try_state_holds_after_calls_and_catches_a_broken_set() {
	new_test_ext().execute_with(|| {
		assert_ok!(ValidatorSet::do_try_state());
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 1));
		assert_ok!(ValidatorSet::do_try_state());

		let set = |v: Vec<u64>| Validators::<Test>::put(BoundedVec::truncate_from(v));
		set(vec![2, 3, 2]);
		assert_eq!(
			ValidatorSet::do_try_state(),
			Err(sp_runtime::TryRuntimeError::Other("a validator is listed twice"))
		);
		set(vec![]);
		assert_eq!(
			ValidatorSet::do_try_state(),
			Err(sp_runtime::TryRuntimeError::Other("fewer validators than MinValidators"))
		);
		set(vec![2, 3, 4]);
		assert_ok!(ValidatorSet::do_try_state());
	});
}
