//! Enacting backed candidates (heads, code upgrades, parathreads only with a claim) and the
//! inherent.

use super::*;

#[test]
fn valid_candidate_is_included_and_head_advances() {
	new_test_ext().execute_with(|| {
		let backed = candidate(A, 0, vec![1, 1], &[0, 1]);
		let receipt = backed.candidate.to_plain();
		assert_ok!(enter(vec![backed]));
		assert_eq!(head_of(A), HeadData(vec![1, 1]));
		let event = |backed| {
			let fields = (receipt.clone(), HeadData(vec![1, 1]), CoreIndex(0), GroupIndex(0));
			if backed {
				Event::CandidateBacked(fields.0, fields.1, fields.2, fields.3)
			} else {
				Event::CandidateIncluded(fields.0, fields.1, fields.2, fields.3)
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

#[test]
fn create_inherent_filters_and_is_required() {
	new_test_ext().execute_with(|| {
		let empty = InherentData::new();
		assert!(matches!(Inclusion::is_inherent_required(&empty), Ok(Some(_))));
		// Without the parent header no call can pass: none is made.
		assert_eq!(Inclusion::create_inherent(&empty), None);
		let mut undecodable = InherentData::new();
		undecodable.put_data(INHERENT_IDENTIFIER, &vec![1u8, 2, 3]).expect("encodes");
		assert_eq!(Inclusion::create_inherent(&undecodable), None);

		let good_a = candidate(A, 0, vec![9], &[0, 1]);
		let second_on_core = candidate(A, 0, vec![10], &[0, 1]);
		let too_few = candidate(B, 1, vec![9], &[2]);
		let offered =
			vec![good_a.clone(), second_on_core, too_few, candidate(THREAD, 2, vec![9], &[4, 5])];
		let mut data = InherentData::new();
		data.put_data(INHERENT_IDENTIFIER, &inherent_data(offered.clone()))
			.expect("encodes");
		let call = Inclusion::create_inherent(&data).expect("made");
		assert_eq!(call, Call::enter { data: inherent_data(vec![good_a]) });
		assert!(Inclusion::is_inherent(&call));

		// With another block's header every candidate is dropped (and `enter` would fail).
		let mut wrong = inherent_data(offered);
		wrong.parent_header.number += 1;
		let mut data = InherentData::new();
		data.put_data(INHERENT_IDENTIFIER, &wrong).expect("encodes");
		let Some(Call::enter { data: made }) = Inclusion::create_inherent(&data) else {
			panic!("made")
		};
		assert!(made.backed_candidates.is_empty());
		assert_noop!(
			Inclusion::enter(RuntimeOrigin::none(), made),
			Error::<Test>::InvalidParentHeader
		);

		let Call::enter { data } = call;
		assert_ok!(Inclusion::enter(RuntimeOrigin::none(), data));
	});
}

#[test]
fn the_parent_is_recorded_with_its_headers_state_root() {
	new_test_ext().execute_with(|| {
		// Block 2: block 1 is recorded by `enter`, with the root its header carries.
		let parent = ParentHeader::get();
		assert_eq!(parent.number, 1);
		assert_ne!(RelayParents::<Test>::get().last().map(|p| p.number), Some(1));
		assert_ok!(enter(vec![]));
		let recorded = *RelayParents::<Test>::get().last().expect("recorded");
		assert_eq!(
			recorded,
			RelayParentInfo { hash: parent.hash(), number: 1, storage_root: parent.state_root }
		);
		assert_eq!(
			Inclusion::persisted_validation_data(A, parent.hash())
				.map(|d| d.relay_parent_storage_root),
			Some(parent.state_root)
		);
		// Twice in a block: refused.
		assert_noop!(enter(vec![]), Error::<Test>::TooManyInclusionInherents);
		// A header that is not the parent's: refused, nothing recorded.
		run_to_block(3);
		let parents = RelayParents::<Test>::get();
		for change in [
			|h: &mut Header| h.state_root = H256::repeat_byte(9),
			|h: &mut Header| h.number = 7,
			|h: &mut Header| h.parent_hash = H256::repeat_byte(9),
		] {
			let mut data = inherent_data(vec![]);
			change(&mut data.parent_header);
			assert_noop!(
				Inclusion::enter(RuntimeOrigin::none(), data),
				Error::<Test>::InvalidParentHeader
			);
		}
		assert_eq!(RelayParents::<Test>::get(), parents);
	});
}

#[test]
fn enter_requires_none_origin() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Inclusion::enter(RuntimeOrigin::root(), inherent_data(vec![])),
			sp_runtime::DispatchError::BadOrigin
		);
		Inclusion::on_finalize(2);
		assert!(!Included::<Test>::exists());
	});
}

/// What the block author's inherent keeps of `offered` at the current block.
fn kept(offered: Vec<BackedCandidate>) -> Vec<BackedCandidate> {
	let mut data = InherentData::new();
	data.put_data(INHERENT_IDENTIFIER, &inherent_data(offered)).expect("encodes");
	let Some(Call::enter { data }) = Inclusion::create_inherent(&data) else { panic!("made") };
	data.backed_candidates
}

#[test]
fn candidates_built_ahead_are_enacted_in_order_and_a_dropped_ones_descendants_never() {
	new_test_ext().execute_with(|| {
		let genesis = head_of(A).0;
		// Built ahead on the same relay parent: one on the head on chain and one on its
		// output; and a sibling of the first with a child of its own.
		let first = candidate(A, 0, vec![0x11], &[0, 1]);
		let second = candidate_on(A, 0, vec![0x11], vec![0x12], &[0, 1]);
		let sibling = candidate(A, 0, vec![0x17], &[0, 1]);
		let on_sibling = candidate_on(A, 0, vec![0x17], vec![0x18], &[0, 1]);
		for head in [0x11, 0x12, 0x13, 0x17, 0x18] {
			assert_ne!(genesis, vec![head]);
		}
		let offered = |more: &[&BackedCandidate]| {
			let mut all = vec![on_sibling.clone(), second.clone(), first.clone(), sibling.clone()];
			all.extend(more.iter().map(|c| (*c).clone()));
			all
		};
		// One per core and block, the one on the head on chain: the chain's first.
		assert_eq!(kept(offered(&[])), vec![first.clone()]);
		// A child before its parent is refused outright.
		assert_noop!(enter(vec![second.clone()]), Error::<Test>::ValidationDataMismatch);
		assert_ok!(enter(kept(offered(&[]))));
		assert_eq!(head_of(A), HeadData(vec![0x11]));
		// Next block: the second, on the first's output.
		let start = System::block_number();
		run_to_block(start + 1);
		// The sibling lost; neither it nor what was built on it is ever included.
		for dropped in [&sibling, &on_sibling] {
			assert_noop!(enter(vec![dropped.clone()]), Error::<Test>::ValidationDataMismatch);
		}
		assert_eq!(kept(offered(&[])), vec![second.clone()]);
		assert_ok!(enter(kept(offered(&[]))));
		assert_eq!(head_of(A), HeadData(vec![0x12]));
		// A third, built on the second at a newer relay parent while it was pending.
		let third = candidate_on(A, 0, vec![0x12], vec![0x13], &[0, 1]);
		run_to_block(start + 2);
		assert_eq!(kept(offered(&[&third])), vec![third.clone()]);
		assert_ok!(enter(kept(offered(&[&third]))));
		assert_eq!(head_of(A), HeadData(vec![0x13]));
		// Nor later, once their relay parent is out of the window.
		run_to_block(start + 3);
		assert!(kept(offered(&[&third])).is_empty());
	});
}

#[test]
fn candidates_signed_in_a_session_that_ends_with_the_parent_are_included_in_the_next_block() {
	new_test_ext().execute_with(|| {
		// Built on the last block of session 0 (what `session_index_for_child` said there).
		let last_of_session = candidate(A, 0, vec![0x21], &[0, 1]);
		assert_eq!(last_of_session.candidate.descriptor.session_index, 0);
		run_to_block(System::block_number() + 1);
		// This block starts session 1 (its `on_initialize`): the candidate is still included.
		Session::set(1);
		assert_ok!(enter(vec![last_of_session]));
		assert_eq!(head_of(A), HeadData(vec![0x21]));
		// From the next block on, candidates are those of session 1; session 0's are refused.
		run_to_block(System::block_number() + 1);
		Session::set(1);
		let mut old = candidate(A, 0, vec![0x22], &[0, 1]);
		sign(&mut old, &[0, 1], 0);
		old = modified(old, |c| c.descriptor.session_index = 0);
		assert_noop!(enter(vec![old]), Error::<Test>::WrongSession);
		assert_ok!(enter(vec![candidate(A, 0, vec![0x22], &[0, 1])]));
		assert_eq!(head_of(A), HeadData(vec![0x22]));
	});
}
