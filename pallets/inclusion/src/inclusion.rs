//! Relay-parent tracking, the checks of a backed candidate, and enacting candidates.

use crate::{scheduler::backing_threshold, *};
use alloc::vec::Vec;
use frame_support::{dispatch::DispatchResultWithPostInfo, ensure, pallet_prelude::*};
use relay_primitives::{
	candidate::{check_core_index, BackingBitfieldError, CommitmentsError},
	CandidateReceipt, CoreIndex, GroupIndex, Header, ParaId, ParachainsInherentData,
	PersistedValidationData, SigningContext, ValidatorIndex,
};
use sp_runtime::traits::UniqueSaturatedInto;

/// What the checks of a candidate need, read once per block.
pub struct BlockContext {
	/// What may use each core.
	pub cores: Vec<CoreAssignment>,
	/// The backing groups.
	pub groups: Vec<Vec<ValidatorIndex>>,
	/// The validators' keys.
	pub validators: Vec<ValidatorId>,
	/// The session votes must be signed in.
	pub session: u32,
	/// The allowed relay parents.
	pub relay_parents: Vec<RelayParentInfo>,
}

/// A candidate that passed every check, with what enacting it needs.
#[derive(
	frame_support::CloneNoBound,
	frame_support::DebugNoBound,
	frame_support::PartialEqNoBound,
	frame_support::EqNoBound,
)]
pub struct CheckedCandidate<T: Config> {
	/// The candidate's receipt (its hash is the candidate hash).
	pub receipt: CandidateReceipt,
	/// The para.
	pub para_id: ParaId,
	/// The core.
	pub core_index: CoreIndex,
	/// The group that backed it.
	pub group_index: GroupIndex,
	/// The pool core, if it is on a parathread pool core.
	pub pool_core: Option<u32>,
	/// The new head, checked by `pallet_paras`.
	pub head: pallet_paras::CheckedHead,
	/// The code upgrade it schedules, if any, checked by `pallet_paras`' own rule.
	pub code_upgrade: Option<pallet_paras::CheckedCodeUpgrade<T>>,
}

impl<T: Config> Pallet<T> {
	/// The weight of `enter` with `candidates` (per candidate, per vote and per byte of new
	/// code).
	pub fn enter_weight(candidates: &[BackedCandidate]) -> Weight {
		let count: u32 = candidates.len().unique_saturated_into();
		let votes: u32 = candidates
			.iter()
			.fold(0usize, |sum, c| sum.saturating_add(c.vote_count()))
			.unique_saturated_into();
		// Each candidate on a pool core serves a claim; at most one per pool core.
		let served = count.min(T::ParathreadClaims::pool_size());
		let code_sizes = candidates.iter().filter_map(|c| {
			let code = c.candidate.commitments.new_validation_code.as_ref()?;
			Some(code.0.len().unique_saturated_into())
		});
		crate::weights::enter_weight::<<T as Config>::WeightInfo>(count, votes, code_sizes)
			.saturating_add(
				T::ParathreadClaims::on_claim_served_max_weight().saturating_mul(u64::from(served)),
			)
			// Recording the parent (hashing its header, rewriting `RelayParents`): what the
			// `on_initialize` benchmark measured while the hooks did it (reading and writing
			// `RelayParents`, computing a storage root), an upper bound until the `enter`
			// benchmarks, which now include it, are re-run.
			.saturating_add(<T as Config>::WeightInfo::on_initialize())
			// Recording the session the next block's candidates are signed for.
			.saturating_add(<T as frame_system::Config>::DbWeight::get().writes(1))
	}

	/// The parent block as a relay parent, from its header in the inherent data: its hash must
	/// be this block's parent hash; its state root is the storage root candidates built on it
	/// commit to.
	pub fn parent_info(header: &Header) -> Result<RelayParentInfo, Error<T>> {
		let now: BlockNumber = frame_system::Pallet::<T>::block_number().unique_saturated_into();
		ensure!(
			header.hash() == frame_system::Pallet::<T>::parent_hash()
				&& header.number.checked_add(1) == Some(now),
			Error::<T>::InvalidParentHeader
		);
		Ok(RelayParentInfo {
			hash: header.hash(),
			number: header.number,
			storage_root: header.state_root,
		})
	}

