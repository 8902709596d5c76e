//! Benchmarks of the inclusion pallet (frame-benchmarking v2): the inherent with `c` candidates
//! of one vote each, the inherent with one candidate of `v` votes, and both hooks of a block.
//!
//! Every candidate is fully valid and enacted (head updated, events deposited); votes are real
//! sr25519 signatures by keys generated in the benchmark's keystore.

// A benchmark whose set-up cannot build its worst case is broken: it panics and says why.
#![allow(clippy::expect_used)]

use sp_runtime::SaturatedConversion;

use super::*;
use alloc::collections::BTreeMap;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{Get, Hooks},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use frame_system::RawOrigin;
use pallet_paras::ParaGenesisArgs;
use relay_primitives::{
	signing_payload, CandidateCommitments, CandidateDescriptor, CommittedCandidateReceipt,
	CompactStatement, CoreIndex, DescriptorFields, HeadData, Header, ParaId, ParaKind,
	ParachainsInherentData, SigningContext, ValidationCode, ValidatorIndex, ValidityAttestation,
};
use sp_runtime::{
	traits::{Header as _, One},
	RuntimeAppPublic,
};

/// The most candidates in one inherent measured.
const MAX_CANDIDATES: u32 = 10;
/// The most votes on one candidate measured.
const MAX_VOTES: u32 = 10;
/// Benchmark paras get ids from here on, clear of those a chain spec registers at genesis.
const FIRST_BENCH_ID: u32 = 1_000_000;
/// A WebAssembly module header: the benchmark paras' code, and the start of their new code.
const WASM_HEADER: [u8; 8] = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
/// The smallest new code measured: the header and one byte (new code must differ).
const MIN_NEW_CODE: u32 = 9;

/// The size of every head (parent and new), unless `MaxHeadSize` is smaller.
const HEAD_SIZE: u32 = 32;

/// A head of the benchmark size filled with `byte`.
fn head<T: Config>(byte: u8) -> HeadData {
	let size = HEAD_SIZE.min(<T as pallet_paras::Config>::MaxHeadSize::get());
	HeadData(vec![byte; size as usize])
}

/// Makes `paras` new parachains, then `group_size` validators per core (so every core has its
/// own group of that size), a parent block and a full list of relay parents ending with it (so
/// `enter` drops the oldest and records the parent again: the most work); returns the new paras
/// with their cores, and the parent's header for the inherent data.
fn setup<T: Config>(paras: u32, group_size: u32) -> (Vec<(ParaId, CoreIndex)>, Header) {
	let code = ValidationCode(WASM_HEADER.to_vec());
	for i in 0..paras {
		let genesis = ParaGenesisArgs {
			genesis_head: head::<T>(1),
			validation_code: code.clone(),
			para_kind: ParaKind::Parachain,
		};
		pallet_paras::Pallet::<T>::initialize_para_now(
			ParaId(FIRST_BENCH_ID.saturating_add(i)),
			genesis,
		)
		.expect("a new parachain");
	}
	let cores = Pallet::<T>::core_assignments();
	let keys = (0..cores.len().saturated_into::<u32>().saturating_mul(group_size))
		.map(|_| ValidatorId::generate_pair(None))
		.collect();
	Pallet::<T>::set_active_validators(keys);

	let bound = T::AllowedRelayParents::get();
	let parent_header = Header::new(
		bound,
		Hash::zero(),
		Hash::repeat_byte(7),
		Hash::repeat_byte(6),
		Default::default(),
	);
	// This block is `bound + 1`, so `bound` relay parents fit below it.
	frame_system::Pallet::<T>::set_block_number(bound.into());
	let now: BlockNumberFor<T> = bound.saturating_add(1).into();
	frame_system::Pallet::<T>::initialize(&now, &parent_header.hash(), &Default::default());
	let parents: Vec<_> = (1..=bound)
		.map(|number| RelayParentInfo {
			hash: if number == bound {
				parent_header.hash()
			} else {
				Hash::from_low_u64_be(u64::from(number))
			},
			number,
			storage_root: if number == bound { parent_header.state_root } else { Hash::zero() },
		})
		.collect();
	RelayParents::<T>::put(BoundedVec::truncate_from(parents));

	let paras = cores
		.iter()
		.zip(0u32..)
		.filter_map(|(core, index)| match core {
			CoreAssignment::Parachain(para) if para.0 >= FIRST_BENCH_ID => {
				Some((*para, CoreIndex(index)))
			},
			_ => None,
		})
		.collect();
	(paras, parent_header)
}

/// The inherent data with `candidates` on the parent `setup` made.
fn data(backed_candidates: Vec<BackedCandidate>, parent_header: Header) -> ParachainsInherentData {
	ParachainsInherentData { backed_candidates, parent_header }
}

