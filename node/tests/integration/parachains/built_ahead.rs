//! Auditing a para's chain built ahead on a live network: the candidates the validators backed
//! (from their logs: relay parent, the head each built on, its own head) against those the relay
//! chain included (`CandidateIncluded`): how many were built on a candidate not yet on chain at
//! their relay parent, which were dropped (backed, never included, their relay parent out of
//! the window), and that nothing built on a dropped one, directly or not, was ever included.

use super::events;
use crate::common::tx::hash_at;
use jsonrpsee::ws_client::WsClient;
use relay_primitives::ParaId;
use relay_runtime::RuntimeEvent;
use std::{
	collections::{HashMap, HashSet},
	path::PathBuf,
};

/// A backed candidate, as a validator's log line says.
#[derive(Clone, Debug)]
pub struct Backed {
	/// Its relay parent's number.
	pub relay_parent: u64,
	/// The hash of the head it built on (`None` in the lines of validators that did not check
	/// it).
	pub parent: Option<String>,
	/// The hash of its head.
	pub head: String,
}

/// What the audit found.
#[derive(Debug, Default)]
pub struct Audit {
	/// Candidates of the para backed.
	pub backed: usize,
	/// Those included, with the block that included them.
	pub included: usize,
	/// Included candidates built on a candidate that was not on chain at their relay parent.
	pub built_ahead: usize,
	/// Backed candidates never included whose relay parent is out of the window.
	pub dropped: usize,
	/// Backed candidates built on a dropped one (or on one of those, and so on).
	pub on_dropped: usize,
	/// Those of them that were included: must be none.
	pub on_dropped_included: Vec<String>,
}

/// The candidates of `para` the validators' logs (`logs`) say were backed, by candidate hash.
pub fn backed_in_logs(logs: &[PathBuf], para: ParaId) -> HashMap<String, Backed> {
	let marker = format!(" of para {} backed on relay block #", para.0);
	let mut out: HashMap<String, Backed> = HashMap::new();
	for log in logs {
		let text = std::fs::read_to_string(log).unwrap_or_default();
		for line in text.lines().filter(|l| l.contains(&marker)) {
			let Some(parsed) = parse(line, &marker) else { continue };
			let (hash, backed) = parsed;
			match out.get_mut(&hash) {
				Some(known) if known.parent.is_none() => known.parent = backed.parent,
				Some(_) => {},
				None => {
					out.insert(hash, backed);
				},
			}
		}
	}
	out
}

/// `candidate CandidateHash(0x…) of para P backed on relay block #N, parent head X, head 0x…`.
fn parse(line: &str, marker: &str) -> Option<(String, Backed)> {
	let start = line.find("CandidateHash(")?;
	let hash_end = line[start..].find(')')? + start + 1;
	let hash = line[start..hash_end].to_string();
	let rest = &line[line.find(marker)? + marker.len()..];
	let (number, rest) = rest.split_once(", parent head ")?;
	let (parent, head) = rest.split_once(", head ")?;
	let parent = (parent != "unknown").then(|| parent.to_string());
	Some((hash, Backed { relay_parent: number.parse().ok()?, parent, head: head.trim().into() }))
}

/// The candidates of `para` included in blocks 1 to `best`, with the block that included each.
pub async fn included(client: &WsClient, para: ParaId, best: u64) -> HashMap<String, u64> {
	let mut out = HashMap::new();
	for n in 1..=best {
		let at = hash_at(client, n).await;
		for event in events(client, &at).await {
			if let RuntimeEvent::ParaInclusion(pallet_inclusion::Event::CandidateIncluded(
				receipt,
				..,
			)) = event
			{
				if receipt.descriptor.para_id == para {
					out.insert(format!("{:?}", receipt.hash()), n);
				}
			}
		}
	}
	out
}