	/// The recorded relay parents with `parent` added (replacing any entry not older than it)
	/// and the oldest dropped beyond `AllowedRelayParents`.
	pub fn relay_parents_with(
		parent: RelayParentInfo,
	) -> BoundedVec<RelayParentInfo, T::AllowedRelayParents> {
		let mut parents = RelayParents::<T>::get().into_inner();
		parents.retain(|info| info.number < parent.number);
		parents.push(parent);
		let bound = T::AllowedRelayParents::get() as usize;
		let excess = parents.len().saturating_sub(bound);
		parents.drain(..excess);
		BoundedVec::truncate_from(parents)
	}

	/// The persisted validation data of `para` for a candidate built on `relay_parent`, if the
	/// relay parent is allowed and the para has a head.
	pub fn persisted_validation_data(
		para: ParaId,
		relay_parent: Hash,
	) -> Option<PersistedValidationData> {
		let info = RelayParents::<T>::get().into_iter().find(|info| info.hash == relay_parent)?;
		Some(PersistedValidationData {
			parent_head: pallet_paras::Heads::<T>::get(para)?,
			relay_parent_number: info.number,
			relay_parent_storage_root: info.storage_root,
			max_pov_size: T::MaxPovSize::get(),
		})
	}

	/// The session this block's candidates must be signed for ([`CandidateSession`]).
	pub fn candidate_session() -> u32 {
		CandidateSession::<T>::get().unwrap_or_else(T::SessionIndex::get)
	}

	/// The current block's cores, groups, validators, session and recorded relay parents.
	pub fn block_context() -> BlockContext {
		Self::block_context_with(RelayParents::<T>::get().into_inner())
	}

	/// The current block's cores, groups, validators and session, with these relay parents.
	pub fn block_context_with(relay_parents: Vec<RelayParentInfo>) -> BlockContext {
		let cores = Self::core_assignments();
		let groups = Self::groups_for(cores.len().unique_saturated_into());
		BlockContext {
			cores,
			groups,
			validators: ActiveValidatorKeys::<T>::get(),
			session: Self::candidate_session(),
			relay_parents,
		}
	}

