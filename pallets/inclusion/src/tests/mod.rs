//! Tests: scheduling, relay parents, every check of a candidate (with `assert_noop!`), enacting,
//! parathread claims and the inherent.

use crate::{mock::*, scheduler::*, *};
use frame_support::{assert_noop, assert_ok, inherent::ProvideInherent, traits::Hooks};
use relay_primitives::{
	signing_payload, CandidateCommitments, CandidateDescriptor, CommittedCandidateReceipt,
	CompactStatement, CoreIndex, GroupIndex, HeadData, ParaId, PersistedValidationData,
	SigningContext, ValidationCode, ValidatorIndex, ValidatorSignature,
};
use sp_core::{Pair as _, H256};
use sp_inherents::InherentData;

const A: ParaId = ParaId(2000);
const B: ParaId = ParaId(2001);
const THREAD: ParaId = ParaId(3000);

fn latest_relay_parent() -> RelayParentInfo {
	*RelayParents::<Test>::get().last().expect("a relay parent is recorded")
}

/// Signs `backed` again with `voters` in `session`.
fn sign(backed: &mut BackedCandidate, voters: &[u8], session: u32) {
	let hash = backed.hash();
	let payload = signing_payload(
		&CompactStatement::Valid(hash),
		&SigningContext { session_index: session, parent_hash: H256::zero() },
	);
	backed.validity_votes = voters
		.iter()
		.map(|i| ValidatorSignature::from(pair(*i).sign(&payload)))
		.collect();
	backed.validator_indices = voters.iter().map(|i| ValidatorIndex(u32::from(*i))).collect();
}

/// A valid candidate of `para` on `core` with head `head`, signed by `voters` in the current
/// session, built on the latest relay parent.
fn candidate(para: ParaId, core: u32, head: Vec<u8>, voters: &[u8]) -> BackedCandidate {
	let relay_parent = latest_relay_parent();
	let pvd = Inclusion::persisted_validation_data(para, relay_parent.hash).expect("para exists");
	let head = HeadData(head);
	let mut backed = BackedCandidate {
		candidate: CommittedCandidateReceipt {
			descriptor: CandidateDescriptor {
				para_id: para,
				relay_parent: relay_parent.hash,
				persisted_validation_data_hash: pvd.hash(),
				pov_hash: H256::repeat_byte(0xaa),
				validation_code_hash: pallet_paras::CurrentCodeHash::<Test>::get(para)
					.expect("para has code"),
				para_head: head.hash(),
				core_index: CoreIndex(core),
			},
			commitments: CandidateCommitments { head_data: head, new_validation_code: None },
		},
		validity_votes: vec![],
		validator_indices: vec![],
	};
	sign(&mut backed, voters, Session::get());
	backed
}

/// Changes the candidate with `f`, then signs it again with the same voters.
fn modified(
	mut backed: BackedCandidate,
	f: impl FnOnce(&mut CommittedCandidateReceipt),
) -> BackedCandidate {
	f(&mut backed.candidate);
	let voters: Vec<u8> = backed.validator_indices.iter().map(|i| i.0 as u8).collect();
	sign(&mut backed, &voters, Session::get());
	backed
}

fn enter(candidates: Vec<BackedCandidate>) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Inclusion::enter(RuntimeOrigin::none(), candidates)
}

fn head_of(para: ParaId) -> HeadData {
	pallet_paras::Heads::<Test>::get(para).expect("para has a head")
}

// ---- Scheduling (pure) ----

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
		run_to_block(10);
		assert_eq!(Inclusion::group_assigned_to_core(CoreIndex(0), 3), Some(GroupIndex(1)));
		// The old group of core 0 no longer backs it; the new one does.
		assert_noop!(
			enter(vec![candidate(A, 0, vec![7], &[0, 1])]),
			Error::<Test>::VoterNotInGroup
		);
		assert_ok!(enter(vec![candidate(A, 0, vec![7], &[2, 3])]));
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

// ---- Relay parents ----

