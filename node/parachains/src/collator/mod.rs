//! The collator's side of the protocols, as a state machine ([`Collator::handle`]): at each new
//! relay block it builds a collation of the example parachain on the para's current head, if the
//! para has a core, and advertises it to the validators of the group backing that core; it
//! declares itself (signed over its `PeerId`) only to those validators. A parathread without a
//! core bids in the fee auction on its current head, within a budget. No I/O happens here.
//!
//! It speaks Polkadot's collator protocol (`relay_primitives::collator_protocol`), as a Cumulus
//! collator does: it learns which peer is which validator through authority discovery
//! ([`Action::Identify`], answered by [`Event::PeerAuthorities`], matched against the session's
//! discovery keys), advertises a collation to a validator only once the validator's view holds
//! its relay parent, and checks the signed `Seconded` statements validators send back.

use crate::{
	collation::{build, BuildError, Collation, RelayContext},
	protocol::ALLOWED_RELAY_PARENTS,
	relay::{head_hash, RelayBlock},
	reputation::*,
	validator::Protocol,
};
use codec::{Decode, DecodeAll, Encode};
use example_para::{genesis_state, Head, Op, State};
use pallet_parathreads::view::{BidView, ClaimView};
use relay_primitives::{
	collator_protocol::{
		declare_payload, CollationFetchingRequest, CollationFetchingResponse, CollationProtocol,
		CollatorProtocolMessage, SignedStatement, Statement, View, WireMessage,
	},
	host::AuthorityDiscoveryId,
	network::CollatorPair,
	AccountId, Balance, BlockNumber, CandidateHash, CommittedCandidateReceipt, Hash, HeadData,
	ParaId, PersistedValidationData, SigningContext, ValidationCodeHash, ValidatorId,
	ValidityAttestation, MAX_CANDIDATE_DEPTH,
};
use sc_network::{PeerId, ReputationChange as Rep};
use sp_core::Pair;
use std::collections::{HashMap, HashSet, VecDeque};

mod peers;

/// States kept by their hash (the heads the collator built and the one on chain).
const KEPT_STATES: usize = 24;
/// Recent relay blocks whose parents are remembered (forks included).
const KEPT_PARENTS: usize = 4 * ALLOWED_RELAY_PARENTS;
/// Collations kept (to serve fetches and build on): for every allowed relay parent, one on the
/// head on chain and those built ahead of it.
const KEPT_COLLATIONS: usize = ALLOWED_RELAY_PARENTS * (MAX_CANDIDATE_DEPTH as usize + 1);
/// Ops users queued, at most, for the next blocks.
pub const MAX_QUEUED_OPS: usize = 256;
/// Ops a block takes from the queue.
const OPS_PER_BLOCK: usize = 64;
/// Blocks after a bid with neither a bid nor a claim in view before bidding again.
const BID_RETRY_BLOCKS: BlockNumber = 2;
/// The counter every block of the example parachain adds one to.
pub const BLOCKS_COUNTER: &[u8] = b"blocks";

/// What happened.
#[derive(Debug)]
pub enum Event {
	/// A new best relay block, with what the relay chain says there about this para.
	NewLeaf {
		/// The block.
		block: RelayBlock,
		/// The para's persisted validation data (its head among them), if it is live.
		data: Option<PersistedValidationData>,
		/// The hash of the para's code.
		code_hash: Option<ValidationCodeHash>,
		/// The fee auction's bids.
		bids: Vec<BidView<AccountId, Balance>>,
		/// The live parathread claims, by pool core.
		claims: Vec<(u32, ClaimView<AccountId, Balance, BlockNumber>)>,
	},
	/// A validator or other peer opened the `collation/2` stream.
	PeerConnected(PeerId),
	/// The stream closed.
	PeerDisconnected(PeerId),
	/// A notification arrived on `collation/2`.
	Message(PeerId, Vec<u8>),
	/// Authority discovery knows these authorities behind a peer (empty: none yet).
	PeerAuthorities(PeerId, Vec<AuthorityDiscoveryId>),
}

