//! Scheduling: backing groups and their rotation, core assignments, and the relay parents kept.

use super::*;

#[test]
fn four_validators_fourteen_cores() {
	assert_eq!(group_count(4, 14), 4);
	let groups = validator_groups(4, 14);
	assert_eq!(
		groups,
		(0..4).map(|i| vec![ValidatorIndex(i)]).collect::<Vec<_>>(),
		"each validator is a group of one"
	);
	// Every core has a group; each group serves several cores.
	let assigned: Vec<u32> = (0..14)
		.map(|c| group_for_core(CoreIndex(c), 0, 4).expect("groups exist").0)
		.collect();
	assert_eq!(assigned, vec![0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
	assert_eq!(backing_threshold(2, 1), 1);
}

#[test]
fn hundred_validators_fourteen_cores() {
	assert_eq!(group_count(100, 14), 14);
	let groups = validator_groups(100, 14);
	assert_eq!(groups.len(), 14);
	let sizes: Vec<usize> = groups.iter().map(Vec::len).collect();
	assert_eq!(sizes, [vec![8, 8], vec![7; 12]].concat());
	// Contiguous and covering every validator once.
	let all: Vec<u32> = groups.iter().flatten().map(|v| v.0).collect();
	assert_eq!(all, (0..100).collect::<Vec<_>>());
	let assigned: Vec<u32> = (0..14)
		.map(|c| group_for_core(CoreIndex(c), 0, 14).expect("groups exist").0)
		.collect();
	assert_eq!(assigned, (0..14).collect::<Vec<_>>(), "one group per core");
	assert_eq!(backing_threshold(2, 7), 2);
	assert_eq!(backing_threshold(0, 7), 1, "a candidate always needs a vote");
}

#[test]
fn edge_cases_of_groups() {
	assert_eq!(group_count(0, 14), 0);
	assert!(validator_groups(0, 14).is_empty());
	assert_eq!(group_for_core(CoreIndex(0), 0, 0), None);
	// No cores: still one group with everyone.
	assert_eq!(
		validator_groups(3, 0),
		vec![vec![ValidatorIndex(0), ValidatorIndex(1), ValidatorIndex(2)]]
	);
	assert_eq!(rotations_at(25, 0), 0, "no rotation with frequency zero");
}

#[test]
fn rotation() {
	assert_eq!(rotations_at(9, 10), 0);
	assert_eq!(rotations_at(10, 10), 1);
	assert_eq!(rotations_at(35, 10), 3);
	assert_eq!(group_for_core(CoreIndex(0), 1, 4), Some(GroupIndex(1)));
	assert_eq!(group_for_core(CoreIndex(3), 1, 4), Some(GroupIndex(0)));
	assert_eq!(group_for_core(CoreIndex(13), 3, 14), Some(GroupIndex(2)));
}

#[test]
fn rotation_in_the_pallet() {
	new_test_ext().execute_with(|| {
		// Cores: A, B, one pool core; six validators in three groups of two.
		assert_eq!(Inclusion::validator_groups().len(), 3);
		assert_eq!(Inclusion::group_assigned_to_core(CoreIndex(0), 3), Some(GroupIndex(0)));
		run_to_block(11);
		assert_eq!(Inclusion::group_assigned_to_core(CoreIndex(0), 3), Some(GroupIndex(1)));
		// On the newest relay parent, block 9, whose next block rotated the groups, the old group
		// of core 0 no longer backs it: its members cannot be named in the bitfield, and their
		// votes in the new members' places do not verify.
		assert_eq!(latest_relay_parent().number, 9);
		assert_noop!(
			enter(vec![candidate(A, 0, vec![7], &[0, 1])]),
			Error::<Test>::InsufficientVotes
		);
		let mut old_group = candidate(A, 0, vec![7], &[2, 3]);
		sign_with(&mut old_group, &[(2, 0), (3, 1)], Session::get());
		assert_noop!(enter(vec![old_group]), Error::<Test>::InvalidVote);
		assert_ok!(enter(vec![candidate(A, 0, vec![7], &[2, 3])]));
	});
}

#[test]
fn votes_are_those_of_the_group_at_the_relay_parent_so_a_rotation_keeps_chains_built_ahead() {
	new_test_ext().execute_with(|| {
		run_to_block(9);
		// Built on block 8 and backed by core 0's group then (group 0: validators 0 and 1).
		let before = candidate(A, 0, vec![7], &[0, 1]);
		run_to_block(10);
		assert_eq!(Inclusion::group_assigned_to_core(CoreIndex(0), 3), Some(GroupIndex(1)));
		// Block 10 rotated the groups; the candidate is still included with its group's votes.
		assert_ok!(enter(vec![before]));
		assert_eq!(head_of(A), HeadData(vec![7]));
	});
}

#[test]
fn core_assignments_follow_paras_and_claims() {
	new_test_ext().execute_with(|| {
		assert_eq!(
			Inclusion::core_assignments(),
			vec![
				CoreAssignment::Parachain(A),
				CoreAssignment::Parachain(B),
				CoreAssignment::Pool { pool_core: 0, claim: None },
			]
		);
		Claims::set(vec![(0, THREAD)]);
		assert_eq!(Inclusion::core_assignments()[2].scheduled_para(), Some(THREAD));
	});
}

#[test]
fn relay_parents_are_recorded_and_bounded() {
	new_test_ext().execute_with(|| {
		// At block 2 before its inherent: block 1's inherent recorded the genesis block.
		let parents = RelayParents::<Test>::get();
		assert_eq!(parents.len(), 1);
		assert_eq!(parents[0].number, 0);
		run_to_block(7);
		assert_ok!(enter(vec![]));
		let parents = RelayParents::<Test>::get();
		assert_eq!(parents.iter().map(|p| p.number).collect::<Vec<_>>(), vec![4, 5, 6]);
		assert_eq!(parents[2].hash, System::parent_hash());
		assert_eq!(parents[2].storage_root, ParentHeader::get().state_root);
		let pvd = Inclusion::persisted_validation_data(A, parents[2].hash).expect("allowed");
		assert_eq!(
			pvd,
			PersistedValidationData {
				parent_head: HeadData(vec![1]),
				relay_parent_number: 6,
				relay_parent_storage_root: parents[2].storage_root,
				max_pov_size: 1024,
			}
		);
		assert_eq!(Inclusion::persisted_validation_data(A, H256::repeat_byte(1)), None);
	});
}

#[test]
fn try_state_catches_broken_relay_parents_and_keys() {
	new_test_ext().execute_with(|| {
		run_to_block(7);
		assert_eq!(Inclusion::do_try_state(), Ok(()));
		let good = RelayParents::<Test>::get();
		// Out of order.
		let mut swapped = good.clone().into_inner();
		swapped.swap(0, 1);
		RelayParents::<Test>::put(frame_support::BoundedVec::truncate_from(swapped));
		assert!(Inclusion::do_try_state().is_err());
		// The current block listed as its own parent.
		let mut future = good.clone().into_inner();
		future.last_mut().unwrap().number = 7;
		RelayParents::<Test>::put(frame_support::BoundedVec::truncate_from(future));
		assert!(Inclusion::do_try_state().is_err());
		RelayParents::<Test>::put(good);
		assert_eq!(Inclusion::do_try_state(), Ok(()));
		// Two validators with one key.
		let mut keys = crate::ActiveValidatorKeys::<Test>::get();
		keys.push(keys[0].clone());
		crate::ActiveValidatorKeys::<Test>::put(keys);
		assert!(Inclusion::do_try_state().is_err());
	});
}
