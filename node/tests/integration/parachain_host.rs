//! Polkadot's `ParachainHost` runtime API on a live `relay-node --dev`, called as a Polkadot or
//! Cumulus node calls it (`state_call` of `ParachainHost_<method>`) and decoded with
//! `polkadot-primitives`' own types; the persisted validation data's storage root is the block's
//! state root, and a read proof of the para's head (a relay-state proof's key) verifies against
//! it.

use crate::common::{
	tx::{runtime_call, runtime_call_raw},
	*,
};
use codec::{Decode, Encode};
use polkadot_primitives as pp;
use serde_json::json;
use sp_api::RuntimeApiInfo;
use std::{
	collections::{BTreeMap, VecDeque},
	time::Duration,
};

const STARTUP: Duration = Duration::from_secs(120);
const PARACHAIN: u32 = 2000;

/// `ParachainHost_<method>` at `at`, decoded with Polkadot's type `T`: every byte must be used.
async fn host<T: codec::Decode>(
	client: &jsonrpsee::ws_client::WsClient,
	method: &str,
	args: impl Encode,
	at: &str,
) -> T {
	let name = format!("ParachainHost_{method}");
	let answer = runtime_call_raw(client, &name, &args.encode(), at)
		.await
		.unwrap_or_else(|e| panic!("{name}: {e}"));
	<T as codec::DecodeAll>::decode_all(&mut &answer[..])
		.unwrap_or_else(|e| panic!("{name}'s answer is not Polkadot's type: {e}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn parachain_host_answers_in_polkadots_types() {
	let node = shared_dev_node();
	let client = node.client(STARTUP).await;
	wait_for_blocks(&client, STARTUP, "block 3", |best, _| best >= 3).await;
	let at = call(&client, "chain_getBlockHash", vec![]).await.expect("best hash");
	let at = at.as_str().expect("hash").to_string();
	let header = call(&client, "chain_getHeader", vec![json!(at)]).await.expect("header");
	let number = header_number(&header) as u32;
	let state_root = pp::Hash::from_slice(&unhex(header["stateRoot"].as_str().expect("root")));
	let para = pp::Id::from(PARACHAIN);

	// The runtime declares Polkadot's ParachainHost (same API id) at version 15.
	let version = call(&client, "state_getRuntimeVersion", vec![json!(at)])
		.await
		.expect("version");
	let id = hex(&<dyn pp::runtime_api::ParachainHost<pp::Block>>::ID);
	let declared = version["apis"]
		.as_array()
		.expect("apis")
		.iter()
		.find(|api| api[0].as_str().map(|s| s.trim_start_matches("0x")) == Some(id.as_str()))
		.map(|api| api[1].as_u64().expect("version"));
	assert_eq!(declared, Some(15), "ParachainHost {id} in {version}");

	// Validators, groups and cores: the dev chain has Alice, one group, 2000 on core 0.
	let validators: Vec<pp::ValidatorId> = host(&client, "validators", (), &at).await;
	assert_eq!(validators.len(), 1);
	let (groups, rotation): (Vec<Vec<pp::ValidatorIndex>>, pp::GroupRotationInfo) =
		host(&client, "validator_groups", (), &at).await;
	assert_eq!(groups, vec![vec![pp::ValidatorIndex(0)]]);
	assert_eq!(rotation.now, number + 1, "groups are those of the next block");
	let cores: Vec<pp::CoreState> = host(&client, "availability_cores", (), &at).await;
	assert!(
		matches!(&cores[0], pp::CoreState::Scheduled(core) if core.para_id == para),
		"{cores:?}"
	);
	let claims: BTreeMap<pp::CoreIndex, VecDeque<pp::Id>> =
		host(&client, "claim_queue", (), &at).await;
	assert_eq!(claims.get(&pp::CoreIndex(0)), Some(&VecDeque::from(vec![para; 3])));
	let lookahead: u32 = host(&client, "scheduling_lookahead", (), &at).await;
	assert_eq!(lookahead, 3);
	let session: u32 = host(&client, "session_index_for_child", (), &at).await;
	let info: Option<pp::SessionInfo> = host(&client, "session_info", session, &at).await;
	let info = info.expect("the current session's info");
	assert_eq!(info.validators.to_vec(), validators);
	// Alice's discovery key, which AuthorityDiscoveryApi lists too.
	let discovery: Vec<pp::AuthorityDiscoveryId> =
		runtime_call(&client, "AuthorityDiscoveryApi_authorities", (), &at).await;
	assert_eq!(info.discovery_keys, discovery);
	assert_eq!(discovery.len(), 1);
	assert_eq!(info.n_cores as usize, cores.len());
	let executor: Option<pp::ExecutorParams> =
		host(&client, "session_executor_params", session, &at).await;
	assert!(executor.is_some());
	let features: pp::NodeFeatures = host(&client, "node_features", (), &at).await;
	assert!(features
		.get(pp::node_features::FeatureIndex::CandidateReceiptV2 as usize)
		.is_some_and(|bit| *bit));
	let params: pp::AsyncBackingParams = host(&client, "async_backing_params", (), &at).await;
	let votes: u32 = host(&client, "minimum_backing_votes", (), &at).await;
	println!("#{number}: session {session}, {} cores, claim queue {claims:?}, {params:?}, minimum backing votes {votes}", cores.len());

	// Validation data: the parent head is the para's head, the root is this block's state root.
	let pvd: Option<pp::PersistedValidationData> = host(
		&client,
		"persisted_validation_data",
		(para, pp::OccupiedCoreAssumption::Included),
		&at,
	)
	.await;
	let pvd = pvd.expect("2000 has validation data");
	assert_eq!(pvd.relay_parent_number, number);
	assert_eq!(
		pvd.relay_parent_storage_root, state_root,
		"the PVD root is the header's state root"
	);
	let assumed: Option<(pp::PersistedValidationData, pp::ValidationCodeHash)> =
		host(&client, "assumed_validation_data", (para, pvd.hash()), &at).await;
	let (_, code_hash) = assumed.expect("the same data");
	let by_assumption: Option<pp::ValidationCodeHash> =
		host(&client, "validation_code_hash", (para, pp::OccupiedCoreAssumption::Free), &at).await;
	assert_eq!(by_assumption, Some(code_hash));
	let code: Option<pp::ValidationCode> =
		host(&client, "validation_code_by_hash", code_hash, &at).await;
	assert_eq!(code.map(|c| c.hash()), Some(code_hash));
	let constraints: Option<pp::async_backing::Constraints> =
		host(&client, "backing_constraints", para, &at).await;
	let constraints = constraints.expect("2000 has constraints");
	assert_eq!(constraints.required_parent, pvd.parent_head);
	assert_eq!(constraints.validation_code_hash, code_hash);
	let state: Option<pp::async_backing::BackingState> =
		host(&client, "para_backing_state", para, &at).await;
	assert!(state.expect("2000 has a backing state").pending_availability.is_empty());
	let paras: Vec<pp::Id> = host(&client, "para_ids", (), &at).await;
	assert!(paras.contains(&para), "{paras:?}");

	// What the chain does not have yet answers empty, in Polkadot's types.
	let events: Vec<pp::CandidateEvent> = host(&client, "candidate_events", (), &at).await;
	let pending: Option<pp::CommittedCandidateReceiptV2> =
		host(&client, "candidate_pending_availability", para, &at).await;
	assert!(pending.is_none());
	let queue: Vec<pp::InboundDownwardMessage> = host(&client, "dmq_contents", para, &at).await;
	assert!(queue.is_empty());
	let channels: BTreeMap<pp::Id, Vec<pp::InboundHrmpMessage>> =
		host(&client, "inbound_hrmp_channels_contents", para, &at).await;
	assert!(channels.is_empty());
	let disputes: Vec<(u32, pp::CandidateHash, pp::DisputeState)> =
		host(&client, "disputes", (), &at).await;
	assert!(disputes.is_empty());
	let disabled: Vec<pp::ValidatorIndex> = host(&client, "disabled_validators", (), &at).await;
	assert!(disabled.is_empty());
	let bomb: u32 = host(&client, "validation_code_bomb_limit", (), &at).await;
	assert!(bomb > 0);
	println!("candidate events {}, bomb limit {bomb} bytes", events.len());

	// A relay-state proof as a Cumulus collator makes it: Polkadot's well-known keys for the
	// host configuration, the current slot and 2000's head, proven at this block, verify against
	// the PVD's root; the configuration decodes as Polkadot's abridged one and the head is the
	// PVD's parent head.
	let keys = [
		pp::well_known_keys::ACTIVE_CONFIG.to_vec(),
		pp::well_known_keys::CURRENT_SLOT.to_vec(),
		pp::well_known_keys::para_head(para),
	];
	let hex_keys: Vec<String> = keys.iter().map(|k| format!("0x{}", hex(k))).collect();
	let proof = call(&client, "state_getReadProof", vec![json!(hex_keys), json!(at)])
		.await
		.expect("read proof");
	let nodes: Vec<Vec<u8>> = proof["proof"]
		.as_array()
		.expect("proof nodes")
		.iter()
		.map(|node| unhex(node.as_str().expect("hex")))
		.collect();
	println!("relay-state proof of {} keys: {} nodes", keys.len(), nodes.len());
	let proven = sp_state_machine::read_proof_check::<sp_runtime::traits::BlakeTwo256, _>(
		pvd.relay_parent_storage_root,
		sp_state_machine::StorageProof::new(nodes),
		&keys,
	)
	.expect("the proof verifies against the PVD's storage root");
	let value = |key: &Vec<u8>| proven.get(key).cloned().flatten().expect("proven present");
	let config = pp::AbridgedHostConfiguration::decode(&mut &value(&keys[0])[..])
		.expect("ActiveConfig's prefix is Polkadot's abridged configuration");
	assert_eq!(config.max_code_size, constraints.max_code_size);
	assert_eq!(config.max_head_data_size, constraints.max_head_data_size);
	assert_eq!(config.async_backing_params, params);
	let _slot = u64::decode(&mut &value(&keys[1])[..]).expect("Babe.CurrentSlot");
	assert_eq!(value(&keys[2]), pvd.parent_head.encode(), "the proven head is the PVD's");
	println!("proven ActiveConfig: {config:?}");
}
