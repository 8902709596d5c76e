//! The validator state machine, event by event: the honest path to a backed candidate, and every
//! kind of bad peer.

use super::common::*;
use crate::{
	reputation::*,
	validator::{Action, Event, Protocol, Validator, ADVERTS_PER_RELAY_PARENT, ADVERT_FLOOD_LIMIT},
};
use codec::Encode;
use relay_primitives::{
	collator_protocol::{
		CollationFetchingRequest, CollationFetchingResponse, CollationProtocol,
		CollatorProtocolMessage, Statement, WireMessage,
	},
	network::{PovFetchRequest, PovFetchResponse, ValidationMessage},
	signing_payload, CandidateHash, CompactStatement, Hash, ParaId, SigningContext, ValidatorIndex,
	ValidityAttestation,
};
use sc_network::PeerId;
use sp_core::Pair;

/// Alice's validator, with a relay block, a declared collator of 2000 and Bob's hello.
pub(super) struct Setup {
	pub(super) validator: Validator<TestKeys>,
	pub(super) collator: PeerId,
	pub(super) bob: PeerId,
}

pub(super) fn setup() -> Setup {
	let [alice, bob_pair, _] = validators();
	let mut validator = Validator::new(TestKeys(alice), PeerId::random(), 2);
	validator.handle(Event::NewLeaf(block(1)));
	let (collator, bob) = (PeerId::random(), PeerId::random());
	let views = validator.handle(Event::PeerConnected(collator, Protocol::Collation));
	let [Action::Send(p, Protocol::Collation, bytes)] = &views[..] else {
		panic!("a validator tells a collator its view first: {views:?}")
	};
	assert_eq!(*p, collator);
	match unwire(bytes) {
		WireMessage::ViewUpdate(view) => {
			assert_eq!(view.heads, vec![block(1).hash]);
			assert!(view.is_well_formed());
		},
		other => panic!("not a view: {other:?}"),
	}
	let declared = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		declare(&collator_pair(7), PARA, &collator),
	));
	assert!(declared.is_empty(), "a valid declaration costs nothing: {declared:?}");
	validator.handle(Event::PeerConnected(bob, Protocol::Validation));
	let said = ValidationMessage::ValidatorHello(hello(&bob_pair, &bob)).encode();
	assert!(validator.handle(Event::Message(bob, Protocol::Validation, said)).is_empty());
	Setup { validator, collator, bob }
}

pub(super) fn advert(relay_parent: Hash, candidate_hash: CandidateHash) -> Vec<u8> {
	wire(CollatorProtocolMessage::AdvertiseCollation {
		relay_parent,
		candidate_hash,
		parent_head_data_hash: Hash::zero(),
	})
}

pub(super) fn reported(
	actions: &[Action],
	peer: PeerId,
	cost: sc_network::ReputationChange,
) -> bool {
	actions.contains(&Action::Report(peer, cost))
}

pub(super) fn fetches(actions: &[Action]) -> Vec<(PeerId, CollationFetchingRequest)> {
	actions
		.iter()
		.filter_map(|a| match a {
			Action::FetchCollation(peer, request) => Some((*peer, request.clone())),
			_ => None,
		})
		.collect()
}

/// Bob's `Seconded` statement for `hash`.
pub(super) fn bob_seconded(hash: CandidateHash) -> relay_primitives::ValidatorSignature {
	let context = SigningContext { session_index: SESSION, parent_hash: block(1).hash };
	validators()[1].sign(&signing_payload(&CompactStatement::Seconded(hash), &context))
}

/// Bob's `Valid` vote for `hash`.
pub(super) fn bob_vote(hash: CandidateHash) -> relay_primitives::ValidatorSignature {
	let context = SigningContext { session_index: SESSION, parent_hash: block(1).hash };
	validators()[1].sign(&signing_payload(&CompactStatement::Valid(hash), &context))
}

