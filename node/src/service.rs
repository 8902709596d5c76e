//! The node service: client, ParityDB backend, transaction pool, networking, BABE authoring,
//! GRANDPA voting and JSON-RPC, wired together.

use crate::parachains::CollatorConfig;
use crate::rpc;
use futures::FutureExt;
use relay_parachains::store::BackedCandidates;
use relay_primitives::Block;
use relay_runtime::apis::RuntimeApi;
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_babe::SlotProportion;
use sc_consensus_grandpa::SharedVoterState;
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use std::{
	sync::{Arc, Mutex},
	time::Duration,
};

/// Host functions the runtime may call.
pub type HostFunctions = sp_io::SubstrateHostFunctions;
/// Executes the WASM runtime.
pub type RuntimeExecutor = sc_executor::WasmExecutor<HostFunctions>;
/// The full client.
pub type FullClient = sc_service::TFullClient<Block, RuntimeApi, RuntimeExecutor>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type FullGrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
type FullBabeBlockImport = sc_consensus_babe::BabeBlockImport<
	Block,
	FullClient,
	FullGrandpaBlockImport,
	BabeInherents,
	FullSelectChain,
>;
/// The transaction pool.
pub type TransactionPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;

/// GRANDPA makes a justification at least every this many blocks (Polkadot's 512), so light
/// clients and warp sync can prove finality.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;
/// How often GRANDPA gossips votes (Polkadot's 1 s).
const GRANDPA_GOSSIP_DURATION: Duration = Duration::from_millis(1_000);
/// Share of a slot spent building a block (Polkadot's 2/3).
const BLOCK_PROPOSAL_SLOT_PORTION: f32 = 2.0 / 3.0;

/// Creates the inherent data providers (timestamp, BABE slot, and the parachains data: the
/// backed candidates and the parent's header) for a block.
#[derive(Clone)]
pub struct BabeInherents {
	slot_duration: sp_consensus_babe::SlotDuration,
	/// The client, for the parent's header and the relay-chain ancestry.
	client: Arc<FullClient>,
	/// Where a validator's backed candidates wait for its blocks (`None` when importing).
	backed: Option<BackedCandidates>,
}

#[async_trait::async_trait]
impl sp_inherents::CreateInherentDataProviders<Block, ()> for BabeInherents {
	type InherentDataProviders = (
		sp_consensus_babe::inherents::InherentDataProvider,
		sp_timestamp::InherentDataProvider,
		crate::inherents::BackedCandidatesProvider,
	);

	async fn create_inherent_data_providers(
		&self,
		parent: <Block as sp_runtime::traits::Block>::Hash,
		_extra: (),
	) -> Result<Self::InherentDataProviders, Box<dyn std::error::Error + Send + Sync>> {
		let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
		let slot =
			sp_consensus_babe::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
				*timestamp,
				self.slot_duration,
			);
		// The candidates a block on `parent` may include: relay parents among its last blocks.
		let candidates = match &self.backed {
			Some(store) => {
				let relay = relay_parachains::relay::ClientRelayChain(Arc::clone(&self.client));
				let ancestry = relay_parachains::relay::RelayChain::ancestry(
					&relay,
					parent,
					relay_parachains::protocol::ALLOWED_RELAY_PARENTS,
				);
				store.backable(&ancestry)
			},
			None => Vec::new(),
		};
		// The runtime records the parent as a relay parent with its header's state root.
		let parent_header = sp_blockchain::HeaderBackend::header(&*self.client, parent)?
			.ok_or_else(|| format!("no header of the parent block {parent}"))?;
		let provider = crate::inherents::BackedCandidatesProvider::new(candidates, parent_header);
		Ok((slot, timestamp, provider))
	}
}

type ImportSetup = (
	FullBabeBlockImport,
	sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>,
	sc_consensus_babe::BabeLink<Block>,
	sc_consensus_babe::BabeWorkerHandle<Block>,
);

/// The parts of the node that the import/export subcommands need too.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	TransactionPool,
	(ImportSetup, Option<Telemetry>),
>;

