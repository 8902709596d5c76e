//! The only part of the parachain protocols that does I/O: it registers the protocols on the
//! node's network ([`configure`], generic over the network backend, before the network starts),
//! then runs one task ([`run`]) that turns network events, relay-chain imports and finished jobs
//! into events for the state machine ([`crate::validator`] or [`crate::collator`]) and carries
//! out the actions it returns.

use crate::{
	collator::{self, Collator},
	metrics::Metrics,
	protocol::*,
	relay::RelayChain,
	store::BackedCandidates,
	validation::{check_candidate, CheckError},
	validator::{self, Keys, Protocol, Validator},
};
use codec::{Decode, Encode};
use futures::{
	channel::{mpsc, oneshot},
	stream::FuturesUnordered,
	FutureExt, StreamExt,
};
use relay_primitives::{
	collator_protocol::CollationFetchingRequest, host::AuthorityDiscoveryId,
	network::PovFetchRequest, Balance, Block, CandidateCommitments, CandidateHash,
	CandidateReceipt, Hash, HeadData, ParaId, PoV,
};
use relay_pvf::{InternalError, PvfHost, ValidationError};
use sc_client_api::BlockchainEvents;
use sc_network::{
	config::{FullNetworkConfiguration, IncomingRequest, OutgoingResponse, SetConfig},
	service::traits::{NetworkService, NotificationEvent, NotificationService, ValidationResult},
	IfDisconnected, NetworkBackend, NotificationMetrics, PeerId, ProtocolName,
};
use sc_network_sync::{SyncEvent, SyncEventStream};
use sp_consensus::SyncOracle;
use sp_core::crypto::ByteArray;
use std::{
	collections::HashSet,
	pin::Pin,
	sync::{Arc, Mutex},
	time::Instant,
};

mod execute;
mod jobs;

use execute::execute;
use jobs::{serve_collation, serve_pov, validation_thread};

/// Log target of the parachain protocols.
pub const LOG_TARGET: &str = "parachain";
/// Candidates waiting for the validation thread.
pub const VALIDATION_QUEUE: usize = 16;

/// The protocols' full names.
#[derive(Clone, Debug)]
pub struct ProtocolNames {
	/// `collation/2`.
	pub collation: ProtocolName,
	/// `relay-validation/1`.
	pub validation: ProtocolName,
	/// `req_collation/2`.
	pub req_collation: ProtocolName,
	/// `relay-req-pov/1`.
	pub req_pov: ProtocolName,
}

impl ProtocolNames {
	/// The names on the chain with this genesis.
	pub fn new(genesis: &Hash) -> Self {
		let name = |p: &str| ProtocolName::from(protocol_name(genesis, p));
		Self {
			collation: name(COLLATION_PROTOCOL),
			validation: name(VALIDATION_PROTOCOL),
			req_collation: name(REQ_COLLATION_PROTOCOL),
			req_pov: name(REQ_POV_PROTOCOL),
		}
	}
}

/// The protocols' handles, from [`configure`] to [`run`].
pub struct Setup {
	names: ProtocolNames,
	collation: Box<dyn NotificationService>,
	validation: Box<dyn NotificationService>,
	collation_requests: async_channel::Receiver<IncomingRequest>,
	pov_requests: async_channel::Receiver<IncomingRequest>,
}

