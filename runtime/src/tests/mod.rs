//! Runtime-level tests: the genesis presets build, the validator set changes at session
//! boundaries through the real session, BABE and GRANDPA pallets, and fees are charged as quoted.

use crate::{
	configs::EPOCH_DURATION_IN_BLOCKS, genesis_config_presets, AllPalletsWithSystem, Auctions,
	Babe, Balances, Crowdloan, Grandpa, ParaInclusion, Paras, Registrar, Runtime, RuntimeCall,
	RuntimeGenesisConfig, RuntimeOrigin, Session, SessionKeys, Slots, Sudo, System, ValidatorSet,
};
use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	traits::{OnFinalize, OnInitialize},
};
use relay_primitives::{HeadData, ParaId, ValidationCode};
use sp_consensus_babe::{
	digests::{PreDigest, SecondaryPlainPreDigest},
	Slot, BABE_ENGINE_ID,
};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::Header as _, BuildStorage};
use sp_runtime::{Digest, DigestItem};

mod parachains;
mod session_keys;
mod storage_layout;
mod worst_case;

/// The smallest valid WebAssembly module (magic and version, no sections): code for tests that
/// only need its length.
const SMALLEST_WASM: [u8; 8] = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];

fn ext_from_preset(name: &str) -> sp_io::TestExternalities {
	let patch = genesis_config_presets::get_preset(&name.into()).expect("preset exists");
	let mut json = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serializes");
	let patch: serde_json::Value = serde_json::from_slice(&patch).expect("valid JSON");
	sc_json_merge(&mut json, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(json).expect("patch fits config");
	let storage = config.build_storage().expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| {
		System::set_block_number(1);
		// Block 1's parent: a genesis header with the genesis state's root.
		let root = ParaInclusion::current_state_root().expect("a 32-byte root");
		let genesis = relay_primitives::Header::new(
			0,
			Default::default(),
			root,
			Default::default(),
			Default::default(),
		);
		System::set_parent_hash(genesis.hash());
		set_parent_header(genesis);
		// Block 1's inherents: the timestamp (slot 0) and inclusion, with no candidates.
		pallet_timestamp::Pallet::<Runtime>::set_timestamp(0);
		assert_ok!(ParaInclusion::enter(RuntimeOrigin::none(), inclusion_data(vec![])));
	});
	ext
}

std::thread_local! {
	/// The header of the current block's parent (`System::finalize` made it).
	static PARENT_HEADER: std::cell::RefCell<Option<relay_primitives::Header>> =
		const { std::cell::RefCell::new(None) };
}

fn set_parent_header(header: relay_primitives::Header) {
	PARENT_HEADER.with(|parent| *parent.borrow_mut() = Some(header));
}

/// The inclusion inherent's data in the current block, with `candidates`.
fn inclusion_data(
	candidates: Vec<relay_primitives::BackedCandidate>,
) -> relay_primitives::ParachainsInherentData {
	let parent_header = PARENT_HEADER
		.with(|parent| parent.borrow().clone())
		.expect("a block was started");
	relay_primitives::ParachainsInherentData { backed_candidates: candidates, parent_header }
}

/// Merge a JSON patch into a value (objects recursively; anything else replaced).
fn sc_json_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				sc_json_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// Author the next block (slot = block number, a secondary BABE claim by authority 0, timestamp
/// at the slot's start), running every pallet's hooks, with no parachain candidates.
fn next_block() {
	next_block_with(vec![]);
}

/// Ends the current block (every pallet's `on_finalize`, then the header) and initialises the
/// next one with a BABE pre-digest for its slot; runs no `on_initialize`. Returns its number.
fn start_next_block() -> crate::BlockNumber {
	let now = System::block_number();
	AllPalletsWithSystem::on_finalize(now);
	// The parent of the next block is this block's header, as on a real chain (each block's
	// hash differs, which inclusion's relay-parent check relies on).
	let header = System::finalize();
	let parent = header.hash();
	set_parent_header(header);
	let next = now + 1;
	let claim = PreDigest::SecondaryPlain(SecondaryPlainPreDigest {
		authority_index: 0,
		slot: Slot::from(u64::from(next)),
	});
	let digest = Digest { logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, claim.encode())] };
	System::reset_events();
	System::initialize(&next, &parent, &digest);
	next
}

