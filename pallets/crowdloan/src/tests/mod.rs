//! Tests of the crowdloan pallet: here the helpers; in [`funds`] and [`refunds`] Polkadot's
//! scenarios (same names), in [`fixes`] the fixes over Polkadot, in [`beyond`] the records,
//! events, states and runtime API beyond it, in [`proptests`] a property test over random
//! sequences of operations. Every error path is asserted with `assert_noop!`.

use crate::{
	crypto, mock::*, ContributionInfo, ContributionRecords, EndingsCount, Error, Event, FundInfo,
	FundParas, FundState, FundView, Funds, HoldReason, LastContribution, NewRaise, NextFundIndex,
	WeightInfo, MAX_VERIFIER_LEN,
};
use codec::{Encode, MaxEncodedLen};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		Hooks, UnfilteredDispatchable,
	},
};
use relay_primitives::{
	traits::{AuctionStatus, Auctioneer, OnSwap, Registrar},
	HeadData, ParaId, ValidationCode,
};
use relay_test_utils::TestParaState;
use sp_core::{ecdsa, ed25519};
use sp_runtime::{DispatchError, MultiSignature, MultiSigner, TokenError};

mod beyond;
mod fixes;
mod funds;
mod proptests;
mod refunds;

type Balance = u64;

/// Registers the next para id from 2000 for manager 1, live at once.
fn new_para() -> ParaId {
	let id = ParaId(2000 + TestRegistrar::paras().len() as u32);
	assert_ok!(TestRegistrar::register(1, id, HeadData(vec![]), ValidationCode(vec![])));
	TestRegistrar::onboard_all();
	id
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn pot(para: ParaId) -> AccountId {
	Crowdloan::fund_account_id(Funds::<Test>::get(para).expect("a fund").fund_index)
}

fn free(who: AccountId) -> Balance {
	Balances::balance(&who)
}

fn deposit_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::SubmissionDeposit.into(), &who)
}

fn raised(para: ParaId) -> Balance {
	Funds::<Test>::get(para).expect("a fund").raised
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Crowdloan(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn last_event() -> Event<Test> {
	events().pop().expect("an event")
}

fn inactive_issuance() -> Balance {
	pallet_balances::InactiveIssuance::<Test>::get()
}