#[test]
fn an_advertised_collation_is_fetched_checked_seconded_and_backed_with_the_group() {
	let Setup { mut validator, collator, bob } = setup();
	let relay = block(1);
	let collation = collation_on(&relay);
	let hash = collation.receipt.hash();
	let actions =
		validator.handle(Event::Message(collator, Protocol::Collation, advert(relay.hash, hash)));
	let request =
		CollationFetchingRequest { relay_parent: relay.hash, para_id: PARA, candidate_hash: hash };
	assert_eq!(actions, vec![Action::FetchCollation(collator, request.clone())]);
	let response =
		CollationFetchingResponse::Collation(collation.receipt.to_plain(), collation.pov.clone());
	let actions = validator.handle(Event::CollationFetched {
		peer: collator,
		request,
		response: Ok(response.encode()),
	});
	assert_eq!(
		actions,
		vec![Action::Validate {
			relay_parent: relay.hash,
			receipt: collation.receipt.to_plain(),
			pov: collation.pov.clone(),
			pending_heads: Vec::new(),
		}]
	);
	let actions = validator.handle(Event::Validated {
		candidate_hash: hash,
		result: Ok(collation.receipt.commitments.clone()),
		parent_head: Some(collation.parent_head_hash),
	});
	assert!(reported(&actions, collator, BENEFIT_SECONDED));
	let mut told_collator = false;
	let mut told_bob = false;
	for action in &actions {
		match action {
			Action::Send(peer, Protocol::Collation, bytes) if *peer == collator => {
				let WireMessage::ProtocolMessage(CollationProtocol::CollatorProtocol(
					CollatorProtocolMessage::CollationSeconded(relay_parent, statement),
				)) = unwire(bytes)
				else {
					panic!("not a CollationSeconded")
				};
				assert_eq!(relay_parent, relay.hash);
				assert_eq!(statement.validator_index, ValidatorIndex(0));
				assert_eq!(statement.payload, Statement::Seconded(collation.receipt.clone()));
				let context = SigningContext { session_index: SESSION, parent_hash: relay.hash };
				let vote = ValidityAttestation::Implicit(statement.signature);
				assert!(vote.verify(&validators()[0].public(), hash, &context));
				told_collator = true;
			},
			Action::Send(peer, Protocol::Validation, bytes) if *peer == bob => {
				assert!(matches!(
					codec::Decode::decode(&mut &bytes[..]),
					Ok(ValidationMessage::Seconded { .. })
				));
				told_bob = true;
			},
			_ => {},
		}
	}
	assert!(told_collator && told_bob, "{actions:?}");
	assert!(!actions.iter().any(|a| matches!(a, Action::Backed { .. })), "one vote of two");
	// Bob serves the PoV only to validators; Alice serves it to Bob.
	let pov_request = PovFetchRequest { relay_parent: relay.hash, candidate_hash: hash };
	assert_eq!(
		validator.pov_response(&bob, &pov_request),
		PovFetchResponse::Pov(collation.pov.clone())
	);
	assert_eq!(validator.pov_response(&collator, &pov_request), PovFetchResponse::NoSuchPov);
	// Bob's vote makes two: backed, shared with every validator, kept for the author.
	let valid = ValidationMessage::Valid {
		relay_parent: relay.hash,
		candidate_hash: hash,
		validator_index: ValidatorIndex(1),
		signature: bob_vote(hash),
	};
	let actions = validator.handle(Event::Message(bob, Protocol::Validation, valid.encode()));
	let backed = actions
		.iter()
		.find_map(|a| match a {
			Action::Backed { candidate, relay_parent_number, .. } => {
				Some((candidate.clone(), *relay_parent_number))
			},
			_ => None,
		})
		.expect("backed");
	assert_eq!(backed.1, 1);
	// Both members of the group [0, 1] voted; core 0 follows in 8 bits.
	let bits: Vec<bool> = backed.0.validator_indices.iter().map(|b| *b).collect();
	assert_eq!(bits, [vec![true, true], vec![false; 8]].concat());
	let group = [ValidatorIndex(0), ValidatorIndex(1)];
	let context = SigningContext { session_index: SESSION, parent_hash: relay.hash };
	let votes = backed.0.votes_of_group(&group).expect("well formed");
	assert_eq!(votes.len(), 2);
	for (index, attestation) in votes {
		let key = &validators()[index.0 as usize].public();
		// Alice seconded it (implicit), Bob vouched for it (explicit).
		match index.0 {
			0 => assert!(matches!(attestation, ValidityAttestation::Implicit(_))),
			_ => assert!(matches!(attestation, ValidityAttestation::Explicit(_))),
		}
		assert!(attestation.verify(key, hash, &context));
	}
	assert!(actions
		.iter()
		.any(|a| matches!(a, Action::Send(p, Protocol::Validation, _) if *p == bob)));
	// A second advert for the same core and relay parent is not fetched.
	let again =
		validator.handle(Event::Message(collator, Protocol::Collation, advert(relay.hash, hash)));
	assert!(fetches(&again).is_empty());
}

