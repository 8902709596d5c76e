//! Pallet configurations, one file per concern.

mod auctions;
mod consensus;
mod inclusion;
mod monetary;
mod paras;
mod system;
mod utility;

pub use auctions::*;
pub use consensus::*;
pub use inclusion::*;
pub use monetary::*;
pub use paras::*;
pub use system::*;

/// The unit of `fast-runtime` durations: 10 blocks, one minute at the default 6-second blocks.
/// Fast durations are counted in blocks, so the test suite's `short-blocks` build (2-second blocks)
/// runs them in a third of the time.
pub const FAST_MINUTE: relay_primitives::BlockNumber = 10;

/// The BABE slot duration (the target block time), in milliseconds: 6 seconds, or 2 with the
/// test-only `short-blocks` feature. `scripts/test.sh` builds that so its live flows, which wait on
/// blocks, take a third of the time; releases, local testnets and benchmarks never enable it.
pub const SLOT_DURATION: relay_primitives::Moment = if cfg!(feature = "short-blocks") {
	2_000
} else {
	relay_primitives::constants::time::SLOT_DURATION
};

/// Picks the Polkadot-like value, or the short one for tests and local testnets when the runtime is
/// built with the `fast-runtime` feature.
#[macro_export]
macro_rules! prod_or_fast {
	($prod:expr, $fast:expr) => {
		if cfg!(feature = "fast-runtime") {
			$fast
		} else {
			$prod
		}
	};
}
