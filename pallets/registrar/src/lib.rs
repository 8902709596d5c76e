//! # Registrar pallet
//!
//! How a para comes to exist: a manager reserves an id, registers genesis head and validation
//! code against a deposit, and can later upgrade its code, swap with another para or deregister.
//!
//! ## Pallet API
//!
//! [`Pallet::reserve`], [`Pallet::register`], [`Pallet::force_register`],
//! [`Pallet::deregister`], [`Pallet::swap`], [`Pallet::add_lock`], [`Pallet::remove_lock`],
//! [`Pallet::schedule_code_upgrade`], [`Pallet::set_current_head`]. The pallet implements
//! [`Registrar`] for the slots, auctions and crowdloan pallets, and [`OnNewHead`] for paras.
//!
//! ## Overview
//!
//! - **Deposit.** Reserving holds [`Config::ParaDeposit`]. Registering adjusts the hold to
//!   `ParaDeposit + DataDepositPerByte × (head bytes + MaxCodeSize)`: it covers the largest code
//!   the para could ever upgrade to, so a later upgrade cannot store more than was paid for
//!   (Polkadot's fix for polkadot-sdk#2372). Re-registering tops the hold up or rebates it.
//! - **Lock.** Once a para produces its first head it is locked: its manager can no longer
//!   deregister it, swap it or change its code; root (and later the para itself) can. A locked
//!   manager gets `ParaLocked`, not `BadOrigin` (polkadot-sdk#6745). Locking and unlocking emit
//!   events.
//! - **Swap.** Two managers (or root) each ask to swap with the other; the second request
//!   executes it. A parachain swapping with a parathread hands over its lease and becomes the
//!   parathread (both at the next transition session); two parachains swap leases.
//! - **Registration onboards as a parathread**; a lease (pallet-slots) makes it a parachain.

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
mod impls;
#[cfg(any(feature = "try-runtime", feature = "std", test))]
mod invariants;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

pub use pallet::*;
pub use types::ParaInfo;
pub use weights::WeightInfo;

use frame_support::traits::fungible::{Inspect, Mutate, MutateHold};
use relay_primitives::{
	paras::LOWEST_PUBLIC_ID,
	traits::{LeaseHolders, OnNewHead, OnSwap, Registrar},
	HeadData, ParaId, ParaKind, ValidationCode,
};
use sp_runtime::SaturatedConversion;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::registrar";

/// How many ids `reserve` tries from `NextFreeParaId` on before it gives up with
/// `NoFreeParaId` (ids ahead of it can be taken by forced or genesis registrations). Bounds the
/// search, so `reserve`'s benchmark covers its worst case.
pub const MAX_FREE_ID_PROBES: u32 = 32;

/// The balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// What the registrar keeps per para in this runtime.
pub type ParaInfoOf<T> = ParaInfo<<T as frame_system::Config>::AccountId, BalanceOf<T>>;

