//! Random bids, head changes, lost parathreads, blocks and services, under random settings.
//! After every step the invariants hold and the book equals a model of the bidding rules; after
//! every clearing the winners are the best valid bids and pay one price, at most their own fee;
//! at the end (every claim served or expired) nobody holds anything, every bidder lost exactly
//! the prices of its served claims, and the total issuance fell by exactly what was burned.

use super::*;
use crate::Outcome;
use proptest::prelude::*;
use std::collections::BTreeMap;

const BIDDERS: u64 = 6;

#[derive(Clone, Debug)]
enum Op {
	Bid { who: AccountId, para: u32, fee: Balance, stale: bool },
	NewHead(u32),
	ToggleParathread(u32),
	Serve { core: u32, right_para: bool },
	Author(bool),
	Advance(u64),
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		10 => (1..=BIDDERS, 1..=5u32, 5..=100u64, prop::bool::weighted(0.1))
			.prop_map(|(who, para, fee, stale)| Op::Bid { who, para, fee, stale }),
		1 => (1..=5u32).prop_map(Op::NewHead),
		1 => (1..=5u32).prop_map(Op::ToggleParathread),
		3 => (0..4u32, prop::bool::weighted(0.9))
			.prop_map(|(core, right_para)| Op::Serve { core, right_para }),
		1 => any::<bool>().prop_map(Op::Author),
		3 => (1..=2u64).prop_map(Op::Advance),
	]
}

/// What the test knows from outside the pallet.
#[derive(Default)]
struct Model {
	/// The book by the bidding rules: `(para, bidder, fee)`.
	book: Vec<(u32, AccountId, Balance)>,
	/// Head versions, for new heads.
	heads: BTreeMap<u32, u8>,
	/// The bidder and fee of the bid behind each para's claim.
	won_with: BTreeMap<u32, (AccountId, Balance)>,
	/// What each bidder paid for served claims.
	paid: BTreeMap<AccountId, Balance>,
	burned: Balance,
	to_author: Balance,
}

impl Model {
	/// The outcome of a bid by the rules, applied to the model's book.
	fn bid(&mut self, who: AccountId, para: u32, fee: Balance, valid_head: bool) -> bool {
		let id = ParaId(para);
		if !TestRegistrar::is_parathread(id)
			|| !valid_head
			|| fee < ReservePrice::get()
			|| ClaimedCore::<Test>::contains_key(id)
		{
			return false;
		}
		let mut book = self.book.clone();
		if let Some(at) = book.iter().position(|(p, _, _)| *p == para) {
			if fee <= book[at].2 {
				return false;
			}
			book.remove(at);
		} else if book.len() == MaxBidsPerBlock::get() as usize {
			if fee <= book.last().map_or(0, |b| b.2) {
				return false;
			}
			book.pop();
		}
		let at = book.iter().position(|(_, _, f)| *f < fee).unwrap_or(book.len());
		book.insert(at, (para, who, fee));
		self.book = book;
		true
	}

	/// Checks the clearing of `book` from this block's events.
	fn check_clearing(
		&mut self,
		book: &[(u32, AccountId, Balance)],
		events: &[Event<Test>],
	) -> Result<(), TestCaseError> {
		let mut outcomes = BTreeMap::new();
		let mut won_at = None;
		for event in events {
			match event {
				Event::BidWon { para_id, bidder, pool_core, price, .. } => {
					prop_assert!(won_at.is_none_or(|q| q == *price), "one price for all winners");
					won_at = Some(*price);
					outcomes.insert(para_id.0, (*bidder, Outcome::Won(*pool_core)));
				},
				Event::BidLost { para_id, bidder, reason, .. } => {
					outcomes.insert(para_id.0, (*bidder, Outcome::Lost(*reason)));
				},
				_ => {},
			}
		}
		prop_assert_eq!(outcomes.len(), book.len(), "every bid has one outcome");
		if book.is_empty() {
			return Ok(());
		}
		let reserve = ReservePrice::get();
		let price = LastClearingPrice::<Test>::get();
		let mut highest_outbid = None;
		let mut outbid_seen = false;
		for (para, bidder, fee) in book {
			let (who, outcome) = outcomes[para];
			prop_assert_eq!(who, *bidder);
			match outcome {
				Outcome::Won(_) => {
					prop_assert!(!outbid_seen, "a winner comes after an outbid bid");
					prop_assert!(price <= *fee, "a winner pays more than its fee");
					self.won_with.insert(*para, (*bidder, *fee));
				},
				Outcome::Lost(LossReason::Outbid) => {
					outbid_seen = true;
					highest_outbid = highest_outbid.max(Some(*fee));
				},
				Outcome::Lost(_) => {},
			}
		}
		prop_assert_eq!(price, highest_outbid.unwrap_or(reserve).max(reserve));
		prop_assert!(won_at.is_none_or(|p| p == price), "winners pay the clearing price");
		if outbid_seen {
			let free = (0..ParathreadCores::get()).filter(|c| claim(*c).is_none()).count();
			prop_assert_eq!(free, 0, "a core stays free while a valid bid lost");
		}
		Ok(())
	}

