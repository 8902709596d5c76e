//! Benchmarks of the parathreads pallet (frame-benchmarking v2): `bid` into a full book (evicting
//! its lowest bid, or replacing a para's bid), the clearing by bids and by pool cores whose claims
//! expire and are won again, and the service of a claim.
//!
//! The worst case of `on_claim_served` pays the block author a share into a new account; it is
//! measured only if `BlockAuthor` names an author when the benchmark runs (otherwise the price is
//! burned in full, which is cheaper).

// A benchmark whose set-up cannot build its worst case is broken: it panics and says why.
#![allow(clippy::expect_used)]

use sp_runtime::SaturatedConversion;

use super::*;
use core::ops::Range;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{InspectHold, Mutate as _},
	Get, Hooks,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{One, Saturating};

/// Benchmark paras get ids from here on, clear of those a chain spec registers at genesis.
const FIRST_BENCH_ID: u32 = 1_000_000;

fn para(i: u32) -> ParaId {
	ParaId(FIRST_BENCH_ID.saturating_add(i))
}

/// A step between fees: the existential deposit (at least 1).
fn unit<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance().max(One::one())
}

/// The `i`-th fee: the reserve price plus `i` units.
fn fee<T: Config>(i: u32) -> BalanceOf<T> {
	T::ReservePrice::get().saturating_add(unit::<T>().saturating_mul(i.into()))
}

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = unit::<T>()
		.saturating_mul(1_000_000u32.into())
		.saturating_mul(1_000_000u32.into());
	let _ = T::Currency::set_balance(&who, amount);
	who
}

/// Registers `para(i)` for every `i` in `ids` with the largest head and code, live at once.
fn register<T: Config>(ids: Range<u32>) {
	for i in ids {
		let manager = funded::<T>("manager", i);
		T::Registrar::register(
			manager,
			para(i),
			T::Registrar::worst_head_data(),
			T::Registrar::worst_validation_code(),
		)
		.expect("a free id and a funded manager");
	}
	T::Registrar::execute_pending_transitions();
}

fn head_of<T: Config>(id: ParaId) -> Hash {
	T::ParaHeads::current_head_hash(id).expect("a registered para has a head")
}

/// Bids for `para(i)`, `i` in `ids`, by bidder `i` with fee `i`: the last one highest.
fn place_bids<T: Config>(ids: Range<u32>) {
	for i in ids {
		let bidder = funded::<T>("bidder", i);
		Pallet::<T>::do_bid(bidder, para(i), fee::<T>(i), head_of::<T>(para(i)))
			.expect("a valid bid with room in the book");
	}
}

/// A claim of `para(i)` on `core` until `expires_at`, its price on hold.
fn claim<T: Config>(i: u32, core: u32, expires_at: BlockNumberFor<T>) {
	let bidder = funded::<T>("claimant", i);
	let price = fee::<T>(1);
	T::Currency::hold(&HoldReason::Bid.into(), &bidder, price).expect("a funded claimant");
	let head_hash = head_of::<T>(para(i));
	Pallet::<T>::insert_claim(
		core,
		ClaimOf::<T> { para_id: para(i), bidder, price, head_hash, expires_at },
	);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A bid for a new para, the highest, into a full book: it goes first and the lowest bid is
	/// evicted and released.
	#[benchmark]
	fn bid_evicting() {
		let max = T::MaxBidsPerBlock::get();
		register::<T>(0..max.saturating_add(1));
		place_bids::<T>(0..max);
		let bidder = funded::<T>("new bidder", 0);
		let target = para(max);
		let head = head_of::<T>(target);
		let top = fee::<T>(max.saturating_add(1));
		#[extrinsic_call]
		bid(RawOrigin::Signed(bidder.clone()), target, top, head);
		let book = Bids::<T>::get();
		assert_eq!(book.len(), max as usize);
		assert_eq!(book.first().map(|b| b.para_id), Some(target));
		assert!(book.iter().all(|b| b.para_id != para(0)));
		assert_eq!(T::Currency::balance_on_hold(&HoldReason::Bid.into(), &bidder), top);
	}

	/// Another bidder's highest bid for the para of the lowest bid of a full book: the old bid
	/// is released and the new one goes first.
	#[benchmark]
	fn bid_replacing() {
		let max = T::MaxBidsPerBlock::get();
		register::<T>(0..max);
		place_bids::<T>(0..max);
		let bidder = funded::<T>("new bidder", 0);
		let target = para(0);
		let head = head_of::<T>(target);
		let top = fee::<T>(max.saturating_add(1));
		#[extrinsic_call]
		bid(RawOrigin::Signed(bidder.clone()), target, top, head);
		let book = Bids::<T>::get();
		assert_eq!(book.len(), max as usize);
		assert_eq!(book.first().map(|b| (b.para_id, b.bidder.clone())), Some((target, bidder)));
	}

	/// The clearing of `b` bids at block `now`: every pool core holds a claim, `c` of which
	/// expire now (their prices released) and go to the best bids; the rest lose.
	#[benchmark]
	fn on_initialize(
		b: Linear<0, { T::MaxBidsPerBlock::get() }>,
		c: Linear<0, { T::ParathreadCores::get() }>,
	) {
		let cores = T::ParathreadCores::get();
		register::<T>(0..cores.saturating_add(b));
		let now = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::ClaimTtl::get())
			.saturating_add(One::one());
		let later = now.saturating_add(One::one());
		for core in 0..cores {
			claim::<T>(core, core, if core < c { now } else { later });
		}
		frame_system::Pallet::<T>::set_block_number(now.saturating_sub(One::one()));
		place_bids::<T>(cores..cores.saturating_add(b));
		frame_system::Pallet::<T>::set_block_number(now);
		#[block]
		{
			Pallet::<T>::on_initialize(now);
		}
		assert!(Bids::<T>::get().is_empty());
		let claims: u32 = Claims::<T>::iter().count().saturated_into();
		assert_eq!(claims, cores.saturating_sub(c).saturating_add(b.min(c)));
	}

	/// A live claim is served: its price is burned and paid to the block author.
	#[benchmark]
	fn on_claim_served() {
		register::<T>(0..1);
		// Live whatever block the benchmark runs in (the harness may move block 0 to 1).
		let expires_at = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::ClaimTtl::get())
			.saturating_add(One::one());
		claim::<T>(0, 0, expires_at);
		#[block]
		{
			<Pallet<T> as ParathreadClaims>::on_claim_served(0, para(0));
		}
		assert!(Claims::<T>::get(0).is_none());
		assert!(ClaimedCore::<T>::get(para(0)).is_none());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