#[test]
fn relay_parents_are_recorded_and_bounded() {
	new_test_ext().execute_with(|| {
		let parents = RelayParents::<Test>::get();
		assert_eq!(parents.len(), 1);
		assert_eq!(parents[0].hash, H256::repeat_byte(1));
		assert_eq!(parents[0].number, 1);
		run_to_block(7);
		let parents = RelayParents::<Test>::get();
		assert_eq!(parents.iter().map(|p| p.number).collect::<Vec<_>>(), vec![4, 5, 6]);
		assert!(parents.iter().all(|p| p.hash == H256::repeat_byte(p.number as u8)));
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
		RelayParents::<Test>::put(BoundedVec::truncate_from(swapped));
		assert!(Inclusion::do_try_state().is_err());
		// The current block listed as its own parent.
		let mut future = good.clone().into_inner();
		future.last_mut().unwrap().number = 7;
		RelayParents::<Test>::put(BoundedVec::truncate_from(future));
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

// ---- Enacting ----

#[test]
fn valid_candidate_is_included_and_head_advances() {
	new_test_ext().execute_with(|| {
		let backed = candidate(A, 0, vec![1, 1], &[0, 1]);
		let hash = backed.hash();
		assert_ok!(enter(vec![backed]));
		assert_eq!(head_of(A), HeadData(vec![1, 1]));
		let event = |backed| {
			let fields = (hash, A, CoreIndex(0), GroupIndex(0), HeadData(vec![1, 1]).hash());
			if backed {
				Event::CandidateBacked {
					candidate_hash: fields.0,
					para_id: fields.1,
					core_index: fields.2,
					group_index: fields.3,
					head_hash: fields.4,
				}
			} else {
				Event::CandidateIncluded {
					candidate_hash: fields.0,
					para_id: fields.1,
					core_index: fields.2,
					group_index: fields.3,
					head_hash: fields.4,
				}
			}
		};
		System::assert_has_event(event(true).into());
		System::assert_last_event(event(false).into());
		// Once per block.
		assert_noop!(enter(vec![]), Error::<Test>::TooManyInclusionInherents);
		// Next block: the next candidate builds on the new head.
		run_to_block(3);
		assert_ok!(enter(vec![
			candidate(A, 0, vec![1, 2], &[0, 1]),
			candidate(B, 1, vec![2, 2], &[2, 3]),
		]));
		assert_eq!(head_of(A), HeadData(vec![1, 2]));
		assert_eq!(head_of(B), HeadData(vec![2, 2]));
	});
}

#[test]
fn code_upgrade_is_scheduled_through_paras() {
	new_test_ext().execute_with(|| {
		let backed = modified(candidate(A, 0, vec![5], &[0, 1]), |c| {
			c.commitments.new_validation_code = Some(code(9))
		});
		assert_ok!(enter(vec![backed]));
		assert_eq!(pallet_paras::FutureCodeUpgrades::<Test>::get(A), Some(2 + 5));
		assert_eq!(pallet_paras::FutureCodeHash::<Test>::get(A), Some(code(9).hash()));
		// A second upgrade while one is pending is refused.
		run_to_block(3);
		let again = modified(candidate(A, 0, vec![6], &[0, 1]), |c| {
			c.commitments.new_validation_code = Some(code(10))
		});
		assert_noop!(enter(vec![again]), Error::<Test>::CodeUpgradeNotAllowed);
	});
}

#[test]
fn two_paras_upgrading_in_one_block_are_both_scheduled() {
	new_test_ext().execute_with(|| {
		let upgrade = |para, core, head: Vec<u8>, voters: &[u8], c: u8| {
			modified(candidate(para, core, head, voters), |b| {
				b.commitments.new_validation_code = Some(code(c))
			})
		};
		assert_ok!(enter(vec![
			upgrade(A, 0, vec![5], &[0, 1], 9),
			upgrade(B, 1, vec![6], &[2, 3], 10)
		]));
		// Both in the one list of upgrades enacted at block 2 + 5, checked against the same
		// storage before either was written.
		assert_eq!(pallet_paras::UpcomingUpgradesAt::<Test>::get(2 + 5).into_inner(), vec![A, B]);
		assert_eq!(pallet_paras::FutureCodeHash::<Test>::get(B), Some(code(10).hash()));
		// Enacted together; then both cool down under the one rule.
		run_to_block(2 + 5);
		assert_eq!(pallet_paras::Pallet::<Test>::current_code(A), Some(code(9)));
		assert_eq!(pallet_paras::Pallet::<Test>::current_code(B), Some(code(10)));
		assert!(matches!(
			pallet_paras::Pallet::<Test>::check_code_upgrade(A, code(11), 7, false),
			Err(pallet_paras::Error::<Test>::CannotUpgradeCode)
		));
	});
}

#[test]
fn parathread_included_only_with_a_claim() {
	new_test_ext().execute_with(|| {
		// No claim: not scheduled.
		assert_noop!(
			enter(vec![candidate(THREAD, 2, vec![3, 1], &[4, 5])]),
			Error::<Test>::ParaNotScheduled
		);
		run_to_block(3);
		Claims::set(vec![(0, THREAD)]);
		assert_ok!(enter(vec![candidate(THREAD, 2, vec![3, 1], &[4, 5])]));
		assert_eq!(head_of(THREAD), HeadData(vec![3, 1]));
		assert_eq!(Served::get(), vec![(0, THREAD)]);
		// The claim is served: next block the core is free again.
		run_to_block(4);
		assert_noop!(
			enter(vec![candidate(THREAD, 2, vec![3, 2], &[4, 5])]),
			Error::<Test>::ParaNotScheduled
		);
	});
}

// ---- Every failed check changes nothing ----

#[test]
fn unscheduled_para_and_wrong_core() {
	new_test_ext().execute_with(|| {
		// A parathread on a parachain's core.
		assert_noop!(
			enter(vec![candidate(THREAD, 0, vec![3, 1], &[0, 1])]),
			Error::<Test>::ParaNotScheduled
		);
		// A on B's core, signed by B's group.
		assert_noop!(
			enter(vec![candidate(A, 1, vec![9], &[2, 3])]),
			Error::<Test>::ParaNotScheduled
		);
		// A core that does not exist.
		assert_noop!(enter(vec![candidate(A, 3, vec![9], &[0, 1])]), Error::<Test>::NoSuchCore);
	});
}

#[test]
fn unknown_or_too_old_relay_parent() {
	new_test_ext().execute_with(|| {
		let unknown = modified(candidate(A, 0, vec![9], &[0, 1]), |c| {
			c.descriptor.relay_parent = H256::repeat_byte(0x77)
		});
		assert_noop!(enter(vec![unknown]), Error::<Test>::UnknownRelayParent);
		// Built on block 1, still allowed at block 4, too old at block 5.
		let old = candidate(A, 0, vec![9], &[0, 1]);
		run_to_block(4);
		assert_eq!(RelayParents::<Test>::get()[0].number, 1);
		assert_ok!(Inclusion::check_backed_candidate(&Inclusion::block_context(), &old));
		run_to_block(5);
		assert_noop!(enter(vec![old]), Error::<Test>::UnknownRelayParent);
	});
}

#[test]
fn parent_head_mismatch() {
	new_test_ext().execute_with(|| {
		let stale = candidate(A, 0, vec![9], &[0, 1]);
		assert_ok!(enter(vec![candidate(A, 0, vec![8], &[0, 1])]));
		run_to_block(3);
		// Built on head [1], but the head is now [8].
		assert_noop!(enter(vec![stale]), Error::<Test>::ValidationDataMismatch);
		let wrong_head = modified(candidate(A, 0, vec![9], &[0, 1]), |c| {
			let rp = latest_relay_parent();
			c.descriptor.persisted_validation_data_hash = PersistedValidationData {
				parent_head: HeadData(vec![42]),
				relay_parent_number: rp.number,
				relay_parent_storage_root: rp.storage_root,
				max_pov_size: 1024,
			}
			.hash();
		});
		assert_noop!(enter(vec![wrong_head]), Error::<Test>::ValidationDataMismatch);
	});
}

#[test]
fn validation_data_mismatch() {
	new_test_ext().execute_with(|| {
		let rp = latest_relay_parent();
		let good = PersistedValidationData {
			parent_head: head_of(A),
			relay_parent_number: rp.number,
			relay_parent_storage_root: rp.storage_root,
			max_pov_size: 1024,
		};
		let variants = [
			PersistedValidationData { relay_parent_number: rp.number + 1, ..good.clone() },
			PersistedValidationData { relay_parent_storage_root: H256::zero(), ..good.clone() },
			PersistedValidationData { max_pov_size: 2048, ..good.clone() },
		];
		for pvd in variants {
			let backed = modified(candidate(A, 0, vec![9], &[0, 1]), |c| {
				c.descriptor.persisted_validation_data_hash = pvd.hash()
			});
			assert_noop!(enter(vec![backed]), Error::<Test>::ValidationDataMismatch);
		}
	});
}

#[test]
fn code_hash_mismatch() {
	new_test_ext().execute_with(|| {
		let backed = modified(candidate(A, 0, vec![9], &[0, 1]), |c| {
			c.descriptor.validation_code_hash = code(2).hash()
		});
		assert_noop!(enter(vec![backed]), Error::<Test>::ValidationCodeMismatch);
	});
}

#[test]
fn head_hash_mismatch() {
	new_test_ext().execute_with(|| {
		let backed = modified(candidate(A, 0, vec![9], &[0, 1]), |c| {
			c.descriptor.para_head = H256::repeat_byte(3)
		});
		assert_noop!(enter(vec![backed]), Error::<Test>::HeadHashMismatch);
	});
}

#[test]
fn oversize_head() {
	new_test_ext().execute_with(|| {
		assert_ok!(Inclusion::check_backed_candidate(
			&Inclusion::block_context(),
			&candidate(A, 0, vec![0; 16], &[0, 1])
		));
		assert_noop!(
			enter(vec![candidate(A, 0, vec![0; 17], &[0, 1])]),
			Error::<Test>::HeadDataTooLarge
		);
	});
}

#[test]
fn oversize_or_invalid_code() {
	new_test_ext().execute_with(|| {
		let mut big = code(1);
		big.0.resize(65, 0);
		let backed = modified(candidate(A, 0, vec![9], &[0, 1]), |c| {
			c.commitments.new_validation_code = Some(big)
		});
		assert_noop!(enter(vec![backed]), Error::<Test>::CodeTooLarge);
		let backed = modified(candidate(A, 0, vec![9], &[0, 1]), |c| {
			c.commitments.new_validation_code = Some(ValidationCode(vec![1, 2, 3, 4, 5, 6, 7, 8]))
		});
		assert_noop!(enter(vec![backed]), Error::<Test>::InvalidCode);
	});
}

#[test]
fn too_few_votes() {
	new_test_ext().execute_with(|| {
		assert_noop!(enter(vec![candidate(A, 0, vec![9], &[1])]), Error::<Test>::InsufficientVotes);
		assert_noop!(enter(vec![candidate(A, 0, vec![9], &[])]), Error::<Test>::InsufficientVotes);
		// The threshold is capped at the group size.
		MinBackingVotes::set(5);
		assert_ok!(enter(vec![candidate(A, 0, vec![9], &[0, 1])]));
	});
}

#[test]
fn bad_signature() {
	new_test_ext().execute_with(|| {
		// Validator 1's vote signed by validator 2's key.
		let mut backed = candidate(A, 0, vec![9], &[0, 2]);
		backed.validator_indices = vec![ValidatorIndex(0), ValidatorIndex(1)];
		assert_noop!(enter(vec![backed]), Error::<Test>::InvalidVote);
		// Votes for another candidate.
		let mut backed = candidate(A, 0, vec![9], &[0, 1]);
		backed.validity_votes = candidate(A, 0, vec![10], &[0, 1]).validity_votes;
		assert_noop!(enter(vec![backed]), Error::<Test>::InvalidVote);
	});
}

#[test]
fn vote_replayed_from_another_session() {
	new_test_ext().execute_with(|| {
		let mut backed = candidate(A, 0, vec![9], &[0, 1]);
		sign(&mut backed, &[0, 1], 1);
		assert_noop!(enter(vec![backed.clone()]), Error::<Test>::InvalidVote);
		// Signed in session 0 (the current one) it passes.
		sign(&mut backed, &[0, 1], 0);
		assert_ok!(enter(vec![backed]));
	});
}

#[test]
fn voter_not_in_group() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			enter(vec![candidate(A, 0, vec![9], &[0, 2])]),
			Error::<Test>::VoterNotInGroup
		);
		// An index beyond the validator set.
		let mut backed = candidate(A, 0, vec![9], &[0, 1]);
		backed.validator_indices[1] = ValidatorIndex(60);
		assert_noop!(enter(vec![backed]), Error::<Test>::VoterNotInGroup);
	});
}

