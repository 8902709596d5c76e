//! Tests of the candidate types, statements and the validation function's encoding.

use super::*;
use codec::DecodeAll;
use sp_core::{sr25519, Pair as _, H256};

fn descriptor() -> CandidateDescriptor {
	CandidateDescriptor {
		para_id: ParaId(2000),
		relay_parent: H256::repeat_byte(1),
		persisted_validation_data_hash: H256::repeat_byte(2),
		pov_hash: H256::repeat_byte(3),
		validation_code_hash: ValidationCodeHash(H256::repeat_byte(4)),
		para_head: H256::repeat_byte(5),
		core_index: CoreIndex(1),
	}
}

fn commitments() -> CandidateCommitments {
	CandidateCommitments { head_data: HeadData(vec![1, 2, 3]), new_validation_code: None }
}

fn committed() -> CommittedCandidateReceipt {
	CommittedCandidateReceipt { descriptor: descriptor(), commitments: commitments() }
}

fn pvd() -> PersistedValidationData {
	PersistedValidationData {
		parent_head: HeadData(vec![9, 9]),
		relay_parent_number: 10,
		relay_parent_storage_root: H256::repeat_byte(6),
		max_pov_size: 5 * 1024 * 1024,
	}
}

fn pair(seed: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[seed; 32])
}

fn vote(key: &sr25519::Pair, candidate: CandidateHash, session: u32) -> ValidatorSignature {
	let context = SigningContext { session_index: session, parent_hash: H256::zero() };
	key.sign(&signing_payload(&CompactStatement::Valid(candidate), &context)).into()
}

fn round_trip<T: Encode + Decode + PartialEq + core::fmt::Debug>(value: T) {
	assert_eq!(T::decode_all(&mut &value.encode()[..]), Ok(value));
}

#[test]
fn plain_and_committed_receipts_hash_alike() {
	let committed = committed();
	let plain = committed.to_plain();
	assert_eq!(plain.commitments_hash, commitments().hash());
	assert_eq!(committed.hash(), plain.hash());
	assert_eq!(plain.hash(), CandidateHash(BlakeTwo256::hash(&plain.encode())));
}

#[test]
fn every_field_changes_the_candidate_hash() {
	let base = committed();
	let changes: Vec<fn(&mut CommittedCandidateReceipt)> = vec![
		|c| c.descriptor.para_id = ParaId(2001),
		|c| c.descriptor.relay_parent = H256::repeat_byte(0xff),
		|c| c.descriptor.persisted_validation_data_hash = H256::repeat_byte(0xff),
		|c| c.descriptor.pov_hash = H256::repeat_byte(0xff),
		|c| c.descriptor.validation_code_hash = ValidationCodeHash(H256::repeat_byte(0xff)),
		|c| c.descriptor.para_head = H256::repeat_byte(0xff),
		|c| c.descriptor.core_index = CoreIndex(2),
		|c| c.commitments.head_data = HeadData(vec![1, 2, 4]),
		|c| c.commitments.new_validation_code = Some(ValidationCode(vec![0])),
	];
	let mut hashes = vec![base.hash()];
	for change in changes {
		let mut changed = base.clone();
		change(&mut changed);
		hashes.push(changed.hash());
	}
	let count = hashes.len();
	hashes.sort();
	hashes.dedup();
	assert_eq!(hashes.len(), count, "two candidates share a hash");
}

#[test]
fn pvd_and_pov_hashes() {
	let data = pvd();
	assert_eq!(data.hash(), BlakeTwo256::hash(&data.encode()));
	let mut other = data.clone();
	other.max_pov_size -= 1;
	assert_ne!(other.hash(), data.hash());
	other = data.clone();
	other.relay_parent_number += 1;
	assert_ne!(other.hash(), data.hash());
	other = data.clone();
	other.parent_head = HeadData(vec![9]);
	assert_ne!(other.hash(), data.hash());
	other = data.clone();
	other.relay_parent_storage_root = H256::zero();
	assert_ne!(other.hash(), data.hash());

	let pov = PoV { block_data: BlockData(vec![7; 3]) };
	assert_eq!(pov.hash(), BlakeTwo256::hash(&[12, 7, 7, 7]));
}

