//! The auction logic behind the calls and the hook: starting, bidding, sampling, the
//! retroactive close and settlement.

use crate::*;
use alloc::vec::Vec;
use codec::Decode;
use frame_support::pallet_prelude::*;
use frame_system::pallet_prelude::BlockNumberFor;
use relay_primitives::{holds::release_or_log, traits::LeaseError};
use sp_runtime::traits::{CheckedDiv, CheckedSub, One, Saturating, Zero};

impl<T: Config> Pallet<T> {
	/// Starts an auction; see [`Pallet::new_auction`].
	pub(crate) fn do_new_auction(
		duration: BlockNumberFor<T>,
		lease_period_index: LeasePeriodIndex,
	) -> DispatchResult {
		ensure!(!AuctionInfo::<T>::exists(), Error::<T>::AuctionInProgress);
		let now = frame_system::Pallet::<T>::block_number();
		if let Some((current, _)) = T::Leaser::lease_period_index(now) {
			ensure!(lease_period_index >= current, Error::<T>::LeasePeriodInPast);
			let slot_end = lease_period_index
				.saturating_sub(current)
				.saturating_add(T::LeasePeriodsPerSlot::get());
			ensure!(slot_end <= T::Leaser::max_lease_periods(), Error::<T>::LeasePeriodTooFarAhead);
		}
		let auction_index = AuctionCounter::<T>::get().saturating_add(1);
		let ending = now.saturating_add(duration);
		AuctionCounter::<T>::put(auction_index);
		AuctionInfo::<T>::put((lease_period_index, ending));
		Self::deposit_event(Event::AuctionStarted {
			auction_index,
			lease_period: lease_period_index,
			ending,
		});
		Ok(())
	}

	/// The phase of the current auction at block `now`.
	pub fn status_at(now: BlockNumberFor<T>) -> AuctionStatus<BlockNumberFor<T>> {
		let Some((_, early_end)) = AuctionInfo::<T>::get() else {
			return AuctionStatus::NotStarted;
		};
		let Some(since_early_end) = now.checked_sub(&early_end) else {
			return AuctionStatus::StartingPeriod;
		};
		let ending = T::EndingPeriod::get();
		if since_early_end < ending {
			let (sample, sub_sample) = div_rem(since_early_end, T::SampleLength::get());
			AuctionStatus::EndingPeriod(sample, sub_sample)
		} else {
			AuctionStatus::VrfDelay(since_early_end.saturating_sub(ending))
		}
	}

	/// The sample bids land in now: 0 in the opening period, the current sample in the ending
	/// period; `None` when bids are not accepted.
	pub(crate) fn current_sample(now: BlockNumberFor<T>) -> Option<BlockNumberFor<T>> {
		match Self::status_at(now) {
			AuctionStatus::StartingPeriod => Some(Zero::zero()),
			AuctionStatus::EndingPeriod(sample, _) => Some(sample),
			_ => None,
		}
	}

	/// The leaders of sample `sample`, or of the latest sample before it that has any (a
	/// sample is copied from its predecessor when it starts).
	pub(crate) fn leaders_at(sample: BlockNumberFor<T>) -> WinningData<T> {
		Winning::<T>::get(sample)
			.or_else(|| sample.checked_sub(&One::one()).and_then(Winning::<T>::get))
			.unwrap_or_else(Self::empty_winning)
	}

	/// No leader in any range.
	pub(crate) fn empty_winning() -> WinningData<T> {
		let ranges = winners::range_count(T::LeasePeriodsPerSlot::get()).min(MAX_RANGES);
		let mut data = Vec::new();
		data.resize(ranges as usize, None);
		BoundedVec::truncate_from(data)
	}

