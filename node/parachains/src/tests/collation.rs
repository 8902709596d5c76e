//! Collations built from relay-chain answers, checked by the real example-para WASM (run
//! in-process here; the node's tests run it through the PVF host's worker process).

use crate::{
	collation::{build, BuildError, RelayContext},
	validation::{check_candidate, CheckError},
};
use codec::Encode;
use example_para::{genesis_head, genesis_state, Op};
use pallet_inclusion::view::{CoreKind, ScheduledCore};
use proptest::prelude::*;
use relay_primitives::{
	CoreIndex, GroupIndex, Hash, HeadData, ParaId, PersistedValidationData, ValidationCode,
};
use relay_pvf::{InProcess, InvalidCandidate, ValidationError};
use std::sync::OnceLock;

const PARA: ParaId = ParaId(2000);

fn code() -> ValidationCode {
	ValidationCode(relay_runtime::EXAMPLE_PARA_WASM.expect("built with WASM").to_vec())
}

fn backend() -> &'static InProcess {
	static BACKEND: OnceLock<InProcess> = OnceLock::new();
	BACKEND.get_or_init(|| InProcess::new().expect("wasmtime starts"))
}

fn cores() -> Vec<ScheduledCore> {
	vec![
		ScheduledCore {
			core_index: CoreIndex(0),
			kind: CoreKind::Parachain,
			para_id: Some(PARA),
			group_index: Some(GroupIndex(0)),
		},
		ScheduledCore {
			core_index: CoreIndex(1),
			kind: CoreKind::Pool { pool_core: 0 },
			para_id: None,
			group_index: Some(GroupIndex(0)),
		},
	]
}

fn data(parent_head: HeadData) -> PersistedValidationData {
	PersistedValidationData {
		parent_head,
		relay_parent_number: 12,
		relay_parent_storage_root: Hash::repeat_byte(4),
		max_pov_size: 5 * 1024 * 1024,
	}
}

/// The context of para 2000 at its genesis, on a relay parent.
fn genesis_context() -> RelayContext {
	RelayContext::from_answers(
		Hash::repeat_byte(1),
		PARA,
		0,
		&cores(),
		Some(data(HeadData(genesis_head(PARA.0).encode()))),
		Some(code().hash()),
	)
	.expect("scheduled")
}

#[test]
fn a_collation_on_the_relay_chains_answers_is_accepted_by_the_para_code() {
	let context = genesis_context();
	assert_eq!(context.core_index, CoreIndex(0));
	let ops = vec![Op::Add { name: b"blocks".to_vec(), amount: 1 }];
	let collation = build(&context, &genesis_state(PARA.0), ops).expect("builds");
	let descriptor = &collation.receipt.descriptor;
	assert_eq!(descriptor.para_id, PARA);
	assert_eq!(descriptor.relay_parent, context.relay_parent);
	assert_eq!(descriptor.core(), CoreIndex(0));
	assert!(descriptor.is_v2());
	assert_eq!(descriptor.pov_hash, collation.pov.hash());
	assert_eq!(collation.head.number, 1);
	assert_eq!(collation.state.counters.get(b"blocks".as_slice()), Some(&1));
	let commitments = check_candidate(
		backend(),
		&collation.receipt.to_plain(),
		&collation.pov,
		&context.persisted_validation_data,
		&code(),
	)
	.expect("valid");
	assert_eq!(commitments, collation.receipt.commitments);
	assert_eq!(commitments.head_data, HeadData(collation.head.encode()));
}