/// [`next_block`], with `candidates` in the inclusion inherent (which must accept them all).
fn next_block_with(candidates: Vec<relay_primitives::BackedCandidate>) {
	let next = start_next_block();
	AllPalletsWithSystem::on_initialize(next);
	// The timestamp inherent: the slot's start time, as the block author would set it.
	pallet_timestamp::Pallet::<Runtime>::set_timestamp(
		u64::from(next) * crate::configs::SLOT_DURATION,
	);
	// The mandatory inclusion inherent.
	assert_ok!(ParaInclusion::enter(RuntimeOrigin::none(), inclusion_data(candidates)));
	check_every_pallet(next);
}

/// Every pallet's `try_state` on the state after block `n`: ours always (their checks are
/// compiled into std builds), and with the `try-runtime` feature every pallet's, FRAME's too,
/// as `try-runtime-cli` runs them (CI runs these tests both ways).
fn check_every_pallet(n: crate::BlockNumber) {
	let ours: [(&str, fn() -> Result<(), sp_runtime::TryRuntimeError>); 9] = [
		("ValidatorSet", pallet_validator_set::Pallet::<Runtime>::do_try_state),
		("Paras", pallet_paras::Pallet::<Runtime>::do_try_state),
		("Registrar", pallet_registrar::Pallet::<Runtime>::do_try_state),
		("Slots", pallet_slots::Pallet::<Runtime>::do_try_state),
		("Auctions", pallet_auctions::Pallet::<Runtime>::do_try_state),
		("Crowdloan", pallet_crowdloan::Pallet::<Runtime>::do_try_state),
		("Parathreads", pallet_parathreads::Pallet::<Runtime>::do_try_state),
		("ParaInclusion", pallet_inclusion::Pallet::<Runtime>::do_try_state),
		("Configuration", pallet_configuration::Pallet::<Runtime>::do_try_state),
	];
	for (pallet, check) in ours {
		if let Err(e) = check() {
			panic!("{pallet}'s try_state failed after block #{n}: {e:?}");
		}
	}
	#[cfg(feature = "try-runtime")]
	{
		use frame_support::traits::{TryState, TryStateSelect};
		if let Err(e) = AllPalletsWithSystem::try_state(n, TryStateSelect::All) {
			// Name the pallet whose checks failed (the combined error only says "see logs").
			let names = [
				"System",
				"Babe",
				"Timestamp",
				"Balances",
				"TransactionPayment",
				"Authorship",
				"ValidatorSet",
				"Session",
				"Grandpa",
				"AuthorityDiscovery",
				"Utility",
				"Sudo",
				"Paras",
				"Registrar",
				"Slots",
				"Auctions",
				"Crowdloan",
				"Parathreads",
				"ParaInclusion",
				"Configuration",
			];
			let failing: Vec<String> = names
				.iter()
				.filter(|name| {
					AllPalletsWithSystem::try_state(
						n,
						TryStateSelect::Only(vec![name.as_bytes().to_vec()]),
					)
					.is_err()
				})
				.map(|name| name.to_string())
				.collect();
			panic!("try_state failed after block #{n} in {failing:?}: {e:?}");
		}
	}
	#[cfg(not(feature = "try-runtime"))]
	let _ = n;
}

/// Author blocks until a new session starts (at most two sessions' worth of blocks).
fn run_to_next_session() {
	let session = Session::current_index();
	for _ in 0..2 * EPOCH_DURATION_IN_BLOCKS {
		next_block();
		if Session::current_index() > session {
			return;
		}
	}
	panic!("no new session within {} blocks", 2 * EPOCH_DURATION_IN_BLOCKS);
}

#[test]
fn presets_are_listed_and_unknown_names_refused() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(names.len(), 2);
	assert!(genesis_config_presets::get_preset(&"no-such-preset".into()).is_none());
}

