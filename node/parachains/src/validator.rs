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
//!   para on a core this validator's group backs (now or after the next rotation);
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
	ParaId, PoV, SigningContext, ValidatorId, ValidatorIndex, ValidatorSignature,
	ValidityAttestation,
};
use sc_network::{PeerId, ReputationChange as Rep};
use sp_runtime::RuntimeAppPublic;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

/// Advertisements from one collator per relay parent beyond which it is flooding.
pub const ADVERT_FLOOD_LIMIT: u32 = 16;
/// Advertisements kept for relay parents this validator has not seen yet, per collator.
pub const PENDING_ADVERTS_PER_PEER: usize = 2;
/// New best blocks after which an advertisement on a relay parent that is still unknown is
/// dropped (it was on a fork that never became best here).
pub const PENDING_ADVERT_LEAVES: u64 = 2;

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
	},
}

/// What the validator knows of a peer.
#[derive(Default, Debug)]
struct Peer {
	protocols: HashSet<Protocol>,
	/// A declared collator: its key and para.
	collator: Option<(CollatorId, ParaId)>,
	/// A validator that said hello: its key and session.
	validator: Option<(ValidatorId, u32)>,
	/// Advertisements per relay parent.
	adverts: HashMap<Hash, u32>,
	/// Advertisements on relay parents not seen yet, with the leaf count when they came.
	pending: VecDeque<(Hash, CandidateHash, u64)>,
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
	from_collator: bool,
	validating: bool,
	validated: bool,
	backed: bool,
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
	/// Cores (per relay parent) with a seconded candidate.
	seconded: HashSet<(Hash, CoreIndex)>,
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
			Event::Validated { candidate_hash, result } => {
				self.on_validated(candidate_hash, result, &mut out)
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
		self.seconded.retain(|(rp, _)| tracked.contains(rp));
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
		// Advertisements that arrived before this block did; those on blocks still unknown
		// after `PENDING_ADVERT_LEAVES` new leaves were on forks and go.
		let leaf_count = self.leaf_count;
		let pending: Vec<(PeerId, Hash, CandidateHash)> = self
			.peers
			.iter_mut()
			.flat_map(|(peer, state)| {
				let (now, later): (Vec<_>, Vec<_>) =
					state.pending.drain(..).partition(|(rp, _, _)| *rp == block.hash);
				state.pending.extend(later.into_iter().filter(|(_, _, arrived)| {
					arrived.saturating_add(PENDING_ADVERT_LEAVES) > leaf_count
				}));
				now.into_iter().map(move |(rp, hash, _)| (*peer, rp, hash))
			})
			.collect();
		for (peer, relay_parent, candidate_hash) in pending {
			self.on_advert(peer, relay_parent, candidate_hash, out);
		}
	}

