//! # Inclusion pallet
//!
//! Enacts backed parachain candidates: it decides which para may use each core in a block and
//! which validators back it ([`scheduler`]), remembers the recent relay-chain blocks a candidate
//! may be built on, and takes the backed candidates in a mandatory inherent, [`Pallet::enter`].
//!
//! ## Pallet API
//!
//! The inherent call [`Pallet::enter`] (origin none, once per block, made by
//! [`ProvideInherent::create_inherent`] from the [`INHERENT_IDENTIFIER`] data, a
//! [`ParachainsInherentData`]: the backed candidates and the parent block's header). The
//! runtime APIs' answers: [`view`] (this chain's `InclusionApi`) and [`host`] (Polkadot's
//! `ParachainHost`, in Polkadot's types). Also [`Pallet::core_assignments`],
//! [`Pallet::validator_groups`], [`Pallet::group_assigned_to_core`],
//! [`Pallet::persisted_validation_data`], [`Pallet::check_backed_candidate`] and the
//! [`RelayParents`] storage. Events are Polkadot's: [`Event::CandidateBacked`] and
//! [`Event::CandidateIncluded`] with the candidate's receipt, new head, core and group.
//!
//! ## Overview
//!
//! A candidate is enacted in a block only if all of these hold (each failure is its own
//! [`Error`]): its core exists and its para is scheduled on it in this block (the core's
//! parachain, or the parathread holding a live claim on the pool core); its relay parent is one
//! of the last [`Config::AllowedRelayParents`] blocks in [`RelayParents`]; its
//! persisted-validation-data hash matches the data fixed here (see below); its validation code
//! hash is the para's current one; its head and new code are within `pallet_paras`' limits (and
//! the para may upgrade its code now); its descriptor is V2 and of the current session; its
//! message fields are as Polkadot requires of a para with no queues or channels (no messages,
//! the HRMP watermark at the relay parent's number, well-formed UMP signals whose `SelectCore`
//! picks its core); its votes are well formed (a bitfield over the group backing that core,
//! optionally followed by the core index), each attestation a valid signature of Polkadot's
//! statement payload in the current session ([`Config::SessionIndex`]) at its relay parent, and
//! at least the backing threshold; and no other candidate in the block uses the same core or the
//! same para. Then its head becomes the para's head (`pallet_paras::note_new_head`),
//! its new code is scheduled through `pallet_paras`' upgrade path, a served parathread claim is
//! reported to [`Config::ParathreadClaims`], and [`Event::CandidateBacked`] and
//! [`Event::CandidateIncluded`] are emitted.
//!
//! **A bad candidate fails the whole inherent.** `enter` checks every candidate before writing
//! anything and fails with the first error. Because the inherent is mandatory, a failing `enter`
//! makes the block invalid, so block authors must include only valid candidates:
//! `create_inherent` runs the same checks and drops every candidate that fails (or that conflicts
//! with one kept before it), so a collator's bad candidate never costs the author its block.
//!
//! ### Persisted validation data and the relay parents
//!
//! `enter` in block `n` records the parent block `n − 1` as a relay parent: its hash, its number
//! and its **state root**, read from the parent's header that the block author puts in the
//! inherent data (the header must hash to `frame_system::parent_hash`, or
//! [`Error::InvalidParentHeader`]). This is the root a collator proves the relay chain's state
//! against (a Cumulus collator's relay-state proof), as Polkadot's inherent does it. Anyone can
//! read the recorded blocks from [`RelayParents`]. A candidate built on relay parent `r` must
//! commit to `PersistedValidationData { parent_head: the para's current head (in the enacting
//! block), relay_parent_number: r's number, relay_parent_storage_root: r's state root,
//! max_pov_size: Config::MaxPovSize }` ([`Pallet::persisted_validation_data`]); the runtime API
//! answers it at `r` itself with `sp_io::storage::root`, which is `r`'s state root there. Since
//! only its hash is committed, a wrong parent head and a wrong other field both show as
//! [`Error::ValidationDataMismatch`].
//!
//! ### Security: backing only
//!
//! A candidate is enacted on **backing alone**: there is no availability distribution (erasure
//! coding, availability bitfields), no approval checking and no disputes yet. So the chain trusts
//! the backing group: if every backer of a candidate colludes (with the threshold and group sizes
//! of a small validator set this can be a single validator), they can enact an invalid para block
//! and nothing will revert it or slash them. Nor is the PoV ever made available to others, so a
//! backed block may be unrecoverable by the para's other collators. This version is suitable for
//! test networks with trusted validators only.
//!
//! ## Low-level design
//!
//! [`Included`] marks that `enter` ran in this block (cleared in `on_finalize`). Weights are
//! benchmarked ([`weights`]): the inherent is charged per candidate and per vote, plus recording
//! the parent.

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
pub mod host;
mod inclusion;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod scheduler;
mod session;
#[cfg(test)]
mod tests;
mod types;
pub mod view;
pub mod weights;

