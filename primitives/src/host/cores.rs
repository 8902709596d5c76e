//! Availability cores, backing-group rotation and candidate events, as the relay chain reports them
//! to validators.

use crate::{
	candidate::{CandidateDescriptor, CandidateHash, CandidateReceipt, CoreIndex, GroupIndex},
	network::CollatorId,
	paras::{HeadData, ParaId},
	BlockNumber,
};
use bitvec::{order::Lsb0, vec::BitVec};
use codec::{Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;

/// Where the backing groups stand in their rotation over the cores, seen from the child of the
/// block the API is called at.
///
/// Groups move one core further every `group_rotation_frequency` blocks counted from
/// `session_start_block`; a frequency of 0 means they never move.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct GroupRotationInfo {
	/// The first block of the session.
	pub session_start_block: BlockNumber,
	/// The number of blocks between two rotations (0: no rotation).
	pub group_rotation_frequency: BlockNumber,
	/// The block the information is for (the child of the queried block).
	pub now: BlockNumber,
}

/// A para that may take a free core.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ScheduledCore {
	/// The para.
	pub para_id: ParaId,
	/// A collator the para's block must come from. Polkadot no longer sets it (always `None`)
	/// but keeps the field in the encoding.
	pub collator: Option<CollatorId>,
}

/// A core that holds a candidate waiting to become available.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct OccupiedCore {
	/// What takes the core next if the candidate becomes available (`None`: nothing queued).
	pub next_up_on_available: Option<ScheduledCore>,
	/// The relay-chain block number at which the candidate took the core.
	pub occupied_since: BlockNumber,
	/// The relay-chain block number at which the candidate times out.
	pub time_out_at: BlockNumber,
	/// What takes the core next if the candidate times out (`None`: nothing queued, or the core
	/// cannot time out).
	pub next_up_on_time_out: Option<ScheduledCore>,
	/// One bit per validator of the session: set if the validator has attested, on chain, that
	/// it holds its piece of the candidate.
	pub availability: BitVec<u8, Lsb0>,
	/// The backing group that is responsible for the candidate.
	pub group_responsible: GroupIndex,
	/// The hash of the candidate.
	pub candidate_hash: CandidateHash,
	/// The descriptor of the candidate (its para is the para on the core).
	pub candidate_descriptor: CandidateDescriptor,
}

/// The state of one availability core.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum CoreState {
	/// A candidate holds the core.
	#[codec(index = 0)]
	Occupied(OccupiedCore),
	/// The core is free and a para is scheduled on it.
	#[codec(index = 1)]
	Scheduled(ScheduledCore),
	/// The core is free and nothing is scheduled on it.
	#[codec(index = 2)]
	Free,
}

/// What to assume about the candidate on a para's core when asking for the para's validation
/// data or code.
#[derive(
	Clone, Copy, Debug, PartialEq, Eq, Hash, Encode, Decode, DecodeWithMemTracking, TypeInfo,
)]
pub enum OccupiedCoreAssumption {
	/// The candidate became available and was included, so the para moved on to its head.
	#[codec(index = 0)]
	Included,
	/// The candidate timed out, so the para stays where it was.
	#[codec(index = 1)]
	TimedOut,
	/// There is no candidate on the core (the answer is `None` if there is one).
	#[codec(index = 2)]
	Free,
}

/// Something that happened to a candidate in a block.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum CandidateEvent {
	/// The candidate was backed in the block and now holds the core; carries its new head, the
	/// core and the group that backed it.
	#[codec(index = 0)]
	CandidateBacked(CandidateReceipt, HeadData, CoreIndex, GroupIndex),
	/// The candidate was included in the block (its head is now the para's head); carries the
	/// head, the core it held and the group that backed it.
	#[codec(index = 1)]
	CandidateIncluded(CandidateReceipt, HeadData, CoreIndex, GroupIndex),
	/// The candidate did not become available in time and left its core; carries the head it
	/// would have set and the core.
	#[codec(index = 2)]
	CandidateTimedOut(CandidateReceipt, HeadData, CoreIndex),
}

impl CandidateEvent {
	/// The candidate the event is about.
	pub fn receipt(&self) -> &CandidateReceipt {
		match self {
			Self::CandidateBacked(receipt, ..)
			| Self::CandidateIncluded(receipt, ..)
			| Self::CandidateTimedOut(receipt, ..) => receipt,
		}
	}
}
