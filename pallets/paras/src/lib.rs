//! # Paras pallet
//!
//! The core of the para registry: which paras exist and what each one is (its
//! [`ParaLifecycle`]), their heads, and their validation code, stored once by hash and
//! reference-counted.
//!
//! ## Pallet API
//!
//! Root-only calls, for governance and recovery: [`Pallet::force_set_current_code`],
//! [`Pallet::force_set_current_head`], [`Pallet::force_schedule_code_upgrade`],
//! [`Pallet::force_note_new_head`] and [`Pallet::force_queue_action`]. Everything else is the
//! interface the registrar, slots and inclusion pallets call: [`Pallet::schedule_para_initialize`],
//! [`Pallet::schedule_para_cleanup`], [`Pallet::schedule_parathread_upgrade`],
//! [`Pallet::schedule_parachain_downgrade`], [`Pallet::schedule_code_upgrade`] and
//! [`Pallet::note_new_head`].
//!
//! ## Overview
//!
//! A para changes state only at a session boundary, so every validator sees the same set of
//! paras for a whole session. A change asked for in session `s` is queued for session `s + 2`
//! ([`ActionsQueue`]): a new para waits at least one full session before it is live.
//!
//! A code upgrade is enacted [`Config::ValidationUpgradeDelay`] blocks after it was scheduled;
//! the para must then wait [`Config::ValidationUpgradeCooldown`] blocks before scheduling
//! another. Replaced code stays available for [`Config::CodeRetentionPeriod`] blocks (candidates
//! and disputes about recent blocks still need it) and is then pruned.
//!
//! ## Low-level design
//!
//! The session index comes from [`Config::CurrentSession`]; `on_initialize` notices when it
//! changes and applies that session's actions. Code lives in [`CodeByHash`] with its number of
//! users in [`CodeByHashRefs`] (current, past, future and upcoming-genesis uses each count once).
//! [`ParaLifecycles`] is a counted map, bounded by [`Config::MaxParas`] (Polkadot had a DoS by
//! mass registration, polkadot-sdk#4737).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
#![cfg_attr(
	not(test),
	deny(
		clippy::arithmetic_side_effects,
		clippy::indexing_slicing,
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::cast_possible_truncation,
		clippy::panic
	)
)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod code;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
mod lifecycle;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use code::{CheckedCodeUpgrade, CheckedHead};
pub use pallet::*;
pub use types::{DataError, ParaGenesisArgs};
pub use weights::WeightInfo;

use relay_primitives::{
	traits::OnNewHead, HeadData, ParaId, ParaKind, ParaLifecycle, ValidationCode,
	ValidationCodeHash,
};
use sp_runtime::SaturatedConversion;
use sp_staking::SessionIndex;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::paras";

