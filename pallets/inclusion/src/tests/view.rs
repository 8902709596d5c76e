//! The session handler and what the runtime API answers (`view.rs`).

use super::*;
use crate::view::{CandidateEvent, CoreKind, GroupRotationInfo, ScheduledCore};
use frame_support::traits::OneSessionHandler;

#[test]
fn session_handler_keeps_the_active_validators_keys() {
	new_test_ext().execute_with(|| {
		let keys = validator_keys(4);
		let accounts: Vec<u64> = (0..4).collect();
		<Inclusion as OneSessionHandler<u64>>::on_genesis_session(
			accounts.iter().zip(keys.iter().cloned()),
		);
		assert_eq!(ActiveValidatorKeys::<Test>::get(), keys);
		// A new session replaces them with the new set (not the queued one).
		let next = validator_keys(2);
		let queued = validator_keys(6);
		<Inclusion as OneSessionHandler<u64>>::on_new_session(
			true,
			accounts.iter().zip(next.iter().cloned()),
			accounts.iter().zip(queued.iter().cloned()),
		);
		assert_eq!(ActiveValidatorKeys::<Test>::get(), next);
		assert_eq!(Inclusion::validator_groups().len(), 2, "two validators, three cores");
	});
}

#[test]
fn groups_and_cores_are_those_of_the_next_block() {
	new_test_ext().execute_with(|| {
		// Block 2: the next block, 3, has no rotation behind it (frequency 10).
		let (groups, rotation) = Inclusion::validator_groups_view();
		assert_eq!(groups, validator_groups(6, 3));
		assert_eq!(
			rotation,
			GroupRotationInfo {
				now: 3,
				group_rotation_frequency: 10,
				rotations: 0,
				next_rotation_at: Some(10),
			}
		);
		let core = |index: u32, kind, para, group: u32| ScheduledCore {
			core_index: CoreIndex(index),
			kind,
			para_id: para,
			group_index: Some(GroupIndex(group)),
		};
		let pool = CoreKind::Pool { pool_core: 0 };
		assert_eq!(
			Inclusion::scheduled_cores_view(),
			vec![
				core(0, CoreKind::Parachain, Some(A), 0),
				core(1, CoreKind::Parachain, Some(B), 1),
				core(2, pool, None, 2),
			]
		);
		// Block 9 looks at block 10, the first rotation; a claim shows on the pool core.
		run_to_block(9);
		Claims::set(vec![(0, THREAD)]);
		assert_eq!(Inclusion::validator_groups_view().1.next_rotation_at, Some(20));
		assert_eq!(
			Inclusion::scheduled_cores_view(),
			vec![
				core(0, CoreKind::Parachain, Some(A), 1),
				core(1, CoreKind::Parachain, Some(B), 2),
				core(2, pool, Some(THREAD), 0),
			]
		);
		// Without rotation there is no next rotation.
		RotationFrequency::set(0);
		assert_eq!(Inclusion::validator_groups_view().1.next_rotation_at, None);
	});
}

#[test]
fn validation_data_at_the_tip_is_what_the_next_block_checks() {
	new_test_ext().execute_with(|| {
		run_to_block(4);
		let at_tip = Inclusion::persisted_validation_data_at_tip(A).expect("a para");
		assert_eq!(at_tip.relay_parent_number, 4);
		assert!(Inclusion::persisted_validation_data_at_tip(ParaId(9999)).is_none());
		// The API is read at the finished block: its storage root is the one the block's header
		// carries, which the next block's `enter` records.
		let next = finish_block();
		let at_tip = Inclusion::persisted_validation_data_at_tip(A).expect("a para");
		assert_eq!(at_tip.relay_parent_storage_root, ParentHeader::get().state_root);
		start_block(next);
		assert_ok!(enter(vec![]));
		let parent = latest_relay_parent();
		assert_eq!(parent.number, 4);
		assert_eq!(Inclusion::persisted_validation_data(A, parent.hash), Some(at_tip));
	});
}

#[test]
fn candidate_events_of_the_block() {
	new_test_ext().execute_with(|| {
		assert!(Inclusion::candidate_events().is_empty());
		let backed = candidate(A, 0, vec![7], &[0, 1]);
		let receipt = backed.candidate.to_plain();
		assert_ok!(enter(vec![backed]));
		let fields = (receipt, HeadData(vec![7]), CoreIndex(0), GroupIndex(0));
		let events = Inclusion::candidate_events();
		assert_eq!(
			events,
			vec![
				CandidateEvent::CandidateBacked(
					fields.0.clone(),
					fields.1.clone(),
					fields.2,
					fields.3
				),
				CandidateEvent::CandidateIncluded(fields.0, fields.1, fields.2, fields.3),
			]
		);
		// The receipt names the candidate: its hash is the candidate hash.
		assert_eq!(events[0].receipt().hash(), events[1].receipt().hash());
	});
}

#[test]
fn enter_is_charged_per_candidate_vote_and_byte_of_code() {
	new_test_ext().execute_with(|| {
		let one = candidate(A, 0, vec![1], &[0, 1]);
		let upgrade = modified(candidate(B, 1, vec![2], &[2, 3]), |c| {
			c.commitments.new_validation_code = Some(code(9))
		});
		let plain = Inclusion::enter_weight(core::slice::from_ref(&one));
		let two = Inclusion::enter_weight(&[one.clone(), candidate(B, 1, vec![2], &[2, 3])]);
		let with_code = Inclusion::enter_weight(&[one, upgrade]);
		assert!(two.ref_time() > plain.ref_time(), "a second candidate costs more");
		assert!(with_code.ref_time() > two.ref_time(), "new code costs more");
	});
}
