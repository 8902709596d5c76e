//! Benchmarks of `pallet-validator-set` (frame-benchmarking v2).

// A benchmark whose set-up cannot build its worst case is broken: it panics and says why.
#![allow(clippy::expect_used)]

use super::*;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{EnsureOrigin, Get},
	BoundedVec,
};

fn validator<T: Config>(index: u32) -> T::AccountId {
	let who: T::AccountId = account("validator", index, 0);
	T::SessionKeys::set_keys_for_benchmark(&who);
	who
}

/// Fill the set with `n` validators that have keys.
fn fill<T: Config>(n: u32) {
	let set: Vec<T::AccountId> = (0..n).map(validator::<T>).collect();
	Validators::<T>::put(BoundedVec::truncate_from(set));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn set_validators(
		n: Linear<{ T::MinValidators::get() }, { T::MaxValidators::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin =
			T::ValidatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let set: Vec<T::AccountId> = (0..n).map(validator::<T>).collect();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, set.clone());

		assert_eq!(Validators::<T>::get().into_inner(), set);
		Ok(())
	}

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::ValidatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fill::<T>(T::MaxValidators::get().saturating_sub(1));
		let who = validator::<T>(u32::MAX);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		let origin =
			T::ValidatorOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		fill::<T>(T::MaxValidators::get());
		// The worst case: the last member, found after scanning the whole set.
		let who = validator::<T>(T::MaxValidators::get().saturating_sub(1));

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
