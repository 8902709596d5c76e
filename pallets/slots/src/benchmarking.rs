//! Benchmarks of the slots pallet (frame-benchmarking v2): the three calls in their worst case
//! and the lease-period-start hook, parameterised by the number of paras whose lease starts (`c`)
//! and ends (`t`).

// A benchmark whose set-up cannot build its worst case is broken: it panics and says why.
#![allow(clippy::expect_used)]

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::Get;
use frame_support::traits::{fungible::Inspect, EnsureOrigin};
use frame_system::RawOrigin;
use relay_primitives::{paras::WASM_MAGIC, HeadData, ValidationCode};
use sp_runtime::traits::Saturating;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	// Ten million existential deposits: more than any deposit here, and many accounts can hold
	// that much without the total issuance overflowing.
	let amount = T::Currency::minimum_balance().saturating_mul(10_000_000u32.into());
	let _ = T::Currency::set_balance(&who, amount);
	who
}

/// Benchmark paras get ids from here on, clear of those a chain spec registers at genesis.
const FIRST_BENCH_ID: u32 = 1_000_000;

fn para(i: u32) -> ParaId {
	ParaId(FIRST_BENCH_ID.saturating_add(i))
}

/// Registers `para(i)` for a fresh manager (small code; the code size does not matter here).
fn register<T: Config>(i: u32) {
	let manager = funded::<T>("manager", i);
	let mut code = WASM_MAGIC.to_vec();
	code.extend_from_slice(&[1, 0, 0, 0]);
	T::Registrar::register(manager, para(i), HeadData(vec![1]), ValidationCode(code))
		.expect("a free id and a funded manager");
}

/// Moves to the first block of the current lease period, so periods can be counted from here.
fn at_period_start<T: Config>() -> LeasePeriodIndex {
	let (length, offset) = Pallet::<T>::lease_period_length();
	let now = frame_system::Pallet::<T>::block_number().max(offset);
	let (period, _) = Pallet::<T>::lease_period_index(now).expect("after the offset");
	let start = offset.saturating_add(length.saturating_mul(period.into()));
	frame_system::Pallet::<T>::set_block_number(start);
	period
}

/// An origin `ForceOrigin` accepts, whatever the runtime configures it to be.
fn privileged_origin<T: Config>() -> <T as frame_system::Config>::RuntimeOrigin {
	T::ForceOrigin::try_successful_origin().expect("ForceOrigin has a successful origin")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn force_lease() {
		let period = at_period_start::<T>();
		register::<T>(0);
		T::Registrar::execute_pending_transitions();
		let leaser = funded::<T>("leaser", 0);
		let amount = T::Currency::minimum_balance();
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, para(0), leaser.clone(), amount, period, 1);
		assert_eq!(Pallet::<T>::deposit_held(para(0), &leaser), amount);
	}

	#[benchmark]
	fn manage_lease_period_start(c: Linear<0, 100>, t: Linear<0, 100>) {
		let period = at_period_start::<T>();
		let amount = T::Currency::minimum_balance();
		// `t` parachains whose lease ends with this period.
		for i in 0..t {
			register::<T>(i);
		}
		T::Registrar::execute_pending_transitions();
		for i in 0..t {
			let leaser = funded::<T>("leaser", i);
			Pallet::<T>::lease_out(para(i), &leaser, amount, period, 1).expect("free periods");
		}
		T::Registrar::execute_pending_transitions();
		// `c` parathreads whose lease starts with the next period.
		for i in t..t.saturating_add(c) {
			register::<T>(i);
		}
		T::Registrar::execute_pending_transitions();
		for i in t..t.saturating_add(c) {
			let leaser = funded::<T>("leaser", i);
			let next = period.saturating_add(1);
			Pallet::<T>::lease_out(para(i), &leaser, amount, next, 1).expect("free periods");
		}
		let (length, _) = Pallet::<T>::lease_period_length();
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(length));
		#[block]
		{
			Pallet::<T>::manage_lease_period_start(period.saturating_add(1));
		}
		assert!((t..t.saturating_add(c)).all(|i| !Leases::<T>::get(para(i)).is_empty()));
		assert!((0..t).all(|i| Leases::<T>::get(para(i)).is_empty()));
	}

	#[benchmark]
	fn clear_all_leases() {
		let period = at_period_start::<T>();
		let amount = T::Currency::minimum_balance();
		register::<T>(0);
		T::Registrar::execute_pending_transitions();
		// A parachain (its first lease is for this period) with a leaser per period.
		for i in 0..T::MaxLeasePeriods::get() {
			let leaser = funded::<T>("leaser", i);
			Pallet::<T>::lease_out(para(0), &leaser, amount, period.saturating_add(i), 1)
				.expect("free periods");
		}
		T::Registrar::execute_pending_transitions();
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, para(0));
		assert!(Leases::<T>::get(para(0)).is_empty());
	}

	#[benchmark]
	fn trigger_onboard() {
		let period = at_period_start::<T>();
		let leaser = funded::<T>("leaser", 0);
		// Leased while it was becoming a parachain (so not onboarded by the lease), then
		// downgraded: a parathread holding a lease now.
		register::<T>(0);
		T::Registrar::execute_pending_transitions();
		T::Registrar::make_parachain(para(0)).expect("a live parathread");
		Pallet::<T>::lease_out(para(0), &leaser, T::Currency::minimum_balance(), period, 1)
			.expect("free periods");
		T::Registrar::execute_pending_transitions();
		T::Registrar::make_parathread(para(0)).expect("a live parachain");
		T::Registrar::execute_pending_transitions();
		assert!(T::Registrar::is_parathread(para(0)));
		let caller = funded::<T>("caller", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), para(0));
		assert!(!T::Registrar::is_parathread(para(0)));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
