//! Fixture tests: every type this chain shares with Polkadot encodes byte for byte as
//! `polkadot-primitives`' (and `polkadot-parachain-primitives`') at stable2609, both ways: the
//! same value encodes to the same bytes, each side decodes the other's bytes, and re-encoding
//! gives the bytes back. Polkadot's crates are dev-dependencies only.

use super::{tests::*, *};
use crate::fixture_checks::same_bytes;
use alloc::collections::BTreeMap;
use codec::DecodeAll;
use polkadot_parachain_primitives::primitives as pp_para;
use polkadot_primitives as pp;
use sp_core::{sr25519, Pair as _, H256};

/// Arbitrary bytes decode on both sides alike (or on neither) and re-encode to themselves.
fn same_decoding<Ours: Encode + Decode, Theirs: Encode + Decode>(bytes: &[u8]) {
	let ours = Ours::decode_all(&mut &bytes[..]).map(|v| v.encode());
	let theirs = Theirs::decode_all(&mut &bytes[..]).map(|v| v.encode());
	assert_eq!(ours.is_ok(), theirs.is_ok(), "{bytes:?}");
	if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
		assert_eq!(ours, bytes);
		assert_eq!(theirs, bytes);
	}
}

/// A deterministic byte stream (xorshift), so the varied cases are the same on every run.
struct Bytes(u64);

impl Bytes {
	fn next(&mut self) -> u8 {
		self.0 ^= self.0 << 13;
		self.0 ^= self.0 >> 7;
		self.0 ^= self.0 << 17;
		(self.0 >> 24) as u8
	}
	fn fill(&mut self, len: usize) -> Vec<u8> {
		(0..len).map(|_| self.next()).collect()
	}
	fn hash(&mut self) -> H256 {
		H256::from_slice(&self.fill(32))
	}
}

fn their_descriptor(ours: &CandidateDescriptor) -> pp::CandidateDescriptorV2 {
	pp::CandidateDescriptorV2::new(
		pp::Id::from(ours.para_id.0),
		ours.relay_parent,
		pp::CoreIndex(u32::from(ours.core_index)),
		ours.session_index,
		ours.persisted_validation_data_hash,
		ours.pov_hash,
		ours.erasure_root,
		ours.para_head,
		pp::ValidationCodeHash::from(ours.validation_code_hash.0),
	)
}

fn their_commitments(ours: &CandidateCommitments) -> pp::CandidateCommitments {
	pp::CandidateCommitments {
		upward_messages: ours.upward_messages.to_vec().try_into().expect("bounded alike"),
		horizontal_messages: ours
			.horizontal_messages
			.iter()
			.map(|m| pp::OutboundHrmpMessage {
				recipient: m.recipient.0.into(),
				data: m.data.clone(),
			})
			.collect::<Vec<_>>()
			.try_into()
			.expect("bounded alike"),
		new_validation_code: ours.new_validation_code.clone().map(|c| c.0.into()),
		head_data: ours.head_data.0.clone().into(),
		processed_downward_messages: ours.processed_downward_messages,
		hrmp_watermark: ours.hrmp_watermark,
	}
}

fn varied_commitments(bytes: &mut Bytes) -> CandidateCommitments {
	let count = usize::from(bytes.next() % 4);
	let mut upward: Vec<Vec<u8>> = (0..count).map(|i| bytes.fill(i * 3 + 1)).collect();
	if bytes.next().is_multiple_of(2) {
		upward.push(UMP_SEPARATOR);
		upward
			.push(UmpSignal::SelectCore(CoreSelector(bytes.next()), ClaimQueueOffset(1)).encode());
	}
	CandidateCommitments {
		upward_messages: upward.try_into().expect("few"),
		horizontal_messages: (0..usize::from(bytes.next() % 3))
			.map(|i| OutboundHrmpMessage {
				recipient: ParaId(2000 + i as u32),
				data: bytes.fill(i),
			})
			.collect::<Vec<_>>()
			.try_into()
			.expect("few"),
		new_validation_code: bytes.next().is_multiple_of(2).then(|| ValidationCode(bytes.fill(70))),
		head_data: {
			let len = usize::from(bytes.next());
			HeadData(bytes.fill(len))
		},
		processed_downward_messages: u32::from(bytes.next()),
		hrmp_watermark: u32::from_le_bytes([bytes.next(), bytes.next(), 0, 0]),
	}
}

