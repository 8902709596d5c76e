//! The registry of the mock runtimes that do not run the real registrar (crowdloan,
//! parathreads): [`TestBook`] keeps the paras, [`impl_test_registrar!`](crate::impl_test_registrar)
//! puts it behind `relay_primitives::traits::Registrar`.

use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::storage::unhashed;
use relay_primitives::ParaId;
use sp_runtime::DispatchResult;
use std::collections::BTreeMap;

/// Where a para stands in a [`TestBook`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub enum TestParaState {
	/// Its id is reserved by its manager; nothing registered.
	Reserved,
	/// Registered, live after [`TestBook::onboard_all`] (a session change on a real chain).
	Onboarding,
	/// A live parathread.
	Parathread,
	/// A parachain.
	Parachain,
}

/// A para in a [`TestBook`].
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct TestPara<AccountId> {
	/// Its manager.
	pub manager: AccountId,
	/// Where it stands.
	pub state: TestParaState,
}

/// The storage key of the book: in the test externalities, so every test, proptest case and
/// benchmark run starts with an empty book, and a call that fails leaves it as it was.
const BOOK: &[u8] = b":relay_test_utils:test_book:";

/// The paras a mock registrar knows, by manager and state, in storage under one key.
/// Registration goes through [`TestParaState::Onboarding`] (until [`TestBook::onboard_all`]);
/// the other transitions are immediate.
pub struct TestBook<AccountId>(PhantomData<AccountId>);

impl<AccountId: Encode + Decode + Clone> TestBook<AccountId> {
	/// Every para in the book.
	pub fn paras() -> BTreeMap<ParaId, TestPara<AccountId>> {
		unhashed::get(BOOK).unwrap_or_default()
	}

	fn put(book: &BTreeMap<ParaId, TestPara<AccountId>>) {
		unhashed::put(BOOK, book);
	}

	/// Where `id` stands, if the book has it.
	pub fn state(id: ParaId) -> Option<TestParaState> {
		Self::paras().get(&id).map(|para| para.state)
	}

	/// The manager of `id`, in any state.
	pub fn manager_of(id: ParaId) -> Option<AccountId> {
		Self::paras().get(&id).map(|para| para.manager.clone())
	}

	/// The parachains, sorted (a `BTreeMap` iterates in key order).
	pub fn parachains() -> Vec<ParaId> {
		let book = Self::paras();
		book.into_iter()
			.filter(|(_, para)| para.state == TestParaState::Parachain)
			.map(|(id, _)| id)
			.collect()
	}

	/// Puts `id` in the book as `state` for `manager`, whatever it was (a test's set-up).
	pub fn set(id: ParaId, manager: AccountId, state: TestParaState) {
		let mut book = Self::paras();
		book.insert(id, TestPara { manager, state });
		Self::put(&book);
	}

	/// Forgets every para.
	pub fn clear() {
		unhashed::kill(BOOK);
	}

	/// Makes every onboarding para a live parathread.
	pub fn onboard_all() {
		let mut book = Self::paras();
		for para in book.values_mut().filter(|para| para.state == TestParaState::Onboarding) {
			para.state = TestParaState::Parathread;
		}
		Self::put(&book);
	}

	/// Registers `id` (free or reserved) for `manager`: onboarding from now on.
	pub fn register(manager: AccountId, id: ParaId) -> DispatchResult {
		if Self::state(id).is_some_and(|state| state != TestParaState::Reserved) {
			return Err("already registered".into());
		}
		Self::set(id, manager, TestParaState::Onboarding);
		Ok(())
	}

	/// Forgets an onboarding para or a parathread.
	pub fn deregister(id: ParaId) -> DispatchResult {
		use TestParaState::{Onboarding, Parathread};
		Self::transition(id, &[Onboarding, Parathread], None, "not onboarding or a parathread")
	}

	/// Makes a parathread a parachain.
	pub fn make_parachain(id: ParaId) -> DispatchResult {
		use TestParaState::{Parachain, Parathread};
		Self::transition(id, &[Parathread], Some(Parachain), "not a parathread")
	}

	/// Makes a parachain a parathread.
	pub fn make_parathread(id: ParaId) -> DispatchResult {
		use TestParaState::{Parachain, Parathread};
		Self::transition(id, &[Parachain], Some(Parathread), "not a parachain")
	}

	/// Moves `id` from one of the states `from` to `to` (out of the book for `None`), or fails
	/// with `error` and changes nothing.
	fn transition(
		id: ParaId,
		from: &[TestParaState],
		to: Option<TestParaState>,
		error: &'static str,
	) -> DispatchResult {
		let mut book = Self::paras();
		match (book.get_mut(&id), to) {
			(Some(para), Some(state)) if from.contains(&para.state) => para.state = state,
			(Some(para), None) if from.contains(&para.state) => {
				book.remove(&id);
			},
			_ => return Err(error.into()),
		}
		Self::put(&book);
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use TestParaState::*;

	type Book = TestBook<u64>;

	#[test]
	fn the_book_moves_paras_through_their_states_and_refuses_the_rest_unchanged() {
		sp_io::TestExternalities::default().execute_with(|| {
			let (a, b) = (ParaId(1), ParaId(2));
			assert!(Book::paras().is_empty());
			Book::set(b, 9, Reserved);
			assert_eq!(Book::register(7, a), Ok(()));
			// A reserved id can be registered, by whoever the caller names.
			assert_eq!(Book::register(8, b), Ok(()));
			assert_eq!((Book::state(a), Book::manager_of(b)), (Some(Onboarding), Some(8)));
			let before = Book::paras();
			assert!(Book::register(7, a).is_err());
			assert!(Book::make_parachain(a).is_err());
			assert!(Book::make_parathread(a).is_err());
			assert_eq!(Book::paras(), before);

			Book::onboard_all();
			assert_eq!((Book::state(a), Book::state(b)), (Some(Parathread), Some(Parathread)));
			assert_eq!(Book::make_parachain(b), Ok(()));
			assert_eq!(Book::parachains(), vec![b]);
			let before = Book::paras();
			assert!(Book::deregister(b).is_err());
			assert!(Book::make_parachain(b).is_err());
			assert!(Book::deregister(ParaId(3)).is_err());
			assert_eq!(Book::paras(), before);

			assert_eq!(Book::make_parathread(b), Ok(()));
			assert_eq!(Book::deregister(a), Ok(()));
			assert_eq!((Book::state(a), Book::state(b)), (None, Some(Parathread)));
			Book::clear();
			assert!(Book::paras().is_empty());
		});
	}
}
