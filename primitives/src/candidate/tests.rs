//! Tests of the candidate types, statements and the validation function's encoding. The
//! byte-for-byte comparison with Polkadot's own types is in `fixtures.rs`.

use super::*;
use alloc::collections::BTreeMap;
use codec::DecodeAll;
use sp_core::{sr25519, Pair as _, H256};

pub(crate) fn descriptor() -> CandidateDescriptor {
	CandidateDescriptor::new(DescriptorFields {
		para_id: ParaId(2000),
		relay_parent: H256::repeat_byte(1),
		core_index: CoreIndex(1),
		session_index: 3,
		persisted_validation_data_hash: H256::repeat_byte(2),
		pov_hash: H256::repeat_byte(3),
		erasure_root: H256::repeat_byte(7),
		para_head: H256::repeat_byte(5),
		validation_code_hash: ValidationCodeHash(H256::repeat_byte(4)),
	})
	.expect("core 1 fits")
}

pub(crate) fn commitments() -> CandidateCommitments {
	CandidateCommitments::new(HeadData(vec![1, 2, 3]), None, 10)
}

pub(crate) fn committed() -> CommittedCandidateReceipt {
	CommittedCandidateReceipt { descriptor: descriptor(), commitments: commitments() }
}

pub(super) fn pvd() -> PersistedValidationData {
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

fn context(session: u32) -> SigningContext {
	SigningContext { session_index: session, parent_hash: H256::repeat_byte(1) }
}

fn vote(key: &sr25519::Pair, candidate: CandidateHash, session: u32) -> ValidatorSignature {
	key.sign(&signing_payload(&CompactStatement::Valid(candidate), &context(session)))
		.into()
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
		|c| c.descriptor.version = 1,
		|c| c.descriptor.core_index = 2,
		|c| c.descriptor.session_index = 4,
		|c| c.descriptor.reserved1[24] = 1,
		|c| c.descriptor.persisted_validation_data_hash = H256::repeat_byte(0xff),
		|c| c.descriptor.pov_hash = H256::repeat_byte(0xff),
		|c| c.descriptor.erasure_root = H256::repeat_byte(0xff),
		|c| c.descriptor.reserved2[0] = 1,
		|c| c.descriptor.validation_code_hash = ValidationCodeHash(H256::repeat_byte(0xff)),
		|c| c.descriptor.para_head = H256::repeat_byte(0xff),
		|c| c.commitments.head_data = HeadData(vec![1, 2, 4]),
		|c| c.commitments.new_validation_code = Some(ValidationCode(vec![0])),
		|c| c.commitments.upward_messages = vec![vec![1]].try_into().expect("one"),
		|c| {
			c.commitments.horizontal_messages =
				vec![OutboundHrmpMessage { recipient: ParaId(1), data: vec![] }]
					.try_into()
					.expect("one")
		},
		|c| c.commitments.processed_downward_messages = 1,
		|c| c.commitments.hrmp_watermark = 11,
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
fn a_descriptor_is_v2_only_with_version_zero_and_zero_reserved_bytes() {
	let base = descriptor();
	assert_eq!(base.check_v2(), Ok(()));
	assert_eq!(base.core(), CoreIndex(1));
	assert_eq!(base.encoded_size(), 292);
	assert_eq!(base.encoded_size(), CandidateDescriptor::max_encoded_len());
	let mut other = base.clone();
	other.version = 1;
	assert_eq!(other.check_v2(), Err(DescriptorError::UnknownVersion));
	for index in 0..DESCRIPTOR_RESERVED1_LEN {
		let mut other = base.clone();
		other.reserved1[index] = 0x80;
		assert_eq!(other.check_v2(), Err(DescriptorError::ReservedBytesSet), "reserved1[{index}]");
	}
	for index in 0..DESCRIPTOR_RESERVED2_LEN {
		let mut other = base.clone();
		other.reserved2[index] = 1;
		assert!(!other.is_v2(), "reserved2[{index}]");
	}
	let mut fields = DescriptorFields {
		para_id: ParaId(1),
		relay_parent: H256::zero(),
		core_index: CoreIndex(u32::from(u16::MAX)),
		session_index: 0,
		persisted_validation_data_hash: H256::zero(),
		pov_hash: H256::zero(),
		erasure_root: H256::zero(),
		para_head: H256::zero(),
		validation_code_hash: ValidationCodeHash(H256::zero()),
	};
	assert!(CandidateDescriptor::new(fields.clone()).is_ok());
	fields.core_index = CoreIndex(u32::from(u16::MAX) + 1);
	assert_eq!(CandidateDescriptor::new(fields), Err(DescriptorError::CoreIndexTooLarge));
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
	let votes = BTreeMap::from([(
		ValidatorIndex(4),
		ValidityAttestation::Explicit(vote(&key, committed().hash(), 3)),
	)]);
	let backed = BackedCandidate::from_votes(committed(), &[ValidatorIndex(4)], &votes);
	round_trip(descriptor());
	round_trip(committed());
	round_trip(committed().to_plain());
	round_trip(pvd());
	round_trip(PoV { block_data: BlockData(vec![1, 2]) });
	round_trip(backed);
	round_trip(CompactStatement::Seconded(committed().hash()));
	round_trip(CompactStatement::Valid(committed().hash()));
	round_trip(SigningContext { session_index: 1, parent_hash: H256::repeat_byte(1) });
	round_trip(ValidationParams::new(pvd(), PoV::default()));
	round_trip(ValidationResult::new(HeadData(vec![1]), Some(ValidationCode(vec![2])), 9));
	round_trip(UmpSignal::SelectCore(CoreSelector(1), ClaimQueueOffset(0)));
	round_trip((CoreIndex(1), GroupIndex(2), ValidatorIndex(3)));
	assert_eq!(CoreIndex(7).encode(), 7u32.encode());
	// A statement without the magic, or with another variant, does not decode.
	let mut bytes = CompactStatement::Valid(CandidateHash::default()).encode();
	assert_eq!(bytes.len(), 37);
	bytes[4] = 3;
	assert!(CompactStatement::decode_all(&mut &bytes[..]).is_err());
	bytes[4] = 2;
	bytes[0] = b'b';
	assert!(CompactStatement::decode_all(&mut &bytes[..]).is_err());
}

#[test]
fn signing_payload_layout() {
	let candidate = CandidateHash(H256::repeat_byte(0x22));
	let context = SigningContext { session_index: 5, parent_hash: H256::repeat_byte(9) };
	let mut expected = b"BKNG".to_vec();
	expected.push(2);
	expected.extend([0x22; 32]);
	expected.extend([5, 0, 0, 0]);
	expected.extend([9; 32]);
	let valid = signing_payload(&CompactStatement::Valid(candidate), &context);
	assert_eq!(valid, expected);
	assert_eq!(valid.len(), 73);

	let seconded = signing_payload(&CompactStatement::Seconded(candidate), &context);
	assert_eq!(seconded.get(4), Some(&1));
	assert_ne!(seconded, valid);
	let other_session = SigningContext { session_index: 6, ..context };
	assert_ne!(signing_payload(&CompactStatement::Valid(candidate), &other_session), valid);
	let other_candidate = CompactStatement::Valid(CandidateHash(H256::repeat_byte(0x23)));
	assert_ne!(signing_payload(&other_candidate, &context), valid);
	let other_parent = SigningContext { parent_hash: H256::zero(), ..context };
	assert_ne!(signing_payload(&CompactStatement::Valid(candidate), &other_parent), valid);
}

#[test]
fn validity_votes_verify_only_in_their_context() {
	let (alice, bob) = (pair(1), pair(2));
	let alice_id = ValidatorId::from(alice.public());
	let bob_id = ValidatorId::from(bob.public());
	let candidate = committed().hash();
	let signature = vote(&alice, candidate, 7);

	assert!(check_validity_vote(&alice_id, &candidate, &context(7), &signature));
	assert!(!check_validity_vote(&alice_id, &candidate, &context(8), &signature));
	let elsewhere = SigningContext { parent_hash: H256::zero(), ..context(7) };
	assert!(!check_validity_vote(&alice_id, &candidate, &elsewhere, &signature));
	let mut other = committed();
	other.descriptor.core_index = 0;
	assert!(!check_validity_vote(&alice_id, &other.hash(), &context(7), &signature));
	assert!(!check_validity_vote(&bob_id, &candidate, &context(7), &signature));

	let seconded = CompactStatement::Seconded(candidate);
	assert!(!check_statement_signature(&alice_id, &seconded, &context(7), &signature));
	let signed: ValidatorSignature = alice.sign(&signing_payload(&seconded, &context(7))).into();
	assert!(check_statement_signature(&alice_id, &seconded, &context(7), &signed));
	assert!(!check_validity_vote(&alice_id, &candidate, &context(7), &signed));
	// As attestations: implicit is the seconded statement, explicit the valid one.
	assert!(ValidityAttestation::Implicit(signed.clone()).verify(
		&alice_id,
		candidate,
		&context(7)
	));
	assert!(!ValidityAttestation::Explicit(signed).verify(&alice_id, candidate, &context(7)));
	assert!(ValidityAttestation::Explicit(signature.clone()).verify(
		&alice_id,
		candidate,
		&context(7)
	));
	assert!(!ValidityAttestation::Implicit(signature).verify(&alice_id, candidate, &context(7)));
}

#[test]
fn app_key_pair_signs_votes() {
	let key = ValidatorPair::from_seed(&[3; 32]);
	let candidate = committed().hash();
	let signature = key.sign(&signing_payload(&CompactStatement::Valid(candidate), &context(1)));
	assert!(check_validity_vote(&key.public(), &candidate, &context(1), &signature));
	assert_eq!(<ValidatorId as RuntimeAppPublic>::ID, KeyTypeId(*b"para"));
}

#[test]
fn backed_candidate_bitfield_follows_the_group() {
	let key = pair(1);
	let hash = committed().hash();
	let group = [ValidatorIndex(2), ValidatorIndex(5), ValidatorIndex(9)];
	// sr25519 signatures are randomised: make each once.
	let attestation: Vec<ValidityAttestation> =
		(0..5).map(|s| ValidityAttestation::Explicit(vote(&key, hash, s))).collect();
	let votes = BTreeMap::from([
		(ValidatorIndex(9), attestation[1].clone()),
		(ValidatorIndex(2), attestation[2].clone()),
		(ValidatorIndex(7), attestation[3].clone()),
	]);
	let backed = BackedCandidate::from_votes(committed(), &group, &votes);
	assert_eq!(backed.hash(), hash);
	// Members 0 and 2 voted; the outsider's vote is left out; core 1 follows in 8 bits.
	let bits: Vec<bool> = backed.validator_indices.iter().map(|b| *b).collect();
	let mut expected = vec![true, false, true, true];
	expected.extend([false; 7]);
	assert_eq!(bits, expected);
	assert_eq!(backed.vote_count(), 2);
	let read = backed.votes_of_group(&group).expect("well formed");
	assert_eq!(
		read,
		vec![(ValidatorIndex(2), &attestation[2]), (ValidatorIndex(9), &attestation[1])]
	);

	// Without the core bits it reads the same.
	let mut plain = backed.clone();
	plain.validator_indices.truncate(group.len());
	assert_eq!(plain.votes_of_group(&group).expect("well formed").len(), 2);

	let mut wrong_core = backed.clone();
	wrong_core.candidate.descriptor.core_index = 2;
	assert_eq!(wrong_core.votes_of_group(&group), Err(BackingBitfieldError::CoreIndexMismatch));
	let mut short = backed.clone();
	short.validator_indices.truncate(2);
	assert_eq!(short.votes_of_group(&group), Err(BackingBitfieldError::WrongLength));
	let mut extra_vote = backed.clone();
	extra_vote.validity_votes.push(attestation[4].clone());
	assert_eq!(extra_vote.votes_of_group(&group), Err(BackingBitfieldError::VoteCountMismatch));
	let mut extra_bit = backed;
	extra_bit.validator_indices.set(1, true);
	assert_eq!(extra_bit.votes_of_group(&group), Err(BackingBitfieldError::VoteCountMismatch));
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

	let result = ValidationResult::new(HeadData(vec![4, 5]), None, 7);
	assert_eq!(result.encode(), [0x08, 4, 5, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0]);
	let packed = encode_result_location(0x0003_0000, 14);
	assert_eq!(packed, 0x0000_000e_0003_0000);
	assert_eq!(packed, 60_129_738_752);

	let upgrade = ValidationResult {
		new_validation_code: Some(ValidationCode(vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])),
		..result.clone()
	};
	assert_eq!(
		upgrade.encode(),
		[0x08, 4, 5, 1, 0x20, 0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0]
	);
	// Trailing bytes are not a valid result.
	let mut trailing = result.encode();
	trailing.push(0);
	assert!(ValidationResult::decode_all(&mut &trailing[..]).is_err());
}

#[test]
fn params_and_commitments_from_parts() {
	let pov = PoV { block_data: BlockData(vec![1]) };
	let params = ValidationParams::new(pvd(), pov.clone());
	assert_eq!(params.parent_head, pvd().parent_head);
	assert_eq!(params.block_data, pov.block_data);
	assert_eq!(params.relay_parent_number, pvd().relay_parent_number);
	assert_eq!(params.relay_parent_storage_root, pvd().relay_parent_storage_root);
	let result = ValidationResult::new(HeadData(vec![1, 2, 3]), None, 10);
	assert_eq!(CandidateCommitments::from(result), commitments());
}

fn signal(signal: UmpSignal) -> Vec<u8> {
	signal.encode()
}

fn with_upward(messages: Vec<Vec<u8>>) -> CandidateCommitments {
	CandidateCommitments { upward_messages: messages.try_into().expect("few"), ..commitments() }
}

#[test]
fn ump_signals_parse_as_polkadot_parses_them() {
	let select = signal(UmpSignal::SelectCore(CoreSelector(3), ClaimQueueOffset(1)));
	let peer = signal(UmpSignal::ApprovedPeer(vec![1; 32].try_into().expect("32 bytes")));
	assert_eq!(with_upward(vec![]).ump_signals(), Ok(UmpSignals::default()));
	assert_eq!(with_upward(vec![vec![]]).ump_signals(), Ok(UmpSignals::default()));
	let both = with_upward(vec![vec![], select.clone(), peer.clone()])
		.ump_signals()
		.expect("ok");
	assert_eq!(both.select_core, Some((CoreSelector(3), ClaimQueueOffset(1))));
	assert_eq!(both.approved_peer.map(|p| p.len()), Some(32));
	// Messages before the separator are not signals.
	let after_message = with_upward(vec![vec![9], vec![], select.clone()]);
	assert_eq!(after_message.ump_signals().map(|s| s.select_core.is_some()), Ok(true));
	assert_eq!(
		with_upward(vec![vec![], select.clone(), select.clone()]).ump_signals(),
		Err(CommitmentsError::DuplicateUmpSignal)
	);
	assert_eq!(
		with_upward(vec![vec![], select.clone(), peer.clone(), peer]).ump_signals(),
		Err(CommitmentsError::TooManyUmpSignals)
	);
	assert_eq!(
		with_upward(vec![vec![], vec![7]]).ump_signals(),
		Err(CommitmentsError::UmpSignalDecode)
	);
}

#[test]
fn commitments_without_messaging() {
	let select = signal(UmpSignal::SelectCore(CoreSelector(0), ClaimQueueOffset(0)));
	assert!(commitments().check_without_messaging(10).is_ok());
	assert!(with_upward(vec![vec![], select]).check_without_messaging(10).is_ok());
	assert_eq!(
		with_upward(vec![vec![1], vec![]]).check_without_messaging(10),
		Err(CommitmentsError::UpwardMessages)
	);
	assert_eq!(commitments().check_without_messaging(11), Err(CommitmentsError::HrmpWatermark));
	let mut downward = commitments();
	downward.processed_downward_messages = 1;
	assert_eq!(downward.check_without_messaging(10), Err(CommitmentsError::DownwardMessages));
	let mut horizontal = commitments();
	horizontal.horizontal_messages =
		vec![OutboundHrmpMessage { recipient: ParaId(2001), data: vec![1] }]
			.try_into()
			.expect("one");
	assert_eq!(horizontal.check_without_messaging(10), Err(CommitmentsError::HorizontalMessages));
}

#[test]
fn core_index_check() {
	let (c1, c4, c6) = (CoreIndex(1), CoreIndex(4), CoreIndex(6));
	assert_eq!(check_core_index(&[], None, c1), Err(CommitmentsError::NoAssignment));
	assert_eq!(check_core_index(&[c1], None, c1), Ok(()));
	assert_eq!(check_core_index(&[c1], None, c4), Err(CommitmentsError::CoreIndexMismatch));
	assert_eq!(check_core_index(&[c1], Some(CoreSelector(200)), c1), Ok(()));
	// Without a selector any assigned core does; with one, `selector mod n`.
	assert_eq!(check_core_index(&[c1, c4, c6], None, c4), Ok(()));
	assert_eq!(check_core_index(&[c1, c4], None, c6), Err(CommitmentsError::CoreIndexMismatch));
	assert_eq!(check_core_index(&[c1, c4, c6], Some(CoreSelector(4)), c4), Ok(()));
	assert_eq!(
		check_core_index(&[c1, c4, c6], Some(CoreSelector(4)), c6),
		Err(CommitmentsError::CoreIndexMismatch)
	);
}
