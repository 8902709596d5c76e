//! Native tests of the ledger and of the validation function's encoding. The WASM build is
//! checked against this native code in `node/pvf` (it needs the PVF host to run).

use super::*;
use codec::{Decode, Encode};
use proptest::prelude::*;

fn name(s: &str) -> Vec<u8> {
	s.as_bytes().to_vec()
}

/// Executes `ops` on the genesis of para 7.
fn on_genesis(ops: Vec<Op>) -> Result<(Head, State), Error> {
	execute(&genesis_head(7), Block { state: genesis_state(7), ops })
}

fn params(parent: &Head, block: &Block) -> Vec<u8> {
	ValidationParams {
		parent_head: parent.encode(),
		block_data: block.encode(),
		relay_parent_number: 9,
		relay_parent_storage_root: [3; 32],
	}
	.encode()
}

#[test]
fn genesis_heads_differ_per_para_and_commit_to_the_genesis_state() {
	assert_ne!(genesis_head(2000), genesis_head(2001));
	let head = genesis_head(2000);
	assert_eq!(head.number, 0);
	assert_eq!(head.parent_hash, [0; 32]);
	assert_eq!(head.post_state, hash(&genesis_state(2000).encode()));
}

#[test]
fn a_block_applies_its_ops_in_order_and_links_to_its_parent() {
	let (head, state) = on_genesis(vec![
		Op::Add { name: name("apples"), amount: 3 },
		Op::Add { name: name("pears"), amount: 1 },
		Op::Add { name: name("apples"), amount: 4 },
		Op::Remove { name: name("pears") },
		Op::Remark(b"hello".to_vec()),
	])
	.expect("valid block");
	assert_eq!(head.number, 1);
	assert_eq!(head.parent_hash, hash(&genesis_head(7).encode()));
	assert_eq!(head.post_state, state.hash());
	assert_eq!(state.counters.into_iter().collect::<Vec<_>>(), vec![(name("apples"), 7)]);
	assert_eq!((state.remarks, state.last_remark), (1, hash(b"hello")));
	assert_eq!(state.para_id, 7);
}

#[test]
fn an_empty_block_still_advances_the_number() {
	let (head, state) = on_genesis(vec![]).expect("valid");
	assert_eq!(head.number, 1);
	assert_eq!(state, genesis_state(7));
	let (next, _) = execute(&head, Block { state, ops: vec![] }).expect("valid");
	assert_eq!(next.number, 2);
	assert_eq!(next.parent_hash, hash(&head.encode()));
}

#[test]
fn every_invalid_block_is_refused_with_its_reason() {
	let mut other = genesis_state(7);
	other.remarks = 1;
	assert_eq!(
		execute(&genesis_head(7), Block { state: other, ops: vec![] }),
		Err(Error::StateMismatch)
	);
	assert_eq!(
		execute(&genesis_head(7), Block { state: genesis_state(8), ops: vec![] }),
		Err(Error::StateMismatch)
	);
	assert_eq!(on_genesis(vec![Op::Remark(vec![]); MAX_OPS + 1]), Err(Error::TooManyOps));
	assert_eq!(on_genesis(vec![Op::Add { name: vec![], amount: 1 }]), Err(Error::BadName));
	assert_eq!(
		on_genesis(vec![Op::Add { name: vec![b'x'; MAX_NAME_LEN + 1], amount: 1 }]),
		Err(Error::BadName)
	);
	assert_eq!(
		on_genesis(vec![
			Op::Add { name: name("a"), amount: u64::MAX },
			Op::Add { name: name("a"), amount: 1 }
		]),
		Err(Error::Overflow)
	);
	assert_eq!(on_genesis(vec![Op::Remove { name: name("a") }]), Err(Error::NoSuchCounter));
	assert_eq!(
		on_genesis(vec![Op::Remark(vec![0; MAX_REMARK_LEN + 1])]),
		Err(Error::RemarkTooLong)
	);
	let full: Vec<Op> = (0..MAX_COUNTERS as u32)
		.map(|i| Op::Add { name: i.to_le_bytes().to_vec(), amount: 1 })
		.collect();
	let (head, state) = on_genesis(full).expect("exactly the most counters");
	assert_eq!(state.counters.len(), MAX_COUNTERS);
	let one_more = vec![Op::Add { name: name("one more"), amount: 1 }];
	assert_eq!(execute(&head, Block { state, ops: one_more }), Err(Error::TooManyCounters));
}

