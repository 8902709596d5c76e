//! Polkadot's scenarios (same names) of withdrawing, refunding, dissolving and swapping a fund.

use super::*;

#[test]
fn withdraw_from_failed_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let index = NextFundIndex::<Test>::get();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_ok!(Crowdloan::contribute(signed(3), para, 50, None));

		run_to_block(10);
		let pot = Crowdloan::fund_account_id(index);
		assert_eq!(Balances::total_balance_on_hold(&pot), 0);
		assert_eq!(free(pot), 150);
		assert_eq!((free(2), free(3)), (1900, 2950));

		assert_ok!(Crowdloan::withdraw(signed(2), 2, para));
		assert_eq!(free(pot), 50);
		assert_eq!(free(2), 2000);
		assert_eq!(
			events()[events().len() - 2..],
			[
				Event::Withdrew { who: 2, fund_index: para, amount: 100 },
				Event::Refunded { who: 2, para_id: para, fund_index: index, amount: 100 },
			]
		);

		assert_ok!(Crowdloan::withdraw(signed(2), 3, para));
		assert_eq!(free(pot), 0);
		assert_eq!(free(3), 3000);
		assert_eq!(raised(para), 0);
		assert_noop!(Crowdloan::withdraw(signed(2), 3, para), Error::<Test>::NoContributions);
		assert_noop!(Crowdloan::withdraw(signed(2), 3, ParaId(1)), Error::<Test>::InvalidParaId);
	});
}

#[test]
fn withdraw_cannot_be_griefed() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let issuance = Balances::total_issuance();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		run_to_block(10);
		let pot = pot(para);

		// Someone sends the pot funds, trying to make an accounting error.
		assert_ok!(Balances::transfer_allow_death(signed(1), pot, 10));
		assert_eq!(free(pot), 110);

		assert_ok!(Crowdloan::withdraw(signed(2), 2, para));
		assert_eq!(free(2), 2000);
		assert_eq!(free(pot), 10);
		// Dissolving burns what is left (Polkadot used to leave it in the pot).
		assert_ok!(Crowdloan::dissolve(signed(1), para));
		assert_eq!(free(pot), 0);
		assert_eq!(Balances::total_issuance(), issuance - 10);
	});
}

#[test]
fn refund_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let index = NextFundIndex::<Test>::get();
		let pot = Crowdloan::fund_account_id(index);
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(1), para, 100, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 200, None));
		assert_ok!(Crowdloan::contribute(signed(3), para, 300, None));
		assert_eq!(free(pot), 600);

		assert_noop!(Crowdloan::refund(signed(1337), para), Error::<Test>::FundNotEnded);
		assert_noop!(Crowdloan::refund(signed(1337), ParaId(1)), Error::<Test>::InvalidParaId);

		run_to_block(10);
		System::reset_events();
		assert_ok!(Crowdloan::refund(signed(1337), para));
		assert_eq!(free(pot), 0);
		// The deposit stays until the fund is dissolved.
		assert_eq!(free(1), 999);
		assert_eq!((free(2), free(3)), (2000, 3000));
		assert_eq!(inactive_issuance(), 0);
		// One event per account paid back, then the fund's.
		let mut paid: Vec<_> = events()
			.into_iter()
			.filter_map(|e| match e {
				Event::Refunded { who, para_id, fund_index, amount } => {
					assert_eq!((para_id, fund_index), (para, index));
					Some((who, amount))
				},
				_ => None,
			})
			.collect();
		paid.sort();
		assert_eq!(paid, vec![(1, 100), (2, 200), (3, 300)]);
		assert_eq!(last_event(), Event::AllRefunded { para_id: para });
	});
}

#[test]
fn multiple_refund_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let pot = Crowdloan::fund_account_id(NextFundIndex::<Test>::get());
		assert_ok!(Crowdloan::create(signed(1), para, 100_000, 1, 1, 9, None));
		let limit = RemoveKeysLimit::get() as u128;
		for i in 1..=limit * 2 {
			Balances::set_balance(&i, 1000 * i as u64);
			assert_ok!(Crowdloan::contribute(signed(i), para, i as u64 * 100, None));
		}
		assert_eq!(free(pot), 21_000);

		run_to_block(10);
		let call = RuntimeCall::Crowdloan(crate::Call::refund { index: para });
		let charged = call.get_dispatch_info().call_weight;
		assert_eq!(charged, <() as WeightInfo>::refund(RemoveKeysLimit::get()));
		let info = call.clone().dispatch_bypass_filter(signed(1337)).expect("refunds");
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::refund(10)));
		assert_eq!(last_event(), Event::PartiallyRefunded { para_id: para });
		assert_eq!(free(pot), raised(para));
		assert!(raised(para) > 0);

		assert_ok!(Crowdloan::refund(signed(1337), para));
		assert_eq!(last_event(), Event::AllRefunded { para_id: para });
		assert_eq!(free(pot), 0);
		for i in 1..=limit * 2 {
			assert_eq!(free(i), i as u64 * 1000);
		}
		// A refund with nobody left pays nothing and is charged accordingly.
		let info = call.dispatch_bypass_filter(signed(1337)).expect("refunds");
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::refund(0)));
	});
}

