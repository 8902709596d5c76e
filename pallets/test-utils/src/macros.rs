//! Macros for the blocks every mock runtime repeats. Each expands in the mock and names the
//! mock's own crates and runtime types (see the crate docs).

/// `type Block` (a `MockBlock` of `$runtime`) and `impl frame_system::Config` from
/// `frame_system`'s `TestDefaultConfig`. With `balance`, also `AccountData` of that balance and
/// `impl pallet_balances::Config` from `pallet_balances`'s `TestDefaultConfig` (account store
/// `System`, hold reason `RuntimeHoldReason`), plus the items in `balances: { .. }`. With
/// `account`, accounts of that type, looked up as themselves.
///
/// ```ignore
/// relay_test_utils::impl_frame_system!(Test);
/// relay_test_utils::impl_frame_system!(Test, balance: u64);
/// relay_test_utils::impl_frame_system!(Test, balance: u64, account: AccountId);
/// relay_test_utils::impl_frame_system!(Test, balance: Balance, balances: {
///     type Balance = Balance;
/// });
/// ```
#[macro_export]
macro_rules! impl_frame_system {
	($runtime:ident $(,)?) => {
		type Block = frame_system::mocking::MockBlock<$runtime>;

		// `derive_impl` calls itself back by its bare name, so it must be in scope; the block
		// keeps the import from clashing with one in the mock.
		const _: () = {
			use frame_support::derive_impl;

			#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
			impl frame_system::Config for $runtime {
				type Block = Block;
			}
		};
	};
	(
		$runtime:ident,
		balance: $balance:ty
		$(, account: $account:ty)?
		$(, balances: { $($balances_item:tt)* })?
		$(,)?
	) => {
		type Block = frame_system::mocking::MockBlock<$runtime>;

		// See the first arm.
		const _: () = {
			use frame_support::derive_impl;

			#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
			impl frame_system::Config for $runtime {
				type Block = Block;
				$(
					type AccountId = $account;
					type Lookup = sp_runtime::traits::IdentityLookup<$account>;
				)?
				type AccountData = pallet_balances::AccountData<$balance>;
			}

			#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
			impl pallet_balances::Config for $runtime {
				$($($balances_item)*)?
				type AccountStore = System;
				type RuntimeHoldReason = RuntimeHoldReason;
			}
		};
	};
}

/// `impl pallet_paras::Config for $runtime` with the given session source, new-head hook and
/// size limits; upgrades wait 5 blocks, then 10 of cooldown; past code is kept 7 blocks; no
/// weights; root is the force origin.
#[macro_export]
macro_rules! impl_paras_config {
	(
		$runtime:ident,
		session: $session:ty,
		on_new_head: $on_new_head:ty,
		max_code_size: $max_code_size:ty,
		max_head_size: $max_head_size:ty,
		max_paras: $max_paras:ty $(,)?
	) => {
		impl pallet_paras::Config for $runtime {
			type CurrentSession = $session;
			type OnNewHead = $on_new_head;
			type MaxCodeSize = $max_code_size;
			type MaxHeadSize = $max_head_size;
			type MaxParas = $max_paras;
			type ValidationUpgradeDelay = frame_support::traits::ConstU64<5>;
			type ValidationUpgradeCooldown = frame_support::traits::ConstU64<10>;
			type CodeRetentionPeriod = frame_support::traits::ConstU64<7>;
			type WeightInfo = ();
			type ForceOrigin =
				frame_system::EnsureRoot<<$runtime as frame_system::Config>::AccountId>;
		}
	};
}