	/// Places a bid; see [`Pallet::bid`]. Every check comes before the first write.
	pub(crate) fn handle_bid(
		bidder: T::AccountId,
		para: ParaId,
		auction_index: u32,
		first_slot: LeasePeriodIndex,
		last_slot: LeasePeriodIndex,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		ensure!(T::Registrar::is_registered(para), Error::<T>::ParaNotRegistered);
		ensure!(auction_index == AuctionCounter::<T>::get(), Error::<T>::NotCurrentAuction);
		let (slot_start, _) = AuctionInfo::<T>::get().ok_or(Error::<T>::NotAuction)?;
		let now = frame_system::Pallet::<T>::block_number();
		let sample = Self::current_sample(now).ok_or(Error::<T>::AuctionEnded)?;
		let range = first_slot
			.checked_sub(slot_start)
			.zip(last_slot.checked_sub(slot_start))
			.and_then(|(first, last)| {
				winners::range_index(first, last, T::LeasePeriodsPerSlot::get())
			})
			.ok_or(Error::<T>::InvalidRange)?;
		ensure!(
			!T::Leaser::already_leased(para, first_slot, last_slot),
			Error::<T>::AlreadyLeasedOut
		);
		let mut leaders = Self::leaders_at(sample);
		let slot = leaders.get_mut(range as usize).ok_or(Error::<T>::InvalidRange)?;
		let beats = match slot {
			Some((_, _, leading)) => amount > *leading,
			None => !amount.is_zero(),
		};
		ensure!(beats, Error::<T>::BidTooLow);

		// What the bidder must hold for the para: the bid, less what a running lease of the
		// para already holds for it (a renewal tops up only).
		let required = amount.saturating_sub(T::Leaser::deposit_held(para, &bidder));
		let key = (bidder.clone(), para);
		let held = ReservedAmounts::<T>::get(&key);
		if held.is_none() && !required.is_zero() {
			ensure!(
				ReservedAmounts::<T>::count() < T::MaxReserves::get(),
				Error::<T>::TooManyReserves
			);
		}
		let held = held.unwrap_or_else(Zero::zero);
		if let Some(extra) = required.checked_sub(&held).filter(|e| !e.is_zero()) {
			T::Currency::hold(&HoldReason::AuctionBid.into(), &bidder, extra)?;
			ReservedAmounts::<T>::insert(&key, required);
			Self::deposit_event(Event::Reserved {
				bidder: bidder.clone(),
				extra_reserved: extra,
				total_amount: required,
			});
		}

		let displaced = slot.replace((bidder.clone(), para, amount));
		if let Some((loser, loser_para, _)) = displaced {
			// In the ending period any earlier sample may still be chosen, so deposits stay.
			let still_leads =
				leaders.iter().flatten().any(|(who, p, _)| *who == loser && *p == loser_para);
			if sample.is_zero()
				&& matches!(Self::status_at(now), AuctionStatus::StartingPeriod)
				&& !still_leads
			{
				Self::release_bid(&loser, loser_para);
			}
		}
		Winning::<T>::insert(sample, leaders);
		Self::deposit_event(Event::BidAccepted {
			bidder,
			para_id: para,
			amount,
			first_slot,
			last_slot,
			auction_index,
		});
		Ok(())
	}

	/// Releases everything `who` holds for bids for `para`.
	fn release_bid(who: &T::AccountId, para: ParaId) {
		if let Some(amount) = ReservedAmounts::<T>::take((who.clone(), para)) {
			Self::release(who, amount);
		}
	}

	fn release(who: &T::AccountId, amount: BalanceOf<T>) {
		release_or_log::<_, T::Currency>(&HoldReason::AuctionBid.into(), who, amount, LOG_TARGET);
		Self::deposit_event(Event::Unreserved { bidder: who.clone(), amount });
	}

	/// The hook: starts each sample of the ending period as a copy of the previous one, and
	/// closes the auction once usable randomness exists.
	pub(crate) fn do_on_initialize(now: BlockNumberFor<T>) -> Weight {
		let mut weight = T::DbWeight::get().reads(1);
		if let AuctionStatus::EndingPeriod(sample, sub_sample) = Self::status_at(now) {
			if sub_sample.is_zero() && !sample.is_zero() && !Winning::<T>::contains_key(sample) {
				Winning::<T>::insert(sample, Self::leaders_at(sample));
				weight.saturating_accrue(T::DbWeight::get().reads_writes(2, 1));
			}
		}
		if Self::check_auction_end(now) {
			weight.saturating_accrue(T::WeightInfo::on_initialize());
		}
		weight
	}

	/// The block the ending period ends (bidding closes), if an auction runs.
	pub fn bidding_end() -> Option<BlockNumberFor<T>> {
		AuctionInfo::<T>::get()
			.map(|(_, early_end)| early_end.saturating_add(T::EndingPeriod::get()))
	}

