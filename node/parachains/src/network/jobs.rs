//! Serving requests (collations to validators, PoVs to the group) and the validation thread
//! that checks candidates off the network task.

use super::*;

/// Answers a `req_collation/2` request: the collation, or an error status if the collator has
/// no such collation (as Polkadot's collators answer).
pub(super) fn serve_collation(machine: &Machine, request: IncomingRequest) {
	let Machine::Collator(parts) = machine else { return };
	let Ok(fetch) = CollationFetchingRequest::decode(&mut &request.payload[..]) else {
		let _ = request.pending_response.send(OutgoingResponse {
			result: Err(()),
			reputation_changes: vec![crate::reputation::COST_UNDECODABLE],
			sent_feedback: None,
		});
		return;
	};
	let response = parts
		.collator
		.lock()
		.unwrap_or_else(|p| p.into_inner())
		.collation_response(&request.peer, &fetch);
	let _ = request.pending_response.send(OutgoingResponse {
		result: response.map(|r| r.encode()).ok_or(()),
		reputation_changes: Vec::new(),
		sent_feedback: None,
	});
}

pub(super) fn serve_pov(machine: &Machine, request: IncomingRequest) {
	let Machine::Validator(state, _) = machine else { return };
	let Ok(fetch) = PovFetchRequest::decode(&mut &request.payload[..]) else {
		let _ = request.pending_response.send(OutgoingResponse {
			result: Err(()),
			reputation_changes: vec![crate::reputation::COST_UNDECODABLE],
			sent_feedback: None,
		});
		return;
	};
	let response = state.pov_response(&request.peer, &fetch);
	let _ = request.pending_response.send(OutgoingResponse {
		result: Ok(response.encode()),
		reputation_changes: Vec::new(),
		sent_feedback: None,
	});
}

/// Checks candidates one at a time, off the network task.
pub(super) fn validation_thread(
	queue: std::sync::mpsc::Receiver<Job>,
	pvf: Arc<PvfHost>,
	relay: Arc<dyn RelayChain>,
) {
	while let Ok(job) = queue.recv() {
		let started = Instant::now();
		let candidate_hash = job.receipt.hash();
		let result = check(&*relay, &pvf, &job);
		let _ = job.done.send((candidate_hash, result, started.elapsed().as_secs_f64()));
	}
}

pub(super) fn check(
	relay: &dyn RelayChain,
	pvf: &PvfHost,
	job: &Job,
) -> Result<(CandidateCommitments, Hash), CheckError> {
	let para = job.receipt.descriptor.para_id;
	let internal = |what: String| {
		CheckError::Validation(ValidationError::Internal(InternalError::Worker(what)))
	};
	let data = relay
		.persisted_validation_data(job.relay_parent, para)
		.map_err(internal)?
		.ok_or(CheckError::PersistedValidationDataMismatch)?;
	let data = crate::validation::select_parent(&job.receipt, data, &job.pending_heads)
		.ok_or(CheckError::PersistedValidationDataMismatch)?;
	let parent = data.parent_head.hash();
	let code_hash = relay
		.validation_code_hash(job.relay_parent, para)
		.map_err(internal)?
		.ok_or(CheckError::CodeHashMismatch)?;
	let code = relay
		.validation_code(job.relay_parent, code_hash)
		.map_err(internal)?
		.ok_or(CheckError::CodeHashMismatch)?;
	check_candidate(pvf, &job.receipt, &job.pov, &data, &code).map(|c| (c, parent))
}
