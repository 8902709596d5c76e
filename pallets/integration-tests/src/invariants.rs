//! The invariants checked after every block: each pallet's own (`do_try_state`), total issuance
//! equal to the genesis issuance less what served parathread claims burned, and matching the sum
//! of all balances, and every account's reserved balance equal to what it owes, computed
//! independently from each pallet's records: registration deposits, bid deposits, lease deposits
//! (the most owed in any period, per para), crowdloan submission deposits, deposits confiscated at
//! an auction close, and parathread bids and claims.

use crate::mock::*;
use frame_support::traits::fungible::InspectHold;
use std::collections::BTreeMap;

/// What the mock's genesis issued.
pub fn genesis_issuance() -> u64 {
	20 * BALANCE
}

/// What served parathread claims burned so far (the mock never resets events).
pub fn burned() -> u64 {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Parathreads(pallet_parathreads::Event::ClaimServed {
				burned, ..
			}) => Some(burned),
			_ => None,
		})
		.sum()
}

/// What each account owes, from the pallets' records.
pub fn owed() -> BTreeMap<AccountId, u64> {
	let mut owed: BTreeMap<AccountId, u64> = BTreeMap::new();
	let mut add = |who: AccountId, amount: u64| *owed.entry(who).or_default() += amount;
	for (_, info) in pallet_registrar::Paras::<Test>::iter() {
		add(info.manager, info.deposit);
	}
	for ((bidder, _), amount) in pallet_auctions::ReservedAmounts::<Test>::iter() {
		add(bidder, amount);
	}
	for (_, leases) in pallet_slots::Leases::<Test>::iter() {
		let mut most: BTreeMap<AccountId, u64> = BTreeMap::new();
		for (leaser, amount) in leases.into_iter().flatten() {
			let entry = most.entry(leaser).or_default();
			*entry = (*entry).max(amount);
		}
		for (leaser, amount) in most {
			add(leaser, amount);
		}
	}
	for (_, fund) in pallet_crowdloan::Funds::<Test>::iter() {
		add(fund.depositor, fund.deposit);
	}
	for bid in pallet_parathreads::Bids::<Test>::get() {
		add(bid.bidder, bid.fee);
	}
	for (_, claim) in pallet_parathreads::Claims::<Test>::iter() {
		add(claim.bidder, claim.price);
	}
	for (who, _) in frame_system::Account::<Test>::iter() {
		let confiscated =
			Balances::balance_on_hold(&pallet_auctions::HoldReason::Confiscated.into(), &who);
		add(who, confiscated);
	}
	owed
}

/// Checks every invariant; panics with the one that fails.
pub fn check() {
	Paras::do_try_state().expect("paras invariants hold");
	Registrar::do_try_state().expect("registrar invariants hold");
	Slots::do_try_state().expect("slots invariants hold");
	Auctions::do_try_state().expect("auctions invariants hold");
	Crowdloan::do_try_state().expect("crowdloan invariants hold");
	Parathreads::do_try_state().expect("parathreads invariants hold");

	let issuance = Balances::total_issuance();
	assert_eq!(issuance, genesis_issuance() - burned(), "only served claims burn");
	let mut total = 0u64;
	let owed = owed();
	for (who, account) in frame_system::Account::<Test>::iter() {
		total += account.data.free + account.data.reserved;
		assert_eq!(
			account.data.reserved,
			owed.get(&who).copied().unwrap_or_default(),
			"account {who} has on reserve exactly what it owes"
		);
	}
	assert_eq!(total, issuance, "the balances add up to the total issuance");
}
