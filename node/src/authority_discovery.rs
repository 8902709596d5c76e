//! The authority-discovery worker (`sc-authority-discovery`), as Polkadot's nodes run it: a
//! validator **publishes** its network addresses in the DHT, signed by its `authority_discovery`
//! session key and by its network key, and every node that takes part in parachains
//! **discovers** the current and next validators' addresses. A Cumulus collator finds its
//! backing group this way (session info's `discovery_keys` → DHT records → `PeerId`s), so it is
//! what lets a collator that is not ours connect to our validators.
//!
//! Records must carry both signatures (`strict_record_validation`, as Polkadot). Addresses that
//! are not globally routable (loopback, private ranges) are published only where the network
//! allows them in the DHT (`--discover-local`, on by default for development and local chains),
//! so test networks on loopback discover each other.

use futures::StreamExt;
use relay_primitives::Block;
use sc_network::{service::traits::NetworkService, Event, NetworkEventStream};
use sc_service::{Configuration, TaskManager};
use std::sync::Arc;

/// The name of the worker's task and of its DHT event stream.
const NAME: &str = "authority-discovery";

/// Starts the worker: publishing and discovering for a validator (its keys in `keystore`),
/// discovering only for other nodes. The returned service answers address and peer lookups.
pub fn start<Client>(
	config: &Configuration,
	client: Arc<Client>,
	network: Arc<dyn NetworkService>,
	keystore: sp_keystore::KeystorePtr,
	task_manager: &TaskManager,
) -> sc_authority_discovery::Service
where
	Client: sc_authority_discovery::AuthorityDiscovery<Block> + Send + Sync + 'static,
{
	let role = if config.role.is_authority() {
		sc_authority_discovery::Role::PublishAndDiscover(keystore)
	} else {
		sc_authority_discovery::Role::Discover
	};
	let dht_events = network.event_stream(NAME).filter_map(|event| async move {
		match event {
			Event::Dht(event) => Some(event),
			_ => None,
		}
	});
	let (worker, service) = sc_authority_discovery::new_worker_and_service_with_config(
		sc_authority_discovery::WorkerConfig {
			publish_non_global_ips: config.network.allow_non_globals_in_dht,
			public_addresses: config.network.public_addresses.clone(),
			strict_record_validation: true,
			persisted_cache_directory: config.network.net_config_path.clone(),
			..Default::default()
		},
		client,
		Arc::new(network),
		Box::pin(dht_events),
		role,
		config.prometheus_registry().cloned(),
		task_manager.spawn_handle(),
	);
	task_manager.spawn_handle().spawn(NAME, Some("networking"), worker.run());
	service
}