#[test]
fn the_next_collation_builds_on_the_previous_head_and_state() {
	let context = genesis_context();
	let first = build(&context, &genesis_state(PARA.0), vec![Op::Remark(b"first".to_vec())])
		.expect("builds");
	let mut next = context.clone();
	next.persisted_validation_data = data(first.receipt.commitments.head_data.clone());
	let ops = vec![Op::Remark(b"second".to_vec())];
	let second = build(&next, &first.state, ops).expect("builds");
	assert_eq!(second.head.number, 2);
	assert_eq!(second.head.parent_hash, example_para::hash(&first.head.encode()));
	check_candidate(
		backend(),
		&second.receipt.to_plain(),
		&second.pov,
		&next.persisted_validation_data,
		&code(),
	)
	.expect("valid");
	// The genesis state no longer matches.
	assert_eq!(build(&next, &genesis_state(PARA.0), vec![]), Err(BuildError::StateMismatch));
}

#[test]
fn collations_that_cannot_be_built_say_why() {
	let hash = Some(code().hash());
	let genesis = Some(data(HeadData(genesis_head(PARA.0).encode())));
	let other = ParaId(2001);
	assert_eq!(
		RelayContext::from_answers(Hash::zero(), other, 0, &cores(), genesis.clone(), hash),
		Err(BuildError::NotScheduled)
	);
	assert_eq!(
		RelayContext::from_answers(Hash::zero(), PARA, 0, &cores(), None, hash),
		Err(BuildError::UnknownPara)
	);
	let mut bad_head = genesis_context();
	bad_head.persisted_validation_data.parent_head = HeadData(vec![1, 2, 3]);
	assert_eq!(build(&bad_head, &genesis_state(PARA.0), vec![]), Err(BuildError::BadParentHead));
	assert_eq!(
		build(&genesis_context(), &genesis_state(PARA.0), vec![Op::Remove { name: b"x".to_vec() }]),
		Err(BuildError::InvalidBlock(example_para::Error::NoSuchCounter))
	);
	let mut small = genesis_context();
	small.persisted_validation_data.max_pov_size = 100;
	assert!(matches!(
		build(&small, &genesis_state(PARA.0), vec![Op::Remark(vec![0; 200])]),
		Err(BuildError::PovTooLarge { max: 100, .. })
	));
}

