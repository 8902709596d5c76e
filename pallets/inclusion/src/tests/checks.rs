//! Every check of a candidate: a failed one changes nothing (`assert_noop!`).

use super::*;

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
		// Built on block 0 (the latest recorded at block 2), still allowed at block 4 (which
		// would record 3), too old at block 5.
		let old = candidate(A, 0, vec![9], &[0, 1]);
		assert_eq!(old.candidate.descriptor.relay_parent, RelayParents::<Test>::get()[0].hash);
		run_to_block(4);
		assert_eq!(RelayParents::<Test>::get()[0].number, 0);
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
		let mut backed = candidate(A, 0, vec![9], &[0, 1]);
		sign_with(&mut backed, &[(0, 0), (1, 2)], Session::get());
		assert_noop!(enter(vec![backed]), Error::<Test>::InvalidVote);
		// Votes for another candidate.
		let mut backed = candidate(A, 0, vec![9], &[0, 1]);
		backed.validity_votes = candidate(A, 0, vec![10], &[0, 1]).validity_votes;
		assert_noop!(enter(vec![backed]), Error::<Test>::InvalidVote);
		// A `Seconded` signature passed off as a `Valid` vote.
		let mut backed = candidate(A, 0, vec![9], &[0, 1]);
		let context = SigningContext { session_index: 0, parent_hash: latest_relay_parent().hash };
		let seconded = signing_payload(&CompactStatement::Seconded(backed.hash()), &context);
		backed.validity_votes[1] =
			ValidityAttestation::Explicit(ValidatorSignature::from(pair(1).sign(&seconded)));
		assert_noop!(enter(vec![backed.clone()]), Error::<Test>::InvalidVote);
		// As an implicit attestation (the seconder's) it counts.
		backed.validity_votes[1] =
			ValidityAttestation::Implicit(ValidatorSignature::from(pair(1).sign(&seconded)));
		assert_ok!(enter(vec![backed]));
	});
}

#[test]
fn vote_replayed_from_another_session_or_relay_parent() {
	new_test_ext().execute_with(|| {
		let mut backed = candidate(A, 0, vec![9], &[0, 1]);
		sign(&mut backed, &[0, 1], 1);
		assert_noop!(enter(vec![backed.clone()]), Error::<Test>::InvalidVote);
		// Signed at another relay-chain block.
		let hash = backed.hash();
		let elsewhere = SigningContext { session_index: 0, parent_hash: H256::repeat_byte(3) };
		let payload = signing_payload(&CompactStatement::Valid(hash), &elsewhere);
		let mut replayed = backed.clone();
		replayed.validity_votes = [0u8, 1]
			.iter()
			.map(|i| ValidityAttestation::Explicit(pair(*i).sign(&payload).into()))
			.collect();
		assert_noop!(enter(vec![replayed]), Error::<Test>::InvalidVote);
		// Signed in session 0 (the current one) at the relay parent it passes.
		sign(&mut backed, &[0, 1], 0);
		assert_ok!(enter(vec![backed]));
	});
}

#[test]
fn votes_from_outside_the_group() {
	new_test_ext().execute_with(|| {
		// Validator 2 (of B's group) cannot be named in A's bitfield: its vote is left out, and
		// one vote is too few.
		assert_noop!(
			enter(vec![candidate(A, 0, vec![9], &[0, 2])]),
			Error::<Test>::InsufficientVotes
		);
		// Its signature in a member's place does not verify.
		let mut backed = candidate(A, 0, vec![9], &[0, 1]);
		sign_with(&mut backed, &[(0, 0), (1, 3)], Session::get());
		assert_noop!(enter(vec![backed]), Error::<Test>::InvalidVote);
	});
}

#[test]
fn malformed_bitfield() {
	new_test_ext().execute_with(|| {
		let backed = candidate(A, 0, vec![9], &[0, 1]);
		// Group of 2 plus 8 core bits.
		assert_eq!(backed.validator_indices.len(), 10);
		let mut missing_vote = backed.clone();
		missing_vote.validity_votes.pop();
		assert_noop!(enter(vec![missing_vote]), Error::<Test>::VoteCountMismatch);
		let mut short = backed.clone();
		short.validator_indices.truncate(9);
		assert_noop!(enter(vec![short]), Error::<Test>::InvalidValidatorBitfield);
		let mut long = backed.clone();
		long.validator_indices.push(false);
		assert_noop!(enter(vec![long]), Error::<Test>::InvalidValidatorBitfield);
		let mut wrong_core = backed.clone();
		wrong_core.validator_indices.set(2, true);
		assert_noop!(enter(vec![wrong_core]), Error::<Test>::InvalidValidatorBitfield);
		// Without the core bits it is accepted too.
		let mut plain = backed;
		plain.validator_indices.truncate(2);
		assert_ok!(enter(vec![plain]));
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
