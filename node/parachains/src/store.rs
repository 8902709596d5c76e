//! Backed candidates waiting for a block: the validators' protocol puts them in, the block
//! author's inherent provider takes out what a block on a given parent may include.

use relay_primitives::{BackedCandidate, BlockNumber, Hash, ParaId};
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
};

/// Candidates kept per para: for every allowed relay parent, a candidate on the para's head and
/// those built ahead of it, and room for a sibling.
const PER_PARA: usize =
	crate::protocol::ALLOWED_RELAY_PARENTS * (relay_primitives::MAX_CANDIDATE_DEPTH as usize + 2);

/// A backed candidate and the number of its relay parent.
#[derive(Clone, Debug)]
struct Entry {
	candidate: BackedCandidate,
	relay_parent_number: BlockNumber,
}

/// The shared store of backed candidates (a cheap handle: clones share it).
#[derive(Clone, Default)]
pub struct BackedCandidates {
	inner: Arc<Mutex<HashMap<ParaId, Vec<Entry>>>>,
}

impl BackedCandidates {
	/// Keeps `candidate`, built on a relay parent numbered `relay_parent_number`. Returns
	/// `false` if it was already there.
	pub fn insert(&self, candidate: BackedCandidate, relay_parent_number: BlockNumber) -> bool {
		let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let para = candidate.candidate.descriptor.para_id;
		let entries = inner.entry(para).or_default();
		let hash = candidate.hash();
		if entries.iter().any(|e| e.candidate.hash() == hash) {
			return false;
		}
		entries.push(Entry { candidate, relay_parent_number });
		entries.sort_by_key(|e| std::cmp::Reverse(e.relay_parent_number));
		entries.truncate(PER_PARA);
		true
	}

	/// What a block whose allowed relay parents are `ancestry` (its parent first) may include:
	/// per para, its candidates on those relay parents, newest relay parent first. The runtime
	/// keeps the first that builds on the para's head (one per core): the next of a chain built
	/// ahead, never one on a head that was not included.
	pub fn backable(&self, ancestry: &[Hash]) -> Vec<BackedCandidate> {
		let inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		let mut paras: Vec<&ParaId> = inner.keys().collect();
		paras.sort();
		paras
			.into_iter()
			.filter_map(|para| inner.get(para))
			.flat_map(|entries| {
				ancestry.iter().flat_map(move |relay_parent| {
					entries
						.iter()
						.filter(move |e| {
							e.candidate.candidate.descriptor.relay_parent == *relay_parent
						})
						.map(|e| e.candidate.clone())
				})
			})
			.collect()
	}

	/// Forgets candidates whose relay parent is older than `oldest_allowed`.
	pub fn prune(&self, oldest_allowed: BlockNumber) {
		let mut inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		for entries in inner.values_mut() {
			entries.retain(|e| e.relay_parent_number >= oldest_allowed);
		}
		inner.retain(|_, entries| !entries.is_empty());
	}

	/// How many candidates are kept.
	pub fn len(&self) -> usize {
		let inner = self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
		inner.values().map(Vec::len).sum()
	}

	/// Whether none is kept.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}
}
