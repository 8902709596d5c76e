//! A fund's life outside its contributions: creating, editing and dissolving it, bidding in
//! auctions' ending periods, and following its para through a swap.

use crate::*;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::Inspect,
		tokens::{Fortitude, Precision, Preservation},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use relay_primitives::holds::release_or_log;
use sp_runtime::traits::{AccountIdConversion, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// The pot of fund `index`: it receives the contributions and is the bidder.
	pub fn fund_account_id(index: FundIndex) -> T::AccountId {
		T::PalletId::get().into_sub_account_truncating(index)
	}

	/// The lease period of block `now`; `None` before the first one (the lease offset).
	pub(crate) fn lease_period_at(now: BlockNumberFor<T>) -> Option<LeasePeriodIndex> {
		T::Auctioneer::lease_period_index(now).map(|(period, _)| period)
	}

	/// The first block of lease period `period` (saturating: a period beyond the block range
	/// starts at the last block).
	pub(crate) fn period_start(period: LeasePeriodIndex) -> BlockNumberFor<T> {
		let (length, offset) = T::Auctioneer::lease_period_length();
		offset.saturating_add(length.saturating_mul(period.into()))
	}

	/// Checks a fund's terms, for `create` and `edit` alike: the periods are ordered and within
	/// one slot, `end` is in the future, the first period is after the current one, and `end`
	/// comes no later than the first period's first block.
	pub(crate) fn check_terms(terms: &Terms<T>) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let (first, last) = (terms.first_period, terms.last_period);
		ensure!(first <= last, Error::<T>::LastPeriodBeforeFirstPeriod);
		let span = T::Auctioneer::lease_periods_per_slot().saturating_sub(1);
		let last_limit = first.checked_add(span).ok_or(Error::<T>::FirstPeriodTooFarInFuture)?;
		ensure!(last <= last_limit, Error::<T>::LastPeriodTooFarInFuture);
		ensure!(terms.end > now, Error::<T>::CannotEndInPast);
		if let Some(current) = Self::lease_period_at(now) {
			ensure!(first > current, Error::<T>::FirstPeriodInPast);
		}
		ensure!(terms.end <= Self::period_start(first), Error::<T>::EndTooFarInFuture);
		Ok(())
	}

	pub(crate) fn do_create(
		depositor: T::AccountId,
		index: ParaId,
		terms: Terms<T>,
	) -> DispatchResult {
		Self::check_terms(&terms)?;
		ensure!(!Funds::<T>::contains_key(index), Error::<T>::FundNotEnded);
		let manager = T::Registrar::manager_of(index).ok_or(Error::<T>::InvalidParaId)?;
		ensure!(depositor == manager, Error::<T>::InvalidOrigin);
		ensure!(T::Registrar::is_registered(index), Error::<T>::InvalidParaId);
		let fund_index = NextFundIndex::<T>::get();
		let next = fund_index.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::SubmissionDeposit::get();
		if !deposit.is_zero() {
			T::Currency::hold(&HoldReason::SubmissionDeposit.into(), &depositor, deposit)?;
		}
		frame_system::Pallet::<T>::inc_providers(&Self::fund_account_id(fund_index));
		let Terms { cap, first_period, last_period, end, verifier } = terms;
		let fund = FundInfo {
			depositor,
			verifier,
			deposit,
			raised: Zero::zero(),
			end,
			cap,
			last_contribution: LastContribution::Never,
			first_period,
			last_period,
			fund_index,
		};
		Funds::<T>::insert(index, fund);
		FundParas::<T>::insert(fund_index, index);
		NextFundIndex::<T>::put(next);
		Self::deposit_event(Event::Created { para_id: index });
		Ok(())
	}

	pub(crate) fn do_edit(index: ParaId, terms: Terms<T>) -> DispatchResult {
		let mut fund = Funds::<T>::get(index).ok_or(Error::<T>::InvalidParaId)?;
		Self::check_terms(&terms)?;
		let Terms { cap, first_period, last_period, end, verifier } = terms;
		fund.cap = cap;
		fund.first_period = first_period;
		fund.last_period = last_period;
		fund.end = end;
		fund.verifier = verifier;
		Funds::<T>::insert(index, fund);
		Self::deposit_event(Event::Edited { para_id: index });
		Ok(())
	}

	pub(crate) fn do_dissolve(who: T::AccountId, index: ParaId) -> DispatchResult {
		let fund = Funds::<T>::get(index).ok_or(Error::<T>::InvalidParaId)?;
		let now = frame_system::Pallet::<T>::block_number();
		let permitted = who == fund.depositor || now >= fund.end;
		ensure!(permitted && fund.raised.is_zero(), Error::<T>::NotReadyToDissolve);
		let pot = Self::fund_account_id(fund.fund_index);
		// Nothing of the contributors is left: what the pot holds was sent to it directly.
		let dust = T::Currency::balance(&pot);
		if !dust.is_zero() {
			T::Currency::burn_from(
				&pot,
				dust,
				Preservation::Expendable,
				Precision::BestEffort,
				Fortitude::Force,
			)?;
		}
		// A pot whose balance was reaped before this pallet took a reference has none to drop.
		if frame_system::Pallet::<T>::providers(&pot) > 0 {
			if let Err(e) = frame_system::Pallet::<T>::dec_providers(&pot) {
				log::error!(target: LOG_TARGET, "pot of fund {} keeps a reference: {e:?}", fund.fund_index);
			}
		}
		release_or_log::<_, T::Currency>(
			&HoldReason::SubmissionDeposit.into(),
			&fund.depositor,
			fund.deposit,
			LOG_TARGET,
		);
		Funds::<T>::remove(index);
		NewRaise::<T>::mutate(|raise| raise.retain(|para| *para != index));
		Self::deposit_event(Event::Dissolved { para_id: index });
		Ok(())
	}

	pub(crate) fn do_poke(index: ParaId) -> DispatchResult {
		let fund = Funds::<T>::get(index).ok_or(Error::<T>::InvalidParaId)?;
		ensure!(!fund.raised.is_zero(), Error::<T>::NoContributions);
		NewRaise::<T>::try_mutate(|raise| {
			ensure!(!raise.contains(&index), Error::<T>::AlreadyInNewRaise);
			raise.push(index);
			Ok::<_, Error<T>>(())
		})?;
		Self::deposit_event(Event::AddedToNewRaise { para_id: index });
		Ok(())
	}

	/// Puts the fund of `index` in `NewRaise` unless it is there.
	pub(crate) fn add_to_new_raise(index: ParaId) {
		NewRaise::<T>::mutate(|raise| {
			if !raise.contains(&index) {
				raise.push(index);
			}
		});
	}

	/// The hook: in an ending period, counts the ending (on its first block) and bids every
	/// fund in `NewRaise` with its whole `raised`.
	pub(crate) fn bid_new_raises(now: BlockNumberFor<T>) -> Weight {
		let status = T::Auctioneer::auction_status(now);
		let Some((sample, sub_sample)) = status.is_ending() else {
			// `auction_status` reads the auction's one storage value.
			return T::DbWeight::get().reads(1);
		};
		if sample.is_zero() && sub_sample.is_zero() {
			EndingsCount::<T>::mutate(|count| *count = count.saturating_add(1));
		}
		let raise = NewRaise::<T>::take();
		let count = u32::try_from(raise.len()).unwrap_or(u32::MAX);
		for para_id in raise {
			let Some(fund) = Funds::<T>::get(para_id) else { continue };
			let result = T::Auctioneer::place_bid(
				Self::fund_account_id(fund.fund_index),
				para_id,
				fund.first_period,
				fund.last_period,
				fund.raised,
			);
			Self::deposit_event(Event::HandleBidResult { para_id, result });
		}
		T::WeightInfo::on_initialize(count)
	}
}

impl<T: Config> OnSwap for Pallet<T> {
	fn on_swap(one: ParaId, other: ParaId) {
		Funds::<T>::swap(one, other);
		for para in [one, other] {
			if let Some(fund) = Funds::<T>::get(para) {
				FundParas::<T>::insert(fund.fund_index, para);
			}
		}
		NewRaise::<T>::mutate(|raise| {
			for para in raise.iter_mut() {
				if *para == one {
					*para = other;
				} else if *para == other {
					*para = one;
				}
			}
		});
	}
}
