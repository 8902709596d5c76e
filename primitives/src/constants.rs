//! Time and currency units. Every duration and amount in the runtime is written in these, so no
//! magic numbers appear elsewhere.

/// Time units, in blocks and milliseconds.
pub mod time {
	use crate::{BlockNumber, Moment};

	/// The target block time, in milliseconds. BABE's slot duration equals it.
	pub const MILLISECS_PER_BLOCK: Moment = 6_000;

	/// The BABE slot duration, in milliseconds.
	pub const SLOT_DURATION: Moment = MILLISECS_PER_BLOCK;

	/// Blocks in one minute.
	pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
	/// Blocks in one hour.
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// Blocks in one day.
	pub const DAYS: BlockNumber = HOURS * 24;

	/// The chance that a BABE slot has a primary author is `PRIMARY_PROBABILITY.0 /
	/// PRIMARY_PROBABILITY.1` (Polkadot's 1/4); the other slots get a secondary author.
	pub const PRIMARY_PROBABILITY: (u64, u64) = (1, 4);
}

/// Currency units, in plancks.
pub mod currency {
	use crate::Balance;

	/// Decimals of the token: one unit is `10^TOKEN_DECIMALS` plancks (Polkadot's 10).
	pub const TOKEN_DECIMALS: u8 = 10;
	/// The token symbol wallets show.
	pub const TOKEN_SYMBOL: &str = "RLY";
	/// The SS58 address prefix (42 = the generic Substrate prefix, which every wallet knows).
	pub const SS58_PREFIX: u16 = 42;

	/// One unit of the token.
	pub const UNITS: Balance = 10_000_000_000;
	/// A hundredth of a unit.
	pub const CENTS: Balance = UNITS / 100;
	/// A thousandth of a cent.
	pub const MILLICENTS: Balance = CENTS / 1_000;

	/// The deposit for `items` storage items taking `bytes` bytes (Polkadot's formula).
	pub const fn deposit(items: u32, bytes: u32) -> Balance {
		(items as Balance)
			.saturating_mul(20)
			.saturating_mul(UNITS)
			.saturating_add((bytes as Balance).saturating_mul(100).saturating_mul(MILLICENTS))
			/ 100
	}
}

#[cfg(test)]
mod tests {
	use super::{currency::*, time::*};

	#[test]
	fn units_relate_as_documented() {
		assert_eq!(MINUTES, 10);
		assert_eq!(DAYS, 14_400);
		assert_eq!(UNITS, 10u128.pow(TOKEN_DECIMALS as u32));
		assert_eq!(CENTS * 100, UNITS);
		// One item of 0 bytes costs 0.2 units; each byte a thousandth of a cent.
		assert_eq!(deposit(1, 0), UNITS / 5);
		assert_eq!(deposit(0, 100), MILLICENTS * 100);
	}
}
