//! The collator state machine: declaring to its group only, building and advertising on each
//! relay block, serving fetches, counting inclusions, and bidding as a parathread.

use super::common::*;
use crate::{
	collator::{Action, BidPolicy, Collator, Event, BLOCKS_COUNTER},
	reputation::*,
	validation::{check_candidate, CheckError},
};
use codec::{Decode, Encode};
use example_para::{genesis_head, genesis_state, Op};
use pallet_parathreads::view::{BidView, ClaimView};
use relay_primitives::{
	network::{CollationFetchRequest, CollationFetchResponse, CollationMessage},
	signing_payload, AccountId, CandidateHash, CommittedCandidateReceipt, CompactStatement, Hash,
	HeadData, ParaId, PoV, SigningContext, ValidatorIndex,
};
use relay_pvf::{InvalidCandidate, ValidationError};
use sc_network::PeerId;
use sp_core::Pair;

const FEE: u128 = 2_000_000_000;

/// Relay block `number`, with 2000's persisted validation data `data`.
fn leaf(number: u32, data: Option<relay_primitives::PersistedValidationData>) -> Event {
	Event::NewLeaf {
		block: block(number),
		data,
		code_hash: Some(code().hash()),
		bids: vec![],
		claims: vec![],
	}
}

/// A collator of 2000 with Alice and Bob (its group now) and Charlie (its group after the next
/// rotation) connected and said hello.
fn setup() -> (Collator, [PeerId; 3]) {
	let me = PeerId::random();
	let mut collator = Collator::new(PARA, collator_pair(7), me, None, Vec::new());
	let peers = [PeerId::random(), PeerId::random(), PeerId::random()];
	for (peer, pair) in peers.iter().zip(validators().iter()) {
		collator.handle(Event::PeerConnected(*peer));
		let hello = CollationMessage::ValidatorHello(hello(pair, peer)).encode();
		assert!(collator.handle(Event::Message(*peer, hello)).is_empty());
	}
	(collator, peers)
}

fn sent_to(actions: &[Action], peer: PeerId) -> Vec<CollationMessage> {
	actions
		.iter()
		.filter_map(|a| match a {
			Action::Send(p, bytes) if *p == peer => CollationMessage::decode(&mut &bytes[..]).ok(),
			_ => None,
		})
		.collect()
}

#[test]
fn it_declares_to_its_group_only_then_builds_advertises_and_serves() {
	let (mut collator, [alice, bob, charlie]) = setup();
	let actions = collator.handle(leaf(1, Some(genesis_data())));
	for peer in [alice, bob] {
		let messages = sent_to(&actions, peer);
		assert!(
			matches!(messages.first(), Some(CollationMessage::Declare { para_id, .. }) if *para_id == PARA)
		);
		assert!(matches!(messages.get(1), Some(CollationMessage::AdvertiseCollation { .. })));
	}
	// Charlie's group backs 2000's core after the next rotation: declared to ahead of time, but
	// offered nothing yet.
	let to_charlie = sent_to(&actions, charlie);
	assert!(matches!(&to_charlie[..], [CollationMessage::Declare { .. }]), "{to_charlie:?}");
	let Some(CollationMessage::AdvertiseCollation {
		relay_parent,
		candidate_hash,
		parent_head_data_hash,
	}) = sent_to(&actions, alice).pop()
	else {
		panic!("advertised")
	};
	assert_eq!(relay_parent, block(1).hash);
	assert_eq!(parent_head_data_hash, HeadData(genesis_head(PARA.0).encode()).hash());
	let request = CollationFetchRequest { relay_parent, para_id: PARA, candidate_hash };
	let CollationFetchResponse::Collation { receipt, pov } = collator.collation_response(&request)
	else {
		panic!("served")
	};
	assert_eq!(receipt.hash(), candidate_hash);
	let block: example_para::Block = Decode::decode(&mut &pov.block_data.0[..]).expect("a block");
	assert_eq!(block.ops, vec![Op::Add { name: BLOCKS_COUNTER.to_vec(), amount: 1 }]);
	let unknown = CollationFetchRequest { candidate_hash: CandidateHash(Hash::zero()), ..request };
	assert_eq!(collator.collation_response(&unknown), CollationFetchResponse::NoSuchCollation);
	assert_eq!(collator.stats().built, 1);
	assert_eq!(collator.stats().advertised, 2);
	// It declares once.
	let again = collator.handle(leaf(2, Some(genesis_data())));
	assert!(!sent_to(&again, alice)
		.iter()
		.any(|m| matches!(m, CollationMessage::Declare { .. })));
}

