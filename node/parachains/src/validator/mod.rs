//! The validator's side of the protocols, as a state machine: [`Validator::handle`] takes an
//! [`Event`] (a new relay block, a peer, a message, a finished fetch or validation) and returns
//! the [`Action`]s to take. No I/O happens here; `crate::network` does it.
//!
//! What it enforces:
//!
//! - collators speak Polkadot's collator protocol (`collation/2`, `req_collation/2`, see
//!   `relay_primitives::collator_protocol`): the validator tells each its view (the relay blocks
//!   it tracks) when the stream opens and at every new block;
//! - a collator is heard only after a valid `Declare` signed over its `PeerId`, and only for a
//!   para on a core this validator's group backs (now or after the next rotation); a
//!   declaration that comes before the block that schedules its para (a collator that imported
//!   it first) waits [`PENDING_DECLARE_LEAVES`] blocks, with its advertisements, before it costs;
//! - an advertisement must name a tracked relay parent on which the para has a core backed by
//!   this group; one advertisement per collator and relay parent; one fetch per core and relay
//!   parent at a time, and one candidate seconded per core and relay parent;
//! - a fetched collation must match its advertisement (hash, para, relay parent, core) before the
//!   PVF host sees it; a collation that fails costs its collator;
//! - the validator that fetched and checked a collation seconds it (signs `Seconded`, an implicit
//!   backing vote, and tells the collator with that signed statement); the rest of its group
//!   fetch the PoV from it, check, and sign `Valid` (explicit votes);
//! - statements count only from validators of the candidate's group, with valid signatures; a
//!   `Backed` candidate is kept only if its votes check out.
//!
//! Every misbehaviour costs the peer reputation ([`crate::reputation`]).

use crate::{
	protocol::ALLOWED_RELAY_PARENTS, relay::RelayBlock, reputation::*, validation::CheckError,
};
use codec::{Decode, Encode};
use pallet_inclusion::scheduler::backing_threshold;
use relay_primitives::{
	collator_protocol::{
		declare_payload, CollationFetchingRequest, CollationFetchingResponse, CollationProtocol,
		CollatorProtocolMessage, SignedStatement, Statement, View, WireMessage,
	},
	network::{
		validator_hello_payload, CollatorId, PovFetchRequest, PovFetchResponse, ValidationMessage,
		ValidatorHello,
	},
	signing_payload, BackedCandidate, BlockNumber, CandidateCommitments, CandidateHash,
	CandidateReceipt, CommittedCandidateReceipt, CompactStatement, CoreIndex, GroupIndex, Hash,
	HeadData, ParaId, PoV, SigningContext, ValidatorId, ValidatorIndex, ValidatorSignature,
	ValidityAttestation,
};
use sc_network::{PeerId, ReputationChange as Rep};
use sp_runtime::RuntimeAppPublic;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

mod backing;
mod collators;

/// Advertisements from one collator per relay parent beyond which it is flooding.
pub const ADVERT_FLOOD_LIMIT: u32 = 16;
/// Advertisements one collator may make per relay parent: a candidate on the para's head and
/// one on each candidate built ahead of it (`MAX_CANDIDATE_DEPTH`).
pub const ADVERTS_PER_RELAY_PARENT: u32 = relay_primitives::MAX_CANDIDATE_DEPTH + 1;
/// Advertisements kept for relay parents this validator has not seen yet, per collator.
pub const PENDING_ADVERTS_PER_PEER: usize = 2;
/// New best blocks after which an advertisement on a relay parent that is still unknown is
/// dropped (it was on a fork that never became best here).
pub const PENDING_ADVERT_LEAVES: u64 = 2;
/// New best blocks a declaration for a para this validator's group does not serve at any tracked
/// block waits before it costs: the collator may have imported the block that scheduled the
/// para (a parathread's new claim) before this validator did.
pub const PENDING_DECLARE_LEAVES: u64 = 2;

/// The two notification protocols.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Protocol {
	/// `collation/2` (Polkadot's collator protocol).
	Collation,
	/// `relay-validation/1`.
	Validation,
}

/// The validator's `para_validator` keys.
pub trait Keys: Send {
	/// The key this node holds among `validators`, if any.
	fn find(&self, validators: &[ValidatorId]) -> Option<ValidatorId>;
	/// `key`'s signature of `payload`.
	fn sign(&self, key: &ValidatorId, payload: &[u8]) -> Option<ValidatorSignature>;
}

impl<K: Keys + ?Sized> Keys for Box<K> {
	fn find(&self, validators: &[ValidatorId]) -> Option<ValidatorId> {
		(**self).find(validators)
	}

