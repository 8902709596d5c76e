//! # Example parachain
//!
//! A small parachain whose blocks the relay chain's validators can check: a **ledger of named
//! counters**. Its state is a map from names (up to [`MAX_NAME_LEN`] bytes) to `u64` counters, plus
//! a count of remarks and the hash of the last one; a block is a list of [`Op`]s applied to it.
//!
//! The same code runs in two places:
//!
//! - **natively**, where a collator builds blocks with [`execute`] and keeps the state, and where
//!   tests compare it with the WASM;
//! - **as the para's validation function** (its PVF): built to `wasm32v1-none` by the relay
//!   runtime's build script, it exports `memory`, `alloc` and `validate_block` and imports
//!   nothing, as the ABI of `relay_primitives::candidate` requires ([`abi`] holds the part shared
//!   with native code, `wasm.rs` the exports, compiled only with the `pvf` feature, so the relay
//!   runtime can use this crate's types in its genesis presets without them).
//!
//! ## Heads and blocks
//!
//! The head data a relay chain stores for the para is a SCALE-encoded [`Head`]: the block number,
//! the BLAKE2-256 hash of the parent head's encoding, and the BLAKE2-256 hash of the state after
//! the block (`post_state`). A block ([`Block`]) carries the whole state it starts from (the
//! relay chain's validators keep no para state, so the proof of validity is the state itself) and
//! the ops. It is valid on a parent head if
//!
//! 1. the hash of its starting state equals the parent's `post_state`;
//! 2. it has at most [`MAX_OPS`] ops, and every op applies (see [`Op`] and [`Error`]).
//!
//! The new head is then `{ number: parent.number + 1, parent_hash: blake2_256(parent head),
//! post_state: blake2_256(new state) }`. Every block advances the number, even one with no ops.
//!
//! ## Genesis
//!
//! Para `N` starts from [`genesis_state`]`(N)`: no counters, no remarks, and `N` recorded in the
//! state, so each para's [`genesis_head`] differs.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::panic
	)
)]

extern crate alloc;

pub mod abi;
mod ledger;
#[cfg(all(target_arch = "wasm32", feature = "pvf", not(feature = "std")))]
mod wasm;

pub use abi::{validate, ValidationParams, ValidationResult};
pub use ledger::{
	execute, genesis_head, genesis_state, hash, Block, Error, Head, Op, State, MAX_COUNTERS,
	MAX_NAME_LEN, MAX_OPS, MAX_REMARK_LEN,
};

#[cfg(test)]
mod tests;
