//! # Relay runtime
//!
//! The state-transition function of the relay chain, compiled to WASM: FRAME's system,
//! timestamp, BABE, GRANDPA, authorship, session, balances, transaction payment, sudo and utility,
//! plus our validator-set pallet and the para registry (`Paras`, `Registrar`, `Slots`, under
//! Polkadot's pallet names). Later issues add parathreads and inclusion.
//!
//! Layout: `configs/` holds one file per concern, `apis.rs` the runtime APIs,
//! `genesis_config_presets.rs` the `development` and `local_testnet` presets.

#![cfg_attr(not(feature = "std"), no_std)]
// No `expect` and no truncating casts in runtime code (tests may).
#![cfg_attr(not(test), deny(clippy::expect_used, clippy::cast_possible_truncation))]
// `construct_runtime`'s expansion has items we cannot document.
#![allow(missing_docs)]
// The `#[runtime]` macro recurses deeply.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

/// The example parachain's validation code, as this runtime's build script built it (see
/// `build.rs`): what the genesis presets register for paras 2000 and 2001. `None` only in builds
/// without WASM (`SKIP_WASM_BUILD`), whose presets then have no example paras.
pub const EXAMPLE_PARA_WASM: Option<&[u8]> = example_para_wasm::WASM_BINARY;

/// The generated file with the example para's WASM; in the runtime's own WASM build (a nested
/// cargo, with another `OUT_DIR`) the build script passes its path in an environment variable.
#[allow(dead_code)]
mod example_para_wasm {
	#[cfg(feature = "std")]
	include!(concat!(env!("OUT_DIR"), "/example_para_wasm.rs"));
	#[cfg(not(feature = "std"))]
	include!(env!("RELAY_EXAMPLE_PARA_WASM_RS"));
}

/// The upgrade test's runtime: this crate built a second time with the features `upgrade-test`
/// (`spec_version` one higher, the [`migrations::RecordUpgrade`] migration) and `try-runtime` (the
/// `TryRuntime` API, so a test can run every pallet's `try_state` on a live chain). Built only
/// with the std-side feature `upgrade-test-wasm`, which the test suite's `short-blocks` enables
/// (`scripts/test.sh`); `None` otherwise. Never for a real network: it is a test fixture.
pub fn upgrade_test_wasm() -> Option<&'static [u8]> {
	#[cfg(all(feature = "std", feature = "upgrade-test-wasm"))]
	{
		upgrade_test_wasm::WASM_BINARY
	}
	#[cfg(not(all(feature = "std", feature = "upgrade-test-wasm")))]
	{
		None
	}
}

/// The generated file with the upgrade test's WASM (see [`upgrade_test_wasm()`]).
#[cfg(all(feature = "std", feature = "upgrade-test-wasm"))]
#[allow(dead_code)]
mod upgrade_test_wasm {
	include!(concat!(env!("OUT_DIR"), "/upgrade_test_wasm.rs"));
}

extern crate alloc;

use alloc::vec::Vec;

// Before `apis`: it defines the `list_benchmarks!`/`add_benchmarks!` macros `apis` uses.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks;
pub mod apis;
pub mod configs;
pub mod genesis_config_presets;
pub mod migrations;
pub mod weights;

pub use relay_primitives::{
	AccountId, Address, Balance, BlockNumber, Hash, Header, Moment, Nonce, Signature,
};
use sp_runtime::generic;
use sp_version::{runtime_version, RuntimeVersion};

/// The version of this runtime. Wallets and nodes read it to know which calls and encodings apply.
/// A runtime upgrade must keep `spec_name` and raise `spec_version` (`frame_system` refuses
/// anything else); raise `transaction_version` too when calls or extensions change encoding.
#[cfg(not(feature = "upgrade-test"))]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("relay"),
	impl_name: alloc::borrow::Cow::Borrowed("relay-node"),
	authoring_version: 1,
	spec_version: 1_000,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// The upgrade test's second build of this runtime (feature `upgrade-test`): the same runtime
/// one `spec_version` later. (`#[runtime_version]` reads literal fields, hence a second item.)
#[cfg(feature = "upgrade-test")]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("relay"),
	impl_name: alloc::borrow::Cow::Borrowed("relay-node"),
	authoring_version: 1,
	spec_version: 1_001,
	impl_version: 0,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Session keys: what each validator registers with `session.setKeys`.
pub mod opaque {
	use super::*;
	use sp_runtime::impl_opaque_keys;

	impl_opaque_keys! {
		/// The keys of one validator: BABE (block authorship), GRANDPA (finality),
		/// `para_validator` (backing votes on parachain candidates) and authority discovery.
		pub struct SessionKeys {
			/// Signs BABE slot claims (sr25519, key type `babe`).
			pub babe: Babe,
			/// Signs GRANDPA votes (ed25519, key type `gran`).
			pub grandpa: Grandpa,
			/// Signs backing statements on candidates (sr25519, key type `para`).
			pub para_validator: ParaInclusion,
			/// Signs the validator's network addresses, which collators and other validators
			/// look up (sr25519, key type `audi`).
			pub authority_discovery: AuthorityDiscovery,
		}
	}
}
pub use opaque::SessionKeys;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// Basic (0-9).
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Babe = pallet_babe;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;

	// Money (10-19).
	#[runtime::pallet_index(10)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(11)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Consensus (20-29). Authorship must come before Session.
	#[runtime::pallet_index(20)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(21)]
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(22)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(23)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(24)]
	pub type AuthorityDiscovery = pallet_authority_discovery;

	// Utilities and governance (30-39).
	#[runtime::pallet_index(30)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(31)]
	pub type Sudo = pallet_sudo;

	// Parachains (40-99): the registry, leases, auctions and crowdloans, the parathread fee
	// auction, inclusion, and Polkadot's host configuration that collators read. Paras must come
	// before Slots (a lease period start schedules transitions that Paras applies at session
	// boundaries), and Parathreads before ParaInclusion (the clearing at the start of a block
	// grants the claims its inherent checks).
	#[runtime::pallet_index(40)]
	pub type Paras = pallet_paras;
	#[runtime::pallet_index(41)]
	pub type Registrar = pallet_registrar;
	#[runtime::pallet_index(42)]
	pub type Slots = pallet_slots;
	#[runtime::pallet_index(43)]
	pub type Auctions = pallet_auctions;
	#[runtime::pallet_index(44)]
	pub type Crowdloan = pallet_crowdloan;
	#[runtime::pallet_index(45)]
	pub type Parathreads = pallet_parathreads;
	#[runtime::pallet_index(46)]
	pub type ParaInclusion = pallet_inclusion;
	#[runtime::pallet_index(47)]
	pub type Configuration = pallet_configuration;
}

/// The block type as the runtime sees it.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions: the standard set every wallet knows (polkadot.js, PAPI, subxt,
/// substrate-interface), in Polkadot's order.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckMortality<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
);

/// An extrinsic as it is submitted.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

pub use migrations::Migrations;

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[cfg(test)]
mod tests;
