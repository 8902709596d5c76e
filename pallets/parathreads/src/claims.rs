//! Claims on pool cores: granting, expiry (a full refund) and service (the price is paid: part
//! burned, part to the block author).

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::tokens::{Fortitude, Precision, Restriction},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The claim on `pool_core` if it is live in the current block.
	pub fn live_claim(pool_core: u32) -> Option<ClaimOf<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		Claims::<T>::get(pool_core).filter(|claim| claim.expires_at > now)
	}

	/// Records `claim` on `pool_core` (the price is already on hold).
	pub(crate) fn insert_claim(pool_core: u32, claim: ClaimOf<T>) {
		ClaimedCore::<T>::insert(claim.para_id, pool_core);
		Claims::<T>::insert(pool_core, claim);
	}

	/// Removes the claims whose last live block is over at `now` and releases their prices.
	/// Returns how many expired.
	pub(crate) fn expire_claims(now: BlockNumberFor<T>) -> u32 {
		let expired: Vec<(u32, ClaimOf<T>)> =
			Claims::<T>::iter().filter(|(_, claim)| claim.expires_at <= now).collect();
		let mut count = 0u32;
		for (pool_core, claim) in expired {
			Claims::<T>::remove(pool_core);
			ClaimedCore::<T>::remove(claim.para_id);
			Self::release(&claim.bidder, claim.price);
			Self::deposit_event(Event::ClaimExpired {
				para_id: claim.para_id,
				pool_core,
				refunded: claim.price,
			});
			count.saturating_inc();
		}
		count
	}

	/// A candidate of `para` was included on `pool_core`; see
	/// [`ParathreadClaims::on_claim_served`]. Anything but the para's live claim on that core is
	/// ignored (and logged).
	pub(crate) fn serve_claim(pool_core: u32, para: ParaId) -> Weight {
		let Some(claim) = Self::live_claim(pool_core).filter(|claim| claim.para_id == para) else {
			log::warn!(target: LOG_TARGET, "{para} has no live claim on pool core {pool_core}");
			return T::DbWeight::get().reads(2);
		};
		Claims::<T>::remove(pool_core);
		ClaimedCore::<T>::remove(para);
		let (burned, to_author) = Self::pay(&claim.bidder, claim.price);
		Self::deposit_event(Event::ClaimServed {
			para_id: para,
			pool_core,
			price: claim.price,
			burned,
			to_author,
		});
		T::WeightInfo::on_claim_served()
	}

	/// Takes `price` from `bidder`'s hold: the author's share (the price less `BurnShare` of it,
	/// rounded down) goes to the block author, the rest is burned. Without an author, or if the
	/// author cannot receive its share (say, below the existential deposit of a new account), all
	/// of it is burned. Returns `(burned, to_author)`.
	fn pay(bidder: &T::AccountId, price: BalanceOf<T>) -> (BalanceOf<T>, BalanceOf<T>) {
		let reason = HoldReason::Bid.into();
		let share = price.saturating_sub(T::BurnShare::get().mul_ceil(price));
		let to_author = match T::BlockAuthor::get() {
			Some(author) if !share.is_zero() => {
				// In its own storage layer: a failed transfer leaves nothing behind.
				let paid = frame_support::storage::with_storage_layer(|| {
					T::Currency::transfer_on_hold(
						&reason,
						bidder,
						&author,
						share,
						Precision::Exact,
						Restriction::Free,
						Fortitude::Force,
					)
				});
				paid.unwrap_or_else(|e| {
					log::warn!(target: LOG_TARGET, "author share not paid, burned: {e:?}");
					Zero::zero()
				})
			},
			_ => Zero::zero(),
		};
		let rest = price.saturating_sub(to_author);
		let burned =
			T::Currency::burn_held(&reason, bidder, rest, Precision::BestEffort, Fortitude::Force)
				.unwrap_or_else(|e| {
					log::error!(target: LOG_TARGET, "burning {rest:?} failed: {e:?}");
					Zero::zero()
				});
		if burned != rest {
			log::error!(target: LOG_TARGET, "burned {burned:?} of {rest:?}");
		}
		(burned, to_author)
	}
}
