//! Carrying out the state machines' actions: sending, reporting, fetching, queueing checks.

use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn execute(
	action: AnyAction,
	machine: &mut Machine,
	names: &ProtocolNames,
	network: &Arc<dyn NetworkService>,
	collation: &mut dyn NotificationService,
	validation: &mut dyn NotificationService,
	pending: &mut FuturesUnordered<Pending>,
	lookups: &mut FuturesUnordered<Lookup>,
	done: &mpsc::UnboundedSender<validator::Event>,
	metrics: Option<&Metrics>,
) {
	let service = |protocol: Protocol| match protocol {
		Protocol::Collation => &names.collation,
		Protocol::Validation => &names.validation,
	};
	match action {
		AnyAction::Validator(action) => match action {
			validator::Action::Send(peer, Protocol::Collation, bytes) => {
				collation.send_sync_notification(&peer, bytes)
			},
			validator::Action::Send(peer, Protocol::Validation, bytes) => {
				validation.send_sync_notification(&peer, bytes)
			},
			validator::Action::Report(peer, cost) => {
				if cost.value < 0 {
					log::debug!(target: LOG_TARGET, "peer {peer} reported: {}", cost.reason);
				}
				network.report_peer(peer, cost);
			},
			validator::Action::Disconnect(peer, protocol) => {
				network.disconnect_peer(peer, service(protocol).clone())
			},
			validator::Action::FetchCollation(peer, request) => {
				log::debug!(
					target: LOG_TARGET,
					"fetching collation {:?} of para {} on {:?} from {peer}",
					request.candidate_hash,
					request.para_id.0,
					request.relay_parent
				);
				if let Some(m) = metrics {
					m.fetch_started();
				}
				let started = Instant::now();
				let (network, protocol) = (Arc::clone(network), names.req_collation.clone());
				let metrics = metrics.cloned();
				pending.push(Box::pin(async move {
					let response = network
						.request(
							peer,
							protocol,
							request.encode(),
							None,
							IfDisconnected::ImmediateError,
						)
						.await
						.map(|(bytes, _)| bytes)
						.map_err(|e| e.to_string());
					if let Some(m) = metrics {
						m.fetch_finished(started.elapsed().as_secs_f64(), response.is_ok());
					}
					match &response {
						Ok(bytes) => log::debug!(
							target: LOG_TARGET,
							"collation {:?} from {peer}: {} bytes",
							request.candidate_hash,
							bytes.len()
						),
						Err(e) => log::debug!(
							target: LOG_TARGET,
							"collation {:?} from {peer}: fetch failed: {e}",
							request.candidate_hash
						),
					}
					validator::Event::CollationFetched { peer, request, response }
				}));
			},
			validator::Action::FetchPov(peer, request) => {
				let (network, protocol) = (Arc::clone(network), names.req_pov.clone());
				pending.push(Box::pin(async move {
					let response = network
						.request(
							peer,
							protocol,
							request.encode(),
							None,
							IfDisconnected::ImmediateError,
						)
						.await
						.map(|(bytes, _)| bytes)
						.map_err(|e| e.to_string());
					validator::Event::PovFetched { peer, request, response }
				}));
			},
			validator::Action::Validate { relay_parent, receipt, pov, pending_heads } => {
				let Machine::Validator(_, parts) = machine else { return };
				let candidate_hash = receipt.hash();
				let (tx, rx) = oneshot::channel();
				let job = Job { relay_parent, receipt, pov, pending_heads, done: tx };
				if parts.jobs.try_send(job).is_err() {
					let error = CheckError::Validation(ValidationError::Internal(
						InternalError::Worker("the validation queue is full".into()),
					));
					let _ = done.unbounded_send(validator::Event::Validated {
						candidate_hash,
						result: Err(error),
						parent_head: None,
					});
					return;
				}
				let metrics = metrics.cloned();
				pending.push(Box::pin(rx.map(move |outcome| {
					let (candidate_hash, result, seconds) = outcome.unwrap_or((
						candidate_hash,
						Err(CheckError::Validation(ValidationError::Internal(
							InternalError::Worker("the validation thread stopped".into()),
						))),
						0.0,
					));
					if let Some(m) = metrics {
						m.validated(seconds, result.is_ok());
					}
					match &result {
						Ok(_) => {
							log::info!(target: LOG_TARGET, "candidate {candidate_hash:?} is valid")
						},
						Err(e) => {
							log::info!(target: LOG_TARGET, "candidate {candidate_hash:?} refused: {e:?}")
						},
					}
					let parent_head = result.as_ref().ok().map(|(_, parent)| *parent);
					let result = result.map(|(commitments, _)| commitments);
					validator::Event::Validated { candidate_hash, result, parent_head }
				})));
			},
			validator::Action::Backed { candidate, relay_parent_number, parent_head } => {
				let Machine::Validator(_, parts) = machine else { return };
				let (para, hash) = (candidate.candidate.descriptor.para_id, candidate.hash());
				let head = candidate.candidate.commitments.head_data.hash();
				if parts.store.insert(candidate, relay_parent_number) {
					// The live tests read this line (parent and head link chains built ahead).
					let parent = parent_head.map_or("unknown".into(), |p| format!("{p:?}"));
					log::info!(
						target: LOG_TARGET,
						"candidate {hash:?} of para {} backed on relay block #{relay_parent_number}, parent head {parent}, head {head:?}",
						para.0
					);
					if let Some(m) = metrics {
						m.backed();
					}
				}
			},
		},
		AnyAction::Collator(action) => match action {
			collator::Action::Send(peer, bytes) => {
				log::debug!(target: LOG_TARGET, "sending message {:?} to {peer}", bytes.first());
				collation.send_sync_notification(&peer, bytes)
			},
			collator::Action::Report(peer, cost) => network.report_peer(peer, cost),
			collator::Action::Identify(peer) => {
				let Machine::Collator(parts) = machine else { return };
				let mut discovery = parts.discovery.clone();
				lookups.push(Box::pin(async move {
					let found = discovery.get_authority_ids_by_peer_id(peer).await;
					let authorities: Vec<AuthorityDiscoveryId> = found
						.into_iter()
						.flatten()
						.filter_map(|id| AuthorityDiscoveryId::from_slice(id.as_slice()).ok())
						.collect();
					collator::Event::PeerAuthorities(peer, authorities)
				}));
			},
			collator::Action::Disconnect(peer, protocol) => {
				network.disconnect_peer(peer, service(protocol).clone())
			},
			collator::Action::Persist(states) => {
				if let Machine::Collator(parts) = machine {
					(parts.persist)(&states);
				}
			},
			collator::Action::SubmitBid { fee, head_hash } => {
				if let Machine::Collator(parts) = machine {
					let para = parts.collator.lock().unwrap_or_else(|p| p.into_inner()).para_id();
					match (parts.submit_bid)(para, fee, head_hash) {
						Ok(()) => log::info!(
							target: LOG_TARGET,
							"bid {fee} for a pool core for para {} on head {head_hash:?}",
							para.0
						),
						Err(e) => log::warn!(target: LOG_TARGET, "cannot submit a bid: {e}"),
					}
				}
			},
		},
	}
}
