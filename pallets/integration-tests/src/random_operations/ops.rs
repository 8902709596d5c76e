//! The random operations: what they are, how they are drawn (with parameters relative to the
//! state, so that a fair share succeeds) and how they are applied.

use crate::{fuzz, mock::*, parachain_blocks::candidate};
use proptest::prelude::*;
use relay_primitives::{traits::ParaHeads, Hash, ParaId};
use sp_runtime::DispatchResult;

/// The ids operations name: 2000 to 2005 (2000 to 2002 registered by the set-up, 2003 reserved
/// by it, the others reserved by operations in order).
const PARAS: u32 = 6;
/// The longest auction opening period an operation starts.
pub(super) const MAX_DURATION: u64 = 5;

/// An account that bids, leases, reserves ids: none bids for blockspace.
fn account() -> impl Strategy<Value = AccountId> {
	1..=17u128
}

/// A crowdloan contributor: few, so withdrawals and memos name one who contributed.
fn contributor() -> impl Strategy<Value = AccountId> {
	5..=10u128
}

/// A para index: mostly the three the set-up registers.
fn para() -> impl Strategy<Value = u32> {
	prop_oneof![3 => 0..3u32, 1 => 3..PARAS]
}

/// A parathread bidder (they pay for served claims).
fn thread_bidder() -> impl Strategy<Value = AccountId> {
	18..=20u128
}

/// Who signs an operation on a para.
#[derive(Clone, Copy, Debug)]
pub(super) enum Who {
	/// The para's manager (account 1 if it has none).
	Manager,
	/// Any account.
	Account(AccountId),
}

fn who() -> impl Strategy<Value = Who> {
	prop_oneof![3 => Just(Who::Manager), 1 => account().prop_map(Who::Account)]
}

/// A crowdloan's terms, relative to now: first period `current + first` (1 to 3), last period
/// `first + span`, end `before` blocks before the first period starts (in the past if that is
/// before now).
#[derive(Clone, Copy, Debug)]
pub(super) struct Terms {
	pub(super) cap: u64,
	pub(super) first: u32,
	pub(super) span: u32,
	pub(super) before: u64,
}

fn terms() -> impl Strategy<Value = Terms> {
	(prop_oneof![3 => 1_000..20_000u64, 1 => Just(10 * BALANCE)], 1..=3u32, 0..=3u32, 0..12u64)
		.prop_map(|(cap, first, span, before)| Terms { cap, first, span, before })
}

/// One operation; `para` is an index into the ids 2000 + 0..[`PARAS`] (2000 to 2002 registered
/// by the set-up, 2003 reserved by it, the others reserved by operations in order); `fund` picks
/// one of the paras that have a crowdloan (see [`fund_para`]).
#[derive(Clone, Debug)]
pub(super) enum Op {
	Reserve {
		who: AccountId,
	},
	Register {
		who: Who,
		para: u32,
	},
	Deregister {
		para: u32,
		by_root: bool,
	},
	/// `para`'s manager asks to swap with `other`; with `both`, `other`'s manager agrees.
	Swap {
		para: u32,
		other: u32,
		both: bool,
	},
	RemoveLock {
		para: u32,
	},
	/// Root leases periods `current + begin ..` to `para`.
	ForceLease {
		para: u32,
		leaser: AccountId,
		amount: u64,
		begin: u32,
		count: u32,
	},
	ClearAllLeases {
		para: u32,
	},
	TriggerOnboard {
		para: u32,
	},
	/// Root starts an auction of the slot from period `current + first`.
	NewAuction {
		duration: u64,
		first: u32,
	},
	/// A bid on periods `first ..= last` of the current auction's slot (relative).
	Bid {
		who: AccountId,
		para: u32,
		first: u32,
		last: u32,
		amount: u64,
	},
	CancelAuction,
	Create {
		who: Who,
		para: u32,
		terms: Terms,
	},
	Contribute {
		who: AccountId,
		fund: u32,
		amount: u64,
	},
	ContributeAll {
		who: AccountId,
		fund: u32,
	},
	Withdraw {
		who: AccountId,
		fund: u32,
	},
	Refund {
		fund: u32,
	},
	/// The fund's depositor dissolves it.
	Dissolve {
		fund: u32,
	},
	Edit {
		fund: u32,
		terms: Terms,
	},
	AddMemo {
		who: AccountId,
		fund: u32,
		len: usize,
	},
	Poke {
		fund: u32,
	},
	/// A bid for a parathread block on the para's current head (or on a wrong one).
	ThreadBid {
		who: AccountId,
		para: u32,
		fee: u64,
		stale: bool,
	},
	/// The inclusion inherent with a candidate (new head `[head]`) for every scheduled core.
	Include {
		head: u8,
	},
	Wait {
		blocks: u64,
	},
}

