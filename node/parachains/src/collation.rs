//! Building a collation of the example parachain: what a collator does at each relay block.
//!
//! 1. Ask the relay chain, at the relay parent, for the para's core (`scheduled_cores`), its
//!    persisted validation data and its code hash ([`RelayContext::from_answers`]).
//! 2. Execute the block natively on the para's state, which must be the state the parent head
//!    (in the persisted validation data) commits to.
//! 3. Package the proof of validity (the block: starting state and ops) and the receipt whose
//!    descriptor commits to all of it ([`build`]).
//!
//! The result is exactly what the para's validation function will return on the validators'
//! side, so the commitments match (`crate::validation` checks that).

use codec::{DecodeAll, Encode};
use example_para::{Block, Head, Op, State};
use pallet_inclusion::view::ScheduledCore;
use relay_primitives::{
	BlockData, CandidateCommitments, CandidateDescriptor, CommittedCandidateReceipt, CoreIndex,
	DescriptorFields, Hash, HeadData, ParaId, PersistedValidationData, PoV, ValidationCodeHash,
};

/// The relay chain's answers a collation is built on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelayContext {
	/// The relay-chain block the candidate builds on.
	pub relay_parent: Hash,
	/// The para.
	pub para_id: ParaId,
	/// The session of the block after the relay parent (the descriptor's session index).
	pub session_index: u32,
	/// The core the para may put a candidate on in the block after the relay parent.
	pub core_index: CoreIndex,
	/// The persisted validation data at the relay parent (the parent head among them).
	pub persisted_validation_data: PersistedValidationData,
	/// The hash of the para's current validation code.
	pub validation_code_hash: ValidationCodeHash,
}

/// Why no collation could be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
	/// No core of the next block is for this para (a parathread without a claim, or a para
	/// that is not live).
	NotScheduled,
	/// The relay chain has no persisted validation data or code for the para.
	UnknownPara,
	/// The parent head on the relay chain is not a head of the example parachain.
	BadParentHead,
	/// The state given is not the one the parent head commits to (the collator is behind or
	/// ahead of the relay chain).
	StateMismatch,
	/// The block is invalid (the reason from the para's own rules).
	InvalidBlock(example_para::Error),
	/// The proof of validity is larger than the relay chain accepts.
	PovTooLarge {
		/// Its encoded size.
		size: usize,
		/// The relay chain's limit.
		max: u32,
	},
}

impl RelayContext {
	/// The context from the `InclusionApi` answers at `relay_parent`: `session_index_for_child`,
	/// `scheduled_cores`, `persisted_validation_data(para_id)` and `validation_code_hash(para_id)`.
	pub fn from_answers(
		relay_parent: Hash,
		para_id: ParaId,
		session_index: u32,
		cores: &[ScheduledCore],
		persisted_validation_data: Option<PersistedValidationData>,
		validation_code_hash: Option<ValidationCodeHash>,
	) -> Result<Self, BuildError> {
		let core = cores
			.iter()
			.find(|core| core.para_id == Some(para_id))
			.ok_or(BuildError::NotScheduled)?;
		let (Some(persisted_validation_data), Some(validation_code_hash)) =
			(persisted_validation_data, validation_code_hash)
		else {
			return Err(BuildError::UnknownPara);
		};
		Ok(Self {
			relay_parent,
			para_id,
			session_index,
			core_index: core.core_index,
			persisted_validation_data,
			validation_code_hash,
		})
	}

	/// The para's parent head, decoded.
	pub fn parent_head(&self) -> Result<Head, BuildError> {
		Head::decode_all(&mut &self.persisted_validation_data.parent_head.0[..])
			.map_err(|_| BuildError::BadParentHead)
	}
}

/// A built collation: what the collator hands the backing group, and its own next state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collation {
	/// The receipt with its commitments.
	pub receipt: CommittedCandidateReceipt,
	/// The proof of validity: the encoded [`Block`].
	pub pov: PoV,
	/// The para's new head, decoded.
	pub head: Head,
	/// BLAKE2-256 of the parent head it builds on (what its advertisement names).
	pub parent_head_hash: Hash,
	/// The number of its relay parent (it can be included while that is an allowed one).
	pub relay_parent_number: relay_primitives::BlockNumber,
	/// The para's state after the block (the collator keeps it once the block is included).
	pub state: State,
}

/// Builds a collation applying `ops` to `state` on `context`.
pub fn build(context: &RelayContext, state: &State, ops: Vec<Op>) -> Result<Collation, BuildError> {
	let parent = context.parent_head()?;
	if state.hash() != parent.post_state {
		return Err(BuildError::StateMismatch);
	}
	let block = Block { state: state.clone(), ops };
	let pov = PoV { block_data: BlockData(block.encode()) };
	let max = context.persisted_validation_data.max_pov_size;
	let size = pov.encoded_size();
	if size > max as usize {
		return Err(BuildError::PovTooLarge { size, max });
	}
	let (head, state) = example_para::execute(&parent, block).map_err(BuildError::InvalidBlock)?;
	let relay_parent_number = context.persisted_validation_data.relay_parent_number;
	let commitments = CandidateCommitments::new(HeadData(head.encode()), None, relay_parent_number);
	let descriptor = CandidateDescriptor::new(DescriptorFields {
		para_id: context.para_id,
		relay_parent: context.relay_parent,
		core_index: context.core_index,
		session_index: context.session_index,
		persisted_validation_data_hash: context.persisted_validation_data.hash(),
		pov_hash: pov.hash(),
		// No availability layer yet: nothing erasure-codes the PoV.
		erasure_root: Hash::zero(),
		para_head: commitments.head_data.hash(),
		validation_code_hash: context.validation_code_hash,
	})
	.map_err(|_| BuildError::NotScheduled)?;
	Ok(Collation {
		receipt: CommittedCandidateReceipt { descriptor, commitments },
		pov,
		head,
		parent_head_hash: context.persisted_validation_data.parent_head.hash(),
		relay_parent_number,
		state,
	})
}
