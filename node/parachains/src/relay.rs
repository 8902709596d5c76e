//! What collators and validators read from the relay chain, and where they read it: the runtime
//! APIs `InclusionApi` and `ParathreadsApi` at a block. The protocol state machines only see
//! [`RelayBlock`] and the answers of [`RelayChain`], so tests give them made-up chains.

use pallet_inclusion::{
	scheduler::group_for_core,
	view::{InclusionApi, ScheduledCore},
};
use pallet_parathreads::view::{BidView, ClaimView, ParathreadsApi};
use relay_primitives::{
	host::{AuthorityDiscoveryId, ParachainHost},
	AccountId, Balance, Block, BlockNumber, CoreIndex, GroupIndex, Hash, ParaId,
	PersistedValidationData, ValidationCode, ValidationCodeHash, ValidatorId, ValidatorIndex,
};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;

/// What the relay chain says at one block about the next one: validators, groups and cores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RelayBlock {
	/// The block's hash (the relay parent of candidates built on it).
	pub hash: Hash,
	/// Its number.
	pub number: BlockNumber,
	/// Its parent's hash.
	pub parent_hash: Hash,
	/// The newest finalized block number when it was read (for the views validators send).
	pub finalized_number: BlockNumber,
	/// The session the next block is in: backing votes are signed for it.
	pub session: u32,
	/// The active validators' `para_validator` keys, by index.
	pub validators: Vec<ValidatorId>,
	/// Their authority-discovery keys, by the same index (the session info's).
	pub discovery_keys: Vec<AuthorityDiscoveryId>,
	/// The backing groups (validator indices).
	pub groups: Vec<Vec<ValidatorIndex>>,
	/// Group rotations behind the next block.
	pub rotations: u32,
	/// The next block's cores, each with its para and backing group.
	pub cores: Vec<ScheduledCore>,
	/// The head hash of each para with a core, on chain at this block (where chains built
	/// ahead start).
	pub heads: Vec<(ParaId, Hash)>,
}

impl RelayBlock {
	/// The index of `key` among the validators.
	pub fn validator_index(&self, key: &ValidatorId) -> Option<ValidatorIndex> {
		let position = self.validators.iter().position(|v| v == key)?;
		u32::try_from(position).ok().map(ValidatorIndex)
	}

	/// The key of validator `index`.
	pub fn validator(&self, index: ValidatorIndex) -> Option<&ValidatorId> {
		self.validators.get(index.0 as usize)
	}

	/// The group `index` belongs to.
	pub fn group_of(&self, index: ValidatorIndex) -> Option<GroupIndex> {
		let position = self.groups.iter().position(|group| group.contains(&index))?;
		u32::try_from(position).ok().map(GroupIndex)
	}

	/// The members of group `group`.
	pub fn group(&self, group: GroupIndex) -> &[ValidatorIndex] {
		self.groups.get(group.0 as usize).map(Vec::as_slice).unwrap_or_default()
	}

	/// The hash of `para`'s head on chain at this block, if it has a core.
	pub fn head_of(&self, para: ParaId) -> Option<Hash> {
		self.heads.iter().find(|(p, _)| *p == para).map(|(_, head)| *head)
	}

	/// The core `para` may put a candidate on in the next block, with its group.
	pub fn core_of(&self, para: ParaId) -> Option<&ScheduledCore> {
		self.cores.iter().find(|core| core.para_id == Some(para))
	}

	/// The group that backs `core` after the next rotation.
	pub fn next_group_for(&self, core: CoreIndex) -> Option<GroupIndex> {
		let groups = u32::try_from(self.groups.len()).ok()?;
		group_for_core(core, self.rotations.saturating_add(1), groups)
	}

	/// Whether group `group` backs `para`'s core now, or will after the next rotation.
	pub fn group_serves(&self, group: GroupIndex, para: ParaId) -> bool {
		self.core_of(para).is_some_and(|core| {
			core.group_index == Some(group) || self.next_group_for(core.core_index) == Some(group)
		})
	}

	/// Whether group `group` backs `para`'s core now or within the next two rotations: what a
	/// validator accepts a declaration for, since a collator that imported the next block
	/// first (the first of a new rotation) declares to the group after that one.
	pub fn group_serves_soon(&self, group: GroupIndex, para: ParaId) -> bool {
		let Ok(groups) = u32::try_from(self.groups.len()) else { return false };
		self.group_serves(group, para)
			|| self.core_of(para).is_some_and(|core| {
				group_for_core(core.core_index, self.rotations.saturating_add(2), groups)
					== Some(group)
			})
	}
}

