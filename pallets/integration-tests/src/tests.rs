//! Whole flows on the mock runtime, and Polkadot's ten integration scenarios by name.
//!
//! Every test runs twice, with lease offset 0 and with [`OFFSET`] (5), as Polkadot's run with a
//! non-zero offset. Timing (see `mock`): lease period `p` starts at block `at(10 p)`, that is
//! `10 p + offset`; an auction started at block `b` with `start(d, p)` has its ending period at
//! `b + d .. b + d + 10` (one sample per block) and closes at `b + d + 10`. Paras registered at
//! block 1 are parathreads from block 6 whatever the offset. A block written `at(b)` is block `b`
//! moved by the offset: the tests' timeline keeps its place relative to the period starts, so
//! every assertion holds under both offsets, while a pallet that ignored the offset would see
//! other periods (block `at(18)` is in period 1, but `23 / 10` is 2).

use crate::mock::*;
use frame_support::{assert_noop, assert_ok};
use pallet_auctions::winners;
use relay_primitives::{ParaId, ParaLifecycle};
use sp_runtime::DispatchResult;

/// Runs `test` on fresh externalities with lease offset 0, then with [`OFFSET`].
fn for_each_offset(test: impl Fn()) {
	for offset in [0, OFFSET] {
		// Shown with a failure: which offset failed.
		eprintln!("lease offset {offset}");
		new_test_ext_with_offset(offset).execute_with(&test);
	}
}

fn start(duration: u64, first_period: u32) {
	assert_ok!(Auctions::new_auction(RuntimeOrigin::root(), duration, first_period));
}

fn bid(who: AccountId, para: ParaId, first: u32, last: u32, amount: u64) -> DispatchResult {
	let index = pallet_auctions::AuctionCounter::<Test>::get();
	Auctions::bid(RuntimeOrigin::signed(who), para, index, first, last, amount)
}

fn create(manager: AccountId, para: ParaId, first: u32, last: u32, end: u64) {
	assert_ok!(Crowdloan::create(
		RuntimeOrigin::signed(manager),
		para,
		1_000_000,
		first,
		last,
		end,
		None
	));
}

fn contribute(who: AccountId, para: ParaId, amount: u64) {
	assert_ok!(Crowdloan::contribute(RuntimeOrigin::signed(who), para, amount, None));
}

fn lifecycle(para: ParaId) -> Option<ParaLifecycle> {
	pallet_paras::Pallet::<Test>::lifecycle(para)
}

fn leases(para: ParaId) -> Vec<Option<(AccountId, u64)>> {
	pallet_slots::Leases::<Test>::get(para).into_inner()
}

/// The pot of `para`'s fund.
fn pot(para: ParaId) -> AccountId {
	let fund = pallet_crowdloan::Funds::<Test>::get(para).expect("the para has a fund");
	Crowdloan::fund_account_id(fund.fund_index)
}

fn free(who: AccountId) -> u64 {
	Balances::free_balance(who)
}

fn raised(para: ParaId) -> u64 {
	pallet_crowdloan::Funds::<Test>::get(para).map_or(0, |f| f.raised)
}

