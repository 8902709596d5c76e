//! Parachain blocks end to end: a parathread bids for a pool core in the fee auction
//! (`parathreads`), wins a claim at the next block's clearing, and its backed candidate is enacted
//! on that core by the inclusion inherent, which pays the claim's price (part burned, part to the
//! block author); parachains use their own cores alongside. `run_to_block` checks every invariant,
//! the parathreads pallet's own among them, after each block.
//!
//! Timing (see `mock`): paras registered at block 1 are parathreads from block 6; a claim won at
//! block `n` is live in blocks `n ..= n + 2` and expires at the start of block `n + 3`.

use crate::mock::*;
use frame_support::{
	assert_noop, assert_ok, dispatch::DispatchResultWithPostInfo, traits::fungible::InspectHold,
};
use pallet_inclusion::{CoreAssignment, Event as InclusionEvent};
use pallet_parathreads::{Event as ParathreadsEvent, LossReason};
use relay_primitives::{
	signing_payload, traits::ParaHeads, BackedCandidate, CandidateCommitments, CandidateDescriptor,
	CommittedCandidateReceipt, CompactStatement, CoreIndex, DescriptorFields, GroupIndex, Hash,
	HeadData, ParaId, ParaLifecycle, SigningContext, ValidatorIndex, ValidityAttestation,
};
use sp_core::{Pair as _, H256};
use sp_runtime::DispatchResult;
use std::collections::BTreeMap;

/// The bidder in every test.
const BIDDER: AccountId = 3;
/// The block author in every test (no funds at genesis).
const AUTHOR: AccountId = 21;
/// What the bidder offers; a lone bid clears at the reserve price.
const FEE: u64 = 200;
/// What is burned of a served claim's price ([`RESERVE_PRICE`]): 80 %.
const BURNED: u64 = 40;
/// What the block author gets of it: the rest.
const TO_AUTHOR: u64 = 10;

/// Registers one para per manager at block 1, runs to block 6, when they are parathreads, and
/// makes [`AUTHOR`] the block author.
fn setup<const N: usize>(managers: [AccountId; N]) -> [ParaId; N] {
	let paras = managers.map(register);
	run_to_block(6);
	for para in paras {
		assert_eq!(Paras::lifecycle(para), Some(ParaLifecycle::Parathread));
	}
	Author::set(Some(AUTHOR));
	paras
}

fn head_hash(para: ParaId) -> Hash {
	Paras::current_head_hash(para).expect("the para has a head")
}

fn bid(para: ParaId, fee: u64, head_hash: Hash) -> DispatchResult {
	Parathreads::bid(RuntimeOrigin::signed(BIDDER), para, fee, head_hash)
}

fn held(who: AccountId) -> u64 {
	Balances::balance_on_hold(&pallet_parathreads::HoldReason::Bid.into(), &who)
}

