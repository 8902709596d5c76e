//! Types of the slots pallet.

use crate::Config;
use frame_support::traits::fungible::Inspect;

/// The balance type of deposits.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// One lease period of a para: who leases it and for how much (`None`: a gap).
pub type LeaseOf<T> = Option<(<T as frame_system::Config>::AccountId, BalanceOf<T>)>;