#[test]
fn a_bad_declaration_signature_is_fatal_and_the_collator_unheard() {
	let [alice, ..] = validators();
	let mut validator = Validator::new(TestKeys(alice), PeerId::random(), 2);
	validator.handle(Event::NewLeaf(block(1)));
	let collator = PeerId::random();
	validator.handle(Event::PeerConnected(collator, Protocol::Collation));
	// Signed over another peer's id: a replayed declaration.
	let replayed = declare(&collator_pair(7), PARA, &PeerId::random());
	let actions = validator.handle(Event::Message(collator, Protocol::Collation, replayed));
	assert!(reported(&actions, collator, COST_BAD_SIGNATURE));
	assert!(actions.contains(&Action::Disconnect(collator, Protocol::Collation)));
	let collation = collation_on(&block(1));
	let actions = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		advert(block(1).hash, collation.receipt.hash()),
	));
	assert!(reported(&actions, collator, COST_UNEXPECTED_MESSAGE));
	assert!(fetches(&actions).is_empty(), "no advert is accepted from it");
}

#[test]
fn a_declaration_or_advert_for_a_para_the_group_does_not_back_costs() {
	// Four groups: Charlie alone in group 3, which backs 2000's core 0 neither now (group 0)
	// nor within the next two rotations (groups 1 and 2).
	let [_, _, charlie] = validators();
	let mut validator = Validator::new(TestKeys(charlie), PeerId::random(), 2);
	let mut four_groups = block(1);
	four_groups.groups =
		vec![vec![ValidatorIndex(0)], vec![ValidatorIndex(1)], vec![], vec![ValidatorIndex(2)]];
	validator.handle(Event::NewLeaf(four_groups));
	let collator = PeerId::random();
	let actions = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		declare(&collator_pair(7), PARA, &collator),
	));
	assert!(actions.is_empty(), "the declaration waits for the next blocks: {actions:?}");
	let mut next = |number: u32| {
		let mut block = block(number);
		block.groups =
			vec![vec![ValidatorIndex(0)], vec![ValidatorIndex(1)], vec![], vec![ValidatorIndex(2)]];
		validator.handle(Event::NewLeaf(block))
	};
	let actions = next(2);
	assert!(!reported(&actions, collator, COST_UNNEEDED_COLLATOR), "still waiting: {actions:?}");
	let actions = next(3);
	assert!(reported(&actions, collator, COST_UNNEEDED_COLLATOR), "{actions:?}");
	assert!(actions.contains(&Action::Disconnect(collator, Protocol::Collation)));
	// A para with no core at all.
	let Setup { mut validator, .. } = setup();
	let other = PeerId::random();
	let actions = validator.handle(Event::Message(
		other,
		Protocol::Collation,
		declare(&collator_pair(8), ParaId(3000), &other),
	));
	assert!(actions.is_empty(), "{actions:?}");
	validator.handle(Event::NewLeaf(block(2)));
	let actions = validator.handle(Event::NewLeaf(block(3)));
	assert!(reported(&actions, other, COST_UNNEEDED_COLLATOR));
	let advert = advert(block(3).hash, CandidateHash(Hash::repeat_byte(9)));
	let actions = validator.handle(Event::Message(other, Protocol::Collation, advert));
	assert!(reported(&actions, other, COST_UNEXPECTED_MESSAGE), "undeclared: {actions:?}");
}