fn auction_events() -> Vec<pallet_auctions::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Auctions(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn crowdloan_events() -> Vec<pallet_crowdloan::Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Crowdloan(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// Registers one para per manager at block 1 and runs to block `at(6)`; they are parathreads
/// from block 6.
fn live_paras(managers: &[AccountId]) -> Vec<ParaId> {
	let paras: Vec<_> = managers.iter().map(|m| register(*m)).collect();
	run_to_block(at(6));
	for para in &paras {
		assert_eq!(lifecycle(*para), Some(ParaLifecycle::Parathread));
	}
	paras
}

/// The flow: register → crowdloans → an auction with competing bids and competing
/// crowdloans → candle close → lease → onboarding as parachain → lease end → downgrade to
/// parathread → refunds → dissolve.
#[test]
fn full_onboarding_flow() {
	for_each_offset(|| {
		let paras = live_paras(&[1, 2, 3]);
		let (a, b, c) = (paras[0], paras[1], paras[2]);
		// Two crowdloans, both open until bidding ends (block `at(18)`), before period 2
		// (`at(20)`).
		create(1, a, 2, 5, at(18));
		create(3, c, 2, 3, at(18));
		contribute(4, a, 300);
		contribute(5, a, 200);
		contribute(6, c, 400);
		assert_eq!(free(4), BALANCE - 300);

		// Auction of periods 2..=5: opening 6..8, ending 8..18 (samples 0..9), close at 18.
		start(2, 2);
		assert_ok!(bid(2, b, 2, 3, 150)); // 300 in value
		run_to_block(at(8));
		// The first ending block: both crowdloans bid their raise.
		let bids: Vec<_> = crowdloan_events()
			.into_iter()
			.filter(|e| {
				matches!(e, pallet_crowdloan::Event::HandleBidResult { result: Ok(()), .. })
			})
			.collect();
		assert_eq!(bids.len(), 2);
		// A's 500 × 4 = 2,000 leads C's 400 × 2 = 800 (which displaced B on 2..=3).
		run_to_block(at(10));
		contribute(7, c, 500); // C: 900 × 2 = 1,800
		run_to_block(at(11)); // sample 3: C bids 900
		assert_ok!(bid(2, b, 4, 5, 200)); // + 400: C and B = 2,200 beat A's 2,000
		run_to_block(at(13));
		contribute(8, a, 100); // A: 600 × 4 = 2,400
		run_to_block(at(14)); // sample 6: A leads again
		assert_eq!(raised(a), 600);

		// The candle: the seed picks sample 4 (block `at(12)`), when C and B led.
		RandomSeed::set(4);
		run_to_block(at(18));
		assert!(auction_events().contains(&pallet_auctions::Event::WinningOffset {
			auction_index: 1,
			block_number: 4
		}));
		assert_eq!(leases(c), vec![None, Some((pot(c), 900)), Some((pot(c), 900))]);
		assert_eq!(leases(b), vec![None, None, None, Some((2, 200)), Some((2, 200))]);
		assert!(leases(a).is_empty());

		// A lost: its contributors get everything back, then its creator dissolves it.
		assert_ok!(Crowdloan::refund(RuntimeOrigin::signed(9), a));
		assert_eq!((free(4), free(5), free(8)), (BALANCE, BALANCE, BALANCE));
		assert_ok!(Crowdloan::dissolve(RuntimeOrigin::signed(1), a));
		assert!(pallet_crowdloan::Funds::<Test>::get(a).is_none());

		// C's lease starts at block `at(20)`: it is a parachain within a few blocks.
		run_to_block(at(26));
		assert_eq!(lifecycle(c), Some(ParaLifecycle::Parachain));
		assert_eq!(lifecycle(b), Some(ParaLifecycle::Parathread));
		// C's contributors cannot withdraw while the lease holds their funds.
		assert_noop!(
			Crowdloan::withdraw(RuntimeOrigin::signed(6), 6, c),
			pallet_crowdloan::Error::<Test>::BidOrLeaseActive
		);
		// B's lease starts at block `at(40)`, C's ends there.
		run_to_block(at(46));
		assert_eq!(lifecycle(c), Some(ParaLifecycle::Parathread));
		assert_eq!(lifecycle(b), Some(ParaLifecycle::Parachain));
		assert_eq!(free(pot(c)), 900);
		assert_ok!(Crowdloan::withdraw(RuntimeOrigin::signed(9), 6, c));
		assert_ok!(Crowdloan::refund(RuntimeOrigin::signed(9), c));
		assert_eq!((free(6), free(7)), (BALANCE, BALANCE));
		assert_ok!(Crowdloan::dissolve(RuntimeOrigin::signed(3), c));
		// B's lease ends at block `at(60)`; its deposit comes back.
		run_to_block(at(66));
		assert_eq!(lifecycle(b), Some(ParaLifecycle::Parathread));
		assert_eq!(free(2), BALANCE - REGISTRATION_DEPOSIT);
		assert_eq!(crate::invariants::owed().values().sum::<u64>(), 3 * REGISTRATION_DEPOSIT);
	});
}

#[test]
fn basic_end_to_end_works() {
	for_each_offset(|| {
		let paras = live_paras(&[1, 2]);
		let (crowd, direct) = (paras[0], paras[1]);
		create(1, crowd, 2, 3, at(18));
		contribute(3, crowd, 500);
		start(2, 2);
		assert_ok!(bid(2, direct, 4, 5, 300));
		run_to_block(at(18));
		assert_eq!(leases(crowd), vec![None, Some((pot(crowd), 500)), Some((pot(crowd), 500))]);
		assert_eq!(leases(direct).len(), 5);
		run_to_block(at(26));
		assert_eq!(lifecycle(crowd), Some(ParaLifecycle::Parachain));
		run_to_block(at(46));
		assert_eq!(lifecycle(crowd), Some(ParaLifecycle::Parathread));
		assert_eq!(lifecycle(direct), Some(ParaLifecycle::Parachain));
		assert_ok!(Crowdloan::refund(RuntimeOrigin::signed(3), crowd));
		assert_eq!(free(3), BALANCE);
		run_to_block(at(66));
		assert_eq!(lifecycle(direct), Some(ParaLifecycle::Parathread));
		assert_eq!(free(2), BALANCE - REGISTRATION_DEPOSIT);
	});
}

#[test]
fn basic_errors_fail() {
	for_each_offset(|| {
		let para = ParaId(2000);
		assert_noop!(
			Registrar::register(RuntimeOrigin::signed(1), para, head(), code()),
			pallet_registrar::Error::<Test>::NotReserved
		);
		assert_noop!(
			Crowdloan::create(RuntimeOrigin::signed(1), para, 1_000, 2, 3, 18, None),
			pallet_crowdloan::Error::<Test>::InvalidParaId
		);
		assert_noop!(bid(1, para, 2, 3, 100), pallet_auctions::Error::<Test>::ParaNotRegistered);
		let para = register(1);
		run_to_block(6);
		assert_noop!(bid(1, para, 2, 3, 100), pallet_auctions::Error::<Test>::NotAuction);
		assert_noop!(
			Crowdloan::create(RuntimeOrigin::signed(2), para, 1_000, 2, 3, 18, None),
			pallet_crowdloan::Error::<Test>::InvalidOrigin
		);
	});
}

#[test]
fn competing_slots() {
	for_each_offset(|| {
		let managers: Vec<AccountId> = (1..=10).collect();
		let paras = live_paras(&managers);
		start(2, 2);
		// Ten bidders on ranges across the slot.
		let ranges =
			[(2, 2), (3, 3), (4, 4), (5, 5), (2, 3), (3, 4), (4, 5), (2, 4), (3, 5), (2, 5)];
		let amounts = [100, 200, 300, 400, 160, 260, 360, 200, 300, 240];
		for (i, ((first, last), amount)) in ranges.iter().zip(amounts).enumerate() {
			assert_ok!(bid(11 + i as AccountId, paras[i], *first, *last, amount));
		}
		let mut best = vec![None; 10];
		for ((first, last), amount) in ranges.iter().zip(amounts) {
			best[winners::range_index(first - 2, last - 2, 4).unwrap() as usize] = Some(amount);
		}
		let (winning, _) = winners::calculate_winners(&best, 4);
		run_to_block(at(18));
		for (i, ((first, last), amount)) in ranges.iter().zip(amounts).enumerate() {
			let range = winners::range_index(first - 2, last - 2, 4).unwrap();
			let leased = leases(paras[i]);
			if winning.contains(&range) {
				assert_eq!(leased.len() as u32, *last, "para {i} leases up to period {last}");
				assert_eq!(leased[*first as usize - 1], Some((11 + i as AccountId, amount)));
			} else {
				assert!(leased.is_empty(), "para {i} lost");
				assert_eq!(free(11 + i as AccountId), BALANCE);
			}
		}
		// 2..=3 (2 × 160) and 4..=5 (2 × 360) = 1,040 beat the singles' 1,000.
		assert_eq!(winning.len(), 2);
	});
}

#[test]
fn competing_bids() {
	for_each_offset(|| {
		let paras = live_paras(&[1, 2, 3, 4]);
		for (i, para) in paras.iter().take(3).enumerate() {
			create(1 + i as AccountId, *para, 2, 5, 18);
		}
		start(2, 2);
		// Each block of the ending period, another contributor raises one crowdloan or the
		// direct bidder (account 4, for paras[3]) raises its bid.
		for (n, (para, amount)) in [(0, 100), (1, 200), (3, 300), (2, 400), (0, 500), (3, 700)]
			.into_iter()
			.enumerate()
		{
			run_to_block(at(8 + n as u64));
			if para == 3 {
				assert_ok!(bid(4, paras[3], 2, 5, amount));
			} else {
				contribute(10 + n as AccountId, paras[para], amount);
			}
		}
		// Sample 3 (block `at(11)`): paras[2]'s 400 was contributed at `at(11)` but bids at
		// `at(12)`; paras[3]'s direct 300 at `at(10)` leads.
		RandomSeed::set(3);
		run_to_block(at(18));
		assert_eq!(leases(paras[3]).len(), 5);
		assert_eq!(leases(paras[3])[1], Some((4, 300)));
		for para in paras.iter().take(3) {
			assert!(leases(*para).is_empty());
			assert_ok!(Crowdloan::refund(RuntimeOrigin::signed(9), *para));
		}
		for n in 10..=15 {
			assert_eq!(free(n), BALANCE);
		}
	});
}

#[test]
fn basic_swap_works() {
	for_each_offset(|| {
		let paras = live_paras(&[1, 2]);
		let (a, b) = (paras[0], paras[1]);
		create(1, a, 2, 3, at(18));
		contribute(3, a, 500);
		start(2, 2);
		run_to_block(at(26));
		assert_eq!(lifecycle(a), Some(ParaLifecycle::Parachain));
		let a_pot = pot(a);
		// The parachain swaps with the parathread: lease and fund follow.
		assert_ok!(Registrar::swap(RuntimeOrigin::signed(1), a, b));
		assert_ok!(Registrar::swap(RuntimeOrigin::signed(2), b, a));
		assert_eq!(leases(b), vec![Some((a_pot, 500)), Some((a_pot, 500))]);
		assert!(leases(a).is_empty());
		assert_eq!(pot(b), a_pot);
		assert!(pallet_crowdloan::Funds::<Test>::get(a).is_none());
		run_to_block(at(32));
		assert_eq!(lifecycle(b), Some(ParaLifecycle::Parachain));
		assert_eq!(lifecycle(a), Some(ParaLifecycle::Parathread));
		// At the lease end the fund, now under b, refunds.
		run_to_block(at(42));
		assert_ok!(Crowdloan::refund(RuntimeOrigin::signed(9), b));
		assert_eq!(free(3), BALANCE);
	});
}

#[test]
fn parachain_swap_works() {
	for_each_offset(|| {
		let paras = live_paras(&[1, 2]);
		let (a, b) = (paras[0], paras[1]);
		create(1, a, 2, 3, at(18));
		contribute(3, a, 500);
		start(2, 2);
		assert_ok!(bid(2, b, 2, 5, 10));
		run_to_block(at(18));
		// A wins 2..=3 (1,000) over B's 40; B bids again in the next auction for 4..=5.
		assert!(leases(b).is_empty());
		start(2, 4);
		assert_ok!(bid(2, b, 4, 5, 10));
		run_to_block(at(31));
		assert_eq!(lifecycle(a), Some(ParaLifecycle::Parachain));
		let (a_leases, b_leases) = (leases(a), leases(b));
		assert_ok!(Registrar::swap(RuntimeOrigin::signed(1), a, b));
		assert_ok!(Registrar::swap(RuntimeOrigin::signed(2), b, a));
		assert_eq!((leases(a), leases(b)), (b_leases, a_leases));
		assert!(pallet_crowdloan::Funds::<Test>::get(b).is_some());
	});
}

#[test]
fn crowdloan_ending_period_bid() {
	for_each_offset(|| {
		let paras = live_paras(&[1, 2]);
		create(1, paras[0], 2, 5, at(18));
		contribute(3, paras[0], 100);
		start(2, 2);
		assert_ok!(bid(2, paras[1], 2, 5, 200));
		run_to_block(at(9)); // sample 1: the crowdloan bid 100 at `at(8)` and did not lead
		contribute(4, paras[0], 150); // 250 now
		assert_eq!(pallet_crowdloan::NewRaise::<Test>::get(), vec![paras[0]]);
		run_to_block(at(10)); // the next block bids the whole raise
		let range = winners::range_index(0, 3, 4).unwrap() as usize;
		let leader = pallet_auctions::Winning::<Test>::get(2).unwrap()[range];
		assert_eq!(leader, Some((pot(paras[0]), paras[0], 250)));
		assert!(pallet_crowdloan::NewRaise::<Test>::get().is_empty());
	});
}

#[test]
fn auction_bid_requires_registered_para() {
	for_each_offset(|| {
		assert_ok!(Registrar::reserve(RuntimeOrigin::signed(1)));
		let reserved = ParaId(2000);
		start(10, 2);
		assert_noop!(bid(1, reserved, 2, 3, 10), pallet_auctions::Error::<Test>::ParaNotRegistered);
		assert_ok!(Registrar::register(RuntimeOrigin::signed(1), reserved, head(), code()));
		// Onboarding is not registered yet.
		assert_noop!(bid(1, reserved, 2, 3, 10), pallet_auctions::Error::<Test>::ParaNotRegistered);
		run_to_block(6);
		assert_ok!(bid(1, reserved, 2, 3, 10));
	});
}

#[test]
fn gap_bids_work() {
	for_each_offset(|| {
		let paras = live_paras(&[1, 2]);
		start(2, 2);
		assert_ok!(bid(10, paras[0], 2, 2, 100));
		assert_ok!(bid(10, paras[0], 5, 5, 400));
		assert_ok!(bid(11, paras[1], 3, 3, 200));
		assert_eq!(pallet_auctions::ReservedAmounts::<Test>::get((10, paras[0])), Some(400));
		run_to_block(at(18));
		assert_eq!(leases(paras[0]), vec![None, Some((10, 100)), None, None, Some((10, 400))]);
		assert_eq!(leases(paras[1]), vec![None, None, Some((11, 200))]);
		assert_eq!(free(10), BALANCE - 400);
		// Period 2 ends: the deposit stays at 400 for period 5; period 5 ends: all back.
		run_to_block(at(60));
		assert_eq!(free(10), BALANCE);
	});
}

#[test]
fn cant_bid_on_existing_lease_periods() {
	for_each_offset(|| {
		let paras = live_paras(&[1]);
		create(1, paras[0], 2, 3, at(18));
		contribute(3, paras[0], 500);
		start(2, 2);
		run_to_block(at(18));
		assert_eq!(leases(paras[0]).len(), 3);
		// The next auction, of the same slot: the para cannot bid on periods it already leases.
		start(2, 2);
		assert_noop!(bid(3, paras[0], 3, 4, 600), pallet_auctions::Error::<Test>::AlreadyLeasedOut);
		assert_ok!(bid(3, paras[0], 4, 5, 600));
		// Nor can its crowdloan, which already won those periods.
		assert_ok!(Crowdloan::poke(RuntimeOrigin::signed(4), paras[0]));
		run_to_block(at(20)); // the ending period's first block
		let refused: DispatchResult =
			Err(sp_runtime::DispatchError::from(pallet_auctions::Error::<Test>::AlreadyLeasedOut)
				.stripped());
		assert!(crowdloan_events().contains(&pallet_crowdloan::Event::HandleBidResult {
			para_id: paras[0],
			result: refused
		}));
	});
}
