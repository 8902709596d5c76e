//! The collator state machine: learning who is which validator through authority discovery,
//! declaring to its group only, building on each relay block and advertising to validators
//! whose view holds the relay parent, serving fetches, checking `Seconded` statements, counting
//! inclusions, and bidding as a parathread.

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
	collator_protocol::{
		CollationFetchingRequest, CollationFetchingResponse, CollationProtocol,
		CollatorProtocolMessage, SignedStatement, Statement, WireMessage,
	},
	signing_payload, AccountId, CandidateHash, CandidateReceipt, CompactStatement, Hash, HeadData,
	ParaId, PoV, SigningContext, ValidatorIndex,
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
/// rotation) connected, each identified by authority discovery.
fn setup() -> (Collator, [PeerId; 3]) {
	let me = PeerId::random();
	let mut collator = Collator::new(PARA, collator_pair(7), me, None, Vec::new());
	let peers = [PeerId::random(), PeerId::random(), PeerId::random()];
	for (seed, peer) in (1u8..).zip(peers) {
		let asked = collator.handle(Event::PeerConnected(peer));
		assert_eq!(asked, vec![Action::Identify(peer)], "it asks authority discovery");
		let found = Event::PeerAuthorities(peer, vec![discovery_key(seed)]);
		assert!(collator.handle(found).is_empty(), "nothing to say before a relay block");
	}
	(collator, peers)
}

/// A new relay block, then the views of `peers` naming it: the actions of all of that.
fn step(
	collator: &mut Collator,
	peers: &[PeerId],
	number: u32,
	data: Option<relay_primitives::PersistedValidationData>,
) -> Vec<Action> {
	let mut actions = collator.handle(leaf(number, data));
	for peer in peers {
		let view = view_update(&[block(number).hash]);
		actions.extend(collator.handle(Event::Message(*peer, view)));
	}
	actions
}

fn sent_to(actions: &[Action], peer: PeerId) -> Vec<CollatorProtocolMessage> {
	actions
		.iter()
		.filter_map(|a| match a {
			Action::Send(p, bytes) if *p == peer => match unwire(bytes) {
				WireMessage::ProtocolMessage(CollationProtocol::CollatorProtocol(m)) => Some(m),
				WireMessage::ViewUpdate(_) => None,
			},
			_ => None,
		})
		.collect()
}

#[test]
fn it_declares_to_its_group_only_then_builds_advertises_and_serves() {
	let (mut collator, [alice, bob, charlie]) = setup();
	let actions = collator.handle(leaf(1, Some(genesis_data())));
	// Declared to its group now (Alice, Bob) and after the next rotation (Charlie); no advert
	// before a validator's view holds the relay parent.
	for peer in [alice, bob, charlie] {
		let messages = sent_to(&actions, peer);
		assert!(
			matches!(&messages[..], [CollatorProtocolMessage::Declare(_, para, _)] if *para == PARA),
			"{messages:?}"
		);
	}
	let actions = [alice, bob, charlie]
		.into_iter()
		.flat_map(|peer| collator.handle(Event::Message(peer, view_update(&[block(1).hash]))))
		.collect::<Vec<_>>();
	for peer in [alice, bob] {
		let messages = sent_to(&actions, peer);
		assert!(
			matches!(&messages[..], [CollatorProtocolMessage::AdvertiseCollation { .. }]),
			"{messages:?}"
		);
	}
	assert!(sent_to(&actions, charlie).is_empty(), "Charlie's group is not backing yet");
	let Some(CollatorProtocolMessage::AdvertiseCollation {
		relay_parent,
		candidate_hash,
		parent_head_data_hash,
	}) = sent_to(&actions, alice).pop()
	else {
		panic!("advertised")
	};
	assert_eq!(relay_parent, block(1).hash);
	assert_eq!(parent_head_data_hash, HeadData(genesis_head(PARA.0).encode()).hash());
	let request = CollationFetchingRequest { relay_parent, para_id: PARA, candidate_hash };
	let Some(CollationFetchingResponse::Collation(receipt, pov)) =
		collator.collation_response(&alice, &request)
	else {
		panic!("served")
	};
	assert_eq!(receipt.hash(), candidate_hash);
	let para_block: example_para::Block =
		Decode::decode(&mut &pov.block_data.0[..]).expect("a block");
	assert_eq!(para_block.ops, vec![Op::Add { name: BLOCKS_COUNTER.to_vec(), amount: 1 }]);
	let unknown =
		CollationFetchingRequest { candidate_hash: CandidateHash(Hash::zero()), ..request.clone() };
	assert_eq!(collator.collation_response(&alice, &unknown), None);
	assert_eq!(collator.collation_response(&charlie, &request), None, "not offered to Charlie");
	assert_eq!(collator.stats().built, 1);
	assert_eq!(collator.stats().advertised, 2);
	// A view repeated does not bring the advert again; it declares once.
	let again = collator.handle(Event::Message(alice, view_update(&[block(1).hash])));
	assert!(sent_to(&again, alice).is_empty());
	let next = step(&mut collator, &[alice], 2, Some(genesis_data()));
	assert!(!sent_to(&next, alice)
		.iter()
		.any(|m| matches!(m, CollatorProtocolMessage::Declare(..))));
}