#[test]
fn queued_ops_go_into_the_next_block_and_inclusion_is_counted_saved_and_restored() {
	let (mut collator, _) = setup();
	assert!(collator.queue_op(Op::Add { name: b"apples".to_vec(), amount: 3 }));
	collator.handle(leaf(1, Some(genesis_data())));
	// The relay chain includes the collation: its head is now the para's.
	let request_head = {
		let state = genesis_state(PARA.0);
		let ops = vec![
			Op::Add { name: BLOCKS_COUNTER.to_vec(), amount: 1 },
			Op::Add { name: b"apples".to_vec(), amount: 3 },
		];
		example_para::execute(&genesis_head(PARA.0), example_para::Block { state, ops })
			.expect("valid")
	};
	let mut data = genesis_data();
	data.parent_head = HeadData(request_head.0.encode());
	let actions = collator.handle(leaf(2, Some(data)));
	let saved = actions.iter().find_map(|a| match a {
		Action::Persist(states) => Some(states.clone()),
		_ => None,
	});
	let saved = saved.expect("the new head's state is saved");
	assert_eq!(saved.first(), Some(&request_head.1), "the head's state first");
	assert_eq!(saved.len(), 2, "then the state of the collation offered on the new head");
	// The collator stops; its second block gets in meanwhile. Restarted with what it saved, it
	// builds on that block's head.
	let second = example_para::execute(
		&request_head.0,
		example_para::Block {
			state: request_head.1.clone(),
			ops: vec![Op::Add { name: BLOCKS_COUNTER.to_vec(), amount: 1 }],
		},
	)
	.expect("valid");
	assert_eq!(saved.get(1), Some(&second.1));
	let mut data = genesis_data();
	data.parent_head = HeadData(second.0.encode());
	let mut restarted = Collator::new(PARA, collator_pair(7), PeerId::random(), None, saved);
	let mut forgetful = Collator::new(PARA, collator_pair(7), PeerId::random(), None, Vec::new());
	restarted.handle(leaf(3, Some(data.clone())));
	forgetful.handle(leaf(3, Some(data)));
	assert_eq!(restarted.stats().built, 1);
	assert_eq!(restarted.state(), Some(&second.1));
	assert_eq!(forgetful.stats().built, 0, "without the saved states it cannot build");
	assert_eq!(collator.stats().included, 1);
	assert_eq!(collator.head(), Some(&request_head.0));
	assert_eq!(collator.state(), Some(&request_head.1));
	assert_eq!(
		collator.state().and_then(|s| s.counters.get(b"apples".as_slice()).copied()),
		Some(3)
	);
}

#[test]
fn a_head_built_by_someone_else_is_not_built_on() {
	let (mut collator, [alice, ..]) = setup();
	let other = example_para::execute(
		&genesis_head(PARA.0),
		example_para::Block { state: genesis_state(PARA.0), ops: vec![Op::Remark(b"x".to_vec())] },
	)
	.expect("valid");
	let mut data = genesis_data();
	data.parent_head = HeadData(other.0.encode());
	let actions = collator.handle(leaf(1, Some(data)));
	assert!(!sent_to(&actions, alice)
		.iter()
		.any(|m| matches!(m, CollationMessage::AdvertiseCollation { .. })));
	assert_eq!(collator.stats().built, 0);
}

/// The collation the collator advertised to Alice in `actions`, as it serves it.
fn served(
	collator: &Collator,
	actions: &[Action],
	alice: PeerId,
) -> (CommittedCandidateReceipt, PoV) {
	let Some(CollationMessage::AdvertiseCollation { relay_parent, candidate_hash, .. }) =
		sent_to(actions, alice).pop()
	else {
		panic!("advertised: {actions:?}")
	};
	let request = CollationFetchRequest { relay_parent, para_id: PARA, candidate_hash };
	match collator.collation_response(&request) {
		CollationFetchResponse::Collation { receipt, pov } => (receipt, pov),
		CollationFetchResponse::NoSuchCollation => panic!("served"),
	}
}

#[test]
fn a_collator_of_invalid_blocks_builds_on_any_head_and_only_the_para_code_refuses_them() {
	let (mut collator, [alice, ..]) = setup();
	collator.set_invalid_collations(true);
	let host = relay_pvf::InProcess::new().expect("wasmtime starts");
	let other = example_para::execute(
		&genesis_head(PARA.0),
		example_para::Block { state: genesis_state(PARA.0), ops: vec![Op::Remark(b"x".to_vec())] },
	)
	.expect("valid");
	let mut other_data = genesis_data();
	other_data.parent_head = HeadData(other.0.encode());
	// On the genesis head (whose state it knows) and on a head someone else built.
	for (number, data) in [(1, genesis_data()), (2, other_data)] {
		let actions = collator.handle(leaf(number, Some(data.clone())));
		let (receipt, pov) = served(&collator, &actions, alice);
		let result = check_candidate(&host, &receipt, &pov, &data, &code());
		assert!(
			matches!(
				result,
				Err(CheckError::Validation(ValidationError::Invalid(InvalidCandidate::Trap(_))))
			),
			"{result:?}"
		);
	}
	assert_eq!(collator.stats().built, 2);
}

