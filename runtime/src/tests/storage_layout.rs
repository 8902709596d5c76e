//! The storage-layout check: a pallet's storage may not change shape without a storage-version
//! bump (and so a migration).
//!
//! From the runtime's metadata, every storage entry of every pallet is described by its encoding
//! only: hashers, key and value as structures (`(u32, Vec<u8>)`, `enum{0: (), 1: (u128)}`), with
//! no type, field or variant names, so a rename is not a change and a new field or a re-ordered
//! enum is. The description and the pallet's in-code `StorageVersion` are compared with the
//! committed snapshot [`SNAPSHOT`] (`storage-layout.snapshot` beside this file):
//!
//! - layout changed, same version: fails, "bump the storage version and add a migration";
//! - version changed (layout or not): fails, "refresh the snapshot", which is then part of the
//!   reviewed diff.
//!
//! Refresh it with `RELAY_UPDATE_STORAGE_LAYOUT=1 cargo test -p relay-runtime --lib storage_layout`.
//!
//! `RuntimeEvent` and `RuntimeCall` are written as names, not structures: they change with every
//! new event or call, and the one entry that holds them (`System::Events`) is cleared every block.

use crate::{
	Auctions, AuthorityDiscovery, Authorship, Babe, Balances, Configuration, Crowdloan, Grandpa,
	ParaInclusion, Paras, Parathreads, Registrar, Runtime, Session, Slots, Sudo, System, Timestamp,
	TransactionPayment, Utility, ValidatorSet,
};
use frame_metadata::{
	v14::{StorageEntryModifier, StorageEntryType},
	RuntimeMetadata,
};
use frame_support::traits::{GetStorageVersion, PalletInfoAccess, StorageVersion};
use scale_info::{form::PortableForm, PortableRegistry, TypeDef};
use std::collections::BTreeMap;

/// The committed snapshot.
const SNAPSHOT: &str = include_str!("storage-layout.snapshot");
/// Its path from the runtime crate's root, for the refresh.
const SNAPSHOT_PATH: &str = "src/tests/storage-layout.snapshot";
/// Set to 1 to rewrite the snapshot from the current code instead of checking it.
const UPDATE_VAR: &str = "RELAY_UPDATE_STORAGE_LAYOUT";
/// Types written by name only (see the module docs).
const OPAQUE_TYPES: [&str; 2] = ["RuntimeEvent", "RuntimeCall"];

/// One pallet's part of a layout: its storage version and one line per storage entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct PalletLayout {
	version: String,
	entries: Vec<String>,
}

type Layout = BTreeMap<String, PalletLayout>;

/// The in-code storage version of each pallet of the runtime, by pallet name.
fn in_code_versions() -> BTreeMap<String, String> {
	macro_rules! versions {
		($($pallet:ty),* $(,)?) => {{
			let mut map = BTreeMap::new();
			$(map.insert(
				<$pallet as PalletInfoAccess>::name().to_string(),
				format!("{:?}", <$pallet as GetStorageVersion>::in_code_storage_version()),
			);)*
			map
		}};
	}
	versions!(
		System,
		Babe,
		Timestamp,
		Balances,
		TransactionPayment,
		Authorship,
		ValidatorSet,
		Session,
		Grandpa,
		AuthorityDiscovery,
		Utility,
		Sudo,
		Paras,
		Registrar,
		Slots,
		Auctions,
		Crowdloan,
		Parathreads,
		ParaInclusion,
		Configuration,
	)
}

/// The encoding structure of type `id` (see the module docs).
fn shape(types: &PortableRegistry, id: u32, stack: &mut Vec<u32>) -> String {
	let Some(ty) = types.resolve(id) else { return format!("<unknown type {id}>") };
	let name = ty.path.segments.last().cloned().unwrap_or_default();
	if OPAQUE_TYPES.contains(&name.as_str()) {
		return name;
	}
	if stack.contains(&id) {
		return format!("<recursive {name}>");
	}
	stack.push(id);
	let list = |ids: Vec<u32>, stack: &mut Vec<u32>| {
		ids.into_iter().map(|id| shape(types, id, stack)).collect::<Vec<_>>().join(", ")
	};
	let text = match &ty.type_def {
		TypeDef::Composite(c) => {
			format!("({})", list(c.fields.iter().map(|f| f.ty.id).collect(), stack))
		},
		TypeDef::Variant(v) => {
			let variants: Vec<String> = v
				.variants
				.iter()
				.map(|variant| {
					let fields = variant.fields.iter().map(|f| f.ty.id).collect();
					format!("{}: ({})", variant.index, list(fields, stack))
				})
				.collect();
			format!("enum{{{}}}", variants.join(", "))
		},
		TypeDef::Sequence(s) => format!("Vec<{}>", shape(types, s.type_param.id, stack)),
		TypeDef::Array(a) => format!("[{}; {}]", shape(types, a.type_param.id, stack), a.len),
		TypeDef::Tuple(t) => format!("({})", list(t.fields.iter().map(|f| f.id).collect(), stack)),
		TypeDef::Primitive(p) => format!("{p:?}").to_lowercase(),
		TypeDef::Compact(c) => format!("Compact<{}>", shape(types, c.type_param.id, stack)),
		TypeDef::BitSequence(_) => "BitVec".to_string(),
	};
	stack.pop();
	text
}

