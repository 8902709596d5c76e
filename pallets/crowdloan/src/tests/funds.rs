//! Polkadot's scenarios (same names) of creating, contributing to, bidding with, editing and poking
//! a fund.

use super::*;

#[test]
fn basic_setup_works() {
	new_test_ext().execute_with(|| {
		assert_eq!(System::block_number(), 1);
		assert_eq!(Funds::<Test>::get(ParaId(2000)), None);
		assert!(NewRaise::<Test>::get().is_empty());
		assert_eq!(Crowdloan::contribution_get(0, &1), (0, vec![]));
		assert_eq!(EndingsCount::<Test>::get(), 0);
		assert_eq!(NextFundIndex::<Test>::get(), 0);

		assert_ok!(TestAuctioneer::new_auction(5, 1));
		assert!(Bids::get().is_empty());
		assert_ok!(TestAuctioneer::place_bid(1, ParaId(2), 1, 3, 6));
		let bid = BidPlaced {
			height: 1,
			bidder: 1,
			para: ParaId(2),
			first_period: 1,
			last_period: 3,
			amount: 6,
		};
		assert_eq!(Bids::get(), vec![bid]);
		assert_eq!(bid_held(1), 6);
		assert_eq!(TestAuctioneer::auction_status(5), AuctionStatus::StartingPeriod);
		assert_eq!(TestAuctioneer::auction_status(6), AuctionStatus::EndingPeriod(0, 0));
		assert_eq!(TestAuctioneer::auction_status(10), AuctionStatus::EndingPeriod(4, 0));
		assert_eq!(TestAuctioneer::auction_status(11), AuctionStatus::NotStarted);
		assert_eq!(TestAuctioneer::lease_period_index(1), Some((0, false)));
		assert_eq!(TestAuctioneer::lease_period_index(20), Some((1, true)));
		// The construct_runtime integrity test runs this too.
		Crowdloan::integrity_test();
	});
}

#[test]
fn create_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 4, 9, None));
		let fund = FundInfo {
			depositor: 1,
			verifier: None,
			deposit: 1,
			raised: 0,
			end: 9,
			cap: 1000,
			last_contribution: LastContribution::Never,
			first_period: 1,
			last_period: 4,
			fund_index: 0,
		};
		assert_eq!(Funds::<Test>::get(para), Some(fund));
		assert_eq!(free(1), 999);
		assert_eq!(deposit_held(1), 1);
		assert!(NewRaise::<Test>::get().is_empty());
		assert_eq!(NextFundIndex::<Test>::get(), 1);
		assert_eq!(FundParas::<Test>::get(0), Some(para));
		// The pot has a provider reference while the fund lives.
		assert_eq!(System::providers(&pot(para)), 1);
		assert_eq!(events(), vec![Event::Created { para_id: para }]);
	});
}

#[test]
fn create_with_verifier_works() {
	new_test_ext().execute_with(|| {
		let verifier = crypto::verifier_key(b"//verifier");
		let para = new_para();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 4, 9, Some(verifier.clone())));
		let fund = Funds::<Test>::get(para).expect("created");
		assert_eq!(fund.verifier, Some(verifier));
		assert_eq!((fund.cap, fund.end, fund.first_period, fund.last_period), (1000, 9, 1, 4));
		assert_eq!(free(1), 999);
		assert_eq!(deposit_held(1), 1);
		assert!(NewRaise::<Test>::get().is_empty());
	});
}

