//! The heaviest hooks at the worst case their bounds allow, built through the real calls: each
//! test runs the block that does the work with a storage proof recorded, and checks that the
//! block's `on_initialize` is charged no more than a block holds and at least the proof it
//! needed (the proof-size part of a weight is what a block can be checked against; time is
//! measured by the benchmarks).

use super::{ext_from_preset, next_block, SMALLEST_WASM};
use crate::{
	configs::AUCTION_MAX_RESERVES, Auctions, Authorship, Babe, Balances, BlockNumber, Crowdloan,
	Grandpa, ParaInclusion, Paras, Parathreads, Registrar, Runtime, RuntimeOrigin, Session, Slots,
	Sudo, System, Timestamp, TransactionPayment, Utility, ValidatorSet,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Mutate, OnInitialize},
	weights::Weight,
};
use relay_primitives::{
	constants::currency::UNITS, AccountId, HeadData, ParaId, ParaKind, ValidationCode,
};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_io::TestExternalities;

/// Accounts the tests create: `index` made into 32 bytes.
fn account(index: u32) -> AccountId {
	let mut raw = [7u8; 32];
	raw[..4].copy_from_slice(&index.to_le_bytes());
	AccountId::from(raw)
}

fn funded(index: u32) -> AccountId {
	let who = account(index);
	Balances::set_balance(&who, 1_000_000 * UNITS);
	who
}

/// Makes `para` a live para of `kind` now (as genesis paras are), managed by `manager`.
fn live_para(para: ParaId, kind: ParaKind, manager: AccountId) {
	let genesis = pallet_paras::ParaGenesisArgs {
		genesis_head: HeadData(vec![1]),
		validation_code: ValidationCode(SMALLEST_WASM.to_vec()),
		para_kind: kind,
	};
	assert_ok!(pallet_paras::Pallet::<Runtime>::initialize_para_now(para, genesis));
	pallet_registrar::Paras::<Runtime>::insert(
		para,
		pallet_registrar::ParaInfo { manager, deposit: 0, locked: None },
	);
}

/// What one hook was charged and the storage proof it needed.
struct Measured {
	charged: Weight,
	proof_bytes: u64,
}

/// The hooks of the pallets before `Slots` in the runtime, and after it.
type BeforeSlots =
	(System, Babe, Timestamp, Balances, TransactionPayment, Authorship, ValidatorSet, Session);
type BeforeSlots2 = (Grandpa, Utility, Sudo, Paras, Registrar);
type AfterAuctions = (Crowdloan, Parathreads, ParaInclusion);

/// Starts the next block as [`next_block`] does ([`super::start_next_block`]), runs the hooks of the pallets before
/// `Slots` and, if `auction`, Slots' own, then `hook` alone (Slots' or Auctions') with a storage
/// proof recorded.
fn measure_hook(
	ext: &mut TestExternalities,
	auction: bool,
	hook: fn(BlockNumber) -> Weight,
) -> Measured {
	let next = ext.execute_with(|| {
		let next = super::start_next_block();
		BeforeSlots::on_initialize(next);
		BeforeSlots2::on_initialize(next);
		if auction {
			Slots::on_initialize(next);
		}
		next
	});
	ext.commit_all().expect("the overlay commits");
	let (charged, proof) = ext.execute_and_prove(|| hook(next));
	Measured { charged, proof_bytes: proof.encoded_size() as u64 }
}

/// Ends a block [`measure_hook`] started: the hooks of the pallets after the measured one, then
/// the inherents.
fn finish_block(ext: &mut TestExternalities, auction: bool) {
	ext.execute_with(|| {
		let now = System::block_number();
		if !auction {
			Auctions::on_initialize(now);
		}
		AfterAuctions::on_initialize(now);
		pallet_timestamp::Pallet::<Runtime>::set_timestamp(
			u64::from(now) * crate::configs::SLOT_DURATION,
		);
		assert_ok!(ParaInclusion::enter(RuntimeOrigin::none(), super::inclusion_data(vec![])));
	});
}

