//! A runtime for the crowdloan tests: frame-system, balances and the crowdloan pallet, with a
//! mock registry and a mock auctioneer whose state lives in storage (so every test, proptest
//! case and benchmark run starts afresh). Lease periods last 20 blocks from `LeaseOffset` (0),
//! a slot is 8 periods, an auction's ending period lasts `EndingPeriod` (5) blocks with one
//! sample per block, then waits `VrfDelay` (0) blocks for randomness. The mock auctioneer holds
//! bids in the bidder's account, as the real one does.

use crate as pallet_crowdloan;
use codec::{Decode, Encode};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{Inspect, InspectHold, MutateHold},
		tokens::Precision,
	},
	PalletId,
};
use relay_primitives::{
	traits::{AuctionStatus, Auctioneer},
	LeasePeriodIndex, ParaId,
};
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::DispatchResult;
use std::collections::BTreeSet;

/// A pallet that only gives the mock auctioneer a hold reason of its own.
#[frame_support::pallet]
pub mod mock_auctions {
	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	/// Why the mock auctioneer holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A bid, or the lease it won.
		Bid,
	}
}

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Auctions: mock_auctions,
		Crowdloan: pallet_crowdloan,
	}
);

/// Accounts are `u128`, wide enough for the pots (`modl` ++ pallet id ++ fund index, 16 bytes):
/// with `u64` every fund would share one pot.
pub type AccountId = u128;

relay_test_utils::impl_frame_system!(Test, balance: u64, account: AccountId);

impl mock_auctions::Config for Test {}

/// A bid the mock auctioneer received.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct BidPlaced {
	pub height: u64,
	pub bidder: AccountId,
	pub para: ParaId,
	pub first_period: LeasePeriodIndex,
	pub last_period: LeasePeriodIndex,
	pub amount: u64,
}

parameter_types! {
	/// The running auction: its first lease period and the first block of its ending period.
	pub storage Auction: Option<(LeasePeriodIndex, u64)> = None;
	pub storage EndingPeriod: u64 = 5;
	pub storage VrfDelay: u64 = 0;
	pub storage LeaseOffset: u64 = 0;
	pub storage Bids: Vec<BidPlaced> = Vec::new();
	/// `(para, bidder)` pairs holding a lease.
	pub storage Won: BTreeSet<(ParaId, AccountId)> = BTreeSet::new();
}

/// The lease period length.
pub const LEASE_PERIOD: u64 = 20;

// The registry: managers and where each para stands (reserved, onboarding, live).
relay_test_utils::impl_test_registrar!(TestRegistrar, AccountId);

fn bid_reason() -> RuntimeHoldReason {
	mock_auctions::HoldReason::Bid.into()
}

/// What the mock auctioneer holds of `who`.
pub fn bid_held(who: AccountId) -> u64 {
	Balances::balance_on_hold(&bid_reason(), &who)
}

/// An auctioneer driven by the tests.
pub struct TestAuctioneer;
impl Auctioneer<u64> for TestAuctioneer {
	type AccountId = AccountId;
	type Balance = u64;

	fn new_auction(duration: u64, lease_period_index: LeasePeriodIndex) -> DispatchResult {
		Auction::set(&Some((lease_period_index, System::block_number() + duration)));
		Ok(())
	}

	fn auction_status(now: u64) -> AuctionStatus<u64> {
		let Some((_, early_end)) = Auction::get() else { return AuctionStatus::NotStarted };
		let Some(after) = now.checked_sub(early_end) else { return AuctionStatus::StartingPeriod };
		if after < EndingPeriod::get() {
			return AuctionStatus::EndingPeriod(after, 0);
		}
		let waited = after - EndingPeriod::get();
		if waited < VrfDelay::get() {
			AuctionStatus::VrfDelay(waited)
		} else {
			AuctionStatus::NotStarted
		}
	}