#[test]
fn development_preset_has_alice_alone_as_validator_and_sudo() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(pallet_session::Validators::<Runtime>::get(), vec![alice.clone()]);
		assert_eq!(
			pallet_validator_set::Validators::<Runtime>::get().into_inner(),
			vec![alice.clone()]
		);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice.clone()));
		assert_eq!(Babe::authorities().len(), 1);
		assert_eq!(Grandpa::grandpa_authorities().len(), 1);
		// Alice holds the example parachain's lease deposit.
		assert_eq!(
			Balances::free_balance(&alice),
			genesis_config_presets::ENDOWMENT - genesis_config_presets::EXAMPLE_LEASE_DEPOSIT
		);
		assert_eq!(
			Balances::reserved_balance(&alice),
			genesis_config_presets::EXAMPLE_LEASE_DEPOSIT
		);
		assert_eq!(
			Balances::free_balance(Sr25519Keyring::Ferdie.to_account_id()),
			genesis_config_presets::ENDOWMENT
		);
	});
}

#[test]
fn local_testnet_preset_has_four_validators() {
	ext_from_preset(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let expected: Vec<_> = [
			Sr25519Keyring::Alice,
			Sr25519Keyring::Bob,
			Sr25519Keyring::Charlie,
			Sr25519Keyring::Dave,
		]
		.iter()
		.map(|k| k.to_account_id())
		.collect();
		assert_eq!(pallet_session::Validators::<Runtime>::get(), expected);
		assert_eq!(Babe::authorities().len(), 4);
		assert_eq!(Grandpa::grandpa_authorities().len(), 4);
		// Every validator has its own keys (a shared GRANDPA key would be a duplicate).
		let grandpa: std::collections::BTreeSet<_> =
			Grandpa::grandpa_authorities().into_iter().map(|(id, _)| id).collect();
		assert_eq!(grandpa.len(), 4);
	});
}

#[test]
fn root_changes_the_validator_set_at_the_session_after_next() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		// Keys as `author_rotateKeys` makes them: generated in the keystore, with a proof that
		// Bob's account owns them.
		let generated = SessionKeys::generate(&bob.encode(), None);
		// Bob has no keys yet: root cannot make him a validator.
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), bob.clone()),
			pallet_validator_set::Error::<Runtime>::NoSessionKeys
		);
		// A proof made for someone else is refused.
		assert_noop!(
			Session::set_keys(
				RuntimeOrigin::signed(bob.clone()),
				generated.keys.clone(),
				SessionKeys::generate(&Sr25519Keyring::Eve.to_account_id().encode(), None)
					.proof
					.encode(),
			),
			pallet_session::Error::<Runtime>::InvalidProof
		);
		assert_ok!(Session::set_keys(
			RuntimeOrigin::signed(bob.clone()),
			generated.keys,
			generated.proof.encode()
		));
		// Only root may change the set.
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(bob.clone()), bob.clone()),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), bob.clone()));

		let session = Session::current_index();
		// The next session boundary queues the new set ...
		run_to_next_session();
		assert_eq!(Session::current_index(), session + 1);
		assert!(!pallet_session::Validators::<Runtime>::get().contains(&bob));
		assert!(pallet_session::QueuedKeys::<Runtime>::get().iter().any(|(v, _)| v == &bob));
		// ... and the one after makes it active.
		run_to_next_session();
		assert_eq!(Session::current_index(), session + 2);
		assert!(pallet_session::Validators::<Runtime>::get().contains(&bob));
		assert_eq!(Babe::authorities().len(), 2);
	});
}

#[test]
fn transfer_fee_equals_the_quoted_fee() {
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: Sr25519Keyring::Bob.to_account_id().into(),
			value: 1_000,
		});
		let len = call.encoded_size() as u32 + 100;
		let quoted = crate::TransactionPayment::query_call_info(call.clone(), len).partial_fee;
		let details = crate::TransactionPayment::query_call_fee_details(call, len);
		assert!(quoted > 0);
		assert_eq!(details.final_fee(), quoted);
	});
}

