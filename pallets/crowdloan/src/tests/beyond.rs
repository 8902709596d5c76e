//! What Polkadot does not have: per-account records, per-account refund events, fund states,
//! the runtime API; and the checks of the pallet's own plumbing (encoded sizes, weights).

use super::*;

#[test]
fn contribution_records_survive_refunds() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		assert_ok!(Crowdloan::create(signed(1), para, 10_000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 50, None));
		assert_ok!(Crowdloan::add_memo(signed(2), para, b"ref".to_vec()));
		assert_ok!(Crowdloan::contribute(signed(3), para, 70, None));
		let record = ContributionRecords::<Test>::get(2, 0).expect("recorded");
		assert_eq!((record.contributed, record.refunded), (150, 0));
		assert_eq!(record.memo.into_inner(), b"ref".to_vec());

		run_to_block(9);
		assert_ok!(Crowdloan::withdraw(signed(4), 2, para));
		assert_ok!(Crowdloan::refund(signed(4), para));
		let record = ContributionRecords::<Test>::get(2, 0).expect("kept after withdraw");
		assert_eq!((record.contributed, record.refunded), (150, 150));
		let record = ContributionRecords::<Test>::get(3, 0).expect("kept after refund");
		assert_eq!((record.contributed, record.refunded), (70, 70));

		// Root extends the fund: the same account contributes again on top of its history.
		assert_ok!(Crowdloan::edit(RuntimeOrigin::root(), para, 10_000, 1, 1, 15, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 30, None));
		let record = ContributionRecords::<Test>::get(2, 0).expect("recorded");
		assert_eq!((record.contributed, record.refunded), (180, 150));

		// Dissolved, the history stays; a new fund of the same para is a new record.
		run_to_block(15);
		assert_ok!(Crowdloan::refund(signed(4), para));
		assert_ok!(Crowdloan::dissolve(signed(1), para));
		assert!(ContributionRecords::<Test>::get(2, 0).is_some());
		assert_ok!(Crowdloan::create(signed(1), para, 10_000, 1, 1, 19, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 10, None));
		let record = ContributionRecords::<Test>::get(2, 1).expect("a new record");
		assert_eq!((record.contributed, record.refunded), (10, 0));
		assert!(record.memo.is_empty());
	});
}

#[test]
fn fund_state_follows_the_fund() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let state = || Crowdloan::fund_state(para).expect("a fund");
		assert_eq!(Crowdloan::fund_state(para), None);
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 2, 15, None));
		let pot = pot(para);
		assert_eq!(state(), FundState::Open);
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_eq!(state(), FundState::Open);

		// Opening period 1..=3, ending period 4..=8.
		assert_ok!(TestAuctioneer::new_auction(3, 1));
		assert_eq!(state(), FundState::Bidding);
		run_to_block(4);
		assert_eq!(bid_held(pot), 100);
		assert_eq!(state(), FundState::Bidding);
		// Bidding is over but the auction keeps the bid on hold without a lease.
		run_to_block(9);
		assert_eq!(state(), FundState::Lost);
		assert_noop!(Crowdloan::withdraw(signed(2), 2, para), Error::<Test>::FundNotEnded);

		close_auction(&[(para, pot)]);
		assert_eq!(state(), FundState::Won { first_period: 1, last_period: 2 });
		assert_noop!(
			Crowdloan::contribute(signed(3), para, 100, None),
			Error::<Test>::BidOrLeaseActive
		);
		run_to_block(60);
		assert_eq!(state(), FundState::Won { first_period: 1, last_period: 2 });
		// The lease is over.
		set_winner(para, pot, false);
		assert_eq!(state(), FundState::Refundable);
		assert_ok!(Crowdloan::refund(signed(3), para));
		assert_eq!(state(), FundState::Dissolvable);
		assert_ok!(Crowdloan::dissolve(signed(3), para));
		assert_eq!(Crowdloan::fund_state(para), None);

		// A lost auction whose bid was released: refundable once the fund ended.
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 4, 4, 70, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_ok!(TestAuctioneer::new_auction(2, 4));
		run_to_block(63);
		assert_eq!(state(), FundState::Bidding);
		close_auction(&[]);
		assert_eq!(state(), FundState::Open);
		run_to_block(70);
		assert_eq!(state(), FundState::Refundable);
	});
}

