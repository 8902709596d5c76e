//! The externalities a Polkadot-ABI validation function runs with: **no storage at all**.
//!
//! A PVF validates a block from its proof of validity alone; a Cumulus runtime swaps the storage
//! host functions for implementations over the PoV's state proof before it executes the block,
//! so it never reaches these. The storage host functions are not even offered to the code (see
//! [`crate::polkadot_abi::HostFunctions`]), so a call to one traps at its stub; anything that
//! still reaches storage here panics, which the executor turns into an invalid candidate.
//!
//! The only extension is [`ReadRuntimeVersionExt`]: a block that upgrades its code asks the host
//! for the new code's version (`ext_misc_runtime_version`).

use crate::limits::ChainLimits;
use sc_executor_common::runtime_blob::RuntimeBlob;
use sp_core::traits::{ReadRuntimeVersion, ReadRuntimeVersionExt};
use sp_externalities::{Extension, Extensions, MultiRemovalResults};
use sp_storage::{ChildInfo, StateVersion, TrackedStorageKey};
use std::any::{Any, TypeId};

/// Externalities without storage, with the runtime-version extension.
pub struct ValidationExternalities(Extensions);

impl ValidationExternalities {
	/// Externalities whose version reader decompresses code within `chain`'s bomb limit.
	pub fn new(chain: ChainLimits) -> Self {
		let mut extensions = Extensions::new();
		extensions.register(ReadRuntimeVersionExt::new(VersionReader(chain)));
		Self(extensions)
	}
}

/// Reads a runtime version from the `runtime_version` custom section of (possibly compressed)
/// WASM code, as Polkadot's PVF host does; code without one is an error, never executed.
struct VersionReader(ChainLimits);

impl ReadRuntimeVersion for VersionReader {
	fn read_runtime_version(
		&self,
		wasm_code: &[u8],
		_ext: &mut dyn sp_externalities::Externalities,
	) -> Result<Vec<u8>, String> {
		use codec::Encode;
		let raw =
			sp_maybe_compressed_blob::decompress(wasm_code, self.0.code_bomb_limit() as usize)
				.map_err(|e| format!("cannot decompress the code: {e}"))?;
		let blob = RuntimeBlob::new(&raw).map_err(|e| format!("not WebAssembly: {e}"))?;
		match sc_executor::read_embedded_version(&blob) {
			Ok(Some(version)) => Ok(version.encode()),
			Ok(None) => Err("the code has no runtime_version section".into()),
			Err(e) => Err(format!("the runtime_version section is corrupt: {e}")),
		}
	}
}

/// What every storage access panics with.
const NO_STORAGE: &str = "storage is not available to parachain validation";

/// Panics: validation code has no storage.
fn no_storage() -> ! {
	panic!("{NO_STORAGE}")
}