/// What to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
	/// Send a `collation/2` notification.
	Send(PeerId, Vec<u8>),
	/// Ask authority discovery which authorities are behind a peer
	/// ([`Event::PeerAuthorities`] answers).
	Identify(PeerId),
	/// Change a peer's reputation.
	Report(PeerId, Rep),
	/// Close a peer's `collation/2` stream.
	Disconnect(PeerId, Protocol),
	/// Bid in the fee auction for a pool core: `parathreads.bid(para, fee, head_hash)`.
	SubmitBid {
		/// The fee offered.
		fee: Balance,
		/// The hash of the head the block will build on.
		head_hash: Hash,
	},
	/// The states to keep on disk: the one at the para's head on the relay chain, then those of
	/// the collations offered since, so a restarted collator builds on whichever gets in.
	Persist(Vec<State>),
}

/// How a parathread collator bids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BidPolicy {
	/// The fee of each bid.
	pub fee: Balance,
	/// The most this collator spends on claims it won, in total.
	pub budget: Balance,
}

/// What the collator did so far (for its RPC, logs and tests).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
	/// Collations built.
	pub built: u64,
	/// Advertisements sent.
	pub advertised: u64,
	/// `CollationSeconded` received.
	pub seconded: u64,
	/// Times the para's head on the relay chain advanced to a block this collator built.
	pub included: u64,
	/// Bids submitted.
	pub bids: u64,
	/// Prices of claims won (to be paid on inclusion).
	pub spent: Balance,
}

#[derive(Default, Debug)]
struct Peer {
	/// The authorities behind it, by authority discovery (empty: not known yet).
	authorities: Vec<AuthorityDiscoveryId>,
	/// The validator among them, in the newest block's session.
	validator: Option<ValidatorId>,
	/// Whether this collator declared itself to it.
	declared: bool,
	/// Its view: the relay parents it takes advertisements for.
	view: View,
	/// The collations advertised to it.
	advertised: Vec<CandidateHash>,
}

/// Collations advertised to one peer that are remembered (more than the collations kept).
const ADVERTISED_PER_PEER: usize = 2 * ALLOWED_RELAY_PARENTS;

/// The collator's protocol state.
pub struct Collator {
	para_id: ParaId,
	pair: CollatorPair,
	account: AccountId,
	local_peer: PeerId,
	bidding: Option<BidPolicy>,
	peers: HashMap<PeerId, Peer>,
	/// Recent collations, oldest first.
	collations: VecDeque<Collation>,
	/// States by their hash (a head's `post_state`).
	states: HashMap<[u8; 32], State>,
	state_order: VecDeque<[u8; 32]>,
	/// The para's head on the relay chain at the newest block.
	head: Option<Head>,
	queued_ops: VecDeque<Op>,
	/// The block a bid was submitted at, until a bid or claim of the para shows up.
	bid_submitted_at: Option<BlockNumber>,
	/// Claims already counted in `stats.spent` (pool core, expiry).
	counted_claims: Vec<(u32, BlockNumber)>,
	latest: Option<RelayBlock>,
	/// Recent relay blocks' parents (hash → parent hash, number), to tell which relay parents
	/// the next block may use.
	parents: VecDeque<(Hash, Hash)>,
	/// The para's persisted validation data and code hash at the newest block.
	leaf_inputs: Option<(PersistedValidationData, Option<ValidationCodeHash>)>,
	/// This collator's collations a validator seconded (those kept).
	seconded: HashSet<CandidateHash>,
	stats: Stats,
	/// Test-only: corrupt every collation.
	invalid_collations: bool,
}

