//! The commitments of a candidate (Polkadot's `CandidateCommitments`), the messages they carry,
//! and the UMP signals a para appends to its upward messages.
//!
//! Until the chain has message queues, a candidate may send no upward message (only signals
//! after the separator), no horizontal message, may process no downward message, and must set
//! its HRMP watermark to its relay parent's number: what Polkadot accepts from a para with empty
//! queues and no channels ([`CandidateCommitments::check_without_messaging`]).

use super::*;
use frame_support::{traits::ConstU32, BoundedVec};

/// The most upward messages (and signals) one candidate may carry, as Polkadot bounds them.
pub const MAX_UPWARD_MESSAGE_NUM: u32 = 16 * 1024;

/// The most horizontal messages one candidate may carry, as Polkadot bounds them.
pub const MAX_HORIZONTAL_MESSAGE_NUM: u32 = 16 * 1024;

/// The most UMP signals after the separator.
pub const MAX_UMP_SIGNALS: usize = 2;

/// The longest peer id an `ApprovedPeer` signal may carry.
pub const MAX_APPROVED_PEER_ID_LEN: u32 = 64;

/// A message from a para to the relay chain (an XCM, once the chain has a UMP queue).
pub type UpwardMessage = Vec<u8>;

/// A candidate's upward messages, then [`UMP_SEPARATOR`] and its signals.
pub type UpwardMessages = BoundedVec<UpwardMessage, ConstU32<MAX_UPWARD_MESSAGE_NUM>>;

/// A candidate's horizontal messages.
pub type HorizontalMessages = BoundedVec<OutboundHrmpMessage, ConstU32<MAX_HORIZONTAL_MESSAGE_NUM>>;

/// The empty upward message that separates a candidate's messages from its UMP signals.
pub const UMP_SEPARATOR: Vec<u8> = Vec::new();

/// A message from a para to another para over an HRMP channel.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct OutboundHrmpMessage {
	/// The para the message is for.
	pub recipient: ParaId,
	/// The message.
	pub data: Vec<u8>,
}

/// A rotating number a para commits to, choosing among the cores assigned to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct CoreSelector(pub u8);

/// How far ahead in the claim queue the chosen core is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ClaimQueueOffset(pub u8);

/// A peer id a para vouches for (at most [`MAX_APPROVED_PEER_ID_LEN`] bytes).
pub type ApprovedPeerId = BoundedVec<u8, ConstU32<MAX_APPROVED_PEER_ID_LEN>>;

/// A signal a para sends the relay chain after its upward messages.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum UmpSignal {
	/// The core the candidate is for: the `selector mod n`-th of the `n` cores assigned to the
	/// para at `offset` in the claim queue.
	#[codec(index = 0)]
	SelectCore(CoreSelector, ClaimQueueOffset),
	/// A collator peer the para approves of.
	#[codec(index = 1)]
	ApprovedPeer(ApprovedPeerId),
}

/// The signals of a candidate, each at most once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UmpSignals {
	/// The `SelectCore` signal.
	pub select_core: Option<(CoreSelector, ClaimQueueOffset)>,
	/// The `ApprovedPeer` signal.
	pub approved_peer: Option<ApprovedPeerId>,
}

/// Why a candidate's commitments are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitmentsError {
	/// A signal does not decode.
	UmpSignalDecode,
	/// The same signal twice.
	DuplicateUmpSignal,
	/// More than [`MAX_UMP_SIGNALS`] signals.
	TooManyUmpSignals,
	/// The para is assigned no core at the signal's claim-queue offset.
	NoAssignment,
	/// The descriptor's core is not the one the para selected.
	CoreIndexMismatch,
	/// Upward messages before the separator: the chain has no UMP queue yet.
	UpwardMessages,
	/// Horizontal messages: the chain has no HRMP channels yet.
	HorizontalMessages,
	/// Processed downward messages: the chain has no downward queue yet.
	DownwardMessages,
	/// The HRMP watermark is not the relay parent's number.
	HrmpWatermark,
}

impl CandidateCommitments {
	/// BLAKE2-256 of the SCALE encoding (what [`CandidateReceipt::commitments_hash`] holds).
	pub fn hash(&self) -> Hash {
		BlakeTwo256::hash_of(self)
	}