fn varied_descriptor(bytes: &mut Bytes) -> CandidateDescriptor {
	CandidateDescriptor::new(DescriptorFields {
		para_id: ParaId(u32::from_le_bytes([bytes.next(), bytes.next(), 0, 0])),
		relay_parent: bytes.hash(),
		core_index: CoreIndex(u32::from(bytes.next())),
		session_index: u32::from(bytes.next()),
		persisted_validation_data_hash: bytes.hash(),
		pov_hash: bytes.hash(),
		erasure_root: bytes.hash(),
		para_head: bytes.hash(),
		validation_code_hash: ValidationCodeHash(bytes.hash()),
	})
	.expect("fits")
}

#[test]
fn descriptors_commitments_and_receipts_encode_as_polkadots() {
	let mut bytes = Bytes(0x5eed);
	for _ in 0..200 {
		let descriptor = varied_descriptor(&mut bytes);
		let theirs = their_descriptor(&descriptor);
		same_bytes(&descriptor, &theirs);
		assert_eq!(theirs.version(), pp::CandidateDescriptorVersion::V2);
		assert_eq!(theirs.core_index(), Some(pp::CoreIndex(u32::from(descriptor.core_index))));
		assert_eq!(theirs.session_index(), Some(descriptor.session_index));

		let commitments = varied_commitments(&mut bytes);
		let their_commitments = their_commitments(&commitments);
		same_bytes(&commitments, &their_commitments);
		assert_eq!(commitments.hash(), their_commitments.hash());

		let committed = CommittedCandidateReceipt { descriptor, commitments };
		let their_committed =
			pp::CommittedCandidateReceiptV2 { descriptor: theirs, commitments: their_commitments };
		same_bytes(&committed, &their_committed);
		same_bytes(&committed.to_plain(), &their_committed.to_plain());
		assert_eq!(committed.hash().0, their_committed.hash().0);
		same_bytes(&committed.hash(), &their_committed.hash());
	}
}

#[test]
fn arbitrary_descriptor_bytes_decode_alike() {
	let mut bytes = Bytes(42);
	for case in 0..300 {
		let mut raw = bytes.fill(292);
		// Mostly V2-looking descriptors: version 0 and zero reserved bytes, some with one byte set.
		if case % 3 != 0 {
			raw[36] = 0;
			raw[43..68].fill(0);
			raw[164..228].fill(0);
			if case % 3 == 1 {
				let at = [43, 67, 164, 227][case % 4];
				raw[at] = 1;
			}
		}
		same_decoding::<CandidateDescriptor, pp::CandidateDescriptorV2<H256>>(&raw);
		let ours = CandidateDescriptor::decode_all(&mut &raw[..]).expect("any 292 bytes");
		let theirs =
			pp::CandidateDescriptorV2::<H256>::decode_all(&mut &raw[..]).expect("any 292 bytes");
		// What we accept as V2 is what Polkadot reads as V2 under its pre-V3 rules.
		assert_eq!(
			ours.is_v2(),
			theirs.version_old_rules() == pp::CandidateDescriptorVersion::V2,
			"case {case}"
		);
		// Too short or too long: neither decodes.
		same_decoding::<CandidateDescriptor, pp::CandidateDescriptorV2<H256>>(&raw[..291]);
		raw.push(0);
		same_decoding::<CandidateDescriptor, pp::CandidateDescriptorV2<H256>>(&raw);
	}
}

