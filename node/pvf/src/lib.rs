//! # PVF host
//!
//! Runs parachain validation functions (PVFs): the WASM code a para registers, which validators
//! run on a candidate's proof of validity to check its new head. A PVF is untrusted code, so the
//! validator never compiles or runs it itself: a **worker process** does (the node's own binary,
//! `relay-node pvf-worker`), kept alive between jobs, under limits ([`limits`]):
//!
//! - CPU time: [`limits::BACKING_EXECUTION_TIMEOUT`] per execution (interrupted by wasmtime's
//!   epoch check), [`limits::PREPARE_TIMEOUT`] per preparation (the worker's monitor ends the
//!   process), and a wall-clock deadline after which the host kills the worker;
//! - memory: [`limits::MAX_MEMORY_PAGES`] pages of linear memory, and the worker's address space;
//! - stack: a deterministic logical limit injected into the code
//!   ([`limits::LOGICAL_STACK_MAX`]), on a native stack far above it;
//! - semantics: WebAssembly MVP only, NaNs canonicalised;
//! - two ABIs ([`executor::Abi`]): our own (no imports; the example para) and Polkadot's
//!   ([`polkadot_abi`]: what Cumulus runtimes are built for, with `sp-io`'s host functions and
//!   no storage), each in the same worker under the same limits.
//!
//! Every failure says whose fault it is ([`ValidationError`]): an [`InvalidCandidate`] (the
//! code, block or result is bad; every honest validator agrees) or an [`InternalError`] (this
//! validator could not judge; nobody is blamed). A worker that dies or is killed is restarted for
//! the next job.
//!
//! Prepared code is cached in the worker by code hash: the host first sends only the hash, and
//! the code itself when the worker asks for it.
//!
//! ```no_run
//! use relay_pvf::{HostConfig, PvfHost};
//! # fn run(code: relay_primitives::ValidationCode, params: relay_primitives::ValidationParams) {
//! let host = PvfHost::new(HostConfig::new("/usr/bin/relay-node", &["pvf-worker"]));
//! match host.validate(&code, &params) {
//!     Ok(outcome) => println!("new head: {:?}", outcome.result.head_data),
//!     Err(e) => println!("{e}"),
//! }
//! # }
//! ```

#![deny(missing_docs)]

pub mod error;
pub mod executor;
pub mod externalities;
pub mod host;
pub mod limits;
pub mod own_abi;
pub mod polkadot_abi;
pub mod protocol;
pub mod worker;

pub use error::{InternalError, InvalidCandidate, ValidationError};
pub use executor::{Executor, InProcess};
pub use host::{HostConfig, Outcome, PvfHost};
pub use limits::ChainLimits;

use relay_primitives::{ValidationCode, ValidationParams, ValidationResult};

/// Something that runs validation code: [`PvfHost`] (a worker process, what nodes use), or
/// [`InProcess`] (for tests and tools that trust the code).
pub trait ValidationBackend {
	/// Runs `code` on `params`: the result within the chain's limits, or why there is none.
	fn run(
		&self,
		code: &ValidationCode,
		params: &ValidationParams,
	) -> Result<ValidationResult, ValidationError>;
}

impl ValidationBackend for PvfHost {
	fn run(
		&self,
		code: &ValidationCode,
		params: &ValidationParams,
	) -> Result<ValidationResult, ValidationError> {
		self.validate(code, params).map(|outcome| outcome.result)
	}
}
