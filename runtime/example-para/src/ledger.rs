//! The ledger: state, ops, and the state transition every validator re-executes.

use alloc::{collections::BTreeMap, vec::Vec};
use codec::{Decode, Encode};

/// Longest counter name, in bytes.
pub const MAX_NAME_LEN: usize = 32;
/// Most counters the state may hold.
pub const MAX_COUNTERS: usize = 1_024;
/// Most ops in one block.
pub const MAX_OPS: usize = 1_024;
/// Longest remark, in bytes (a block must still fit the relay chain's PoV limit, 5 MiB).
pub const MAX_REMARK_LEN: usize = 4 * 1024 * 1024;

/// BLAKE2-256, the hash of heads and states (as everywhere on the relay chain).
pub fn hash(data: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(data)
}

/// The para's head data (SCALE-encoded, it is what the relay chain stores as the para's head).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Head {
	/// The block number: 0 at genesis, then one more per block.
	pub number: u64,
	/// BLAKE2-256 of the parent head's encoding (zero at genesis).
	pub parent_hash: [u8; 32],
	/// BLAKE2-256 of the encoded state after this block.
	pub post_state: [u8; 32],
}

/// The para's state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct State {
	/// The para this state belongs to (fixed at genesis).
	pub para_id: u32,
	/// Named counters, ordered by name.
	pub counters: BTreeMap<Vec<u8>, u64>,
	/// How many remarks were made.
	pub remarks: u64,
	/// BLAKE2-256 of the last remark (zero before the first).
	pub last_remark: [u8; 32],
}

impl State {
	/// BLAKE2-256 of the encoded state: a head's `post_state`.
	pub fn hash(&self) -> [u8; 32] {
		hash(&self.encode())
	}
}

/// One change a block makes to the state.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum Op {
	/// Adds `amount` to the counter `name`, creating it at zero if it does not exist.
	#[codec(index = 0)]
	Add {
		/// The counter's name (1 to [`MAX_NAME_LEN`] bytes).
		name: Vec<u8>,
		/// What to add.
		amount: u64,
	},
	/// Removes the counter `name`, which must exist.
	#[codec(index = 1)]
	Remove {
		/// The counter's name.
		name: Vec<u8>,
	},
	/// Records a remark: the state keeps how many there were and the hash of the last one.
	#[codec(index = 2)]
	Remark(Vec<u8>),
}

/// A block: the state it starts from and the ops to apply, in order.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Block {
	/// The state after the parent block (its hash must be the parent head's `post_state`).
	pub state: State,
	/// The ops, at most [`MAX_OPS`].
	pub ops: Vec<Op>,
}

/// Why a block is invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
	/// The block's starting state is not the one the parent head commits to.
	StateMismatch,
	/// The block has more than [`MAX_OPS`] ops.
	TooManyOps,
	/// A counter name is empty or longer than [`MAX_NAME_LEN`].
	BadName,
	/// A new counter would make more than [`MAX_COUNTERS`].
	TooManyCounters,
	/// An addition would overflow the counter (or the remark count).
	Overflow,
	/// `Remove` names a counter that does not exist.
	NoSuchCounter,
	/// A remark is longer than [`MAX_REMARK_LEN`].
	RemarkTooLong,
	/// The parent head or the block data does not decode (exactly) as a [`Head`] or [`Block`],
	/// or the params as `ValidationParams`.
	BadEncoding,
}

/// The state of para `para_id` at genesis.
pub fn genesis_state(para_id: u32) -> State {
	State { para_id, ..State::default() }
}

/// The head of para `para_id` at genesis: number 0, no parent, the genesis state's hash.
pub fn genesis_head(para_id: u32) -> Head {
	Head { number: 0, parent_hash: [0; 32], post_state: genesis_state(para_id).hash() }
}

/// Applies `block` on `parent`: the new head and state, or why the block is invalid.
pub fn execute(parent: &Head, block: Block) -> Result<(Head, State), Error> {
	if block.state.hash() != parent.post_state {
		return Err(Error::StateMismatch);
	}
	if block.ops.len() > MAX_OPS {
		return Err(Error::TooManyOps);
	}
	let mut state = block.state;
	for op in block.ops {
		apply(&mut state, op)?;
	}
	let number = parent.number.checked_add(1).ok_or(Error::Overflow)?;
	let head = Head { number, parent_hash: hash(&parent.encode()), post_state: state.hash() };
	Ok((head, state))
}

fn apply(state: &mut State, op: Op) -> Result<(), Error> {
	match op {
		Op::Add { name, amount } => {
			if name.is_empty() || name.len() > MAX_NAME_LEN {
				return Err(Error::BadName);
			}
			let is_new = !state.counters.contains_key(&name);
			if is_new && state.counters.len() >= MAX_COUNTERS {
				return Err(Error::TooManyCounters);
			}
			let counter = state.counters.entry(name).or_insert(0);
			*counter = counter.checked_add(amount).ok_or(Error::Overflow)?;
		},
		Op::Remove { name } => {
			state.counters.remove(&name).ok_or(Error::NoSuchCounter)?;
		},
		Op::Remark(data) => {
			if data.len() > MAX_REMARK_LEN {
				return Err(Error::RemarkTooLong);
			}
			state.remarks = state.remarks.checked_add(1).ok_or(Error::Overflow)?;
			state.last_remark = hash(&data);
		},
	}
	Ok(())
}