/// The relay chain, as the parachain protocols read it.
pub trait RelayChain: Send + Sync + 'static {
	/// What the chain says at `hash` ([`RelayBlock`]).
	fn block(&self, hash: Hash) -> Result<RelayBlock, String>;
	/// The persisted validation data of `para` for candidates on `at`.
	fn persisted_validation_data(
		&self,
		at: Hash,
		para: ParaId,
	) -> Result<Option<PersistedValidationData>, String>;
	/// The hash of `para`'s code at `at`.
	fn validation_code_hash(
		&self,
		at: Hash,
		para: ParaId,
	) -> Result<Option<ValidationCodeHash>, String>;
	/// The code with this hash, as stored at `at`.
	fn validation_code(
		&self,
		at: Hash,
		hash: ValidationCodeHash,
	) -> Result<Option<ValidationCode>, String>;
	/// The fee auction's bids at `at`.
	fn parathread_bids(&self, at: Hash) -> Result<Vec<BidView<AccountId, Balance>>, String>;
	/// The live parathread claims at `at`.
	fn parathread_claims(
		&self,
		at: Hash,
	) -> Result<Vec<(u32, ClaimView<AccountId, Balance, BlockNumber>)>, String>;
	/// `hash` and up to `count - 1` of its ancestors, newest first.
	fn ancestry(&self, hash: Hash, count: usize) -> Vec<Hash>;
}

/// [`RelayChain`] over a node's client.
pub struct ClientRelayChain<C>(pub Arc<C>);

impl<C> RelayChain for ClientRelayChain<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: InclusionApi<Block>
		+ ParathreadsApi<Block, AccountId, Balance, BlockNumber>
		+ ParachainHost<Block>,
{
	fn block(&self, hash: Hash) -> Result<RelayBlock, String> {
		let api = self.0.runtime_api();
		let err = |e: sp_api::ApiError| e.to_string();
		let header = self
			.0
			.header(hash)
			.map_err(|e| e.to_string())?
			.ok_or_else(|| format!("no block {hash:?}"))?;
		let (number, parent_hash) = (header.number, header.parent_hash);
		let (groups, rotation) = InclusionApi::validator_groups(&*api, hash).map_err(err)?;
		let session = InclusionApi::session_index_for_child(&*api, hash).map_err(err)?;
		let discovery_keys = ParachainHost::session_info(&*api, hash, session)
			.map_err(err)?
			.map(|info| info.discovery_keys)
			.unwrap_or_default();
		let cores = api.scheduled_cores(hash).map_err(err)?;
		let mut heads = Vec::new();
		for para in cores.iter().filter_map(|core| core.para_id) {
			let data = InclusionApi::persisted_validation_data(&*api, hash, para).map_err(err)?;
			if let Some(data) = data {
				heads.push((para, data.parent_head.hash()));
			}
		}
		Ok(RelayBlock {
			hash,
			number,
			parent_hash,
			finalized_number: self.0.info().finalized_number,
			session,
			validators: InclusionApi::validators(&*api, hash).map_err(err)?,
			discovery_keys,
			groups,
			rotations: rotation.rotations,
			cores,
			heads,
		})
	}

	fn persisted_validation_data(
		&self,
		at: Hash,
		para: ParaId,
	) -> Result<Option<PersistedValidationData>, String> {
		InclusionApi::persisted_validation_data(&*self.0.runtime_api(), at, para)
			.map_err(|e| e.to_string())
	}

	fn validation_code_hash(
		&self,
		at: Hash,
		para: ParaId,
	) -> Result<Option<ValidationCodeHash>, String> {
		InclusionApi::validation_code_hash(&*self.0.runtime_api(), at, para)
			.map_err(|e| e.to_string())
	}

	fn validation_code(
		&self,
		at: Hash,
		hash: ValidationCodeHash,
	) -> Result<Option<ValidationCode>, String> {
		InclusionApi::validation_code_by_hash(&*self.0.runtime_api(), at, hash)
			.map_err(|e| e.to_string())
	}

	fn parathread_bids(&self, at: Hash) -> Result<Vec<BidView<AccountId, Balance>>, String> {
		self.0.runtime_api().bids(at).map_err(|e| e.to_string())
	}

	fn parathread_claims(
		&self,
		at: Hash,
	) -> Result<Vec<(u32, ClaimView<AccountId, Balance, BlockNumber>)>, String> {
		self.0.runtime_api().claims(at).map_err(|e| e.to_string())
	}

	fn ancestry(&self, hash: Hash, count: usize) -> Vec<Hash> {
		let mut out = Vec::with_capacity(count);
		let mut next = Some(hash);
		while let Some(hash) = next {
			if out.len() >= count {
				break;
			}
			out.push(hash);
			next = self.0.header(hash).ok().flatten().map(|header| header.parent_hash);
		}
		out
	}
}

/// The hash a head's bids and claims name: BLAKE2-256 of the head bytes.
pub fn head_hash(head: &[u8]) -> Hash {
	relay_primitives::HeadData(head.to_vec()).hash()
}