#[test]
fn every_mismatch_between_receipt_and_reality_is_refused() {
	let context = genesis_context();
	let data = context.persisted_validation_data.clone();
	let collation = build(&context, &genesis_state(PARA.0), vec![]).expect("builds");
	let check = |receipt: &relay_primitives::CommittedCandidateReceipt,
	             pov: &relay_primitives::PoV,
	             data: &PersistedValidationData| {
		check_candidate(backend(), &receipt.to_plain(), pov, data, &code())
	};
	let mut other_data = data.clone();
	other_data.relay_parent_number += 1;
	assert_eq!(
		check(&collation.receipt, &collation.pov, &other_data),
		Err(CheckError::PersistedValidationDataMismatch)
	);
	let mut flipped = collation.pov.clone();
	flipped.block_data.0[0] ^= 1;
	assert_eq!(check(&collation.receipt, &flipped, &data), Err(CheckError::PovHashMismatch));
	let mut small = data.clone();
	small.max_pov_size = 10;
	let mut receipt = collation.receipt.clone();
	receipt.descriptor.persisted_validation_data_hash = small.hash();
	assert!(matches!(
		check(&receipt, &collation.pov, &small),
		Err(CheckError::PovTooLarge { max: 10, .. })
	));
	let mut receipt = collation.receipt.clone();
	receipt.descriptor.validation_code_hash = ValidationCode(vec![0; 8]).hash();
	assert_eq!(check(&receipt, &collation.pov, &data), Err(CheckError::CodeHashMismatch));
	let mut receipt = collation.receipt.clone();
	receipt.descriptor.para_head = Hash::repeat_byte(9);
	assert_eq!(check(&receipt, &collation.pov, &data), Err(CheckError::HeadHashMismatch));
	let mut receipt = collation.receipt.clone();
	receipt.commitments.new_validation_code = Some(ValidationCode(vec![1]));
	assert_eq!(check(&receipt, &collation.pov, &data), Err(CheckError::CommitmentsMismatch));
	// A PoV that matches its receipt but not the parent head's state: the code refuses it.
	let other_state = example_para::State { remarks: 5, ..genesis_state(PARA.0) };
	let block = example_para::Block { state: other_state, ops: vec![] };
	let pov = relay_primitives::PoV { block_data: relay_primitives::BlockData(block.encode()) };
	let mut receipt = collation.receipt.clone();
	receipt.descriptor.pov_hash = pov.hash();
	assert!(matches!(
		check(&receipt, &pov, &data),
		Err(CheckError::Validation(ValidationError::Invalid(InvalidCandidate::Trap(_))))
	));
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(24))]

	/// The example para's mirrored ABI types encode exactly as relay-primitives' own (the para's
	/// WASM does not link relay-primitives).
	#[test]
	fn abi_types_encode_as_relay_primitives_does(
		parent_head in prop::collection::vec(any::<u8>(), 0..100),
		block_data in prop::collection::vec(any::<u8>(), 0..300),
		relay_parent_number in any::<u32>(),
		root in any::<[u8; 32]>(),
		head_data in prop::collection::vec(any::<u8>(), 0..100),
		code in prop::option::of(prop::collection::vec(any::<u8>(), 0..100)),
		upward in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..8), 0..4),
		horizontal in prop::collection::vec((any::<u32>(), prop::collection::vec(any::<u8>(), 0..8)), 0..4),
		processed in any::<u32>(),
		watermark in any::<u32>(),
	) {
		let ours = example_para::ValidationParams {
			parent_head: parent_head.clone(),
			block_data: block_data.clone(),
			relay_parent_number,
			relay_parent_storage_root: root,
		};
		let theirs = relay_primitives::ValidationParams {
			parent_head: relay_primitives::HeadData(parent_head),
			block_data: relay_primitives::BlockData(block_data),
			relay_parent_number,
			relay_parent_storage_root: root.into(),
		};
		prop_assert_eq!(ours.encode(), theirs.encode());
		let ours = example_para::ValidationResult {
			head_data: head_data.clone(),
			new_validation_code: code.clone(),
			upward_messages: upward.clone(),
			horizontal_messages: horizontal
				.iter()
				.map(|(recipient, data)| example_para::abi::OutboundHrmpMessage { recipient: *recipient, data: data.clone() })
				.collect(),
			processed_downward_messages: processed,
			hrmp_watermark: watermark,
		};
		let theirs = relay_primitives::ValidationResult {
			head_data: relay_primitives::HeadData(head_data),
			new_validation_code: code.map(relay_primitives::ValidationCode),
			upward_messages: upward.try_into().expect("few"),
			horizontal_messages: horizontal
				.into_iter()
				.map(|(recipient, data)| relay_primitives::candidate::OutboundHrmpMessage { recipient: relay_primitives::ParaId(recipient), data })
				.collect::<Vec<_>>()
				.try_into()
				.expect("few"),
			processed_downward_messages: processed,
			hrmp_watermark: watermark,
		};
		prop_assert_eq!(ours.encode(), theirs.encode());
	}

	/// Whatever ops a collator puts in a block, what it builds is what the code accepts.
	#[test]
	fn built_collations_are_accepted(
		ops in prop::collection::vec(
			(0u8..3, 0u8..4, 0u64..1_000_000).prop_map(|(kind, n, amount)| match kind {
				0 => Op::Add { name: vec![b'c', n], amount },
				1 => Op::Remark(amount.to_le_bytes().to_vec()),
				_ => Op::Add { name: vec![b'd'; n as usize + 1], amount },
			}),
			0..20,
		),
	) {
		let context = genesis_context();
		let collation = build(&context, &genesis_state(PARA.0), ops).expect("adds and remarks are valid");
		let commitments = check_candidate(
			backend(),
			&collation.receipt.to_plain(),
			&collation.pov,
			&context.persisted_validation_data,
			&code(),
		);
		prop_assert_eq!(commitments, Ok(collation.receipt.commitments));
	}
}
