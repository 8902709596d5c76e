//! Types of the inclusion pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use relay_primitives::{BlockNumber, Hash};
use scale_info::TypeInfo;

/// A recent relay-chain block that candidates may name as their relay parent.
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
pub struct RelayParentInfo {
	/// The block's hash.
	pub hash: Hash,
	/// The block's number.
	pub number: BlockNumber,
	/// Its header's state root.
	pub storage_root: Hash,
}