/// The layout of the runtime as compiled.
fn current_layout() -> Layout {
	let RuntimeMetadata::V14(metadata) = Runtime::metadata().1 else {
		panic!("the runtime's default metadata is V14");
	};
	let versions = in_code_versions();
	let types: &PortableRegistry = &metadata.types;
	let mut layout = Layout::new();
	for pallet in &metadata.pallets {
		let version = versions.get(&pallet.name).cloned().unwrap_or_else(|| {
			panic!(
				"pallet {} is not in `in_code_versions` of storage_layout.rs: add it",
				pallet.name
			)
		});
		let mut entries = Vec::new();
		for entry in pallet.storage.iter().flat_map(|s| s.entries.iter()) {
			let modifier = match entry.modifier {
				StorageEntryModifier::Optional => "optional",
				StorageEntryModifier::Default => "default",
			};
			let ty: &StorageEntryType<PortableForm> = &entry.ty;
			let text = match ty {
				StorageEntryType::Plain(value) => {
					format!("value {}", shape(types, value.id, &mut vec![]))
				},
				StorageEntryType::Map { hashers, key, value } => format!(
					"map {:?} {} -> {}",
					hashers,
					shape(types, key.id, &mut vec![]),
					shape(types, value.id, &mut vec![])
				),
			};
			entries.push(format!("{}: {modifier} {text}", entry.name));
		}
		layout.insert(pallet.name.clone(), PalletLayout { version, entries });
	}
	layout
}

/// The snapshot's text of a layout: `[Pallet] StorageVersion(n)` then its entries, indented.
fn render(layout: &Layout) -> String {
	let mut out = String::from(
		"# Storage layout of every pallet (runtime/src/tests/storage_layout.rs checks it).\n\
		 # Do not edit: refresh with RELAY_UPDATE_STORAGE_LAYOUT=1 cargo test -p relay-runtime --lib storage_layout\n",
	);
	for (name, pallet) in layout {
		out.push_str(&format!("[{name}] {}\n", pallet.version));
		for entry in &pallet.entries {
			out.push_str(&format!("  {entry}\n"));
		}
	}
	out
}

/// Reads a snapshot's text back.
fn parse(text: &str) -> Layout {
	let mut layout = Layout::new();
	let mut current: Option<String> = None;
	for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
		if let Some(entry) = line.strip_prefix("  ") {
			if let Some(pallet) = current.as_ref().and_then(|name| layout.get_mut(name)) {
				pallet.entries.push(entry.to_string());
			}
		} else if let Some((name, version)) =
			line.strip_prefix('[').and_then(|rest| rest.split_once("] "))
		{
			current = Some(name.to_string());
			layout.insert(
				name.to_string(),
				PalletLayout { version: version.to_string(), entries: Vec::new() },
			);
		}
	}
	layout
}

/// Everything that differs between the snapshot and the code, each with what to do about it.
fn compare(snapshot: &Layout, current: &Layout) -> Vec<String> {
	let refresh = format!(
		"refresh the snapshot: {UPDATE_VAR}=1 cargo test -p relay-runtime --lib storage_layout"
	);
	let mut problems = Vec::new();
	for (name, now) in current {
		let Some(before) = snapshot.get(name) else {
			problems.push(format!("pallet {name} is new: {refresh}"));
			continue;
		};
		if before.version != now.version {
			problems.push(format!(
				"pallet {name}: storage version {} in the snapshot, {} in the code: {refresh}",
				before.version, now.version
			));
		} else if before.entries != now.entries {
			let removed: Vec<&String> =
				before.entries.iter().filter(|e| !now.entries.contains(e)).collect();
			let added: Vec<&String> =
				now.entries.iter().filter(|e| !before.entries.contains(e)).collect();
			problems.push(format!(
				"pallet {name}: its storage layout changed but its storage version is still {}: \
				 bump the pallet's STORAGE_VERSION, add a migration (runtime/src/migrations.rs \
				 says how), then {refresh}\n    was: {removed:?}\n    now: {added:?}",
				now.version
			));
		}
	}
	for name in snapshot.keys().filter(|name| !current.contains_key(*name)) {
		problems.push(format!(
			"pallet {name} is gone: its storage stays on chain unless a migration removes it; \
			 then {refresh}"
		));
	}
	problems
}