#[test]
fn runtime_api_helpers_work() {
	new_test_ext().execute_with(|| {
		let para_1 = new_para();
		let para_2 = new_para();
		assert_eq!(Crowdloan::fund_view(para_1), None);
		assert!(Crowdloan::contributions_of(2).is_empty());
		assert_ok!(Crowdloan::create(signed(1), para_1, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::create(signed(1), para_2, 1000, 1, 1, 19, None));
		assert_ok!(Crowdloan::contribute(signed(2), para_2, 30, None));
		assert_ok!(Crowdloan::contribute(signed(2), para_1, 100, None));
		assert_ok!(Crowdloan::add_memo(signed(2), para_1, b"hi".to_vec()));

		let view = Crowdloan::fund_view(para_1).expect("a fund");
		assert_eq!(
			view,
			FundView {
				info: Funds::<Test>::get(para_1).expect("a fund"),
				state: FundState::Open,
				pot: Crowdloan::fund_account_id(0),
			}
		);
		let info = |para_id, fund_index, contributed, refunded, memo: &[u8], fund_state| {
			ContributionInfo {
				para_id,
				fund_index,
				contributed,
				refunded,
				balance: contributed - refunded,
				memo: memo.to_vec(),
				fund_state,
			}
		};
		assert_eq!(
			Crowdloan::contributions_of(2),
			vec![
				info(para_1, 0, 100, 0, b"hi", Some(FundState::Open)),
				info(para_2, 1, 30, 0, b"", Some(FundState::Open)),
			]
		);

		run_to_block(10);
		assert_ok!(Crowdloan::refund(signed(3), para_1));
		assert_eq!(
			Crowdloan::contributions_of(2)[0],
			info(para_1, 0, 100, 100, b"hi", Some(FundState::Dissolvable))
		);
		assert_ok!(Crowdloan::dissolve(signed(3), para_1));
		assert_eq!(
			Crowdloan::contributions_of(2),
			vec![
				info(para_1, 0, 100, 100, b"hi", None),
				info(para_2, 1, 30, 0, b"", Some(FundState::Open)),
			]
		);
	});
}

#[test]
fn contribute_all_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		assert_ok!(Crowdloan::create(signed(1), para, 10_000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute_all(signed(4), para, None));
		assert_eq!(free(4), 0);
		assert!(!System::account_exists(&4));
		assert_eq!(Crowdloan::contribution_get(0, &4).0, 4000);
		assert_eq!(last_event(), Event::Contributed { who: 4, fund_index: para, amount: 4000 });
		// An account with a hold keeps what keeps it alive.
		assert_ok!(Crowdloan::contribute_all(signed(1), para, None));
		assert_eq!(Crowdloan::contribution_get(0, &1).0, 998);
		assert!(System::account_exists(&1));
		// Nothing left to give.
		assert_noop!(
			Crowdloan::contribute_all(signed(4), para, None),
			Error::<Test>::ContributionTooSmall
		);
		// The refund recreates the reaped account.
		run_to_block(9);
		assert_ok!(Crowdloan::refund(signed(2), para));
		assert_eq!(free(4), 4000);
	});
}

#[test]
fn new_raise_holds_each_fund_once() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		assert_ok!(Crowdloan::create(signed(1), para, 10_000, 1, 1, 19, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_ok!(Crowdloan::contribute(signed(3), para, 100, None));
		assert_eq!(NewRaise::<Test>::get(), vec![para]);
		// Ending period 6..=10: block 6 bids and empties it.
		assert_ok!(TestAuctioneer::new_auction(5, 1));
		run_to_block(6);
		assert!(NewRaise::<Test>::get().is_empty());
		// A poke and a contribution in the same block: still once.
		assert_ok!(Crowdloan::poke(signed(2), para));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_eq!(NewRaise::<Test>::get(), vec![para]);
		run_to_block(7);
		assert_eq!(
			Bids::get().iter().map(|bid| (bid.height, bid.amount)).collect::<Vec<_>>(),
			vec![(6, 200), (7, 300)]
		);
		// Dissolving takes the fund out.
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		close_auction(&[]);
		run_to_block(19);
		assert_ok!(Crowdloan::refund(signed(2), para));
		assert_eq!(NewRaise::<Test>::get(), vec![para]);
		assert_ok!(Crowdloan::dissolve(signed(1), para));
		assert!(NewRaise::<Test>::get().is_empty());
	});
}

#[test]
fn fund_info_max_encoded_len_covers_every_verifier() {
	type Info = FundInfo<u64, u64, u64>;
	let info = |verifier| Info {
		depositor: u64::MAX,
		verifier,
		deposit: u64::MAX,
		raised: u64::MAX,
		end: u64::MAX,
		cap: u64::MAX,
		last_contribution: LastContribution::Ending(u64::MAX),
		first_period: u32::MAX,
		last_period: u32::MAX,
		fund_index: u32::MAX,
	};
	let ecdsa = Some(MultiSigner::Ecdsa(ecdsa::Public::from_raw([1; 33])));
	assert_eq!(ecdsa.encoded_size(), MAX_VERIFIER_LEN);
	assert_eq!(info(ecdsa).encoded_size(), Info::max_encoded_len());
	let ed = Some(MultiSigner::Ed25519(ed25519::Public::from_raw([1; 32])));
	assert!(info(ed).encoded_size() < Info::max_encoded_len());
}

#[test]
fn calls_are_charged_their_weights() {
	new_test_ext().execute_with(|| {
		let para = ParaId(2000);
		let weight = |call: crate::Call<Test>| call.get_dispatch_info().call_weight;
		type W = ();
		use crate::Call;
		assert_eq!(
			weight(Call::create {
				index: para,
				cap: 1,
				first_period: 1,
				last_period: 1,
				end: 9,
				verifier: None
			}),
			W::create()
		);
		assert_eq!(
			weight(Call::contribute { index: para, value: 1, signature: None }),
			W::contribute()
		);
		assert_eq!(
			weight(Call::contribute_all { index: para, signature: None }),
			W::contribute_all()
		);
		assert_eq!(weight(Call::withdraw { who: 1, index: para }), W::withdraw());
		assert_eq!(weight(Call::refund { index: para }), W::refund(RemoveKeysLimit::get()));
		assert_eq!(weight(Call::dissolve { index: para }), W::dissolve());
		assert_eq!(
			weight(Call::edit {
				index: para,
				cap: 1,
				first_period: 1,
				last_period: 1,
				end: 9,
				verifier: None
			}),
			W::edit()
		);
		assert_eq!(weight(Call::add_memo { index: para, memo: vec![] }), W::add_memo());
		assert_eq!(weight(Call::poke { index: para }), W::poke());
	});
}
