//! Types of the auctions pallet.

use crate::{Config, MAX_RANGES};
use frame_support::traits::{fungible::Inspect, ConstU32};
use relay_primitives::ParaId;

/// The balance type of bids.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The leader of one range: bidder, para and amount.
pub type LeaderOf<T> = (<T as frame_system::Config>::AccountId, ParaId, BalanceOf<T>);

/// The leaders of every range of the slot at one sample (index = range index).
pub type WinningData<T> = frame_support::BoundedVec<Option<LeaderOf<T>>, ConstU32<MAX_RANGES>>;
