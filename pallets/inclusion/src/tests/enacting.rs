//! Enacting backed candidates (heads, code upgrades, parathreads only with a claim) and the
//! inherent.

use super::*;

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