#[test]
fn a_declaration_before_the_block_that_schedules_its_parathread_is_accepted_with_it() {
	// Pool core 1 (group 1, Charlie) is free at block 1; block 2 gives it to parathread 2001.
	// The collator imported block 2 first: it declares and advertises before Charlie has it.
	let [_, _, charlie] = validators();
	let mut validator = Validator::new(TestKeys(charlie), PeerId::random(), 2);
	validator.handle(Event::NewLeaf(block(1)));
	let parathread = ParaId(2001);
	let collator = PeerId::random();
	validator.handle(Event::PeerConnected(collator, Protocol::Collation));
	let mut claimed = block(2);
	claimed.cores[1].para_id = Some(parathread);
	let receipt_hash = CandidateHash(Hash::repeat_byte(0x21));
	for message in
		[declare(&collator_pair(7), parathread, &collator), advert(claimed.hash, receipt_hash)]
	{
		let actions = validator.handle(Event::Message(collator, Protocol::Collation, message));
		assert!(actions.is_empty(), "kept for the block, at no cost: {actions:?}");
	}
	let actions = validator.handle(Event::NewLeaf(claimed.clone()));
	assert!(!reported(&actions, collator, COST_UNNEEDED_COLLATOR), "{actions:?}");
	let fetched = fetches(&actions);
	assert_eq!(fetched.len(), 1, "the waiting advert is fetched: {actions:?}");
	assert_eq!(fetched[0].1.para_id, parathread);
	assert_eq!(fetched[0].1.candidate_hash, receipt_hash);
}

#[test]
fn repeated_adverts_are_limited_and_a_flood_is_fatal() {
	let Setup { mut validator, collator, .. } = setup();
	let relay = block(1);
	let hash = collation_on(&relay).receipt.hash();
	let first =
		validator.handle(Event::Message(collator, Protocol::Collation, advert(relay.hash, hash)));
	assert_eq!(fetches(&first).len(), 1);
	// A candidate on the para's head and one per candidate built ahead: queued behind the
	// first fetch of the core, at no cost.
	for n in 2..=ADVERTS_PER_RELAY_PARENT {
		let more = validator.handle(Event::Message(
			collator,
			Protocol::Collation,
			advert(relay.hash, CandidateHash(Hash::repeat_byte(n as u8))),
		));
		assert!(more.is_empty(), "{more:?}");
	}
	let second = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		advert(relay.hash, CandidateHash(Hash::repeat_byte(0x55))),
	));
	assert!(reported(&second, collator, COST_ADVERT_REPEATED));
	assert!(fetches(&second).is_empty());
	let mut last = Vec::new();
	// Adverts beyond, to the limit: each costs, none is fetched.
	for _ in ADVERTS_PER_RELAY_PARENT + 2..=ADVERT_FLOOD_LIMIT {
		last = validator.handle(Event::Message(
			collator,
			Protocol::Collation,
			advert(relay.hash, hash),
		));
		assert!(fetches(&last).is_empty());
	}
	assert!(reported(&last, collator, COST_ADVERT_REPEATED));
	let flood =
		validator.handle(Event::Message(collator, Protocol::Collation, advert(relay.hash, hash)));
	assert!(reported(&flood, collator, COST_FLOOD));
	assert!(flood.contains(&Action::Disconnect(collator, Protocol::Collation)));
}

#[test]
fn one_collation_is_fetched_per_core_and_the_next_after_a_failure() {
	let Setup { mut validator, collator, .. } = setup();
	let second = PeerId::random();
	validator.handle(Event::Message(
		second,
		Protocol::Collation,
		declare(&collator_pair(9), PARA, &second),
	));
	let relay = block(1);
	let first_hash = collation_on(&relay).receipt.hash();
	let second_hash = CandidateHash(Hash::repeat_byte(6));
	let a = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		advert(relay.hash, first_hash),
	));
	let b = validator.handle(Event::Message(
		second,
		Protocol::Collation,
		advert(relay.hash, second_hash),
	));
	assert_eq!(fetches(&a).len(), 1);
	assert!(fetches(&b).is_empty(), "the core's fetch is in flight");
	// The first collator answers garbage: it pays, and the second is fetched.
	let request = fetches(&a).remove(0).1;
	let actions = validator.handle(Event::CollationFetched {
		peer: collator,
		request,
		response: Ok(vec![0xff, 0xff]),
	});
	assert!(reported(&actions, collator, COST_INVALID_COLLATION));
	assert_eq!(
		fetches(&actions),
		vec![(
			second,
			CollationFetchingRequest {
				relay_parent: relay.hash,
				para_id: PARA,
				candidate_hash: second_hash
			}
		)]
	);
}

