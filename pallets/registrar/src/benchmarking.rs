//! Benchmarks of the registrar (frame-benchmarking v2), each in its worst case: the largest head
//! and code, and for `swap` a parachain swapping with a parathread.

// A benchmark whose set-up cannot build its worst case is broken: it panics and says why.
#![allow(clippy::expect_used)]

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_support::traits::Get;
use frame_system::RawOrigin;
use relay_primitives::{traits::Registrar as _, ParaLifecycle};
use sp_runtime::traits::Saturating;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	// Ten million existential deposits: more than any deposit here, and many accounts can hold
	// that much without the total issuance overflowing.
	let amount = T::Currency::minimum_balance().saturating_mul(10_000_000u32.into());
	let _ = T::Currency::set_balance(&who, amount);
	who
}

/// A para registered by a fresh manager, live as a parathread.
fn live_parathread<T: Config>(index: u32) -> (T::AccountId, ParaId) {
	let who = funded::<T>("manager", index);
	let id = NextFreeParaId::<T>::get();
	Pallet::<T>::do_reserve(who.clone()).expect("funded");
	Pallet::<T>::do_register(
		who.clone(),
		None,
		id,
		Pallet::<T>::worst_head_data(),
		Pallet::<T>::worst_validation_code(),
		true,
	)
	.expect("reserved");
	Pallet::<T>::execute_pending_transitions();
	(who, id)
}

/// An origin `ForceOrigin` accepts, whatever the runtime configures it to be.
fn privileged_origin<T: Config>() -> <T as frame_system::Config>::RuntimeOrigin {
	<T as Config>::ForceOrigin::try_successful_origin()
		.expect("ForceOrigin has a successful origin")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The worst case of the id search: every id it tries but the last is taken by a para the
	/// registrar does not hold (as a forced or genesis one looks to the search), so it reads
	/// both maps `MAX_FREE_ID_PROBES` times.
	#[benchmark]
	fn reserve() {
		let who = funded::<T>("caller", 0);
		let mut id = NextFreeParaId::<T>::get();
		for _ in 1..MAX_FREE_ID_PROBES {
			pallet_paras::ParaLifecycles::<T>::insert(id, ParaLifecycle::Parathread);
			id = id.checked_next().expect("ids are far from the end");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert_eq!(Paras::<T>::get(id).map(|info| info.manager), Some(who));
	}

	#[benchmark]
	fn register() {
		let who = funded::<T>("caller", 0);
		let id = NextFreeParaId::<T>::get();
		Pallet::<T>::do_reserve(who.clone()).expect("funded");
		let head = Pallet::<T>::worst_head_data();
		let code = Pallet::<T>::worst_validation_code();
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, head, code);
		assert_eq!(pallet_paras::Pallet::<T>::lifecycle(id), Some(ParaLifecycle::Onboarding));
	}

	#[benchmark]
	fn force_register() {
		let who = funded::<T>("caller", 0);
		let id = ParaId(1);
		let head = Pallet::<T>::worst_head_data();
		let code = Pallet::<T>::worst_validation_code();
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who, T::ParaDeposit::get(), id, head, code);
		assert_eq!(pallet_paras::Pallet::<T>::lifecycle(id), Some(ParaLifecycle::Onboarding));
	}

	#[benchmark]
	fn deregister() {
		let (who, id) = live_parathread::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert!(!Paras::<T>::contains_key(id));
	}

	#[benchmark]
	fn swap() {
		let (_, chain) = live_parathread::<T>(0);
		let (_, thread) = live_parathread::<T>(1);
		Pallet::<T>::make_parachain(chain).expect("a live parathread");
		Pallet::<T>::execute_pending_transitions();
		Pallet::<T>::do_swap(chain, thread).expect("both live");
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, thread, chain);
		assert_eq!(
			pallet_paras::Pallet::<T>::lifecycle(chain),
			Some(ParaLifecycle::DowngradingParachain)
		);
	}

	#[benchmark]
	fn add_lock() {
		let (who, id) = live_parathread::<T>(0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id);
		assert_eq!(Paras::<T>::get(id).and_then(|info| info.locked), Some(true));
	}

	#[benchmark]
	fn remove_lock() {
		let (_, id) = live_parathread::<T>(0);
		Pallet::<T>::apply_lock(id);
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id);
		assert_eq!(Paras::<T>::get(id).and_then(|info| info.locked), Some(false));
	}

	#[benchmark]
	fn schedule_code_upgrade(b: Linear<9, { <T as pallet_paras::Config>::MaxCodeSize::get() }>) {
		let (who, id) = live_parathread::<T>(0);
		let mut code = Pallet::<T>::worst_validation_code();
		code.0.truncate(b as usize);
		if let Some(byte) = code.0.get_mut(8) {
			*byte = 1; // differs from the current code
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, code);
		assert!(pallet_paras::FutureCodeHash::<T>::contains_key(id));
	}

	#[benchmark]
	fn set_current_head(b: Linear<0, { <T as pallet_paras::Config>::MaxHeadSize::get() }>) {
		let (who, id) = live_parathread::<T>(0);
		let head = HeadData(vec![1; b as usize]);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), id, head.clone());
		assert_eq!(pallet_paras::Heads::<T>::get(id), Some(head));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