/// `impl pallet_registrar::Config for $runtime`: deposits held in `Balances`, the given swap
/// hook, lease holders and deposits, no weights, root as the force origin.
#[macro_export]
macro_rules! impl_registrar_config {
	(
		$runtime:ident,
		on_swap: $on_swap:ty,
		leases: $leases:ty,
		para_deposit: $para_deposit:ty,
		data_deposit_per_byte: $data_deposit_per_byte:ty $(,)?
	) => {
		impl pallet_registrar::Config for $runtime {
			type Currency = Balances;
			type RuntimeHoldReason = RuntimeHoldReason;
			type OnSwap = $on_swap;
			type Leases = $leases;
			type ParaDeposit = $para_deposit;
			type DataDepositPerByte = $data_deposit_per_byte;
			type WeightInfo = ();
			type ForceOrigin =
				frame_system::EnsureRoot<<$runtime as frame_system::Config>::AccountId>;
		}
	};
}

/// `impl pallet_slots::Config for $runtime`: deposits held in `Balances`, the runtime's
/// `Registrar`, the given lease periods, no weights, root as the force origin.
#[macro_export]
macro_rules! impl_slots_config {
	(
		$runtime:ident,
		lease_period: $lease_period:ty,
		lease_offset: $lease_offset:ty,
		max_lease_periods: $max_lease_periods:ty $(,)?
	) => {
		impl pallet_slots::Config for $runtime {
			type Currency = Balances;
			type RuntimeHoldReason = RuntimeHoldReason;
			type Registrar = Registrar;
			type LeasePeriod = $lease_period;
			type LeaseOffset = $lease_offset;
			type MaxLeasePeriods = $max_lease_periods;
			type ForceOrigin =
				frame_system::EnsureRoot<<$runtime as frame_system::Config>::AccountId>;
			type WeightInfo = ();
		}
	};
}

/// `impl pallet_auctions::Config for $runtime`: bids held in `Balances`, leases through the
/// runtime's `Slots`, the runtime's `Registrar`, the given auction settings, no weights, root
/// starts auctions.
#[macro_export]
macro_rules! impl_auctions_config {
	(
		$runtime:ident,
		ending_period: $ending_period:ty,
		sample_length: $sample_length:ty,
		lease_periods_per_slot: $lease_periods_per_slot:ty,
		randomness: $randomness:ty,
		max_reserves: $max_reserves:ty $(,)?
	) => {
		impl pallet_auctions::Config for $runtime {
			type Currency = Balances;
			type RuntimeHoldReason = RuntimeHoldReason;
			type Leaser = Slots;
			type Registrar = Registrar;
			type EndingPeriod = $ending_period;
			type SampleLength = $sample_length;
			type LeasePeriodsPerSlot = $lease_periods_per_slot;
			type Randomness = $randomness;
			type InitiateOrigin =
				frame_system::EnsureRoot<<$runtime as frame_system::Config>::AccountId>;
			type MaxReserves = $max_reserves;
			type WeightInfo = ();
		}
	};
}

/// `pub fn live_parathread(id: u32) -> ParaId`: makes `id` (any id) a parathread of `$runtime`
/// managed by `manager`, live at once: paras holds it with head `[1]` and [`code`](crate::code),
/// the registrar with no deposit and no lock.
#[macro_export]
macro_rules! live_parathread_fn {
	($runtime:ident, manager: $manager:expr $(,)?) => {
		/// Registers `id` (any id, deposit 0) for the manager the mock chose as a parathread, live
		/// at once.
		pub fn live_parathread(id: u32) -> relay_primitives::ParaId {
			let id = relay_primitives::ParaId(id);
			let genesis = pallet_paras::ParaGenesisArgs {
				genesis_head: relay_primitives::HeadData(vec![1]),
				validation_code: $crate::code(),
				para_kind: relay_primitives::ParaKind::Parathread,
			};
			pallet_paras::Pallet::<$runtime>::initialize_para_now(id, genesis)
				.expect("room for the para");
			pallet_registrar::Paras::<$runtime>::insert(
				id,
				pallet_registrar::ParaInfo { manager: $manager, deposit: 0, locked: None },
			);
			id
		}
	};
}