#[test]
fn peers_unknown_to_authority_discovery_are_asked_about_again_and_never_offered_anything() {
	let me = PeerId::random();
	let mut collator = Collator::new(PARA, collator_pair(7), me, None, Vec::new());
	let (stranger, alice) = (PeerId::random(), PeerId::random());
	collator.handle(Event::PeerConnected(stranger));
	collator.handle(Event::PeerConnected(alice));
	assert!(collator.handle(Event::PeerAuthorities(stranger, vec![])).is_empty());
	// Alice's record arrives after the first block: she is declared to at once.
	let actions = step(&mut collator, &[stranger, alice], 1, Some(genesis_data()));
	assert!(actions.contains(&Action::Identify(stranger)), "asked again: {actions:?}");
	assert!(sent_to(&actions, stranger).is_empty() && sent_to(&actions, alice).is_empty());
	let actions = collator.handle(Event::PeerAuthorities(alice, vec![discovery_key(1)]));
	let to_alice = sent_to(&actions, alice);
	assert!(matches!(to_alice.first(), Some(CollatorProtocolMessage::Declare(..))), "{to_alice:?}");
	assert!(matches!(to_alice.get(1), Some(CollatorProtocolMessage::AdvertiseCollation { .. })));
	// An authority that is no validator of the session identifies nobody.
	let other = discovery_key(50);
	assert!(collator.handle(Event::PeerAuthorities(stranger, vec![other])).is_empty());
	assert!(
		sent_to(&step(&mut collator, &[stranger], 2, Some(genesis_data())), stranger).is_empty()
	);
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
	let actions = step(&mut collator, &[alice], 1, Some(data));
	assert!(!sent_to(&actions, alice)
		.iter()
		.any(|m| matches!(m, CollatorProtocolMessage::AdvertiseCollation { .. })));
	assert_eq!(collator.stats().built, 0);
}

