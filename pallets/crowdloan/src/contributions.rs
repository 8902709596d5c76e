//! Contributions: taking them, paying them back, memos, and where they are stored (a child trie
//! per fund, as in Polkadot, plus each account's [`ContributionRecords`]).

use crate::*;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::{
	ensure,
	pallet_prelude::*,
	storage::child,
	traits::{
		fungible::{Inspect, Unbalanced},
		tokens::{Fortitude, Preservation},
	},
};
use sp_runtime::traits::{CheckedAdd, Hash, IdentifyAccount, Saturating, Verify, Zero};

impl<T: Config> Pallet<T> {
	/// The child trie of fund `index`: its id is `Hashing(b"crowdloan" ++ SCALE(index))`, with the
	/// system's hashing (blake2-256 on our chains), as in Polkadot.
	pub fn id_from_index(index: FundIndex) -> child::ChildInfo {
		let id = (*b"crowdloan", index).using_encoded(T::Hashing::hash);
		child::ChildInfo::new_default(id.as_ref())
	}

	/// `who`'s contribution to fund `index` still in it, and its memo (zero and empty if none).
	pub fn contribution_get(index: FundIndex, who: &T::AccountId) -> (BalanceOf<T>, Vec<u8>) {
		who.using_encoded(|key| child::get_or_default(&Self::id_from_index(index), key))
	}

	fn contribution_put(index: FundIndex, who: &T::AccountId, balance: BalanceOf<T>, memo: &[u8]) {
		who.using_encoded(|key| child::put(&Self::id_from_index(index), key, &(balance, memo)));
	}

	fn contribution_kill(index: FundIndex, who: &T::AccountId) {
		who.using_encoded(|key| child::kill(&Self::id_from_index(index), key));
	}

	/// Every contribution still in fund `index`: `(account, (balance, memo))`, in trie order.
	/// Entries may be removed while iterating.
	pub fn contribution_iterator(
		index: FundIndex,
	) -> impl Iterator<Item = (T::AccountId, (BalanceOf<T>, Vec<u8>))> {
		let trie = Self::id_from_index(index);
		let mut previous = Vec::new();
		core::iter::from_fn(move || loop {
			let key = sp_io::default_child_storage::next_key(trie.storage_key(), &previous)?;
			previous = key;
			let (Ok(who), Some(value)) =
				(T::AccountId::decode(&mut &previous[..]), child::get(&trie, &previous))
			else {
				log::error!(target: LOG_TARGET, "undecodable contribution in fund {index}");
				continue;
			};
			return Some((who, value));
		})
	}

	/// What `who` can transfer away, its account being allowed to die.
	pub(crate) fn transferable(who: &T::AccountId) -> BalanceOf<T> {
		T::Currency::reducible_balance(who, Preservation::Expendable, Fortitude::Polite)
	}

	pub(crate) fn do_contribute(
		who: T::AccountId,
		index: ParaId,
		value: BalanceOf<T>,
		signature: Option<MultiSignature>,
		keep_alive: KeepAlive,
	) -> DispatchResult {
		ensure!(value >= T::MinContribution::get(), Error::<T>::ContributionTooSmall);
		let mut fund = Funds::<T>::get(index).ok_or(Error::<T>::InvalidParaId)?;
		fund.raised = fund.raised.checked_add(&value).ok_or(Error::<T>::Overflow)?;
		ensure!(fund.raised <= fund.cap, Error::<T>::CapExceeded);
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(now < fund.end, Error::<T>::ContributionPeriodOver);
		if let Some(current) = Self::lease_period_at(now) {
			ensure!(current <= fund.first_period, Error::<T>::ContributionPeriodOver);
		}
		let pot = Self::fund_account_id(fund.fund_index);
		ensure!(!T::Auctioneer::has_won_an_auction(index, &pot), Error::<T>::BidOrLeaseActive);
		let status = T::Auctioneer::auction_status(now);
		ensure!(!status.is_vrf(), Error::<T>::VrfDelayInProgress);
		let (old_balance, _) = Self::contribution_get(fund.fund_index, &who);
		if let Some(verifier) = &fund.verifier {
			let signature = signature.ok_or(Error::<T>::InvalidSignature)?;
			let signer = verifier.clone().into_account();
			let valid = (index, &who, old_balance, value)
				.using_encoded(|payload| signature.verify(payload, &signer));
			ensure!(valid, Error::<T>::InvalidSignature);
		}

		let preservation = match keep_alive {
			KeepAlive::Yes => Preservation::Preserve,
			KeepAlive::No => Preservation::Expendable,
		};
		T::Currency::transfer(&who, &pot, value, preservation)?;
		T::Currency::deactivate(value);
		// The record keeps the memo, also through a payback: a contributor coming back to the
		// fund (after `edit` extended it) finds it again.
		let mut record =
			ContributionRecords::<T>::get(&who, fund.fund_index).unwrap_or_else(|| {
				ContributionRecord {
					contributed: Zero::zero(),
					refunded: Zero::zero(),
					memo: Default::default(),
				}
			});
		record.contributed = record.contributed.saturating_add(value);
		let balance = old_balance.saturating_add(value);
		Self::contribution_put(fund.fund_index, &who, balance, &record.memo);
		ContributionRecords::<T>::insert(&who, fund.fund_index, record);
		// Bid again in the next ending-period block: once per block in an ending period, once
		// per ending period before it.
		let mark = if status.is_ending().is_some() {
			LastContribution::Ending(now)
		} else {
			LastContribution::PreEnding(EndingsCount::<T>::get())
		};
		if fund.last_contribution != mark {
			fund.last_contribution = mark;
			Self::add_to_new_raise(index);
		}
		Funds::<T>::insert(index, fund);
		Self::deposit_event(Event::Contributed { who, fund_index: index, amount: value });
		Ok(())
	}