pub(super) fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		1 => account().prop_map(|who| Op::Reserve { who }),
		1 => (who(), 3..PARAS).prop_map(|(who, para)| Op::Register { who, para }),
		1 => (para(), any::<bool>()).prop_map(|(para, by_root)| Op::Deregister { para, by_root }),
		1 => (para(), para(), any::<bool>())
			.prop_map(|(para, other, both)| Op::Swap { para, other, both }),
		1 => para().prop_map(|para| Op::RemoveLock { para }),
		2 => (para(), account(), 0..2_000u64, 0..=4u32, 1..=4u32).prop_map(
			|(para, leaser, amount, begin, count)| Op::ForceLease { para, leaser, amount, begin, count }
		),
		1 => para().prop_map(|para| Op::ClearAllLeases { para }),
		1 => para().prop_map(|para| Op::TriggerOnboard { para }),
		2 => (0..=MAX_DURATION, 0..=4u32)
			.prop_map(|(duration, first)| Op::NewAuction { duration, first }),
		5 => (account(), para(), 0..4u32, 0..4u32, 1..2_000u64).prop_map(
			|(who, para, a, b, amount)| Op::Bid { who, para, first: a.min(b), last: a.max(b), amount }
		),
		1 => Just(Op::CancelAuction),
		3 => (who(), para(), terms()).prop_map(|(who, para, terms)| Op::Create { who, para, terms }),
		6 => (contributor(), para(), 1..3_000u64)
			.prop_map(|(who, fund, amount)| Op::Contribute { who, fund, amount }),
		1 => (contributor(), para()).prop_map(|(who, fund)| Op::ContributeAll { who, fund }),
		2 => (contributor(), para()).prop_map(|(who, fund)| Op::Withdraw { who, fund }),
		2 => para().prop_map(|fund| Op::Refund { fund }),
		1 => para().prop_map(|fund| Op::Dissolve { fund }),
		1 => (para(), terms()).prop_map(|(fund, terms)| Op::Edit { fund, terms }),
		1 => (contributor(), para(), 0..=40usize)
			.prop_map(|(who, fund, len)| Op::AddMemo { who, fund, len }),
		1 => para().prop_map(|fund| Op::Poke { fund }),
		4 => (thread_bidder(), para(), 1..300u64, prop::bool::weighted(0.1))
			.prop_map(|(who, para, fee, stale)| Op::ThreadBid { who, para, fee, stale }),
		3 => any::<u8>().prop_map(|head| Op::Include { head }),
		8 => (1..=12u64).prop_map(|blocks| Op::Wait { blocks }),
	]
}

pub(super) fn para_id(index: u32) -> ParaId {
	ParaId(2000 + index)
}

pub(super) fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The para of fund `fund`: the `fund % n`-th of the `n` paras with a crowdloan, by id, or
/// `2000 + fund` if none has one.
fn fund_para(fund: u32) -> ParaId {
	let mut paras: Vec<ParaId> = pallet_crowdloan::Funds::<Test>::iter_keys().collect();
	paras.sort();
	match paras.len() {
		0 => para_id(fund),
		n => paras[fund as usize % n],
	}
}

/// The manager of `para`, or account 1.
pub(super) fn manager(para: ParaId) -> AccountId {
	pallet_registrar::Paras::<Test>::get(para).map_or(1, |info| info.manager)
}

fn origin(who: Who, para: ParaId) -> RuntimeOrigin {
	match who {
		Who::Manager => signed(manager(para)),
		Who::Account(who) => signed(who),
	}
}

/// The current lease period (0 before the offset).
pub(super) fn current_period() -> u32 {
	Slots::current_period().unwrap_or(0)
}

/// `terms` made absolute: `(cap, first period, last period, end)`.
fn absolute(terms: Terms) -> (u64, u32, u32, u64) {
	let first = current_period() + terms.first;
	(terms.cap, first, first + terms.span, period_start(first).saturating_sub(terms.before))
}

/// The inclusion inherent with a candidate for every scheduled core; `None` (nothing attempted)
/// when no core is scheduled or an inherent was already entered in this block.
fn include(head: u8) -> Option<DispatchResult> {
	if pallet_inclusion::Included::<Test>::exists()
		|| pallet_inclusion::RelayParents::<Test>::get().is_empty()
	{
		return None;
	}
	let candidates: Vec<_> = Inclusion::core_assignments()
		.iter()
		.enumerate()
		.filter_map(|(core, assignment)| {
			assignment.scheduled_para().map(|para| candidate(para, core as u32, head))
		})
		.collect();
	if candidates.is_empty() {
		return None;
	}
	Some(
		Inclusion::enter(RuntimeOrigin::none(), inclusion_data(candidates))
			.map(|_| ())
			.map_err(|e| e.error),
	)
}

