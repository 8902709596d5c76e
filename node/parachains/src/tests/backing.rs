//! The validator state machine among validators, event by event: statements and their
//! signatures, hellos, PoVs fetched from the seconder, backed candidates from peers, and
//! collations that fail their check. (`validator.rs` has the collator side.)

use super::{common::*, validator::*};
use crate::{
	reputation::*,
	validation::CheckError,
	validator::{Action, Event, Protocol},
};
use codec::Encode;
use relay_primitives::{
	network::{PovFetchRequest, PovFetchResponse, ValidationMessage},
	signing_payload, BackedCandidate, CompactStatement, SigningContext, ValidatorIndex,
	ValidityAttestation,
};
use relay_pvf::{InternalError, InvalidCandidate, ValidationError};
use sc_network::PeerId;
use sp_core::Pair;
use std::collections::BTreeMap;

#[test]
fn statements_with_bad_signatures_or_from_outside_the_group_are_dropped() {
	let Setup { mut validator, bob, .. } = setup();
	let relay = block(1);
	let hash = collation_on(&relay).receipt.hash();
	// Bob's index, but signed by someone else.
	let forged = ValidationMessage::Valid {
		relay_parent: relay.hash,
		candidate_hash: hash,
		validator_index: ValidatorIndex(1),
		signature: validator_pair(42).sign(b"anything"),
	};
	let actions = validator.handle(Event::Message(bob, Protocol::Validation, forged.encode()));
	assert!(reported(&actions, bob, COST_BAD_SIGNATURE));
	assert!(actions.contains(&Action::Disconnect(bob, Protocol::Validation)));
	// Charlie (group 1) votes on a group-0 candidate.
	let charlie_peer = PeerId::random();
	let charlie = &validators()[2];
	let said = ValidationMessage::ValidatorHello(hello(charlie, &charlie_peer)).encode();
	validator.handle(Event::Message(charlie_peer, Protocol::Validation, said));
	let context = SigningContext { session_index: SESSION, parent_hash: relay.hash };
	let outside = ValidationMessage::Valid {
		relay_parent: relay.hash,
		candidate_hash: hash,
		validator_index: ValidatorIndex(2),
		signature: charlie.sign(&signing_payload(&CompactStatement::Valid(hash), &context)),
	};
	let actions =
		validator.handle(Event::Message(charlie_peer, Protocol::Validation, outside.encode()));
	assert!(reported(&actions, charlie_peer, COST_STATEMENT_OUTSIDE_GROUP));
	// Bob's real vote relayed by a peer that is not Bob.
	let relayer = PeerId::random();
	let relayed = ValidationMessage::Valid {
		relay_parent: relay.hash,
		candidate_hash: hash,
		validator_index: ValidatorIndex(1),
		signature: bob_vote(hash),
	};
	let actions = validator.handle(Event::Message(relayer, Protocol::Validation, relayed.encode()));
	assert!(reported(&actions, relayer, COST_STATEMENT_OUTSIDE_GROUP));
	// Undecodable.
	let actions = validator.handle(Event::Message(bob, Protocol::Validation, vec![9, 9, 9]));
	assert!(reported(&actions, bob, COST_UNDECODABLE));
}

#[test]
fn a_hello_with_a_bad_signature_is_fatal() {
	let Setup { mut validator, .. } = setup();
	let peer = PeerId::random();
	// Bob's hello over another peer id: replayed.
	let replayed = ValidationMessage::ValidatorHello(hello(&validators()[1], &PeerId::random()));
	let actions = validator.handle(Event::Message(peer, Protocol::Validation, replayed.encode()));
	assert!(reported(&actions, peer, COST_BAD_SIGNATURE));
	// A valid hello of a key that is no validator.
	let stranger = ValidationMessage::ValidatorHello(hello(&validator_pair(77), &peer));
	let actions = validator.handle(Event::Message(peer, Protocol::Validation, stranger.encode()));
	assert!(reported(&actions, peer, COST_UNEXPECTED_MESSAGE));
}

