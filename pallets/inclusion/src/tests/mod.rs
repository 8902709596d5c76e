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

mod checks;
mod enacting;
mod scheduling;
mod view;

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