#[test]
fn validation_data_params_and_results_encode_as_polkadots() {
	let mut bytes = Bytes(7);
	for _ in 0..100 {
		let pvd = PersistedValidationData {
			parent_head: {
				let len = usize::from(bytes.next());
				HeadData(bytes.fill(len))
			},
			relay_parent_number: u32::from(bytes.next()) << 9,
			relay_parent_storage_root: bytes.hash(),
			max_pov_size: u32::from(bytes.next()) << 16,
		};
		let theirs = pp::PersistedValidationData {
			parent_head: pvd.parent_head.0.clone().into(),
			relay_parent_number: pvd.relay_parent_number,
			relay_parent_storage_root: pvd.relay_parent_storage_root,
			max_pov_size: pvd.max_pov_size,
		};
		same_bytes(&pvd, &theirs);
		assert_eq!(pvd.hash(), theirs.hash());

		let len = usize::from(bytes.next()) * 3;
		let pov = PoV { block_data: BlockData(bytes.fill(len)) };
		// Polkadot's `PoV` (a node type) is a struct of one `BlockData`.
		same_bytes(&pov, &pp_para::BlockData(pov.block_data.0.clone()));

		let params = ValidationParams::new(pvd.clone(), pov);
		let their_params = pp_para::ValidationParams {
			parent_head: params.parent_head.0.clone().into(),
			block_data: pp_para::BlockData(params.block_data.0.clone()),
			relay_parent_number: params.relay_parent_number,
			relay_parent_storage_root: params.relay_parent_storage_root,
		};
		same_bytes(&params, &their_params);

		let commitments = varied_commitments(&mut bytes);
		let result = ValidationResult {
			head_data: commitments.head_data.clone(),
			new_validation_code: commitments.new_validation_code.clone(),
			upward_messages: commitments.upward_messages.clone(),
			horizontal_messages: commitments.horizontal_messages.clone(),
			processed_downward_messages: commitments.processed_downward_messages,
			hrmp_watermark: commitments.hrmp_watermark,
		};
		let their_commitments = their_commitments(&commitments);
		let their_result = pp_para::ValidationResult {
			head_data: their_commitments.head_data.clone(),
			new_validation_code: their_commitments.new_validation_code.clone(),
			upward_messages: their_commitments.upward_messages.clone(),
			horizontal_messages: their_commitments.horizontal_messages.clone(),
			processed_downward_messages: their_commitments.processed_downward_messages,
			hrmp_watermark: their_commitments.hrmp_watermark,
		};
		same_bytes(&result, &their_result);
		assert_eq!(CandidateCommitments::from(result), commitments);
	}
}

fn key(seed: u8) -> sr25519::Pair {
	sr25519::Pair::from_seed(&[seed; 32])
}

#[test]
fn statements_and_their_signing_payloads_are_polkadots() {
	let mut bytes = Bytes(99);
	for _ in 0..50 {
		let hash = CandidateHash(bytes.hash());
		let context =
			SigningContext { session_index: u32::from(bytes.next()), parent_hash: bytes.hash() };
		let their_context = pp::SigningContext {
			session_index: context.session_index,
			parent_hash: context.parent_hash,
		};
		same_bytes(&context, &their_context);
		for (ours, theirs) in [
			(
				CompactStatement::Seconded(hash),
				pp::CompactStatement::Seconded(pp::CandidateHash(hash.0)),
			),
			(CompactStatement::Valid(hash), pp::CompactStatement::Valid(pp::CandidateHash(hash.0))),
		] {
			same_bytes(&ours, &theirs);
			assert_eq!(signing_payload(&ours, &context), theirs.signing_payload(&their_context));
		}
	}
	// Bad magic or variant: refused on both sides.
	let mut raw = CompactStatement::Valid(CandidateHash::default()).encode();
	for (at, byte) in [(0, b'X'), (4, 0), (4, 3)] {
		let saved = raw[at];
		raw[at] = byte;
		same_decoding::<CompactStatement, pp::CompactStatement>(&raw);
		assert!(CompactStatement::decode_all(&mut &raw[..]).is_err());
		raw[at] = saved;
	}
}

