//! Storage invariants, checked by `try_state` (try-runtime) and by the tests after every block.

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks that the current set has between `MinValidators` and `MaxValidators` members, each
	/// listed once. (Session keys are checked when a set is made, not here: an operator may rotate
	/// them later.)
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		Self::check_set(&Validators::<T>::get(), false).map_err(|e| {
			sp_runtime::TryRuntimeError::Other(match e {
				Error::<T>::TooFewValidators => "fewer validators than MinValidators",
				Error::<T>::TooManyValidators => "more validators than MaxValidators",
				Error::<T>::DuplicateValidator => "a validator is listed twice",
				_ => "invalid validator set",
			})
		})
	}
}