pub use pallet::*;
pub use scheduler::CoreAssignment;
pub use types::*;
#[cfg(feature = "std")]
pub use view::InclusionApi;
pub use view::{CandidateEvent, CoreKind, GroupRotationInfo, ScheduledCore};
pub use weights::WeightInfo;

use codec::{Decode, Encode};
use frame_support::inherent::{InherentIdentifier, MakeFatalError, ProvideInherent};
use relay_primitives::{
	traits::ParathreadClaims, BackedCandidate, BlockNumber, Hash, ParachainsInherentData,
	ValidatorId,
};
use scale_info::TypeInfo;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::inclusion";

/// The identifier of the inherent data: a SCALE-encoded [`ParachainsInherentData`].
pub const INHERENT_IDENTIFIER: InherentIdentifier =
	relay_primitives::PARACHAINS_INHERENT_IDENTIFIER;

// FRAME's pallet macro expands to `expect` and index casts; the calls in here stay thin.
#[allow(clippy::expect_used, clippy::cast_possible_truncation)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use relay_primitives::{CandidateReceipt, CoreIndex, GroupIndex, HeadData};

	/// The layout version of this pallet's storage (1: `PendingStorageRoot` removed, see
	/// [`crate::migrations`]). Whenever a storage item's key or value changes, bump it and add a
	/// versioned migration (a `migrations` module here, listed in the runtime's `migrations.rs`);
	/// the runtime's storage-layout check (`runtime/src/tests/storage_layout.rs`) fails until
	/// version and snapshot agree.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config<Hash = Hash, RuntimeEvent: From<Event<Self>>> + pallet_paras::Config
	{
		/// The current session index, which every backing vote signs.
		type SessionIndex: Get<u32>;
		/// The parathread pool cores and the claims on them.
		type ParathreadClaims: ParathreadClaims;
		/// Blocks between rotations of the backing groups over the cores (zero: no rotation).
		#[pallet::constant]
		type GroupRotationFrequency: Get<BlockNumberFor<Self>>;
		/// The votes a candidate needs, capped at the size of its group.
		#[pallet::constant]
		type MinBackingVotes: Get<u32>;
		/// How many recent relay-chain blocks a candidate may be built on.
		#[pallet::constant]
		type AllowedRelayParents: Get<u32>;
		/// How many candidates of a para not yet included a new candidate may build on (the
		/// async-backing params' `max_candidate_depth`): validators back such chains and
		/// blocks include them in order, each on its parent's head.
		#[pallet::constant]
		type MaxCandidateDepth: Get<u32>;
		/// The largest proof of validity a candidate may have, in bytes (fixed in its
		/// persisted validation data).
		#[pallet::constant]
		type MaxPovSize: Get<u32>;
		/// Weights (database-only for now; see the crate docs).
		type WeightInfo: WeightInfo;
	}

	/// The recent relay-chain blocks candidates may be built on, oldest first.
	#[pallet::storage]
	pub type RelayParents<T: Config> =
		StorageValue<_, BoundedVec<RelayParentInfo, T::AllowedRelayParents>, ValueQuery>;

	/// The active validators' `para_validator` keys, in validator-index order: set by the
	/// session handler (this pallet is the `para_validator` entry of the runtime's session keys)
	/// at genesis and at every new session. Unbounded like the validator set itself.
	#[pallet::storage]
	#[pallet::unbounded]
	pub type ActiveValidatorKeys<T: Config> = StorageValue<_, Vec<ValidatorId>, ValueQuery>;

	/// Whether `enter` ran in this block.
	#[pallet::storage]
	pub type Included<T: Config> = StorageValue<_, (), OptionQuery>;

	/// The session the candidates of the next block are signed for: the session at the end of
	/// the block whose `enter` wrote it, which is what `session_index_for_child` told collators
	/// and validators there. A session that starts in a block (its `on_initialize`) applies to
	/// candidates from the next block on, as Polkadot's `shared::CurrentSessionIndex`, so the
	/// candidates built on the last block of a session are still included. None before the
	/// first block: the current session.
	#[pallet::storage]
	pub type CandidateSession<T: Config> = StorageValue<_, u32, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A candidate was found backed by enough of its group: its receipt, its new head, the
		/// core it used and the group that backed it (Polkadot's event).
		CandidateBacked(CandidateReceipt, HeadData, CoreIndex, GroupIndex),
		/// A candidate was enacted: its head is now the para's head. The same fields as
		/// `CandidateBacked` (Polkadot's event).
		CandidateIncluded(CandidateReceipt, HeadData, CoreIndex, GroupIndex),
	}

	#[pallet::error]
	pub enum Error<T> {
		/// `enter` already ran in this block.
		TooManyInclusionInherents,
		/// The header in the inherent data is not the parent block's.
		InvalidParentHeader,
		/// The candidate names a core that does not exist in this block.
		NoSuchCore,
		/// The candidate's para is not scheduled on its core in this block.
		ParaNotScheduled,
		/// The relay parent is unknown or older than `AllowedRelayParents` blocks.
		UnknownRelayParent,
		/// The persisted-validation-data hash does not match the data fixed for the para at the
		/// relay parent (a wrong parent head shows here too).
		ValidationDataMismatch,
		/// The descriptor's head hash is not the hash of the committed head.
		HeadHashMismatch,
		/// The validation code hash is not the para's current one.
		ValidationCodeMismatch,
		/// The new head is larger than `MaxHeadSize`.
		HeadDataTooLarge,
		/// The new code is larger than `MaxCodeSize`.
		CodeTooLarge,
		/// The new code does not start like a WebAssembly module.
		InvalidCode,
		/// The para may not upgrade its code now (an upgrade is pending or it is cooling down).
		CodeUpgradeNotAllowed,
		/// The number of votes differs from the number of set bits in the validator bitfield.
		VoteCountMismatch,
		/// The validator bitfield is neither as long as the backing group nor 8 bits longer, or
		/// the core index in its last 8 bits is not the descriptor's.
		InvalidValidatorBitfield,
		/// The descriptor is not a V2 descriptor (version 0, reserved bytes zero).
		UnsupportedDescriptorVersion,
		/// The descriptor's session is not the current session.
		WrongSession,
		/// The UMP signals do not decode, repeat, or are more than two.
		InvalidUmpSignals,
		/// The descriptor's core is not the one the para selected among its cores.
		CoreIndexMismatch,
		/// The candidate sends upward messages (the chain has no UMP queue yet).
		InvalidUpwardMessages,
		/// The candidate sends horizontal messages (the chain has no HRMP channels yet).
		InvalidOutboundHrmp,
		/// The candidate processed downward messages its queue does not hold.
		IncorrectDownwardMessageHandling,
		/// The HRMP watermark is not the relay parent's number.
		HrmpWatermarkMishandling,
		/// A voter is not in the group backing the candidate's core.
		VoterNotInGroup,
		/// A vote is not a valid signature in the current session.
		InvalidVote,
		/// Fewer votes than the backing threshold.
		InsufficientVotes,
		/// Two candidates use the same core.
		DuplicateCore,
		/// Two candidates are for the same para.
		DuplicatePara,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_: BlockNumberFor<T>) -> Weight {
			// What `on_finalize` does.
			<T as Config>::WeightInfo::on_initialize()
		}

		fn on_finalize(_: BlockNumberFor<T>) {
			if Included::<T>::take().is_none() {
				log::error!(target: LOG_TARGET, "block without the inclusion inherent");
			}
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(T::AllowedRelayParents::get() > 0, "AllowedRelayParents must be at least 1");
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Record the parent block as a relay parent (with the state root of its header) and
		/// enact the block's backed candidates (the mandatory inherent).
		///
		/// The parent header and every candidate are checked before anything is written; one
		/// failing candidate fails the call (and with it the block), so authors include only
		/// candidates that pass (see the crate docs).
		///
		/// - Origin: none (inherent), once per block.
		/// - Errors: `TooManyInclusionInherents`, `InvalidParentHeader`, and per candidate
		///   `UnsupportedDescriptorVersion`, `WrongSession`, `NoSuchCore`, `ParaNotScheduled`,
		///   `UnknownRelayParent`, `ValidationDataMismatch`, `ValidationCodeMismatch`,
		///   `HeadHashMismatch`, `InvalidUpwardMessages`, `InvalidUmpSignals`,
		///   `InvalidOutboundHrmp`, `IncorrectDownwardMessageHandling`,
		///   `HrmpWatermarkMishandling`, `CoreIndexMismatch`, `HeadDataTooLarge`, `CodeTooLarge`,
		///   `InvalidCode`, `CodeUpgradeNotAllowed`, `InvalidValidatorBitfield`,
		///   `VoteCountMismatch`, `VoterNotInGroup`, `InvalidVote`, `InsufficientVotes`,
		///   `DuplicateCore`, `DuplicatePara`.
		/// - Events: per candidate `CandidateBacked` and `CandidateIncluded` (and those of
		///   `pallet_paras`: `NewHeadNoted`, `CodeUpgradeScheduled`).
		#[pallet::call_index(0)]
		#[pallet::weight((
			Pallet::<T>::enter_weight(&data.backed_candidates),
			DispatchClass::Mandatory,
		))]
		pub fn enter(
			origin: OriginFor<T>,
			data: ParachainsInherentData,
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			Self::do_enter(data)
		}
	}

	#[pallet::inherent]
	impl<T: Config> ProvideInherent for Pallet<T> {
		type Call = Call<T>;
		type Error = MakeFatalError<()>;
		const INHERENT_IDENTIFIER: InherentIdentifier = INHERENT_IDENTIFIER;

		fn create_inherent(data: &InherentData) -> Option<Self::Call> {
			// Without the parent header no `enter` can pass: the block author's node must
			// provide it (the inherent is required, so such a block is invalid anyway).
			let offered = match data.get_data::<ParachainsInherentData>(&INHERENT_IDENTIFIER) {
				Ok(Some(offered)) => offered,
				Ok(None) => {
					log::error!(target: LOG_TARGET, "no inclusion inherent data");
					return None;
				},
				Err(e) => {
					log::error!(target: LOG_TARGET, "undecodable inclusion inherent data: {e:?}");
					return None;
				},
			};
			let backed_candidates =
				Self::filter_candidates(offered.backed_candidates, &offered.parent_header);
			let data =
				ParachainsInherentData { backed_candidates, parent_header: offered.parent_header };
			Some(Call::enter { data })
		}

		fn is_inherent(call: &Self::Call) -> bool {
			matches!(call, Call::enter { .. })
		}

		fn is_inherent_required(_: &InherentData) -> Result<Option<Self::Error>, Self::Error> {
			Ok(Some(().into()))
		}
	}
}
