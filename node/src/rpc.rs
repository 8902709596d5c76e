//! The node's own JSON-RPC methods, merged into the SDK's default set by `sc-service`:
//! `system_accountNextIndex`/`system_dryRun`, `payment_queryInfo`/`payment_queryFeeDetails`,
//! `babe_epochAuthorship`, `grandpa_*` and `sync_state_genSyncSpec` (Polkadot's set).

use jsonrpsee::RpcModule;
use relay_primitives::{AccountId, Balance, Block, Nonce};
use sc_consensus_babe::BabeWorkerHandle;
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_consensus::SelectChain;
use sp_consensus_babe::BabeApi;
use sp_keystore::KeystorePtr;
use std::sync::Arc;

/// What the BABE RPC needs.
pub struct BabeDeps {
	/// Talks to the BABE worker (epoch data).
	pub babe_worker_handle: BabeWorkerHandle<Block>,
	/// The node's keystore (which slots this node may author).
	pub keystore: KeystorePtr,
}

/// What the GRANDPA RPC needs.
pub struct GrandpaDeps<B> {
	/// The voter's state (`grandpa_roundState`).
	pub shared_voter_state: SharedVoterState,
	/// The current authority set.
	pub shared_authority_set:
		SharedAuthoritySet<relay_primitives::Hash, relay_primitives::BlockNumber>,
	/// Justifications as they are made (`grandpa_subscribeJustifications`).
	pub justification_stream: GrandpaJustificationStream<Block>,
	/// Runs subscriptions.
	pub subscription_executor: SubscriptionTaskExecutor,
	/// Builds finality proofs (`grandpa_proveFinality`).
	pub finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// Everything the node's RPC methods need.
pub struct FullDeps<C, P, SC, B> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// Chooses the best chain (BABE RPC).
	pub select_chain: SC,
	/// The chain spec (`sync_state_genSyncSpec`).
	pub chain_spec: Box<dyn sc_chain_spec::ChainSpec>,
	/// BABE.
	pub babe: BabeDeps,
	/// GRANDPA.
	pub grandpa: GrandpaDeps<B>,
}

/// Build the RPC module with the node's own methods.
pub fn create_full<C, P, SC, B>(
	deps: FullDeps<C, P, SC, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ sc_client_api::AuxStore
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ BabeApi<Block>
		+ BlockBuilder<Block>,
	P: TransactionPool + 'static,
	SC: SelectChain<Block> + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
	B::State: sc_client_api::StateBackend<sp_runtime::traits::HashingFor<Block>>,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use sc_consensus_babe_rpc::{Babe, BabeApiServer};
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use sc_sync_state_rpc::{SyncState, SyncStateApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let FullDeps { client, pool, select_chain, chain_spec, babe, grandpa } = deps;
	let mut module = RpcModule::new(());

	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(
		Babe::new(client.clone(), babe.babe_worker_handle.clone(), babe.keystore, select_chain)
			.into_rpc(),
	)?;
	module.merge(
		Grandpa::new(
			grandpa.subscription_executor,
			grandpa.shared_authority_set.clone(),
			grandpa.shared_voter_state,
			grandpa.justification_stream,
			grandpa.finality_provider,
		)
		.into_rpc(),
	)?;
	module.merge(
		SyncState::new(chain_spec, client, grandpa.shared_authority_set, babe.babe_worker_handle)?
			.into_rpc(),
	)?;
	Ok(module)
}
