//! Benchmarks of the auctions pallet (frame-benchmarking v2): the three calls in their worst
//! case and the close, with every sample of the ending period holding a leader in every range
//! (3,600 samples × 36 ranges on our chains, as on Polkadot) and, for the close and the cancel,
//! `MaxReserves` bid deposits to release.

// A benchmark whose set-up cannot build its worst case is broken: it panics and says why.
#![allow(clippy::expect_used)]

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, InspectHold},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use relay_primitives::{paras::WASM_MAGIC, HeadData, ValidationCode};
use sp_runtime::traits::{CheckedDiv, One, Saturating};

/// Benchmark paras get ids from here on, clear of those a chain spec registers at genesis.
const FIRST_BENCH_ID: u32 = 1_000_000;

fn para(i: u32) -> ParaId {
	ParaId(FIRST_BENCH_ID.saturating_add(i))
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::Currency::minimum_balance().saturating_mul(10_000_000u32.into());
	let _ = T::Currency::set_balance(&who, amount);
	who
}

/// Registers `para(i)` (small code: the code does not matter here), live at once.
fn register<T: Config>(i: u32) {
	let manager = funded::<T>("manager", i);
	let mut code = WASM_MAGIC.to_vec();
	code.extend_from_slice(&[1, 0, 0, 0]);
	T::Registrar::register(manager, para(i), HeadData(vec![1]), ValidationCode(code))
		.expect("a free id and a funded manager");
}

/// Starts an auction of the slot after the current lease period, with an opening period of
/// one block; returns the slot's first period.
fn start_auction<T: Config>() -> LeasePeriodIndex {
	let now = frame_system::Pallet::<T>::block_number();
	let first = T::Leaser::lease_period_index(now).map_or(0, |(p, _)| p.saturating_add(1));
	Pallet::<T>::do_new_auction(One::one(), first).expect("no auction runs");
	first
}

/// Fills every range of sample 0 with a bid by a different bidder for a different para (one
/// more per range than the last, so each range leads), then copies it to every sample.
fn fill_winners<T: Config>(slot_start: LeasePeriodIndex) {
	let periods = T::LeasePeriodsPerSlot::get();
	let ranges = winners::range_count(periods);
	for r in 0..ranges {
		register::<T>(r);
	}
	T::Registrar::execute_pending_transitions();
	let index = AuctionCounter::<T>::get();
	for r in 0..ranges {
		let (first, last) = winners::range_of(r, periods).expect("a range of the slot");
		let bidder = funded::<T>("bidder", r);
		let amount = T::Currency::minimum_balance().saturating_mul((r.saturating_add(1)).into());
		Pallet::<T>::handle_bid(
			bidder,
			para(r),
			index,
			slot_start.saturating_add(first),
			slot_start.saturating_add(last),
			amount,
		)
		.expect("a valid leading bid");
	}
	let leaders = Winning::<T>::get(BlockNumberFor::<T>::zero()).expect("bids were placed");
	let samples = sample_count::<T>();
	let mut sample = BlockNumberFor::<T>::one();
	while sample < samples {
		Winning::<T>::insert(sample, leaders.clone());
		sample.saturating_inc();
	}
}

/// Adds bid deposits by new bidders until the auction holds `MaxReserves` of them (as bidders
/// outbid in the ending period leave them), the most a close or cancel releases.
fn fill_reserves<T: Config>() {
	let amount = T::Currency::minimum_balance();
	let mut i = 0u32;
	while ReservedAmounts::<T>::count() < T::MaxReserves::get() {
		let bidder = funded::<T>("outbid", i);
		T::Currency::hold(&HoldReason::AuctionBid.into(), &bidder, amount)
			.expect("a funded bidder");
		ReservedAmounts::<T>::insert((bidder, para(i)), amount);
		i.saturating_inc();
	}
}

fn sample_count<T: Config>() -> BlockNumberFor<T> {
	let length = T::SampleLength::get().max(One::one());
	let ending = T::EndingPeriod::get().saturating_add(length).saturating_sub(One::one());
	ending.checked_div(&length).unwrap_or_else(Zero::zero)
}

use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

/// An origin `InitiateOrigin` accepts, whatever the runtime configures it to be.
fn privileged_origin<T: Config>() -> <T as frame_system::Config>::RuntimeOrigin {
	T::InitiateOrigin::try_successful_origin().expect("InitiateOrigin has a successful origin")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn new_auction() -> Result<(), BenchmarkError> {
		let origin =
			T::InitiateOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let now = frame_system::Pallet::<T>::block_number();
		let first = T::Leaser::lease_period_index(now).map_or(0, |(p, _)| p.saturating_add(1));
		let duration = T::EndingPeriod::get();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, duration, first);
		assert_eq!(AuctionCounter::<T>::get(), 1);
		Ok(())
	}

	/// A bid that displaces the leader of its range in the opening period, whose deposit is
	/// released, and holds more of the new bidder's funds.
	#[benchmark]
	fn bid() {
		let slot_start = start_auction::<T>();
		fill_winners::<T>(slot_start);
		let periods = T::LeasePeriodsPerSlot::get();
		let last_range = winners::range_count(periods).saturating_sub(1);
		let (first, last) = winners::range_of(last_range, periods).expect("a range");
		let bidder = funded::<T>("new bidder", 0);
		let amount = T::Currency::minimum_balance().saturating_mul(1_000_000u32.into());
		let index = AuctionCounter::<T>::get();
		let target = para(0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(bidder.clone()),
			target,
			index,
			slot_start.saturating_add(first),
			slot_start.saturating_add(last),
			amount,
		);
		assert_eq!(T::Currency::balance_on_hold(&HoldReason::AuctionBid.into(), &bidder), amount);
	}

	#[benchmark]
	fn cancel_auction() {
		let slot_start = start_auction::<T>();
		fill_winners::<T>(slot_start);
		fill_reserves::<T>();
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);
		assert!(AuctionInfo::<T>::get().is_none());
	}

	/// The close: a random sample of a full ending period wins; `MaxReserves` bid deposits are
	/// released and the winners are leased their ranges.
	#[benchmark]
	fn on_initialize() {
		let slot_start = start_auction::<T>();
		fill_winners::<T>(slot_start);
		fill_reserves::<T>();
		let seed = [0u8; 32];
		#[block]
		{
			Pallet::<T>::close_auction(&seed);
		}
		assert!(AuctionInfo::<T>::get().is_none());
		assert_eq!(ReservedAmounts::<T>::iter().count(), 0);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