#[test]
fn malformed_votes() {
	new_test_ext().execute_with(|| {
		assert_noop!(enter(vec![candidate(A, 0, vec![9], &[0, 0])]), Error::<Test>::DuplicateVoter);
		assert_noop!(enter(vec![candidate(A, 0, vec![9], &[1, 0])]), Error::<Test>::UnsortedVoters);
		let mut backed = candidate(A, 0, vec![9], &[0, 1]);
		backed.validity_votes.pop();
		assert_noop!(enter(vec![backed]), Error::<Test>::VoteCountMismatch);
	});
}

#[test]
fn two_candidates_for_one_core_or_para() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			enter(vec![candidate(A, 0, vec![9], &[0, 1]), candidate(A, 0, vec![10], &[0, 1])]),
			Error::<Test>::DuplicateCore
		);
		// A parathread with claims on two pool cores gets one candidate per block.
		PoolSize::set(2);
		Claims::set(vec![(0, THREAD), (1, THREAD)]);
		// Four cores now, so the groups are [0, 1], [2, 3], [4], [5].
		assert_noop!(
			enter(vec![candidate(THREAD, 2, vec![9], &[4]), candidate(THREAD, 3, vec![10], &[5])]),
			Error::<Test>::DuplicatePara
		);
	});
}

#[test]
fn one_bad_candidate_fails_the_whole_inherent() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			enter(vec![candidate(A, 0, vec![9], &[0, 1]), candidate(B, 1, vec![9], &[2])]),
			Error::<Test>::InsufficientVotes
		);
		assert_eq!(head_of(A), HeadData(vec![1]));
	});
}