	/// If bidding is over and the randomness was unknown while it was open, closes the auction
	/// with it and returns `true`.
	fn check_auction_end(now: BlockNumberFor<T>) -> bool {
		let Some(late_end) = Self::bidding_end() else { return false };
		if now < late_end {
			return false;
		}
		let (seed, known_since) = T::Randomness::random(RANDOMNESS_SUBJECT);
		if known_since < late_end {
			return false;
		}
		Self::close_auction(seed.as_ref());
		true
	}

	/// Closes the current auction: `seed` picks the winning sample, whose leaders are leased
	/// their ranges; every other bid deposit is released and the auction's storage removed.
	pub(crate) fn close_auction(seed: &[u8]) {
		let Some((slot_start, _)) = AuctionInfo::<T>::take() else { return };
		let sample = Self::sample_from_seed(seed);
		let auction_index = AuctionCounter::<T>::get();
		Self::deposit_event(Event::WinningOffset { auction_index, block_number: sample });
		let leaders = Self::leaders_at(sample);
		let _ = Winning::<T>::clear(u32::MAX, None);
		Self::manage_auction_end(slot_start, leaders);
	}

	/// The sample a random seed picks: a block of the ending period, uniformly, and its sample.
	pub(crate) fn sample_from_seed(seed: &[u8]) -> BlockNumberFor<T> {
		let raw = BlockNumberFor::<T>::decode(&mut &seed[..]).unwrap_or_else(|_| Zero::zero());
		let (_, block) = div_rem(raw, T::EndingPeriod::get());
		div_rem(block, T::SampleLength::get()).0
	}

	/// Settles a closed auction: every bid deposit is released, then each winner is leased its
	/// range (which holds the amount again as a lease deposit).
	fn manage_auction_end(slot_start: LeasePeriodIndex, leaders: WinningData<T>) {
		let auction_index = AuctionCounter::<T>::get();
		for ((bidder, _), amount) in ReservedAmounts::<T>::drain() {
			Self::release(&bidder, amount);
		}
		let periods = T::LeasePeriodsPerSlot::get();
		let amounts: Vec<_> = leaders.iter().map(|l| l.as_ref().map(|(_, _, a)| *a)).collect();
		let (winning, _) = winners::calculate_winners(&amounts, periods);
		for range in winning {
			let Some(Some((bidder, para, amount))) = leaders.get(range as usize).cloned() else {
				continue;
			};
			let Some((first, last)) = winners::range_of(range, periods) else { continue };
			let first_slot = slot_start.saturating_add(first);
			let last_slot = slot_start.saturating_add(last);
			let count = last.saturating_sub(first).saturating_add(1);
			match T::Leaser::lease_out(para, &bidder, amount, first_slot, count) {
				Ok(()) => Self::deposit_event(Event::Won {
					auction_index,
					bidder,
					para_id: para,
					first_slot,
					last_slot,
					amount,
				}),
				Err(LeaseError::AlreadyLeased) => {
					let reason = HoldReason::Confiscated.into();
					if let Err(e) = T::Currency::hold(&reason, &bidder, amount) {
						log::error!(target: LOG_TARGET, "confiscating {amount:?} failed: {e:?}");
					}
					Self::deposit_event(Event::ReserveConfiscated {
						para_id: para,
						leaser: bidder,
						amount,
					});
				},
				Err(e) => {
					// The deposit was just released and bids only name future periods within
					// reach, so this cannot happen; the winner keeps its funds.
					log::error!(target: LOG_TARGET, "lease of {para} from auction failed: {e:?}");
				},
			}
		}
		Self::deposit_event(Event::AuctionClosed { auction_index });
	}

	/// Cancels the current auction; see [`Pallet::cancel_auction`].
	pub(crate) fn do_cancel_auction() -> DispatchResult {
		ensure!(AuctionInfo::<T>::exists(), Error::<T>::NotAuction);
		for ((bidder, _), amount) in ReservedAmounts::<T>::drain() {
			Self::release(&bidder, amount);
		}
		let _ = Winning::<T>::clear(u32::MAX, None);
		AuctionInfo::<T>::kill();
		Self::deposit_event(Event::AuctionCancelled { auction_index: AuctionCounter::<T>::get() });
		Ok(())
	}
}

/// `a / b` and `a % b`; `b = 0` counts as 1.
fn div_rem<N: CheckedDiv + Saturating + Copy + One + Ord>(a: N, b: N) -> (N, N) {
	let b = b.max(One::one());
	let quotient = a.checked_div(&b).unwrap_or(a);
	(quotient, a.saturating_sub(quotient.saturating_mul(b)))
}