#[test]
fn presets_start_with_the_example_paras() {
	use genesis_config_presets::{EXAMPLE_LEASE_PERIODS, EXAMPLE_PARACHAIN, EXAMPLE_PARATHREAD};
	use relay_primitives::ParaLifecycle;
	for preset in [DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET] {
		ext_from_preset(preset).execute_with(|| {
			assert_eq!(Paras::lifecycle(EXAMPLE_PARACHAIN), Some(ParaLifecycle::Parachain));
			assert_eq!(Paras::lifecycle(EXAMPLE_PARATHREAD), Some(ParaLifecycle::Parathread));
			assert_eq!(Paras::parachains(), vec![EXAMPLE_PARACHAIN]);
			let leases = pallet_slots::Leases::<Runtime>::get(EXAMPLE_PARACHAIN);
			assert_eq!(leases.len(), EXAMPLE_LEASE_PERIODS as usize);
			assert_eq!(
				pallet_registrar::Paras::<Runtime>::get(EXAMPLE_PARATHREAD).map(|i| i.manager),
				Some(Sr25519Keyring::Bob.to_account_id())
			);
			assert_eq!(pallet_registrar::NextFreeParaId::<Runtime>::get(), ParaId(2002));
			// Both run the example parachain: its code, and each its own genesis head.
			let code = ValidationCode(crate::EXAMPLE_PARA_WASM.expect("built with WASM").to_vec());
			for id in [EXAMPLE_PARACHAIN, EXAMPLE_PARATHREAD] {
				assert_eq!(pallet_paras::CurrentCodeHash::<Runtime>::get(id), Some(code.hash()));
				assert_eq!(
					pallet_paras::Heads::<Runtime>::get(id),
					Some(genesis_config_presets::example_para_genesis_head(id))
				);
			}
			assert!(code.0.len() > 1_000, "the real code, not a placeholder");
			Paras::do_try_state().unwrap();
			Registrar::do_try_state().unwrap();
			Slots::do_try_state().unwrap();
		});
	}
}

#[test]
fn a_registered_para_becomes_a_parachain_at_the_next_lease_period() {
	use relay_primitives::ParaLifecycle;
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		let bob = Sr25519Keyring::Bob.to_account_id();
		let id = ParaId(2002);
		let code = ValidationCode(crate::EXAMPLE_PARA_WASM.expect("built with WASM").to_vec());
		let head = genesis_config_presets::example_para_genesis_head(id);
		let head_len = head.0.len() as u128;
		assert_ok!(Registrar::reserve(RuntimeOrigin::signed(bob.clone())));
		assert_ok!(Registrar::register(RuntimeOrigin::signed(bob.clone()), id, head, code));
		// Deposit: 100 units + 0.001 units × (head bytes + 3 MiB of code).
		let expected = crate::configs::PARA_DEPOSIT
			+ crate::configs::DATA_DEPOSIT_PER_BYTE
				* (head_len + u128::from(crate::configs::MAX_CODE_SIZE));
		assert_eq!(Balances::reserved_balance(&bob), expected);
		run_to_next_session();
		run_to_next_session();
		assert_eq!(Paras::lifecycle(id), Some(ParaLifecycle::Parathread));
		let (period, _) = Slots::lease_period_index(System::block_number()).unwrap();
		let lease = RuntimeCall::Slots(pallet_slots::Call::force_lease {
			para: id,
			leaser: bob.clone(),
			amount: 10 * relay_primitives::constants::currency::UNITS,
			period_begin: period + 1,
			period_count: 2,
		});
		assert_ok!(Sudo::sudo(
			RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id()),
			Box::new(lease)
		));
		// Run to the next lease period's first block.
		while Slots::lease_period_index(System::block_number()) != Some((period + 1, true)) {
			next_block();
		}
		assert_eq!(Paras::lifecycle(id), Some(ParaLifecycle::UpgradingParathread));
		run_to_next_session();
		run_to_next_session();
		assert_eq!(Paras::lifecycle(id), Some(ParaLifecycle::Parachain));
		assert!(Paras::parachains().contains(&id));
		Paras::do_try_state().unwrap();
		Registrar::do_try_state().unwrap();
		Slots::do_try_state().unwrap();
	});
}