	/// Checks one backed candidate against the current block (all but the conflicts with other
	/// candidates of the block). Writes nothing.
	pub fn check_backed_candidate(
		ctx: &BlockContext,
		backed: &BackedCandidate,
	) -> Result<CheckedCandidate<T>, Error<T>> {
		let descriptor = &backed.candidate.descriptor;
		let commitments = &backed.candidate.commitments;
		let para = descriptor.para_id;
		let core = descriptor.core();

		// Descriptor.
		ensure!(descriptor.is_v2(), Error::<T>::UnsupportedDescriptorVersion);
		ensure!(descriptor.session_index == ctx.session, Error::<T>::WrongSession);

		// Scheduling.
		let assignment = ctx.cores.get(core.0 as usize).ok_or(Error::<T>::NoSuchCore)?;
		ensure!(assignment.scheduled_para() == Some(para), Error::<T>::ParaNotScheduled);
		let pool_core = match assignment {
			CoreAssignment::Pool { pool_core, .. } => Some(*pool_core),
			CoreAssignment::Parachain(_) => None,
		};

		// Inputs.
		let relay_parent = ctx
			.relay_parents
			.iter()
			.find(|info| info.hash == descriptor.relay_parent)
			.ok_or(Error::<T>::UnknownRelayParent)?;
		let parent_head =
			pallet_paras::Heads::<T>::get(para).ok_or(Error::<T>::ValidationDataMismatch)?;
		let pvd = PersistedValidationData {
			parent_head,
			relay_parent_number: relay_parent.number,
			relay_parent_storage_root: relay_parent.storage_root,
			max_pov_size: T::MaxPovSize::get(),
		};
		ensure!(
			descriptor.persisted_validation_data_hash == pvd.hash(),
			Error::<T>::ValidationDataMismatch
		);
		ensure!(
			pallet_paras::CurrentCodeHash::<T>::get(para) == Some(descriptor.validation_code_hash),
			Error::<T>::ValidationCodeMismatch
		);

		// Outputs.
		ensure!(descriptor.para_head == commitments.head_data.hash(), Error::<T>::HeadHashMismatch);
		let signals = commitments
			.check_without_messaging(relay_parent.number)
			.map_err(Error::<T>::from)?;
		let assigned: Vec<CoreIndex> = ctx
			.cores
			.iter()
			.enumerate()
			.filter(|(_, assignment)| assignment.scheduled_para() == Some(para))
			.map(|(index, _)| CoreIndex(index.unique_saturated_into()))
			.collect();
		let selector = signals.select_core.map(|(selector, _offset)| selector);
		check_core_index(&assigned, selector, core).map_err(Error::<T>::from)?;
		pallet_paras::Pallet::<T>::check_head(&commitments.head_data).map_err(Error::<T>::from)?;
		let head = pallet_paras::Pallet::<T>::check_new_head(para, commitments.head_data.clone())
			.map_err(|_| Error::<T>::ValidationDataMismatch)?;
		let code_upgrade = match &commitments.new_validation_code {
			Some(code) => {
				pallet_paras::Pallet::<T>::check_code(code).map_err(Error::<T>::from)?;
				let now = frame_system::Pallet::<T>::block_number();
				let upgrade =
					pallet_paras::Pallet::<T>::check_code_upgrade(para, code.clone(), now, false)
						.map_err(|_| Error::<T>::CodeUpgradeNotAllowed)?;
				Some(upgrade)
			},
			None => None,
		};

		// Votes.
		let group_count: u32 = ctx.groups.len().unique_saturated_into();
		let group_index = Self::group_backing_on(core, relay_parent.number, group_count)
			.ok_or(Error::<T>::VoterNotInGroup)?;
		let group = ctx.groups.get(group_index.0 as usize).ok_or(Error::<T>::VoterNotInGroup)?;
		let votes = backed.votes_of_group(group).map_err(Error::<T>::from)?;
		let candidate_hash = backed.hash();
		let context =
			SigningContext { session_index: ctx.session, parent_hash: descriptor.relay_parent };
		for (index, attestation) in &votes {
			let key = ctx.validators.get(index.0 as usize).ok_or(Error::<T>::VoterNotInGroup)?;
			ensure!(attestation.verify(key, candidate_hash, &context), Error::<T>::InvalidVote);
		}
		let group_size: u32 = group.len().unique_saturated_into();
		let threshold = backing_threshold(T::MinBackingVotes::get(), group_size);
		ensure!(votes.len() >= threshold as usize, Error::<T>::InsufficientVotes);

		Ok(CheckedCandidate {
			receipt: backed.candidate.to_plain(),
			para_id: para,
			core_index: core,
			group_index,
			pool_core,
			head,
			code_upgrade,
		})
	}

	/// Checks every candidate and the conflicts between them, in order.
	pub fn check_all(
		ctx: &BlockContext,
		candidates: &[BackedCandidate],
	) -> Result<Vec<CheckedCandidate<T>>, Error<T>> {
		let mut checked: Vec<CheckedCandidate<T>> = Vec::with_capacity(candidates.len());
		for backed in candidates {
			let candidate = Self::check_backed_candidate(ctx, backed)?;
			Self::check_conflicts(&checked, &candidate)?;
			checked.push(candidate);
		}
		Ok(checked)
	}

	fn check_conflicts(
		kept: &[CheckedCandidate<T>],
		candidate: &CheckedCandidate<T>,
	) -> Result<(), Error<T>> {
		ensure!(
			kept.iter().all(|c| c.core_index != candidate.core_index),
			Error::<T>::DuplicateCore
		);
		ensure!(kept.iter().all(|c| c.para_id != candidate.para_id), Error::<T>::DuplicatePara);
		Ok(())
	}

