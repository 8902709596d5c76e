//! The pallet's invariants (`try_state`), checked after every block in the tests.

use crate::*;
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use frame_support::traits::fungible::{Inspect, InspectHold};
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks that:
	/// - every live fund has a unique index below [`NextFundIndex`], [`FundParas`] names its
	///   para, its periods are ordered, its pot exists (has a provider) and holds at least
	///   `raised` (free or held);
	/// - a fund's `raised` is the sum of its trie's contributions, each non-zero and equal to the
	///   contributor's record (contributed minus paid back, same memo);
	/// - a record of a dissolved fund is fully paid back, and no record is paid more than given;
	/// - each depositor's held submission deposit is the sum of its funds' deposits;
	/// - [`NewRaise`] names live funds, each once.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextFundIndex::<T>::get();
		let mut indices = BTreeSet::new();
		let mut deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		for (para, fund) in Funds::<T>::iter() {
			let index = fund.fund_index;
			ensure(index < next, "a fund's index is not below NextFundIndex")?;
			ensure(indices.insert(index), "two funds share an index")?;
			ensure(FundParas::<T>::get(index) == Some(para), "FundParas misses a fund's para")?;
			ensure(fund.first_period <= fund.last_period, "a fund's periods are not ordered")?;
			let pot = Self::fund_account_id(index);
			ensure(frame_system::Pallet::<T>::providers(&pot) > 0, "a fund's pot has no provider")?;
			ensure(
				T::Currency::total_balance(&pot) >= fund.raised,
				"a pot holds less than raised",
			)?;
			let mut sum = BalanceOf::<T>::zero();
			for (who, (balance, memo)) in Self::contribution_iterator(index) {
				ensure(!balance.is_zero(), "a zero contribution is stored")?;
				sum = sum.saturating_add(balance);
				let record = ContributionRecords::<T>::get(&who, index)
					.ok_or("a contribution has no record")?;
				let still_in = record.contributed.saturating_sub(record.refunded);
				ensure(still_in == balance, "a record disagrees with the trie")?;
				ensure(record.memo.as_slice() == memo.as_slice(), "a record's memo differs")?;
			}
			ensure(sum == fund.raised, "raised is not the sum of contributions")?;
			let deposit = deposits.entry(fund.depositor).or_insert_with(Zero::zero);
			*deposit = deposit.saturating_add(fund.deposit);
		}
		for (who, index, record) in ContributionRecords::<T>::iter() {
			ensure(record.refunded <= record.contributed, "paid back more than contributed")?;
			let para = FundParas::<T>::get(index).ok_or("a record of an unknown fund")?;
			let live = Funds::<T>::get(para).is_some_and(|fund| fund.fund_index == index);
			let (balance, _) = Self::contribution_get(index, &who);
			let still_in = record.contributed.saturating_sub(record.refunded);
			if live {
				ensure(still_in == balance, "a record disagrees with the trie")?;
			} else {
				ensure(still_in.is_zero(), "a dissolved fund owes a contributor")?;
			}
		}
		for (depositor, amount) in deposits {
			let reason = HoldReason::SubmissionDeposit.into();
			let held = T::Currency::balance_on_hold(&reason, &depositor);
			ensure(held == amount, "held submission deposits != fund deposits")?;
		}
		let raise = NewRaise::<T>::get();
		let unique: BTreeSet<_> = raise.iter().collect();
		ensure(unique.len() == raise.len(), "a fund is in NewRaise twice")?;
		ensure(raise.iter().all(Funds::<T>::contains_key), "NewRaise names a para without a fund")?;
		Ok(())
	}
}

fn ensure(condition: bool, message: &'static str) -> Result<(), TryRuntimeError> {
	if condition {
		Ok(())
	} else {
		Err(message.into())
	}
}