/// Registers the four protocols on the node's network configuration (before the network is
/// built), for any network backend; `validator` for a validator's node.
pub fn configure<N: NetworkBackend<Block, Hash>>(
	net_config: &mut FullNetworkConfiguration<Block, Hash, N>,
	genesis: &Hash,
	metrics: NotificationMetrics,
	validator: bool,
) -> Setup {
	let names = ProtocolNames::new(genesis);
	let peer_store = net_config.peer_store_handle();
	// Streams are opened to the peers the node syncs with (added to the reserved set as they
	// connect, as the transactions protocol does); identity comes from the first message.
	let set = || SetConfig {
		in_peers: 0,
		out_peers: 0,
		reserved_nodes: Vec::new(),
		non_reserved_mode: sc_network::config::NonReservedPeerMode::Deny,
	};
	// A validator also accepts collators that connect to it directly (as Polkadot's do).
	let collation_set = if validator {
		SetConfig {
			in_peers: MAX_PEERS,
			non_reserved_mode: sc_network::config::NonReservedPeerMode::Accept,
			..set()
		}
	} else {
		set()
	};
	let (collation_config, collation) = N::notification_config(
		names.collation.clone(),
		Vec::new(),
		MAX_COLLATION_NOTIFICATION,
		None,
		collation_set,
		metrics.clone(),
		Arc::clone(&peer_store),
	);
	let (validation_config, validation) = N::notification_config(
		names.validation.clone(),
		Vec::new(),
		MAX_VALIDATION_NOTIFICATION,
		None,
		set(),
		metrics,
		peer_store,
	);
	net_config.add_notification_protocol(collation_config);
	net_config.add_notification_protocol(validation_config);
	let (collation_tx, collation_requests) = async_channel::bounded(REQUEST_QUEUE);
	let (pov_tx, pov_requests) = async_channel::bounded(REQUEST_QUEUE);
	net_config.add_request_response_protocol(N::request_response_config(
		names.req_collation.clone(),
		Vec::new(),
		MAX_FETCH_REQUEST,
		MAX_COLLATION_RESPONSE,
		COLLATION_FETCH_TIMEOUT,
		Some(collation_tx),
	));
	net_config.add_request_response_protocol(N::request_response_config(
		names.req_pov.clone(),
		Vec::new(),
		MAX_FETCH_REQUEST,
		MAX_POV_RESPONSE,
		POV_FETCH_TIMEOUT,
		Some(pov_tx),
	));
	Setup { names, collation, validation, collation_requests, pov_requests }
}

/// A collator's link to the rest of the node.
pub struct CollatorParams {
	/// The state machine, shared with the collator's RPC.
	pub collator: Arc<Mutex<Collator>>,
	/// Keeps the para's state on disk.
	pub persist: Box<dyn Fn(&[example_para::State]) + Send>,
	/// Submits `parathreads.bid(para, fee, head_hash)` to the transaction pool.
	pub submit_bid: Box<dyn Fn(ParaId, Balance, Hash) -> Result<(), String> + Send>,
	/// Authority discovery: which validator is behind a peer.
	pub discovery: sc_authority_discovery::Service,
}

/// A validator's link to the rest of the node.
pub struct ValidatorParams {
	/// Its `para_validator` keys.
	pub keys: Box<dyn Keys>,
	/// `ParaInclusion::MinBackingVotes`.
	pub min_backing_votes: u32,
	/// The PVF host candidates are checked in.
	pub pvf: Arc<PvfHost>,
	/// Where backed candidates go for the block author.
	pub store: BackedCandidates,
}

/// What the node does on the parachain protocols.
pub enum Role {
	/// Back candidates.
	Validator(ValidatorParams),
	/// Build and offer collations of a para.
	Collator(CollatorParams),
}

/// Everything [`run`] needs.
pub struct Params<C> {
	/// The protocols, from [`configure`].
	pub setup: Setup,
	/// The network.
	pub network: Arc<dyn NetworkService>,
	/// Sync: which peers are connected, and whether the node is still catching up.
	pub sync: Arc<dyn SyncStatus>,
	/// The client: block imports.
	pub client: Arc<C>,
	/// The relay chain's answers.
	pub relay: Arc<dyn RelayChain>,
	/// The node's role.
	pub role: Role,
	/// Prometheus metrics, if enabled.
	pub metrics: Option<Metrics>,
}

/// What the protocols need from the sync service.
pub trait SyncStatus: SyncEventStream + SyncOracle + Send + Sync {}
impl<T: SyncEventStream + SyncOracle + Send + Sync> SyncStatus for T {}

/// The state machine of the node's role.
enum Machine {
	Validator(Validator<Box<dyn Keys>>, ValidatorParams2),
	Collator(CollatorParams),
}

/// The validator's non-state parts.
struct ValidatorParams2 {
	store: BackedCandidates,
	jobs: std::sync::mpsc::SyncSender<Job>,
}

/// A candidate check for the validation thread.
struct Job {
	relay_parent: Hash,
	receipt: CandidateReceipt,
	pov: PoV,
	/// Heads of candidates not yet included it may build on.
	pending_heads: Vec<HeadData>,
	done: oneshot::Sender<(CandidateHash, Result<(CandidateCommitments, Hash), CheckError>, f64)>,
}