	/// Records the bid and holds what the bidder does not hold yet.
	fn place_bid(
		bidder: AccountId,
		para: ParaId,
		first_period: LeasePeriodIndex,
		last_period: LeasePeriodIndex,
		amount: u64,
	) -> DispatchResult {
		let extra = amount.saturating_sub(bid_held(bidder));
		if extra > 0 {
			Balances::hold(&bid_reason(), &bidder, extra)?;
		}
		let height = System::block_number();
		let mut bids = Bids::get();
		bids.push(BidPlaced { height, bidder, para, first_period, last_period, amount });
		Bids::set(&bids);
		Ok(())
	}

	fn lease_period_length() -> (u64, u64) {
		(LEASE_PERIOD, LeaseOffset::get())
	}

	fn lease_period_index(block: u64) -> Option<(LeasePeriodIndex, bool)> {
		let since = block.checked_sub(LeaseOffset::get())?;
		Some(((since / LEASE_PERIOD) as u32, since % LEASE_PERIOD == 0))
	}

	fn lease_periods_per_slot() -> u32 {
		8
	}

	fn has_won_an_auction(para: ParaId, bidder: &AccountId) -> bool {
		Won::get().contains(&(para, *bidder))
	}
}

/// Ends the auction: `winners` keep their bids on hold as their lease; every other bidder that
/// holds no lease gets its bids back.
pub fn close_auction(winners: &[(ParaId, AccountId)]) {
	Auction::set(&None);
	let mut won = Won::get();
	won.extend(winners.iter().copied());
	Won::set(&won);
	let bids = Bids::get();
	Bids::set(&Vec::new());
	let losers: BTreeSet<AccountId> = bids
		.into_iter()
		.map(|bid| bid.bidder)
		.filter(|bidder| !won.iter().any(|(_, winner)| winner == bidder))
		.collect();
	for bidder in losers {
		release_bid(bidder);
	}
}

/// Emulates winning (all of `who`'s free balance goes on hold as the lease deposit) or the lease
/// ending (everything is released).
pub fn set_winner(para: ParaId, who: AccountId, winner: bool) {
	let mut won = Won::get();
	if winner {
		won.insert((para, who));
		let free = Balances::balance(&who);
		if free > 0 {
			Balances::hold(&bid_reason(), &who, free).expect("the pot can hold all its balance");
		}
	} else {
		won.remove(&(para, who));
		release_bid(who);
	}
	Won::set(&won);
}

fn release_bid(who: AccountId) {
	let held = bid_held(who);
	if held > 0 {
		Balances::release(&bid_reason(), &who, held, Precision::Exact).expect("held above");
	}
}

parameter_types! {
	pub const CrowdloanPalletId: PalletId = PalletId(*b"py/cfund");
	pub const SubmissionDeposit: u64 = 1;
	pub const MinContribution: u64 = 10;
	pub const RemoveKeysLimit: u32 = 10;
	pub const MaxMemoLength: u32 = 32;
}

impl pallet_crowdloan::Config for Test {
	type PalletId = CrowdloanPalletId;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type SubmissionDeposit = SubmissionDeposit;
	type MinContribution = MinContribution;
	type RemoveKeysLimit = RemoveKeysLimit;
	type MaxMemoLength = MaxMemoLength;
	type Registrar = TestRegistrar;
	type Auctioneer = TestAuctioneer;
	type WeightInfo = ();
	type EditOrigin = frame_system::EnsureRoot<<Test as frame_system::Config>::AccountId>;
}

/// Accounts 1..=4 hold `1000 × account`; block 1; a keystore for verifier keys.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let balances = vec![(1, 1000), (2, 2000), (3, 3000), (4, 4000)];
	let mut ext = relay_test_utils::balances_ext!(balances);
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// For the benchmark tests.
#[cfg(feature = "runtime-benchmarks")]
pub fn new_bench_ext() -> sp_io::TestExternalities {
	new_test_ext()
}

/// Runs blocks up to `n`, checking the pallet's invariants after each.
pub fn run_to_block(n: u64) {
	relay_test_utils::run_to_block::<Test, Crowdloan>(n, || {
		Crowdloan::do_try_state().expect("crowdloan invariants hold")
	});
}