	fn on_collation_message(
		&mut self,
		peer: PeerId,
		message: CollatorProtocolMessage,
		out: &mut Vec<Action>,
	) {
		match message {
			CollatorProtocolMessage::Declare(collator, para_id, signature) => {
				let valid = collator.verify(&declare_payload(&peer.to_bytes()), &signature);
				if !valid {
					out.push(Action::Report(peer, COST_BAD_SIGNATURE));
					out.push(Action::Disconnect(peer, Protocol::Collation));
					return;
				}
				let state = self.peers.entry(peer).or_default();
				if state.collator.is_some() {
					out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
					return;
				}
				let served = self.leaves.iter().any(|block| {
					self.me_at(block)
						.is_some_and(|(_, _, group)| block.group_serves_soon(group, para_id))
				});
				if !served {
					out.push(Action::Report(peer, COST_UNNEEDED_COLLATOR));
					out.push(Action::Disconnect(peer, Protocol::Collation));
					return;
				}
				if let Some(state) = self.peers.get_mut(&peer) {
					state.collator = Some((collator, para_id));
				}
			},
			CollatorProtocolMessage::AdvertiseCollation {
				relay_parent, candidate_hash, ..
			} => self.on_advert(peer, relay_parent, candidate_hash, out),
			CollatorProtocolMessage::CollationSeconded(..) => {
				out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE))
			},
		}
	}

	fn on_hello(&mut self, peer: PeerId, hello: ValidatorHello, out: &mut Vec<Action>) {
		let payload = validator_hello_payload(hello.session, &peer.to_bytes());
		if !hello.validator.verify(&payload, &hello.signature) {
			out.push(Action::Report(peer, COST_BAD_SIGNATURE));
			out.push(Action::Disconnect(peer, Protocol::Validation));
			out.push(Action::Disconnect(peer, Protocol::Collation));
			return;
		}
		let active = self
			.leaves
			.iter()
			.any(|b| b.session == hello.session && b.validators.contains(&hello.validator));
		if !active && !self.leaves.is_empty() {
			out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
			return;
		}
		self.peers.entry(peer).or_default().validator = Some((hello.validator, hello.session));
	}

	fn on_advert(
		&mut self,
		peer: PeerId,
		relay_parent: Hash,
		candidate_hash: CandidateHash,
		out: &mut Vec<Action>,
	) {
		let Some(para_id) = self.peers.get(&peer).and_then(|p| p.collator.as_ref().map(|c| c.1))
		else {
			out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
			return;
		};
		let Some(block) = self.leaf(&relay_parent).cloned() else {
			// Perhaps the collator imported the block first: keep a few for when it arrives.
			let Some(state) = self.peers.get_mut(&peer) else { return };
			if state.pending.len() < PENDING_ADVERTS_PER_PEER {
				state.pending.push_back((relay_parent, candidate_hash, self.leaf_count));
			} else {
				out.push(Action::Report(peer, COST_UNKNOWN_RELAY_PARENT));
			}
			return;
		};
		let Some(state) = self.peers.get_mut(&peer) else { return };
		let count = state.adverts.entry(relay_parent).or_insert(0);
		*count = count.saturating_add(1);
		if *count > ADVERT_FLOOD_LIMIT {
			out.push(Action::Report(peer, COST_FLOOD));
			out.push(Action::Disconnect(peer, Protocol::Collation));
			return;
		}
		if *count > 1 {
			out.push(Action::Report(peer, COST_ADVERT_REPEATED));
			return;
		}
		let Some((_, _, group)) = self.me_at(&block) else { return };
		let Some(core) = block.core_of(para_id).filter(|c| c.group_index == Some(group)) else {
			out.push(Action::Report(peer, COST_UNNEEDED_COLLATOR));
			return;
		};
		let key = (relay_parent, core.core_index);
		if self.seconded.contains(&key) || self.candidates.contains_key(&candidate_hash) {
			return;
		}
		let request = CollationFetchingRequest { relay_parent, para_id, candidate_hash };
		if self.fetching.contains(&key) {
			self.queued.entry(key).or_default().push_back((peer, request));
			return;
		}
		self.fetching.insert(key);
		out.push(Action::FetchCollation(peer, request));
	}

	/// Starts the next queued fetch of a core, if any.
	fn next_fetch(&mut self, key: (Hash, CoreIndex), out: &mut Vec<Action>) {
		self.fetching.remove(&key);
		if self.seconded.contains(&key) {
			self.queued.remove(&key);
			return;
		}
		if let Some((peer, request)) = self.queued.get_mut(&key).and_then(VecDeque::pop_front) {
			self.fetching.insert(key);
			out.push(Action::FetchCollation(peer, request));
		}
	}

	fn on_collation_fetched(
		&mut self,
		peer: PeerId,
		request: CollationFetchingRequest,
		response: Result<Vec<u8>, String>,
		out: &mut Vec<Action>,
	) {
		let Some(block) = self.leaf(&request.relay_parent).cloned() else { return };
		let core = block.core_of(request.para_id).map(|c| c.core_index);
		let key = core.map(|core| (request.relay_parent, core));
		let fail = |this: &mut Self, out: &mut Vec<Action>, cost: Rep| {
			out.push(Action::Report(peer, cost));
			if let Some(key) = key {
				this.next_fetch(key, out);
			}
		};
		let bytes = match response {
			Ok(bytes) => bytes,
			Err(_) => return fail(self, out, COST_FETCH_FAILED),
		};
		// The parent head, if sent, is not needed: the persisted validation data has it.
		let (receipt, pov) = match CollationFetchingResponse::decode(&mut &bytes[..]) {
			Ok(CollationFetchingResponse::Collation(receipt, pov)) => (receipt, pov),
			Ok(CollationFetchingResponse::CollationWithParentHeadData { receipt, pov, .. }) => {
				(receipt, pov)
			},
			Err(_) => return fail(self, out, COST_INVALID_COLLATION),
		};
		let descriptor = &receipt.descriptor;
		let matches = receipt.hash() == request.candidate_hash
			&& descriptor.para_id == request.para_id
			&& descriptor.relay_parent == request.relay_parent
			&& descriptor.session_index == block.session
			&& Some(descriptor.core()) == core;
		if !matches {
			out.push(Action::Disconnect(peer, Protocol::Collation));
			return fail(self, out, COST_INVALID_COLLATION);
		}
		let Some((_, _, group)) = self.me_at(&block) else { return };
		let group_size = block.group(group).len() as u32;
		let threshold = backing_threshold(self.min_backing_votes, group_size) as usize;
		let candidate = self.candidates.entry(request.candidate_hash).or_insert(Candidate {
			relay_parent: request.relay_parent,
			receipt: None,
			fetched: None,
			pov: None,
			threshold,
			votes: BTreeMap::new(),
			source: None,
			from_collator: true,
			validating: false,
			validated: false,
			backed: false,
		});
		candidate.fetched = Some(receipt.clone());
		candidate.pov = Some(pov.clone());
		candidate.source = Some(peer);
		candidate.from_collator = true;
		candidate.validating = true;
		out.push(Action::Validate { relay_parent: request.relay_parent, receipt, pov });
	}

	fn on_validated(
		&mut self,
		candidate_hash: CandidateHash,
		result: Result<CandidateCommitments, CheckError>,
		out: &mut Vec<Action>,
	) {
		let Some(candidate) = self.candidates.get_mut(&candidate_hash) else { return };
		candidate.validating = false;
		let relay_parent = candidate.relay_parent;
		let source = candidate.source;
		let from_collator = candidate.from_collator;
		let descriptor = match (&candidate.receipt, &candidate.fetched) {
			(Some(receipt), _) => Some(receipt.descriptor.clone()),
			(None, Some(fetched)) => Some(fetched.descriptor.clone()),
			(None, None) => None,
		};
		let core = descriptor.as_ref().map(|d| d.core());
		let commitments = match result {
			Ok(commitments) => commitments,
			Err(CheckError::Validation(relay_pvf::ValidationError::Internal(_))) => {
				// Nobody's fault: forget it, so another advert may be tried.
				self.candidates.remove(&candidate_hash);
				if let (true, Some(core)) = (from_collator, core) {
					self.next_fetch((relay_parent, core), out);
				}
				return;
			},
			Err(_) => {
				self.candidates.remove(&candidate_hash);
				if let Some(peer) = source {
					out.push(Action::Report(peer, COST_INVALID_COLLATION));
				}
				if let (true, Some(core)) = (from_collator, core) {
					self.next_fetch((relay_parent, core), out);
				}
				return;
			},
		};
		let Some(block) = self.leaf(&relay_parent).cloned() else { return };
		let Some((key, index, group)) = self.me_at(&block) else { return };
		// The validator that fetched it from the collator seconds it; the others vouch for it.
		let statement = if from_collator {
			CompactStatement::Seconded(candidate_hash)
		} else {
			CompactStatement::Valid(candidate_hash)
		};
		let context = SigningContext { session_index: block.session, parent_hash: relay_parent };
		let Some(signature) = self.keys.sign(&key, &signing_payload(&statement, &context)) else {
			return;
		};
		let attestation = if from_collator {
			ValidityAttestation::Implicit(signature.clone())
		} else {
			ValidityAttestation::Explicit(signature.clone())
		};
		let Some(candidate) = self.candidates.get_mut(&candidate_hash) else { return };
		candidate.validated = true;
		candidate.votes.insert(index, attestation);
		if candidate.receipt.is_none() {
			let Some(descriptor) = descriptor else { return };
			candidate.receipt = Some(CommittedCandidateReceipt { descriptor, commitments });
		}
		let Some(receipt) = candidate.receipt.clone() else { return };
		if from_collator {
			if let Some(core) = core {
				self.seconded.insert((relay_parent, core));
				self.fetching.remove(&(relay_parent, core));
				self.queued.remove(&(relay_parent, core));
			}
			if let Some(collator) = source {
				out.push(Action::Report(collator, BENEFIT_SECONDED));
				let statement = SignedStatement {
					payload: Statement::Seconded(receipt.clone()),
					validator_index: index,
					signature: signature.clone(),
				};
				let feedback = WireMessage::ProtocolMessage(CollationProtocol::CollatorProtocol(
					CollatorProtocolMessage::CollationSeconded(relay_parent, statement),
				));
				out.push(Action::Send(collator, Protocol::Collation, feedback.encode()));
			}
			let seconded = ValidationMessage::Seconded {
				relay_parent,
				receipt,
				validator_index: index,
				signature,
			};
			self.to_group(&block, group, seconded.encode(), out);
		} else {
			let valid = ValidationMessage::Valid {
				relay_parent,
				candidate_hash,
				validator_index: index,
				signature,
			};
			self.to_group(&block, group, valid.encode(), out);
		}
		self.maybe_backed(candidate_hash, out);
	}

	/// Sends `message` to the connected validators of `group` (but not to itself).
	fn to_group(
		&self,
		block: &RelayBlock,
		group: GroupIndex,
		message: Vec<u8>,
		out: &mut Vec<Action>,
	) {
		let members: Vec<&ValidatorId> =
			block.group(group).iter().filter_map(|i| block.validator(*i)).collect();
		for (peer, state) in &self.peers {
			let in_group = state.validator.as_ref().is_some_and(|(key, _)| members.contains(&key));
			if in_group && state.protocols.contains(&Protocol::Validation) {
				out.push(Action::Send(*peer, Protocol::Validation, message.clone()));
			}
		}
	}

	/// Sends `message` to every connected validator.
	fn to_validators(&self, message: Vec<u8>, out: &mut Vec<Action>) {
		for (peer, state) in &self.peers {
			if state.validator.is_some() && state.protocols.contains(&Protocol::Validation) {
				out.push(Action::Send(*peer, Protocol::Validation, message.clone()));
			}
		}
	}

	fn on_validation_message(
		&mut self,
		peer: PeerId,
		message: ValidationMessage,
		out: &mut Vec<Action>,
	) {
		match message {
			ValidationMessage::ValidatorHello(hello) => self.on_hello(peer, hello, out),
			ValidationMessage::Seconded { relay_parent, receipt, validator_index, signature } => {
				let candidate_hash = receipt.hash();
				if receipt.descriptor.relay_parent != relay_parent {
					out.push(Action::Report(peer, COST_INVALID_COLLATION));
					return;
				}
				let vote = ValidityAttestation::Implicit(signature);
				if !self.on_statement(
					peer,
					relay_parent,
					candidate_hash,
					validator_index,
					vote,
					out,
				) {
					return;
				}
				let Some(candidate) = self.candidates.get_mut(&candidate_hash) else { return };
				if candidate.receipt.is_none() {
					candidate.receipt = Some(receipt);
				}
				if !candidate.validated && !candidate.validating && candidate.pov.is_none() {
					candidate.validating = true;
					candidate.source = Some(peer);
					out.push(Action::FetchPov(
						peer,
						PovFetchRequest { relay_parent, candidate_hash },
					));
				}
				self.maybe_backed(candidate_hash, out);
			},
			ValidationMessage::Valid {
				relay_parent,
				candidate_hash,
				validator_index,
				signature,
			} => {
				let vote = ValidityAttestation::Explicit(signature);
				if self.on_statement(peer, relay_parent, candidate_hash, validator_index, vote, out)
				{
					self.maybe_backed(candidate_hash, out);
				}
			},
			ValidationMessage::Backed(backed) => self.on_backed(peer, backed, out),
		}
	}

	/// Records a vote from `peer` for a candidate on `relay_parent`, after every check; whether
	/// it was recorded.
	fn on_statement(
		&mut self,
		peer: PeerId,
		relay_parent: Hash,
		candidate_hash: CandidateHash,
		validator_index: ValidatorIndex,
		vote: ValidityAttestation,
		out: &mut Vec<Action>,
	) -> bool {
		let Some(block) = self.leaf(&relay_parent).cloned() else { return false };
		let sender = self.peers.get(&peer).and_then(|p| p.validator.clone());
		let Some(signer) = block.validator(validator_index).cloned() else {
			out.push(Action::Report(peer, COST_STATEMENT_OUTSIDE_GROUP));
			return false;
		};
		if sender.as_ref().map(|(key, _)| key) != Some(&signer) {
			// Statements come from the validator that signed them.
			out.push(Action::Report(peer, COST_STATEMENT_OUTSIDE_GROUP));
			return false;
		}
		let context = SigningContext { session_index: block.session, parent_hash: relay_parent };
		if !vote.verify(&signer, candidate_hash, &context) {
			out.push(Action::Report(peer, COST_BAD_SIGNATURE));
			out.push(Action::Disconnect(peer, Protocol::Validation));
			return false;
		}
		let Some((_, _, group)) = self.me_at(&block) else { return false };
		if block.group_of(validator_index) != Some(group) {
			out.push(Action::Report(peer, COST_STATEMENT_OUTSIDE_GROUP));
			return false;
		}
		let group_size = block.group(group).len() as u32;
		let threshold = backing_threshold(self.min_backing_votes, group_size) as usize;
		let candidate = self.candidates.entry(candidate_hash).or_insert(Candidate {
			relay_parent,
			receipt: None,
			fetched: None,
			pov: None,
			threshold,
			votes: BTreeMap::new(),
			source: Some(peer),
			from_collator: false,
			validating: false,
			validated: false,
			backed: false,
		});
		candidate.votes.insert(validator_index, vote);
		true
	}

	fn on_pov_fetched(
		&mut self,
		peer: PeerId,
		request: PovFetchRequest,
		response: Result<Vec<u8>, String>,
		out: &mut Vec<Action>,
	) {
		let Some(candidate) = self.candidates.get_mut(&request.candidate_hash) else { return };
		let pov = match response.map(|bytes| PovFetchResponse::decode(&mut &bytes[..])) {
			Ok(Ok(PovFetchResponse::Pov(pov))) => pov,
			Ok(Err(_)) => {
				candidate.validating = false;
				out.push(Action::Report(peer, COST_UNDECODABLE));
				return;
			},
			_ => {
				candidate.validating = false;
				out.push(Action::Report(peer, COST_FETCH_FAILED));
				return;
			},
		};
		let Some(receipt) = candidate.receipt.as_ref().map(|r| r.to_plain()) else { return };
		candidate.pov = Some(pov.clone());
		out.push(Action::Validate { relay_parent: request.relay_parent, receipt, pov });
	}

	/// Backs the candidate if it has enough votes (and this validator checked it itself).
	fn maybe_backed(&mut self, candidate_hash: CandidateHash, out: &mut Vec<Action>) {
		let Some(candidate) = self.candidates.get_mut(&candidate_hash) else { return };
		if candidate.backed || !candidate.validated || candidate.votes.len() < candidate.threshold {
			return;
		}
		let Some(receipt) = candidate.receipt.clone() else { return };
		candidate.backed = true;
		let votes = candidate.votes.clone();
		let relay_parent = candidate.relay_parent;
		let Some(block) = self.leaf(&relay_parent).cloned() else { return };
		let core = receipt.descriptor.core();
		let Some(group) =
			block.cores.iter().find(|c| c.core_index == core).and_then(|c| c.group_index)
		else {
			return;
		};
		let backed = BackedCandidate::from_votes(receipt, block.group(group), &votes);
		let number = block.number;
		self.to_validators(ValidationMessage::Backed(backed.clone()).encode(), out);
		out.push(Action::Backed { candidate: backed, relay_parent_number: number });
	}

	fn on_backed(&mut self, peer: PeerId, backed: BackedCandidate, out: &mut Vec<Action>) {
		if self.peers.get(&peer).and_then(|p| p.validator.as_ref()).is_none() {
			out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
			return;
		}
		let descriptor = &backed.candidate.descriptor;
		let Some(block) = self.leaf(&descriptor.relay_parent).cloned() else { return };
		let hash = backed.hash();
		if self.candidates.get(&hash).is_some_and(|c| c.backed) {
			return;
		}
		let Some(group) = block
			.cores
			.iter()
			.find(|c| c.core_index == descriptor.core() && c.para_id == Some(descriptor.para_id))
			.and_then(|c| c.group_index)
		else {
			out.push(Action::Report(peer, COST_INVALID_COLLATION));
			return;
		};
		let members = block.group(group);
		let threshold = backing_threshold(self.min_backing_votes, members.len() as u32) as usize;
		let context =
			SigningContext { session_index: block.session, parent_hash: descriptor.relay_parent };
		let votes_ok = backed.votes_of_group(members).is_ok_and(|votes| {
			votes.len() >= threshold
				&& votes.iter().all(|(index, attestation)| {
					block
						.validator(*index)
						.is_some_and(|key| attestation.verify(key, hash, &context))
				})
		});
		if !votes_ok {
			out.push(Action::Report(peer, COST_INVALID_COLLATION));
			out.push(Action::Disconnect(peer, Protocol::Validation));
			return;
		}
		let entry = self.candidates.entry(hash).or_insert(Candidate {
			relay_parent: descriptor.relay_parent,
			receipt: Some(backed.candidate.clone()),
			fetched: None,
			pov: None,
			threshold,
			votes: BTreeMap::new(),
			source: Some(peer),
			from_collator: false,
			validating: false,
			validated: false,
			backed: false,
		});
		entry.backed = true;
		out.push(Action::Backed { candidate: backed, relay_parent_number: block.number });
	}
}
