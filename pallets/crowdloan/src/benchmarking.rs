//! Benchmarks of the crowdloan pallet (frame-benchmarking v2): every call in its worst case
//! (funds with an ed25519 verifier, the costliest signature to check), `refund` by the number of
//! contributors paid back (`k`, up to `RemoveKeysLimit`), and the ending-period hook by the
//! number of funds bidding (`n`).
//!
//! Only the `Registrar` and `Auctioneer` traits and frame-system's block number are used, so the
//! same code runs against the mock and the runtime. The externalities need a keystore (the
//! benchmark CLI registers one) for the verifier's signatures.

// A benchmark whose set-up cannot build its worst case is broken: it panics and says why.
#![allow(clippy::expect_used)]

use super::*;
use alloc::{vec, vec::Vec};
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_support::traits::{fungible::Mutate, Get, Hooks};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Bounded, CheckedDiv, One, Saturating, Zero};

/// Benchmark paras get ids from here on, clear of those a chain spec registers at genesis.
const FIRST_BENCH_ID: u32 = 1_000_000;

fn para(i: u32) -> ParaId {
	ParaId(FIRST_BENCH_ID.saturating_add(i))
}

/// Gives `who` a balance far above any deposit or contribution here; a million accounts can
/// hold that much without the total issuance overflowing.
fn endow<T: Config>(who: &T::AccountId) {
	let share = BalanceOf::<T>::from(1u32 << 20);
	let amount = BalanceOf::<T>::max_value().checked_div(&share).unwrap_or_default();
	T::Currency::set_balance(who, amount);
}

fn verifier() -> MultiSigner {
	crypto::verifier_key(b"//verifier")
}

/// The terms of a fund that can win now: the next lease period, the whole slot, contributions
/// until the period starts.
fn terms<T: Config>() -> (LeasePeriodIndex, LeasePeriodIndex, BlockNumberFor<T>) {
	let now = frame_system::Pallet::<T>::block_number();
	let first = Pallet::<T>::lease_period_at(now).map_or(0, |current| current.saturating_add(1));
	let last = first.saturating_add(T::Auctioneer::lease_periods_per_slot().saturating_sub(1));
	(first, last, Pallet::<T>::period_start(first))
}

/// Registers `para(i)` with the largest head and code, for a funded manager.
fn register<T: Config>(i: u32) -> T::AccountId {
	let manager: T::AccountId = account("manager", i, 0);
	endow::<T>(&manager);
	let head = T::Registrar::worst_head_data();
	let code = T::Registrar::worst_validation_code();
	T::Registrar::register(manager.clone(), para(i), head, code).expect("a free id");
	manager
}

/// Creates a fund for `para(i)` with a verifier and no cap.
fn create_fund<T: Config>(i: u32) -> ParaId {
	let manager = register::<T>(i);
	T::Registrar::execute_pending_transitions();
	let (first, last, end) = terms::<T>();
	let cap = BalanceOf::<T>::max_value();
	let origin = RawOrigin::Signed(manager).into();
	Pallet::<T>::create(origin, para(i), cap, first, last, end, Some(verifier()))
		.expect("valid terms");
	para(i)
}

/// `who` contributes `value` (signed by the verifier) to the fund of `index`.
fn contribute_to<T: Config>(who: &T::AccountId, index: ParaId, value: BalanceOf<T>) {
	endow::<T>(who);
	let fund = Funds::<T>::get(index).expect("a fund");
	let (old, _) = Pallet::<T>::contribution_get(fund.fund_index, who);
	let signature = crypto::sign(&verifier(), &(index, who, old, value).encode());
	let origin = RawOrigin::Signed(who.clone()).into();
	Pallet::<T>::contribute(origin, index, value, Some(signature)).expect("open fund");
}

/// Moves to the fund's `end`: it no longer takes contributions and can be paid back.
fn end_fund<T: Config>(index: ParaId) {
	let end = Funds::<T>::get(index).expect("a fund").end;
	frame_system::Pallet::<T>::set_block_number(end);
}

fn assert_last_event<T: Config>(event: Event<T>) {
	frame_system::Pallet::<T>::assert_last_event(<T as frame_system::Config>::RuntimeEvent::from(
		event,
	));
}