#[test]
fn sudo_starts_an_auction_that_closes_on_babe_randomness_and_leases_the_winners() {
	use pallet_auctions::AuctionPhase;
	use relay_primitives::constants::currency::UNITS;
	ext_from_preset(DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let bob = Sr25519Keyring::Bob.to_account_id();
		let charlie = Sr25519Keyring::Charlie.to_account_id();
		let para = genesis_config_presets::EXAMPLE_PARATHREAD;
		run_to_next_session();
		// Bob's crowdloan for 2001 bids for periods 4-5; Bob bids himself for periods 2-3.
		let end = System::block_number() + 30;
		assert_ok!(Crowdloan::create(
			RuntimeOrigin::signed(bob.clone()),
			para,
			1_000 * UNITS,
			4,
			5,
			end,
			None
		));
		assert_ok!(Crowdloan::contribute(RuntimeOrigin::signed(charlie), para, 50 * UNITS, None));
		let start = RuntimeCall::Auctions(pallet_auctions::Call::new_auction {
			duration: 5,
			lease_period_index: 2,
		});
		assert_ok!(Sudo::sudo(RuntimeOrigin::signed(alice), Box::new(start)));
		assert_ok!(Auctions::bid(RuntimeOrigin::signed(bob.clone()), para, 1, 2, 3, 100 * UNITS));
		assert!(matches!(Auctions::auction_view().phase, AuctionPhase::Opening { .. }));
		let mut phases = Vec::new();
		for _ in 0..200 {
			next_block();
			let phase = core::mem::discriminant(&Auctions::auction_view().phase);
			if phases.last() != Some(&phase) {
				phases.push(phase);
			}
			if pallet_auctions::AuctionInfo::<Runtime>::get().is_none() {
				break;
			}
		}
		// Opening, ending, waiting for randomness, closed.
		assert_eq!(phases.len(), 4, "every phase was seen");
		assert!(matches!(Auctions::auction_view().phase, AuctionPhase::NotStarted));
		let leases = pallet_slots::Leases::<Runtime>::get(para);
		let (current, _) = Slots::lease_period_index(System::block_number()).unwrap();
		let at = |period: u32| leases.get((period - current) as usize).cloned().flatten();
		let pot = Crowdloan::fund_account_id(0);
		assert_eq!(leases.len() as u32, 6 - current);
		assert_eq!(at(2), Some((bob.clone(), 100 * UNITS)));
		assert_eq!(at(3), Some((bob, 100 * UNITS)));
		assert_eq!(at(4), Some((pot.clone(), 50 * UNITS)));
		assert_eq!(at(5), Some((pot, 50 * UNITS)));
		Slots::do_try_state().unwrap();
		Auctions::do_try_state().unwrap();
		Crowdloan::do_try_state().unwrap();
	});
}

