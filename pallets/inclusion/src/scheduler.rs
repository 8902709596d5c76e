//! Scheduling: which para may use each core in a block, how validators are split into backing
//! groups, and which group backs each core.
//!
//! ## The rule
//!
//! - **Cores.** One core per current parachain, in the sorted order of
//!   `pallet_paras::Parachains` (core `i` is the `i`-th parachain), then
//!   `ParathreadClaims::pool_size()` parathread pool cores (core `P + j` is pool core `j`, used in
//!   a block only by the parathread holding a live claim on it).
//! - **Groups.** With `V` validators (in validator-index order) and `C` cores there are
//!   `G = max(1, min(V, C))` groups (none when `V = 0`), each a contiguous run of validator
//!   indices; the first `V mod G` groups hold `⌊V/G⌋ + 1` validators and the rest `⌊V/G⌋`. With at
//!   least as many validators as cores every core has its own group; with fewer (4 validators,
//!   14 cores) each validator is a group of one and a group serves several cores.
//! - **Assignment.** At block `n`, core `c` is backed by group `(c + n / GroupRotationFrequency)
//!   mod G` (no rotation when the frequency is zero). A candidate's votes are those of the
//!   group at the block after its relay parent (Polkadot's rule), not at the block that enacts
//!   it: a chain built ahead and backed before a rotation is still included after it.
//! - **Threshold.** A candidate needs `max(1, min(MinBackingVotes, size of the group))` votes, so
//!   a group smaller than `MinBackingVotes` can still back, and a candidate always needs a vote.

use crate::*;
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use relay_primitives::{CoreIndex, GroupIndex, ParaId, ValidatorIndex};
use sp_runtime::traits::UniqueSaturatedInto;

/// What may use a core in the current block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::cast_possible_truncation)] // The SCALE derives cast variant indices.
pub enum CoreAssignment {
	/// A parachain's own core.
	Parachain(ParaId),
	/// A parathread pool core: `pool_core` is its index in the pool, `claim` the parathread that
	/// holds a live claim on it in this block, if any.
	Pool {
		/// The index of the core in the pool (`ParathreadClaims` numbering).
		pool_core: u32,
		/// The parathread holding a live claim on it.
		claim: Option<ParaId>,
	},
}

impl CoreAssignment {
	/// The para that may put a candidate on the core in this block.
	pub fn scheduled_para(&self) -> Option<ParaId> {
		match self {
			Self::Parachain(para) => Some(*para),
			Self::Pool { claim, .. } => *claim,
		}
	}
}

/// The number of backing groups for `validators` validators and `cores` cores:
/// `max(1, min(validators, cores))`, or zero without validators.
pub fn group_count(validators: u32, cores: u32) -> u32 {
	if validators == 0 {
		0
	} else {
		validators.min(cores).max(1)
	}
}

/// The backing groups: `validators` validator indices split into [`group_count`] contiguous
/// groups, the larger groups first.
pub fn validator_groups(validators: u32, cores: u32) -> Vec<Vec<ValidatorIndex>> {
	let groups = group_count(validators, cores);
	let Some(base) = validators.checked_div(groups) else { return Vec::new() };
	let larger = validators.checked_rem(groups).unwrap_or(0);
	let mut next = 0u32;
	(0..groups)
		.map(|g| {
			let size = if g < larger { base.saturating_add(1) } else { base };
			let end = next.saturating_add(size);
			let group = (next..end).map(ValidatorIndex).collect();
			next = end;
			group
		})
		.collect()
}

/// The group backing `core` at a block with `rotations` rotations behind it, among `groups`
/// groups; `None` without groups.
pub fn group_for_core(core: CoreIndex, rotations: u32, groups: u32) -> Option<GroupIndex> {
	let shifted = u64::from(core.0).saturating_add(u64::from(rotations));
	let group = shifted.checked_rem(u64::from(groups))?;
	// Below `groups`, so it fits in a `u32`.
	Some(GroupIndex(group.unique_saturated_into()))
}

/// How many rotations lie behind block `now` with `frequency` blocks between rotations (zero
/// when the frequency is zero).
pub fn rotations_at(now: u32, frequency: u32) -> u32 {
	now.checked_div(frequency).unwrap_or(0)
}

/// The votes a candidate backed by a group of `group_size` validators needs:
/// `max(1, min(min_backing_votes, group_size))`.
pub fn backing_threshold(min_backing_votes: u32, group_size: u32) -> u32 {
	min_backing_votes.min(group_size).max(1)
}

impl<T: Config> Pallet<T> {
	/// What may use each core in the current block, indexed by core: the parachains (sorted),
	/// then the parathread pool cores.
	pub fn core_assignments() -> Vec<CoreAssignment> {
		let mut cores: Vec<CoreAssignment> = pallet_paras::Pallet::<T>::parachains()
			.into_iter()
			.map(CoreAssignment::Parachain)
			.collect();
		cores.extend((0..T::ParathreadClaims::pool_size()).map(|pool_core| CoreAssignment::Pool {
			pool_core,
			claim: T::ParathreadClaims::claim_on(pool_core),
		}));
		cores
	}

	/// The backing groups of the current validators for `cores` cores.
	pub fn groups_for(cores: u32) -> Vec<Vec<ValidatorIndex>> {
		let validators: u32 =
			ActiveValidatorKeys::<T>::decode_len().unwrap_or(0).unique_saturated_into();
		validator_groups(validators, cores)
	}

	/// The backing groups of the current validators and cores (see the [module docs](self)).
	pub fn validator_groups() -> Vec<Vec<ValidatorIndex>> {
		let cores: u32 = Self::core_assignments().len().unique_saturated_into();
		Self::groups_for(cores)
	}

	/// The rotations behind block `now`.
	pub fn rotations(now: BlockNumberFor<T>) -> u32 {
		rotations_at(
			now.unique_saturated_into(),
			T::GroupRotationFrequency::get().unique_saturated_into(),
		)
	}

	/// The group that backs candidates on `core` built on relay parent number `relay_parent`
	/// (the group at the block after it), among `groups` groups.
	pub fn group_backing_on(core: CoreIndex, relay_parent: u32, groups: u32) -> Option<GroupIndex> {
		let at = relay_parent.saturating_add(1);
		let frequency = T::GroupRotationFrequency::get().unique_saturated_into();
		group_for_core(core, rotations_at(at, frequency), groups)
	}

	/// The group backing `core` in the current block, among `groups` groups.
	pub fn group_assigned_to_core(core: CoreIndex, groups: u32) -> Option<GroupIndex> {
		let now = frame_system::Pallet::<T>::block_number();
		group_for_core(core, Self::rotations(now), groups)
	}
}