#[test]
fn scale_round_trips() {
	let key = pair(1);
	let backed = BackedCandidate {
		candidate: committed(),
		validity_votes: vec![vote(&key, committed().hash(), 3)],
		validator_indices: vec![ValidatorIndex(4)],
	};
	round_trip(descriptor());
	round_trip(committed());
	round_trip(committed().to_plain());
	round_trip(pvd());
	round_trip(PoV { block_data: BlockData(vec![1, 2]) });
	round_trip(backed);
	round_trip(CompactStatement::Seconded(committed().hash()));
	round_trip(SigningContext { session_index: 1, parent_hash: H256::repeat_byte(1) });
	round_trip(ValidationParams::new(pvd(), PoV::default()));
	round_trip(ValidationResult {
		head_data: HeadData(vec![1]),
		new_validation_code: Some(ValidationCode(vec![2])),
	});
	round_trip((CoreIndex(1), GroupIndex(2), ValidatorIndex(3)));
	assert_eq!(descriptor().encoded_size(), CandidateDescriptor::max_encoded_len());
	assert_eq!(CoreIndex(7).encode(), 7u32.encode());
}

#[test]
fn signing_payload_layout() {
	let candidate = CandidateHash(H256::repeat_byte(0x22));
	let context = SigningContext { session_index: 5, parent_hash: H256::repeat_byte(9) };
	let mut expected = b"BKNG".to_vec();
	expected.push(1);
	expected.extend([0x22; 32]);
	expected.extend([5, 0, 0, 0]);
	let valid = signing_payload(&CompactStatement::Valid(candidate), &context);
	assert_eq!(valid, expected);
	assert_eq!(valid.len(), 41);

	let seconded = signing_payload(&CompactStatement::Seconded(candidate), &context);
	assert_eq!(seconded.get(4), Some(&0));
	assert_ne!(seconded, valid);
	let other_session = SigningContext { session_index: 6, ..context };
	assert_ne!(signing_payload(&CompactStatement::Valid(candidate), &other_session), valid);
	let other_candidate = CompactStatement::Valid(CandidateHash(H256::repeat_byte(0x23)));
	assert_ne!(signing_payload(&other_candidate, &context), valid);
	let other_parent = SigningContext { parent_hash: H256::zero(), ..context };
	assert_eq!(signing_payload(&CompactStatement::Valid(candidate), &other_parent), valid);
}

#[test]
fn validity_votes_verify_only_in_their_context() {
	let (alice, bob) = (pair(1), pair(2));
	let alice_id = ValidatorId::from(alice.public());
	let bob_id = ValidatorId::from(bob.public());
	let candidate = committed().hash();
	let signature = vote(&alice, candidate, 7);

	assert!(check_validity_vote(&alice_id, &candidate, 7, &signature));
	assert!(!check_validity_vote(&alice_id, &candidate, 8, &signature));
	let mut other = committed();
	other.descriptor.core_index = CoreIndex(0);
	assert!(!check_validity_vote(&alice_id, &other.hash(), 7, &signature));
	assert!(!check_validity_vote(&bob_id, &candidate, 7, &signature));

	let seconded = CompactStatement::Seconded(candidate);
	assert!(!check_statement_signature(&alice_id, &seconded, 7, &signature));
	let context = SigningContext { session_index: 7, parent_hash: H256::zero() };
	let signed: ValidatorSignature = alice.sign(&signing_payload(&seconded, &context)).into();
	assert!(check_statement_signature(&alice_id, &seconded, 7, &signed));
	assert!(!check_validity_vote(&alice_id, &candidate, 7, &signed));
}