/// Applies `op` and records in `tally` whether it succeeded (waits and empty inclusions are not
/// counted).
pub(super) fn apply(op: &Op, tally: &fuzz::Tally) {
	let root = RuntimeOrigin::root;
	let (kind, result): (&'static str, DispatchResult) = match *op {
		Op::Reserve { who } => ("reserve", Registrar::reserve(signed(who))),
		Op::Register { who, para } => {
			let id = para_id(para);
			("register", Registrar::register(origin(who, id), id, head(), code()))
		},
		Op::Deregister { para, by_root } => {
			let id = para_id(para);
			let origin = if by_root { root() } else { signed(manager(id)) };
			("deregister", Registrar::deregister(origin, id))
		},
		Op::Swap { para, other, both } => {
			let (id, other) = (para_id(para), para_id(other));
			let mut result = Registrar::swap(signed(manager(id)), id, other);
			if both && result.is_ok() {
				result = Registrar::swap(signed(manager(other)), other, id);
			}
			("swap", result)
		},
		Op::RemoveLock { para } => ("remove_lock", Registrar::remove_lock(root(), para_id(para))),
		Op::ForceLease { para, leaser, amount, begin, count } => (
			"force_lease",
			Slots::force_lease(
				root(),
				para_id(para),
				leaser,
				amount,
				current_period() + begin,
				count,
			),
		),
		Op::ClearAllLeases { para } => {
			("clear_all_leases", Slots::clear_all_leases(root(), para_id(para)))
		},
		Op::TriggerOnboard { para } => {
			("trigger_onboard", Slots::trigger_onboard(signed(1), para_id(para)))
		},
		Op::NewAuction { duration, first } => {
			("new_auction", Auctions::new_auction(root(), duration, current_period() + first))
		},
		Op::Bid { who, para, first, last, amount } => {
			let index = pallet_auctions::AuctionCounter::<Test>::get();
			let slot = pallet_auctions::AuctionInfo::<Test>::get().map_or(0, |(period, _)| period);
			let (first, last) = (slot + first, slot + last);
			("bid", Auctions::bid(signed(who), para_id(para), index, first, last, amount))
		},
		Op::CancelAuction => ("cancel_auction", Auctions::cancel_auction(root())),
		Op::Create { who, para, terms } => {
			let id = para_id(para);
			let (cap, first, last, end) = absolute(terms);
			("create", Crowdloan::create(origin(who, id), id, cap, first, last, end, None))
		},
		Op::Contribute { who, fund, amount } => {
			("contribute", Crowdloan::contribute(signed(who), fund_para(fund), amount, None))
		},
		Op::ContributeAll { who, fund } => {
			("contribute_all", Crowdloan::contribute_all(signed(who), fund_para(fund), None))
		},
		Op::Withdraw { who, fund } => {
			("withdraw", Crowdloan::withdraw(signed(who), who, fund_para(fund)))
		},
		Op::Refund { fund } => (
			"refund",
			Crowdloan::refund(signed(1), fund_para(fund)).map(|_| ()).map_err(|e| e.error),
		),
		Op::Dissolve { fund } => {
			let id = fund_para(fund);
			let depositor = pallet_crowdloan::Funds::<Test>::get(id).map_or(1, |f| f.depositor);
			("dissolve", Crowdloan::dissolve(signed(depositor), id))
		},
		Op::Edit { fund, terms } => {
			let (cap, first, last, end) = absolute(terms);
			("edit", Crowdloan::edit(root(), fund_para(fund), cap, first, last, end, None))
		},
		Op::AddMemo { who, fund, len } => {
			("add_memo", Crowdloan::add_memo(signed(who), fund_para(fund), vec![7; len]))
		},
		Op::Poke { fund } => ("poke", Crowdloan::poke(signed(1), fund_para(fund))),
		Op::ThreadBid { who, para, fee, stale } => {
			let id = para_id(para);
			let head_hash = match Paras::current_head_hash(id) {
				Some(hash) if !stale => hash,
				_ => Hash::repeat_byte(0xee),
			};
			("parathread_bid", Parathreads::bid(signed(who), id, fee, head_hash))
		},
		Op::Include { head } => match include(head) {
			Some(result) => ("include", result),
			None => return,
		},
		Op::Wait { blocks } => {
			run_to_block(System::block_number() + blocks);
			return;
		},
	};
	tally.record(kind, &result);
}