	fn sign(&self, key: &ValidatorId, payload: &[u8]) -> Option<ValidatorSignature> {
		(**self).sign(key, payload)
	}
}

/// What happened.
#[derive(Debug)]
pub enum Event {
	/// A new best relay block.
	NewLeaf(RelayBlock),
	/// A peer opened a stream.
	PeerConnected(PeerId, Protocol),
	/// A peer's stream closed.
	PeerDisconnected(PeerId, Protocol),
	/// A notification arrived.
	Message(PeerId, Protocol, Vec<u8>),
	/// A collation fetch finished (the response bytes, or why not).
	CollationFetched {
		/// The collator.
		peer: PeerId,
		/// What was asked.
		request: CollationFetchingRequest,
		/// The answer.
		response: Result<Vec<u8>, String>,
	},
	/// A PoV fetch finished.
	PovFetched {
		/// The validator asked.
		peer: PeerId,
		/// What was asked.
		request: PovFetchRequest,
		/// The answer.
		response: Result<Vec<u8>, String>,
	},
	/// A candidate's check finished (`crate::validation::check_candidate`).
	Validated {
		/// The candidate.
		candidate_hash: CandidateHash,
		/// Its commitments, or why it failed.
		result: Result<CandidateCommitments, CheckError>,
		/// The hash of the head it built on, when valid.
		parent_head: Option<Hash>,
	},
}

/// What to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
	/// Send a notification.
	Send(PeerId, Protocol, Vec<u8>),
	/// Fetch a collation from its collator.
	FetchCollation(PeerId, CollationFetchingRequest),
	/// Fetch a PoV from a validator of the group.
	FetchPov(PeerId, PovFetchRequest),
	/// Check the candidate against the chain at its relay parent, running the PVF host.
	Validate {
		/// The relay parent (where the persisted validation data and code are read).
		relay_parent: Hash,
		/// The candidate (its commitments come from running its code).
		receipt: CandidateReceipt,
		/// Its PoV.
		pov: PoV,
		/// The heads of the para's candidates not yet included that it may build on (besides
		/// the para's head at the relay parent).
		pending_heads: Vec<HeadData>,
	},
	/// Change a peer's reputation.
	Report(PeerId, Rep),
	/// Close a peer's stream of a protocol.
	Disconnect(PeerId, Protocol),
	/// A candidate has enough votes: keep it for the block author.
	Backed {
		/// The candidate with its votes.
		candidate: BackedCandidate,
		/// The number of its relay parent.
		relay_parent_number: BlockNumber,
		/// The hash of the head it builds on, if this validator checked it.
		parent_head: Option<Hash>,
	},
}

/// What the validator knows of a peer.
#[derive(Default, Debug)]
struct Peer {
	protocols: HashSet<Protocol>,
	/// A declared collator: its key and para.
	collator: Option<(CollatorId, ParaId)>,
	/// A declaration for a para not served at any tracked block yet, with the leaf count when it
	/// came: accepted if a block within `PENDING_DECLARE_LEAVES` schedules the para for this
	/// group.
	pending_declare: Option<(CollatorId, ParaId, u64)>,
	/// A validator that said hello: its key and session.
	validator: Option<(ValidatorId, u32)>,
	/// Advertisements per relay parent.
	adverts: HashMap<Hash, u32>,
	/// Advertisements (relay parent, candidate, parent head hash) on relay parents not seen yet
	/// or before the declaration was settled, with the leaf count when they came.
	pending: VecDeque<(Hash, CandidateHash, Hash, u64)>,
}

/// A candidate this validator is backing or has heard of.
#[derive(Debug)]
struct Candidate {
	relay_parent: Hash,
	/// The receipt with its commitments (from a validator's statement, or once this validator
	/// ran the code).
	receipt: Option<CommittedCandidateReceipt>,
	/// The receipt a collator sent (commitments hash only), until it is checked.
	fetched: Option<CandidateReceipt>,
	pov: Option<PoV>,
	/// The votes needed.
	threshold: usize,
	votes: BTreeMap<ValidatorIndex, ValidityAttestation>,
	/// Who gave it to us: the collator, or the validator that seconded it.
	source: Option<PeerId>,
	/// The hash of the head it builds on, once known (found by checking it).
	parent_head: Option<Hash>,
	from_collator: bool,
	validating: bool,
	validated: bool,
	backed: bool,
}

impl Candidate {
	/// A candidate on `relay_parent` needing `threshold` votes, heard of from `source`, with
	/// nothing known of it yet.
	fn new(relay_parent: Hash, threshold: usize, source: Option<PeerId>) -> Self {
		Self {
			relay_parent,
			receipt: None,
			fetched: None,
			pov: None,
			threshold,
			votes: BTreeMap::new(),
			source,
			parent_head: None,
			from_collator: false,
			validating: false,
			validated: false,
			backed: false,
		}
	}
}