#[test]
fn refund_and_dissolve_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let issuance = Balances::total_issuance();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_ok!(Crowdloan::contribute(signed(3), para, 50, None));

		run_to_block(10);
		assert_ok!(Crowdloan::refund(signed(2), para));
		assert_ok!(Crowdloan::dissolve(signed(1), para));
		assert_eq!((free(1), free(2), free(3)), (1000, 2000, 3000));
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(last_event(), Event::Dissolved { para_id: para });
	});
}

#[test]
fn dissolve_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let issuance = Balances::total_issuance();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_ok!(Crowdloan::contribute(signed(3), para, 50, None));

		// Funds are in it.
		assert_noop!(Crowdloan::dissolve(signed(1), para), Error::<Test>::NotReadyToDissolve);
		assert_noop!(Crowdloan::dissolve(signed(1), ParaId(1)), Error::<Test>::InvalidParaId);

		run_to_block(10);
		set_winner(para, pot(para), true);
		assert_noop!(Crowdloan::dissolve(signed(1), para), Error::<Test>::NotReadyToDissolve);
		set_winner(para, pot(para), false);
		assert_noop!(Crowdloan::dissolve(signed(1), para), Error::<Test>::NotReadyToDissolve);

		assert_ok!(Crowdloan::refund(signed(2), para));
		assert_ok!(Crowdloan::dissolve(signed(1), para));
		assert_eq!((free(1), free(2), free(3)), (1000, 2000, 3000));
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(Funds::<Test>::get(para), None);
		assert_eq!(deposit_held(1), 0);
	});
}

#[test]
fn withdraw_from_finished_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let pot = Crowdloan::fund_account_id(NextFundIndex::<Test>::get());
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_ok!(Crowdloan::contribute(signed(3), para, 50, None));
		// Won: slots hold the pot's funds for the lease.
		set_winner(para, pot, true);

		run_to_block(39);
		assert_noop!(Crowdloan::withdraw(signed(2), 2, para), Error::<Test>::BidOrLeaseActive);
		assert_noop!(Crowdloan::refund(signed(2), para), Error::<Test>::BidOrLeaseActive);

		// The lease (period 1) is over.
		run_to_block(40);
		set_winner(para, pot, false);
		assert_eq!(Balances::total_balance_on_hold(&pot), 0);
		assert_eq!(free(pot), 150);
		assert_ok!(Crowdloan::withdraw(signed(2), 2, para));
		assert_eq!((free(pot), free(2)), (50, 2000));
		assert_ok!(Crowdloan::withdraw(signed(2), 3, para));
		assert_eq!((free(pot), free(3)), (0, 3000));
	});
}

#[test]
fn on_swap_works() {
	new_test_ext().execute_with(|| {
		let para_1 = new_para();
		let para_2 = new_para();
		let para_3 = new_para();
		assert_ok!(Crowdloan::create(signed(1), para_1, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::create(signed(1), para_2, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(2), para_1, 100, None));
		assert_ok!(Crowdloan::contribute(signed(3), para_2, 50, None));
		assert_eq!(NewRaise::<Test>::get(), vec![para_1, para_2]);

		Crowdloan::on_swap(para_1, para_2);
		assert_eq!(raised(para_2), 100);
		assert_eq!(raised(para_1), 50);
		assert_eq!(FundParas::<Test>::get(0), Some(para_2));
		assert_eq!(FundParas::<Test>::get(1), Some(para_1));
		assert_eq!(NewRaise::<Test>::get(), vec![para_2, para_1]);
		assert_eq!(Crowdloan::contributions_of(2)[0].para_id, para_2);

		// With a para that has no fund, the fund just moves.
		Crowdloan::on_swap(para_3, para_1);
		assert_eq!(Funds::<Test>::get(para_1), None);
		assert_eq!(raised(para_3), 50);
		assert_eq!(FundParas::<Test>::get(1), Some(para_3));
		assert_eq!(NewRaise::<Test>::get(), vec![para_2, para_3]);
		Crowdloan::do_try_state().expect("invariants hold");
	});
}

// The SDK's regression test of polkadot-sdk#3707: a pot with only the balances pallet's
// provider reference (from before the currency migration) can be dissolved, and the issuance
// is unchanged.
#[test]
fn dissolve_provider_refs_ti_works() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let issuance = Balances::total_issuance();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_ok!(Crowdloan::contribute(signed(3), para, 50, None));
		run_to_block(10);
		let pot = pot(para);
		assert_eq!(System::providers(&pot), 2);
		assert_ok!(System::dec_providers(&pot));
		assert_eq!(System::providers(&pot), 1);

		assert_ok!(Crowdloan::refund(signed(2), para));
		assert_ok!(Crowdloan::dissolve(signed(1), para));
		assert_eq!((free(1), free(2), free(3)), (1000, 2000, 3000));
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(System::providers(&pot), 0);
		assert!(!System::account_exists(&pot));
	});
}
