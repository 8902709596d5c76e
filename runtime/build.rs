//! Builds two WASM modules with substrate-wasm-builder (`wasm32v1-none`):
//!
//! 1. the example parachain's validation function (`example-para` with its `pvf` feature), which
//!    the genesis presets register for paras 2000 and 2001; its bytes come in through
//!    `OUT_DIR/example_para_wasm.rs`;
//! 2. the runtime itself. With the `metadata-hash` feature the metadata hash is computed and baked
//!    in, so `CheckMetadataHash` can check `mode = 1` transactions.
//!
//! The runtime's WASM build is a nested cargo that inherits this script's environment, so the
//! path of the example para's file reaches that build (where `OUT_DIR` is another directory)
//! through the `RELAY_EXAMPLE_PARA_WASM_RS` variable set here.

/// The file, in `OUT_DIR`, that holds the example para's WASM (`WASM_BINARY`).
#[cfg(feature = "std")]
const EXAMPLE_PARA_WASM_RS: &str = "example_para_wasm.rs";

#[cfg(feature = "std")]
fn main() {
	let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
	let example_para = std::path::Path::new(&manifest_dir).join("example-para/Cargo.toml");
	match substrate_wasm_builder::WasmBuilder::new().with_project(example_para.clone()) {
		Ok(builder) => builder
			.enable_feature("pvf")
			.disable_runtime_version_section_check()
			.set_file_name(EXAMPLE_PARA_WASM_RS)
			.build(),
		Err(e) => {
			eprintln!("cannot build the example para from {}: {e}", example_para.display());
			std::process::exit(1);
		},
	}
	let out_dir = std::env::var("OUT_DIR").unwrap_or_default();
	let file = std::path::Path::new(&out_dir).join(EXAMPLE_PARA_WASM_RS);
	// Read by the nested cargo that `build_runtime` starts (see the module docs).
	std::env::set_var("RELAY_EXAMPLE_PARA_WASM_RS", &file);
	build_runtime();
}

#[cfg(all(feature = "std", feature = "metadata-hash"))]
fn build_runtime() {
	substrate_wasm_builder::WasmBuilder::init_with_defaults()
		.enable_metadata_hash(
			relay_primitives::constants::currency::TOKEN_SYMBOL,
			relay_primitives::constants::currency::TOKEN_DECIMALS,
		)
		.build();
}

#[cfg(all(feature = "std", not(feature = "metadata-hash")))]
fn build_runtime() {
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

#[cfg(not(feature = "std"))]
fn main() {}
