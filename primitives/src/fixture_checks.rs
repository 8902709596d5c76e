//! The check every fixture test makes against Polkadot's own types (tests only).

use codec::{Decode, DecodeAll, Encode};

/// `ours` and `theirs` encode alike, and each decodes the other's bytes back to itself.
pub(crate) fn same_bytes<Ours, Theirs>(ours: &Ours, theirs: &Theirs)
where
	Ours: Encode + Decode + PartialEq + core::fmt::Debug,
	Theirs: Encode + Decode,
{
	let bytes = ours.encode();
	assert_eq!(bytes, theirs.encode(), "{ours:?}");
	assert_eq!(Ours::decode_all(&mut &theirs.encode()[..]).as_ref(), Ok(ours));
	let decoded = Theirs::decode_all(&mut &bytes[..]).expect("Polkadot decodes our bytes");
	assert_eq!(decoded.encode(), bytes);
}
