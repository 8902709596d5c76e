//! What misbehaviour costs a peer, on Polkadot's scale (`polkadot-node-network-protocol`'s
//! `CostMinor` −100,000, `CostMajor` −300,000, `Malicious` = fatal, `BenefitMinor` +10,000). The
//! peer store bans a peer below `71 × (i32::MIN / 100)` and forgets half a cost in ~139 s.

use sc_network::ReputationChange as Rep;

/// A message that does not decode.
pub const COST_UNDECODABLE: Rep = Rep::new(-100_000, "parachains: undecodable message");
/// A message that is valid but not expected now (an advert before a declaration, a second
/// declaration, a collator message from a validator, …).
pub const COST_UNEXPECTED_MESSAGE: Rep = Rep::new(-100_000, "parachains: unexpected message");
/// A collator declaring a para this validator's group does not back, or advertising one.
pub const COST_UNNEEDED_COLLATOR: Rep = Rep::new(-100_000, "parachains: para not for this group");
/// An advertisement beyond the one allowed per relay parent.
pub const COST_ADVERT_REPEATED: Rep = Rep::new(-100_000, "parachains: repeated advertisement");
/// An advertisement on a relay parent the validator does not track.
pub const COST_UNKNOWN_RELAY_PARENT: Rep = Rep::new(-100_000, "parachains: unknown relay parent");
/// A statement from a validator outside the candidate's group, or about an unknown candidate.
pub const COST_STATEMENT_OUTSIDE_GROUP: Rep =
	Rep::new(-300_000, "parachains: statement from outside the group");
/// A collation built on a head the validator does not know: not the para's head at its relay
/// parent nor a candidate it knows (a collator ahead of the validator, or a made-up parent).
pub const COST_UNKNOWN_PARENT: Rep = Rep::new(-100_000, "parachains: unknown parent head");
/// A fetch that timed out or failed.
pub const COST_FETCH_FAILED: Rep = Rep::new(-100_000, "parachains: fetch failed");
/// A declaration, hello or statement whose signature does not verify.
pub const COST_BAD_SIGNATURE: Rep = Rep::new_fatal("parachains: bad signature");
/// A collation that is oversize, undecodable, does not match its advertisement, or fails
/// validation; a backed candidate without enough valid votes.
pub const COST_INVALID_COLLATION: Rep = Rep::new_fatal("parachains: invalid collation");
/// Adverts far beyond what any honest collator sends.
pub const COST_FLOOD: Rep = Rep::new_fatal("parachains: flooding");
/// A collation the validator seconded.
pub const BENEFIT_SECONDED: Rep = Rep::new(10_000, "parachains: collation seconded");
