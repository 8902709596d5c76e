//! The session handler: this pallet owns the `para_validator` session key and keeps the active
//! validators' keys in [`ActiveValidatorKeys`].

use crate::*;
use alloc::vec::Vec;
use frame_support::traits::OneSessionHandler;
use sp_runtime::BoundToRuntimeAppPublic;

impl<T: Config> BoundToRuntimeAppPublic for Pallet<T> {
	type Public = ValidatorId;
}

impl<T: Config> OneSessionHandler<T::AccountId> for Pallet<T> {
	type Key = ValidatorId;

	fn on_genesis_session<'a, I>(validators: I)
	where
		I: Iterator<Item = (&'a T::AccountId, Self::Key)> + 'a,
	{
		Self::set_active_validators(validators.map(|(_, key)| key).collect());
	}

	fn on_new_session<'a, I>(_changed: bool, validators: I, _queued: I)
	where
		I: Iterator<Item = (&'a T::AccountId, Self::Key)> + 'a,
	{
		Self::set_active_validators(validators.map(|(_, key)| key).collect());
	}

	fn on_disabled(_validator_index: u32) {
		// A disabled validator keeps its place in the groups until the next session; its votes
		// still count (no slashing or disabling of backers yet).
	}
}

impl<T: Config> Pallet<T> {
	/// Replaces the active validators' keys (the session handler; tests and benchmarks).
	pub fn set_active_validators(keys: Vec<ValidatorId>) {
		ActiveValidatorKeys::<T>::put(keys);
	}
}