#[test]
fn a_backed_candidate_from_a_peer_is_kept_only_with_enough_valid_votes() {
	let Setup { mut validator, bob, .. } = setup();
	let relay = block(1);
	let receipt = collation_on(&relay).receipt;
	let hash = receipt.hash();
	let context = SigningContext { session_index: SESSION, parent_hash: relay.hash };
	let vote = |i: usize| {
		let signature =
			validators()[i].sign(&signing_payload(&CompactStatement::Valid(hash), &context));
		(ValidatorIndex(i as u32), ValidityAttestation::Explicit(signature))
	};
	let group = [ValidatorIndex(0), ValidatorIndex(1)];
	let short = BackedCandidate::from_votes(receipt.clone(), &group, &BTreeMap::from([vote(1)]));
	let actions = validator.handle(Event::Message(
		bob,
		Protocol::Validation,
		ValidationMessage::Backed(short).encode(),
	));
	assert!(reported(&actions, bob, COST_INVALID_COLLATION), "one vote of two");
	// Charlie's vote in Alice's place.
	let mut outsider =
		BackedCandidate::from_votes(receipt.clone(), &group, &BTreeMap::from([vote(0), vote(1)]));
	outsider.validity_votes[0] = vote(2).1;
	let actions = validator.handle(Event::Message(
		bob,
		Protocol::Validation,
		ValidationMessage::Backed(outsider).encode(),
	));
	assert!(reported(&actions, bob, COST_INVALID_COLLATION), "Charlie is not in the group");
	// A bitfield one bit short.
	let mut short_bitfield =
		BackedCandidate::from_votes(receipt.clone(), &group, &BTreeMap::from([vote(0), vote(1)]));
	short_bitfield.validator_indices.pop();
	let actions = validator.handle(Event::Message(
		bob,
		Protocol::Validation,
		ValidationMessage::Backed(short_bitfield).encode(),
	));
	assert!(reported(&actions, bob, COST_INVALID_COLLATION), "bitfield too short");
	let good = BackedCandidate::from_votes(receipt, &group, &BTreeMap::from([vote(0), vote(1)]));
	let actions = validator.handle(Event::Message(
		bob,
		Protocol::Validation,
		ValidationMessage::Backed(good.clone()).encode(),
	));
	assert_eq!(
		actions,
		vec![Action::Backed { candidate: good, relay_parent_number: 1, parent_head: None }]
	);
}

#[test]
fn a_seconded_candidate_is_fetched_from_the_seconder_and_voted_for() {
	let Setup { mut validator, bob, .. } = setup();
	let relay = block(1);
	let collation = collation_on(&relay);
	let hash = collation.receipt.hash();
	// Signed over `Valid`, a `Seconded` message is refused; over `Seconded`, taken.
	let mut seconded = ValidationMessage::Seconded {
		relay_parent: relay.hash,
		receipt: collation.receipt.clone(),
		validator_index: ValidatorIndex(1),
		signature: bob_vote(hash),
	};
	let actions = validator.handle(Event::Message(bob, Protocol::Validation, seconded.encode()));
	assert!(reported(&actions, bob, COST_BAD_SIGNATURE), "{actions:?}");
	let bob = PeerId::random();
	validator.handle(Event::PeerConnected(bob, Protocol::Validation));
	let said = ValidationMessage::ValidatorHello(hello(&validators()[1], &bob)).encode();
	validator.handle(Event::Message(bob, Protocol::Validation, said));
	if let ValidationMessage::Seconded { signature, .. } = &mut seconded {
		*signature = bob_seconded(hash);
	}
	let actions = validator.handle(Event::Message(bob, Protocol::Validation, seconded.encode()));
	let request = PovFetchRequest { relay_parent: relay.hash, candidate_hash: hash };
	assert_eq!(actions, vec![Action::FetchPov(bob, request.clone())]);
	let actions = validator.handle(Event::PovFetched {
		peer: bob,
		request,
		response: Ok(PovFetchResponse::Pov(collation.pov.clone()).encode()),
	});
	assert!(matches!(&actions[..], [Action::Validate { .. }]));
	let actions = validator.handle(Event::Validated {
		candidate_hash: hash,
		result: Ok(collation.receipt.commitments.clone()),
		parent_head: Some(collation.parent_head_hash),
	});
	// Alice's `Valid` goes to Bob, and with Bob's vote the candidate is backed.
	assert!(actions.iter().any(|a| matches!(a, Action::Send(p, Protocol::Validation, bytes)
		if *p == bob && matches!(codec::Decode::decode(&mut &bytes[..]), Ok(ValidationMessage::Valid { .. })))));
	assert!(actions.iter().any(|a| matches!(a, Action::Backed { .. })));
}

#[test]
fn a_pov_that_fails_validation_is_not_backed_and_costs_the_collator() {
	let mut setup = setup();
	let hash = fetched(&mut setup);
	for error in [
		CheckError::Validation(ValidationError::Invalid(InvalidCandidate::Trap(
			"unreachable".into(),
		))),
		CheckError::PovTooLarge { size: 6 * 1024 * 1024, max: 5 * 1024 * 1024 },
	] {
		let mut setup = self::setup();
		let hash = fetched(&mut setup);
		let actions = setup.validator.handle(Event::Validated {
			candidate_hash: hash,
			result: Err(error),
			parent_head: None,
		});
		assert!(reported(&actions, setup.collator, COST_INVALID_COLLATION), "{actions:?}");
		assert!(!actions.iter().any(|a| matches!(a, Action::Send(..) | Action::Backed { .. })));
	}
	// An internal error is nobody's fault: no cost, nothing backed.
	let actions = setup.validator.handle(Event::Validated {
		candidate_hash: hash,
		result: Err(CheckError::Validation(ValidationError::Internal(InternalError::WorkerDied(
			"killed".into(),
		)))),
		parent_head: None,
	});
	assert!(!actions.iter().any(|a| matches!(a, Action::Report(..) | Action::Backed { .. })));
}