	/// Fails unless fund `fund` has ended (its `end` passed or its first period began) and its
	/// pot has all of `raised` free (no bid or lease holds any of it).
	fn ensure_ended(fund: &FundInfoOf<T>, pot: &T::AccountId) -> DispatchResult {
		let now = frame_system::Pallet::<T>::block_number();
		let first_period_began =
			Self::lease_period_at(now).is_some_and(|current| current > fund.first_period);
		ensure!(now >= fund.end || first_period_began, Error::<T>::FundNotEnded);
		ensure!(T::Currency::balance(pot) >= fund.raised, Error::<T>::BidOrLeaseActive);
		Ok(())
	}

	/// Pays `who`'s `amount` back from the pot of fund `fund` and records it; `raised` is the
	/// caller's to lower.
	fn pay_back(
		para_id: ParaId,
		fund: &FundInfoOf<T>,
		pot: &T::AccountId,
		who: T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		T::Currency::transfer(pot, &who, amount, Preservation::Expendable)?;
		T::Currency::reactivate(amount);
		Self::contribution_kill(fund.fund_index, &who);
		ContributionRecords::<T>::mutate(&who, fund.fund_index, |record| {
			if let Some(record) = record {
				record.refunded = record.refunded.saturating_add(amount);
			}
		});
		let fund_index = fund.fund_index;
		Self::deposit_event(Event::Refunded { who, para_id, fund_index, amount });
		Ok(())
	}

	pub(crate) fn do_withdraw(who: T::AccountId, index: ParaId) -> DispatchResult {
		let mut fund = Funds::<T>::get(index).ok_or(Error::<T>::InvalidParaId)?;
		let pot = Self::fund_account_id(fund.fund_index);
		Self::ensure_ended(&fund, &pot)?;
		let (balance, _) = Self::contribution_get(fund.fund_index, &who);
		ensure!(!balance.is_zero(), Error::<T>::NoContributions);
		Self::deposit_event(Event::Withdrew {
			who: who.clone(),
			fund_index: index,
			amount: balance,
		});
		Self::pay_back(index, &fund, &pot, who, balance)?;
		fund.raised = fund.raised.saturating_sub(balance);
		Funds::<T>::insert(index, fund);
		Ok(())
	}

	pub(crate) fn do_refund(index: ParaId) -> DispatchResultWithPostInfo {
		let mut fund = Funds::<T>::get(index).ok_or(Error::<T>::InvalidParaId)?;
		let pot = Self::fund_account_id(fund.fund_index);
		Self::ensure_ended(&fund, &pot)?;
		let limit = T::RemoveKeysLimit::get();
		let mut refunded = 0u32;
		let mut all_refunded = true;
		for (who, (balance, _)) in Self::contribution_iterator(fund.fund_index) {
			if refunded >= limit {
				all_refunded = false;
				break;
			}
			Self::pay_back(index, &fund, &pot, who, balance)?;
			fund.raised = fund.raised.saturating_sub(balance);
			refunded = refunded.saturating_add(1);
		}
		Funds::<T>::insert(index, fund);
		let event = if all_refunded {
			Event::AllRefunded { para_id: index }
		} else {
			Event::PartiallyRefunded { para_id: index }
		};
		Self::deposit_event(event);
		Ok(Some(T::WeightInfo::refund(refunded)).into())
	}

	pub(crate) fn do_add_memo(who: T::AccountId, index: ParaId, memo: Vec<u8>) -> DispatchResult {
		let bounded: BoundedVec<u8, T::MaxMemoLength> =
			memo.clone().try_into().map_err(|_| Error::<T>::MemoTooLarge)?;
		let fund = Funds::<T>::get(index).ok_or(Error::<T>::InvalidParaId)?;
		let (balance, _) = Self::contribution_get(fund.fund_index, &who);
		ensure!(!balance.is_zero(), Error::<T>::NoContributions);
		Self::contribution_put(fund.fund_index, &who, balance, &memo);
		ContributionRecords::<T>::mutate(&who, fund.fund_index, |record| {
			if let Some(record) = record {
				record.memo = bounded;
			}
		});
		Self::deposit_event(Event::MemoUpdated { who, para_id: index, memo });
		Ok(())
	}
}