#[test]
fn create_handles_basic_errors() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let create = |who, para, first, last, end| {
			Crowdloan::create(signed(who), para, 1000, first, last, end, None)
		};
		assert_noop!(create(1, ParaId(1), 1, 4, 9), Error::<Test>::InvalidParaId);
		assert_noop!(create(1, para, 4, 1, 9), Error::<Test>::LastPeriodBeforeFirstPeriod);
		assert_noop!(create(1, para, 1, 9, 9), Error::<Test>::LastPeriodTooFarInFuture);
		assert_noop!(
			create(1, para, u32::MAX - 1, u32::MAX, 9),
			Error::<Test>::FirstPeriodTooFarInFuture
		);
		assert_noop!(create(1, para, 1, 4, 1), Error::<Test>::CannotEndInPast);
		assert_noop!(create(1, para, 0, 3, 9), Error::<Test>::FirstPeriodInPast);
		// Ends in lease period 2, bids from period 1.
		assert_noop!(create(1, para, 1, 4, 41), Error::<Test>::EndTooFarInFuture);
		// Only the manager.
		assert_noop!(create(2, para, 1, 4, 9), Error::<Test>::InvalidOrigin);
		// Reserved, not registered.
		TestRegistrar::set(ParaId(3000), 1, TestParaState::Reserved);
		assert_noop!(create(1, ParaId(3000), 1, 4, 9), Error::<Test>::InvalidParaId);
		// A manager without funds for the deposit.
		assert_ok!(TestRegistrar::register(
			1337,
			ParaId(1234),
			HeadData(vec![]),
			ValidationCode(vec![])
		));
		// Onboarding, not live yet.
		assert_noop!(create(1337, ParaId(1234), 1, 3, 9), Error::<Test>::InvalidParaId);
		TestRegistrar::onboard_all();
		assert_noop!(create(1337, ParaId(1234), 1, 3, 9), TokenError::FundsUnavailable);
		// The fund index cannot overflow.
		NextFundIndex::<Test>::put(u32::MAX);
		assert_noop!(create(1, para, 1, 4, 9), Error::<Test>::Overflow);
	});
}

#[test]
fn contribute_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let index = NextFundIndex::<Test>::get();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 4, 9, None));
		assert_eq!(Crowdloan::contribution_get(index, &1).0, 0);

		assert_ok!(Crowdloan::contribute(signed(1), para, 49, None));
		assert_eq!(free(1), 950);
		assert_eq!(Crowdloan::contribution_get(index, &1), (49, vec![]));
		assert_eq!(free(Crowdloan::fund_account_id(index)), 49);
		assert_eq!(NewRaise::<Test>::get(), vec![para]);
		let fund = Funds::<Test>::get(para).expect("created");
		assert_eq!(fund.last_contribution, LastContribution::PreEnding(0));
		assert_eq!(fund.raised, 49);
		assert_eq!(last_event(), Event::Contributed { who: 1, fund_index: para, amount: 49 });
		// Contributions leave the active issuance while in the pot.
		assert_eq!(inactive_issuance(), 49);
	});
}

#[test]
fn contribute_with_verifier_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let index = NextFundIndex::<Test>::get();
		let verifier = crypto::verifier_key(b"//verifier");
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 4, 9, Some(verifier.clone())));

		assert_noop!(
			Crowdloan::contribute(signed(1), para, 49, None),
			Error::<Test>::InvalidSignature
		);
		let valid = crypto::sign(&verifier, &(para, 1 as AccountId, 0u64, 49u64).encode());
		let invalid = MultiSignature::Ed25519(ed25519::Signature::from_raw([0; 64]));
		assert_noop!(
			Crowdloan::contribute(signed(1), para, 49, Some(invalid)),
			Error::<Test>::InvalidSignature
		);
		// A valid signature of other parameters.
		assert_noop!(
			Crowdloan::contribute(signed(1), para, 50, Some(valid.clone())),
			Error::<Test>::InvalidSignature
		);
		assert_noop!(
			Crowdloan::contribute(signed(2), para, 49, Some(valid.clone())),
			Error::<Test>::InvalidSignature
		);
		assert_ok!(Crowdloan::contribute(signed(1), para, 49, Some(valid.clone())));
		// The signature covers the previous contribution, so it cannot be replayed.
		assert_noop!(
			Crowdloan::contribute(signed(1), para, 49, Some(valid)),
			Error::<Test>::InvalidSignature
		);
		let second = crypto::sign(&verifier, &(para, 1 as AccountId, 49u64, 10u64).encode());
		assert_ok!(Crowdloan::contribute(signed(1), para, 10, Some(second)));
		assert_eq!(free(Crowdloan::fund_account_id(index)), 59);
		assert_eq!(raised(para), 59);
	});
}