	/// Commitments with only a head and perhaps new code: no messages, and the HRMP watermark
	/// at the relay parent's number.
	pub fn new(
		head_data: HeadData,
		new_validation_code: Option<ValidationCode>,
		relay_parent_number: BlockNumber,
	) -> Self {
		Self {
			upward_messages: Default::default(),
			horizontal_messages: Default::default(),
			new_validation_code,
			head_data,
			processed_downward_messages: 0,
			hrmp_watermark: relay_parent_number,
		}
	}

	/// The upward messages before the separator (the ones that are not signals).
	pub fn upward_messages_without_signals(&self) -> impl Iterator<Item = &UpwardMessage> {
		self.upward_messages.iter().take_while(|message| !message.is_empty())
	}

	/// The UMP signals after the separator, as Polkadot parses them: at most one of each kind,
	/// at most [`MAX_UMP_SIGNALS`] in all.
	pub fn ump_signals(&self) -> Result<UmpSignals, CommitmentsError> {
		let mut signals = UmpSignals::default();
		let mut after = self.upward_messages.iter().skip_while(|message| !message.is_empty());
		if after.next().is_none() {
			return Ok(signals);
		}
		for (count, raw) in after.enumerate() {
			if count >= MAX_UMP_SIGNALS {
				return Err(CommitmentsError::TooManyUmpSignals);
			}
			match UmpSignal::decode(&mut &raw[..]).map_err(|_| CommitmentsError::UmpSignalDecode)? {
				UmpSignal::SelectCore(selector, offset) if signals.select_core.is_none() => {
					signals.select_core = Some((selector, offset))
				},
				UmpSignal::ApprovedPeer(peer) if signals.approved_peer.is_none() => {
					signals.approved_peer = Some(peer)
				},
				_ => return Err(CommitmentsError::DuplicateUmpSignal),
			}
		}
		Ok(signals)
	}

	/// The checks of a chain without message queues or channels, in Polkadot's terms: no upward
	/// message before the separator, well-formed signals, no horizontal message, no processed
	/// downward message, and the watermark at `relay_parent_number`.
	pub fn check_without_messaging(
		&self,
		relay_parent_number: BlockNumber,
	) -> Result<UmpSignals, CommitmentsError> {
		if self.upward_messages_without_signals().next().is_some() {
			return Err(CommitmentsError::UpwardMessages);
		}
		let signals = self.ump_signals()?;
		if !self.horizontal_messages.is_empty() {
			return Err(CommitmentsError::HorizontalMessages);
		}
		if self.processed_downward_messages != 0 {
			return Err(CommitmentsError::DownwardMessages);
		}
		if self.hrmp_watermark != relay_parent_number {
			return Err(CommitmentsError::HrmpWatermark);
		}
		Ok(signals)
	}
}

impl From<ValidationResult> for CandidateCommitments {
	fn from(result: ValidationResult) -> Self {
		Self {
			upward_messages: result.upward_messages,
			horizontal_messages: result.horizontal_messages,
			new_validation_code: result.new_validation_code,
			head_data: result.head_data,
			processed_downward_messages: result.processed_downward_messages,
			hrmp_watermark: result.hrmp_watermark,
		}
	}
}

/// Polkadot's core-index check: `assigned` are the cores assigned to the para at the signal's
/// claim-queue offset (offset 0 without a signal), in core order. With a selector the core must
/// be the `selector mod n`-th of them; without one, the only one, or any of them if there are
/// several.
pub fn check_core_index(
	assigned: &[CoreIndex],
	selector: Option<CoreSelector>,
	descriptor_core: CoreIndex,
) -> Result<(), CommitmentsError> {
	if assigned.is_empty() {
		return Err(CommitmentsError::NoAssignment);
	}
	let selector = match selector {
		Some(selector) => selector,
		None if assigned.len() > 1 => {
			return if assigned.contains(&descriptor_core) {
				Ok(())
			} else {
				Err(CommitmentsError::CoreIndexMismatch)
			}
		},
		None => CoreSelector(0),
	};
	let position = usize::from(selector.0).checked_rem(assigned.len()).unwrap_or_default();
	match assigned.get(position) {
		Some(core) if *core == descriptor_core => Ok(()),
		_ => Err(CommitmentsError::CoreIndexMismatch),
	}
}
