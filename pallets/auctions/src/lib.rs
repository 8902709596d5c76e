//! # Auctions pallet (in progress)
//!
//! Candle auctions for parachain slots: bids name a range of lease periods within a slot of
//! `LeasePeriodsPerSlot` periods; when the auction closes, the set of disjoint ranges with the
//! greatest total value (amount × periods) wins.
//!
//! This crate holds, so far, the pure core the pallet is built on: [`winners`], slot ranges and
//! the winner calculation, tested against an exhaustive search. The pallet itself (calls,
//! storage, the candle ending, the runtime API) lands with it.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::panic
	)
)]

extern crate alloc;

pub mod winners;