/// An origin `EditOrigin` accepts, whatever the runtime configures it to be.
fn privileged_origin<T: Config>() -> <T as frame_system::Config>::RuntimeOrigin {
	T::EditOrigin::try_successful_origin().expect("EditOrigin has a successful origin")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create() {
		let manager = register::<T>(0);
		T::Registrar::execute_pending_transitions();
		let (first, last, end) = terms::<T>();
		let cap = BalanceOf::<T>::max_value();
		#[extrinsic_call]
		_(RawOrigin::Signed(manager), para(0), cap, first, last, end, Some(verifier()));
		assert_last_event::<T>(Event::Created { para_id: para(0) });
	}

	// Before or in an ending period, the work is the same.
	#[benchmark]
	fn contribute() {
		let index = create_fund::<T>(0);
		let caller: T::AccountId = whitelisted_caller();
		endow::<T>(&caller);
		let value = T::MinContribution::get();
		let signature =
			crypto::sign(&verifier(), &(index, &caller, BalanceOf::<T>::zero(), value).encode());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), index, value, Some(signature));
		assert_last_event::<T>(Event::Contributed {
			who: caller,
			fund_index: index,
			amount: value,
		});
		assert_eq!(NewRaise::<T>::get(), vec![index]);
	}

	#[benchmark]
	fn contribute_all() {
		let index = create_fund::<T>(0);
		let caller: T::AccountId = whitelisted_caller();
		endow::<T>(&caller);
		let value = Pallet::<T>::transferable(&caller);
		let signature =
			crypto::sign(&verifier(), &(index, &caller, BalanceOf::<T>::zero(), value).encode());
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), index, Some(signature));
		assert_last_event::<T>(Event::Contributed {
			who: caller,
			fund_index: index,
			amount: value,
		});
	}

	#[benchmark]
	fn withdraw() {
		let index = create_fund::<T>(0);
		let contributor: T::AccountId = account("contributor", 0, 0);
		let value = T::MinContribution::get();
		contribute_to::<T>(&contributor, index, value);
		end_fund::<T>(index);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), contributor.clone(), index);
		let fund_index = Funds::<T>::get(index).expect("a fund").fund_index;
		let who = contributor;
		assert_last_event::<T>(Event::Refunded { who, para_id: index, fund_index, amount: value });
	}

	// Pays back `k` contributors, all there are. Which contributors does not change the cost;
	// their ids come from the bottom of the id range for even `k` and from the top for odd `k`,
	// so every contributor's child-trie key is touched at more than one `k` (the benchmark CLI
	// fits a proof size per storage key and cannot fit one seen at a single `k`).
	#[benchmark]
	fn refund(k: Linear<0, { T::RemoveKeysLimit::get() }>) {
		let index = create_fund::<T>(0);
		let first =
			if k.is_multiple_of(2) { 0 } else { T::RemoveKeysLimit::get().saturating_sub(k) };
		for i in first..first.saturating_add(k) {
			contribute_to::<T>(&account("contributor", i, 0), index, T::MinContribution::get());
		}
		end_fund::<T>(index);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), index);
		assert_last_event::<T>(Event::AllRefunded { para_id: index });
		assert!(Funds::<T>::get(index).expect("a fund").raised.is_zero());
	}

	// With dust in the pot to burn, by someone other than the depositor after `end`.
	#[benchmark]
	fn dissolve() {
		let index = create_fund::<T>(0);
		let fund = Funds::<T>::get(index).expect("a fund");
		let pot = Pallet::<T>::fund_account_id(fund.fund_index);
		T::Currency::set_balance(&pot, T::Currency::minimum_balance());
		end_fund::<T>(index);
		let caller: T::AccountId = whitelisted_caller();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), index);
		assert_last_event::<T>(Event::Dissolved { para_id: index });
		assert!(T::Currency::balance(&pot).is_zero());
	}

	#[benchmark]
	fn edit() {
		let index = create_fund::<T>(0);
		let (first, last, end) = terms::<T>();
		let cap = BalanceOf::<T>::max_value();
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, index, cap, first, last, end, Some(verifier()));
		assert_last_event::<T>(Event::Edited { para_id: index });
	}

	#[benchmark]
	fn add_memo() {
		let index = create_fund::<T>(0);
		let caller: T::AccountId = whitelisted_caller();
		contribute_to::<T>(&caller, index, T::MinContribution::get());
		let memo: Vec<u8> = vec![42; T::MaxMemoLength::get() as usize];
		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), index, memo.clone());
		let fund_index = Funds::<T>::get(index).expect("a fund").fund_index;
		assert_eq!(Pallet::<T>::contribution_get(fund_index, &caller).1, memo);
	}

	#[benchmark]
	fn poke() {
		let index = create_fund::<T>(0);
		let caller: T::AccountId = whitelisted_caller();
		contribute_to::<T>(&caller, index, T::MinContribution::get());
		NewRaise::<T>::kill();
		#[extrinsic_call]
		_(RawOrigin::Signed(caller), index);
		assert_last_event::<T>(Event::AddedToNewRaise { para_id: index });
	}

	// The first block of an ending period, with `n` funds in `NewRaise`, each outbidding the
	// previous one on the same periods.
	#[benchmark]
	fn on_initialize(n: Linear<1, 100>) {
		for i in 0..n {
			let index = create_fund::<T>(i);
			let value = T::MinContribution::get().saturating_mul(i.saturating_add(1).into());
			contribute_to::<T>(&account("contributor", i, 0), index, value);
		}
		assert_eq!(NewRaise::<T>::get().len(), n as usize);
		let (first, _, _) = terms::<T>();
		let duration = BlockNumberFor::<T>::one();
		T::Auctioneer::new_auction(duration, first).expect("no auction runs");
		let ending = frame_system::Pallet::<T>::block_number().saturating_add(duration);
		frame_system::Pallet::<T>::set_block_number(ending);
		let zero = BlockNumberFor::<T>::zero();
		assert_eq!(T::Auctioneer::auction_status(ending).is_ending(), Some((&zero, &zero)));
		let endings = EndingsCount::<T>::get();
		#[block]
		{
			Pallet::<T>::on_initialize(ending);
		}
		assert_eq!(EndingsCount::<T>::get(), endings.saturating_add(1));
		assert!(NewRaise::<T>::get().is_empty());
		let result = Ok(());
		assert_last_event::<T>(Event::HandleBidResult {
			para_id: para(n.saturating_sub(1)),
			result,
		});
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
