//! Types of the registrar pallet.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// What the registrar knows of a reserved or registered para. Same shape as Polkadot's.
#[derive(
	Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ParaInfo<AccountId, Balance> {
	/// Who manages the para (reserved the id or registered it).
	pub manager: AccountId,
	/// What the manager has on hold for it.
	pub deposit: Balance,
	/// `Some(true)`: the manager can no longer change the para (only root or the para itself
	/// can). `None`: never set, which counts as unlocked; the first head the para produces
	/// locks it.
	pub locked: Option<bool>,
}

impl<AccountId, Balance> ParaInfo<AccountId, Balance> {
	/// Whether the manager is locked out.
	pub fn is_locked(&self) -> bool {
		self.locked.unwrap_or(false)
	}
}
