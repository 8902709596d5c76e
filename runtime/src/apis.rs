//! The runtime APIs the node, wallets and tools call.

use crate::{
	configs::{BABE_GENESIS_EPOCH_CONFIG, EPOCH_DURATION_IN_SLOTS},
	genesis_config_presets, AccountId, Auctions, Babe, Balance, Block, BlockNumber, Crowdloan,
	Executive, Grandpa, InherentDataExt, Nonce, ParaInclusion, Parathreads, Runtime, RuntimeCall,
	RuntimeGenesisConfig, Session, SessionKeys, System, TransactionPayment, VERSION,
};
use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_babe::BabeApi<Block> for Runtime {
		fn configuration() -> sp_consensus_babe::BabeConfiguration {
			let epoch_config = Babe::epoch_config().unwrap_or(BABE_GENESIS_EPOCH_CONFIG);
			sp_consensus_babe::BabeConfiguration {
				slot_duration: Babe::slot_duration(),
				epoch_length: EPOCH_DURATION_IN_SLOTS,
				c: epoch_config.c,
				authorities: Babe::authorities().to_vec(),
				randomness: Babe::randomness(),
				allowed_slots: epoch_config.allowed_slots,
			}
		}

		fn current_epoch_start() -> sp_consensus_babe::Slot {
			Babe::current_epoch_start()
		}

		fn current_epoch() -> sp_consensus_babe::Epoch {
			Babe::current_epoch()
		}

		fn next_epoch() -> sp_consensus_babe::Epoch {
			Babe::next_epoch()
		}

		fn generate_key_ownership_proof(
			_slot: sp_consensus_babe::Slot,
			_authority_id: sp_consensus_babe::AuthorityId,
		) -> Option<sp_consensus_babe::OpaqueKeyOwnershipProof> {
			// Key-owner proofs need session history, which comes with slashing (see configs).
			None
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_babe::EquivocationProof<<Block as BlockT>::Header>,
			_key_owner_proof: sp_consensus_babe::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: sp_consensus_grandpa::AuthorityId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	impl pallet_auctions::view::AuctionsApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn auction() -> pallet_auctions::AuctionView<AccountId, Balance, BlockNumber> {
			Auctions::auction_view()
		}

		fn minimum_winning_bid(
			first_slot: relay_primitives::LeasePeriodIndex,
			last_slot: relay_primitives::LeasePeriodIndex,
		) -> Option<Balance> {
			Auctions::minimum_winning_bid(first_slot, last_slot)
		}
	}

	impl pallet_crowdloan::view::CrowdloanApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn contributions_of(account: AccountId) -> Vec<pallet_crowdloan::ContributionInfo<Balance>> {
			Crowdloan::contributions_of(account)
		}

		fn fund(
			para: relay_primitives::ParaId,
		) -> Option<pallet_crowdloan::FundView<AccountId, Balance, BlockNumber>> {
			Crowdloan::fund_view(para)
		}
	}

	impl pallet_parathreads::view::ParathreadsApi<Block, AccountId, Balance, BlockNumber> for Runtime {
		fn bids() -> Vec<pallet_parathreads::BidView<AccountId, Balance>> {
			Parathreads::bids_view()
		}

		fn last_clearing_price() -> Balance {
			Parathreads::last_clearing_price()
		}

		fn claims() -> Vec<(u32, pallet_parathreads::ClaimView<AccountId, Balance, BlockNumber>)> {
			Parathreads::claims_view()
		}
	}

	impl pallet_inclusion::view::InclusionApi<Block> for Runtime {
		fn validators() -> Vec<relay_primitives::ValidatorId> {
			pallet_inclusion::ActiveValidatorKeys::<Runtime>::get()
		}

		fn validator_groups() -> (
			Vec<Vec<relay_primitives::ValidatorIndex>>,
			pallet_inclusion::GroupRotationInfo,
		) {
			ParaInclusion::validator_groups_view()
		}

		fn scheduled_cores() -> Vec<pallet_inclusion::ScheduledCore> {
			ParaInclusion::scheduled_cores_view()
		}

		fn persisted_validation_data(
			para_id: relay_primitives::ParaId,
		) -> Option<relay_primitives::PersistedValidationData> {
			ParaInclusion::persisted_validation_data_at_tip(para_id)
		}

		fn validation_code_hash(
			para_id: relay_primitives::ParaId,
		) -> Option<relay_primitives::ValidationCodeHash> {
			pallet_paras::CurrentCodeHash::<Runtime>::get(para_id)
		}

		fn validation_code_by_hash(
			hash: relay_primitives::ValidationCodeHash,
		) -> Option<relay_primitives::ValidationCode> {
			pallet_paras::CodeByHash::<Runtime>::get(hash)
		}

		fn para_head(para_id: relay_primitives::ParaId) -> Option<relay_primitives::HeadData> {
			pallet_paras::Heads::<Runtime>::get(para_id)
		}

		fn relay_parents() -> Vec<pallet_inclusion::RelayParentInfo> {
			pallet_inclusion::RelayParents::<Runtime>::get().into_inner()
		}

		fn candidate_events() -> Vec<pallet_inclusion::CandidateEvent> {
			ParaInclusion::candidate_events()
		}

		fn session_index_for_child() -> u32 {
			Session::current_index()
		}
	}

	impl sp_authority_discovery::AuthorityDiscoveryApi<Block> for Runtime {
		fn authorities() -> Vec<sp_authority_discovery::AuthorityId> {
			// The current and the next session's discovery keys, as Polkadot answers.
			crate::AuthorityDiscovery::authorities()
		}
	}

	// Polkadot's `ParachainHost` at its highest stable version (15 at stable2609), answered in
	// Polkadot's types; what the chain does not have yet answers as "none" (see
	// `pallet_inclusion::host`).
	#[api_version(15)]
	impl relay_primitives::host::ParachainHost<Block> for Runtime {
		fn validators() -> Vec<relay_primitives::ValidatorId> {
			pallet_inclusion::ActiveValidatorKeys::<Runtime>::get()
		}

		fn validator_groups() -> (
			Vec<Vec<relay_primitives::ValidatorIndex>>,
			relay_primitives::host::GroupRotationInfo,
		) {
			ParaInclusion::host_validator_groups()
		}

		fn availability_cores() -> Vec<relay_primitives::host::CoreState> {
			ParaInclusion::host_availability_cores()
		}

		fn persisted_validation_data(
			para_id: relay_primitives::ParaId,
			_assumption: relay_primitives::host::OccupiedCoreAssumption,
		) -> Option<relay_primitives::PersistedValidationData> {
			// No core is ever occupied, so every assumption gives the same data.
			ParaInclusion::persisted_validation_data_at_tip(para_id)
		}

		fn assumed_validation_data(
			para_id: relay_primitives::ParaId,
			expected_persisted_validation_data_hash: relay_primitives::Hash,
		) -> Option<(relay_primitives::PersistedValidationData, relay_primitives::ValidationCodeHash)> {
			ParaInclusion::host_assumed_validation_data(para_id, expected_persisted_validation_data_hash)
		}

		fn check_validation_outputs(
			para_id: relay_primitives::ParaId,
			outputs: relay_primitives::CandidateCommitments,
		) -> bool {
			ParaInclusion::host_check_validation_outputs(para_id, outputs)
		}

		fn session_index_for_child() -> relay_primitives::host::SessionIndex {
			Session::current_index()
		}

		fn validation_code(
			para_id: relay_primitives::ParaId,
			_assumption: relay_primitives::host::OccupiedCoreAssumption,
		) -> Option<relay_primitives::ValidationCode> {
			pallet_paras::Pallet::<Runtime>::current_code(para_id)
		}

		fn candidate_pending_availability(
			_para_id: relay_primitives::ParaId,
		) -> Option<relay_primitives::CommittedCandidateReceipt> {
			None
		}

		fn candidate_events() -> Vec<relay_primitives::host::CandidateEvent> {
			ParaInclusion::candidate_events()
		}

		fn dmq_contents(
			_recipient: relay_primitives::ParaId,
		) -> Vec<relay_primitives::host::InboundDownwardMessage> {
			Vec::new()
		}

		fn inbound_hrmp_channels_contents(
			_recipient: relay_primitives::ParaId,
		) -> alloc::collections::btree_map::BTreeMap<
			relay_primitives::ParaId,
			Vec<relay_primitives::host::InboundHrmpMessage>,
		> {
			Default::default()
		}

		fn validation_code_by_hash(
			hash: relay_primitives::ValidationCodeHash,
		) -> Option<relay_primitives::ValidationCode> {
			pallet_paras::CodeByHash::<Runtime>::get(hash)
		}

		fn on_chain_votes() -> Option<relay_primitives::host::ScrapedOnChainVotes> {
			None
		}

		fn session_info(
			index: relay_primitives::host::SessionIndex,
		) -> Option<relay_primitives::host::SessionInfo> {
			// The discovery keys of the session's validators, in validator order.
			ParaInclusion::host_session_info(index).map(|mut info| {
				info.discovery_keys = crate::AuthorityDiscovery::current_authorities()
					.into_iter()
					.map(|id| sp_core::sr25519::Public::from(id).into())
					.collect();
				info
			})
		}

		fn submit_pvf_check_statement(
			_stmt: relay_primitives::host::PvfCheckStatement,
			_signature: relay_primitives::ValidatorSignature,
		) {
		}

		fn pvfs_require_precheck() -> Vec<relay_primitives::ValidationCodeHash> {
			Vec::new()
		}

		fn validation_code_hash(
			para_id: relay_primitives::ParaId,
			_assumption: relay_primitives::host::OccupiedCoreAssumption,
		) -> Option<relay_primitives::ValidationCodeHash> {
			pallet_paras::CurrentCodeHash::<Runtime>::get(para_id)
		}

		fn disputes() -> Vec<(
			relay_primitives::host::SessionIndex,
			relay_primitives::CandidateHash,
			relay_primitives::host::DisputeState,
		)> {
			Vec::new()
		}

		fn session_executor_params(
			session_index: relay_primitives::host::SessionIndex,
		) -> Option<relay_primitives::host::ExecutorParams> {
			ParaInclusion::host_session_executor_params(session_index)
		}

		fn unapplied_slashes() -> Vec<(
			relay_primitives::host::SessionIndex,
			relay_primitives::CandidateHash,
			relay_primitives::host::LegacyPendingSlashes,
		)> {
			Vec::new()
		}

		fn key_ownership_proof(
			_validator_id: relay_primitives::ValidatorId,
		) -> Option<relay_primitives::host::OpaqueKeyOwnershipProof> {
			None
		}

		fn submit_report_dispute_lost(
			_dispute_proof: relay_primitives::host::DisputeProof,
			_key_ownership_proof: relay_primitives::host::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn minimum_backing_votes() -> u32 {
			<Runtime as pallet_inclusion::Config>::MinBackingVotes::get()
		}

		fn para_backing_state(
			para_id: relay_primitives::ParaId,
		) -> Option<relay_primitives::host::BackingState> {
			ParaInclusion::host_para_backing_state(para_id)
		}

		fn async_backing_params() -> relay_primitives::host::AsyncBackingParams {
			ParaInclusion::host_async_backing_params()
		}

		fn disabled_validators() -> Vec<relay_primitives::ValidatorIndex> {
			Vec::new()
		}

		fn node_features() -> relay_primitives::host::NodeFeatures {
			ParaInclusion::host_node_features()
		}

		fn approval_voting_params() -> relay_primitives::host::ApprovalVotingParams {
			relay_primitives::host::ApprovalVotingParams { max_approval_coalesce_count: 1 }
		}

		fn claim_queue() -> alloc::collections::btree_map::BTreeMap<
			relay_primitives::CoreIndex,
			alloc::collections::vec_deque::VecDeque<relay_primitives::ParaId>,
		> {
			ParaInclusion::host_claim_queue()
		}

		fn candidates_pending_availability(
			_para_id: relay_primitives::ParaId,
		) -> Vec<relay_primitives::CommittedCandidateReceipt> {
			Vec::new()
		}

		fn validation_code_bomb_limit() -> u32 {
			ParaInclusion::host_validation_code_bomb_limit()
		}

		fn backing_constraints(
			para_id: relay_primitives::ParaId,
		) -> Option<relay_primitives::host::Constraints> {
			ParaInclusion::host_backing_constraints(para_id)
		}

		fn scheduling_lookahead() -> u32 {
			pallet_inclusion::host::SCHEDULING_LOOKAHEAD
		}

		fn para_ids() -> Vec<relay_primitives::ParaId> {
			ParaInclusion::host_para_ids()
		}

		fn unapplied_slashes_v2() -> Vec<(
			relay_primitives::host::SessionIndex,
			relay_primitives::CandidateHash,
			relay_primitives::host::PendingSlashes,
		)> {
			Vec::new()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(
			extra: bool,
		) -> (Vec<frame_benchmarking::BenchmarkList>, Vec<frame_support::traits::StorageInfo>) {
			use crate::benchmarks::*;
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use crate::benchmarks::*;
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an offline tool: failing loudly with the reason is what it is for.
			#[allow(clippy::unwrap_used)]
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			#[allow(clippy::expect_used)]
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("execute-block failed")
		}
	}
}