/// Build the client, backend, pool and import queue.
pub fn new_partial(config: &Configuration) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&(client.clone() as Arc<_>),
		select_chain.clone(),
		telemetry.as_ref().map(|x| x.handle()),
	)?;
	let justification_import = grandpa_block_import.clone();

	let babe_config = sc_consensus_babe::configuration(&*client)?;
	let inherents = BabeInherents {
		slot_duration: babe_config.slot_duration(),
		client: client.clone(),
		backed: None,
	};
	let (block_import, babe_link) = sc_consensus_babe::block_import(
		babe_config,
		grandpa_block_import,
		client.clone(),
		inherents,
		select_chain.clone(),
		OffchainTransactionPoolFactory::new(transaction_pool.clone()),
	)?;

	let slot_duration = babe_link.config().slot_duration();
	let (import_queue, babe_worker_handle) =
		sc_consensus_babe::import_queue(sc_consensus_babe::ImportQueueParams {
			link: babe_link.clone(),
			block_import: block_import.clone(),
			justification_import: Some(Box::new(justification_import)),
			client: client.clone(),
			slot_duration,
			spawner: &task_manager.spawn_essential_handle(),
			registry: config.prometheus_registry(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
		})?;

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		keystore_container,
		select_chain,
		import_queue,
		transaction_pool,
		other: ((block_import, grandpa_link, babe_link, babe_worker_handle), telemetry),
	})
}

/// Build and start the full node: networking, RPC, and (as a validator) BABE, GRANDPA and the
/// backing of parachain candidates; with `collator`, a collator of that para.
pub fn new_full(
	config: Configuration,
	collator: Option<CollatorConfig>,
) -> Result<TaskManager, ServiceError> {
	match config.network.network_backend {
		sc_network::config::NetworkBackendType::Libp2p => new_full_with::<
			sc_network::NetworkWorker<Block, <Block as sp_runtime::traits::Block>::Hash>,
		>(config, collator),
		sc_network::config::NetworkBackendType::Litep2p => {
			new_full_with::<sc_network::Litep2pNetworkBackend>(config, collator)
		},
	}
}

