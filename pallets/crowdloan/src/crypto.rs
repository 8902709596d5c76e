//! Verifier keys and signatures for the benchmarks and tests, through the keystore host
//! functions (the externalities need a keystore: the benchmark CLI registers one, the mock too).

use alloc::vec::Vec;
use sp_core::{crypto::KeyTypeId, ed25519};
use sp_io::crypto::{ed25519_generate, ed25519_sign};
use sp_runtime::{MultiSignature, MultiSigner};

/// The key type verifier keys are generated under.
const KEY_TYPE: KeyTypeId = KeyTypeId(*b"cfnd");

/// An ed25519 verifier key from `seed` (e.g. `b"//verifier"`); ed25519 is the costliest
/// signature to check.
pub fn verifier_key(seed: &[u8]) -> MultiSigner {
	ed25519_generate(KEY_TYPE, Some(Vec::from(seed))).into()
}

/// The signature of `verifier` (made by [`verifier_key`]) over `payload`. Benchmarks and tests
/// only: a key that is not in the keystore is a broken set-up, so it panics.
#[allow(clippy::expect_used)]
pub fn sign(verifier: &MultiSigner, payload: &[u8]) -> MultiSignature {
	let key = ed25519::Public::try_from(verifier.clone()).expect("an ed25519 verifier");
	ed25519_sign(KEY_TYPE, &key, payload)
		.expect("the keystore holds the verifier key")
		.into()
}
