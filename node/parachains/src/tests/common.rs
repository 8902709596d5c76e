//! A made-up relay chain for the state machine tests: validators Alice and Bob in group 0
//! (backing parachain 2000's core 0 and the pool cores), Charlie alone in group 1, and a
//! collator of 2000.

use crate::{collation, relay::RelayBlock, validator::Keys};
use codec::Encode;
use example_para::{genesis_head, genesis_state};
use pallet_inclusion::view::{CoreKind, ScheduledCore};
use relay_primitives::{
	collator_protocol::{
		declare_payload, CollationProtocol, CollatorProtocolMessage, View, WireMessage,
	},
	host::AuthorityDiscoveryId,
	network::{validator_hello_payload, CollatorPair, ValidatorHello},
	CoreIndex, GroupIndex, Hash, HeadData, ParaId, PersistedValidationData, ValidationCode,
	ValidatorId, ValidatorIndex, ValidatorPair, ValidatorSignature,
};
use sc_network::PeerId;
use sp_core::Pair;

/// The parachain of these tests.
pub const PARA: ParaId = ParaId(2000);
/// The session of these tests.
pub const SESSION: u32 = 1;

/// A validator key pair from a seed byte.
pub fn validator_pair(seed: u8) -> ValidatorPair {
	ValidatorPair::from_seed(&[seed; 32])
}

/// Alice, Bob (group 0) and Charlie (group 1).
pub fn validators() -> [ValidatorPair; 3] {
	[validator_pair(1), validator_pair(2), validator_pair(3)]
}

/// The authority-discovery key of validator `seed` (what authority discovery reports behind
/// its peer).
pub fn discovery_key(seed: u8) -> AuthorityDiscoveryId {
	AuthorityDiscoveryId::from(sp_core::sr25519::Pair::from_seed(&[seed + 100; 32]).public())
}

/// A collator key pair.
pub fn collator_pair(seed: u8) -> CollatorPair {
	CollatorPair::from_seed(&[seed; 32])
}

/// Relay block number `number` (hash from the number), with 2000 on core 0 (backed by group 0)
/// and one free pool core (group 1); with two groups they swap at the next rotation.
pub fn block(number: u32) -> RelayBlock {
	RelayBlock {
		hash: Hash::repeat_byte(number as u8),
		number,
		parent_hash: Hash::repeat_byte(number.saturating_sub(1) as u8),
		finalized_number: number.saturating_sub(2),
		session: SESSION,
		validators: validators().iter().map(|p| p.public()).collect(),
		discovery_keys: (1..=3).map(discovery_key).collect(),
		groups: vec![vec![ValidatorIndex(0), ValidatorIndex(1)], vec![ValidatorIndex(2)]],
		rotations: 0,
		cores: vec![
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
				group_index: Some(GroupIndex(1)),
			},
		],
		heads: vec![(PARA, genesis_data().parent_head.hash())],
	}
}

/// Signs as the one validator it holds.
pub struct TestKeys(pub ValidatorPair);

impl Keys for TestKeys {
	fn find(&self, validators: &[ValidatorId]) -> Option<ValidatorId> {
		validators.iter().find(|v| **v == self.0.public()).cloned()
	}

	fn sign(&self, key: &ValidatorId, payload: &[u8]) -> Option<ValidatorSignature> {
		(*key == self.0.public()).then(|| self.0.sign(payload))
	}
}

/// The example para's code (what the relay runtime registers).
pub fn code() -> ValidationCode {
	ValidationCode(relay_runtime::EXAMPLE_PARA_WASM.expect("built with WASM").to_vec())
}

/// The persisted validation data of 2000 at its genesis.
pub fn genesis_data() -> PersistedValidationData {
	PersistedValidationData {
		parent_head: HeadData(genesis_head(PARA.0).encode()),
		relay_parent_number: 1,
		relay_parent_storage_root: Hash::repeat_byte(9),
		max_pov_size: 5 * 1024 * 1024,
	}
}

/// A valid collation of 2000 on `block`.
pub fn collation_on(block: &RelayBlock) -> collation::Collation {
	let context = collation::RelayContext::from_answers(
		block.hash,
		PARA,
		block.session,
		&block.cores,
		Some(genesis_data()),
		Some(code().hash()),
	)
	.expect("2000 is scheduled");
	collation::build(&context, &genesis_state(PARA.0), vec![]).expect("builds")
}

/// A `collation/2` notification carrying `message`.
pub fn wire(message: CollatorProtocolMessage) -> Vec<u8> {
	WireMessage::ProtocolMessage(CollationProtocol::CollatorProtocol(message)).encode()
}

/// A `collation/2` view update naming `heads`.
pub fn view_update(heads: &[Hash]) -> Vec<u8> {
	WireMessage::<CollationProtocol>::ViewUpdate(View::new(heads.iter().copied(), 0)).encode()
}

/// What a `collation/2` notification says (panics on bytes that are not one).
pub fn unwire(bytes: &[u8]) -> WireMessage<CollationProtocol> {
	codec::Decode::decode(&mut &bytes[..]).expect("a collation/2 notification")
}

/// A collator's declaration over `signed_peer`'s id.
pub fn declare(pair: &CollatorPair, para: ParaId, signed_peer: &PeerId) -> Vec<u8> {
	wire(CollatorProtocolMessage::Declare(
		pair.public(),
		para,
		pair.sign(&declare_payload(&signed_peer.to_bytes())),
	))
}

/// A validator's hello over `peer`'s id.
pub fn hello(pair: &ValidatorPair, peer: &PeerId) -> ValidatorHello {
	ValidatorHello {
		validator: pair.public(),
		session: SESSION,
		signature: pair.sign(&validator_hello_payload(SESSION, &peer.to_bytes())),
	}
}