#[test]
fn the_counter_limit_counts_only_new_names() {
	let full: Vec<Op> = (0..MAX_COUNTERS as u32)
		.map(|i| Op::Add { name: i.to_le_bytes().to_vec(), amount: 1 })
		.collect();
	let (head, state) = on_genesis(full).expect("valid");
	let existing = vec![Op::Add { name: 0u32.to_le_bytes().to_vec(), amount: 1 }];
	let (_, state) = execute(&head, Block { state, ops: existing }).expect("not a new counter");
	assert_eq!(state.counters.get(0u32.to_le_bytes().as_slice()), Some(&2));
}

#[test]
fn validate_returns_the_encoded_result_and_refuses_bad_encodings() {
	let block =
		Block { state: genesis_state(7), ops: vec![Op::Add { name: name("x"), amount: 1 }] };
	let result = validate(&params(&genesis_head(7), &block)).expect("valid");
	let result = ValidationResult::decode(&mut &result[..]).expect("decodes");
	let (head, _) = execute(&genesis_head(7), block.clone()).expect("valid");
	assert_eq!(result, ValidationResult::head_only(head.encode(), 9));

	let mut trailing = params(&genesis_head(7), &block);
	trailing.push(0);
	assert_eq!(validate(&trailing), Err(Error::BadEncoding));
	let mut bad_block =
		ValidationParams::decode(&mut &params(&genesis_head(7), &block)[..]).expect("decodes");
	bad_block.block_data.push(0);
	assert_eq!(validate(&bad_block.encode()), Err(Error::BadEncoding));
	bad_block.block_data = vec![1, 2, 3];
	assert_eq!(validate(&bad_block.encode()), Err(Error::BadEncoding));
	let mut bad_head =
		ValidationParams::decode(&mut &params(&genesis_head(7), &block)[..]).expect("decodes");
	bad_head.parent_head.truncate(10);
	assert_eq!(validate(&bad_head.encode()), Err(Error::BadEncoding));
}

/// The example of `relay_primitives::candidate`'s module docs: the 43-byte encoding.
#[test]
fn params_encode_as_the_primitives_docs_show() {
	let params = ValidationParams {
		parent_head: vec![1, 2, 3],
		block_data: vec![0xaa, 0xbb],
		relay_parent_number: 7,
		relay_parent_storage_root: [0x11; 32],
	};
	let mut expected = vec![0x0c, 1, 2, 3, 0x08, 0xaa, 0xbb, 7, 0, 0, 0];
	expected.extend([0x11; 32]);
	assert_eq!(params.encode(), expected);
}

proptest! {
	/// Executing a chain of random blocks: each head links to the previous one and commits to
	/// the state, and the state is what a simple model of the counters says.
	#[test]
	fn random_chains_follow_the_model(
		blocks in prop::collection::vec(
			prop::collection::vec((0u8..4, 0u8..6, 0u64..1_000), 0..8),
			1..6,
		),
	) {
		let mut head = genesis_head(3);
		let mut state = genesis_state(3);
		let mut model = std::collections::BTreeMap::<Vec<u8>, u64>::new();
		let mut remarks = 0u64;
		for ops in blocks {
			let ops: Vec<Op> = ops
				.into_iter()
				.map(|(kind, n, amount)| match kind {
					0 | 1 => Op::Add { name: vec![b'c', n], amount },
					2 => Op::Remove { name: vec![b'c', n] },
					_ => Op::Remark(amount.to_le_bytes().to_vec()),
				})
				.collect();
			let mut expect_ok = true;
			let mut next_model = model.clone();
			let mut next_remarks = remarks;
			for op in &ops {
				match op {
					Op::Add { name, amount } => *next_model.entry(name.clone()).or_insert(0) += amount,
					Op::Remove { name } => expect_ok &= next_model.remove(name).is_some(),
					Op::Remark(_) => next_remarks += 1,
				}
			}
			let result = execute(&head, Block { state: state.clone(), ops });
			if expect_ok {
				let (new_head, new_state) = result.expect("the model says valid");
				prop_assert_eq!(new_head.number, head.number + 1);
				prop_assert_eq!(new_head.parent_hash, hash(&head.encode()));
				prop_assert_eq!(new_head.post_state, new_state.hash());
				prop_assert_eq!(&new_state.counters, &next_model);
				prop_assert_eq!(new_state.remarks, next_remarks);
				head = new_head;
				state = new_state;
				model = next_model;
				remarks = next_remarks;
			} else {
				prop_assert_eq!(result, Err(Error::NoSuchCounter));
			}
		}
	}
}