#[test]
fn a_collation_that_does_not_match_its_advert_is_refused() {
	let Setup { mut validator, collator, .. } = setup();
	let relay = block(1);
	let collation = collation_on(&relay);
	let advertised = CandidateHash(Hash::repeat_byte(7));
	let actions = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		advert(relay.hash, advertised),
	));
	let request = fetches(&actions).remove(0).1;
	let response =
		CollationFetchingResponse::Collation(collation.receipt.to_plain(), collation.pov);
	let actions = validator.handle(Event::CollationFetched {
		peer: collator,
		request,
		response: Ok(response.encode()),
	});
	assert!(reported(&actions, collator, COST_INVALID_COLLATION));
	assert!(actions.contains(&Action::Disconnect(collator, Protocol::Collation)));
	assert!(!actions.iter().any(|a| matches!(a, Action::Validate { .. })), "never reaches the PVF");
}

/// Fetches the valid collation of `setup`'s collator; the `Validate` action's candidate hash.
pub(super) fn fetched(setup: &mut Setup) -> CandidateHash {
	let relay = block(1);
	let collation = collation_on(&relay);
	let hash = collation.receipt.hash();
	let actions = setup.validator.handle(Event::Message(
		setup.collator,
		Protocol::Collation,
		advert(relay.hash, hash),
	));
	let request = fetches(&actions).remove(0).1;
	let response =
		CollationFetchingResponse::Collation(collation.receipt.to_plain(), collation.pov);
	let actions = setup.validator.handle(Event::CollationFetched {
		peer: setup.collator,
		request,
		response: Ok(response.encode()),
	});
	assert!(actions.iter().any(|a| matches!(a, Action::Validate { .. })));
	hash
}

#[test]
fn an_advert_for_a_relay_block_not_yet_seen_waits_for_it() {
	let Setup { mut validator, collator, .. } = setup();
	let next = block(2);
	let hash = collation_on(&next).receipt.hash();
	let early =
		validator.handle(Event::Message(collator, Protocol::Collation, advert(next.hash, hash)));
	assert!(early.is_empty(), "kept, not punished: {early:?}");
	let actions = validator.handle(Event::NewLeaf(next.clone()));
	assert_eq!(fetches(&actions).len(), 1, "fetched once the block is known");
}

#[test]
fn adverts_before_their_relay_block_wait_for_it_and_those_on_forks_expire() {
	let Setup { mut validator, collator, .. } = setup();
	let early = |validator: &mut Validator<TestKeys>, relay_parent: Hash| {
		let actions = validator.handle(Event::Message(
			collator,
			Protocol::Collation,
			advert(relay_parent, CandidateHash(relay_parent)),
		));
		assert!(actions.is_empty(), "kept for later, at no cost: {actions:?}");
	};
	let fetched_on = |actions: &[Action]| -> Vec<Hash> {
		fetches(actions).into_iter().map(|(_, request)| request.relay_parent).collect()
	};
	// The collator imported block 2 first; and it built on a fork block this validator never
	// sees as best.
	early(&mut validator, block(2).hash);
	early(&mut validator, Hash::repeat_byte(0xf1));
	assert_eq!(fetched_on(&validator.handle(Event::NewLeaf(block(2)))), vec![block(2).hash]);
	early(&mut validator, Hash::repeat_byte(0xf2));
	validator.handle(Event::NewLeaf(block(3)));
	validator.handle(Event::NewLeaf(block(4)));
	// Both fork adverts expired: room again for an early advert, which is fetched.
	early(&mut validator, block(5).hash);
	early(&mut validator, block(6).hash);
	assert_eq!(fetched_on(&validator.handle(Event::NewLeaf(block(5)))), vec![block(5).hash]);
	assert_eq!(fetched_on(&validator.handle(Event::NewLeaf(block(6)))), vec![block(6).hash]);
	// Past the bound, an advert on an unknown block costs.
	early(&mut validator, Hash::repeat_byte(0xf3));
	early(&mut validator, Hash::repeat_byte(0xf4));
	let actions = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		advert(Hash::repeat_byte(0xf5), CandidateHash(Hash::repeat_byte(0xf5))),
	));
	assert!(reported(&actions, collator, COST_UNKNOWN_RELAY_PARENT));
}