#[test]
fn seconded_feedback_is_checked() {
	let (mut collator, [alice, bob, _]) = setup();
	let actions = collator.handle(leaf(1, Some(genesis_data())));
	let Some(CollationMessage::AdvertiseCollation { relay_parent, candidate_hash, .. }) =
		sent_to(&actions, alice).pop()
	else {
		panic!("advertised")
	};
	let context = SigningContext { session_index: SESSION, parent_hash: relay_parent };
	let vote =
		validators()[0].sign(&signing_payload(&CompactStatement::Valid(candidate_hash), &context));
	let feedback = |index: u32, signature| {
		CollationMessage::CollationSeconded {
			relay_parent,
			candidate_hash,
			validator_index: ValidatorIndex(index),
			signature,
		}
		.encode()
	};
	assert!(collator.handle(Event::Message(alice, feedback(0, vote.clone()))).is_empty());
	assert_eq!(collator.stats().seconded, 1);
	// Bob claims Alice's index.
	let actions = collator.handle(Event::Message(bob, feedback(0, vote)));
	assert!(actions.contains(&Action::Report(bob, COST_UNEXPECTED_MESSAGE)));
	let forged = validators()[1].sign(b"not a vote");
	let actions = collator.handle(Event::Message(bob, feedback(1, forged)));
	assert!(actions.contains(&Action::Report(bob, COST_BAD_SIGNATURE)));
	assert_eq!(collator.stats().seconded, 1);
}

/// A parathread (2001) collator: no core in the relay blocks below.
fn parathread(budget: u128) -> Collator {
	let policy = BidPolicy { fee: FEE, budget };
	Collator::new(ParaId(2001), collator_pair(11), PeerId::random(), Some(policy), Vec::new())
}

/// The actions other than `Persist` (a collator saves its states at every new head).
fn acts(actions: Vec<Action>) -> Vec<Action> {
	actions.into_iter().filter(|a| !matches!(a, Action::Persist(_))).collect()
}

fn thread_leaf(
	number: u32,
	bids: Vec<BidView<AccountId, u128>>,
	claims: Vec<(u32, ClaimView<AccountId, u128, u32>)>,
) -> Event {
	let mut data = genesis_data();
	data.parent_head = HeadData(genesis_head(2001).encode());
	Event::NewLeaf {
		block: block(number),
		data: Some(data),
		code_hash: Some(code().hash()),
		bids,
		claims,
	}
}

#[test]
fn a_parathread_bids_on_its_head_rebids_after_a_loss_and_stays_within_its_budget() {
	// A budget for two fees' worth of claims and a bit.
	let mut collator = parathread(3 * FEE - 1);
	let head_hash = HeadData(genesis_head(2001).encode()).hash();
	let bid_action = vec![Action::SubmitBid { fee: FEE, head_hash }];
	assert_eq!(acts(collator.handle(thread_leaf(1, vec![], vec![]))), bid_action);
	// The transaction is not in a block yet: no second bid.
	assert!(acts(collator.handle(thread_leaf(2, vec![], vec![]))).is_empty());
	// The bid is in the book: still none.
	let account = AccountId::from(sp_core::sr25519::Public::from(collator_pair(11).public()));
	let bid = BidView {
		para_id: ParaId(2001),
		bidder: account.clone(),
		fee: FEE,
		head_hash,
		would_win: true,
	};
	assert!(acts(collator.handle(thread_leaf(3, vec![bid], vec![]))).is_empty());
	// Lost (no bid, no claim): it bids again.
	assert_eq!(acts(collator.handle(thread_leaf(4, vec![], vec![]))), bid_action);
	// Won: the claim's price counts against the budget, once.
	let claim = ClaimView {
		para_id: ParaId(2001),
		bidder: account,
		price: 2 * FEE,
		head_hash,
		expires_at: 20,
	};
	assert!(acts(collator.handle(thread_leaf(5, vec![], vec![(0, claim.clone())]))).is_empty());
	assert!(acts(collator.handle(thread_leaf(6, vec![], vec![(0, claim)]))).is_empty());
	assert_eq!(collator.stats().spent, 2 * FEE);
	// Another claim at this fee would take it over its budget: no more bids.
	for number in 7..12 {
		assert!(acts(collator.handle(thread_leaf(number, vec![], vec![]))).is_empty());
	}
	assert_eq!(collator.stats().bids, 2);
	let mut poor = parathread(FEE - 1);
	assert!(
		acts(poor.handle(thread_leaf(1, vec![], vec![]))).is_empty(),
		"the fee is above the budget"
	);
}

#[test]
fn a_collator_without_a_bid_policy_never_bids() {
	let mut collator =
		Collator::new(ParaId(2001), collator_pair(11), PeerId::random(), None, Vec::new());
	assert!(acts(collator.handle(thread_leaf(1, vec![], vec![]))).is_empty());
}

#[test]
fn other_peers_collator_messages_and_garbage_cost() {
	let (mut collator, [alice, ..]) = setup();
	let stranger = PeerId::random();
	let declare = declare(&collator_pair(8), PARA, &stranger);
	assert!(collator
		.handle(Event::Message(stranger, declare))
		.contains(&Action::Report(stranger, COST_UNEXPECTED_MESSAGE)));
	assert!(collator
		.handle(Event::Message(alice, vec![7, 7]))
		.contains(&Action::Report(alice, COST_UNDECODABLE)));
}
