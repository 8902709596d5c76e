//! The fixes over Polkadot, each against the issue it fixes.

use super::*;

// polkadot-sdk#4314: a fund whose first period is the current one can never win.
#[test]
fn create_refuses_funds_that_can_never_win() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		run_to_block(25); // lease period 1
		assert_noop!(
			Crowdloan::create(signed(1), para, 1000, 1, 2, 39, None),
			Error::<Test>::FirstPeriodInPast
		);
		// Contributions must end before the first period starts (block 40).
		assert_noop!(
			Crowdloan::create(signed(1), para, 1000, 2, 3, 41, None),
			Error::<Test>::EndTooFarInFuture
		);
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 2, 3, 40, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		run_to_block(40);
		assert_noop!(
			Crowdloan::contribute(signed(2), para, 100, None),
			Error::<Test>::ContributionPeriodOver
		);
	});
}

// Before the lease offset there is no lease period yet: period 0 can be raised for, and
// contributions are taken (Polkadot refused them with `NoLeasePeriod`).
#[test]
fn funds_work_before_the_first_lease_period() {
	new_test_ext().execute_with(|| {
		LeaseOffset::set(&100);
		let para = new_para();
		assert_eq!(TestAuctioneer::lease_period_index(1), None);
		assert_noop!(
			Crowdloan::create(signed(1), para, 1000, 0, 1, 101, None),
			Error::<Test>::EndTooFarInFuture
		);
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 0, 1, 100, None));
		assert_ok!(Crowdloan::contribute(signed(2), para, 100, None));
		assert_noop!(Crowdloan::withdraw(signed(2), 2, para), Error::<Test>::FundNotEnded);
		run_to_block(100);
		assert_ok!(Crowdloan::withdraw(signed(2), 2, para));
	});
}

// `edit` checks the new terms with the same function as `create`: same errors, same order.
#[test]
fn edit_checks_terms_like_create() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let other = new_para();
		assert_ok!(Crowdloan::create(signed(1), other, 1000, 1, 1, 9, None));
		let cases: [(u32, u32, u64, DispatchError); 6] = [
			(4, 1, 9, Error::<Test>::LastPeriodBeforeFirstPeriod.into()),
			(1, 9, 9, Error::<Test>::LastPeriodTooFarInFuture.into()),
			(u32::MAX - 1, u32::MAX, 9, Error::<Test>::FirstPeriodTooFarInFuture.into()),
			(1, 4, 1, Error::<Test>::CannotEndInPast.into()),
			(0, 3, 9, Error::<Test>::FirstPeriodInPast.into()),
			(1, 4, 21, Error::<Test>::EndTooFarInFuture.into()),
		];
		for (first, last, end, error) in cases {
			assert_noop!(Crowdloan::create(signed(1), para, 1000, first, last, end, None), error);
			assert_noop!(
				Crowdloan::edit(RuntimeOrigin::root(), other, 1000, first, last, end, None),
				error
			);
		}
		assert_ok!(Crowdloan::edit(RuntimeOrigin::root(), other, 1000, 1, 8, 20, None));
	});
}

// polkadot-sdk#3707 and polkadot#2664.
#[test]
fn dissolve_burns_dust_and_is_the_depositors_before_end() {
	new_test_ext().execute_with(|| {
		let para = new_para();
		let issuance = Balances::total_issuance();
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		let pot = pot(para);
		assert_ok!(Balances::transfer_allow_death(signed(3), pot, 7));
		// Before `end`, only the depositor.
		assert_noop!(Crowdloan::dissolve(signed(2), para), Error::<Test>::NotReadyToDissolve);
		assert_ok!(Crowdloan::dissolve(signed(1), para));
		assert_eq!(Balances::total_issuance(), issuance - 7);
		assert_eq!(System::providers(&pot), 0);
		assert!(!System::account_exists(&pot));
		assert_eq!(deposit_held(1), 0);

		// From `end` on, anyone.
		assert_ok!(Crowdloan::create(signed(1), para, 1000, 1, 1, 9, None));
		run_to_block(9);
		assert_ok!(Crowdloan::dissolve(signed(2), para));
		assert_eq!(free(1), 1000);
	});
}
