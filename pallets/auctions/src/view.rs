//! What wallets and explorers can ask about the current auction, and the runtime API that
//! serves it (callable with `state_call`, e.g. `AuctionsApi_auction`).
//!
//! Polkadot's users could not see why a bid was losing (Kusama auction 82, polkadot #7221); this
//! answers it: the phase and when it ends, the leader of every range, the set that would win if
//! the auction closed on the current sample with its total value, and the least a new bid on a
//! range must be to lead its range and be in that set.

use crate::*;
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::traits::Get;
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;
use sp_runtime::traits::{CheckedDiv, One, Saturating, Zero};
use sp_runtime::SaturatedConversion;

/// The phase of the auction, with the block at which it ends.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
#[allow(clippy::cast_possible_truncation)] // The SCALE derives cast variant indices.
pub enum AuctionPhase<BlockNumber> {
	/// No auction is running.
	NotStarted,
	/// The opening period; the ending period starts at `ends_at`.
	Opening {
		/// The first block of the ending period.
		ends_at: BlockNumber,
	},
	/// The ending period, in sample `sample`, which ends at `sample_ends_at`; bidding ends at
	/// `ends_at`.
	Ending {
		/// The current sample.
		sample: BlockNumber,
		/// The first block of the next sample.
		sample_ends_at: BlockNumber,
		/// The first block after bidding.
		ends_at: BlockNumber,
	},
	/// Bidding ended at `bidding_ended_at`; the auction closes in the first block whose
	/// randomness became known at or after that block. The current randomness is known since
	/// `randomness_known_since`.
	WaitingForRandomness {
		/// The first block after bidding.
		bidding_ended_at: BlockNumber,
		/// When the randomness available now became known.
		randomness_known_since: BlockNumber,
	},
}

/// A bid leading a range.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct RangeBid<AccountId, Balance> {
	/// The range's first lease period.
	pub first_slot: LeasePeriodIndex,
	/// The range's last lease period.
	pub last_slot: LeasePeriodIndex,
	/// The bidder.
	pub bidder: AccountId,
	/// The para bid for.
	pub para_id: ParaId,
	/// The amount.
	pub amount: Balance,
}

/// The current auction as a wallet shows it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo)]
pub struct AuctionView<AccountId, Balance, BlockNumber> {
	/// The index of the current (or last) auction; 0 if there never was one.
	pub auction_index: u32,
	/// The first lease period of the slot on sale, if an auction runs.
	pub lease_period: Option<LeasePeriodIndex>,
	/// How many lease periods the slot covers.
	pub lease_periods_per_slot: u32,
	/// The phase and when it ends.
	pub phase: AuctionPhase<BlockNumber>,
	/// The leader of every range with a bid, in the current (or, waiting for randomness, the
	/// last) sample.
	pub leaders: Vec<RangeBid<AccountId, Balance>>,
	/// The bids that would win if the auction closed on that sample.
	pub winners: Vec<RangeBid<AccountId, Balance>>,
	/// Their total value: the sum of amount × periods.
	pub winning_value: Balance,
}

sp_api::decl_runtime_apis! {
	/// The slot auction, for wallets and explorers.
	pub trait AuctionsApi<AccountId, Balance, BlockNumber>
	where
		AccountId: codec::Codec,
		Balance: codec::Codec,
		BlockNumber: codec::Codec,
	{
		/// The current auction: phase, leaders, winning set and its value.
		fn auction() -> AuctionView<AccountId, Balance, BlockNumber>;

		/// The least amount a new bid on `first_slot..=last_slot` must have, now, to lead its
		/// range and be in the winning set. `None` if no auction accepts bids or the range is not
		/// within the slot.
		fn minimum_winning_bid(
			first_slot: LeasePeriodIndex,
			last_slot: LeasePeriodIndex,
		) -> Option<Balance>;
	}
}