impl Collator {
	/// A collator of `para_id` with key `pair` (whose account pays its bids), known on the
	/// network as `local_peer`; `bidding` for a parathread. `saved` are the states saved by a
	/// previous run ([`Action::Persist`]; the genesis state is always known).
	pub fn new(
		para_id: ParaId,
		pair: CollatorPair,
		local_peer: PeerId,
		bidding: Option<BidPolicy>,
		saved: Vec<State>,
	) -> Self {
		let account = AccountId::from(sp_core::sr25519::Public::from(pair.public()));
		let mut collator = Self {
			para_id,
			pair,
			account,
			local_peer,
			bidding,
			peers: HashMap::new(),
			collations: VecDeque::new(),
			states: HashMap::new(),
			state_order: VecDeque::new(),
			head: None,
			queued_ops: VecDeque::new(),
			bid_submitted_at: None,
			counted_claims: Vec::new(),
			latest: None,
			parents: VecDeque::new(),
			leaf_inputs: None,
			seconded: HashSet::new(),
			stats: Stats::default(),
			invalid_collations: false,
		};
		collator.keep_state(genesis_state(para_id.0));
		for state in saved.into_iter().filter(|s| s.para_id == para_id.0).take(KEPT_STATES) {
			collator.keep_state(state);
		}
		collator
	}

	/// Sets this node's network identity (what declarations are signed over).
	pub fn set_local_peer(&mut self, peer: PeerId) {
		self.local_peer = peer;
	}

	/// Test-only (end-to-end tests of validators): build invalid collations from now on, one per
	/// relay block in which the para has a core: each starts from a state the parent head does not commit to, with a receipt naming that PoV, so only running the para's code shows it.
	pub fn set_invalid_collations(&mut self, invalid: bool) {
		self.invalid_collations = invalid;
	}

	/// The para.
	pub fn para_id(&self) -> ParaId {
		self.para_id
	}

	/// What the collator did so far.
	pub fn stats(&self) -> Stats {
		self.stats
	}

	/// The para's head on the relay chain at the newest block.
	pub fn head(&self) -> Option<&Head> {
		self.head.as_ref()
	}

	/// The para's state at that head, if this collator knows it.
	pub fn state(&self) -> Option<&State> {
		self.head.as_ref().and_then(|head| self.states.get(&head.post_state))
	}

	/// Queues an op for the next blocks; `false` if the queue is full.
	pub fn queue_op(&mut self, op: Op) -> bool {
		if self.queued_ops.len() >= MAX_QUEUED_OPS {
			return false;
		}
		self.queued_ops.push_back(op);
		true
	}

	/// The receipt, with its commitments, of a collation this collator keeps.
	pub fn collation_receipt(&self, hash: &CandidateHash) -> Option<CommittedCandidateReceipt> {
		self.collations
			.iter()
			.find(|c| c.receipt.hash() == *hash)
			.map(|c| c.receipt.clone())
	}

	/// The answer to a collation fetch from `peer`: the collation if this collator has it and
	/// advertised it to that peer.
	pub fn collation_response(
		&self,
		peer: &PeerId,
		request: &CollationFetchingRequest,
	) -> Option<CollationFetchingResponse> {
		let advertised = self
			.peers
			.get(peer)
			.is_some_and(|p| p.advertised.contains(&request.candidate_hash));
		if !advertised {
			return None;
		}
		self.collations
			.iter()
			.find(|c| {
				c.receipt.descriptor.relay_parent == request.relay_parent
					&& c.receipt.descriptor.para_id == request.para_id
					&& c.receipt.hash() == request.candidate_hash
			})
			.map(|c| CollationFetchingResponse::Collation(c.receipt.to_plain(), c.pov.clone()))
	}

	/// Handles one event, then asks to save the states if the head or the offered collations
	/// changed (a new block, or one built ahead when the last was seconded).
	pub fn handle(&mut self, event: Event) -> Vec<Action> {
		let before = self.saved_key();
		let mut out = self.handle_inner(event);
		if self.saved_key() != before {
			if let Some(states) = self.states_to_save() {
				out.push(Action::Persist(states));
			}
		}
		out
	}