// FRAME's pallet macro expands to `expect` and index casts; the calls in here stay thin.
#[allow(clippy::expect_used, clippy::cast_possible_truncation)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The layout version of this pallet's storage (0: unchanged since launch). Whenever a storage
	/// item's key or value changes, bump it and add a versioned migration (a `migrations` module
	/// here, listed in the runtime's `migrations.rs`); the runtime's storage-layout check
	/// (`runtime/src/tests/storage_layout.rs`) fails until version and snapshot agree.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The current session index (the runtime wires `pallet_session::CurrentIndex`).
		type CurrentSession: Get<SessionIndex>;
		/// Told when a para produces a new head (the registrar locks a para on its first one).
		type OnNewHead: OnNewHead;
		/// The longest validation code accepted, in bytes.
		#[pallet::constant]
		type MaxCodeSize: Get<u32>;
		/// The longest head data accepted, in bytes.
		#[pallet::constant]
		type MaxHeadSize: Get<u32>;
		/// The most paras that can exist at once, in any state.
		#[pallet::constant]
		type MaxParas: Get<u32>;
		/// Blocks between scheduling a code upgrade and enacting it.
		#[pallet::constant]
		type ValidationUpgradeDelay: Get<BlockNumberFor<Self>>;
		/// Blocks after an upgrade is enacted before the para may schedule the next one.
		#[pallet::constant]
		type ValidationUpgradeCooldown: Get<BlockNumberFor<Self>>;
		/// Blocks that replaced code is kept before it is pruned.
		#[pallet::constant]
		type CodeRetentionPeriod: Get<BlockNumberFor<Self>>;
		/// The origin of the `force_*` calls (root on our chains; governance can replace it).
		type ForceOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;
		/// Weights of this pallet's calls and hooks, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The state of every para. Counted, so the number of paras can be bounded.
	#[pallet::storage]
	pub type ParaLifecycles<T: Config> = CountedStorageMap<_, Twox64Concat, ParaId, ParaLifecycle>;

	/// The paras that are parachains now, sorted.
	#[pallet::storage]
	pub type Parachains<T: Config> = StorageValue<_, BoundedVec<ParaId, T::MaxParas>, ValueQuery>;

	/// The head of every live para.
	// Unbounded in the type; its length is checked against `MaxHeadSize` on every write.
	#[pallet::storage]
	#[pallet::unbounded]
	pub type Heads<T: Config> = StorageMap<_, Twox64Concat, ParaId, HeadData>;

	/// The hash of every para's current validation code: a live para's, and an onboarding para's
	/// genesis code (as on Polkadot).
	#[pallet::storage]
	pub type CurrentCodeHash<T: Config> = StorageMap<_, Twox64Concat, ParaId, ValidationCodeHash>;

	/// Replaced code, by para and the block it was replaced at; pruned after
	/// [`Config::CodeRetentionPeriod`].
	#[pallet::storage]
	pub type PastCodeHash<T: Config> =
		StorageMap<_, Twox64Concat, (ParaId, BlockNumberFor<T>), ValidationCodeHash>;

	/// Past code to prune, by the block to prune it at: `(para, replaced at)` keys of
	/// [`PastCodeHash`].
	#[pallet::storage]
	pub type PastCodePruning<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<(ParaId, BlockNumberFor<T>), T::MaxParas>,
		ValueQuery,
	>;

	/// The block at which a para's scheduled code upgrade is enacted.
	#[pallet::storage]
	pub type FutureCodeUpgrades<T: Config> = StorageMap<_, Twox64Concat, ParaId, BlockNumberFor<T>>;

	/// The hash of a para's scheduled code.
	#[pallet::storage]
	pub type FutureCodeHash<T: Config> = StorageMap<_, Twox64Concat, ParaId, ValidationCodeHash>;

	/// The paras whose upgrade is enacted at a block.
	#[pallet::storage]
	pub type UpcomingUpgradesAt<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, BoundedVec<ParaId, T::MaxParas>, ValueQuery>;

	/// The block until which a para may not schedule another code upgrade.
	#[pallet::storage]
	pub type UpgradeCooldowns<T: Config> = StorageMap<_, Twox64Concat, ParaId, BlockNumberFor<T>>;

	/// The paras whose state changes at the start of a session.
	#[pallet::storage]
	pub type ActionsQueue<T: Config> =
		StorageMap<_, Twox64Concat, SessionIndex, BoundedVec<ParaId, T::MaxParas>, ValueQuery>;

	/// What onboarding paras start with: head and kind. The entry's `validation_code` is empty:
	/// the code is stored once, named by [`CurrentCodeHash`] (since storage version 1).
	// Unbounded in the type; head and code lengths are checked when it is written.
	#[pallet::storage]
	#[pallet::unbounded]
	pub type UpcomingParasGenesis<T: Config> = StorageMap<_, Twox64Concat, ParaId, ParaGenesisArgs>;

	/// How many uses (current, past, future, upcoming genesis) each stored code has.
	#[pallet::storage]
	pub type CodeByHashRefs<T: Config> =
		StorageMap<_, Identity, ValidationCodeHash, u32, ValueQuery>;

	/// Validation code by hash, stored once however many paras use it.
	// `Identity`: the key is already a cryptographic hash. Unbounded in the type; lengths are
	// checked against `MaxCodeSize` before anything is stored.
	#[pallet::storage]
	#[pallet::unbounded]
	pub type CodeByHash<T: Config> = StorageMap<_, Identity, ValidationCodeHash, ValidationCode>;

	/// The session whose actions were applied last.
	#[pallet::storage]
	pub type LastSession<T: Config> = StorageValue<_, SessionIndex, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Paras live from the first block, with their genesis state.
		pub paras: alloc::vec::Vec<(ParaId, ParaGenesisArgs)>,
		#[serde(skip)]
		#[allow(missing_docs)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		#[allow(clippy::panic)] // A bad chain spec must stop the chain from being built at all.
		fn build(&self) {
			for (id, genesis) in &self.paras {
				if let Err(e) = Pallet::<T>::initialize_para_now(*id, genesis.clone()) {
					panic!("genesis para {id} is invalid: {e:?}");
				}
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A para's current code changed.
		CurrentCodeUpdated {
			/// The para.
			para_id: ParaId,
			/// The new code's hash.
			code_hash: ValidationCodeHash,
		},
		/// A para's head was set by root.
		CurrentHeadUpdated {
			/// The para.
			para_id: ParaId,
		},
		/// A code upgrade was scheduled.
		CodeUpgradeScheduled {
			/// The para.
			para_id: ParaId,
			/// The block at which it is enacted.
			expected_at: BlockNumberFor<T>,
		},
		/// A para produced a new head.
		NewHeadNoted {
			/// The para.
			para_id: ParaId,
		},
		/// A para's state change was queued for a session.
		ActionQueued {
			/// The para.
			para_id: ParaId,
			/// The session at whose start it happens.
			session: SessionIndex,
		},
		/// A para changed state (`None`: it did not exist before / no longer exists).
		LifecycleChanged {
			/// The para.
			para_id: ParaId,
			/// The state before.
			from: Option<ParaLifecycle>,
			/// The state after.
			to: Option<ParaLifecycle>,
		},
		/// Replaced code was pruned after its retention period.
		PastCodePruned {
			/// The para.
			para_id: ParaId,
			/// The pruned code's hash.
			code_hash: ValidationCodeHash,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No para with this id exists.
		NotRegistered,
		/// A para with this id exists already, or the chain holds `MaxParas` paras.
		CannotOnboard,
		/// Only a live parathread or parachain can be offboarded.
		CannotOffboard,
		/// Only a live parathread can become a parachain.
		CannotUpgrade,
		/// Only a live parachain can become a parathread.
		CannotDowngrade,
		/// The para has an upgrade scheduled or is in its cooldown, or is not live.
		CannotUpgradeCode,
		/// The code does not start like a WebAssembly module.
		InvalidCode,
		/// The code is longer than `MaxCodeSize`.
		CodeTooLarge,
		/// The head is longer than `MaxHeadSize`.
		HeadDataTooLarge,
		/// The chain already holds `MaxParas` paras.
		TooManyParas,
		/// The session's action queue is full.
		TooManyActions,
		/// Too many upgrades are scheduled for the same block. No longer returned (the list of a
		/// block's upgrades holds distinct paras, so it cannot fill); kept so the errors after it
		/// keep their indices.
		TooManyUpgrades,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let pruned = Self::prune_past_code(now);
			let enacted = Self::enact_code_upgrades(now);
			let actions = Self::maybe_apply_session_actions();
			T::WeightInfo::prune_past_code(pruned)
				.saturating_add(T::WeightInfo::enact_code_upgrades(enacted))
				.saturating_add(T::WeightInfo::apply_actions(actions))
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(T::MaxParas::get() > 0, "MaxParas must allow at least one para");
			assert!(
				T::MaxCodeSize::get() >= 8,
				"MaxCodeSize must allow at least the WebAssembly header"
			);
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Replace a para's current code at once, with no delay or cooldown.
		///
		/// - Origin: `ForceOrigin`.
		/// - Errors: `NotRegistered` (no live para), `CodeTooLarge`, `InvalidCode`.
		/// - Events: `CurrentCodeUpdated`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::force_set_current_code(code.0.len().saturated_into()))]
		pub fn force_set_current_code(
			origin: OriginFor<T>,
			para: ParaId,
			code: ValidationCode,
		) -> DispatchResult {
			T::ForceOrigin::ensure_origin(origin)?;
			Self::do_force_set_current_code(para, code)
		}

		/// Set a para's head.
		///
		/// - Origin: `ForceOrigin`.
		/// - Errors: `NotRegistered`, `HeadDataTooLarge`.
		/// - Events: `CurrentHeadUpdated`.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::force_set_current_head(head.0.len().saturated_into()))]
		pub fn force_set_current_head(
			origin: OriginFor<T>,
			para: ParaId,
			head: HeadData,
		) -> DispatchResult {
			T::ForceOrigin::ensure_origin(origin)?;
			Self::set_current_head(para, head)?;
			Self::deposit_event(Event::CurrentHeadUpdated { para_id: para });
			Ok(())
		}

		/// Schedule a code upgrade to be enacted `ValidationUpgradeDelay` blocks after
		/// `relay_parent_number` (or next block, if that is already past), ignoring the cooldown
		/// and replacing any upgrade already scheduled.
		///
		/// - Origin: `ForceOrigin`.
		/// - Errors: `NotRegistered`, `CannotUpgradeCode` (para not live), `CodeTooLarge`,
		///   `InvalidCode`.
		/// - Events: `CodeUpgradeScheduled`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::force_schedule_code_upgrade(code.0.len().saturated_into()))]
		pub fn force_schedule_code_upgrade(
			origin: OriginFor<T>,
			para: ParaId,
			code: ValidationCode,
			relay_parent_number: BlockNumberFor<T>,
		) -> DispatchResult {
			T::ForceOrigin::ensure_origin(origin)?;
			Self::do_schedule_code_upgrade(para, code, relay_parent_number, true)
		}

		/// Note a new head for a para as if it had produced a block (tells `OnNewHead`).
		///
		/// - Origin: `ForceOrigin`.
		/// - Errors: `NotRegistered`, `HeadDataTooLarge`.
		/// - Events: `NewHeadNoted`.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::force_note_new_head(head.0.len().saturated_into()))]
		pub fn force_note_new_head(
			origin: OriginFor<T>,
			para: ParaId,
			head: HeadData,
		) -> DispatchResult {
			T::ForceOrigin::ensure_origin(origin)?;
			Self::note_new_head(para, head).map(|_| ())
		}

		/// Queue a para in the next session's action queue, so a pending transition happens at
		/// the next session boundary instead of the one after.
		///
		/// - Origin: `ForceOrigin`.
		/// - Errors: `NotRegistered`, `TooManyActions`.
		/// - Events: `ActionQueued`.
		#[pallet::call_index(4)]
		pub fn force_queue_action(origin: OriginFor<T>, para: ParaId) -> DispatchResult {
			T::ForceOrigin::ensure_origin(origin)?;
			Self::do_force_queue_action(para)
		}
	}
}