impl<T: Config> Pallet<T> {
	/// The current auction; see [`AuctionsApi::auction`].
	pub fn auction_view() -> AuctionView<T::AccountId, BalanceOf<T>, BlockNumberFor<T>> {
		let now = frame_system::Pallet::<T>::block_number();
		let info = AuctionInfo::<T>::get();
		let periods = T::LeasePeriodsPerSlot::get();
		let ending = T::EndingPeriod::get();
		let sample_length = T::SampleLength::get().max(One::one());
		let (phase, sample) = match (info, Self::status_at(now)) {
			(Some((_, early_end)), AuctionStatus::StartingPeriod) => {
				(AuctionPhase::Opening { ends_at: early_end }, Some(Zero::zero()))
			},
			(Some((_, early_end)), AuctionStatus::EndingPeriod(sample, _)) => {
				let next = sample.saturating_add(One::one()).saturating_mul(sample_length);
				let ends_at = early_end.saturating_add(ending);
				let sample_ends_at = early_end.saturating_add(next).min(ends_at);
				(AuctionPhase::Ending { sample, sample_ends_at, ends_at }, Some(sample))
			},
			(Some((_, early_end)), AuctionStatus::VrfDelay(_)) => {
				let (_, known_since) = T::Randomness::random(RANDOMNESS_SUBJECT);
				let last = ending
					.saturating_sub(One::one())
					.checked_div(&sample_length)
					.unwrap_or_else(Zero::zero);
				let phase = AuctionPhase::WaitingForRandomness {
					bidding_ended_at: early_end.saturating_add(ending),
					randomness_known_since: known_since,
				};
				(phase, Some(last))
			},
			_ => (AuctionPhase::NotStarted, None),
		};
		let slot_start = info.map(|(start, _)| start);
		let leaders = sample.map(Self::leaders_at).unwrap_or_default();
		let amounts = Self::amounts(&leaders);
		let (winning, winning_value) = winners::calculate_winners(&amounts, periods);
		let bid_of = |range: u32| -> Option<RangeBid<T::AccountId, BalanceOf<T>>> {
			let (bidder, para_id, amount) = leaders.get(range as usize).cloned().flatten()?;
			let (first, last) = winners::range_of(range, periods)?;
			let start = slot_start.unwrap_or_default();
			Some(RangeBid {
				first_slot: start.saturating_add(first),
				last_slot: start.saturating_add(last),
				bidder,
				para_id,
				amount,
			})
		};
		AuctionView {
			auction_index: AuctionCounter::<T>::get(),
			lease_period: slot_start,
			lease_periods_per_slot: periods,
			phase,
			leaders: (0..leaders.len().saturated_into::<u32>()).filter_map(bid_of).collect(),
			winners: winning.into_iter().filter_map(bid_of).collect(),
			winning_value,
		}
	}

	/// The least winning bid on a range; see [`AuctionsApi::minimum_winning_bid`].
	///
	/// A bid of `x` on range `r` (of `len` periods) must beat `r`'s leader, and the best set
	/// containing it, `x × len + B`, where `B` is the best value of the ranges disjoint from `r`,
	/// must beat `W`, the best value of all other ranges: `x > (W − B) / len`.
	pub fn minimum_winning_bid(
		first_slot: LeasePeriodIndex,
		last_slot: LeasePeriodIndex,
	) -> Option<BalanceOf<T>> {
		let (slot_start, _) = AuctionInfo::<T>::get()?;
		let sample = Self::current_sample(frame_system::Pallet::<T>::block_number())?;
		let periods = T::LeasePeriodsPerSlot::get();
		let (first, last) =
			(first_slot.checked_sub(slot_start)?, last_slot.checked_sub(slot_start)?);
		let range = winners::range_index(first, last, periods)?;
		let amounts = Self::amounts(&Self::leaders_at(sample));
		let leader = amounts.get(range as usize).copied().flatten();

		let mut others = amounts.clone();
		if let Some(own) = others.get_mut(range as usize) {
			*own = None;
		}
		let (_, best_without) = winners::calculate_winners(&others, periods);
		let disjoint: Vec<_> = amounts
			.iter()
			.enumerate()
			.map(|(i, amount)| match winners::range_of(i.saturated_into(), periods) {
				Some((f, l)) if l < first || f > last => *amount,
				_ => None,
			})
			.collect();
		let (_, best_disjoint) = winners::calculate_winners(&disjoint, periods);
		let len = BalanceOf::<T>::from(last.saturating_sub(first).saturating_add(1));
		let one = BalanceOf::<T>::from(1u32);
		let to_win = best_without
			.saturating_sub(best_disjoint)
			.checked_div(&len)
			.unwrap_or_else(Zero::zero)
			.saturating_add(one);
		let to_lead = leader.map_or(one, |amount| amount.saturating_add(one));
		Some(to_win.max(to_lead))
	}

	fn amounts(leaders: &WinningData<T>) -> Vec<Option<BalanceOf<T>>> {
		leaders.iter().map(|l| l.as_ref().map(|(_, _, amount)| *amount)).collect()
	}
}
