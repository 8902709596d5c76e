//! Storage invariants, checked by `try_state` (try-runtime) and after every test step.

use crate::*;
use alloc::collections::btree_map::BTreeMap;
use sp_runtime::TryRuntimeError;

impl<T: Config> Pallet<T> {
	/// Checks that
	/// - every stored code's reference count equals its uses (current, past, future, upcoming
	///   genesis), and no code is stored without a use;
	/// - every live para has a head and current code, and nothing else has;
	/// - `Parachains` is sorted and holds exactly the paras scheduled as parachains;
	/// - every onboarding para has its genesis, and every genesis belongs to an onboarding para;
	/// - every scheduled upgrade is listed at its block.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut uses: BTreeMap<ValidationCodeHash, u32> = BTreeMap::new();
		let mut count = |hash: ValidationCodeHash| {
			let entry = uses.entry(hash).or_insert(0);
			*entry = entry.saturating_add(1);
		};
		CurrentCodeHash::<T>::iter_values().for_each(&mut count);
		PastCodeHash::<T>::iter_values().for_each(&mut count);
		FutureCodeHash::<T>::iter_values().for_each(&mut count);
		ensure_that(
			UpcomingParasGenesis::<T>::iter_values().all(|g| g.validation_code.0.is_empty()),
			"a genesis entry holds code (it belongs in CodeByHash)",
		)?;
		for (hash, refs) in CodeByHashRefs::<T>::iter() {
			ensure_that(uses.get(&hash).copied() == Some(refs), "code refcount != uses")?;
			ensure_that(CodeByHash::<T>::contains_key(hash), "counted code is not stored")?;
		}
		ensure_that(
			uses.keys().all(CodeByHashRefs::<T>::contains_key),
			"used code has no refcount",
		)?;
		ensure_that(
			CodeByHash::<T>::iter_keys().all(|hash| CodeByHashRefs::<T>::get(hash) > 0),
			"stored code has no use",
		)?;

		let mut expected_parachains = alloc::vec::Vec::new();
		ensure_that(
			CurrentCodeHash::<T>::iter_keys().all(ParaLifecycles::<T>::contains_key),
			"current code of a para that does not exist",
		)?;
		for (para, state) in ParaLifecycles::<T>::iter() {
			let live = !state.is_onboarding();
			ensure_that(Heads::<T>::contains_key(para) == live, "head iff live")?;
			ensure_that(CurrentCodeHash::<T>::contains_key(para), "a para without current code")?;
			ensure_that(
				UpcomingParasGenesis::<T>::contains_key(para) != live,
				"genesis iff onboarding",
			)?;
			if state.is_parachain() {
				expected_parachains.push(para);
			}
		}
		expected_parachains.sort();
		ensure_that(
			Parachains::<T>::get().into_inner() == expected_parachains,
			"Parachains != paras in a parachain state",
		)?;
		ensure_that(
			Heads::<T>::iter_keys().all(ParaLifecycles::<T>::contains_key),
			"head of a para that does not exist",
		)?;
		ensure_that(
			ParaLifecycles::<T>::count() as usize == ParaLifecycles::<T>::iter_keys().count(),
			"para counter is off",
		)?;
		for (para, at) in FutureCodeUpgrades::<T>::iter() {
			ensure_that(FutureCodeHash::<T>::contains_key(para), "upgrade without code")?;
			ensure_that(
				UpcomingUpgradesAt::<T>::get(at).contains(&para),
				"upgrade not listed at its block",
			)?;
		}
		Ok(())
	}
}

fn ensure_that(condition: bool, error: &'static str) -> Result<(), TryRuntimeError> {
	if condition {
		Ok(())
	} else {
		Err(TryRuntimeError::Other(error))
	}
}
