//! Parachains on the dev chain's runtime: the session handler gives inclusion Alice's
//! `para_validator` key, the inclusion API schedules parachain 2000 on core 0, and a parathread
//! bid wins a pool core whose claim a backed candidate then serves, paying the clearing price
//! (burned, and the author's share to Alice).

use super::*;
use crate::{configs, Parathreads};
use pallet_inclusion::{CoreKind, ScheduledCore};
use relay_primitives::{
	signing_payload, BackedCandidate, CandidateCommitments, CandidateDescriptor,
	CommittedCandidateReceipt, CompactStatement, CoreIndex, DescriptorFields, GroupIndex,
	SigningContext, ValidatorId, ValidatorIndex, ValidatorSignature, ValidityAttestation,
};
use sp_core::{Pair as _, H256};
use std::collections::BTreeMap;

const PARACHAIN: ParaId = genesis_config_presets::EXAMPLE_PARACHAIN;
const PARATHREAD: ParaId = genesis_config_presets::EXAMPLE_PARATHREAD;

/// A candidate of `para` on `core` built on the latest relay parent, with a new head `head`,
/// backed by Alice (validator 0) in the current session.
fn backed_by_alice(para: ParaId, core: u32, head: Vec<u8>) -> BackedCandidate {
	let parent = *pallet_inclusion::RelayParents::<Runtime>::get().last().expect("a relay parent");
	let pvd = ParaInclusion::persisted_validation_data(para, parent.hash).expect("a para");
	let head = HeadData(head);
	let descriptor = CandidateDescriptor::new(DescriptorFields {
		para_id: para,
		relay_parent: parent.hash,
		core_index: CoreIndex(core),
		session_index: Session::current_index(),
		persisted_validation_data_hash: pvd.hash(),
		pov_hash: H256::repeat_byte(1),
		erasure_root: H256::zero(),
		para_head: head.hash(),
		validation_code_hash: pallet_paras::CurrentCodeHash::<Runtime>::get(para).expect("code"),
	})
	.expect("the core fits");
	let commitments = CandidateCommitments::new(head, None, parent.number);
	let candidate = CommittedCandidateReceipt { descriptor, commitments };
	let payload = signing_payload(
		&CompactStatement::Valid(candidate.hash()),
		&SigningContext { session_index: Session::current_index(), parent_hash: parent.hash },
	);
	let signature = ValidatorSignature::from(Sr25519Keyring::Alice.pair().sign(&payload));
	let votes = BTreeMap::from([(ValidatorIndex(0), ValidityAttestation::Explicit(signature))]);
	BackedCandidate::from_votes(candidate, &[ValidatorIndex(0)], &votes)
}

#[test]
fn dev_chain_schedules_parachain_2000_and_a_won_parathread_claim_is_served() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		next_block();
		next_block();

		// The session handler gave inclusion Alice's para_validator key.
		let alice_key = ValidatorId::from(Sr25519Keyring::Alice.public());
		assert_eq!(pallet_inclusion::ActiveValidatorKeys::<Runtime>::get(), vec![alice_key]);
		let (groups, rotation) = ParaInclusion::validator_groups_view();
		assert_eq!(groups, vec![vec![ValidatorIndex(0)]]);
		assert_eq!(rotation.now, System::block_number() + 1);

		// Parachain 2000 on core 0, then the free pool cores, all backed by Alice's group.
		let cores = ParaInclusion::scheduled_cores_view();
		assert_eq!(cores.len() as u32, 1 + configs::PARATHREAD_CORES);
		assert_eq!(
			cores[0],
			ScheduledCore {
				core_index: CoreIndex(0),
				kind: CoreKind::Parachain,
				para_id: Some(PARACHAIN),
				group_index: Some(GroupIndex(0)),
			}
		);
		assert!(cores[1..].iter().all(|c| c.para_id.is_none()));

		// A parathread candidate has no core yet.
		let early = backed_by_alice(PARATHREAD, 1, vec![9; 4]);
		let parent = inclusion_data(vec![]).parent_header;
		assert!(ParaInclusion::filter_candidates(vec![early], &parent).is_empty());

		// Charlie bids for 2001; the next block's clearing gives it pool core 0.
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let head_hash = pallet_paras::Heads::<Runtime>::get(PARATHREAD).expect("head").hash();
		let fee = 10 * configs::RESERVE_PRICE;
		assert_ok!(Parathreads::bid(
			RuntimeOrigin::signed(charlie.clone()),
			PARATHREAD,
			fee,
			head_hash
		));
		next_block();
		let claims = Parathreads::claims_view();
		assert_eq!(claims.len(), 1);
		assert_eq!((claims[0].0, claims[0].1.para_id), (0, PARATHREAD));
		assert_eq!(claims[0].1.price, configs::RESERVE_PRICE, "one bid: the reserve price");
		assert_eq!(
			pallet_balances::Pallet::<Runtime>::reserved_balance(&charlie),
			configs::RESERVE_PRICE
		);

		// Backed by Alice, a parachain and the parathread candidate are both enacted in the
		// next block (the claim is live for `ClaimTtl` blocks).
		let alice = Sr25519Keyring::Alice.to_account_id();
		let alice_before = Balances::free_balance(&alice);
		let issuance_before = Balances::total_issuance();
		let candidates = vec![
			backed_by_alice(PARACHAIN, 0, vec![1; 4]),
			backed_by_alice(PARATHREAD, 1, vec![2; 4]),
		];
		let parent = inclusion_data(vec![]).parent_header;
		assert_eq!(ParaInclusion::filter_candidates(candidates.clone(), &parent).len(), 2);
		next_block_with(candidates);
		assert_eq!(pallet_paras::Heads::<Runtime>::get(PARACHAIN), Some(HeadData(vec![1; 4])));
		assert_eq!(pallet_paras::Heads::<Runtime>::get(PARATHREAD), Some(HeadData(vec![2; 4])));

		// The price is paid: 80 % burned, 20 % to the author (Alice, BABE authority 0).
		let price = configs::RESERVE_PRICE;
		let to_author = price - configs::BURN_SHARE * price;
		assert_eq!(pallet_balances::Pallet::<Runtime>::reserved_balance(&charlie), 0);
		assert_eq!(Balances::free_balance(&alice), alice_before + to_author);
		assert_eq!(Balances::total_issuance(), issuance_before - (price - to_author));
		let events: Vec<_> = System::events().into_iter().map(|r| r.event).collect();
		assert!(events.iter().any(|e| matches!(
			e,
			crate::RuntimeEvent::Parathreads(pallet_parathreads::Event::ClaimServed { para_id, .. })
				if *para_id == PARATHREAD
		)));
		assert_eq!(ParaInclusion::candidate_events().len(), 4, "backed and included, twice");
		assert!(Parathreads::claims_view().is_empty(), "the pool core is free again");
	});
}
