//! Tests of the parachain protocols without sockets: collations and candidate checks against the
//! real example-para WASM (run in-process), and the validator and collator state machines driven
//! event by event, misbehaving peers included.

mod backing;
mod collation;
mod collator;
mod common;
mod validator;