	fn handle_inner(&mut self, event: Event) -> Vec<Action> {
		let mut out = Vec::new();
		match event {
			Event::NewLeaf { block, data, code_hash, bids, claims } => {
				self.on_leaf(block, data, code_hash, bids, claims, &mut out)
			},
			Event::PeerConnected(peer) => {
				self.peers.entry(peer).or_default();
				out.push(Action::Identify(peer));
			},
			Event::PeerDisconnected(peer) => {
				self.peers.remove(&peer);
			},
			Event::PeerAuthorities(peer, authorities) => {
				self.on_authorities(peer, authorities, &mut out)
			},
			Event::Message(peer, bytes) => {
				match WireMessage::<CollationProtocol>::decode(&mut &bytes[..]) {
					Ok(WireMessage::ViewUpdate(view)) => self.on_view(peer, view, &mut out),
					Ok(WireMessage::ProtocolMessage(CollationProtocol::CollatorProtocol(m))) => {
						self.on_message(peer, m, &mut out)
					},
					Err(_) => out.push(Action::Report(peer, COST_UNDECODABLE)),
				}
			},
		}
		out
	}

	fn keep_state(&mut self, state: State) {
		let hash = state.hash();
		if self.states.insert(hash, state).is_none() {
			self.state_order.push_back(hash);
		}
		while self.state_order.len() > KEPT_STATES {
			if let Some(old) = self.state_order.pop_front() {
				// Never forget the state of the head on chain.
				if self.head.as_ref().is_some_and(|h| h.post_state == old) {
					self.state_order.push_back(old);
					break;
				}
				self.states.remove(&old);
			}
		}
	}

	/// What [`Self::states_to_save`] depends on.
	fn saved_key(&self) -> (Option<[u8; 32]>, Option<CandidateHash>) {
		(self.head.as_ref().map(|h| h.post_state), self.collations.back().map(|c| c.receipt.hash()))
	}

	/// The state at the para's head on chain (if known) then those of the valid collations
	/// offered since.
	fn states_to_save(&self) -> Option<Vec<State>> {
		let on_chain = self.head.as_ref()?.number;
		let head = self.state()?.clone();
		let pending = self
			.collations
			.iter()
			.filter(|c| !self.invalid_collations && c.head.number > on_chain)
			.map(|c| c.state.clone());
		Some(core::iter::once(head).chain(pending).collect())
	}

	fn on_leaf(
		&mut self,
		block: RelayBlock,
		data: Option<PersistedValidationData>,
		code_hash: Option<ValidationCodeHash>,
		bids: Vec<BidView<AccountId, Balance>>,
		claims: Vec<(u32, ClaimView<AccountId, Balance, BlockNumber>)>,
		out: &mut Vec<Action>,
	) {
		// Peers authority discovery did not know yet are asked about again; who is which
		// validator follows the block's session.
		for (peer, state) in &self.peers {
			if state.authorities.is_empty() {
				out.push(Action::Identify(*peer));
			}
		}
		self.resolve_validators(&block);
		self.latest = Some(block.clone());
		if !self.parents.iter().any(|(hash, _)| *hash == block.hash) {
			self.parents.push_back((block.hash, block.parent_hash));
			while self.parents.len() > KEPT_PARENTS {
				self.parents.pop_front();
			}
		}
		self.leaf_inputs = None;
		let Some(data) = data else { return };
		let Ok(head) = Head::decode_all(&mut &data.parent_head.0[..]) else { return };
		let advanced = self.head.as_ref().is_none_or(|old| old.number < head.number);
		if advanced {
			if self.collations.iter().any(|c| c.head == head) {
				self.stats.included = self.stats.included.saturating_add(1);
			}
			self.head = Some(head.clone());
		}
		self.count_claims(&claims);
		self.declare_to_group(&block, out);
		if block.core_of(self.para_id).is_none() {
			self.maybe_bid(&block, &data, &bids, &claims, out);
			return;
		}
		self.bid_submitted_at = None;
		self.leaf_inputs = Some((data, code_hash));
		self.build_next(out);
	}

