//! The answers of Polkadot's `ParachainHost` runtime API (`relay_primitives::host`), from this
//! pallet and `pallet_paras`. The runtime's `ParachainHost` implementation calls these; what the
//! chain does not have yet (availability, disputes, approvals, messages, slashing) it answers as
//! a Polkadot chain with none of them would: no pending candidates, empty queues, no disputes.
//!
//! Two differences a reader of the answers should know:
//! - candidates are enacted as soon as they are backed, so no core is ever `Occupied`, and a
//!   para's backing state has no pending candidates;
//! - groups rotate counting from block 0, not from the session's first block, so
//!   [`GroupRotationInfo::session_start_block`] is 0: with Polkadot's formula (rotations =
//!   `(now − session_start_block) / group_rotation_frequency`) it gives this chain's groups. There
//!   are `min(validators, cores)` groups, fewer than cores when validators are fewer; Polkadot
//!   has one group per core.

use crate::{scheduler::*, *};
use alloc::{
	collections::{btree_map::BTreeMap, vec_deque::VecDeque},
	vec,
	vec::Vec,
};
use frame_support::traits::Get;
use relay_primitives::{
	host::{
		node_features, AbridgedHostConfiguration, AsyncBackingParams, BackingState, Constraints,
		CoreState, ExecutorParams, GroupRotationInfo, InboundHrmpLimitations, NodeFeatures,
		ScheduledCore, SessionInfo, UpgradeRestriction,
	},
	CandidateCommitments, CoreIndex, ParaId, PersistedValidationData, ValidationCodeHash,
	ValidatorIndex,
};
use sp_runtime::traits::{Saturating, UniqueSaturatedInto};

/// How many blocks ahead the claim queue looks (Polkadot's default scheduling lookahead).
pub const SCHEDULING_LOOKAHEAD: u32 = 3;

/// Sessions after which a concluded dispute is forgotten (Polkadot's default): no disputes
/// exist yet.
pub const DISPUTE_PERIOD: u32 = 6;

/// Approvals a candidate needs: none, until the chain has approval checking.
pub const NEEDED_APPROVALS: u32 = 0;

/// The approval-checking parameters of a session that has none: one tranche, one sample.
pub const APPROVAL_TRANCHES: u32 = 1;

/// The node features this chain has on: V2 candidate receipts (collators write V2 descriptors)
/// and elastic scaling's core index in backed candidates' bitfields.
pub const NODE_FEATURES: [usize; 2] =
	[node_features::ELASTIC_SCALING_MVP, node_features::CANDIDATE_RECEIPT_V2];

impl<T: Config> Pallet<T> {
	/// The block number of this block, as a relay-chain block number.
	fn this_block() -> BlockNumber {
		frame_system::Pallet::<T>::block_number().unique_saturated_into()
	}

	/// `validator_groups`: the groups of the next block and how they rotate.
	pub fn host_validator_groups() -> (Vec<Vec<ValidatorIndex>>, GroupRotationInfo) {
		let (groups, ours) = Self::validator_groups_view();
		let info = GroupRotationInfo {
			session_start_block: 0,
			group_rotation_frequency: ours.group_rotation_frequency,
			now: ours.now,
		};
		(groups, info)
	}

	/// `availability_cores`: every core, `Scheduled` with its para or `Free`.
	pub fn host_availability_cores() -> Vec<CoreState> {
		Self::scheduled_cores_view()
			.into_iter()
			.map(|core| match core.para_id {
				Some(para_id) => CoreState::Scheduled(ScheduledCore { para_id, collator: None }),
				None => CoreState::Free,
			})
			.collect()
	}

	/// `assumed_validation_data`: the para's data at this block if it has this hash, with its
	/// code hash.
	pub fn host_assumed_validation_data(
		para: ParaId,
		expected_hash: Hash,
	) -> Option<(PersistedValidationData, ValidationCodeHash)> {
		let data = Self::persisted_validation_data_at_tip(para)?;
		let code = pallet_paras::CurrentCodeHash::<T>::get(para)?;
		(data.hash() == expected_hash).then_some((data, code))
	}