impl sp_externalities::Externalities for ValidationExternalities {
	fn set_offchain_storage(&mut self, _: &[u8], _: Option<&[u8]>) {
		no_storage()
	}
	fn storage(&mut self, _: &[u8]) -> Option<Vec<u8>> {
		no_storage()
	}
	fn storage_hash(&mut self, _: &[u8]) -> Option<Vec<u8>> {
		no_storage()
	}
	fn child_storage_hash(&mut self, _: &ChildInfo, _: &[u8]) -> Option<Vec<u8>> {
		no_storage()
	}
	fn child_storage(&mut self, _: &ChildInfo, _: &[u8]) -> Option<Vec<u8>> {
		no_storage()
	}
	fn next_storage_key(&mut self, _: &[u8]) -> Option<Vec<u8>> {
		no_storage()
	}
	fn next_child_storage_key(&mut self, _: &ChildInfo, _: &[u8]) -> Option<Vec<u8>> {
		no_storage()
	}
	fn kill_child_storage(
		&mut self,
		_: &ChildInfo,
		_: Option<u32>,
		_: Option<&[u8]>,
	) -> MultiRemovalResults {
		no_storage()
	}
	fn clear_prefix(&mut self, _: &[u8], _: Option<u32>, _: Option<&[u8]>) -> MultiRemovalResults {
		no_storage()
	}
	fn clear_child_prefix(
		&mut self,
		_: &ChildInfo,
		_: &[u8],
		_: Option<u32>,
		_: Option<&[u8]>,
	) -> MultiRemovalResults {
		no_storage()
	}
	fn place_storage(&mut self, _: Vec<u8>, _: Option<Vec<u8>>) {
		no_storage()
	}
	fn place_child_storage(&mut self, _: &ChildInfo, _: Vec<u8>, _: Option<Vec<u8>>) {
		no_storage()
	}
	fn storage_root(&mut self, _: StateVersion) -> Vec<u8> {
		no_storage()
	}
	fn child_storage_root(&mut self, _: &ChildInfo, _: StateVersion) -> Vec<u8> {
		no_storage()
	}
	fn storage_append(&mut self, _: Vec<u8>, _: Vec<u8>) {
		no_storage()
	}
	fn storage_start_transaction(&mut self) {
		no_storage()
	}
	fn storage_rollback_transaction(&mut self) -> Result<(), ()> {
		no_storage()
	}
	fn storage_commit_transaction(&mut self) -> Result<(), ()> {
		no_storage()
	}
	fn wipe(&mut self) {
		no_storage()
	}
	fn commit(&mut self) {
		no_storage()
	}
	fn read_write_count(&self) -> (u32, u32, u32, u32) {
		no_storage()
	}
	fn reset_read_write_count(&mut self) {
		no_storage()
	}
	fn get_whitelist(&self) -> Vec<TrackedStorageKey> {
		no_storage()
	}
	fn set_whitelist(&mut self, _: Vec<TrackedStorageKey>) {
		no_storage()
	}
	fn get_read_and_written_keys(&self) -> Vec<(Vec<u8>, u32, u32, bool)> {
		no_storage()
	}
}

impl sp_externalities::ExtensionStore for ValidationExternalities {
	fn extension_by_type_id(&mut self, type_id: TypeId) -> Option<&mut dyn Any> {
		self.0.get_mut(type_id)
	}

	fn register_extension_with_type_id(
		&mut self,
		type_id: TypeId,
		extension: Box<dyn Extension>,
	) -> Result<(), sp_externalities::Error> {
		self.0.register_with_type_id(type_id, extension)
	}

	fn deregister_extension_by_type_id(
		&mut self,
		type_id: TypeId,
	) -> Result<(), sp_externalities::Error> {
		if self.0.deregister(type_id) {
			Ok(())
		} else {
			Err(sp_externalities::Error::ExtensionIsNotRegistered(type_id))
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_externalities::{Externalities, ExternalitiesExt};

	#[test]
	fn every_storage_access_panics() {
		let mut ext = ValidationExternalities::new(ChainLimits::default());
		let panic = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| ext.storage(b"k")))
			.expect_err("storage panics");
		assert_eq!(panic.downcast_ref::<String>().map(String::as_str), Some(NO_STORAGE));
		let set = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
			ext.place_storage(b"k".to_vec(), Some(b"v".to_vec()))
		}));
		assert!(set.is_err());
	}

	#[test]
	fn the_version_reader_reads_the_custom_section_and_refuses_code_without_one() {
		let mut ext = ValidationExternalities::new(ChainLimits::default());
		let version = relay_runtime::VERSION;
		let code = relay_runtime::WASM_BINARY.expect("built with WASM");
		let mut dyn_ext: &mut dyn Externalities = &mut ext;
		let reader = dyn_ext.extension::<ReadRuntimeVersionExt>().expect("registered");
		let read = reader
			.read_runtime_version(code, &mut ValidationExternalities::new(ChainLimits::default()));
		let read = read.expect("the relay runtime has a version section");
		let decoded = <sp_version::RuntimeVersion as codec::Decode>::decode(&mut &read[..])
			.expect("a runtime version");
		assert_eq!(decoded.spec_name, version.spec_name);
		assert_eq!(decoded.spec_version, version.spec_version);
		let bare = wat::parse_str("(module)").expect("wat");
		let refused = reader
			.read_runtime_version(&bare, &mut ValidationExternalities::new(ChainLimits::default()));
		assert!(refused.unwrap_err().contains("no runtime_version"));
	}
}
