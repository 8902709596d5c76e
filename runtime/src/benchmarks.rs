//! The pallets `relay-node benchmark pallet` can benchmark (our own; the SDK pallets come with
//! the SDK's weights). `scripts/benchmark.sh` runs them and writes `weights/`.

pub use crate::{
	AllPalletsWithSystem, Auctions, Crowdloan, ParaInclusion, Paras, Parathreads, Registrar, Slots,
	ValidatorSet,
};

frame_benchmarking::define_benchmarks!(
	[pallet_validator_set, ValidatorSet]
	[pallet_paras, Paras]
	[pallet_registrar, Registrar]
	[pallet_slots, Slots]
	[pallet_auctions, Auctions]
	[pallet_crowdloan, Crowdloan]
	[pallet_parathreads, Parathreads]
	[pallet_inclusion, ParaInclusion]
);