type Pending = Pin<Box<dyn futures::Future<Output = validator::Event> + Send>>;
type Lookup = Pin<Box<dyn futures::Future<Output = collator::Event> + Send>>;

/// Runs the parachain protocols until the node stops.
pub async fn run<C>(params: Params<C>)
where
	C: BlockchainEvents<Block> + Send + Sync + 'static,
{
	let Params { setup, network, sync, client, relay, role, metrics } = params;
	let Setup { names, mut collation, mut validation, collation_requests, pov_requests } = setup;
	let local_peer = network.local_peer_id();
	let mut machine = match role {
		Role::Validator(p) => {
			let (jobs, queue) = std::sync::mpsc::sync_channel::<Job>(VALIDATION_QUEUE);
			let (pvf, relay_for_jobs) = (Arc::clone(&p.pvf), Arc::clone(&relay));
			let spawned = std::thread::Builder::new()
				.name("parachain-validation".into())
				.spawn(move || validation_thread(queue, pvf, relay_for_jobs));
			if let Err(e) = spawned {
				log::error!(target: LOG_TARGET, "cannot start the validation thread: {e}");
				return;
			}
			Machine::Validator(
				Validator::new(p.keys, local_peer, p.min_backing_votes),
				ValidatorParams2 { store: p.store, jobs },
			)
		},
		Role::Collator(p) => Machine::Collator(p),
	};
	let mut imports = client.import_notification_stream().fuse();
	let mut sync_events = sync.event_stream("parachain-protocols").fuse();
	let mut pending: FuturesUnordered<Pending> = FuturesUnordered::new();
	let mut lookups: FuturesUnordered<Lookup> = FuturesUnordered::new();
	let (done_tx, mut done_rx) = mpsc::unbounded::<validator::Event>();
	let mut reserved: HashSet<PeerId> = HashSet::new();

	loop {
		let mut events: Vec<NodeEvent> = Vec::new();
		futures::select! {
			notification = imports.next() => match notification {
				Some(n) if n.is_new_best && !sync.is_major_syncing() => events.push(NodeEvent::Leaf(n.hash)),
				Some(_) => {},
				None => return,
			},
			event = sync_events.next() => match event {
				Some(SyncEvent::PeerConnected { peer_id, .. }) => {
					if reserved.insert(peer_id) {
						let addr: sc_network::Multiaddr =
							std::iter::once(sc_network::multiaddr::Protocol::P2p(peer_id.into())).collect();
						for name in [&names.collation, &names.validation] {
							let _ = network.add_peers_to_reserved_set(name.clone(), std::iter::once(addr.clone()).collect());
						}
					}
				},
				Some(SyncEvent::PeerDisconnected(peer_id)) => {
					reserved.remove(&peer_id);
					for name in [&names.collation, &names.validation] {
						let _ = network.remove_peers_from_reserved_set(name.clone(), vec![peer_id]);
					}
				},
				None => return,
			},
			event = collation.next_event().fuse() => match event {
				Some(event) => events.extend(notification(event, Protocol::Collation)),
				None => return,
			},
			event = validation.next_event().fuse() => match event {
				Some(event) => events.extend(notification(event, Protocol::Validation)),
				None => return,
			},
			request = collation_requests.recv().fuse() => if let Ok(request) = request {
				serve_collation(&machine, request);
			},
			request = pov_requests.recv().fuse() => if let Ok(request) = request {
				serve_pov(&machine, request);
			},
			event = pending.select_next_some() => events.push(NodeEvent::Validator(event)),
			event = lookups.select_next_some() => events.push(NodeEvent::Collator(event)),
			event = done_rx.select_next_some() => events.push(NodeEvent::Validator(event)),
		}
		for event in events {
			let actions = match &mut machine {
				Machine::Validator(state, parts) => {
					let event = match event {
						NodeEvent::Leaf(hash) => match relay.block(hash) {
							Ok(block) => {
								parts.store.prune(
									block.number.saturating_sub(ALLOWED_RELAY_PARENTS as u32),
								);
								validator::Event::NewLeaf(block)
							},
							Err(e) => {
								log::debug!(target: LOG_TARGET, "no relay block {hash:?}: {e}");
								continue;
							},
						},
						NodeEvent::Connected(peer, protocol) => {
							validator::Event::PeerConnected(peer, protocol)
						},
						NodeEvent::Disconnected(peer, protocol) => {
							validator::Event::PeerDisconnected(peer, protocol)
						},
						NodeEvent::Message(peer, protocol, bytes) => {
							validator::Event::Message(peer, protocol, bytes)
						},
						NodeEvent::Validator(event) => event,
						NodeEvent::Collator(_) => continue,
					};
					state.handle(event).into_iter().map(AnyAction::Validator).collect::<Vec<_>>()
				},
				Machine::Collator(parts) => {
					let event = match event {
						NodeEvent::Leaf(hash) => match collator_leaf(&*relay, hash, parts) {
							Some(event) => event,
							None => continue,
						},
						NodeEvent::Connected(peer, Protocol::Collation) => {
							collator::Event::PeerConnected(peer)
						},
						NodeEvent::Disconnected(peer, Protocol::Collation) => {
							collator::Event::PeerDisconnected(peer)
						},
						NodeEvent::Message(peer, Protocol::Collation, bytes) => {
							collator::Event::Message(peer, bytes)
						},
						NodeEvent::Collator(event) => event,
						_ => continue,
					};
					let mut state = parts.collator.lock().unwrap_or_else(|p| p.into_inner());
					let before = state.stats();
					let actions = state.handle(event);
					let after = state.stats();
					drop(state);
					if let Some(m) = &metrics {
						m.collator_progress(&before, &after);
					}
					if after != before {
						log::debug!(target: LOG_TARGET, "collator: {after:?}");
					}
					actions.into_iter().map(AnyAction::Collator).collect()
				},
			};
			for action in actions {
				execute(
					action,
					&mut machine,
					&names,
					&network,
					&mut *collation,
					&mut *validation,
					&mut pending,
					&mut lookups,
					&done_tx,
					metrics.as_ref(),
				);
			}
		}
	}
}