// ---- The inherent ----

#[test]
fn create_inherent_filters_and_is_required() {
	new_test_ext().execute_with(|| {
		let empty = InherentData::new();
		assert!(matches!(Inclusion::is_inherent_required(&empty), Ok(Some(_))));
		let call = Inclusion::create_inherent(&empty).expect("always made");
		assert_eq!(call, Call::enter { backed_candidates: vec![] });

		let good_a = candidate(A, 0, vec![9], &[0, 1]);
		let second_on_core = candidate(A, 0, vec![10], &[0, 1]);
		let too_few = candidate(B, 1, vec![9], &[2]);
		let mut data = InherentData::new();
		data.put_data(
			INHERENT_IDENTIFIER,
			&vec![good_a.clone(), second_on_core, too_few, candidate(THREAD, 2, vec![9], &[4, 5])],
		)
		.expect("encodes");
		let call = Inclusion::create_inherent(&data).expect("always made");
		assert_eq!(call, Call::enter { backed_candidates: vec![good_a] });
		assert!(Inclusion::is_inherent(&call));
		let Call::enter { backed_candidates } = call;
		assert_ok!(enter(backed_candidates));
	});
}

#[test]
fn enter_requires_none_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Inclusion::enter(RuntimeOrigin::root(), vec![]),
			sp_runtime::DispatchError::BadOrigin
		);
		Inclusion::on_finalize(2);
		assert!(!Included::<Test>::exists());
	});
}

mod view;