#[test]
fn our_calls_are_charged_the_generated_weights() {
	use crate::weights;
	use frame_support::dispatch::GetDispatchInfo;
	let weight = |call: RuntimeCall| call.get_dispatch_info().call_weight;
	let id = ParaId(2000);
	let code = ValidationCode(SMALLEST_WASM.to_vec());
	assert_eq!(
		weight(RuntimeCall::Registrar(pallet_registrar::Call::reserve {})),
		<weights::pallet_registrar::WeightInfo<Runtime> as pallet_registrar::WeightInfo>::reserve()
	);
	assert_eq!(
		weight(RuntimeCall::Registrar(pallet_registrar::Call::schedule_code_upgrade {
			para: id,
			new_code: code.clone(),
		})),
		<weights::pallet_registrar::WeightInfo<Runtime> as pallet_registrar::WeightInfo>::schedule_code_upgrade(8)
	);
	assert_eq!(
		weight(RuntimeCall::Slots(pallet_slots::Call::trigger_onboard { para: id })),
		<weights::pallet_slots::WeightInfo<Runtime> as pallet_slots::WeightInfo>::trigger_onboard()
	);
	assert_eq!(
		weight(RuntimeCall::Paras(pallet_paras::Call::force_set_current_code { para: id, code })),
		<weights::pallet_paras::WeightInfo<Runtime> as pallet_paras::WeightInfo>::force_set_current_code(8)
	);
	assert_eq!(
		weight(RuntimeCall::Auctions(pallet_auctions::Call::bid {
			para: id,
			auction_index: 1,
			first_slot: 1,
			last_slot: 2,
			amount: 1,
		})),
		<weights::pallet_auctions::WeightInfo<Runtime> as pallet_auctions::WeightInfo>::bid()
	);
	assert_eq!(
		weight(RuntimeCall::Crowdloan(pallet_crowdloan::Call::refund { index: id })),
		<weights::pallet_crowdloan::WeightInfo<Runtime> as pallet_crowdloan::WeightInfo>::refund(
			crate::configs::CROWDLOAN_REMOVE_KEYS_LIMIT
		)
	);
	type ParathreadsWeights = weights::pallet_parathreads::WeightInfo<Runtime>;
	assert_eq!(
		weight(RuntimeCall::Parathreads(pallet_parathreads::Call::bid {
			para_id: ParaId(2001),
			fee: 1,
			head_hash: Default::default(),
		})),
		<ParathreadsWeights as pallet_parathreads::WeightInfo>::bid_evicting()
			.max(<ParathreadsWeights as pallet_parathreads::WeightInfo>::bid_replacing())
	);
	// The inclusion inherent: per candidate, per vote beyond the first, and a claim served per
	// pool core (the dev chain has 4).
	type InclusionWeights = weights::pallet_inclusion::WeightInfo<Runtime>;
	let empty = weight(RuntimeCall::ParaInclusion(pallet_inclusion::Call::enter {
		data: relay_primitives::ParachainsInherentData {
			backed_candidates: vec![],
			parent_header: relay_primitives::Header::new(
				1,
				Default::default(),
				Default::default(),
				Default::default(),
				Default::default(),
			),
		},
	}));
	// Recording the parent is priced as the hooks that did it were measured.
	assert_eq!(
		empty,
		<InclusionWeights as pallet_inclusion::WeightInfo>::enter_candidates(0)
			.saturating_add(<InclusionWeights as pallet_inclusion::WeightInfo>::on_initialize())
			.saturating_add(<Runtime as frame_system::Config>::DbWeight::get().writes(1))
	);
	let per_vote = <InclusionWeights as pallet_inclusion::WeightInfo>::enter_votes(2)
		.saturating_sub(<InclusionWeights as pallet_inclusion::WeightInfo>::enter_votes(1));
	assert!(per_vote.ref_time() > 20_000_000, "an sr25519 check costs more than 20 µs");
	assert_eq!(
		pallet_inclusion::weights::enter_weight::<InclusionWeights>(3, 7, []),
		<InclusionWeights as pallet_inclusion::WeightInfo>::enter_candidates(3)
			.saturating_add(per_vote.saturating_mul(4))
	);
	let code = <InclusionWeights as pallet_inclusion::WeightInfo>::enter_code_upgrade(3 << 20)
		.saturating_sub(<InclusionWeights as pallet_inclusion::WeightInfo>::enter_candidates(1));
	assert_eq!(
		pallet_inclusion::weights::enter_weight::<InclusionWeights>(1, 1, [3 << 20]),
		<InclusionWeights as pallet_inclusion::WeightInfo>::enter_candidates(1)
			.saturating_add(code)
	);
	assert!(code.ref_time() > 1_000_000_000, "hashing and storing 3 MiB of code: over 1 ms");
	// Generated weights are real measurements, not zero.
	assert!(
		<weights::pallet_registrar::WeightInfo<Runtime> as pallet_registrar::WeightInfo>::register(
		)
		.ref_time()
			> 1_000_000_000,
		"registering stores up to 3 MiB of code: more than a millisecond"
	);
}