/// Events from the node's side, before they become a state machine's.
enum NodeEvent {
	Leaf(Hash),
	Connected(PeerId, Protocol),
	Disconnected(PeerId, Protocol),
	Message(PeerId, Protocol, Vec<u8>),
	Validator(validator::Event),
	Collator(collator::Event),
}

/// The actions of either machine.
enum AnyAction {
	Validator(validator::Action),
	Collator(collator::Action),
}

/// Turns a notification-service event into node events; always answers inbound substreams.
fn notification(event: NotificationEvent, protocol: Protocol) -> Vec<NodeEvent> {
	match event {
		NotificationEvent::ValidateInboundSubstream { result_tx, .. } => {
			let _ = result_tx.send(ValidationResult::Accept);
			Vec::new()
		},
		NotificationEvent::NotificationStreamOpened { peer, .. } => {
			log::debug!(target: LOG_TARGET, "{protocol:?} stream with {peer} opened");
			vec![NodeEvent::Connected(peer, protocol)]
		},
		NotificationEvent::NotificationStreamClosed { peer } => {
			log::debug!(target: LOG_TARGET, "{protocol:?} stream with {peer} closed");
			vec![NodeEvent::Disconnected(peer, protocol)]
		},
		NotificationEvent::NotificationReceived { peer, notification } => {
			log::debug!(
				target: LOG_TARGET,
				"{protocol:?} message {:?} ({} bytes) from {peer}",
				notification.first(),
				notification.len()
			);
			vec![NodeEvent::Message(peer, protocol, notification)]
		},
	}
}

/// The collator's view of a new relay block.
fn collator_leaf(
	relay: &dyn RelayChain,
	hash: Hash,
	parts: &CollatorParams,
) -> Option<collator::Event> {
	let para = parts.collator.lock().unwrap_or_else(|p| p.into_inner()).para_id();
	let block = relay.block(hash).map_err(|e| log::debug!(target: LOG_TARGET, "{e}")).ok()?;
	let data = relay.persisted_validation_data(hash, para).ok().flatten();
	let code_hash = relay.validation_code_hash(hash, para).ok().flatten();
	let bids = relay.parathread_bids(hash).unwrap_or_default();
	let claims = relay.parathread_claims(hash).unwrap_or_default();
	Some(collator::Event::NewLeaf { block, data, code_hash, bids, claims })
}
