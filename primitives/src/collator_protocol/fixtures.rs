//! Fixture tests: the collator protocol's messages encode byte for byte as Polkadot's at
//! stable2609 (`polkadot-node-network-protocol` 36, `polkadot-node-primitives` 28; dev-dependencies
//! only), both ways; a statement we sign verifies with Polkadot's own check; the declaration's
//! payload is Polkadot's. The network bridge's `WireMessage` is private to its crate, so its
//! framing is checked against Polkadot's documented indices around their message bytes.

use super::*;
use crate::candidate::{signing_payload, tests::committed, SigningContext};
use crate::fixture_checks::same_bytes;
use codec::DecodeAll;
use polkadot_node_network_protocol::{
	request_response::{v1 as req_v1, v2 as req_v2},
	v2 as their_v2, PeerId, View as TheirView,
};
use polkadot_node_primitives as pnp;
use polkadot_primitives as pp;
use sp_core::{sr25519, Pair as _, H256};

fn heads() -> Vec<H256> {
	vec![H256::repeat_byte(9), H256::repeat_byte(3), H256::repeat_byte(6)]
}

fn collator() -> sr25519::Pair {
	sr25519::Pair::from_seed(&[42; 32])
}

fn declare(peer: &PeerId) -> CollatorProtocolMessage {
	let pair = collator();
	CollatorProtocolMessage::Declare(
		CollatorId::from(pair.public()),
		ParaId(2000),
		CollatorSignature::from(pair.sign(&declare_payload(&peer.to_bytes()))),
	)
}

fn their_message(ours: &CollatorProtocolMessage) -> their_v2::CollatorProtocolMessage {
	their_v2::CollatorProtocolMessage::decode_all(&mut &ours.encode()[..]).expect("theirs")
}

#[test]
fn views_encode_and_sort_as_polkadots() {
	let ours = View::new(heads(), 17);
	let theirs = TheirView::new(heads(), 17);
	same_bytes(&ours, &theirs);
	assert!(ours.is_well_formed());
	assert!(ours.contains(&H256::repeat_byte(3)) && !ours.contains(&H256::repeat_byte(4)));
	assert!(!View::default().is_well_formed(), "an empty view is malformed (Polkadot's cost)");
	let unsorted = View { heads: heads(), finalized_number: 1 };
	assert!(!unsorted.is_well_formed());
	let long = View::new((0..9u8).map(H256::repeat_byte), 1);
	assert_eq!(long.heads.len(), MAX_VIEW_HEADS);
}

#[test]
fn the_declaration_signs_polkadots_payload() {
	let peer = PeerId::random();
	assert_eq!(declare_payload(&peer.to_bytes()), their_v2::declare_signature_payload(&peer));
	let ours = declare(&peer);
	let CollatorProtocolMessage::Declare(key, para, signature) = &ours else { unreachable!() };
	let theirs = their_v2::CollatorProtocolMessage::Declare(
		pp::CollatorId::from(collator().public()),
		pp::Id::from(para.0),
		pp::CollatorSignature::from(sr25519::Signature::from(signature.clone())),
	);
	same_bytes(&ours, &theirs);
	// Polkadot's validator checks the signature against its own payload.
	let their_check = match their_message(&ours) {
		their_v2::CollatorProtocolMessage::Declare(id, _, sig) => {
			use sp_runtime::RuntimeAppPublic;
			id.verify(&their_v2::declare_signature_payload(&peer), &sig)
		},
		_ => false,
	};
	assert!(their_check, "Polkadot accepts the declaration of {key:?}");
}

#[test]
fn collation_messages_and_their_framing_encode_as_polkadots() {
	let advert = CollatorProtocolMessage::AdvertiseCollation {
		relay_parent: H256::repeat_byte(1),
		candidate_hash: CandidateHash(H256::repeat_byte(2)),
		parent_head_data_hash: H256::repeat_byte(3),
	};
	let theirs = their_v2::CollatorProtocolMessage::AdvertiseCollation {
		scheduling_parent: H256::repeat_byte(1),
		candidate_hash: pp::CandidateHash(H256::repeat_byte(2)),
		parent_head_data_hash: H256::repeat_byte(3),
	};
	same_bytes(&advert, &theirs);
	let protocol = CollationProtocol::CollatorProtocol(advert.clone());
	let their_protocol = their_v2::CollationProtocol::CollatorProtocol(theirs);
	same_bytes(&protocol, &their_protocol);
	let declaration = declare(&PeerId::random());
	same_bytes(
		&CollationProtocol::CollatorProtocol(declaration.clone()),
		&their_v2::CollationProtocol::CollatorProtocol(their_message(&declaration)),
	);
	// `WireMessage`: 1 = a protocol message, 2 = a view update, then the inner bytes.
	let framed = WireMessage::ProtocolMessage(protocol).encode();
	assert_eq!(framed, [&[1u8][..], &their_protocol.encode()[..]].concat());
	let update = WireMessage::<CollationProtocol>::ViewUpdate(View::new(heads(), 5)).encode();
	assert_eq!(update, [&[2u8][..], &TheirView::new(heads(), 5).encode()[..]].concat());
	assert!(WireMessage::<CollationProtocol>::decode_all(&mut &[3u8, 0][..]).is_err());
}

