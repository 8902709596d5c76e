//! Benchmarks of the paras pallet (frame-benchmarking v2): the root calls, parameterised by code
//! or head size, and the three pieces of `on_initialize`, parameterised by how many paras they
//! handle.

// A benchmark whose set-up cannot build its worst case is broken: it panics and says why.
#![allow(clippy::expect_used)]

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use relay_primitives::paras::WASM_MAGIC;
use sp_runtime::traits::Saturating;

/// Validation code of `len` bytes (at least the header), different for each `tag`.
fn code_of(len: u32, tag: u32) -> ValidationCode {
	let mut bytes = WASM_MAGIC.to_vec();
	bytes.extend_from_slice(&[1, 0, 0, 0]);
	bytes.extend_from_slice(&tag.to_le_bytes());
	bytes.resize((len as usize).max(bytes.len()), 0);
	ValidationCode(bytes)
}

/// Benchmark paras get ids from here on, clear of those a chain spec registers at genesis.
const FIRST_BENCH_ID: u32 = 1_000_000;

/// The most paras a hook benchmark handles; the weight is linear beyond.
const MAX_BENCH_PARAS: u32 = 200;

fn para(i: u32) -> ParaId {
	ParaId(FIRST_BENCH_ID.saturating_add(i))
}

/// Makes `count` live parathreads, each with its own small code.
fn live_paras<T: Config>(count: u32) {
	for i in 0..count {
		let genesis = ParaGenesisArgs {
			genesis_head: HeadData(vec![1; T::MaxHeadSize::get() as usize]),
			validation_code: code_of(32, i),
			para_kind: ParaKind::Parathread,
		};
		Pallet::<T>::initialize_para_now(para(i), genesis).expect("room for the paras");
	}
}

/// An origin `ForceOrigin` accepts, whatever the runtime configures it to be.
fn privileged_origin<T: Config>() -> <T as frame_system::Config>::RuntimeOrigin {
	T::ForceOrigin::try_successful_origin().expect("ForceOrigin has a successful origin")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn force_set_current_code(c: Linear<8, { T::MaxCodeSize::get() }>) {
		live_paras::<T>(1);
		let new_code = code_of(c, u32::MAX);
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, para(0), new_code.clone());
		assert_eq!(Pallet::<T>::current_code(para(0)), Some(new_code));
	}

	#[benchmark]
	fn force_set_current_head(s: Linear<0, { T::MaxHeadSize::get() }>) {
		live_paras::<T>(1);
		let head = HeadData(vec![7; s as usize]);
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, para(0), head.clone());
		assert_eq!(Heads::<T>::get(para(0)), Some(head));
	}

	#[benchmark]
	fn force_schedule_code_upgrade(c: Linear<8, { T::MaxCodeSize::get() }>) {
		live_paras::<T>(1);
		// Worst case: an upgrade is pending and gets replaced.
		Pallet::<T>::schedule_code_upgrade(para(0), code_of(32, u32::MAX)).expect("para is live");
		let new_code = code_of(c, u32::MAX - 1);
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, para(0), new_code, BlockNumberFor::<T>::from(1u32));
		assert!(FutureCodeHash::<T>::contains_key(para(0)));
	}

	#[benchmark]
	fn force_note_new_head(s: Linear<0, { T::MaxHeadSize::get() }>) {
		live_paras::<T>(1);
		let head = HeadData(vec![7; s as usize]);
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, para(0), head.clone());
		assert_eq!(Heads::<T>::get(para(0)), Some(head));
	}

	#[benchmark]
	fn force_queue_action() {
		live_paras::<T>(1);
		Pallet::<T>::schedule_parathread_upgrade(para(0)).expect("a live parathread");
		let origin = privileged_origin::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, para(0));
		let next = T::CurrentSession::get().saturating_add(1);
		assert!(ActionsQueue::<T>::get(next).contains(&para(0)));
	}

	/// Onboarding `a` paras as parachains at a session boundary (the heaviest action).
	#[benchmark]
	fn apply_actions(a: Linear<0, MAX_BENCH_PARAS>) {
		for i in 0..a {
			let genesis = ParaGenesisArgs {
				genesis_head: HeadData(vec![1; T::MaxHeadSize::get() as usize]),
				validation_code: code_of(32, i),
				para_kind: ParaKind::Parachain,
			};
			Pallet::<T>::schedule_para_initialize(para(i), genesis).expect("room for the paras");
		}
		let session = T::CurrentSession::get().saturating_add(lifecycle::SESSION_DELAY);
		#[block]
		{
			Pallet::<T>::apply_actions_of(session);
		}
		assert!((0..a).all(|i| Parachains::<T>::get().contains(&para(i))));
	}

	#[benchmark]
	fn enact_code_upgrades(u: Linear<0, MAX_BENCH_PARAS>) {
		live_paras::<T>(u);
		for i in 0..u {
			Pallet::<T>::schedule_code_upgrade(para(i), code_of(32, u32::MAX.saturating_sub(i)))
				.expect("para is live");
		}
		let now = frame_system::Pallet::<T>::block_number();
		let at = now
			.saturating_add(T::ValidationUpgradeDelay::get())
			.max(now.saturating_add(1u32.into()));
		#[block]
		{
			Pallet::<T>::enact_code_upgrades(at);
		}
		assert!(FutureCodeUpgrades::<T>::iter().next().is_none());
	}

	#[benchmark]
	fn prune_past_code(p: Linear<0, MAX_BENCH_PARAS>) {
		live_paras::<T>(p);
		for i in 0..p {
			Pallet::<T>::do_force_set_current_code(
				para(i),
				code_of(32, u32::MAX.saturating_sub(i)),
			)
			.expect("para is live");
		}
		let now = frame_system::Pallet::<T>::block_number();
		let at = now.saturating_add(T::CodeRetentionPeriod::get());
		#[block]
		{
			Pallet::<T>::prune_past_code(at);
		}
		assert!(PastCodeHash::<T>::iter().next().is_none());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