#[test]
fn contribute_handles_basic_errors() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		assert_noop!(
			Crowdloan::contribute(signed(1), para, 49, None),
			Error::<Test>::InvalidParaId
		);
		assert_noop!(
			Crowdloan::contribute(signed(1), para, 9, None),
			Error::<Test>::ContributionTooSmall
		);

		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 4, 9, None));
		assert_ok!(Crowdloan::contribute(signed(1), para, 101, None));
		assert_noop!(Crowdloan::contribute(signed(2), para, 900, None), Error::<Test>::CapExceeded);
		assert_noop!(
			Crowdloan::contribute(signed(2), para, u64::MAX, None),
			Error::<Test>::Overflow
		);
		// The contributor is kept alive: giving everything needs `contribute_all`.
		let big = new_para();
		assert_ok!(Crowdloan::create(signed(1), big, 100_000, 1, 4, 20, None));
		assert_noop!(Crowdloan::contribute(signed(3), big, 3000, None), TokenError::NotExpendable);
		// More than the contributor has.
		assert_noop!(
			Crowdloan::contribute(signed(3), big, 5000, None),
			TokenError::FundsUnavailable
		);

		run_to_block(9);
		assert_noop!(
			Crowdloan::contribute(signed(1), para, 49, None),
			Error::<Test>::ContributionPeriodOver
		);

		// A fund that has won takes no more contributions.
		let won = new_para();
		assert_ok!(Crowdloan::create(signed(1), won, 1000, 1, 4, 20, None));
		set_winner(won, pot(won), true);
		assert_noop!(
			Crowdloan::contribute(signed(1), won, 49, None),
			Error::<Test>::BidOrLeaseActive
		);
	});
}

#[test]
fn cannot_contribute_during_vrf() {
	new_test_ext().execute_with(|| {
		VrfDelay::set(&5);
		let para = new_para();
		// Ending period: blocks 6..=10; waiting for randomness: 11..=15.
		assert_ok!(TestAuctioneer::new_auction(5, 1));
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 4, 20, None));

		run_to_block(8);
		assert!(TestAuctioneer::auction_status(8).is_ending().is_some());
		assert_ok!(Crowdloan::contribute(signed(2), para, 250, None));

		run_to_block(11);
		assert!(TestAuctioneer::auction_status(11).is_vrf());
		assert_noop!(
			Crowdloan::contribute(signed(2), para, 250, None),
			Error::<Test>::VrfDelayInProgress
		);

		run_to_block(16);
		assert!(!TestAuctioneer::auction_status(16).is_in_progress());
		assert_ok!(Crowdloan::contribute(signed(2), para, 250, None));
	});
}

#[test]
fn bidding_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let index = NextFundIndex::<Test>::get();
		let (first_period, last_period) = (1, 4);
		// Ending period: blocks 6..=10.
		assert_ok!(TestAuctioneer::new_auction(5, 1));
		assert_ok!(Crowdloan::create(signed(1), para, 1000, first_period, last_period, 20, None));
		let bidder = Crowdloan::fund_account_id(index);

		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		run_to_block(3);
		assert_ok!(Crowdloan::contribute(signed(3), para, 150, None));
		run_to_block(6);
		assert_ok!(Crowdloan::contribute(signed(4), para, 200, None));
		run_to_block(9);
		assert_ok!(Crowdloan::contribute(signed(2), para, 250, None));
		run_to_block(11);

		let bid =
			|height, amount| BidPlaced { height, bidder, para, first_period, last_period, amount };
		assert_eq!(Bids::get(), vec![bid(6, 250), bid(7, 450), bid(10, 700)]);
		assert_eq!(EndingsCount::<Test>::get(), 1);
		assert_eq!(bid_held(bidder), 700);
		let results = events()
			.into_iter()
			.filter(|e| matches!(e, Event::HandleBidResult { result: Ok(()), .. }))
			.count();
		assert_eq!(results, 3);

		// The auction is lost: the bid comes back and the contributors are paid back.
		close_auction(&[]);
		run_to_block(20);
		assert_ok!(Crowdloan::refund(signed(1), para));
		assert_eq!((free(2), free(3), free(4)), (2000, 3000, 4000));
	});
}