	/// The newest head to build on and how many candidates not yet included lead to it: the
	/// para's head on chain at the newest block, then each seconded collation of this collator
	/// built on it, in turn, that the next block may still include (its relay parent allowed
	/// there: on the newest block or one of its allowed ancestors, not on a fork, and in the
	/// next block's session); of siblings, the one on the newest relay parent (what block
	/// authors prefer).
	fn tip(&self) -> Option<(Head, u32)> {
		let mut tip = self.head.clone()?;
		let allowed = self.allowed_relay_parents();
		// Candidates signed for another session than the next block's are refused there.
		let session = self.latest.as_ref().map(|b| b.session);
		let mut depth = 0u32;
		while depth <= MAX_CANDIDATE_DEPTH {
			let parent = head_hash(&tip.encode());
			let next = self
				.collations
				.iter()
				.filter(|c| {
					c.parent_head_hash == parent
						&& self.seconded.contains(&c.receipt.hash())
						&& allowed.contains(&c.receipt.descriptor.relay_parent)
						&& Some(c.receipt.descriptor.session_index) == session
				})
				.max_by_key(|c| c.relay_parent_number);
			let Some(next) = next else {
				break;
			};
			tip = next.head.clone();
			depth = depth.saturating_add(1);
		}
		Some((tip, depth))
	}

	/// The relay parents a block on the newest one may include candidates on: it and its
	/// ancestors, `ALLOWED_RELAY_PARENTS` in all (as far as this collator saw them; a collation
	/// on a sibling fork is not among them).
	fn allowed_relay_parents(&self) -> Vec<Hash> {
		let mut out = Vec::with_capacity(ALLOWED_RELAY_PARENTS);
		let mut next = self.latest.as_ref().map(|b| b.hash);
		while let Some(hash) = next {
			if out.len() >= ALLOWED_RELAY_PARENTS {
				break;
			}
			out.push(hash);
			next = self.parents.iter().find(|(h, _)| *h == hash).map(|(_, parent)| *parent);
		}
		out
	}

	/// Builds a collation on the tip ([`Self::tip`]) at the newest block, if it is no deeper than
	/// the chain allows and none was built on it there yet, and advertises it. Called at each
	/// new block and whenever a collation is seconded (so a chain is built ahead while the
	/// blocks include its first candidates).
	pub(super) fn build_next(&mut self, out: &mut Vec<Action>) {
		let (Some(block), Some((data, code_hash))) =
			(self.latest.clone(), self.leaf_inputs.clone())
		else {
			return;
		};
		let Some((tip, depth)) = self.tip() else { return };
		if depth > MAX_CANDIDATE_DEPTH || (self.invalid_collations && depth > 0) {
			return;
		}
		let tip_head = HeadData(tip.encode());
		let tip_hash = tip_head.hash();
		let built = self.collations.iter().any(|c| {
			c.parent_head_hash == tip_hash && c.receipt.descriptor.relay_parent == block.hash
		});
		if built {
			return;
		}
		let data = PersistedValidationData { parent_head: tip_head, ..data };
		let Ok(context) = RelayContext::from_answers(
			block.hash,
			self.para_id,
			block.session,
			&block.cores,
			Some(data),
			code_hash,
		) else {
			return;
		};
		let head = tip;
		let collation = if self.invalid_collations {
			let Some(collation) = build_invalid(&context, self.states.get(&head.post_state)) else {
				return;
			};
			collation
		} else {
			let Some(state) = self.states.get(&head.post_state).cloned() else {
				// Another collator's block is on chain; this one cannot build on it.
				return;
			};
			let mut ops = vec![Op::Add { name: BLOCKS_COUNTER.to_vec(), amount: 1 }];
			let take = self.queued_ops.len().min(OPS_PER_BLOCK);
			ops.extend(self.queued_ops.drain(..take));
			match build(&context, &state, ops) {
				Ok(collation) => {
					self.keep_state(collation.state.clone());
					collation
				},
				Err(BuildError::InvalidBlock(_)) => {
					// A queued op is invalid on this state: drop the queue's ops, build the
					// block without them.
					let ops = vec![Op::Add { name: BLOCKS_COUNTER.to_vec(), amount: 1 }];
					let Ok(collation) = build(&context, &state, ops) else { return };
					self.keep_state(collation.state.clone());
					collation
				},
				Err(_) => return,
			}
		};
		self.stats.built = self.stats.built.saturating_add(1);
		self.collations.push_back(collation);
		while self.collations.len() > KEPT_COLLATIONS {
			if let Some(old) = self.collations.pop_front() {
				self.seconded.remove(&old.receipt.hash());
			}
		}
		self.advertise(out);
	}