#[test]
fn attestations_and_backed_candidates_are_polkadots() {
	let committed = committed();
	let hash = committed.hash();
	let group: Vec<ValidatorIndex> = [3, 0, 5, 6].map(ValidatorIndex).to_vec();
	let context =
		SigningContext { session_index: 3, parent_hash: committed.descriptor.relay_parent };
	let sign = |seed: u8, statement: CompactStatement| -> ValidatorSignature {
		key(seed).sign(&signing_payload(&statement, &context)).into()
	};
	let votes = BTreeMap::from([
		(
			ValidatorIndex(3),
			ValidityAttestation::Implicit(sign(3, CompactStatement::Seconded(hash))),
		),
		(ValidatorIndex(6), ValidityAttestation::Explicit(sign(6, CompactStatement::Valid(hash)))),
	]);
	let backed = BackedCandidate::from_votes(committed.clone(), &group, &votes);

	let their_votes: Vec<pp::ValidityAttestation> = backed
		.validity_votes
		.iter()
		.map(|vote| match vote {
			ValidityAttestation::Implicit(s) => {
				pp::ValidityAttestation::Implicit(s.clone().into_inner().into())
			},
			ValidityAttestation::Explicit(s) => {
				pp::ValidityAttestation::Explicit(s.clone().into_inner().into())
			},
		})
		.collect();
	for (ours, theirs) in backed.validity_votes.iter().zip(&their_votes) {
		same_bytes(ours, theirs);
	}
	let mut bits = bitvec::bitvec![u8, bitvec::order::Lsb0; 0; group.len()];
	bits.set(0, true);
	bits.set(3, true);
	let their_context = pp::SigningContext { session_index: 3, parent_hash: context.parent_hash };
	let their_committed = pp::CommittedCandidateReceiptV2 {
		descriptor: their_descriptor(&committed.descriptor),
		commitments: their_commitments(&committed.commitments),
	};
	let theirs = pp::BackedCandidate::new(
		their_committed,
		their_votes.clone(),
		bits,
		pp::CoreIndex(u32::from(committed.descriptor.core_index)),
	);
	same_bytes(&backed, &theirs);
	let (their_bits, their_core) = theirs.validator_indices_and_core_index();
	assert_eq!(their_core, Some(pp::CoreIndex(1)));
	assert_eq!(their_bits.iter_ones().collect::<Vec<_>>(), vec![0, 3]);
	// Each attestation verifies under Polkadot's own payload for it.
	let validators = [3u8, 6].map(|seed| ValidatorId::from(key(seed).public()));
	for ((vote, theirs), validator) in
		backed.validity_votes.iter().zip(&their_votes).zip(&validators)
	{
		assert!(vote.verify(validator, hash, &context));
		let payload = theirs.signed_payload(pp::CandidateHash(hash.0), &their_context);
		assert_eq!(payload, signing_payload(&vote.statement(hash), &context));
	}
	assert_eq!(
		backed
			.votes_of_group(&group)
			.expect("well formed")
			.iter()
			.map(|(v, _)| v.0)
			.collect::<Vec<_>>(),
		vec![3, 6]
	);
}

#[test]
fn signals_and_messages_are_polkadots() {
	let select = UmpSignal::SelectCore(CoreSelector(7), ClaimQueueOffset(2));
	same_bytes(&select, &pp::UMPSignal::SelectCore(pp::CoreSelector(7), pp::ClaimQueueOffset(2)));
	let peer: commitments::ApprovedPeerId = vec![5; 40].try_into().expect("40 bytes");
	same_bytes(
		&UmpSignal::ApprovedPeer(peer.clone()),
		&pp::UMPSignal::ApprovedPeer(peer.to_vec().try_into().expect("40 bytes")),
	);
	let message = OutboundHrmpMessage { recipient: ParaId(2001), data: vec![1, 2, 3] };
	same_bytes(
		&message,
		&pp::OutboundHrmpMessage { recipient: pp::Id::from(2001), data: vec![1, 2, 3] },
	);
	assert_eq!(UMP_SEPARATOR, pp::UMP_SEPARATOR);
	// Polkadot parses the same signals from the same commitments.
	let mut commitments = commitments();
	commitments.upward_messages =
		vec![UMP_SEPARATOR, select.encode(), UmpSignal::ApprovedPeer(peer).encode()]
			.try_into()
			.expect("three");
	let ours = commitments.ump_signals().expect("well formed");
	let theirs = their_commitments(&commitments).ump_signals().expect("well formed");
	assert_eq!(
		ours.select_core.map(|(s, o)| (s.0, o.0)),
		theirs.core_selector().map(|(s, o)| (s.0, o.0))
	);
	assert_eq!(ours.approved_peer.map(|p| p.to_vec()), theirs.approved_peer().map(|p| p.to_vec()));
}

#[test]
fn indices_keys_and_para_types_are_polkadots() {
	same_bytes(&CoreIndex(9), &pp::CoreIndex(9));
	same_bytes(&GroupIndex(9), &pp::GroupIndex(9));
	same_bytes(&ValidatorIndex(9), &pp::ValidatorIndex(9));
	same_bytes(&ParaId(2000), &pp::Id::from(2000));
	same_bytes(&HeadData(vec![1, 2]), &pp::HeadData(vec![1, 2]));
	same_bytes(&ValidationCode(vec![3; 70]), &pp::ValidationCode(vec![3; 70]));
	let code_hash = ValidationCode(vec![3; 70]).hash();
	same_bytes(&code_hash, &pp::ValidationCode(vec![3; 70]).hash());
	let validator = ValidatorId::from(key(1).public());
	same_bytes(&validator, &pp::ValidatorId::from(key(1).public()));
	assert_eq!(PARA_VALIDATOR_KEY_TYPE, pp::PARACHAIN_KEY_TYPE_ID);
	assert_eq!(PARACHAINS_INHERENT_IDENTIFIER, pp::PARACHAINS_INHERENT_IDENTIFIER);
}
