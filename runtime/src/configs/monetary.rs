//! Balances and transaction fees.

use crate::{Balances, Runtime, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason};
use frame_support::{
	parameter_types,
	traits::{
		fungible::{Balanced, Credit},
		ConstU32, Imbalance, OnUnbalanced, VariantCountOf,
	},
	weights::{ConstantMultiplier, IdentityFee},
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use relay_primitives::{
	constants::currency::{CENTS, MILLICENTS},
	AccountId, Balance,
};
use sp_runtime::traits::One;

/// The least balance an account must hold to exist (one cent).
pub const EXISTENTIAL_DEPOSIT: Balance = CENTS;
/// Fee per byte of a transaction's encoding.
pub const TRANSACTION_BYTE_FEE: Balance = 10 * MILLICENTS;
/// How much more operational transactions pay for priority (Polkadot's 5).
pub const OPERATIONAL_FEE_MULTIPLIER: u8 = 5;
/// Most balance locks per account.
pub const MAX_LOCKS: u32 = 50;
/// Most named reserves per account.
pub const MAX_RESERVES: u32 = 50;

parameter_types! {
	pub const ExistentialDeposit: Balance = EXISTENTIAL_DEPOSIT;
	pub const TransactionByteFee: Balance = TRANSACTION_BYTE_FEE;
	pub const OperationalFeeMultiplier: u8 = OPERATIONAL_FEE_MULTIPLIER;
	/// The fee multiplier stays at one: a fee quoted by `payment_queryInfo` is the fee charged.
	/// (Congestion pricing comes with real traffic; see the README.)
	pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_balances::Config for Runtime {
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = frame_system::Pallet<Runtime>;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type MaxLocks = ConstU32<MAX_LOCKS>;
	type MaxReserves = ConstU32<MAX_RESERVES>;
	type ReserveIdentifier = [u8; 8];
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

/// Fees and tips go to the author of the block that includes the transaction (there is no
/// treasury yet); with no known author they are burned.
pub struct ToAuthor;
impl OnUnbalanced<Credit<AccountId, Balances>> for ToAuthor {
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = Credit<AccountId, Balances>>) {
		let Some(mut total) = fees_then_tips.next() else { return };
		for tip in fees_then_tips {
			tip.merge_into(&mut total);
		}
		if let Some(author) = pallet_authorship::Pallet::<Runtime>::author() {
			// Resolving can only fail below the existential deposit; then the credit is dropped
			// (burned), which is what happens without an author too.
			let _ = <Balances as Balanced<AccountId>>::resolve(&author, total);
		}
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, ToAuthor>;
	type OperationalFeeMultiplier = OperationalFeeMultiplier;
	type WeightToFee = IdentityFee<Balance>;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}
