//! What the node (collators and validators) and tools can ask about inclusion, and the runtime
//! API that serves it (`InclusionApi_*`, callable with `state_call`).
//!
//! Every answer is about the block the API is called at, looking forward to the **next** block:
//! the cores and groups a candidate built on this block would be enacted under, the persisted
//! validation data it must commit to (this block as its relay parent), and the session its
//! votes must be signed in.

use crate::{scheduler::rotations_at, *};
use alloc::vec::Vec;
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use relay_primitives::{
	CoreIndex, GroupIndex, HeadData, ParaId, PersistedValidationData, ValidationCode,
	ValidationCodeHash, ValidatorIndex,
};
use sp_runtime::traits::{One, Saturating, UniqueSaturatedInto};

/// How the backing groups rotate over the cores.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct GroupRotationInfo {
	/// The block the answer is about (the next block).
	pub now: BlockNumber,
	/// Blocks between rotations (zero: the groups never rotate).
	pub group_rotation_frequency: BlockNumber,
	/// Rotations behind `now`: core `c` is backed by group `(c + rotations) mod groups`.
	pub rotations: u32,
	/// The first block after `now` with the next rotation (`None` without rotation).
	pub next_rotation_at: Option<BlockNumber>,
}

/// What kind of core a core is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)] // The SCALE derives cast variant indices.
pub enum CoreKind {
	/// A parachain's own core.
	Parachain,
	/// A parathread pool core, with its index in the pool.
	Pool {
		/// The index in the pool (as `ParathreadsApi_claims` numbers it).
		pool_core: u32,
	},
}

/// One core in the next block.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct ScheduledCore {
	/// The core.
	pub core_index: CoreIndex,
	/// Parachain core or parathread pool core.
	pub kind: CoreKind,
	/// The para that may put a candidate on it (a pool core: the parathread holding a live
	/// claim, if any).
	pub para_id: Option<ParaId>,
	/// The group that backs it (`None` without validators).
	pub group_index: Option<GroupIndex>,
}

/// What happened to a candidate in a block: Polkadot's `CandidateEvent`, with the receipt.
pub use relay_primitives::host::CandidateEvent;

sp_api::decl_runtime_apis! {
	/// Parachain inclusion, for the node (collators and validators) and for tools.
	pub trait InclusionApi {
		/// The active validators' `para_validator` keys, in validator-index order.
		fn validators() -> Vec<ValidatorId>;

		/// The backing groups (validator indices) and how they rotate, as of the next block.
		fn validator_groups() -> (Vec<Vec<ValidatorIndex>>, GroupRotationInfo);

		/// The cores of the next block: for each, the para that may use it and the group that
		/// backs it. A pool core shows the parathread whose claim is live now; claims won from
		/// this block's bids appear from the next block on (see `ParathreadsApi_bids`).
		fn scheduled_cores() -> Vec<ScheduledCore>;

		/// The persisted validation data a candidate of `para_id` built on this block (as relay
		/// parent) must commit to; `None` for an unknown para.
		fn persisted_validation_data(para_id: ParaId) -> Option<PersistedValidationData>;

		/// The para's current validation code hash.
		fn validation_code_hash(para_id: ParaId) -> Option<ValidationCodeHash>;

		/// Validation code by its hash (current, past or future code still stored).
		fn validation_code_by_hash(hash: ValidationCodeHash) -> Option<ValidationCode>;

		/// The para's current head.
		fn para_head(para_id: ParaId) -> Option<HeadData>;

		/// The recent relay-chain blocks a candidate in the next block may name as relay parent,
		/// oldest first, not counting this block (which the next block adds).
		fn relay_parents() -> Vec<RelayParentInfo>;

		/// The inclusion events of this block.
		fn candidate_events() -> Vec<CandidateEvent>;

		/// The session index votes for candidates in the next block must be signed in.
		fn session_index_for_child() -> u32;
	}
}

impl<T: Config> Pallet<T> {
	/// The next block's number.
	fn next_block() -> BlockNumberFor<T> {
		frame_system::Pallet::<T>::block_number().saturating_add(One::one())
	}

	/// See [`InclusionApi::validator_groups`].
	pub fn validator_groups_view() -> (Vec<Vec<ValidatorIndex>>, GroupRotationInfo) {
		let now: BlockNumber = Self::next_block().unique_saturated_into();
		let frequency: BlockNumber = T::GroupRotationFrequency::get().unique_saturated_into();
		let rotations = rotations_at(now, frequency);
		let next_rotation_at =
			rotations.saturating_add(1).checked_mul(frequency).filter(|_| frequency > 0);
		let info = GroupRotationInfo {
			now,
			group_rotation_frequency: frequency,
			rotations,
			next_rotation_at,
		};
		(Self::validator_groups(), info)
	}

	/// See [`InclusionApi::scheduled_cores`].
	pub fn scheduled_cores_view() -> Vec<ScheduledCore> {
		let cores = Self::core_assignments();
		let groups: u32 = Self::groups_for(cores.len().unique_saturated_into())
			.len()
			.unique_saturated_into();
		let rotations = Self::rotations(Self::next_block());
		cores
			.into_iter()
			.zip(0u32..)
			.map(|(assignment, index)| {
				let core_index = CoreIndex(index);
				let kind = match assignment {
					CoreAssignment::Parachain(_) => CoreKind::Parachain,
					CoreAssignment::Pool { pool_core, .. } => CoreKind::Pool { pool_core },
				};
				ScheduledCore {
					core_index,
					kind,
					para_id: assignment.scheduled_para(),
					group_index: scheduler::group_for_core(core_index, rotations, groups),
				}
			})
			.collect()
	}

	/// The root of the current state, with the runtime's state version: at a finished block
	/// (where runtime API calls run), the state root its header carries.
	pub fn current_state_root() -> Option<Hash> {
		let version = <T as frame_system::Config>::Version::get().state_version();
		Hash::decode(&mut &sp_io::storage::root(version)[..]).ok()
	}

	/// See [`InclusionApi::persisted_validation_data`]: this block as the relay parent. Called
	/// at a block (a runtime API call writes nothing), `sp_io::storage::root` is that block's
	/// state root, the one its header carries and the next block's `enter` records.
	pub fn persisted_validation_data_at_tip(para: ParaId) -> Option<PersistedValidationData> {
		let root = Self::current_state_root()?;
		Some(PersistedValidationData {
			parent_head: pallet_paras::Heads::<T>::get(para)?,
			relay_parent_number: frame_system::Pallet::<T>::block_number().unique_saturated_into(),
			relay_parent_storage_root: root,
			max_pov_size: T::MaxPovSize::get(),
		})
	}

	/// See [`InclusionApi::candidate_events`].
	pub fn candidate_events() -> Vec<CandidateEvent>
	where
		<T as frame_system::Config>::RuntimeEvent: TryInto<Event<T>>,
	{
		frame_system::Pallet::<T>::read_events_no_consensus()
			.filter_map(|record| record.event.try_into().ok())
			.map(|event| match event {
				Event::CandidateBacked(receipt, head, core, group) => {
					CandidateEvent::CandidateBacked(receipt, head, core, group)
				},
				Event::CandidateIncluded(receipt, head, core, group) => {
					CandidateEvent::CandidateIncluded(receipt, head, core, group)
				},
			})
			.collect()
	}
}
