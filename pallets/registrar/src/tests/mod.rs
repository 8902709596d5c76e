//! Tests of the registrar: reservation, registration and its deposit, deregistration, swaps,
//! locks, code upgrades and heads, every error path, and the `Registrar` trait.

use crate::{
	mock::*, Call, Error, Event, HoldReason, NextFreeParaId, PendingSwap, WeightInfo,
	MAX_FREE_ID_PROBES,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, tokens::fungible::Inspect},
};
use relay_primitives::{
	HeadData, ParaId,
	ParaLifecycle::{self, *},
	ValidationCode,
};
use sp_runtime::{DispatchError, TokenError};

mod managing;
mod registration;

const A: ParaId = ParaId(2000);
const B: ParaId = ParaId(2001);
const C: ParaId = ParaId(2002);

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn held(who: u64) -> u64 {
	Balances::balance_on_hold(&HoldReason::ParaDeposit.into(), &who)
}

fn lifecycle(id: ParaId) -> Option<ParaLifecycle> {
	pallet_paras::Pallet::<Test>::lifecycle(id)
}

/// Reserves the next id for `who` and registers it with a one-byte head.
fn reserve_and_register(who: u64, tag: u8) -> ParaId {
	let id = NextFreeParaId::<Test>::get();
	assert_ok!(Registrar::reserve(signed(who)));
	assert_ok!(Registrar::register(signed(who), id, HeadData(vec![tag]), code(tag)));
	id
}

/// Registers a para for `who`, waits until it is a live parathread, and upgrades it to a
/// parachain if asked.
fn live_para(who: u64, tag: u8, parachain: bool) -> ParaId {
	let id = reserve_and_register(who, tag);
	run_two_sessions();
	if parachain {
		assert_ok!(<Registrar as relay_primitives::traits::Registrar>::make_parachain(id));
		run_two_sessions();
	}
	id
}