/// The hook fits a block, and what it was charged covers the proof it needed.
fn check(label: &str, hook: &Measured) {
	let limit = <Runtime as frame_system::Config>::BlockWeights::get().max_block;
	println!(
		"{label}: charged {} ps ({:.1}% of a block's {} ps) and {} proof bytes; needed {} \
		 proof bytes",
		hook.charged.ref_time(),
		hook.charged.ref_time() as f64 * 100.0 / limit.ref_time() as f64,
		limit.ref_time(),
		hook.charged.proof_size(),
		hook.proof_bytes,
	);
	assert!(hook.charged.all_lte(limit), "{label}: charged {:?} > block {:?}", hook.charged, limit);
	assert!(
		hook.proof_bytes <= hook.charged.proof_size(),
		"{label}: needed {} proof bytes, charged {}",
		hook.proof_bytes,
		hook.charged.proof_size()
	);
}

/// An auction whose every sample has a different leader in every range and that holds
/// `MaxReserves` bid deposits: its close is the heaviest `on_initialize` of the auctions pallet.
#[test]
fn an_auction_close_at_max_reserves_fits_its_charge_and_the_block() {
	let mut ext = ext_from_preset(DEV_RUNTIME_PRESET);
	ext.execute_with(|| {
		let periods = <Runtime as pallet_auctions::Config>::LeasePeriodsPerSlot::get();
		let ranges = pallet_auctions::winners::range_count(periods);
		let manager = funded(0);
		for r in 0..ranges {
			live_para(ParaId(3_000 + r), ParaKind::Parathread, manager.clone());
		}
		let (current, _) = Slots::lease_period_index(System::block_number()).unwrap();
		assert_ok!(Auctions::new_auction(RuntimeOrigin::root(), 2, current + 1));
		let index = pallet_auctions::AuctionCounter::<Runtime>::get();
		// A leader in every range, each for its own para.
		for r in 0..ranges {
			let (first, last) = pallet_auctions::winners::range_of(r, periods).unwrap();
			let bidder = RuntimeOrigin::signed(funded(1 + r));
			let amount = u128::from(r + 1) * UNITS;
			let (first, last) = (current + 1 + first, current + 1 + last);
			assert_ok!(Auctions::bid(bidder, ParaId(3_000 + r), index, first, last, amount));
		}
		// The ending period: each new bidder outbids the last in range 0, so every deposit
		// stays held, up to the bound.
		while !matches!(
			Auctions::status_at(System::block_number()),
			relay_primitives::traits::AuctionStatus::EndingPeriod(..)
		) {
			next_block();
		}
		let mut who = 1_000;
		let mut amount = 1_000 * UNITS;
		while pallet_auctions::ReservedAmounts::<Runtime>::count() < AUCTION_MAX_RESERVES {
			let bidder = RuntimeOrigin::signed(funded(who));
			let para = ParaId(3_000 + who % ranges);
			assert_ok!(Auctions::bid(bidder, para, index, current + 1, current + 1, amount));
			who += 1;
			amount += UNITS;
		}
		let one_more = RuntimeOrigin::signed(funded(who));
		assert_noop!(
			Auctions::bid(one_more, ParaId(3_000), index, current + 1, current + 1, amount),
			pallet_auctions::Error::<Runtime>::TooManyReserves
		);
	});
	// Every sample is copied as the ending period goes on; the close comes with randomness.
	let ends = ext.execute_with(|| Auctions::bidding_end().unwrap());
	for _ in 0..1_000 {
		if ext.execute_with(|| System::block_number() + 1 < ends) {
			ext.execute_with(next_block);
			continue;
		}
		let hook = measure_hook(&mut ext, true, Auctions::on_initialize);
		if ext.execute_with(pallet_auctions::AuctionInfo::<Runtime>::exists) {
			finish_block(&mut ext, true);
			continue;
		}
		ext.execute_with(|| {
			assert_eq!(pallet_auctions::ReservedAmounts::<Runtime>::count(), 0);
			assert_ok!(Auctions::do_try_state());
		});
		check("auction close", &hook);
		finish_block(&mut ext, true);
		ext.execute_with(|| {
			assert_ok!(Slots::do_try_state());
		});
		return;
	}
	panic!("the auction did not close within 1,000 blocks");
}

