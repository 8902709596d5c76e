//! Para types: identifiers, head data, validation code and the lifecycle every para goes through.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_core::{bytes, H256};
use sp_runtime::traits::{BlakeTwo256, Hash as _};

/// The index of a lease period (see `pallet-slots`): period `i` covers the blocks
/// `offset + i × length .. offset + (i + 1) × length`.
pub type LeasePeriodIndex = u32;

/// The lowest id `Registrar::reserve` hands out. Ids below are for system paras, which only root
/// registers (`force_register`).
pub const LOWEST_PUBLIC_ID: ParaId = ParaId(2000);

/// The first bytes of every WebAssembly binary module: `\0asm`.
pub const WASM_MAGIC: [u8; 4] = [0x00, 0x61, 0x73, 0x6d];

/// How many times its largest size validation code may decompress to (Polkadot's
/// `MAX_VALIDATION_CODE_COMPRESSION_RATIO`): the code's bomb limit is the chain's largest code
/// times this. A Polkadot SDK runtime is shipped compressed, a few times smaller than its WASM.
pub const MAX_VALIDATION_CODE_COMPRESSION_RATIO: u32 = 10;

/// Candidates of a para not yet included that a new candidate may build on (building ahead):
/// what the runtime's async-backing params state and what validators back (`max_candidate_depth`).
pub const MAX_CANDIDATE_DEPTH: u32 = 2;

/// The first bytes of a zstd-compressed runtime blob as `sp-maybe-compressed-blob` writes it (what
/// `substrate-wasm-builder` ships as `*.compact.compressed.wasm`).
pub const COMPRESSED_WASM_MAGIC: [u8; 8] = [82, 188, 83, 118, 70, 219, 142, 5];

/// The identifier of a para (a parachain or a parathread).
///
/// SCALE-encoded as a plain `u32`, like Polkadot's `ParaId`, so existing tools decode it.
#[derive(
	Clone,
	Copy,
	Default,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	codec::CompactAs,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct ParaId(pub u32);

impl ParaId {
	/// The next id, or `None` past `u32::MAX`.
	pub fn checked_next(self) -> Option<Self> {
		self.0.checked_add(1).map(Self)
	}

	/// Whether the id is in the system range (below [`LOWEST_PUBLIC_ID`]).
	pub fn is_system(self) -> bool {
		self < LOWEST_PUBLIC_ID
	}
}

impl From<u32> for ParaId {
	fn from(id: u32) -> Self {
		Self(id)
	}
}

impl From<ParaId> for u32 {
	fn from(id: ParaId) -> Self {
		id.0
	}
}

impl core::fmt::Display for ParaId {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{}", self.0)
	}
}

/// The head of a para: the opaque data (usually an encoded header) that validators check the next
/// block against. Its length is bounded by the paras pallet's `MaxHeadSize`.
#[derive(
	Clone,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct HeadData(#[serde(with = "bytes")] pub Vec<u8>);

impl HeadData {
	/// The BLAKE2-256 hash of the head (what candidate descriptors and bids name).
	pub fn hash(&self) -> H256 {
		BlakeTwo256::hash(&self.0)
	}
}

impl core::fmt::Debug for HeadData {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "HeadData({} bytes, {:?})", self.0.len(), self.hash())
	}
}

impl From<Vec<u8>> for HeadData {
	fn from(bytes: Vec<u8>) -> Self {
		Self(bytes)
	}
}

/// The hash of a validation code (BLAKE2-256 of its bytes).
#[derive(
	Clone,
	Copy,
	Default,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct ValidationCodeHash(pub H256);

impl From<H256> for ValidationCodeHash {
	fn from(hash: H256) -> Self {
		Self(hash)
	}
}

/// A para's validation code: a WebAssembly module (raw or compressed) whose `validate_block` the
/// validators run on each candidate. Its length is bounded by the paras pallet's `MaxCodeSize`.
#[derive(
	Clone,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct ValidationCode(#[serde(with = "bytes")] pub Vec<u8>);

impl ValidationCode {
	/// The code's hash, under which the paras pallet stores it once.
	pub fn hash(&self) -> ValidationCodeHash {
		ValidationCodeHash(BlakeTwo256::hash(&self.0))
	}

	/// Whether the bytes start like a WebAssembly module: the `\0asm` magic followed by a version,
	/// or the header of a compressed runtime blob. (Validators check more before executing it.)
	pub fn looks_like_wasm(&self) -> bool {
		let raw = self.0.len() >= 8 && self.0.starts_with(&WASM_MAGIC);
		let compressed = self.0.len() > COMPRESSED_WASM_MAGIC.len()
			&& self.0.starts_with(&COMPRESSED_WASM_MAGIC);
		raw || compressed
	}
}

impl core::fmt::Debug for ValidationCode {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "ValidationCode({} bytes, {:?})", self.0.len(), self.hash().0)
	}
}

impl From<Vec<u8>> for ValidationCode {
	fn from(bytes: Vec<u8>) -> Self {
		Self(bytes)
	}
}

/// What a para becomes when onboarding completes.
///
/// In JSON (chain specs) it is Polkadot's `is_parachain` boolean: `true` for a parachain, `false`
/// for a parathread, which is what tools that edit chain specs write (zombienet appends
/// `[id, [head, code, is_parachain]]` to `paras.paras`); the names `"Parachain"` and
/// `"Parathread"` are read too.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum ParaKind {
	/// Buys blockspace block by block (a parathread).
	Parathread,
	/// Holds a lease and gets a core every block (a parachain).
	Parachain,
}