/// Audits `backed` against `included` at best block `best`, with relay parents allowed for
/// `window` blocks.
pub fn audit(
	backed: &HashMap<String, Backed>,
	included: &HashMap<String, u64>,
	best: u64,
	window: u64,
) -> Audit {
	// Each head's candidate, the included one among twins.
	let mut by_head: HashMap<&str, &str> = HashMap::new();
	for (hash, b) in backed {
		let known = by_head.get(b.head.as_str()).is_some_and(|h| included.contains_key(*h));
		if !known {
			by_head.insert(b.head.as_str(), hash.as_str());
		}
	}
	let built_ahead = included
		.keys()
		.filter_map(|hash| backed.get(hash))
		.filter(|child| {
			let parent = child.parent.as_deref().and_then(|p| by_head.get(p));
			parent.and_then(|p| included.get(*p)).is_some_and(|at| *at > child.relay_parent)
		})
		.count();
	let dropped: Vec<&String> = backed
		.iter()
		.filter(|(hash, b)| !included.contains_key(*hash) && b.relay_parent + window < best)
		.map(|(hash, _)| hash)
		.collect();
	// A head is dead if no included candidate produced it (two siblings with the same
	// content have the same head: the one included keeps it alive).
	let live_heads: HashSet<&str> =
		included.keys().filter_map(|h| backed.get(h)).map(|b| b.head.as_str()).collect();
	let mut dead_heads: HashSet<String> = dropped
		.iter()
		.filter_map(|h| backed.get(*h))
		.map(|b| b.head.clone())
		.filter(|head| !live_heads.contains(head.as_str()))
		.collect();
	let mut on_dropped: HashSet<String> = HashSet::new();
	loop {
		let found: Vec<(String, String)> = backed
			.iter()
			.filter(|(hash, b)| {
				!on_dropped.contains(*hash)
					&& b.parent.as_ref().is_some_and(|p| dead_heads.contains(p))
			})
			.map(|(hash, b)| (hash.clone(), b.head.clone()))
			.collect();
		if found.is_empty() {
			break;
		}
		for (hash, head) in found {
			on_dropped.insert(hash);
			if !live_heads.contains(head.as_str()) {
				dead_heads.insert(head);
			}
		}
	}
	let on_dropped_included =
		on_dropped.iter().filter(|h| included.contains_key(*h)).cloned().collect();
	Audit {
		backed: backed.len(),
		included: included.len(),
		built_ahead,
		dropped: dropped.len(),
		on_dropped: on_dropped.len(),
		on_dropped_included,
	}
}

#[test]
fn the_audit_finds_what_was_built_on_a_dropped_candidate_and_included() {
	let line = |hash: &str, rp: u64, parent: &str, head: &str| {
		format!("x INFO parachain: candidate CandidateHash({hash}) of para 2000 backed on relay block #{rp}, parent head {parent}, head {head}")
	};
	let dir = std::env::temp_dir().join(format!("built-ahead-audit-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("dir");
	let log = dir.join("v.log");
	// a → b (built ahead on a) included; x dropped, y on x, z on y.
	let lines = [
		line("0xa", 1, "0x00", "0x01"),
		line("0xb", 1, "0x01", "0x02"),
		line("0xx", 2, "0x01", "0x0f"),
		line("0xy", 2, "0x0f", "0x1f"),
		line("0xz", 3, "0x1f", "0x2f"),
		line("0xa", 1, "unknown", "0x01"),
		// b2: b's twin (same content, another relay parent), dropped: b keeps its head alive.
		line("0xb2", 2, "0x01", "0x02"),
		line("0xc", 3, "0x02", "0x03"),
	];
	std::fs::write(&log, lines.join("\n")).expect("log");
	let backed = backed_in_logs(&[log], ParaId(2000));
	assert_eq!(backed.len(), 7);
	assert_eq!(backed["CandidateHash(0xa)"].parent.as_deref(), Some("0x00"));
	let mut included: HashMap<String, u64> = [
		("CandidateHash(0xa)".to_string(), 2),
		("CandidateHash(0xb)".to_string(), 3),
		("CandidateHash(0xc)".to_string(), 4),
	]
	.into();
	let clean = audit(&backed, &included, 20, 4);
	assert_eq!((clean.included, clean.built_ahead, clean.dropped, clean.on_dropped), (3, 1, 4, 2));
	// y and z are the dropped x's descendants: none included; were z included, the audit
	// says so.
	assert!(clean.on_dropped_included.is_empty());
	included.insert("CandidateHash(0xz)".into(), 5);
	let bad = audit(&backed, &included, 20, 4);
	assert_eq!(bad.on_dropped_included, vec!["CandidateHash(0xz)".to_string()]);
	std::fs::remove_dir_all(&dir).ok();
}
