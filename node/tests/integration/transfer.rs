//! A signed transfer Alice → Bob, made with a real client library (subxt 0.51 and its dev keys),
//! is included; Bob gains exactly the amount, and the fee charged is the one `payment_queryInfo`
//! predicted.

use crate::common::*;
use serde_json::json;
use std::time::Duration;
use subxt::{
	dynamic,
	ext::scale_decode::{self, DecodeAsType},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::dev;

/// One unit is 10^10 plancks; send 12.5 units.
const AMOUNT: u128 = 125_000_000_000;

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AccountInfo {
	data: AccountData,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct AccountData {
	free: u128,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct FeePaid {
	who: [u8; 32],
	actual_fee: u128,
	tip: u128,
}

#[derive(Debug, DecodeAsType)]
#[decode_as_type(crate_path = "scale_decode")]
struct Deposit {
	who: [u8; 32],
	amount: u128,
}

async fn free_balance(
	api: &OnlineClient<PolkadotConfig>,
	at: subxt::utils::H256,
	who: [u8; 32],
) -> u128 {
	let address = dynamic::storage::<([u8; 32],), AccountInfo>("System", "Account");
	let at = api.at_block(at).await.expect("block is available");
	let value = at.storage().fetch(address, (who,)).await.expect("account storage answers");
	value.decode().expect("AccountInfo decodes").data.free
}

#[tokio::test(flavor = "multi_thread")]
async fn signed_transfer_pays_the_quoted_fee() {
	let node = shared_dev_node();
	let rpc = node.client(Duration::from_secs(120)).await;
	wait_for_blocks(&rpc, Duration::from_secs(120), "block 2", |best, _| best >= 2).await;

	let api = OnlineClient::<PolkadotConfig>::from_url(node.url())
		.await
		.expect("subxt connects");
	let (alice, bob) = (dev::alice(), dev::bob());
	let (alice_id, bob_id) = (alice.public_key().0, bob.public_key().0);

	let call = dynamic::transaction(
		"Balances",
		"transfer_keep_alive",
		(bob.public_key().to_address::<()>(), AMOUNT),
	);
	let at = api.at_current_block().await.expect("current block");
	let mut transactions = at.transactions();
	let signed = transactions
		.create_signed(&call, &alice, Default::default())
		.await
		.expect("the transfer is signed");

	// The fee a wallet is quoted, through the legacy RPC method.
	let encoded = format!("0x{}", hex_encode(signed.encoded()));
	let quote = call_rpc(&rpc, "payment_queryInfo", vec![json!(encoded)]).await;
	let quoted_fee: u128 = quote["partialFee"]
		.as_str()
		.map(|s| s.parse().expect("partialFee is a decimal string"))
		.or_else(|| quote["partialFee"].as_u64().map(u128::from))
		.expect("partialFee present");
	assert!(quoted_fee > 0, "{quote}");
	let details = call_rpc(&rpc, "payment_queryFeeDetails", vec![json!(encoded)]).await;
	assert!(details["inclusionFee"].is_object(), "{details}");

	let progress = signed.submit_and_watch().await.expect("submitted");
	let in_block = tokio::time::timeout(Duration::from_secs(120), progress.wait_for_finalized())
		.await
		.expect("finalized within 120 s")
		.expect("included and finalized");
	let events = in_block.wait_for_success().await.expect("the transfer succeeded");
	let block = in_block.block_hash();

	let mut fee_paid = None;
	let mut author_credit = 0u128;
	for event in events.iter() {
		let event = event.expect("event decodes");
		match (event.pallet_name(), event.event_name()) {
			("TransactionPayment", "TransactionFeePaid") => {
				fee_paid = Some(
					event
						.decode_fields_unchecked_as::<FeePaid>()
						.expect("TransactionFeePaid fields"),
				)
			},
			("Balances", "Deposit") => {
				let deposit =
					event.decode_fields_unchecked_as::<Deposit>().expect("Deposit fields");
				if deposit.who == alice_id {
					author_credit += deposit.amount;
				}
			},
			_ => {},
		}
	}
	let fee_paid = fee_paid.expect("a TransactionFeePaid event");
	assert_eq!(fee_paid.who, alice_id);
	assert_eq!(fee_paid.tip, 0);
	assert_eq!(fee_paid.actual_fee, quoted_fee, "charged fee differs from payment_queryInfo");

	// Balances just before and in the block that included the transfer.
	let header = call_rpc(&rpc, "chain_getHeader", vec![json!(format!("{block:?}"))]).await;
	let parent: subxt::utils::H256 = header["parentHash"]
		.as_str()
		.expect("parent hash")
		.parse()
		.expect("hash parses");
	let bob_gain =
		free_balance(&api, block, bob_id).await - free_balance(&api, parent, bob_id).await;
	assert_eq!(bob_gain, AMOUNT, "Bob must gain exactly the amount");
	let alice_before = free_balance(&api, parent, alice_id).await;
	let alice_after = free_balance(&api, block, alice_id).await;
	// Alice pays the amount plus the fee; on a --dev chain she also authors the block and
	// receives the fee back as its author (a Balances::Deposit to her in the same block).
	assert_eq!(alice_before - alice_after, AMOUNT + quoted_fee - author_credit);
	assert_eq!(author_credit, quoted_fee, "fees go to the block author");
}

async fn call_rpc(
	client: &jsonrpsee::ws_client::WsClient,
	method: &str,
	params: Vec<serde_json::Value>,
) -> serde_json::Value {
	call(client, method, params)
		.await
		.unwrap_or_else(|e| panic!("{method} failed: {e}"))
}

fn hex_encode(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}
