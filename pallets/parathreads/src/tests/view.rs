//! The runtime API's answers and the glue trait the scheduler and inclusion use.

use super::*;
use crate::{BidView, ClaimView};

#[test]
fn bids_view_lists_the_book_in_clearing_order_with_its_outcome() {
	ExtBuilder::default().build_and_execute(|| {
		assert!(Parathreads::bids_view().is_empty());
		ParathreadCores::set(2);
		assert_ok!(bid(1, 1, 20));
		assert_ok!(bid(2, 2, 40));
		assert_ok!(bid(3, 3, 30));
		assert_ok!(bid(4, 4, 40));
		set_head(4, 1); // para 4's bid is stale: it cannot win
		let view = Parathreads::bids_view();
		let summary: Vec<_> = view.iter().map(|b| (b.para_id.0, b.fee, b.would_win)).collect();
		assert_eq!(summary, vec![(2, 40, true), (4, 40, false), (3, 30, true), (1, 20, false)]);
		assert_eq!(
			view[0],
			BidView {
				para_id: ParaId(2),
				bidder: 2,
				fee: 40,
				head_hash: head(2, 0),
				would_win: true
			}
		);
	});
}

#[test]
fn bids_view_counts_cores_whose_claims_expire_next_block_as_free() {
	ExtBuilder::default().build_and_execute(|| {
		ParathreadCores::set(1);
		assert_ok!(bid(1, 1, 20));
		next_block(); // para 1 holds core 0 until block 5
		assert_ok!(bid(2, 2, 20));
		assert!(!Parathreads::bids_view()[0].would_win);
		run_to_block(4);
		assert_ok!(bid(2, 2, 20));
		assert!(Parathreads::bids_view()[0].would_win);
	});
}

#[test]
fn claims_view_and_last_clearing_price() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(Parathreads::last_clearing_price(), 0);
		assert_ok!(bid(1, 3, 20));
		assert_ok!(bid(2, 1, 50));
		next_block();
		assert_eq!(Parathreads::last_clearing_price(), 10);
		assert_eq!(
			Parathreads::claims_view(),
			vec![
				(
					0,
					ClaimView {
						para_id: ParaId(1),
						bidder: 2,
						price: 10,
						head_hash: head(1, 0),
						expires_at: 5
					}
				),
				(
					1,
					ClaimView {
						para_id: ParaId(3),
						bidder: 1,
						price: 10,
						head_hash: head(3, 0),
						expires_at: 5
					}
				),
			]
		);
		serve(0, 1);
		assert_eq!(Parathreads::claims_view().len(), 1);
		run_to_block(5);
		assert!(Parathreads::claims_view().is_empty());
	});
}

#[test]
fn glue_trait_reports_pool_size_and_live_claims() {
	ExtBuilder::default().build_and_execute(|| {
		assert_eq!(<Parathreads as ParathreadClaims>::pool_size(), 3);
		assert_ok!(bid(1, 2, 20));
		assert_eq!(Parathreads::claim_on(0), None);
		next_block();
		assert_eq!(Parathreads::claim_on(0), Some(ParaId(2)));
		assert_eq!(Parathreads::claim_on(1), None);
		assert_eq!(Parathreads::claim_on(3), None);
		ParathreadCores::set(5);
		assert_eq!(<Parathreads as ParathreadClaims>::pool_size(), 5);
	});
}