	/// The candidates `enter` would accept in this block with this parent header: those that
	/// pass every check, each dropped if it conflicts with one kept before it. What
	/// `create_inherent` includes (none if the header is not the parent's).
	pub fn filter_candidates(
		offered: Vec<BackedCandidate>,
		parent_header: &Header,
	) -> Vec<BackedCandidate> {
		let Ok(parent) = Self::parent_info(parent_header) else {
			log::error!(target: LOG_TARGET, "the inherent's parent header is not the parent's");
			return Vec::new();
		};
		let ctx = Self::block_context_with(Self::relay_parents_with(parent).into_inner());
		let mut kept: Vec<CheckedCandidate<T>> = Vec::new();
		offered
			.into_iter()
			.filter(|backed| {
				match Self::check_backed_candidate(&ctx, backed)
					.and_then(|c| Self::check_conflicts(&kept, &c).map(|()| c))
				{
					Ok(candidate) => {
						kept.push(candidate);
						true
					},
					Err(e) => {
						log::debug!(
							target: LOG_TARGET,
							"dropping candidate {:?}: {:?}",
							backed.hash(),
							e
						);
						false
					},
				}
			})
			.collect()
	}

	/// `enter`: checks the parent header and every candidate, then records the parent as a
	/// relay parent and enacts the candidates.
	pub(crate) fn do_enter(data: ParachainsInherentData) -> DispatchResultWithPostInfo {
		ensure!(!Included::<T>::exists(), Error::<T>::TooManyInclusionInherents);
		let parent = Self::parent_info(&data.parent_header)?;
		let relay_parents = Self::relay_parents_with(parent);
		let ctx = Self::block_context_with(relay_parents.clone().into_inner());
		let checked = Self::check_all(&ctx, &data.backed_candidates)?;

		// Checks done; from here on only writes.
		Included::<T>::put(());
		RelayParents::<T>::put(relay_parents);
		CandidateSession::<T>::put(T::SessionIndex::get());
		for candidate in checked {
			Self::enact(candidate);
		}
		Ok(Pays::No.into())
	}

	fn enact(candidate: CheckedCandidate<T>) {
		let CheckedCandidate {
			receipt,
			para_id,
			core_index,
			group_index,
			pool_core,
			head,
			code_upgrade,
		} = candidate;
		let head_data = head.head().clone();
		Self::deposit_event(Event::CandidateBacked(
			receipt.clone(),
			head_data.clone(),
			core_index,
			group_index,
		));
		if let Some(upgrade) = code_upgrade {
			pallet_paras::Pallet::<T>::schedule_checked_code_upgrade(upgrade);
		}
		pallet_paras::Pallet::<T>::note_checked_head(head);
		if let Some(pool_core) = pool_core {
			T::ParathreadClaims::on_claim_served(pool_core, para_id);
		}
		Self::deposit_event(Event::CandidateIncluded(receipt, head_data, core_index, group_index));
	}
}

pallet_paras::impl_from_data_error!();

impl<T: Config> From<BackingBitfieldError> for Error<T> {
	fn from(error: BackingBitfieldError) -> Self {
		match error {
			BackingBitfieldError::WrongLength | BackingBitfieldError::CoreIndexMismatch => {
				Error::<T>::InvalidValidatorBitfield
			},
			BackingBitfieldError::VoteCountMismatch => Error::<T>::VoteCountMismatch,
		}
	}
}

impl<T: Config> From<CommitmentsError> for Error<T> {
	fn from(error: CommitmentsError) -> Self {
		match error {
			CommitmentsError::UmpSignalDecode
			| CommitmentsError::DuplicateUmpSignal
			| CommitmentsError::TooManyUmpSignals => Error::<T>::InvalidUmpSignals,
			CommitmentsError::NoAssignment => Error::<T>::ParaNotScheduled,
			CommitmentsError::CoreIndexMismatch => Error::<T>::CoreIndexMismatch,
			CommitmentsError::UpwardMessages => Error::<T>::InvalidUpwardMessages,
			CommitmentsError::HorizontalMessages => Error::<T>::InvalidOutboundHrmp,
			CommitmentsError::DownwardMessages => Error::<T>::IncorrectDownwardMessageHandling,
			CommitmentsError::HrmpWatermark => Error::<T>::HrmpWatermarkMishandling,
		}
	}
}