	/// `check_validation_outputs`: whether a candidate of `para` built on this block with these
	/// outputs would pass inclusion's checks of outputs (head and code limits, the code upgrade
	/// rule, the message fields).
	pub fn host_check_validation_outputs(para: ParaId, outputs: CandidateCommitments) -> bool {
		let relay_parent = Self::this_block();
		let head_ok = pallet_paras::Pallet::<T>::check_head(&outputs.head_data).is_ok();
		let code_ok = match &outputs.new_validation_code {
			Some(code) => {
				let next = frame_system::Pallet::<T>::block_number().saturating_add(1u32.into());
				pallet_paras::Pallet::<T>::check_code_upgrade(para, code.clone(), next, false)
					.is_ok()
			},
			None => true,
		};
		head_ok && code_ok && outputs.check_without_messaging(relay_parent).is_ok()
	}

	/// `session_info`: the current session's (earlier sessions are not kept); the runtime adds
	/// the discovery keys (from `pallet_authority_discovery`).
	pub fn host_session_info(index: u32) -> Option<SessionInfo> {
		if index != T::SessionIndex::get() {
			return None;
		}
		let validators = ActiveValidatorKeys::<T>::get();
		let count: u32 = validators.len().unique_saturated_into();
		let cores: u32 = Self::core_assignments().len().unique_saturated_into();
		Some(SessionInfo {
			active_validator_indices: (0..count).map(ValidatorIndex).collect(),
			random_seed: [0; 32],
			dispute_period: DISPUTE_PERIOD,
			validators,
			discovery_keys: Vec::new(),
			assignment_keys: Vec::new(),
			validator_groups: Self::groups_for(cores),
			n_cores: cores,
			zeroth_delay_tranche_width: 0,
			relay_vrf_modulo_samples: APPROVAL_TRANCHES,
			n_delay_tranches: APPROVAL_TRANCHES,
			no_show_slots: APPROVAL_TRANCHES,
			needed_approvals: NEEDED_APPROVALS,
		})
	}

	/// `session_executor_params`: Polkadot's defaults (no parameter) for the current session.
	pub fn host_session_executor_params(index: u32) -> Option<ExecutorParams> {
		(index == T::SessionIndex::get()).then(|| ExecutorParams(Vec::new()))
	}

	/// `async_backing_params`: candidates may build on up to `MaxCandidateDepth` candidates not
	/// yet included; a relay parent may be any of the last `AllowedRelayParents` blocks, so
	/// `AllowedRelayParents − 1` ancestors back.
	pub fn host_async_backing_params() -> AsyncBackingParams {
		AsyncBackingParams {
			max_candidate_depth: T::MaxCandidateDepth::get(),
			allowed_ancestry_len: T::AllowedRelayParents::get().saturating_sub(1),
		}
	}

	/// Polkadot's `Configuration.ActiveConfig` prefix from this chain's limits: code and head
	/// sizes and upgrade timing from `pallet_paras`, no upward or horizontal messages yet, and
	/// [`Self::host_async_backing_params`].
	pub fn host_abridged_configuration() -> AbridgedHostConfiguration {
		AbridgedHostConfiguration {
			max_code_size: <T as pallet_paras::Config>::MaxCodeSize::get(),
			max_head_data_size: <T as pallet_paras::Config>::MaxHeadSize::get(),
			max_upward_queue_count: 0,
			max_upward_queue_size: 0,
			max_upward_message_size: 0,
			max_upward_message_num_per_candidate: 0,
			hrmp_max_message_num_per_candidate: 0,
			validation_upgrade_cooldown:
				<T as pallet_paras::Config>::ValidationUpgradeCooldown::get()
					.unique_saturated_into(),
			validation_upgrade_delay: <T as pallet_paras::Config>::ValidationUpgradeDelay::get()
				.unique_saturated_into(),
			async_backing_params: Self::host_async_backing_params(),
		}
	}

