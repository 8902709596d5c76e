//! Types of the paras pallet.

use codec::{Decode, DecodeWithMemTracking, Encode};
use relay_primitives::{HeadData, ParaKind, ValidationCode};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// What a para starts with when it is onboarded.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct ParaGenesisArgs {
	/// The head the first block is built on.
	pub genesis_head: HeadData,
	/// The validation code.
	pub validation_code: ValidationCode,
	/// Whether it starts as a parathread or a parachain.
	pub para_kind: ParaKind,
}

/// Why a head or code is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(clippy::cast_possible_truncation)] // The SCALE derives cast variant indices.
pub enum DataError {
	/// The code is longer than `MaxCodeSize`.
	CodeTooLarge,
	/// The code does not start like a WebAssembly module.
	InvalidCode,
	/// The head is longer than `MaxHeadSize`.
	HeadDataTooLarge,
}

/// Implements `From<DataError>` for the `Error<T>` of the pallet where it is invoked, whose
/// variants `CodeTooLarge`, `InvalidCode` and `HeadDataTooLarge` say the same as `DataError`'s
/// (paras, registrar and inclusion each keep Polkadot's error names): the one mapping.
#[macro_export]
macro_rules! impl_from_data_error {
	() => {
		impl<T: Config> From<$crate::DataError> for Error<T> {
			fn from(e: $crate::DataError) -> Self {
				match e {
					$crate::DataError::CodeTooLarge => Error::<T>::CodeTooLarge,
					$crate::DataError::InvalidCode => Error::<T>::InvalidCode,
					$crate::DataError::HeadDataTooLarge => Error::<T>::HeadDataTooLarge,
				}
			}
		}
	};
}