#[test]
fn storage_layout_matches_the_snapshot() {
	let current = current_layout();
	if std::env::var(UPDATE_VAR).as_deref() == Ok("1") {
		let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SNAPSHOT_PATH);
		std::fs::write(&path, render(&current)).expect("snapshot written");
		println!("wrote {}", path.display());
		return;
	}
	let problems = compare(&parse(SNAPSHOT), &current);
	assert!(problems.is_empty(), "storage layout check:\n- {}", problems.join("\n- "));
}

#[test]
fn our_pallets_declare_their_storage_version() {
	// A type check: each has `#[pallet::storage_version]` (else `NoStorageVersionSet`).
	let versions: [StorageVersion; 9] = [
		<Paras as GetStorageVersion>::in_code_storage_version(),
		<Registrar as GetStorageVersion>::in_code_storage_version(),
		<Slots as GetStorageVersion>::in_code_storage_version(),
		<Auctions as GetStorageVersion>::in_code_storage_version(),
		<Crowdloan as GetStorageVersion>::in_code_storage_version(),
		<Parathreads as GetStorageVersion>::in_code_storage_version(),
		<ParaInclusion as GetStorageVersion>::in_code_storage_version(),
		<ValidatorSet as GetStorageVersion>::in_code_storage_version(),
		<Configuration as GetStorageVersion>::in_code_storage_version(),
	];
	// Paras is at 1 (an onboarding para's code out of its genesis entry), auctions at 1
	// (`ReservedAmounts` counted) and inclusion at 2 (`PendingStorageRoot` removed,
	// `CandidateSession` added); the others unchanged since launch.
	let expected = [1, 0, 0, 1, 0, 0, 2, 0, 0].map(StorageVersion::new);
	assert_eq!(versions, expected);
}

#[test]
fn the_snapshot_round_trips_and_describes_every_pallet() {
	let current = current_layout();
	assert_eq!(parse(&render(&current)), current);
	assert_eq!(current.len(), in_code_versions().len());
	let paras = current.get("Paras").expect("Paras is in the layout");
	assert!(
		paras
			.entries
			.iter()
			.any(|e| e.starts_with("Heads: optional map [Twox64Concat] (u32) -> ")),
		"{:?}",
		paras.entries
	);
}

/// The rules of `compare`, on small made-up layouts.
#[test]
fn a_changed_layout_needs_a_version_bump_and_a_bump_needs_a_refresh() {
	let pallet = |version: &str, entries: &[&str]| PalletLayout {
		version: version.to_string(),
		entries: entries.iter().map(|e| e.to_string()).collect(),
	};
	let snapshot: Layout =
		[("Paras".to_string(), pallet("StorageVersion(0)", &["A: default value u32"]))]
			.into_iter()
			.collect();
	// Unchanged: nothing to say.
	assert!(compare(&snapshot, &snapshot).is_empty());
	// Changed without a bump: the bump is asked for, with the entries that differ.
	let changed: Layout =
		[("Paras".to_string(), pallet("StorageVersion(0)", &["A: default value u64"]))]
			.into_iter()
			.collect();
	let problems = compare(&snapshot, &changed);
	assert_eq!(problems.len(), 1);
	assert!(problems[0].contains("bump the pallet's STORAGE_VERSION"), "{}", problems[0]);
	assert!(problems[0].contains("A: default value u64"), "{}", problems[0]);
	// Changed with a bump: only the refresh is asked for.
	let bumped: Layout =
		[("Paras".to_string(), pallet("StorageVersion(1)", &["A: default value u64"]))]
			.into_iter()
			.collect();
	let problems = compare(&snapshot, &bumped);
	assert_eq!(problems.len(), 1);
	assert!(problems[0].contains("refresh the snapshot"), "{}", problems[0]);
	assert!(!problems[0].contains("bump"), "{}", problems[0]);
	// A pallet added or removed.
	let added: Layout = snapshot
		.clone()
		.into_iter()
		.chain([("Slots".to_string(), pallet("StorageVersion(0)", &[]))])
		.collect();
	assert!(compare(&snapshot, &added)[0].contains("pallet Slots is new"));
	assert!(compare(&added, &snapshot)[0].contains("pallet Slots is gone"));
}
