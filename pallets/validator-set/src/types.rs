//! The glue between this pallet and the session pallet.

/// Tells whether an account has session keys registered, so that only accounts able to author
/// and vote become validators. The runtime implements it over `pallet-session`'s `NextKeys`.
pub trait SessionKeysCheck<AccountId> {
	/// Whether `who` has session keys registered.
	fn has_keys(who: &AccountId) -> bool;

	/// Register some session keys for `who` (benchmarks only: they need validators with keys).
	#[cfg(feature = "runtime-benchmarks")]
	fn set_keys_for_benchmark(who: &AccountId);
}