#[test]
fn app_key_pair_signs_votes() {
	let key = ValidatorPair::from_seed(&[3; 32]);
	let candidate = committed().hash();
	let context = SigningContext { session_index: 1, parent_hash: H256::zero() };
	let signature = key.sign(&signing_payload(&CompactStatement::Valid(candidate), &context));
	assert!(check_validity_vote(&key.public(), &candidate, 1, &signature));
	assert_eq!(<ValidatorId as RuntimeAppPublic>::ID, KeyTypeId(*b"para"));
}

#[test]
fn backed_candidate_shape() {
	let key = pair(1);
	let hash = committed().hash();
	let mut backed = BackedCandidate {
		candidate: committed(),
		validity_votes: vec![vote(&key, hash, 1), vote(&key, hash, 1)],
		validator_indices: vec![ValidatorIndex(1), ValidatorIndex(3)],
	};
	assert!(backed.is_well_formed());
	assert_eq!(backed.hash(), hash);
	assert_eq!(backed.votes().map(|(i, _)| i.0).collect::<Vec<_>>(), vec![1, 3]);
	backed.validator_indices = vec![ValidatorIndex(3), ValidatorIndex(3)];
	assert!(!backed.is_well_formed());
	backed.validator_indices = vec![ValidatorIndex(3), ValidatorIndex(1)];
	assert!(!backed.is_well_formed());
	backed.validator_indices = vec![ValidatorIndex(1)];
	assert!(!backed.is_well_formed());
}

#[test]
fn result_location_round_trips() {
	for (ptr, len) in [(0, 0), (1, 2), (u32::MAX, 0), (0, u32::MAX), (u32::MAX, u32::MAX)] {
		assert_eq!(decode_result_location(encode_result_location(ptr, len)), (ptr, len));
	}
	assert_eq!(encode_result_location(0xdead_beef, 0x1234_5678), 0x1234_5678_dead_beef);
}

#[test]
fn documented_example_bytes() {
	let params = ValidationParams {
		parent_head: HeadData(vec![1, 2, 3]),
		block_data: BlockData(vec![0xaa, 0xbb]),
		relay_parent_number: 7,
		relay_parent_storage_root: H256::repeat_byte(0x11),
	};
	let mut expected = vec![0x0c, 1, 2, 3, 0x08, 0xaa, 0xbb, 7, 0, 0, 0];
	expected.extend([0x11; 32]);
	assert_eq!(params.encode(), expected);
	assert_eq!(expected.len(), 43);

	let result = ValidationResult { head_data: HeadData(vec![4, 5]), new_validation_code: None };
	assert_eq!(result.encode(), [0x08, 4, 5, 0]);
	let packed = encode_result_location(0x0003_0000, 4);
	assert_eq!(packed, 0x0000_0004_0003_0000);
	assert_eq!(packed, 17_180_065_792);

	let upgrade = ValidationResult {
		new_validation_code: Some(ValidationCode(vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])),
		..result
	};
	assert_eq!(upgrade.encode(), [0x08, 4, 5, 1, 0x20, 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
	// Trailing bytes are not a valid result.
	assert!(ValidationResult::decode_all(&mut &[0x08, 4, 5, 0, 0][..]).is_err());
}

#[test]
fn params_and_commitments_from_parts() {
	let pov = PoV { block_data: BlockData(vec![1]) };
	let params = ValidationParams::new(pvd(), pov.clone());
	assert_eq!(params.parent_head, pvd().parent_head);
	assert_eq!(params.block_data, pov.block_data);
	assert_eq!(params.relay_parent_number, pvd().relay_parent_number);
	assert_eq!(params.relay_parent_storage_root, pvd().relay_parent_storage_root);
	let result = ValidationResult { head_data: HeadData(vec![1, 2, 3]), new_validation_code: None };
	assert_eq!(CandidateCommitments::from(result), commitments());
}