#[test]
fn cannot_create_fund_when_already_active() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_noop!(
			Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None),
			Error::<Test>::FundNotEnded
		);
	});
}

#[test]
fn edit_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		let old = Funds::<Test>::get(para).expect("created");

		assert_noop!(
			Crowdloan::edit(signed(1), para, 1234, 2, 3, 30, None),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Crowdloan::edit(RuntimeOrigin::root(), ParaId(1), 1234, 2, 3, 30, None),
			Error::<Test>::InvalidParaId
		);
		let verifier = crypto::verifier_key(b"//verifier");
		assert_ok!(Crowdloan::edit(
			RuntimeOrigin::root(),
			para,
			1234,
			2,
			3,
			30,
			Some(verifier.clone())
		));
		let new = Funds::<Test>::get(para).expect("kept");
		assert_eq!(
			(new.depositor, new.deposit, new.raised),
			(old.depositor, old.deposit, old.raised)
		);
		assert_eq!(
			(new.fund_index, new.last_contribution),
			(old.fund_index, old.last_contribution)
		);
		assert_eq!((new.cap, new.first_period, new.last_period, new.end), (1234, 2, 3, 30));
		assert_eq!(new.verifier, Some(verifier));
		assert_eq!(last_event(), Event::Edited { para_id: para });
	});
}

#[test]
fn add_memo_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_noop!(
			Crowdloan::add_memo(signed(1), para, b"hello, world".to_vec()),
			Error::<Test>::NoContributions
		);
		assert_noop!(
			Crowdloan::add_memo(signed(1), ParaId(1), b"hello, world".to_vec()),
			Error::<Test>::InvalidParaId
		);
		assert_ok!(Crowdloan::contribute(signed(1), para, 100, None));
		assert_eq!(Crowdloan::contribution_get(0, &1), (100, vec![]));
		assert_noop!(
			Crowdloan::add_memo(signed(1), para, vec![123; 33]),
			Error::<Test>::MemoTooLarge
		);
		assert_ok!(Crowdloan::add_memo(signed(1), para, vec![7; 32]));
		assert_ok!(Crowdloan::add_memo(signed(1), para, b"hello, world".to_vec()));
		assert_eq!(Crowdloan::contribution_get(0, &1), (100, b"hello, world".to_vec()));
		assert_eq!(
			last_event(),
			Event::MemoUpdated { who: 1, para_id: para, memo: b"hello, world".to_vec() }
		);
		// The memo stays through another contribution, in the trie and the record.
		assert_ok!(Crowdloan::contribute(signed(1), para, 100, None));
		assert_eq!(Crowdloan::contribution_get(0, &1), (200, b"hello, world".to_vec()));
		let record = ContributionRecords::<Test>::get(1, 0).expect("recorded");
		assert_eq!(record.memo.into_inner(), b"hello, world".to_vec());
	});
}

#[test]
fn poke_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		assert_ok!(TestAuctioneer::new_auction(5, 1));
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_noop!(Crowdloan::poke(signed(1), para), Error::<Test>::NoContributions);
		assert_noop!(Crowdloan::poke(signed(1), ParaId(1)), Error::<Test>::InvalidParaId);
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		// The ending period's first block (6) bid and emptied `NewRaise`.
		run_to_block(7);
		assert!(NewRaise::<Test>::get().is_empty());
		assert_ok!(Crowdloan::poke(signed(1), para));
		assert_eq!(NewRaise::<Test>::get(), vec![para]);
		assert_eq!(last_event(), Event::AddedToNewRaise { para_id: para });
		assert_noop!(Crowdloan::poke(signed(1), para), Error::<Test>::AlreadyInNewRaise);
	});
}