	fn check_services(&mut self, events: &[Event<Test>]) -> Result<(), TestCaseError> {
		for event in events {
			if let Event::ClaimServed { para_id, price, burned, to_author, .. } = event {
				prop_assert_eq!(burned + to_author, *price);
				let won_with = self.won_with.remove(&para_id.0);
				prop_assert!(won_with.is_some(), "a claim served that was never won");
				let (bidder, fee) = won_with.unwrap_or_default();
				prop_assert!(*price <= fee, "a served claim costs more than its bid");
				*self.paid.entry(bidder).or_default() += price;
				self.burned += burned;
				self.to_author += to_author;
			}
		}
		Ok(())
	}
}

fn run(ops: Vec<Op>, cores: u32, max_bids: u32, ttl: u64) -> Result<(), TestCaseError> {
	let mut result = Ok(());
	ExtBuilder::default().build_and_execute(|| {
		ParathreadCores::set(cores);
		MaxBidsPerBlock::set(max_bids);
		ClaimTtl::set(ttl);
		result = run_ops(ops);
	});
	result
}

fn run_ops(ops: Vec<Op>) -> Result<(), TestCaseError> {
	let accounts: Vec<AccountId> = (1..=BIDDERS).chain([AUTHOR]).collect();
	let start: BTreeMap<_, _> = accounts.iter().map(|a| (*a, Balances::total_balance(a))).collect();
	let issuance = Balances::total_issuance();
	let mut model = Model::default();
	System::reset_events();

	let advance = |model: &mut Model, blocks: u64| -> Result<(), TestCaseError> {
		for _ in 0..blocks {
			let book = core::mem::take(&mut model.book);
			next_block();
			let events = take_events();
			for event in &events {
				if let Event::ClaimExpired { para_id, .. } = event {
					model.won_with.remove(&para_id.0);
				}
			}
			model.check_clearing(&book, &events)?;
		}
		Ok(())
	};

	for op in ops {
		match op {
			Op::Bid { who, para, fee, stale } => {
				let version = model.heads.get(&para).copied().unwrap_or(0);
				let named = if stale { version.wrapping_add(1) } else { version };
				let expected = model.bid(who, para, fee, !stale);
				let result = bid_on(who, para, fee, head(para, named));
				prop_assert_eq!(result.is_ok(), expected, "bid {:?}", result);
				prop_assert_eq!(book(), model.book.clone());
				check_invariants();
			},
			Op::NewHead(para) => {
				let version = model.heads.entry(para).or_insert(0);
				*version = version.wrapping_add(1);
				set_head(para, *version);
			},
			Op::ToggleParathread(para) => {
				let id = ParaId(para);
				let toggled = if TestRegistrar::is_parathread(id) {
					TestRegistrar::make_parachain(id)
				} else {
					TestRegistrar::make_parathread(id)
				};
				toggled.expect("paras 1..=5 are in the book, as parathreads or parachains");
			},
			Op::Serve { core, right_para } => {
				let para = match Parathreads::claim_on(core) {
					Some(para) if right_para => para.0,
					_ => 1 + core % 5,
				};
				serve(core, para);
				model.check_services(&take_events())?;
			},
			Op::Author(some) => BlockAuthor::set(some.then_some(AUTHOR)),
			Op::Advance(blocks) => advance(&mut model, blocks)?,
		}
	}
	// Every claim expires: nothing is left on hold.
	advance(&mut model, ClaimTtl::get() + 1)?;
	prop_assert!(book().is_empty());
	prop_assert_eq!(Claims::<Test>::iter().count(), 0);
	for who in &accounts {
		prop_assert_eq!(held(*who), 0);
	}
	prop_assert_eq!(Balances::total_issuance(), issuance - model.burned);
	for who in 1..=BIDDERS {
		let paid = model.paid.get(&who).copied().unwrap_or(0);
		prop_assert_eq!(Balances::total_balance(&who), start[&who] - paid, "bidder {}", who);
	}
	prop_assert_eq!(Balances::total_balance(&AUTHOR), start[&AUTHOR] + model.to_author);
	Ok(())
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(256))]

	#[test]
	fn random_auctions_keep_every_balance_right(
		ops in prop::collection::vec(op(), 1..60),
		cores in 1..=3u32,
		extra_bids in 1..=3u32,
		ttl in 1..=4u64,
	) {
		run(ops, cores, cores + extra_bids, ttl)?;
	}
}
