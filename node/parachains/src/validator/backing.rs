//! Backing among validators (our `relay-validation/1` protocol): seconding a checked
//! collation, hellos, statements from the group, fetching PoVs, and backed candidates.

use super::*;

impl<K: Keys> Validator<K> {
	pub(super) fn on_validated(
		&mut self,
		candidate_hash: CandidateHash,
		result: Result<CandidateCommitments, CheckError>,
		parent_head: Option<Hash>,
		out: &mut Vec<Action>,
	) {
		let parent = parent_head.unwrap_or_default();
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
			Err(CheckError::PersistedValidationDataMismatch) => {
				// Built on a head this validator does not know (yet): perhaps a candidate it
				// has not heard of. A minor cost, not a ban.
				self.candidates.remove(&candidate_hash);
				if let Some(peer) = source {
					out.push(Action::Report(peer, COST_UNKNOWN_PARENT));
				}
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
		if let (true, Some(core)) = (from_collator, core) {
			if self.seconded.contains(&(relay_parent, core, parent)) {
				// A sibling of a candidate seconded already: one per parent head.
				self.candidates.remove(&candidate_hash);
				self.next_fetch((relay_parent, core), out);
				return;
			}
		}
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
		candidate.parent_head = Some(parent);
		candidate.votes.insert(index, attestation);
		if candidate.receipt.is_none() {
			let Some(descriptor) = descriptor else { return };
			candidate.receipt = Some(CommittedCandidateReceipt { descriptor, commitments });
		}
		let Some(receipt) = candidate.receipt.clone() else { return };
		if from_collator {
			if let Some(core) = core {
				self.seconded.insert((relay_parent, core, parent));
				// The next advert of the core (a candidate built on this one) may be fetched.
				self.next_fetch((relay_parent, core), out);
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
	pub(super) fn to_group(
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
	pub(super) fn to_validators(&self, message: Vec<u8>, out: &mut Vec<Action>) {
		for (peer, state) in &self.peers {
			if state.validator.is_some() && state.protocols.contains(&Protocol::Validation) {
				out.push(Action::Send(*peer, Protocol::Validation, message.clone()));
			}
		}
	}

	pub(super) fn on_validation_message(
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

	pub(super) fn on_hello(&mut self, peer: PeerId, hello: ValidatorHello, out: &mut Vec<Action>) {
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

	/// Records a vote from `peer` for a candidate on `relay_parent`, after every check; whether
	/// it was recorded.
	pub(super) fn on_statement(
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
		let candidate = self
			.candidates
			.entry(candidate_hash)
			.or_insert_with(|| Candidate::new(relay_parent, threshold, Some(peer)));
		candidate.votes.insert(validator_index, vote);
		true
	}

	pub(super) fn on_pov_fetched(
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
		let pending_heads = self.pending_heads(receipt.descriptor.para_id);
		out.push(Action::Validate {
			relay_parent: request.relay_parent,
			receipt,
			pov,
			pending_heads,
		});
	}

	/// Backs the candidate if it has enough votes (and this validator checked it itself).
	pub(super) fn maybe_backed(&mut self, candidate_hash: CandidateHash, out: &mut Vec<Action>) {
		let Some(candidate) = self.candidates.get_mut(&candidate_hash) else { return };
		if candidate.backed || !candidate.validated || candidate.votes.len() < candidate.threshold {
			return;
		}
		let Some(receipt) = candidate.receipt.clone() else { return };
		candidate.backed = true;
		let votes = candidate.votes.clone();
		let relay_parent = candidate.relay_parent;
		let parent_head = candidate.parent_head;
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
		out.push(Action::Backed { candidate: backed, relay_parent_number: number, parent_head });
	}

	pub(super) fn on_backed(
		&mut self,
		peer: PeerId,
		backed: BackedCandidate,
		out: &mut Vec<Action>,
	) {
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
		let entry = self.candidates.entry(hash).or_insert_with(|| Candidate {
			receipt: Some(backed.candidate.clone()),
			..Candidate::new(descriptor.relay_parent, threshold, Some(peer))
		});
		entry.backed = true;
		let parent_head = entry.parent_head;
		out.push(Action::Backed {
			candidate: backed,
			relay_parent_number: block.number,
			parent_head,
		});
	}
}
