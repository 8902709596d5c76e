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
