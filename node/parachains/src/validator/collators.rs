//! The validator's dealings with collators (Polkadot's collator protocol): declarations,
//! advertisements, and fetching collations one at a time per core.

use super::*;

impl<K: Keys> Validator<K> {
	pub(super) fn on_collation_message(
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
				if state.collator.is_some() || state.pending_declare.is_some() {
					out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
					return;
				}
				let served = self.serves_soon(para_id);
				let leaf_count = self.leaf_count;
				if let Some(state) = self.peers.get_mut(&peer) {
					if served {
						state.collator = Some((collator, para_id));
					} else {
						// Not (yet) ours: settled at the next blocks (`settle_declarations`).
						state.pending_declare = Some((collator, para_id, leaf_count));
					}
				}
			},
			CollatorProtocolMessage::AdvertiseCollation {
				relay_parent,
				candidate_hash,
				parent_head_data_hash,
			} => self.on_advert(peer, relay_parent, candidate_hash, parent_head_data_hash, out),
			CollatorProtocolMessage::CollationSeconded(..) => {
				out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE))
			},
		}
	}

	pub(super) fn on_advert(
		&mut self,
		peer: PeerId,
		relay_parent: Hash,
		candidate_hash: CandidateHash,
		parent_head: Hash,
		out: &mut Vec<Action>,
	) {
		let Some(state) = self.peers.get_mut(&peer) else {
			out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
			return;
		};
		let Some(para_id) = state.collator.as_ref().map(|c| c.1) else {
			if state.pending_declare.is_some() && state.pending.len() < PENDING_ADVERTS_PER_PEER {
				// Its declaration waits for a block; so does the advertisement.
				state.pending.push_back((
					relay_parent,
					candidate_hash,
					parent_head,
					self.leaf_count,
				));
			} else {
				out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
			}
			return;
		};
		let Some(block) = self.leaf(&relay_parent).cloned() else {
			// Perhaps the collator imported the block first: keep a few for when it arrives.
			let Some(state) = self.peers.get_mut(&peer) else { return };
			if state.pending.len() < PENDING_ADVERTS_PER_PEER {
				state.pending.push_back((
					relay_parent,
					candidate_hash,
					parent_head,
					self.leaf_count,
				));
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
		if *count > ADVERTS_PER_RELAY_PARENT {
			out.push(Action::Report(peer, COST_ADVERT_REPEATED));
			return;
		}
		let Some((_, _, group)) = self.me_at(&block) else { return };
		let Some(core) = block.core_of(para_id).filter(|c| c.group_index == Some(group)) else {
			out.push(Action::Report(peer, COST_UNNEEDED_COLLATOR));
			return;
		};
		let key = (relay_parent, core.core_index);
		let seconded = self.seconded.contains(&(relay_parent, core.core_index, parent_head));
		if seconded || self.candidates.contains_key(&candidate_hash) {
			log::debug!(
				target: "parachain",
				"advert {candidate_hash:?}: a candidate on its parent is seconded, or it is known"
			);
			return;
		}
		let depth = self.child_depth(para_id, &parent_head);
		if depth > relay_primitives::MAX_CANDIDATE_DEPTH {
			// Too far ahead of the chain: not worth a fetch (nor a cost: the chain may catch up).
			log::debug!(target: "parachain", "advert {candidate_hash:?}: too deep ({depth})");
			return;
		}
		self.advertised_parents.insert(candidate_hash, (relay_parent, parent_head));
		let request = CollationFetchingRequest { relay_parent, para_id, candidate_hash };
		if self.fetching.contains(&key) {
			self.queued.entry(key).or_default().push_back((peer, request));
			return;
		}
		self.fetching.insert(key);
		out.push(Action::FetchCollation(peer, request));
	}

	/// Whether this validator's group backs `para` now or soon at any tracked block.
	fn serves_soon(&self, para: ParaId) -> bool {
		self.leaves.iter().any(|block| {
			self.me_at(block)
				.is_some_and(|(_, _, group)| block.group_serves_soon(group, para))
		})
	}

	/// At a new block: pending declarations whose para this group now serves are accepted;
	/// those still unserved after `PENDING_DECLARE_LEAVES` blocks cost their collator, which
	/// is disconnected (with its waiting advertisements).
	pub(super) fn settle_declarations(&mut self, out: &mut Vec<Action>) {
		let waiting: Vec<(PeerId, ParaId, u64)> = self
			.peers
			.iter()
			.filter_map(|(peer, state)| {
				state.pending_declare.as_ref().map(|(_, para, at)| (*peer, *para, *at))
			})
			.collect();
		for (peer, para, arrived) in waiting {
			let served = self.serves_soon(para);
			let expired = arrived.saturating_add(PENDING_DECLARE_LEAVES) <= self.leaf_count;
			let Some(state) = self.peers.get_mut(&peer) else { continue };
			if served {
				state.collator = state.pending_declare.take().map(|(key, para, _)| (key, para));
			} else if expired {
				state.pending_declare = None;
				state.pending.clear();
				out.push(Action::Report(peer, COST_UNNEEDED_COLLATOR));
				out.push(Action::Disconnect(peer, Protocol::Collation));
			}
		}
	}

	/// The known candidate of `para` (checked by this validator or backed) whose output head
	/// hashes to `head`, if any.
	fn candidate_with_output(&self, para: ParaId, head: &Hash) -> Option<&Candidate> {
		self.candidates.values().find(|c| {
			(c.validated || c.backed)
				&& c.receipt.as_ref().is_some_and(|r| {
					r.descriptor.para_id == para && r.commitments.head_data.hash() == *head
				})
		})
	}

	/// How many candidates not yet included a candidate of `para` on `parent_head` builds on:
	/// the known candidates from it back to the para's head on chain at the newest block (or to
	/// a head this validator does not know).
	pub(super) fn child_depth(&self, para: ParaId, parent_head: &Hash) -> u32 {
		let on_chain = self.best().and_then(|b| b.head_of(para));
		let mut head = *parent_head;
		let mut depth = 0u32;
		// Bounded: a chain longer than the limit is refused anyway.
		while depth <= relay_primitives::MAX_CANDIDATE_DEPTH {
			if Some(head) == on_chain {
				break;
			}
			let Some(parent) = self.candidate_with_output(para, &head) else { break };
			depth = depth.saturating_add(1);
			let Some(next) = parent.parent_head else { break };
			head = next;
		}
		depth
	}

	/// The output heads of the known candidates of `para` (checked here or backed) that a new
	/// candidate may build on.
	pub(super) fn pending_heads(&self, para: ParaId) -> Vec<HeadData> {
		self.candidates
			.values()
			.filter(|c| c.validated || c.backed)
			.filter_map(|c| c.receipt.as_ref())
			.filter(|r| r.descriptor.para_id == para)
			.map(|r| r.commitments.head_data.clone())
			.collect()
	}

	/// Starts the next queued fetch of a core, if any.
	pub(super) fn next_fetch(&mut self, key: (Hash, CoreIndex), out: &mut Vec<Action>) {
		self.fetching.remove(&key);
		if let Some((peer, request)) = self.queued.get_mut(&key).and_then(VecDeque::pop_front) {
			self.fetching.insert(key);
			out.push(Action::FetchCollation(peer, request));
		}
	}

	pub(super) fn on_collation_fetched(
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
		// The parent head, if sent, must be the advertised one; the check finds it among the
		// heads the candidate may build on.
		let advertised = self.advertised_parents.remove(&request.candidate_hash).map(|(_, p)| p);
		let (receipt, pov) = match CollationFetchingResponse::decode(&mut &bytes[..]) {
			Ok(CollationFetchingResponse::Collation(receipt, pov)) => (receipt, pov),
			Ok(CollationFetchingResponse::CollationWithParentHeadData {
				receipt,
				pov,
				parent_head_data,
			}) => {
				if advertised.is_some_and(|hash| hash != parent_head_data.hash()) {
					out.push(Action::Disconnect(peer, Protocol::Collation));
					return fail(self, out, COST_INVALID_COLLATION);
				}
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
		let candidate = self
			.candidates
			.entry(request.candidate_hash)
			.or_insert_with(|| Candidate::new(request.relay_parent, threshold, None));
		candidate.fetched = Some(receipt.clone());
		candidate.pov = Some(pov.clone());
		candidate.source = Some(peer);
		candidate.from_collator = true;
		candidate.validating = true;
		let pending_heads = self.pending_heads(request.para_id);
		out.push(Action::Validate {
			relay_parent: request.relay_parent,
			receipt,
			pov,
			pending_heads,
		});
	}
}
