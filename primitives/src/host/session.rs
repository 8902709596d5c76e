//! What the relay chain keeps about each session's validators: their keys, their backing groups
//! and the approval-checking parameters ([`SessionInfo`]), with the two session keys it needs
//! besides the `para` key.

use super::SessionIndex;
use crate::candidate::{GroupIndex, ValidatorId, ValidatorIndex};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_core::crypto::KeyTypeId;

/// The key type of the authority-discovery session key: `audi` (Substrate's
/// `key_types::AUTHORITY_DISCOVERY`).
pub const AUTHORITY_DISCOVERY_KEY_TYPE: KeyTypeId = KeyTypeId(*b"audi");

/// The key type of the approval-assignment session key: `asgn`.
pub const ASSIGNMENT_KEY_TYPE: KeyTypeId = KeyTypeId(*b"asgn");

/// The authority-discovery session key (sr25519): validators publish and find each other's
/// network addresses with it. Same bytes as Substrate's `sp_authority_discovery::AuthorityId`.
pub mod authority_discovery {
	use sp_runtime::app_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, super::AUTHORITY_DISCOVERY_KEY_TYPE);
}

/// A validator's authority-discovery public key.
pub type AuthorityDiscoveryId = authority_discovery::Public;

/// A signature by an [`AuthorityDiscoveryId`] key.
pub type AuthorityDiscoverySignature = authority_discovery::Signature;

/// An authority-discovery key pair.
#[cfg(feature = "std")]
pub type AuthorityDiscoveryPair = authority_discovery::Pair;

/// The approval-assignment session key (sr25519): validators draw, with VRFs under it, which
/// included candidates they must check.
pub mod assignment {
	use sp_runtime::app_crypto::{app_crypto, sr25519};
	app_crypto!(sr25519, super::ASSIGNMENT_KEY_TYPE);
}

/// A validator's approval-assignment public key.
pub type AssignmentId = assignment::Public;

/// A signature by an [`AssignmentId`] key.
pub type AssignmentSignature = assignment::Signature;

/// An approval-assignment key pair.
#[cfg(feature = "std")]
pub type AssignmentPair = assignment::Pair;

/// The validators of one session and the parameters of its approval checking. Polkadot froze
/// this layout: new per-session data gets its own API method instead of a field here.
///
/// `validators` and `assignment_keys` list the para validators (indexed by [`ValidatorIndex`]);
/// `discovery_keys` starts with theirs, in the same order, and goes on with the keys of the
/// session's other authorities. Polkadot's `validators` and `validator_groups` are `IndexedVec`s,
/// which encode exactly as the plain vectors used here.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct SessionInfo {
	/// For each para validator, its index in the session's whole authority set.
	pub active_validator_indices: Vec<ValidatorIndex>,
	/// The session's random seed (from BABE).
	pub random_seed: [u8; 32],
	/// For how many sessions disputes about this session's candidates are accepted.
	pub dispute_period: SessionIndex,
	/// The para validators' `para` keys, by [`ValidatorIndex`].
	pub validators: Vec<ValidatorId>,
	/// The authority-discovery keys: the para validators' first, then the other authorities'.
	pub discovery_keys: Vec<AuthorityDiscoveryId>,
	/// The para validators' assignment keys, by [`ValidatorIndex`].
	pub assignment_keys: Vec<AssignmentId>,
	/// The backing groups, by [`GroupIndex`]: the validators of each.
	pub validator_groups: Vec<Vec<ValidatorIndex>>,
	/// The number of availability cores in the session.
	pub n_cores: u32,
	/// The width of approval tranche 0.
	pub zeroth_delay_tranche_width: u32,
	/// How many `relay_vrf_modulo` assignment samples each validator draws.
	pub relay_vrf_modulo_samples: u32,
	/// The number of approval delay tranches.
	pub n_delay_tranches: u32,
	/// After how many slots a missing approval counts as a no-show.
	pub no_show_slots: u32,
	/// How many approvals a candidate needs.
	pub needed_approvals: u32,
}

impl SessionInfo {
	/// The validators of backing group `group`, if there is such a group.
	pub fn group(&self, group: GroupIndex) -> Option<&[ValidatorIndex]> {
		let index = usize::try_from(group.0).ok()?;
		self.validator_groups.get(index).map(Vec::as_slice)
	}

	/// The `para` key of the validator at `index`, if there is one.
	pub fn validator(&self, index: ValidatorIndex) -> Option<&ValidatorId> {
		self.validators.get(usize::try_from(index.0).ok()?)
	}
}