#[test]
fn a_declaration_from_a_collator_a_block_ahead_at_a_rotation_is_accepted() {
	// Three groups of one; rotation 0: 2000's core is group 0's, then group 1's, then group 2's.
	// Charlie (group 2) still has a block of rotation 0 as best when a collator that imported
	// the first block of rotation 1 declares to him (its next group).
	let [_, _, charlie] = validators();
	let mut validator = Validator::new(TestKeys(charlie), PeerId::random(), 2);
	let mut lagging = block(9);
	lagging.groups =
		vec![vec![ValidatorIndex(0)], vec![ValidatorIndex(1)], vec![ValidatorIndex(2)]];
	validator.handle(Event::NewLeaf(lagging));
	let collator = PeerId::random();
	validator.handle(Event::PeerConnected(collator, Protocol::Collation));
	let actions = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		declare(&collator_pair(7), PARA, &collator),
	));
	assert!(actions.is_empty(), "accepted: {actions:?}");
}

#[test]
fn collators_get_the_validators_view_at_every_new_block() {
	let Setup { mut validator, collator, bob } = setup();
	for number in 2..=6u32 {
		let actions = validator.handle(Event::NewLeaf(block(number)));
		let views: Vec<_> = actions
			.iter()
			.filter_map(|a| match a {
				Action::Send(peer, Protocol::Collation, bytes) => Some((*peer, unwire(bytes))),
				_ => None,
			})
			.collect();
		assert_eq!(views.len(), 1, "one view, to the collator only (not Bob): {actions:?}");
		let (peer, WireMessage::ViewUpdate(view)) = &views[0] else { panic!("{views:?}") };
		assert_eq!(*peer, collator);
		assert!(view.is_well_formed() && view.contains(&block(number).hash));
		// The tracked relay parents (at most four), the finalized number of the newest block.
		let tracked = number.min(4) as usize;
		assert_eq!(view.heads.len(), tracked);
		assert!((number + 1 - tracked as u32..=number).all(|n| view.contains(&block(n).hash)));
		assert_eq!(view.finalized_number, number - 2);
	}
	assert!(!validator
		.handle(Event::NewLeaf(block(7)))
		.iter()
		.any(|a| matches!(a, Action::Send(p, Protocol::Collation, _) if *p == bob)));
	// A collator's own view is fine; a malformed one costs; garbage costs.
	let fine = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		view_update(&[block(7).hash]),
	));
	assert!(fine.is_empty(), "{fine:?}");
	let empty = validator.handle(Event::Message(collator, Protocol::Collation, view_update(&[])));
	assert!(reported(&empty, collator, COST_UNDECODABLE));
	let garbage = validator.handle(Event::Message(collator, Protocol::Collation, vec![7, 7]));
	assert!(reported(&garbage, collator, COST_UNDECODABLE));
}

/// A collation of 2000 on `block` built ahead: on `parent`'s output, with `ops`.
fn collation_after(
	block: &crate::relay::RelayBlock,
	parent: &crate::collation::Collation,
	ops: Vec<example_para::Op>,
) -> crate::collation::Collation {
	let data = relay_primitives::PersistedValidationData {
		parent_head: relay_primitives::HeadData(parent.head.encode()),
		..genesis_data()
	};
	let context = crate::collation::RelayContext::from_answers(
		block.hash,
		PARA,
		block.session,
		&block.cores,
		Some(data),
		Some(code().hash()),
	)
	.expect("2000 is scheduled");
	crate::collation::build(&context, &parent.state, ops).expect("builds")
}