impl Serialize for ParaKind {
	fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_bool(*self == ParaKind::Parachain)
	}
}

impl<'de> Deserialize<'de> for ParaKind {
	fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		struct Kind;
		impl serde::de::Visitor<'_> for Kind {
			type Value = ParaKind;

			fn expecting(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
				f.write_str("true (parachain), false (parathread), \"Parachain\" or \"Parathread\"")
			}

			fn visit_bool<E: serde::de::Error>(self, is_parachain: bool) -> Result<ParaKind, E> {
				Ok(if is_parachain { ParaKind::Parachain } else { ParaKind::Parathread })
			}

			fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<ParaKind, E> {
				match name {
					"Parachain" => Ok(ParaKind::Parachain),
					"Parathread" => Ok(ParaKind::Parathread),
					other => Err(E::unknown_variant(other, &["Parachain", "Parathread"])),
				}
			}
		}
		deserializer.deserialize_any(Kind)
	}
}

/// Where a para is in its life. Every change between two states happens at a session boundary.
///
/// ```text
/// Onboarding ──► Parathread ──► UpgradingParathread ──► Parachain
///     │             ▲  │                                   │  │
///     └──► Parachain│  └─► OffboardingParathread ──► gone  │  └─► OffboardingParachain ──► gone
///                   └────────── DowngradingParachain ◄─────┘
/// ```
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum ParaLifecycle {
	/// Registered; becomes live at a session boundary at least one full session later.
	Onboarding,
	/// A live parathread.
	Parathread,
	/// A live parachain.
	Parachain,
	/// A parathread becoming a parachain at the next scheduled session boundary.
	UpgradingParathread,
	/// A parachain becoming a parathread at the next scheduled session boundary.
	DowngradingParachain,
	/// A parathread being removed.
	OffboardingParathread,
	/// A parachain being removed.
	OffboardingParachain,
}

impl ParaLifecycle {
	/// Registered but not live yet.
	pub fn is_onboarding(&self) -> bool {
		matches!(self, Self::Onboarding)
	}

	/// Live, with no transition pending.
	pub fn is_stable(&self) -> bool {
		matches!(self, Self::Parathread | Self::Parachain)
	}

	/// Scheduled on a parachain core now: a parachain, including one that is on its way down or
	/// out (it keeps its core until the transition happens).
	pub fn is_parachain(&self) -> bool {
		matches!(self, Self::Parachain | Self::DowngradingParachain | Self::OffboardingParachain)
	}

	/// A parathread now (buys blockspace block by block), including one on its way up or out.
	pub fn is_parathread(&self) -> bool {
		matches!(self, Self::Parathread | Self::UpgradingParathread | Self::OffboardingParathread)
	}

	/// Being removed.
	pub fn is_offboarding(&self) -> bool {
		matches!(self, Self::OffboardingParathread | Self::OffboardingParachain)
	}

	/// Waiting for a session boundary to change state.
	pub fn is_transitioning(&self) -> bool {
		!self.is_stable()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn para_kind_is_polkadots_is_parachain_boolean_in_json() {
		assert_eq!(serde_json::to_string(&ParaKind::Parachain).unwrap(), "true");
		assert_eq!(serde_json::to_string(&ParaKind::Parathread).unwrap(), "false");
		for (json, kind) in [
			("true", ParaKind::Parachain),
			("false", ParaKind::Parathread),
			("\"Parachain\"", ParaKind::Parachain),
			("\"Parathread\"", ParaKind::Parathread),
		] {
			assert_eq!(serde_json::from_str::<ParaKind>(json).unwrap(), kind, "{json}");
		}
		for bad in ["1", "\"parachain\"", "null"] {
			assert!(serde_json::from_str::<ParaKind>(bad).is_err(), "{bad}");
		}
	}

	#[test]
	fn para_id_encodes_as_plain_u32() {
		assert_eq!(ParaId(2000).encode(), 2000u32.encode());
		assert!(ParaId(1999).is_system());
		assert!(!LOWEST_PUBLIC_ID.is_system());
		assert_eq!(ParaId(u32::MAX).checked_next(), None);
	}

	#[test]
	fn wasm_magic_is_recognised() {
		assert!(ValidationCode(vec![0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]).looks_like_wasm());
		assert!(!ValidationCode(vec![0, 0x61, 0x73, 0x6d]).looks_like_wasm());
		assert!(!ValidationCode(vec![1, 2, 3, 4, 5, 6, 7, 8, 9]).looks_like_wasm());
		let mut compressed = COMPRESSED_WASM_MAGIC.to_vec();
		compressed.push(0);
		assert!(ValidationCode(compressed).looks_like_wasm());
	}

	#[test]
	fn lifecycle_predicates() {
		use ParaLifecycle::*;
		assert!(DowngradingParachain.is_parachain() && !DowngradingParachain.is_stable());
		assert!(UpgradingParathread.is_parathread());
		assert!(!Onboarding.is_parathread() && !Onboarding.is_parachain());
		assert!(OffboardingParachain.is_offboarding() && OffboardingParachain.is_transitioning());
	}
}