fn new_full_with<N>(
	config: Configuration,
	collator: Option<CollatorConfig>,
) -> Result<TaskManager, ServiceError>
where
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
{
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: ((block_import, grandpa_link, babe_link, babe_worker_handle), mut telemetry),
	} = new_partial(&config)?;

	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let mut net_config = sc_network::config::FullNetworkConfiguration::<_, _, N>::new(
		&config.network,
		config.prometheus_registry().cloned(),
	);
	let peer_store_handle = net_config.peer_store_handle();

	let genesis_hash = client
		.block_hash(0)
		.ok()
		.flatten()
		.ok_or_else(|| ServiceError::Other("the database has no genesis block".into()))?;
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			peer_store_handle,
		);
	net_config.add_notification_protocol(grandpa_protocol_config);

	// The parachain protocols: validators back candidates, collators offer them.
	let parachains = (config.role.is_authority() || collator.is_some()).then(|| {
		relay_parachains::network::configure::<N>(
			&mut net_config,
			&genesis_hash,
			metrics.clone(),
			config.role.is_authority(),
		)
	});
	let backed = BackedCandidates::default();
	let collator_state = collator.as_ref().map(|c| {
		let saved = crate::parachains::load_states(&crate::parachains::state_file(
			config.base_path.path(),
			c.para_id,
		));
		let mut collator = relay_parachains::collator::Collator::new(
			c.para_id,
			c.pair.clone(),
			// Set once the network exists (the RPC needs the state before).
			sc_network::PeerId::random(),
			Some(c.bidding),
			saved,
		);
		collator.set_invalid_collations(c.invalid_collations);
		Arc::new(Mutex::new(collator))
	});

	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::default(),
	));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: Some(WarpSyncConfig::WithProvider(warp_sync)),
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	// Validators publish their addresses for collators and each other; collators discover them.
	let authority_discovery = (config.role.is_authority() || collator.is_some()).then(|| {
		crate::authority_discovery::start(
			&config,
			client.clone(),
			network.clone(),
			keystore_container.keystore(),
			&task_manager,
		)
	});

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let base_path = config.base_path.path().to_path_buf();
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	let shared_voter_state = SharedVoterState::empty();
	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		let select_chain = select_chain.clone();
		let keystore = keystore_container.keystore();
		let chain_spec = config.chain_spec.cloned_box();
		let shared_authority_set = grandpa_link.shared_authority_set().clone();
		let justification_stream = grandpa_link.justification_stream();
		let shared_voter_state = shared_voter_state.clone();
		let finality_provider = sc_consensus_grandpa::FinalityProofProvider::new_for_service(
			backend.clone(),
			Some(shared_authority_set.clone()),
		);
		let babe_worker_handle = babe_worker_handle.clone();
		let collator_state = collator_state.clone();

		Box::new(move |subscription_executor| {
			let deps = rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				select_chain: select_chain.clone(),
				chain_spec: chain_spec.cloned_box(),
				babe: rpc::BabeDeps {
					babe_worker_handle: babe_worker_handle.clone(),
					keystore: keystore.clone(),
				},
				grandpa: rpc::GrandpaDeps {
					shared_voter_state: shared_voter_state.clone(),
					shared_authority_set: shared_authority_set.clone(),
					justification_stream: justification_stream.clone(),
					subscription_executor,
					finality_provider: finality_provider.clone(),
				},
			};
			let mut module = rpc::create_full(deps).map_err(ServiceError::Application)?;
			if let Some(collator) = &collator_state {
				let para = crate::parachains::para_rpc(Arc::clone(collator))
					.map_err(|e| ServiceError::Application(Box::new(e)))?;
				module.merge(para).map_err(|e| ServiceError::Application(Box::new(e)))?;
			}
			Ok(module)
		})
	};

	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	if let Some(setup) = parachains {
		let relay: Arc<dyn relay_parachains::relay::RelayChain> =
			Arc::new(relay_parachains::relay::ClientRelayChain(client.clone()));
		let para_role = match (collator, collator_state, authority_discovery) {
			(Some(config), Some(state), Some(discovery)) => {
				// The collator's real network identity, now that the network exists.
				let file = crate::parachains::state_file(&base_path, config.para_id);
				let (bid_client, bid_pool, spawn) =
					(client.clone(), transaction_pool.clone(), task_manager.spawn_handle());
				let pair = config.pair.clone();
				state
					.lock()
					.unwrap_or_else(|p| p.into_inner())
					.set_local_peer(network.local_peer_id());
				relay_parachains::network::Role::Collator(
					relay_parachains::network::CollatorParams {
						collator: state,
						persist: Box::new(move |s| crate::parachains::save_states(&file, s)),
						submit_bid: Box::new(move |para, fee, head| {
							crate::parachains::submit_bid(
								&bid_client,
								&bid_pool,
								&spawn,
								&pair,
								(para, fee, head),
							)
						}),
						discovery,
					},
				)
			},
			_ => {
				let program = std::env::current_exe()
					.map_err(|e| ServiceError::Other(format!("cannot find this binary: {e}")))?;
				let pvf =
					relay_pvf::PvfHost::new(relay_pvf::HostConfig::new(program, &["pvf-worker"]));
				relay_parachains::network::Role::Validator(
					relay_parachains::network::ValidatorParams {
						keys: Box::new(crate::parachains::KeystoreKeys(
							keystore_container.keystore(),
						)),
						min_backing_votes: relay_runtime::configs::MIN_BACKING_VOTES,
						pvf: Arc::new(pvf),
						store: backed.clone(),
					},
				)
			},
		};
		let metrics = prometheus_registry.as_ref().and_then(|registry| {
			relay_parachains::metrics::Metrics::register(registry)
				.map_err(|e| log::warn!("parachain metrics not registered: {e}"))
				.ok()
		});
		let params = relay_parachains::network::Params {
			setup,
			network: network.clone(),
			sync: sync_service.clone(),
			client: client.clone(),
			relay,
			role: para_role,
			metrics,
		};
		task_manager.spawn_handle().spawn(
			"parachain-protocols",
			Some("parachain"),
			relay_parachains::network::run(params),
		);
	}

	if role.is_authority() {
		let proposer = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);
		let slot_duration = babe_link.config().slot_duration();
		let babe = sc_consensus_babe::start_babe(sc_consensus_babe::BabeParams {
			keystore: keystore_container.keystore(),
			client: client.clone(),
			select_chain,
			env: proposer,
			block_import,
			sync_oracle: sync_service.clone(),
			justification_sync_link: sync_service.clone(),
			create_inherent_data_providers: BabeInherents {
				slot_duration,
				client: client.clone(),
				backed: Some(backed.clone()),
			},
			force_authoring,
			backoff_authoring_blocks: Some(
				sc_consensus_slots::BackoffAuthoringOnFinalizedHeadLagging::default(),
			),
			babe_link,
			block_proposal_slot_portion: SlotProportion::new(BLOCK_PROPOSAL_SLOT_PORTION),
			max_block_proposal_slot_portion: None,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
		})?;
		task_manager.spawn_essential_handle().spawn_blocking(
			"babe-proposer",
			Some("block-authoring"),
			babe,
		);
	}

	if enable_grandpa {
		// Non-authorities observe finality without a keystore.
		let keystore = role.is_authority().then(|| keystore_container.keystore());
		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: GRANDPA_GOSSIP_DURATION,
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};
		let voter = sc_consensus_grandpa::run_grandpa_voter(sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: sync_service,
			notification_service: grandpa_notification_service,
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		})?;
		// GRANDPA failing is fatal: the node must stop rather than run without finality.
		task_manager
			.spawn_essential_handle()
			.spawn_blocking("grandpa-voter", None, voter);
	}

	Ok(task_manager)
}
