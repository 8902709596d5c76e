//! Mock pieces shared by our pallets' tests (a dev-dependency only; never part of a runtime).
//!
//! - [`BlockSession`]: a session index that follows the block number;
//! - [`TestRandomness`]: randomness with a settable seed, known a settable number of blocks late;
//! - [`code`] and [`tagged_code`]: validation code the registry accepts;
//! - [`run_to_block`]: blocks through the given pallets' hooks, with a check after each;
//! - [`TestBook`]: the paras of a mock registry, for the mocks that do not run the real
//!   registrar, behind the `Registrar` trait with [`impl_test_registrar!`];
//! - macros for the blocks every mock runtime repeats: [`impl_frame_system!`] (frame-system and,
//!   where the mock has balances, pallet-balances, from their test defaults),
//!   [`impl_paras_config!`], [`impl_registrar_config!`], [`impl_slots_config!`],
//!   [`impl_auctions_config!`], [`balances_ext!`] (test externalities from the genesis with the
//!   given balances) and [`live_parathread_fn!`] (a helper that makes a para a live parathread at
//!   once).
//!
//! The macros expand in the mock: they name the mock's own `frame_support`, `frame_system`,
//! `pallet_balances`, `pallet_paras`, `pallet_registrar`, `pallet_slots`, `pallet_auctions` and
//! `relay_primitives` (a pallet's own mock has `use crate as pallet_x;`), and the runtime's
//! `System`, `Balances`, `Registrar` and `RuntimeHoldReason` from `construct_runtime!`. So this
//! crate depends on none of our pallets, and a pallet can use it in its own tests without a
//! dependency cycle.

#![deny(missing_docs)]

mod macros;
mod registrar;

pub use registrar::{TestBook, TestPara, TestParaState};

/// What the macros name from this crate's dependencies.
#[doc(hidden)]
pub mod __private {
	pub use sp_io::TestExternalities;
	pub use sp_runtime::BuildStorage;
}

use core::marker::PhantomData;
use frame_support::traits::{Get, OnFinalize, OnInitialize, Randomness};
use frame_system::{pallet_prelude::BlockNumberFor, RunToBlockHooks};
use relay_primitives::ValidationCode;
use sp_core::H256;
use sp_runtime::{traits::UniqueSaturatedInto, Saturating};

/// A WebAssembly module header: the smallest code the registry accepts (8 bytes).
pub const WASM_HEADER: [u8; 8] = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];

/// Code the registry accepts: [`WASM_HEADER`] alone.
pub fn code() -> ValidationCode {
	ValidationCode(WASM_HEADER.to_vec())
}

/// [`WASM_HEADER`] followed by `tag`, so different tags give different code.
pub fn tagged_code(tag: u8) -> ValidationCode {
	let mut bytes = WASM_HEADER.to_vec();
	bytes.push(tag);
	ValidationCode(bytes)
}

/// The session of the current block of runtime `T`: block number / `BLOCKS`.
pub struct BlockSession<T, const BLOCKS: u64>(PhantomData<T>);

impl<T: frame_system::Config, const BLOCKS: u64> Get<u32> for BlockSession<T, BLOCKS> {
	fn get() -> u32 {
		let now: u64 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		(now / BLOCKS) as u32
	}
}

/// Randomness of runtime `T` whose seed's first 8 bytes are `Seed` (little endian) and the rest
/// zero, known since `Lag` blocks ago.
pub struct TestRandomness<T, Seed, Lag>(PhantomData<(T, Seed, Lag)>);

impl<T, Seed, Lag> Randomness<H256, BlockNumberFor<T>> for TestRandomness<T, Seed, Lag>
where
	T: frame_system::Config,
	Seed: Get<u64>,
	Lag: Get<BlockNumberFor<T>>,
{
	fn random(_: &[u8]) -> (H256, BlockNumberFor<T>) {
		let mut seed = [0u8; 32];
		seed[..8].copy_from_slice(&Seed::get().to_le_bytes());
		(H256(seed), frame_system::Pallet::<T>::block_number().saturating_sub(Lag::get()))
	}
}

/// Runs blocks of runtime `T` up to `n` with `System::run_to_block_with`: finalizes the current
/// block, then sets the next number and initializes it through `Pallets` (a tuple of pallets, in
/// runtime order), and calls `check` (the mock's invariants) after each initialization.
pub fn run_to_block<T, Pallets>(n: BlockNumberFor<T>, check: impl Fn())
where
	T: frame_system::Config,
	Pallets: OnInitialize<BlockNumberFor<T>> + OnFinalize<BlockNumberFor<T>>,
{
	frame_system::Pallet::<T>::run_to_block_with::<Pallets>(
		n,
		RunToBlockHooks::default().after_initialize(|_| check()),
	);
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn code_is_the_wasm_header_and_a_tag_follows_it() {
		assert_eq!(code().0, vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
		assert_eq!(tagged_code(7).0, vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 7]);
		assert_ne!(tagged_code(1), tagged_code(2));
	}
}
