//! The parachain protocols' names and limits (the messages are in `relay_primitives::network`).

use relay_primitives::Hash;
use std::time::Duration;

/// Collators ↔ validators (notifications): Polkadot's collator protocol.
pub const COLLATION_PROTOCOL: &str = relay_primitives::collator_protocol::COLLATION_PROTOCOL;
/// Validators ↔ validators (notifications).
pub const VALIDATION_PROTOCOL: &str = "relay-validation/1";
/// Fetching a collation from its collator (request-response): Polkadot's.
pub const REQ_COLLATION_PROTOCOL: &str =
	relay_primitives::collator_protocol::REQ_COLLATION_PROTOCOL;
/// Fetching a PoV from the validator that seconded it (request-response).
pub const REQ_POV_PROTOCOL: &str = "relay-req-pov/1";

/// The full name of `protocol` on the chain with this genesis: `/<genesis hex>/<protocol>`, so
/// nodes of different chains never speak it together (as the node's other protocols).
pub fn protocol_name(genesis: &Hash, protocol: &str) -> String {
	let hex: String = genesis.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
	format!("/{hex}/{protocol}")
}

/// The largest PoV the relay chain accepts (`ParaInclusion::MaxPovSize`, 5 MiB).
pub const MAX_POV_SIZE: u64 = 5 * 1024 * 1024;
/// The largest validation code (`Paras::MaxCodeSize`, 3 MiB): a receipt's commitments may carry
/// a new one.
pub const MAX_CODE_SIZE: u64 = 3 * 1024 * 1024;

/// The largest `collation/2` notification: 100 KiB (Polkadot's `MAX_NOTIFICATION_SIZE`); the
/// collation itself travels by request.
pub const MAX_COLLATION_NOTIFICATION: u64 = 100 * 1024;
/// The largest `relay-validation/1` notification: a receipt or backed candidate may carry new code.
pub const MAX_VALIDATION_NOTIFICATION: u64 = MAX_CODE_SIZE + 1024 * 1024;
/// The largest fetch request (Polkadot's 1,000 bytes).
pub const MAX_FETCH_REQUEST: u64 = 1_000;
/// The largest collation response: a PoV, a receipt (its commitments hash only) and slack
/// (Polkadot's `POV_RESPONSE_SIZE`, `MAX_POV_SIZE + 10_000`).
pub const MAX_COLLATION_RESPONSE: u64 = MAX_POV_SIZE + 10_000;
/// The largest PoV response.
pub const MAX_POV_RESPONSE: u64 = MAX_POV_SIZE + 10_000;
/// How long a collation fetch may take (Polkadot's 1,200 ms, with room for debug builds).
pub const COLLATION_FETCH_TIMEOUT: Duration = Duration::from_millis(2_000);
/// How long a PoV fetch may take.
pub const POV_FETCH_TIMEOUT: Duration = Duration::from_millis(2_000);
/// Incoming requests waiting to be served, per protocol (Polkadot's collation queue is 10).
pub const REQUEST_QUEUE: usize = 32;
/// Collators a validator accepts on `collation/2` besides the peers it syncs with (Polkadot's
/// `MAX_AUTHORITY_INCOMING_STREAMS`): a collator that is not ours connects straight to the
/// validators of its backing group, found through authority discovery.
pub const MAX_PEERS: u32 = 100;
/// Relay blocks a candidate's relay parent may be behind the block that includes it
/// (`ParaInclusion::AllowedRelayParents`): how many recent blocks the protocols track.
pub const ALLOWED_RELAY_PARENTS: usize = 4;
