//! What wallets and explorers can ask: the state of a fund, a fund with its pot, an account's
//! contributions; and the runtime API that serves it (`CrowdloanApi_contributions_of`,
//! `CrowdloanApi_fund`).

use crate::*;
use alloc::vec::Vec;
use frame_support::traits::fungible::Inspect;
use relay_primitives::traits::AuctionStatus;
use sp_runtime::traits::{Saturating, Zero};

sp_api::decl_runtime_apis! {
	/// Crowdloans, for wallets and explorers.
	pub trait CrowdloanApi<AccountId, Balance, BlockNumber>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// Every fund `account` contributed to, paid back or not, by fund index.
		fn contributions_of(account: AccountId) -> Vec<ContributionInfo<Balance>>;

		/// The live fund of `para`: its terms, state and pot.
		fn fund(para: ParaId) -> Option<FundView<AccountId, Balance, BlockNumber>>;
	}
}

impl<T: Config> Pallet<T> {
	/// The state of the live fund of `para` (see [`FundState`] for the rules); `None` without a
	/// fund.
	pub fn fund_state(para: ParaId) -> Option<FundState> {
		Funds::<T>::get(para).map(|fund| Self::state_of(para, &fund))
	}

	pub(crate) fn state_of(para: ParaId, fund: &FundInfoOf<T>) -> FundState {
		let now = frame_system::Pallet::<T>::block_number();
		let pot = Self::fund_account_id(fund.fund_index);
		if T::Auctioneer::has_won_an_auction(para, &pot) {
			let (first_period, last_period) = (fund.first_period, fund.last_period);
			return FundState::Won { first_period, last_period };
		}
		let open = now < fund.end
			&& Self::lease_period_at(now).is_none_or(|current| current <= fund.first_period);
		if fund.raised.is_zero() {
			return if open { FundState::Open } else { FundState::Dissolvable };
		}
		let auction_running = T::Auctioneer::auction_status(now) != AuctionStatus::NotStarted;
		let all_free = T::Currency::balance(&pot) >= fund.raised;
		match (all_free, open, auction_running) {
			(true, true, true) | (false, _, true) => FundState::Bidding,
			(true, true, false) => FundState::Open,
			(true, false, _) => FundState::Refundable,
			(false, _, false) => FundState::Lost,
		}
	}

	/// The live fund of `para` with its state and pot; what [`CrowdloanApi::fund`] returns.
	pub fn fund_view(para: ParaId) -> Option<FundViewOf<T>> {
		let info = Funds::<T>::get(para)?;
		let state = Self::state_of(para, &info);
		let pot = Self::fund_account_id(info.fund_index);
		Some(FundView { info, state, pot })
	}

	/// Every fund `who` contributed to, by fund index; what [`CrowdloanApi::contributions_of`]
	/// returns.
	pub fn contributions_of(who: T::AccountId) -> Vec<ContributionInfo<BalanceOf<T>>> {
		let mut all: Vec<_> = ContributionRecords::<T>::iter_prefix(&who)
			.map(|(fund_index, record)| {
				let para_id = FundParas::<T>::get(fund_index).unwrap_or_default();
				let fund_state = Funds::<T>::get(para_id)
					.filter(|fund| fund.fund_index == fund_index)
					.map(|fund| Self::state_of(para_id, &fund));
				ContributionInfo {
					para_id,
					fund_index,
					contributed: record.contributed,
					refunded: record.refunded,
					balance: record.contributed.saturating_sub(record.refunded),
					memo: record.memo.into_inner(),
					fund_state,
				}
			})
			.collect();
		all.sort_by_key(|info| info.fund_index);
		all
	}
}
