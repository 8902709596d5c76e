//! Tests: scheduling, relay parents, every check of a candidate (with `assert_noop!`), enacting,
//! parathread claims and the inherent.

use crate::{mock::*, scheduler::*, *};
use alloc::collections::BTreeMap;
use frame_support::{assert_noop, assert_ok, inherent::ProvideInherent, traits::Hooks};
use relay_primitives::{
	signing_payload, CandidateCommitments, CandidateDescriptor, CommittedCandidateReceipt,
	CompactStatement, CoreIndex, DescriptorFields, GroupIndex, HeadData, Header, ParaId,
	PersistedValidationData, SigningContext, ValidationCode, ValidatorIndex, ValidatorSignature,
	ValidityAttestation,
};
use sp_core::{Pair as _, H256};
use sp_inherents::InherentData;

mod checks;
mod commitments;
mod enacting;
mod scheduling;
mod view;

const A: ParaId = ParaId(2000);
const B: ParaId = ParaId(2001);
const THREAD: ParaId = ParaId(3000);

fn latest_relay_parent() -> RelayParentInfo {
	*RelayParents::<Test>::get().last().expect("a relay parent is recorded")
}

/// The group backing candidates of `core` on the newest relay parent (empty if there is none).
fn group_of_core(core: CoreIndex) -> Vec<ValidatorIndex> {
	let ctx = Inclusion::block_context();
	Inclusion::group_backing_on(core, latest_relay_parent().number, ctx.groups.len() as u32)
		.and_then(|group| ctx.groups.get(group.0 as usize).cloned())
		.unwrap_or_default()
}

/// Signs `backed` again: each of `voters` (validator indices, members of the core's group) signs
/// `Valid` in `session` at the candidate's relay parent. The bitfield follows the group, with
/// the core index appended, as Polkadot's backers make it.
fn sign(backed: &mut BackedCandidate, voters: &[u8], session: u32) {
	let votes: Vec<(u8, u8)> = voters.iter().map(|v| (*v, *v)).collect();
	sign_with(backed, &votes, session);
}

/// Like [`sign`], but each `(place, key)` puts at validator `place`'s position a vote signed
/// with validator `key`'s key.
fn sign_with(backed: &mut BackedCandidate, votes: &[(u8, u8)], session: u32) {
	let hash = backed.hash();
	let context = SigningContext {
		session_index: session,
		parent_hash: backed.candidate.descriptor.relay_parent,
	};
	let payload = signing_payload(&CompactStatement::Valid(hash), &context);
	let group = group_of_core(backed.candidate.descriptor.core());
	let votes: BTreeMap<ValidatorIndex, ValidityAttestation> = votes
		.iter()
		.map(|(place, key)| {
			let signature = ValidatorSignature::from(pair(*key).sign(&payload));
			(ValidatorIndex(u32::from(*place)), ValidityAttestation::Explicit(signature))
		})
		.collect();
	*backed = BackedCandidate::from_votes(backed.candidate.clone(), &group, &votes);
}

/// The validator indices whose votes `backed` carries.
fn voters_of(backed: &BackedCandidate) -> Vec<u8> {
	let group = group_of_core(backed.candidate.descriptor.core());
	backed
		.validator_indices
		.iter_ones()
		.filter_map(|position| group.get(position).map(|v| v.0 as u8))
		.collect()
}

/// A valid candidate of `para` on `core` with head `head`, signed by `voters` in the current
/// session, built on the latest relay parent.
fn candidate(para: ParaId, core: u32, head: Vec<u8>, voters: &[u8]) -> BackedCandidate {
	let relay_parent = latest_relay_parent();
	let pvd = Inclusion::persisted_validation_data(para, relay_parent.hash).expect("para exists");
	let head = HeadData(head);
	let descriptor = CandidateDescriptor::new(DescriptorFields {
		para_id: para,
		relay_parent: relay_parent.hash,
		core_index: CoreIndex(core),
		session_index: Session::get(),
		persisted_validation_data_hash: pvd.hash(),
		pov_hash: H256::repeat_byte(0xaa),
		erasure_root: H256::repeat_byte(0xee),
		para_head: head.hash(),
		validation_code_hash: pallet_paras::CurrentCodeHash::<Test>::get(para)
			.expect("para has code"),
	})
	.expect("core fits");
	let commitments = CandidateCommitments::new(head, None, relay_parent.number);
	let mut backed = BackedCandidate::from_votes(
		CommittedCandidateReceipt { descriptor, commitments },
		&[],
		&BTreeMap::new(),
	);
	sign(&mut backed, voters, Session::get());
	backed
}

/// A candidate of `para` built ahead: on `parent` (the head of a candidate not yet included)
/// instead of the para's head on chain, at the newest relay parent.
fn candidate_on(
	para: ParaId,
	core: u32,
	parent: Vec<u8>,
	head: Vec<u8>,
	voters: &[u8],
) -> BackedCandidate {
	let relay_parent = latest_relay_parent();
	let mut pvd = Inclusion::persisted_validation_data(para, relay_parent.hash).expect("para");
	pvd.parent_head = HeadData(parent);
	modified(candidate(para, core, head, voters), |receipt| {
		receipt.descriptor.persisted_validation_data_hash = pvd.hash();
	})
}

/// Changes the candidate with `f`, then signs it again with the same voters.
fn modified(
	mut backed: BackedCandidate,
	f: impl FnOnce(&mut CommittedCandidateReceipt),
) -> BackedCandidate {
	f(&mut backed.candidate);
	let voters = voters_of(&backed);
	sign(&mut backed, &voters, Session::get());
	backed
}

fn enter(candidates: Vec<BackedCandidate>) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Inclusion::enter(RuntimeOrigin::none(), inherent_data(candidates))
}

fn head_of(para: ParaId) -> HeadData {
	pallet_paras::Heads::<Test>::get(para).expect("para has a head")
}
