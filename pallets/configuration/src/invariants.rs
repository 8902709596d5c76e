//! Storage invariants, checked by `try_state` (try-runtime) and by the runtime's tests after
//! every block.

use crate::*;
use frame_support::traits::Get;

impl<T: Config> Pallet<T> {
	/// Checks that the stored configuration is the one the chain's limits give.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		frame_support::ensure!(
			ActiveConfig::<T>::get() == Some(T::HostConfiguration::get()),
			"ActiveConfig differs from the configuration the chain's limits give"
		);
		Ok(())
	}
}