/// The collation the collator advertised to Alice in `actions`, as it serves it.
fn served(collator: &Collator, actions: &[Action], alice: PeerId) -> (CandidateReceipt, PoV) {
	let Some(CollatorProtocolMessage::AdvertiseCollation { relay_parent, candidate_hash, .. }) =
		sent_to(actions, alice).pop()
	else {
		panic!("advertised: {actions:?}")
	};
	let request = CollationFetchingRequest { relay_parent, para_id: PARA, candidate_hash };
	match collator.collation_response(&alice, &request) {
		Some(CollationFetchingResponse::Collation(receipt, pov)) => (receipt, pov),
		other => panic!("served: {other:?}"),
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
		let actions = step(&mut collator, &[alice], number, Some(data.clone()));
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
fn seconded_statements_are_checked() {
	let (mut collator, [alice, bob, _]) = setup();
	let actions = step(&mut collator, &[alice], 1, Some(genesis_data()));
	let (plain, _) = served(&collator, &actions, alice);
	let receipt = collator_receipt(&collator, plain.hash());
	let relay_parent = block(1).hash;
	let context = SigningContext { session_index: SESSION, parent_hash: relay_parent };
	let sign = |seed: usize, statement: CompactStatement| {
		validators()[seed].sign(&signing_payload(&statement, &context))
	};
	let seconded = |index: u32, payload: Statement, signature| {
		wire(CollatorProtocolMessage::CollationSeconded(
			relay_parent,
			SignedStatement { payload, validator_index: ValidatorIndex(index), signature },
		))
	};
	let alice_seconds = sign(0, CompactStatement::Seconded(receipt.hash()));
	let good = seconded(0, Statement::Seconded(receipt.clone()), alice_seconds.clone());
	let actions = collator.handle(Event::Message(alice, good.clone()));
	assert_eq!(collator.stats().seconded, 1);
	// Seconded: the collator builds the next block ahead, on its output, and advertises it.
	assert!(!actions.iter().any(|a| matches!(a, Action::Report(..))), "{actions:?}");
	let Some(CollatorProtocolMessage::AdvertiseCollation { parent_head_data_hash, .. }) =
		sent_to(&actions, alice).pop()
	else {
		panic!("the next collation is advertised: {actions:?}")
	};
	assert_eq!(parent_head_data_hash, receipt.commitments.head_data.hash());
	assert_eq!(collator.stats().built, 2);
	// Bob claims Alice's index.
	let actions = collator.handle(Event::Message(bob, good));
	assert!(actions.contains(&Action::Report(bob, COST_UNEXPECTED_MESSAGE)));
	// A `Valid` signature passed off as `Seconded`, and a forged one.
	let valid_sig = sign(1, CompactStatement::Valid(receipt.hash()));
	let actions = collator
		.handle(Event::Message(bob, seconded(1, Statement::Seconded(receipt.clone()), valid_sig)));
	assert!(actions.contains(&Action::Report(bob, COST_BAD_SIGNATURE)));
	let forged = validators()[1].sign(b"not a vote");
	let actions = collator
		.handle(Event::Message(bob, seconded(1, Statement::Seconded(receipt.clone()), forged)));
	assert!(actions.contains(&Action::Report(bob, COST_BAD_SIGNATURE)));
	// A `Valid` statement is not what a collator is told.
	let actions = collator.handle(Event::Message(
		alice,
		seconded(0, Statement::Valid(receipt.hash()), alice_seconds),
	));
	assert!(actions.contains(&Action::Report(alice, COST_UNEXPECTED_MESSAGE)));
	assert_eq!(collator.stats().seconded, 1);
	assert_eq!(collator.stats().built, 2, "nothing more is built on bad statements");
}

/// The committed receipt of the collator's collation with this hash (what validators second).
fn collator_receipt(
	collator: &Collator,
	hash: CandidateHash,
) -> relay_primitives::CommittedCandidateReceipt {
	collator.collation_receipt(&hash).expect("the collator has it")
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
	assert!(
		collator
			.handle(Event::Message(alice, view_update(&[])))
			.contains(&Action::Report(alice, COST_UNDECODABLE)),
		"an empty view is malformed"
	);
	assert!(collator
		.handle(Event::Message(alice, vec![7, 7]))
		.contains(&Action::Report(alice, COST_UNDECODABLE)));
}

#[test]
fn it_builds_ahead_on_seconded_collations_to_the_depth_limit_and_not_on_expired_ones() {
	let (mut collator, [alice, _, _]) = setup();
	let genesis_hash = HeadData(genesis_head(PARA.0).encode()).hash();
	let data = |number: u32| relay_primitives::PersistedValidationData {
		relay_parent_number: number,
		..genesis_data()
	};
	// Alice seconds the collation last advertised to her.
	let second_last = |collator: &mut Collator, actions: &[Action]| -> Vec<Action> {
		let (plain, _) = served(collator, actions, alice);
		let receipt = collator_receipt(collator, plain.hash());
		let relay_parent = receipt.descriptor.relay_parent;
		let context = SigningContext { session_index: SESSION, parent_hash: relay_parent };
		let statement = CompactStatement::Seconded(receipt.hash());
		let signature = validators()[0].sign(&signing_payload(&statement, &context));
		let payload = Statement::Seconded(receipt);
		collator.handle(Event::Message(
			alice,
			wire(CollatorProtocolMessage::CollationSeconded(
				relay_parent,
				SignedStatement { payload, validator_index: ValidatorIndex(0), signature },
			)),
		))
	};
	let mut actions = step(&mut collator, &[alice], 1, Some(data(1)));
	// On relay block 1: one on the head on chain, then one on each seconded one, to depth 2.
	for built in 1..=3 {
		assert_eq!(collator.stats().built, built);
		let on_genesis = advert_parent(&actions, alice) == genesis_hash;
		assert_eq!(on_genesis, built == 1, "collation {built} is built ahead");
		actions = second_last(&mut collator, &actions);
	}
	assert_eq!(collator.stats().built, 3, "nothing at depth 3: {actions:?}");
	assert!(sent_to(&actions, alice).is_empty());
	// Nothing is included. While the next block may still include them, the collator waits.
	for number in 2..=4 {
		step(&mut collator, &[alice], number, Some(data(number)));
		assert_eq!(collator.stats().built, 3, "at block {number}");
	}
	// At block 5 their relay parent is no longer allowed: it builds on the head on chain again.
	let actions = step(&mut collator, &[alice], 5, Some(data(5)));
	assert_eq!(collator.stats().built, 4);
	assert_eq!(advert_parent(&actions, alice), genesis_hash);
}

/// The parent head hash the last advertisement to `peer` names.
fn advert_parent(actions: &[Action], peer: PeerId) -> Hash {
	match sent_to(actions, peer).pop() {
		Some(CollatorProtocolMessage::AdvertiseCollation { parent_head_data_hash, .. }) => {
			parent_head_data_hash
		},
		other => panic!("an advertisement: {other:?}"),
	}
}

#[test]
fn a_session_change_or_a_fork_ends_the_chain_built_ahead() {
	let (mut collator, [alice, _, _]) = setup();
	let genesis_hash = HeadData(genesis_head(PARA.0).encode()).hash();
	let second = |collator: &mut Collator, actions: &[Action]| -> Vec<Action> {
		let (plain, _) = served(collator, actions, alice);
		let receipt = collator_receipt(collator, plain.hash());
		let relay_parent = receipt.descriptor.relay_parent;
		let context = SigningContext { session_index: SESSION, parent_hash: relay_parent };
		let statement = CompactStatement::Seconded(receipt.hash());
		let signature = validators()[0].sign(&signing_payload(&statement, &context));
		collator.handle(Event::Message(
			alice,
			wire(CollatorProtocolMessage::CollationSeconded(
				relay_parent,
				SignedStatement {
					payload: Statement::Seconded(receipt),
					validator_index: ValidatorIndex(0),
					signature,
				},
			)),
		))
	};
	let actions = step(&mut collator, &[alice], 1, Some(genesis_data()));
	let actions = second(&mut collator, &actions);
	assert_ne!(advert_parent(&actions, alice), genesis_hash, "built ahead");
	// Block 2 is the last of the session: the next block is in session 2, where candidates
	// signed for session 1 are refused; the collator builds on the head on chain again.
	let mut last = block(2);
	last.session = SESSION + 1;
	let mut actions = collator.handle(Event::NewLeaf {
		block: last.clone(),
		data: Some(genesis_data()),
		code_hash: Some(code().hash()),
		bids: vec![],
		claims: vec![],
	});
	actions.extend(collator.handle(Event::Message(alice, view_update(&[last.hash]))));
	assert_eq!(collator.stats().built, 3, "{actions:?}");
	assert_eq!(advert_parent(&actions, alice), genesis_hash, "on the head on chain");
	// Seconded in session 2: built ahead on it.
	let context = SigningContext { session_index: SESSION + 1, parent_hash: block(2).hash };
	let (plain, _) = served(&collator, &actions, alice);
	let receipt = collator_receipt(&collator, plain.hash());
	let statement = CompactStatement::Seconded(receipt.hash());
	let signature = validators()[0].sign(&signing_payload(&statement, &context));
	let actions = collator.handle(Event::Message(
		alice,
		wire(CollatorProtocolMessage::CollationSeconded(
			block(2).hash,
			SignedStatement {
				payload: Statement::Seconded(receipt),
				validator_index: ValidatorIndex(0),
				signature,
			},
		)),
	));
	assert_eq!(collator.stats().built, 4);
	assert_ne!(advert_parent(&actions, alice), genesis_hash, "built ahead");
	// A fork: a block 3 whose parent is not that block 2, so the next block may not include
	// the collations on it; the collator builds on the head on chain.
	let mut fork = block(3);
	fork.parent_hash = Hash::repeat_byte(0xf2);
	fork.session = SESSION + 1;
	let actions = collator.handle(Event::NewLeaf {
		block: fork.clone(),
		data: Some(genesis_data()),
		code_hash: Some(code().hash()),
		bids: vec![],
		claims: vec![],
	});
	let view = view_update(&[fork.hash]);
	let mut actions = actions;
	actions.extend(collator.handle(Event::Message(alice, view)));
	assert_eq!(collator.stats().built, 5);
	assert_eq!(advert_parent(&actions, alice), genesis_hash, "on the head on chain");
}