fn parathreads_events() -> Vec<ParathreadsEvent<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Parathreads(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn inclusion_events() -> Vec<InclusionEvent<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Inclusion(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// [`BIDDER`] bids [`FEE`] for `para` on its current head; at the next block's clearing it wins
/// pool core 0 at the reserve price and the rest of the fee is released.
fn win_claim(para: ParaId) {
	assert_ok!(bid(para, FEE, head_hash(para)));
	assert_eq!(held(BIDDER), FEE);
	let next = System::block_number() + 1;
	run_to_block(next);
	assert!(parathreads_events().contains(&ParathreadsEvent::BidWon {
		para_id: para,
		bidder: BIDDER,
		pool_core: 0,
		price: RESERVE_PRICE,
		expires_at: next + 3,
	}));
	assert_eq!(held(BIDDER), RESERVE_PRICE);
	assert_eq!(pallet_parathreads::ClaimedCore::<Test>::get(para), Some(0));
}

/// The core of pool core `pool_core` in this block: after one core per parachain.
fn pool_core_index(pool_core: u32) -> u32 {
	Paras::parachains().len() as u32 + pool_core
}

/// The group backing `core` in this block, and its validators.
fn backing_group(core: CoreIndex) -> (GroupIndex, Vec<ValidatorIndex>) {
	let groups = Inclusion::validator_groups();
	let group =
		Inclusion::group_assigned_to_core(core, groups.len() as u32).expect("validators are set");
	(group, groups[group.0 as usize].clone())
}

/// A valid candidate of `para` on `core` with the new head `[head]`, built on the latest relay
/// parent and voted for by every validator of the core's backing group in this session.
pub(crate) fn candidate(para: ParaId, core: u32, head: u8) -> BackedCandidate {
	let relay_parent = *pallet_inclusion::RelayParents::<Test>::get()
		.last()
		.expect("a relay parent is recorded");
	let pvd =
		Inclusion::persisted_validation_data(para, relay_parent.hash).expect("the para has a head");
	let head = HeadData(vec![head]);
	let descriptor = CandidateDescriptor::new(DescriptorFields {
		para_id: para,
		relay_parent: relay_parent.hash,
		core_index: CoreIndex(core),
		session_index: Inclusion::candidate_session(),
		persisted_validation_data_hash: pvd.hash(),
		pov_hash: H256::repeat_byte(0xaa),
		erasure_root: H256::zero(),
		para_head: head.hash(),
		validation_code_hash: pallet_paras::CurrentCodeHash::<Test>::get(para)
			.expect("the para has code"),
	})
	.expect("the core fits");
	let commitments = CandidateCommitments::new(head, None, relay_parent.number);
	let candidate = CommittedCandidateReceipt { descriptor, commitments };
	let (_, voters) = backing_group(CoreIndex(core));
	let context = SigningContext {
		session_index: Inclusion::candidate_session(),
		parent_hash: relay_parent.hash,
	};
	let payload = signing_payload(&CompactStatement::Valid(candidate.hash()), &context);
	let votes: BTreeMap<ValidatorIndex, ValidityAttestation> = voters
		.iter()
		.map(|v| (*v, ValidityAttestation::Explicit(validator(v.0 as u8).sign(&payload))))
		.collect();
	BackedCandidate::from_votes(candidate, &voters, &votes)
}

fn enter(candidates: Vec<BackedCandidate>) -> DispatchResultWithPostInfo {
	Inclusion::enter(RuntimeOrigin::none(), inclusion_data(candidates))
}

/// `backed` was enacted in this block: its head is its para's head, and it was reported backed
/// and included.
fn assert_enacted(backed: &BackedCandidate) {
	let descriptor = &backed.candidate.descriptor;
	let (para_id, core_index) = (descriptor.para_id, descriptor.core());
	let (group_index, _) = backing_group(core_index);
	let head = backed.candidate.commitments.head_data.clone();
	assert_eq!(pallet_paras::Heads::<Test>::get(para_id).as_ref(), Some(&head));
	let receipt = backed.candidate.to_plain();
	let events = inclusion_events();
	assert!(events.contains(&InclusionEvent::CandidateBacked(
		receipt.clone(),
		head.clone(),
		core_index,
		group_index
	)));
	assert!(events.contains(&InclusionEvent::CandidateIncluded(
		receipt,
		head,
		core_index,
		group_index
	)));
}

/// `para`'s claim on pool core 0 was served and paid: part burned, part to [`AUTHOR`].
fn assert_served(para: ParaId) {
	assert!(parathreads_events().contains(&ParathreadsEvent::ClaimServed {
		para_id: para,
		pool_core: 0,
		price: RESERVE_PRICE,
		burned: BURNED,
		to_author: TO_AUTHOR,
	}));
	assert_eq!(held(BIDDER), 0);
	assert_eq!(Balances::free_balance(BIDDER), BALANCE - RESERVE_PRICE);
	assert_eq!(Balances::free_balance(AUTHOR), TO_AUTHOR);
	assert_eq!(pallet_parathreads::ClaimedCore::<Test>::get(para), None);
	assert_eq!(
		Inclusion::core_assignments()[pool_core_index(0) as usize],
		CoreAssignment::Pool { pool_core: 0, claim: None },
		"the core is free again"
	);
}

#[test]
fn parathread_block_included_only_with_a_claim() {
	new_test_ext().execute_with(|| {
		let [thread] = setup([1]);
		let core = pool_core_index(0);
		assert_eq!(core, 0, "without parachains pool core 0 is core 0");
		assert_noop!(
			enter(vec![candidate(thread, core, 2)]),
			pallet_inclusion::Error::<Test>::ParaNotScheduled
		);

		win_claim(thread);
		let issuance = Balances::total_issuance();
		let backed = candidate(thread, core, 2);
		assert_ok!(enter(vec![backed.clone()]));
		assert_enacted(&backed);
		assert_served(thread);
		assert_eq!(Balances::total_issuance(), issuance - BURNED);

		run_to_block(System::block_number() + 1);
		assert_noop!(
			enter(vec![candidate(thread, core, 3)]),
			pallet_inclusion::Error::<Test>::ParaNotScheduled
		);
	});
}

#[test]
fn unserved_claim_expires_and_is_refunded() {
	new_test_ext().execute_with(|| {
		let [thread] = setup([1]);
		let issuance = Balances::total_issuance();
		win_claim(thread);
		let won_at = System::block_number();
		run_to_block(won_at + 2);
		assert_eq!(Parathreads::live_claim(0).map(|claim| claim.para_id), Some(thread));
		assert_eq!(held(BIDDER), RESERVE_PRICE);

		run_to_block(won_at + 3);
		assert!(parathreads_events().contains(&ParathreadsEvent::ClaimExpired {
			para_id: thread,
			pool_core: 0,
			refunded: RESERVE_PRICE,
		}));
		assert_eq!(held(BIDDER), 0);
		assert_eq!(Balances::free_balance(BIDDER), BALANCE);
		assert_eq!(Balances::free_balance(AUTHOR), 0);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_noop!(
			enter(vec![candidate(thread, pool_core_index(0), 2)]),
			pallet_inclusion::Error::<Test>::ParaNotScheduled
		);
		assert_eq!(pallet_paras::Heads::<Test>::get(thread), Some(head()));
	});
}

#[test]
fn parachain_and_parathread_in_one_block() {
	new_test_ext().execute_with(|| {
		let [chain, thread] = setup([1, 2]);
		assert_ok!(Slots::force_lease(RuntimeOrigin::root(), chain, 1, 100, 0, 2));
		run_to_block(12);
		assert_eq!(Paras::parachains(), vec![chain]);

		win_claim(thread);
		let core = pool_core_index(0);
		assert_eq!(core, 1, "pool core 0 comes after the parachain's core");
		let candidates = vec![candidate(chain, 0, 2), candidate(thread, core, 3)];
		assert_ok!(enter(candidates.clone()));
		candidates.iter().for_each(assert_enacted);
		assert_served(thread);
	});
}

#[test]
fn stale_head_bid_cannot_win() {
	new_test_ext().execute_with(|| {
		let [thread] = setup([1]);
		win_claim(thread);
		let old = head_hash(thread);
		assert_ok!(enter(vec![candidate(thread, pool_core_index(0), 2)]));
		let new = head_hash(thread);
		assert_eq!(new, HeadData(vec![2]).hash());
		assert_noop!(bid(thread, FEE, old), pallet_parathreads::Error::<Test>::StaleHead);

		// A bid on the current head loses at the clearing if the head changes before it.
		assert_ok!(bid(thread, FEE, new));
		assert_ok!(Paras::force_set_current_head(RuntimeOrigin::root(), thread, HeadData(vec![3])));
		run_to_block(System::block_number() + 1);
		assert!(parathreads_events().contains(&ParathreadsEvent::BidLost {
			para_id: thread,
			bidder: BIDDER,
			fee: FEE,
			reason: LossReason::StaleHead,
		}));
		assert_eq!(held(BIDDER), 0);
		assert_eq!(pallet_parathreads::ClaimedCore::<Test>::get(thread), None);
	});
}
