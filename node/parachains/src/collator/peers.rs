//! The collator's peers: who is which validator (authority discovery), their views, the
//! declaration to its group, advertisements, and the `Seconded` statements they send back.

use super::*;

impl Collator {
	/// A peer's authorities (from authority discovery): the validator among them, by the
	/// session's discovery keys.
	pub(super) fn on_authorities(
		&mut self,
		peer: PeerId,
		authorities: Vec<AuthorityDiscoveryId>,
		out: &mut Vec<Action>,
	) {
		let Some(state) = self.peers.get_mut(&peer) else { return };
		state.authorities = authorities;
		let Some(block) = self.latest.clone() else { return };
		if self.resolve_validators(&block) {
			self.declare_to_group(&block, out);
			self.advertise(out);
		}
	}

	/// Matches each peer's authorities against `block`'s discovery keys; whether a peer's
	/// validator changed (a peer that changes identity must be declared to again).
	pub(super) fn resolve_validators(&mut self, block: &RelayBlock) -> bool {
		let mut changed = false;
		for state in self.peers.values_mut() {
			let validator = block
				.discovery_keys
				.iter()
				.position(|key| state.authorities.contains(key))
				.and_then(|i| block.validators.get(i).cloned());
			if validator != state.validator {
				state.validator = validator;
				state.declared = false;
				changed = true;
			}
		}
		changed
	}

	/// A peer's new view: collations on relay parents now in it can be advertised to it.
	pub(super) fn on_view(&mut self, peer: PeerId, view: View, out: &mut Vec<Action>) {
		if !view.is_well_formed() {
			out.push(Action::Report(peer, COST_UNDECODABLE));
			return;
		}
		self.peers.entry(peer).or_default().view = view;
		self.advertise(out);
	}

	pub(super) fn on_message(
		&mut self,
		peer: PeerId,
		message: CollatorProtocolMessage,
		out: &mut Vec<Action>,
	) {
		match message {
			CollatorProtocolMessage::CollationSeconded(relay_parent, statement) => {
				self.on_seconded(peer, relay_parent, statement, out)
			},
			CollatorProtocolMessage::Declare(..)
			| CollatorProtocolMessage::AdvertiseCollation { .. } => {
				out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE))
			},
		}
	}

	/// A validator's signed `Seconded` statement for one of this collator's candidates.
	pub(super) fn on_seconded(
		&mut self,
		peer: PeerId,
		relay_parent: Hash,
		statement: SignedStatement,
		out: &mut Vec<Action>,
	) {
		let Some(validator) = self.peers.get(&peer).and_then(|p| p.validator.clone()) else {
			out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
			return;
		};
		let Statement::Seconded(receipt) = &statement.payload else {
			out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
			return;
		};
		let candidate_hash = receipt.hash();
		let ours = self
			.collations
			.iter()
			.any(|c| c.receipt == *receipt && c.receipt.descriptor.relay_parent == relay_parent);
		let index_matches = self
			.latest
			.as_ref()
			.and_then(|b| b.validator(statement.validator_index))
			.is_some_and(|key| *key == validator);
		let context = SigningContext {
			session_index: receipt.descriptor.session_index,
			parent_hash: relay_parent,
		};
		let vote = ValidityAttestation::Implicit(statement.signature);
		if !ours || !index_matches {
			out.push(Action::Report(peer, COST_UNEXPECTED_MESSAGE));
		} else if !vote.verify(&validator, candidate_hash, &context) {
			out.push(Action::Report(peer, COST_BAD_SIGNATURE));
		} else if self.seconded.insert(candidate_hash) {
			self.stats.seconded = self.stats.seconded.saturating_add(1);
			// Its output is the new tip: build the next one ahead.
			self.build_next(out);
		}
	}

	/// Advertises each kept collation to the declared validators of its group whose view holds
	/// its relay parent and that have not had it yet.
	pub(super) fn advertise(&mut self, out: &mut Vec<Action>) {
		let Some(block) = self.latest.clone() else { return };
		let keys = self.group_keys(&block, false);
		for collation in &self.collations {
			let relay_parent = collation.receipt.descriptor.relay_parent;
			let candidate_hash = collation.receipt.hash();
			let advert = WireMessage::ProtocolMessage(CollationProtocol::CollatorProtocol(
				CollatorProtocolMessage::AdvertiseCollation {
					relay_parent,
					candidate_hash,
					parent_head_data_hash: collation.parent_head_hash,
				},
			))
			.encode();
			for (peer, state) in &mut self.peers {
				let wanted = state.declared
					&& state.validator.as_ref().is_some_and(|v| keys.contains(v))
					&& state.view.contains(&relay_parent)
					&& !state.advertised.contains(&candidate_hash);
				if wanted {
					state.advertised.push(candidate_hash);
					if state.advertised.len() > ADVERTISED_PER_PEER {
						state.advertised.remove(0);
					}
					self.stats.advertised = self.stats.advertised.saturating_add(1);
					out.push(Action::Send(*peer, advert.clone()));
				}
			}
		}
	}

	/// The keys of the validators that back this para's core at `block`, and with `next` also
	/// those that will after the next rotation (declared to ahead of time).
	pub(super) fn group_keys(&self, block: &RelayBlock, next: bool) -> Vec<ValidatorId> {
		let Some(core) = block.core_of(self.para_id) else { return Vec::new() };
		let next = if next { block.next_group_for(core.core_index) } else { None };
		[core.group_index, next]
			.into_iter()
			.flatten()
			.flat_map(|group| {
				block.group(group).iter().filter_map(|i| block.validator(*i)).cloned()
			})
			.collect()
	}

	/// Declares this collator to the connected validators of its group that have not heard it.
	pub(super) fn declare_to_group(&mut self, block: &RelayBlock, out: &mut Vec<Action>) {
		let keys = self.group_keys(block, true);
		let declare = WireMessage::ProtocolMessage(CollationProtocol::CollatorProtocol(
			CollatorProtocolMessage::Declare(
				self.pair.public(),
				self.para_id,
				self.pair.sign(&declare_payload(&self.local_peer.to_bytes())),
			),
		))
		.encode();
		for (peer, state) in &mut self.peers {
			if !state.declared && state.validator.as_ref().is_some_and(|v| keys.contains(v)) {
				state.declared = true;
				out.push(Action::Send(*peer, declare.clone()));
			}
		}
	}
}
