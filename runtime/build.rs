//! Builds the runtime to WASM (`wasm32v1-none`) with substrate-wasm-builder. With the
//! `metadata-hash` feature the metadata hash is computed and baked in, so `CheckMetadataHash`
//! can check `mode = 1` transactions.

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn main() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(
			relay_primitives::constants::currency::TOKEN_SYMBOL,
			relay_primitives::constants::currency::TOKEN_DECIMALS,
		)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn main() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
