//! The descriptor's version and session, the message fields of the commitments (checked as
//! Polkadot checks them for a para with empty queues and no channels) and the core selected by
//! UMP signals.

use super::*;
use relay_primitives::candidate::{
	ClaimQueueOffset, CoreSelector, OutboundHrmpMessage, UmpSignal, UMP_SEPARATOR,
};

fn with_upward(messages: Vec<Vec<u8>>) -> impl FnOnce(&mut CommittedCandidateReceipt) {
	move |c| c.commitments.upward_messages = messages.try_into().expect("few")
}

fn select(selector: u8) -> Vec<u8> {
	UmpSignal::SelectCore(CoreSelector(selector), ClaimQueueOffset(0)).encode()
}

#[test]
fn only_v2_descriptors_of_the_current_session() {
	new_test_ext().execute_with(|| {
		let base = candidate(A, 0, vec![9], &[0, 1]);
		assert_noop!(
			enter(vec![modified(base.clone(), |c| c.descriptor.version = 1)]),
			Error::<Test>::UnsupportedDescriptorVersion
		);
		assert_noop!(
			enter(vec![modified(base.clone(), |c| c.descriptor.reserved1[3] = 1)]),
			Error::<Test>::UnsupportedDescriptorVersion
		);
		assert_noop!(
			enter(vec![modified(base.clone(), |c| c.descriptor.reserved2[63] = 1)]),
			Error::<Test>::UnsupportedDescriptorVersion
		);
		assert_noop!(
			enter(vec![modified(base.clone(), |c| c.descriptor.session_index = 1)]),
			Error::<Test>::WrongSession
		);
		// The erasure root is not checked (no availability layer yet).
		assert_ok!(enter(vec![modified(base, |c| c.descriptor.erasure_root = H256::zero())]));
	});
}

#[test]
fn message_fields_as_polkadot_checks_them_without_queues() {
	new_test_ext().execute_with(|| {
		let base = candidate(A, 0, vec![9], &[0, 1]);
		let number = latest_relay_parent().number;
		assert_noop!(
			enter(vec![modified(base.clone(), with_upward(vec![vec![1, 2]]))]),
			Error::<Test>::InvalidUpwardMessages
		);
		assert_noop!(
			enter(vec![modified(base.clone(), |c| {
				c.commitments.horizontal_messages =
					vec![OutboundHrmpMessage { recipient: B, data: vec![1] }]
						.try_into()
						.expect("one")
			})]),
			Error::<Test>::InvalidOutboundHrmp
		);
		assert_noop!(
			enter(vec![modified(base.clone(), |c| c.commitments.processed_downward_messages = 1)]),
			Error::<Test>::IncorrectDownwardMessageHandling
		);
		for watermark in [0, number.saturating_sub(1), number + 1] {
			if watermark == number {
				continue;
			}
			assert_noop!(
				enter(vec![modified(base.clone(), |c| c.commitments.hrmp_watermark = watermark)]),
				Error::<Test>::HrmpWatermarkMishandling
			);
		}
		assert_noop!(
			enter(vec![modified(
				base.clone(),
				with_upward(vec![UMP_SEPARATOR, select(0), select(1)])
			)]),
			Error::<Test>::InvalidUmpSignals
		);
		assert_noop!(
			enter(vec![modified(base.clone(), with_upward(vec![UMP_SEPARATOR, vec![9]]))]),
			Error::<Test>::InvalidUmpSignals
		);
		// Signals alone are fine: one core, so any selector picks it.
		assert_ok!(enter(vec![modified(base, with_upward(vec![UMP_SEPARATOR, select(7)]))]));
		assert_eq!(head_of(A), HeadData(vec![9]));
	});
}

#[test]
fn the_selected_core_must_be_the_descriptors() {
	new_test_ext().execute_with(|| {
		// A parathread with claims on both pool cores (cores 2 and 3).
		PoolSize::set(2);
		Claims::set(vec![(0, THREAD), (1, THREAD)]);
		// Four cores, so the groups are [0, 1], [2, 3], [4], [5].
		let on_core_2 = candidate(THREAD, 2, vec![9], &[4]);
		// Selector 1 picks the second of its cores: 3, not 2.
		assert_noop!(
			enter(vec![modified(on_core_2.clone(), with_upward(vec![UMP_SEPARATOR, select(1)]))]),
			Error::<Test>::CoreIndexMismatch
		);
		// Selector 2 wraps around to core 2.
		assert_ok!(enter(vec![modified(on_core_2, with_upward(vec![UMP_SEPARATOR, select(2)]))]));
	});
}