/// A valid candidate of `para` on `core`, signed by the first `votes` validators of its group.
fn backed<T: Config>(para: ParaId, core: CoreIndex, votes: u32) -> BackedCandidate {
	backed_with_code::<T>(para, core, votes, None)
}

/// [`backed`], with new validation code.
fn backed_with_code<T: Config>(
	para: ParaId,
	core: CoreIndex,
	votes: u32,
	new_validation_code: Option<ValidationCode>,
) -> BackedCandidate {
	let relay_parent = RelayParents::<T>::get().last().copied().expect("set up");
	let pvd = Pallet::<T>::persisted_validation_data(para, relay_parent.hash).expect("a para");
	let head = head::<T>(2);
	let descriptor = CandidateDescriptor::new(DescriptorFields {
		para_id: para,
		relay_parent: relay_parent.hash,
		core_index: core,
		session_index: T::SessionIndex::get(),
		persisted_validation_data_hash: pvd.hash(),
		pov_hash: Hash::repeat_byte(0xaa),
		erasure_root: Hash::repeat_byte(0xee),
		para_head: head.hash(),
		validation_code_hash: pallet_paras::CurrentCodeHash::<T>::get(para)
			.expect("a para has code"),
	})
	.expect("the core fits");
	let commitments = CandidateCommitments::new(head, new_validation_code, relay_parent.number);
	let candidate = CommittedCandidateReceipt { descriptor, commitments };
	let groups = Pallet::<T>::validator_groups();
	let group =
		Pallet::<T>::group_assigned_to_core(core, groups.len().saturated_into()).expect("groups");
	let group = groups.get(group.0 as usize).expect("the core's group exists");
	let keys = ActiveValidatorKeys::<T>::get();
	let payload = signing_payload(
		&CompactStatement::Valid(candidate.hash()),
		&SigningContext { session_index: T::SessionIndex::get(), parent_hash: relay_parent.hash },
	);
	let votes: BTreeMap<ValidatorIndex, ValidityAttestation> = group
		.iter()
		.take(votes as usize)
		.map(|v| {
			let key = keys.get(v.0 as usize).expect("a voter has a key");
			(
				*v,
				ValidityAttestation::Explicit(
					key.sign(&payload).expect("the key is in the keystore"),
				),
			)
		})
		.collect();
	BackedCandidate::from_votes(candidate, group, &votes)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// `enter` with `c` candidates on `c` parachain cores, one vote each.
	#[benchmark]
	fn enter_candidates(c: Linear<0, MAX_CANDIDATES>) {
		let (paras, parent) = setup::<T>(c, 1);
		let candidates: Vec<_> =
			paras.into_iter().map(|(para, core)| backed::<T>(para, core, 1)).collect();
		let paras: Vec<_> = candidates.iter().map(|b| b.candidate.descriptor.para_id).collect();

		#[extrinsic_call]
		enter(RawOrigin::None, data(candidates, parent));

		for para in paras {
			assert_eq!(pallet_paras::Heads::<T>::get(para), Some(head::<T>(2)));
		}
	}

	/// `enter` with one candidate signed by `v` validators of its group.
	#[benchmark]
	fn enter_votes(v: Linear<1, MAX_VOTES>) {
		let (paras, parent) = setup::<T>(1, v);
		let (para, core) = *paras.first().expect("one new parachain");
		let candidate = backed::<T>(para, core, v);
		assert_eq!(candidate.vote_count(), v as usize);

		#[extrinsic_call]
		enter(RawOrigin::None, data(vec![candidate], parent));

		assert_eq!(pallet_paras::Heads::<T>::get(para), Some(head::<T>(2)));
	}

	/// `enter` with one candidate (one vote) that upgrades its code to `b` bytes: the code is
	/// checked, hashed and stored, and the upgrade scheduled through `pallet_paras`.
	#[benchmark]
	fn enter_code_upgrade(
		b: Linear<MIN_NEW_CODE, { <T as pallet_paras::Config>::MaxCodeSize::get() }>,
	) {
		let (paras, parent) = setup::<T>(1, 1);
		let (para, core) = *paras.first().expect("one new parachain");
		let mut code = WASM_HEADER.to_vec();
		code.resize(b as usize, 1);
		let candidate = backed_with_code::<T>(para, core, 1, Some(ValidationCode(code)));

		#[extrinsic_call]
		enter(RawOrigin::None, data(vec![candidate], parent));

		assert!(pallet_paras::FutureCodeUpgrades::<T>::contains_key(para));
	}

	/// Both hooks of a block: `on_finalize` checks that `enter` ran (recording the parent is
	/// part of `enter`).
	#[benchmark]
	fn on_initialize() {
		Included::<T>::put(());
		let now = frame_system::Pallet::<T>::block_number().max(One::one());

		#[block]
		{
			Pallet::<T>::on_initialize(now);
			Pallet::<T>::on_finalize(now);
		}

		assert!(!Included::<T>::exists());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_bench_ext(), crate::mock::Test);
}