	/// `node_features`: [`NODE_FEATURES`].
	pub fn host_node_features() -> NodeFeatures {
		let len = NODE_FEATURES.iter().copied().max().unwrap_or(0).saturating_add(1);
		let mut features = NodeFeatures::repeat(false, len);
		for feature in NODE_FEATURES {
			if let Some(mut bit) = features.get_mut(feature) {
				*bit = true;
			}
		}
		features
	}

	/// `claim_queue`: a parachain's core serves it in each of the next [`SCHEDULING_LOOKAHEAD`]
	/// blocks; a pool core serves the parathread with a live claim in the next block (later
	/// blocks are decided by the fee auction then); a core with nothing scheduled is left out.
	pub fn host_claim_queue() -> BTreeMap<CoreIndex, VecDeque<ParaId>> {
		Self::core_assignments()
			.into_iter()
			.zip(0u32..)
			.filter_map(|(assignment, index)| {
				let queue: VecDeque<ParaId> = match assignment {
					CoreAssignment::Parachain(para) => {
						(0..SCHEDULING_LOOKAHEAD).map(|_| para).collect()
					},
					CoreAssignment::Pool { claim: Some(para), .. } => VecDeque::from(vec![para]),
					CoreAssignment::Pool { claim: None, .. } => return None,
				};
				Some((CoreIndex(index), queue))
			})
			.collect()
	}

	/// `backing_constraints`: what a candidate of `para` built on this block must meet.
	pub fn host_backing_constraints(para: ParaId) -> Option<Constraints> {
		let required_parent = pallet_paras::Heads::<T>::get(para)?;
		let validation_code_hash = pallet_paras::CurrentCodeHash::<T>::get(para)?;
		let now = frame_system::Pallet::<T>::block_number();
		let cooling_down =
			pallet_paras::UpgradeCooldowns::<T>::get(para).is_some_and(|until| now < until);
		let pending = pallet_paras::FutureCodeUpgrades::<T>::get(para).is_some();
		let future_validation_code = pallet_paras::FutureCodeUpgrades::<T>::get(para)
			.zip(pallet_paras::FutureCodeHash::<T>::get(para))
			.map(|(at, hash)| (at.unique_saturated_into(), hash));
		// The oldest relay parent a candidate on this block may still name (the next block
		// records this one and keeps `AllowedRelayParents` blocks).
		let window = T::AllowedRelayParents::get().saturating_sub(1);
		Some(Constraints {
			min_relay_parent_number: Self::this_block().saturating_sub(window),
			max_pov_size: T::MaxPovSize::get(),
			max_code_size: <T as pallet_paras::Config>::MaxCodeSize::get(),
			max_head_data_size: <T as pallet_paras::Config>::MaxHeadSize::get(),
			ump_remaining: 0,
			ump_remaining_bytes: 0,
			max_ump_num_per_candidate: 0,
			dmp_remaining_messages: Vec::new(),
			hrmp_inbound: InboundHrmpLimitations { valid_watermarks: Vec::new() },
			hrmp_channels_out: Vec::new(),
			max_hrmp_num_per_candidate: 0,
			required_parent,
			validation_code_hash,
			upgrade_restriction: (cooling_down || pending).then_some(UpgradeRestriction::Present),
			future_validation_code,
		})
	}

	/// `para_backing_state`: the constraints, and no candidate pending availability.
	pub fn host_para_backing_state(para: ParaId) -> Option<BackingState> {
		let constraints = Self::host_backing_constraints(para)?;
		Some(BackingState { constraints, pending_availability: Vec::new() })
	}

	/// `para_ids`: every para with a head, in id order.
	pub fn host_para_ids() -> Vec<ParaId> {
		let mut paras: Vec<ParaId> = pallet_paras::Heads::<T>::iter_keys().collect();
		paras.sort();
		paras
	}

	/// `validation_code_bomb_limit`: validation code may decompress to the largest code the
	/// chain accepts times `MAX_VALIDATION_CODE_COMPRESSION_RATIO` (Polkadot's rule).
	pub fn host_validation_code_bomb_limit() -> u32 {
		<T as pallet_paras::Config>::MaxCodeSize::get()
			.saturating_mul(relay_primitives::paras::MAX_VALIDATION_CODE_COMPRESSION_RATIO)
	}
}
