//! The invariants checked after every block: each pallet's own (`do_try_state`), total issuance
//! equal to the genesis issuance less what served parathread claims burned, and matching the sum
//! of all balances, and every account's reserved balance equal to what it owes, computed
//! independently from each pallet's records: registration deposits, bid deposits, lease deposits
//! (the most owed in any period, per para), crowdloan submission deposits, deposits confiscated at
//! an auction close, and parathread bids and claims.

use crate::mock::*;
use std::{cell::Cell, collections::BTreeMap};

/// What the mock's genesis issued.
pub fn genesis_issuance() -> u64 {
	20 * BALANCE
}

thread_local! {
	/// What served claims burned according to the events [`clear_events`] cleared.
	static BURNED_BEFORE: Cell<u64> = const { Cell::new(0) };
}

/// What served parathread claims burned so far: according to the events, and to those
/// [`clear_events`] cleared since [`forget_burned`].
pub fn burned() -> u64 {
	let in_events: u64 = System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Parathreads(pallet_parathreads::Event::ClaimServed {
				burned, ..
			}) => Some(burned),
			_ => None,
		})
		.sum();
	BURNED_BEFORE.get() + in_events
}

/// Clears the events (the mock never does), keeping what served claims burned for [`burned`].
pub fn clear_events() {
	BURNED_BEFORE.set(burned());
	System::reset_events();
}

/// Starts counting what served claims burned afresh (new externalities).
pub fn forget_burned() {
	BURNED_BEFORE.set(0);
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
	let confiscated: RuntimeHoldReason = pallet_auctions::HoldReason::Confiscated.into();
	for (who, holds) in pallet_balances::Holds::<Test>::iter() {
		for hold in holds.iter().filter(|hold| hold.id == confiscated) {
			add(who, hold.amount);
		}
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