/// The validator's protocol state.
pub struct Validator<K: Keys> {
	keys: K,
	local_peer: PeerId,
	min_backing_votes: u32,
	/// Recent relay blocks, oldest first.
	leaves: VecDeque<RelayBlock>,
	/// New best blocks seen so far.
	leaf_count: u64,
	peers: HashMap<PeerId, Peer>,
	candidates: HashMap<CandidateHash, Candidate>,
	/// Fetches in flight, by relay parent and core.
	fetching: HashSet<(Hash, CoreIndex)>,
	/// Advertisements waiting for a core's fetch to finish.
	queued: HashMap<(Hash, CoreIndex), VecDeque<(PeerId, CollationFetchingRequest)>>,
	/// The newest finalized relay block number (for the view sent to collators).
	finalized_number: BlockNumber,
	/// Cores (per relay parent) with a seconded candidate, by the head it builds on: one per
	/// parent, so chains built ahead are seconded but not their siblings.
	seconded: HashSet<(Hash, CoreIndex, Hash)>,
	/// The parent head hash each advertisement named, until its collation is fetched.
	advertised_parents: HashMap<CandidateHash, (Hash, Hash)>,
}

impl<K: Keys> Validator<K> {
	/// A validator whose network identity is `local_peer`, signing with `keys`, needing
	/// `min(min_backing_votes, group size)` votes to back a candidate.
	pub fn new(keys: K, local_peer: PeerId, min_backing_votes: u32) -> Self {
		Self {
			keys,
			local_peer,
			min_backing_votes,
			leaves: VecDeque::new(),
			leaf_count: 0,
			peers: HashMap::new(),
			candidates: HashMap::new(),
			fetching: HashSet::new(),
			queued: HashMap::new(),
			finalized_number: 0,
			seconded: HashSet::new(),
			advertised_parents: HashMap::new(),
		}
	}

	/// Handles one event.
	pub fn handle(&mut self, event: Event) -> Vec<Action> {
		let mut out = Vec::new();
		match event {
			Event::NewLeaf(block) => self.on_leaf(block, &mut out),
			Event::PeerConnected(peer, protocol) => {
				self.peers.entry(peer).or_default().protocols.insert(protocol);
				match protocol {
					Protocol::Validation => {
						if let Some(hello) = self.hello() {
							let hello = ValidationMessage::ValidatorHello(hello).encode();
							out.push(Action::Send(peer, protocol, hello));
						}
					},
					Protocol::Collation => {
						if let Some(view) = self.view_update() {
							out.push(Action::Send(peer, protocol, view));
						}
					},
				}
			},
			Event::PeerDisconnected(peer, protocol) => {
				if let Some(state) = self.peers.get_mut(&peer) {
					state.protocols.remove(&protocol);
					if state.protocols.is_empty() {
						self.peers.remove(&peer);
					}
				}
			},
			Event::Message(peer, Protocol::Collation, bytes) => {
				match WireMessage::<CollationProtocol>::decode(&mut &bytes[..]) {
					Ok(WireMessage::ProtocolMessage(CollationProtocol::CollatorProtocol(m))) => {
						self.on_collation_message(peer, m, &mut out)
					},
					// A collator's view says nothing a validator needs; a malformed one costs.
					Ok(WireMessage::ViewUpdate(view)) => {
						if !view.is_well_formed() {
							out.push(Action::Report(peer, COST_UNDECODABLE));
						}
					},
					Err(_) => out.push(Action::Report(peer, COST_UNDECODABLE)),
				}
			},
			Event::Message(peer, Protocol::Validation, bytes) => {
				match ValidationMessage::decode(&mut &bytes[..]) {
					Ok(message) => self.on_validation_message(peer, message, &mut out),
					Err(_) => out.push(Action::Report(peer, COST_UNDECODABLE)),
				}
			},
			Event::CollationFetched { peer, request, response } => {
				self.on_collation_fetched(peer, request, response, &mut out)
			},
			Event::PovFetched { peer, request, response } => {
				self.on_pov_fetched(peer, request, response, &mut out)
			},
			Event::Validated { candidate_hash, result, parent_head } => {
				self.on_validated(candidate_hash, result, parent_head, &mut out)
			},
		}
		out
	}