/// Advertises `collation` (naming its parent head), lets the validator fetch it and check it
/// valid; the actions of each step after the advert.
fn offer(
	validator: &mut Validator<TestKeys>,
	collator: PeerId,
	collation: &crate::collation::Collation,
) -> (Vec<Action>, Vec<Action>, Vec<Action>) {
	let relay_parent = collation.receipt.descriptor.relay_parent;
	let hash = collation.receipt.hash();
	let advertised = validator.handle(Event::Message(
		collator,
		Protocol::Collation,
		wire(CollatorProtocolMessage::AdvertiseCollation {
			relay_parent,
			candidate_hash: hash,
			parent_head_data_hash: collation.parent_head_hash,
		}),
	));
	if fetches(&advertised).is_empty() {
		return (advertised, Vec::new(), Vec::new());
	}
	let request = CollationFetchingRequest { relay_parent, para_id: PARA, candidate_hash: hash };
	let response =
		CollationFetchingResponse::Collation(collation.receipt.to_plain(), collation.pov.clone());
	let fetched = validator.handle(Event::CollationFetched {
		peer: collator,
		request,
		response: Ok(response.encode()),
	});
	let validated = validator.handle(Event::Validated {
		candidate_hash: hash,
		result: Ok(collation.receipt.commitments.clone()),
		parent_head: Some(collation.parent_head_hash),
	});
	(advertised, fetched, validated)
}

#[test]
fn a_chain_built_ahead_is_checked_on_its_parents_head_and_seconded_to_the_depth_limit() {
	let Setup { mut validator, collator, .. } = setup();
	let relay = block(1);
	let first = collation_on(&relay);
	let (_, _, validated) = offer(&mut validator, collator, &first);
	assert!(reported(&validated, collator, BENEFIT_SECONDED));
	// Built on the first, which is not on chain: checked with its head as a possible parent,
	// and seconded.
	let second = collation_after(&relay, &first, vec![]);
	let (advertised, fetched, validated) = offer(&mut validator, collator, &second);
	assert_eq!(fetches(&advertised).len(), 1, "{advertised:?}");
	let [Action::Validate { pending_heads, .. }] = &fetched[..] else {
		panic!("validated: {fetched:?}")
	};
	assert_eq!(pending_heads, &vec![first.receipt.commitments.head_data.clone()]);
	assert!(reported(&validated, collator, BENEFIT_SECONDED), "{validated:?}");
	// Depth 2 (on the second) is taken.
	let third = collation_after(&relay, &second, vec![]);
	let (_, _, validated) = offer(&mut validator, collator, &third);
	assert!(reported(&validated, collator, BENEFIT_SECONDED), "{validated:?}");
	// Depth 3 is beyond the async-backing params: not fetched, at no cost.
	assert_eq!(relay_primitives::MAX_CANDIDATE_DEPTH, 2);
	let two = block(2);
	validator.handle(Event::NewLeaf(two.clone()));
	let fourth = collation_after(&two, &third, vec![]);
	let (advertised, _, _) = offer(&mut validator, collator, &fourth);
	assert!(advertised.is_empty(), "too deep: {advertised:?}");
	// One candidate per parent and relay parent: a new one on the head on chain is seconded,
	// its sibling (same parent, other content) is not fetched.
	let fresh = collation_on(&two);
	let (_, _, validated) = offer(&mut validator, collator, &fresh);
	assert!(reported(&validated, collator, BENEFIT_SECONDED), "{validated:?}");
	let sibling = {
		let context = crate::collation::RelayContext::from_answers(
			two.hash,
			PARA,
			two.session,
			&two.cores,
			Some(genesis_data()),
			Some(code().hash()),
		)
		.expect("scheduled");
		let op = example_para::Op::Remark(b"sibling".to_vec());
		crate::collation::build(&context, &example_para::genesis_state(PARA.0), vec![op])
			.expect("builds")
	};
	assert_ne!(sibling.receipt.hash(), fresh.receipt.hash());
	let (advertised, _, _) = offer(&mut validator, collator, &sibling);
	assert!(fetches(&advertised).is_empty(), "{advertised:?}");
	// Once the first is on chain, a candidate on the third is at depth 2: fetched, seconded.
	let mut three = block(3);
	three.heads = vec![(PARA, first.receipt.commitments.head_data.hash())];
	validator.handle(Event::NewLeaf(three.clone()));
	let fourth = collation_after(&three, &third, vec![]);
	let (advertised, _, validated) = offer(&mut validator, collator, &fourth);
	assert_eq!(fetches(&advertised).len(), 1, "{advertised:?}");
	assert!(reported(&validated, collator, BENEFIT_SECONDED), "{validated:?}");
}
