//! Builds two WASM modules with substrate-wasm-builder (`wasm32v1-none`):
//!
//! 1. the example parachain's validation function (`example-para` with its `pvf` feature), which
//!    the genesis presets register for paras 2000 and 2001; its bytes come in through
//!    `OUT_DIR/example_para_wasm.rs`;
//! 2. the runtime itself. With the `metadata-hash` feature the metadata hash is computed and baked
//!    in, so `CheckMetadataHash` can check `mode = 1` transactions;
//! 3. with the `upgrade-test-wasm` feature (the test suite's), the runtime a second time as the
//!    live upgrade test's next version (see `build_upgrade_test_runtime`).
//!
//! With `native-only-checks` (the test suite's build), `try-runtime` and `runtime-benchmarks` reach
//! the native crate only (its tests, the benchmarks run as tests, clippy), not the WASM runtimes:
//! the networks the tests start run a runtime with a release's features (see
//! `strip_native_only_features`).
//!
//! The runtime's WASM build is a nested cargo that inherits this script's environment, so the
//! path of the example para's file reaches that build (where `OUT_DIR` is another directory)
//! through the `RELAY_EXAMPLE_PARA_WASM_RS` variable set here.

/// The file, in `OUT_DIR`, that holds the example para's WASM (`WASM_BINARY`).
#[cfg(feature = "std")]
const EXAMPLE_PARA_WASM_RS: &str = "example_para_wasm.rs";

#[cfg(feature = "std")]
fn main() {
	#[cfg(feature = "native-only-checks")]
	strip_native_only_features();
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
	#[cfg(feature = "upgrade-test-wasm")]
	build_upgrade_test_runtime();
}

/// The cargo features that `native-only-checks` keeps out of the WASM builds.
#[cfg(all(feature = "std", feature = "native-only-checks"))]
const NATIVE_ONLY_FEATURES: [&str; 2] = ["TRY_RUNTIME", "RUNTIME_BENCHMARKS"];

/// substrate-wasm-builder enables in a WASM build every feature of the crate that is on in this
/// build script's environment (`CARGO_FEATURE_*`); taking the native-only ones out of it keeps
/// them out of the WASM runtimes. The upgrade test's runtime enables `try-runtime` again by name.
#[cfg(all(feature = "std", feature = "native-only-checks"))]
fn strip_native_only_features() {
	for feature in NATIVE_ONLY_FEATURES {
		std::env::remove_var(format!("CARGO_FEATURE_{feature}"));
	}
}

/// The upgrade test's second build of the runtime (`relay_runtime::upgrade_test_wasm`): the same
/// crate with `upgrade-test` (one `spec_version` higher, a counted migration) and `try-runtime`.
/// It shares the first build's WASM target directory, so only the runtime crate and the crates
/// whose `try-runtime` features differ are compiled again. No metadata hash: the test's clients
/// sign with `CheckMetadataHash` mode 0.
#[cfg(all(feature = "std", feature = "upgrade-test-wasm"))]
fn build_upgrade_test_runtime() {
	substrate_wasm_builder::WasmBuilder::new()
		.with_current_project()
		.enable_feature("upgrade-test")
		.enable_feature("try-runtime")
		.set_file_name(UPGRADE_TEST_WASM_RS)
		.build();
}

/// The file, in `OUT_DIR`, that holds the upgrade test's runtime WASM.
#[cfg(all(feature = "std", feature = "upgrade-test-wasm"))]
const UPGRADE_TEST_WASM_RS: &str = "upgrade_test_wasm.rs";

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