#[test]
fn a_seconded_statement_we_sign_is_one_polkadot_accepts() {
	let validator = sr25519::Pair::from_seed(&[7; 32]);
	let receipt = committed();
	let context = SigningContext { session_index: 4, parent_hash: receipt.descriptor.relay_parent };
	let statement = Statement::Seconded(receipt.clone());
	assert_eq!(statement.to_compact(), CompactStatement::Seconded(receipt.hash()));
	assert_eq!(statement.candidate_hash(), receipt.hash());
	let signed = SignedStatement {
		signature: validator.sign(&signing_payload(&statement.to_compact(), &context)).into(),
		payload: statement,
		validator_index: ValidatorIndex(3),
	};
	let message =
		CollatorProtocolMessage::CollationSeconded(receipt.descriptor.relay_parent, signed);
	let theirs = their_message(&message);
	assert_eq!(theirs.encode(), message.encode());
	let their_v2::CollatorProtocolMessage::CollationSeconded(relay_parent, their_signed) = theirs
	else {
		panic!("Polkadot reads a CollationSeconded")
	};
	assert_eq!(relay_parent, receipt.descriptor.relay_parent);
	let their_context = pp::SigningContext { session_index: 4, parent_hash: relay_parent };
	let key = pp::ValidatorId::from(validator.public());
	let checked = their_signed.clone().try_into_checked(&their_context, &key).expect("valid");
	assert_eq!(checked.validator_index(), pp::ValidatorIndex(3));
	match checked.payload() {
		pnp::Statement::Seconded(their_receipt) => {
			assert_eq!(their_receipt.hash().0, receipt.hash().0)
		},
		other => panic!("not Seconded: {other:?}"),
	}
	let wrong = pp::SigningContext { session_index: 5, parent_hash: relay_parent };
	assert!(their_signed.try_into_checked(&wrong, &key).is_err(), "bound to the session");
	let valid = Statement::Valid(receipt.hash());
	let their_valid = pnp::Statement::Valid(pp::CandidateHash(receipt.hash().0));
	same_bytes(&valid, &their_valid);
}

#[test]
fn fetch_requests_and_responses_encode_as_polkadots() {
	let request = CollationFetchingRequest {
		relay_parent: H256::repeat_byte(1),
		para_id: ParaId(2000),
		candidate_hash: CandidateHash(H256::repeat_byte(2)),
	};
	let theirs = req_v2::CollationFetchingRequest {
		scheduling_parent: H256::repeat_byte(1),
		para_id: pp::Id::from(2000),
		candidate_hash: pp::CandidateHash(H256::repeat_byte(2)),
	};
	assert_eq!(request.encode(), theirs.encode());
	assert_eq!(CollationFetchingRequest::decode_all(&mut &theirs.encode()[..]), Ok(request));
	let receipt = committed().to_plain();
	let pov = PoV { block_data: crate::BlockData(vec![1, 2, 3, 4]) };
	for ours in [
		CollationFetchingResponse::Collation(receipt.clone(), pov.clone()),
		CollationFetchingResponse::CollationWithParentHeadData {
			receipt: receipt.clone(),
			pov: pov.clone(),
			parent_head_data: HeadData(vec![8; 40]),
		},
	] {
		let theirs = req_v1::CollationFetchingResponse::decode_all(&mut &ours.encode()[..])
			.expect("Polkadot decodes our response");
		assert_eq!(theirs.encode(), ours.encode());
		assert_eq!(CollationFetchingResponse::decode_all(&mut &theirs.encode()[..]), Ok(ours));
	}
}