	/// Adds the prices of this collator's new claims to what it spent.
	fn count_claims(&mut self, claims: &[(u32, ClaimView<AccountId, Balance, BlockNumber>)]) {
		for (core, claim) in claims {
			let key = (*core, claim.expires_at);
			if claim.para_id == self.para_id
				&& claim.bidder == self.account
				&& !self.counted_claims.contains(&key)
			{
				self.counted_claims.push(key);
				self.stats.spent = self.stats.spent.saturating_add(claim.price);
			}
		}
		if self.counted_claims.len() > 64 {
			self.counted_claims.drain(..32);
		}
	}

	fn maybe_bid(
		&mut self,
		block: &RelayBlock,
		data: &PersistedValidationData,
		bids: &[BidView<AccountId, Balance>],
		claims: &[(u32, ClaimView<AccountId, Balance, BlockNumber>)],
		out: &mut Vec<Action>,
	) {
		let Some(policy) = self.bidding else { return };
		let in_book = bids.iter().any(|b| b.para_id == self.para_id);
		let has_claim = claims.iter().any(|(_, c)| c.para_id == self.para_id);
		if in_book || has_claim {
			self.bid_submitted_at = None;
			return;
		}
		if let Some(at) = self.bid_submitted_at {
			if block.number < at.saturating_add(BID_RETRY_BLOCKS) {
				return;
			}
		}
		if self.stats.spent.saturating_add(policy.fee) > policy.budget {
			return;
		}
		// Only with a state to build on, or winning would be wasted.
		let Ok(head) = Head::decode_all(&mut &data.parent_head.0[..]) else { return };
		if !self.states.contains_key(&head.post_state) {
			return;
		}
		self.bid_submitted_at = Some(block.number);
		self.stats.bids = self.stats.bids.saturating_add(1);
		out.push(Action::SubmitBid { fee: policy.fee, head_hash: head_hash(&data.parent_head.0) });
	}
}

/// An invalid but self-consistent collation (test-only, `set_invalid_collations`): its PoV
/// starts from a state the parent head does not commit to (the known state, or the genesis
/// state, with a counter `invalid` added), and its receipt names that PoV and the real
/// persisted validation data, so only running the para's code shows it. It builds even when
/// another collator's block is on chain.
fn build_invalid(context: &RelayContext, known: Option<&State>) -> Option<Collation> {
	let mut state = known.cloned().unwrap_or_else(|| genesis_state(context.para_id.0));
	let invalid = state.counters.entry(b"invalid".to_vec()).or_insert(0);
	*invalid = invalid.saturating_add(1);
	let mut parent = context.parent_head().ok()?;
	parent.post_state = state.hash();
	let mut fake = context.clone();
	fake.persisted_validation_data.parent_head = HeadData(parent.encode());
	let ops = vec![Op::Remark(b"invalid".to_vec())];
	let mut collation = build(&fake, &state, ops).ok()?;
	collation.receipt.descriptor.persisted_validation_data_hash =
		context.persisted_validation_data.hash();
	Some(collation)
}
