//! Claims: their lifetime, the full refund of an unserved claim, and the exact payment of a
//! served one (burn and author shares).

use super::*;

#[test]
fn claim_is_live_for_claim_ttl_blocks() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		for block in 2..=4 {
			run_to_block(block);
			assert_eq!(Parathreads::claim_on(0), Some(ParaId(1)), "block {block}");
		}
		run_to_block(5);
		assert_eq!(Parathreads::claim_on(0), None);
	});
}

#[test]
fn unserved_claim_expires_with_a_full_refund() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 20));
		run_to_block(4);
		assert_eq!((held(1), free(1)), (10, 990));
		// A bid placed in block 4 gets the core freed at the start of block 5.
		ParathreadCores::set(1);
		assert_ok!(bid(2, 2, 15));
		let issuance = Balances::total_issuance();
		System::reset_events();
		next_block();
		assert_eq!((held(1), free(1)), (0, 1_000));
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(claim(0), Some((2, 2, 10, 5 + 3)));
		assert_eq!(
			events(),
			vec![
				Event::ClaimExpired { para_id: ParaId(1), pool_core: 0, refunded: 10 },
				Event::BidWon {
					para_id: ParaId(2),
					bidder: 2,
					pool_core: 0,
					price: 10,
					expires_at: 8
				},
			]
		);
	});
}

#[test]
fn served_claim_pays_burn_and_author_shares_exactly() {
	ExtBuilder::default().build_and_execute(|| {
		ParathreadCores::set(1);
		assert_ok!(bid(1, 1, 50));
		assert_ok!(bid(2, 2, 37));
		next_block();
		assert_eq!(claim(0), Some((1, 1, 37, 5)));
		let issuance = Balances::total_issuance();
		System::reset_events();
		serve(0, 1);
		// 80 % of 37 is 29.6: 30 burned (the author's share is rounded down), 7 to the author.
		assert_eq!(Balances::total_issuance(), issuance - 30);
		assert_eq!(free(AUTHOR), 7);
		assert_eq!((held(1), free(1)), (0, 1_000 - 37));
		assert_eq!(claim(0), None);
		assert_eq!(Parathreads::claim_on(0), None);
		assert_eq!(
			events(),
			vec![Event::ClaimServed {
				para_id: ParaId(1),
				pool_core: 0,
				price: 37,
				burned: 30,
				to_author: 7
			}]
		);
	});
}

#[test]
fn served_claim_without_an_author_is_burned() {
	ExtBuilder::default().build_and_execute(|| {
		BlockAuthor::set(None);
		assert_ok!(bid(1, 1, 50));
		next_block();
		let issuance = Balances::total_issuance();
		serve(0, 1);
		assert_eq!(Balances::total_issuance(), issuance - 10);
		assert_eq!(free(1), 990);
		assert!(events().contains(&Event::ClaimServed {
			para_id: ParaId(1),
			pool_core: 0,
			price: 10,
			burned: 10,
			to_author: 0
		}));
	});
}

#[test]
fn author_share_below_the_existential_deposit_is_burned() {
	ExtBuilder::default().build_and_execute(|| {
		ExistentialDeposit::set(5);
		assert_ok!(bid(1, 1, 50));
		next_block();
		let issuance = Balances::total_issuance();
		// The author's share of 10 is 2: too little to create its account.
		serve(0, 1);
		assert_eq!(Balances::total_issuance(), issuance - 10);
		assert_eq!(free(AUTHOR), 0);
		assert!(events().contains(&Event::ClaimServed {
			para_id: ParaId(1),
			pool_core: 0,
			price: 10,
			burned: 10,
			to_author: 0
		}));
	});
}

#[test]
fn all_burned_or_all_to_the_author() {
	ExtBuilder::default().build_and_execute(|| {
		BurnShare::set(sp_runtime::Perbill::zero());
		assert_ok!(bid(1, 1, 50));
		assert_ok!(bid(2, 2, 50));
		next_block();
		let issuance = Balances::total_issuance();
		serve(0, 1);
		assert_eq!(free(AUTHOR), 10);
		assert_eq!(Balances::total_issuance(), issuance);
		BurnShare::set(sp_runtime::Perbill::one());
		serve(1, 2);
		assert_eq!(free(AUTHOR), 10);
		assert_eq!(Balances::total_issuance(), issuance - 10);
	});
}

#[test]
fn serving_anything_but_a_live_claim_changes_nothing() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 50));
		next_block();
		let issuance = Balances::total_issuance();
		System::reset_events();
		serve(0, 2); // another para
		serve(1, 1); // another core
		serve(7, 1); // no such core
		assert_eq!(claim(0), Some((1, 1, 10, 5)));
		assert_eq!(held(1), 10);
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(events().is_empty());
		// Served once only.
		serve(0, 1);
		serve(0, 1);
		assert_eq!(Balances::total_issuance(), issuance - 8);
		assert_eq!(events().len(), 1);
	});
}

#[test]
fn one_para_never_holds_two_cores() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(bid(1, 1, 50));
		next_block();
		// The para's claim is live: no second bid, so no second core, whatever the fee.
		assert_noop!(bid(2, 1, 900), Error::<Test>::AlreadyClaimed);
		assert_ok!(bid(2, 2, 20));
		next_block();
		assert_eq!(ClaimedCore::<Test>::iter().count(), 2);
		assert_eq!(Claims::<Test>::iter().filter(|(_, c)| c.para_id == ParaId(1)).count(), 1);
	});
}
