//! Releasing held funds, the same way in every pallet.

use frame_support::traits::{fungible::MutateHold, tokens::Precision};
use sp_runtime::traits::Zero;

/// Releases `amount` of the funds `who` holds for `reason` (as much as is held) and returns
/// what was released. Less held than `amount` means the pallet's books and the holds disagree,
/// a broken invariant that its `try_state` reports: the release never fails a call or a hook
/// for it, it logs the shortfall as an error under `target`. Nothing happens for zero.
pub fn release_or_log<AccountId, Currency: MutateHold<AccountId>>(
	reason: &Currency::Reason,
	who: &AccountId,
	amount: Currency::Balance,
	target: &str,
) -> Currency::Balance {
	if amount.is_zero() {
		return Zero::zero();
	}
	match Currency::release(reason, who, amount, Precision::BestEffort) {
		Ok(released) if released == amount => released,
		Ok(released) => {
			log::error!(target: target, "released {released:?} of {amount:?} held");
			released
		},
		Err(e) => {
			log::error!(target: target, "could not release {amount:?}: {e:?}");
			Zero::zero()
		},
	}
}