/// Test externalities from the mock's `RuntimeGenesisConfig` with `balances` (a
/// `Vec<(account, balance)>`) in pallet-balances and every other pallet's default genesis.
#[macro_export]
macro_rules! balances_ext {
	($balances:expr $(,)?) => {
		$crate::__private::TestExternalities::new(
			$crate::__private::BuildStorage::build_storage(&RuntimeGenesisConfig {
				balances: pallet_balances::GenesisConfig {
					balances: $balances,
					..Default::default()
				},
				..Default::default()
			})
			.expect("the mock genesis is valid"),
		)
	};
}

/// `pub struct $name`: the mock's registrar, `relay_primitives::traits::Registrar` over
/// [`TestBook`](crate::TestBook)`<$account>` (locks not modelled), with the book's functions
/// (`paras`, `state`, `set`, `clear`, `onboard_all`) as its own. `on_register`, if given, is
/// called with each registered para's id and genesis head (a mock that serves heads notes it).
/// A macro, so its benchmark-only functions follow the mock's own `runtime-benchmarks` feature.
#[macro_export]
macro_rules! impl_test_registrar {
	($name:ident, $account:ty $(, on_register: $on_register:path)? $(,)?) => {
		/// The mock's registry ([`relay_test_utils::TestBook`]).
		pub struct $name;

		impl $name {
			/// Every para in the book.
			pub fn paras(
			) -> std::collections::BTreeMap<relay_primitives::ParaId, $crate::TestPara<$account>> {
				$crate::TestBook::<$account>::paras()
			}
			/// Where `id` stands, if the book has it.
			pub fn state(id: relay_primitives::ParaId) -> Option<$crate::TestParaState> {
				$crate::TestBook::<$account>::state(id)
			}
			/// Puts `id` in the book as `state` for `manager` (a test's set-up).
			pub fn set(id: relay_primitives::ParaId, manager: $account, state: $crate::TestParaState) {
				$crate::TestBook::<$account>::set(id, manager, state)
			}
			/// Forgets every para.
			pub fn clear() {
				$crate::TestBook::<$account>::clear()
			}
			/// Makes every onboarding para a live parathread.
			pub fn onboard_all() {
				$crate::TestBook::<$account>::onboard_all()
			}
		}

		impl relay_primitives::traits::Registrar for $name {
			type AccountId = $account;
			fn manager_of(id: relay_primitives::ParaId) -> Option<$account> {
				$crate::TestBook::<$account>::manager_of(id)
			}
			fn parachains() -> Vec<relay_primitives::ParaId> {
				$crate::TestBook::<$account>::parachains()
			}
			fn is_parathread(id: relay_primitives::ParaId) -> bool {
				$name::state(id) == Some($crate::TestParaState::Parathread)
			}
			fn apply_lock(_: relay_primitives::ParaId) {}
			fn remove_lock(_: relay_primitives::ParaId) {}
			fn register(
				manager: $account,
				id: relay_primitives::ParaId,
				_head: relay_primitives::HeadData,
				_: relay_primitives::ValidationCode,
			) -> sp_runtime::DispatchResult {
				$crate::TestBook::<$account>::register(manager, id)?;
				$($on_register(id, &_head);)?
				Ok(())
			}
			fn deregister(id: relay_primitives::ParaId) -> sp_runtime::DispatchResult {
				$crate::TestBook::<$account>::deregister(id)
			}
			fn make_parachain(id: relay_primitives::ParaId) -> sp_runtime::DispatchResult {
				$crate::TestBook::<$account>::make_parachain(id)
			}
			fn make_parathread(id: relay_primitives::ParaId) -> sp_runtime::DispatchResult {
				$crate::TestBook::<$account>::make_parathread(id)
			}
			#[cfg(feature = "runtime-benchmarks")]
			fn worst_head_data() -> relay_primitives::HeadData {
				relay_primitives::HeadData(vec![7; 32])
			}
			#[cfg(feature = "runtime-benchmarks")]
			fn worst_validation_code() -> relay_primitives::ValidationCode {
				$crate::code()
			}
			#[cfg(feature = "runtime-benchmarks")]
			fn execute_pending_transitions() {
				$name::onboard_all()
			}
		}
	};
}