/// `MaxParas` paras, each a parachain whose lease ends at the same period start: the heaviest
/// `on_initialize` of the slots pallet (every lease visited, every one ending, every para
/// scheduled to become a parathread).
#[test]
fn a_lease_period_start_with_max_paras_ending_fits_its_charge_and_the_block() {
	let mut ext = ext_from_preset(DEV_RUNTIME_PRESET);
	let period_start = ext.execute_with(|| {
		let max = <Runtime as pallet_paras::Config>::MaxParas::get();
		let manager = funded(0);
		let (current, _) = Slots::lease_period_index(System::block_number()).unwrap();
		let mut i = 0;
		while pallet_paras::Pallet::<Runtime>::para_count() < max {
			let para = ParaId(3_000 + i);
			live_para(para, ParaKind::Parachain, manager.clone());
			let leaser = funded(1 + i);
			assert_ok!(Slots::force_lease(RuntimeOrigin::root(), para, leaser, UNITS, current, 1));
			i += 1;
		}
		let (length, offset) =
			<Slots as relay_primitives::traits::Leaser<_>>::lease_period_length();
		offset + (current + 1) * length
	});
	while ext.execute_with(|| System::block_number() + 1 < period_start) {
		ext.execute_with(next_block);
	}
	let hook = measure_hook(&mut ext, false, Slots::on_initialize);
	check("lease period start", &hook);
	finish_block(&mut ext, false);
	ext.execute_with(|| {
		// Only the example parachain's genesis lease goes on; the others became parathreads.
		assert_eq!(pallet_slots::Leases::<Runtime>::iter_keys().count(), 1);
		assert_ok!(Slots::do_try_state());
	});
}

/// `registrar.reserve` when every id it may try but the last is taken (by paras registered ahead
/// of `NextFreeParaId`, as forced ones are): its search is bounded, and its weight covers it.
#[test]
fn a_reserve_that_searches_every_id_it_may_fits_its_charge() {
	use pallet_registrar::{WeightInfo, MAX_FREE_ID_PROBES};
	let mut ext = ext_from_preset(DEV_RUNTIME_PRESET);
	let (who, last) = ext.execute_with(|| {
		let manager = funded(0);
		let first = pallet_registrar::NextFreeParaId::<Runtime>::get();
		let mut id = first;
		// The genesis paras may be among them already.
		while id.0 < first.0 + MAX_FREE_ID_PROBES - 1 {
			if !pallet_paras::Pallet::<Runtime>::is_valid_para(id) {
				live_para(id, ParaKind::Parathread, manager.clone());
				pallet_registrar::Paras::<Runtime>::remove(id);
			}
			id = ParaId(id.0 + 1);
		}
		(funded(1), id)
	});
	ext.commit_all().expect("the overlay commits");
	let (result, proof) =
		ext.execute_and_prove(|| Registrar::reserve(RuntimeOrigin::signed(who.clone())));
	assert_ok!(result);
	let hook = Measured {
		charged: <Runtime as pallet_registrar::Config>::WeightInfo::reserve(),
		proof_bytes: proof.encoded_size() as u64,
	};
	check("reserve after 31 taken ids", &hook);
	ext.execute_with(|| {
		assert_eq!(
			pallet_registrar::Paras::<Runtime>::get(last).map(|info| info.manager),
			Some(who)
		);
	});
}