	/// The answer to a PoV request from a peer.
	pub fn pov_response(&self, peer: &PeerId, request: &PovFetchRequest) -> PovFetchResponse {
		let known = self.peers.get(peer).is_some_and(|p| p.validator.is_some());
		match self.candidates.get(&request.candidate_hash) {
			Some(Candidate { pov: Some(pov), relay_parent, .. })
				if known && *relay_parent == request.relay_parent =>
			{
				PovFetchResponse::Pov(pov.clone())
			},
			_ => PovFetchResponse::NoSuchPov,
		}
	}

	/// The newest relay block.
	pub fn best(&self) -> Option<&RelayBlock> {
		self.leaves.back()
	}

	/// Candidates this validator tracks (for diagnostics).
	pub fn candidate_count(&self) -> usize {
		self.candidates.len()
	}

	fn leaf(&self, hash: &Hash) -> Option<&RelayBlock> {
		self.leaves.iter().find(|b| b.hash == *hash)
	}

	/// My key and group at `block`.
	fn me_at(&self, block: &RelayBlock) -> Option<(ValidatorId, ValidatorIndex, GroupIndex)> {
		let key = self.keys.find(&block.validators)?;
		let index = block.validator_index(&key)?;
		let group = block.group_of(index)?;
		Some((key, index, group))
	}

	/// The `ViewUpdate` notification for collators: the tracked relay blocks, newest first, and
	/// the finalized number; none before the first block.
	fn view_update(&self) -> Option<Vec<u8>> {
		if self.leaves.is_empty() {
			return None;
		}
		let view = View::new(self.leaves.iter().rev().map(|b| b.hash), self.finalized_number);
		Some(WireMessage::<CollationProtocol>::ViewUpdate(view).encode())
	}

	fn hello(&self) -> Option<ValidatorHello> {
		let best = self.best()?;
		let key = self.keys.find(&best.validators)?;
		let payload = validator_hello_payload(best.session, &self.local_peer.to_bytes());
		let signature = self.keys.sign(&key, &payload)?;
		Some(ValidatorHello { validator: key, session: best.session, signature })
	}

	fn on_leaf(&mut self, block: RelayBlock, out: &mut Vec<Action>) {
		let session_changed = self.best().is_none_or(|best| best.session != block.session);
		if self.leaf(&block.hash).is_some() {
			return;
		}
		self.finalized_number = self.finalized_number.max(block.finalized_number);
		self.leaves.push_back(block.clone());
		self.leaf_count = self.leaf_count.saturating_add(1);
		while self.leaves.len() > ALLOWED_RELAY_PARENTS {
			self.leaves.pop_front();
		}
		let tracked: HashSet<Hash> = self.leaves.iter().map(|b| b.hash).collect();
		self.candidates.retain(|_, c| tracked.contains(&c.relay_parent));
		self.fetching.retain(|(rp, _)| tracked.contains(rp));
		self.queued.retain(|(rp, _), _| tracked.contains(rp));
		self.seconded.retain(|(rp, _, _)| tracked.contains(rp));
		self.advertised_parents.retain(|_, (rp, _)| tracked.contains(rp));
		for peer in self.peers.values_mut() {
			peer.adverts.retain(|rp, _| tracked.contains(rp));
		}
		if session_changed {
			if let Some(hello) = self.hello() {
				let hello = ValidationMessage::ValidatorHello(hello).encode();
				for (peer, state) in &self.peers {
					if state.protocols.contains(&Protocol::Validation) {
						out.push(Action::Send(*peer, Protocol::Validation, hello.clone()));
					}
				}
			}
		}
		if let Some(view) = self.view_update() {
			for (peer, state) in &self.peers {
				if state.protocols.contains(&Protocol::Collation) {
					out.push(Action::Send(*peer, Protocol::Collation, view.clone()));
				}
			}
		}
		self.settle_declarations(out);
		// Advertisements that arrived before their block or their collator's declaration was
		// known; those on blocks still unknown after `PENDING_ADVERT_LEAVES` new leaves were
		// on forks and go.
		let leaf_count = self.leaf_count;
		let pending: Vec<(PeerId, Hash, CandidateHash, Hash)> = self
			.peers
			.iter_mut()
			.flat_map(|(peer, state)| {
				let declared = state.collator.is_some();
				let (now, later): (Vec<_>, Vec<_>) = state
					.pending
					.drain(..)
					.partition(|(rp, _, _, _)| declared && tracked.contains(rp));
				state.pending.extend(later.into_iter().filter(|(_, _, _, arrived)| {
					arrived.saturating_add(PENDING_ADVERT_LEAVES) > leaf_count
				}));
				now.into_iter().map(move |(rp, hash, parent, _)| (*peer, rp, hash, parent))
			})
			.collect();
		for (peer, relay_parent, candidate_hash, parent) in pending {
			self.on_advert(peer, relay_parent, candidate_hash, parent, out);
		}
	}
}