// FRAME's pallet macro expands to `expect` and index casts; the calls in here stay thin.
#[allow(clippy::expect_used, clippy::cast_possible_truncation)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The layout version of this pallet's storage (0: unchanged since launch). Whenever a storage
	/// item's key or value changes, bump it and add a versioned migration (a `migrations` module
	/// here, listed in the runtime's `migrations.rs`); the runtime's storage-layout check
	/// (`runtime/src/tests/storage_layout.rs`) fails until version and snapshot agree.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config:
		frame_system::Config<RuntimeEvent: From<Event<Self>>> + pallet_paras::Config
	{
		/// The currency deposits are held in.
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
		/// The runtime's hold reasons, which include this pallet's.
		type RuntimeHoldReason: From<HoldReason>;
		/// Told when two paras swap (slots moves leases, crowdloan moves funds).
		type OnSwap: OnSwap;
		/// Which paras hold leases (the slots pallet): a leased para cannot be deregistered, so
		/// every lease belongs to a registered para and the leases are bounded by `MaxParas`.
		type Leases: LeaseHolders;
		/// The deposit for reserving an id, and the base of a registration deposit.
		#[pallet::constant]
		type ParaDeposit: Get<BalanceOf<Self>>;
		/// The deposit per byte of head data and of `MaxCodeSize`.
		#[pallet::constant]
		type DataDepositPerByte: Get<BalanceOf<Self>>;
		/// The origin of `force_register` and `remove_lock`, which may also act for any para's
		/// manager (root on our chains; governance can replace it).
		type ForceOrigin: EnsureOrigin<<Self as frame_system::Config>::RuntimeOrigin>;
		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a reserved or registered para.
		#[codec(index = 0)]
		ParaDeposit,
	}

	/// Swaps asked for by one side and waiting for the other: `id → the para it would swap with`.
	#[pallet::storage]
	pub type PendingSwap<T: Config> = StorageMap<_, Twox64Concat, ParaId, ParaId>;

	/// Every reserved or registered para: its manager, deposit and lock.
	#[pallet::storage]
	pub type Paras<T: Config> = StorageMap<_, Twox64Concat, ParaId, ParaInfoOf<T>>;

	/// The first id `reserve` hands out: [`LOWEST_PUBLIC_ID`].
	#[pallet::type_value]
	pub fn FirstPublicId() -> ParaId {
		LOWEST_PUBLIC_ID
	}

	/// The id the next `reserve` tries first.
	#[pallet::storage]
	pub type NextFreeParaId<T: Config> = StorageValue<_, ParaId, ValueQuery, FirstPublicId>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Paras live from the first block: `(id, manager, genesis head, code, kind)`. They take
		/// no deposit.
		pub paras: Vec<(ParaId, T::AccountId, HeadData, ValidationCode, ParaKind)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		#[allow(clippy::panic)] // A bad chain spec must stop the chain from being built at all.
		fn build(&self) {
			let mut next = LOWEST_PUBLIC_ID;
			for (id, manager, head, code, kind) in &self.paras {
				let genesis = pallet_paras::ParaGenesisArgs {
					genesis_head: head.clone(),
					validation_code: code.clone(),
					para_kind: *kind,
				};
				if let Err(e) = pallet_paras::Pallet::<T>::initialize_para_now(*id, genesis) {
					panic!("genesis para {id} is invalid: {e:?}");
				}
				let info = ParaInfo {
					manager: manager.clone(),
					deposit: Default::default(),
					locked: None,
				};
				Paras::<T>::insert(id, info);
				if *id >= next {
					next = id.checked_next().unwrap_or(*id);
				}
			}
			NextFreeParaId::<T>::put(next);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A para was registered; it is onboarding as a parathread.
		Registered {
			/// The para.
			para_id: ParaId,
			/// Its manager.
			manager: T::AccountId,
		},
		/// A para was deregistered and its deposit returned.
		Deregistered {
			/// The para.
			para_id: ParaId,
		},
		/// An id was reserved.
		Reserved {
			/// The id.
			para_id: ParaId,
			/// Its manager.
			who: T::AccountId,
		},
		/// Two paras swapped.
		Swapped {
			/// The para whose request completed the swap.
			para_id: ParaId,
			/// The other para.
			other_id: ParaId,
		},
		/// One side asked for a swap; it happens when the other side asks too.
		SwapRequested {
			/// The asking para.
			para_id: ParaId,
			/// The para it would swap with.
			other_id: ParaId,
		},
		/// A para was locked: its manager can no longer change it.
		LockAdded {
			/// The para.
			para_id: ParaId,
		},
		/// A para was unlocked.
		LockRemoved {
			/// The para.
			para_id: ParaId,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The id is not reserved or registered.
		NotRegistered,
		/// The id is registered already.
		AlreadyRegistered,
		/// The caller does not manage this para.
		NotOwner,
		/// The code is longer than `MaxCodeSize`.
		CodeTooLarge,
		/// The head is longer than `MaxHeadSize`.
		HeadDataTooLarge,
		/// The para is not a parachain.
		NotParachain,
		/// The para is not a live parathread.
		NotParathread,
		/// Only a parathread (or a para not live yet) can be deregistered.
		CannotDeregister,
		/// The para cannot become a parathread now.
		CannotDowngrade,
		/// The para cannot become a parachain now.
		CannotUpgrade,
		/// The para is locked: only `ForceOrigin` can do this.
		ParaLocked,
		/// The id was not reserved.
		NotReserved,
		/// The code does not start like a WebAssembly module.
		InvalidCode,
		/// These two paras cannot swap (both must be live, at least one a parachain).
		CannotSwap,
		/// The chain holds as many paras as it allows.
		TooManyParas,
		/// The `MAX_FREE_ID_PROBES` ids from `NextFreeParaId` on are all taken (by forced
		/// registrations ahead of it).
		NoFreeParaId,
		/// The para holds a lease (now or for a later period): it cannot be deregistered until
		/// its leases end or `ForceOrigin` clears them (`slots.clear_all_leases`).
		ParaHasLease,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Register genesis head and validation code for an id the caller reserved. The para
		/// onboards as a parathread, live after one full session. The deposit is adjusted to
		/// `ParaDeposit + DataDepositPerByte × (head bytes + MaxCodeSize)`.
		///
		/// - Origin: signed, the id's manager.
		/// - Errors: `NotReserved`, `NotOwner`, `ParaLocked`, `AlreadyRegistered`,
		///   `CodeTooLarge`, `InvalidCode`, `HeadDataTooLarge`, `TooManyParas`, or the
		///   currency's error if the deposit cannot be held.
		/// - Events: `Registered`.
		#[pallet::call_index(0)]
		pub fn register(
			origin: OriginFor<T>,
			id: ParaId,
			genesis_head: HeadData,
			validation_code: ValidationCode,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register(who, None, id, genesis_head, validation_code, true)
		}

		/// Register a para for `who` with a chosen deposit, any id (system ids too).
		///
		/// - Origin: `ForceOrigin`.
		/// - Errors: as `register`, except the reservation checks; `AlreadyRegistered` if the id
		///   is reserved or registered.
		/// - Events: `Registered`.
		#[pallet::call_index(1)]
		pub fn force_register(
			origin: OriginFor<T>,
			who: T::AccountId,
			deposit: BalanceOf<T>,
			id: ParaId,
			genesis_head: HeadData,
			validation_code: ValidationCode,
		) -> DispatchResult {
			<T as Config>::ForceOrigin::ensure_origin(origin)?;
			Self::do_register(who, Some(deposit), id, genesis_head, validation_code, false)
		}

		/// Deregister a parathread (or a reserved or onboarding id) and return its deposit.
		///
		/// - Origin: `ForceOrigin`, or the unlocked manager.
		/// - Errors: `NotRegistered`, `NotOwner`, `ParaLocked`, `ParaHasLease` (a lease now
		///   or later), `CannotDeregister` (a parachain, or a para in a transition).
		/// - Events: `Deregistered`.
		#[pallet::call_index(2)]
		pub fn deregister(origin: OriginFor<T>, id: ParaId) -> DispatchResult {
			Self::ensure_force_or_manager(origin, id)?;
			Self::do_deregister(id)
		}

		/// Ask to swap `id` with `other`; the swap happens when `other` asks for `id`. Asking
		/// with `other == id` withdraws a request.
		///
		/// - Origin: `ForceOrigin`, or the unlocked manager of `id`.
		/// - Errors: `NotRegistered`, `NotOwner`, `ParaLocked`, `CannotSwap`.
		/// - Events: `SwapRequested`, or `Swapped` when it completes.
		#[pallet::call_index(3)]
		pub fn swap(origin: OriginFor<T>, id: ParaId, other: ParaId) -> DispatchResult {
			Self::ensure_force_or_manager(origin, id)?;
			Self::do_swap(id, other)
		}

		/// Unlock a para, so its manager can change it again.
		///
		/// - Origin: `ForceOrigin`.
		/// - Errors: `NotRegistered`.
		/// - Events: `LockRemoved`.
		#[pallet::call_index(4)]
		pub fn remove_lock(origin: OriginFor<T>, para: ParaId) -> DispatchResult {
			<T as Config>::ForceOrigin::ensure_origin(origin)?;
			ensure!(Paras::<T>::contains_key(para), Error::<T>::NotRegistered);
			<Self as Registrar>::remove_lock(para);
			Ok(())
		}

		/// Reserve the next free id (from 2000) for the caller, holding `ParaDeposit`.
		///
		/// - Origin: signed.
		/// - Errors: `NoFreeParaId`, or the currency's error if the deposit cannot be held.
		/// - Events: `Reserved`.
		#[pallet::call_index(5)]
		pub fn reserve(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_reserve(who)
		}

		/// Lock a para: its manager can no longer change it.
		///
		/// - Origin: `ForceOrigin`, or the unlocked manager.
		/// - Errors: `NotRegistered`, `NotOwner`, `ParaLocked`.
		/// - Events: `LockAdded`.
		#[pallet::call_index(6)]
		pub fn add_lock(origin: OriginFor<T>, para: ParaId) -> DispatchResult {
			Self::ensure_force_or_manager(origin, para)?;
			<Self as Registrar>::apply_lock(para);
			Ok(())
		}

		/// Schedule a code upgrade, enacted `ValidationUpgradeDelay` blocks from now. The code is
		/// checked like registered code (size and header).
		///
		/// - Origin: `ForceOrigin`, or the unlocked manager.
		/// - Errors: `NotRegistered`, `NotOwner`, `ParaLocked`, `CodeTooLarge`, `InvalidCode`,
		///   and the paras pallet's `CannotUpgradeCode` (pending upgrade, cooldown, not live).
		/// - Events: the paras pallet's `CodeUpgradeScheduled`.
		#[pallet::call_index(7)]
		#[pallet::weight(<T as Config>::WeightInfo::schedule_code_upgrade(new_code.0.len().saturated_into()))]
		pub fn schedule_code_upgrade(
			origin: OriginFor<T>,
			para: ParaId,
			new_code: ValidationCode,
		) -> DispatchResult {
			Self::ensure_force_or_manager(origin, para)?;
			Self::check_code(&new_code)?;
			pallet_paras::Pallet::<T>::schedule_code_upgrade(para, new_code)
		}

		/// Set a para's head.
		///
		/// - Origin: `ForceOrigin`, or the unlocked manager.
		/// - Errors: `NotRegistered`, `NotOwner`, `ParaLocked`, `HeadDataTooLarge`.
		/// - Events: none (the head is readable in `paras.heads`).
		#[pallet::call_index(8)]
		#[pallet::weight(<T as Config>::WeightInfo::set_current_head(new_head.0.len().saturated_into()))]
		pub fn set_current_head(
			origin: OriginFor<T>,
			para: ParaId,
			new_head: HeadData,
		) -> DispatchResult {
			Self::ensure_force_or_manager(origin, para)?;
			Self::check_head(&new_head)?;
			pallet_paras::Pallet::<T>::set_current_head(para, new_head)
		}
	}
}
