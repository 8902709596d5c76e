//! The PVF host's tests through the real worker process (`relay-pvf-worker`): every kind of bad
//! validation code or result (`bad_input`), and the example parachain's WASM against its native
//! build (`example_para`). One test crate, so one binary is linked for both.

mod bad_input;
mod common;
mod example_para;
mod glutton;
mod polkadot_abi;
