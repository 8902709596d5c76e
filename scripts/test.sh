#!/usr/bin/env bash
# Runs every check: set-up if needed, `cargo fmt --check`, clippy with warnings denied, rustdoc of
# our library crates with warnings denied, the pallets' benchmarks as tests, every Rust
# test (unit, runtime and the integration tests that start the real `relay-node` binary), and the
# polkadot.js wallet-compatibility test against the real binary. Exits non-zero on any failure.
#
# The node and tests are built with `fast-runtime` (1-minute sessions), as local testnets are.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

bash scripts/setup.sh
# setup.sh may just have linked the offline WASM toolchain; pick it up.
source scripts/common.sh

FEATURES="relay-node/fast-runtime"

log "cargo fmt --check"
cargo fmt --all -- --check

log "clippy (warnings are errors)"
# The WASM blob is not needed to lint; building it here would only double the work.
SKIP_WASM_BUILD=1 cargo clippy --locked --workspace --all-targets --features "$FEATURES" -- -D warnings

log "docs of our library crates (warnings are errors)"
SKIP_WASM_BUILD=1 RUSTDOCFLAGS="-D warnings" cargo doc --locked --no-deps \
	-p relay-primitives -p pallet-paras -p pallet-registrar -p pallet-slots -p pallet-auctions \
	-p pallet-crowdloan -p pallet-parathreads -p pallet-inclusion -p pallet-validator-set

# Our pallets' benchmarks, linted and run as tests on the mock runtimes (they are the code that
# generates the runtime's weights).
BENCH_PALLETS=(pallet-paras pallet-registrar pallet-slots pallet-auctions pallet-crowdloan
	pallet-parathreads pallet-inclusion pallet-validator-set)
BENCH_ARGS=()
for p in "${BENCH_PALLETS[@]}"; do BENCH_ARGS+=(-p "$p" --features "$p/runtime-benchmarks"); done
log "clippy on the benchmarks"
SKIP_WASM_BUILD=1 cargo clippy --locked --all-targets "${BENCH_ARGS[@]}" -- -D warnings
log "benchmark tests"
cargo test --locked "${BENCH_ARGS[@]}" -- benchmark

log "cargo test (unit, runtime and real-binary integration tests)"
# Integration tests start several nodes each; run the test binaries one at a time so two
# networks never compete for the two cores.
cargo test --locked --no-fail-fast --workspace --features "$FEATURES" -- --test-threads=1

log "polkadot.js wallet-compatibility test (@polkadot/api 16.5.6)"
(
	cd node/tests/js
	npm ci --no-audit --no-fund --loglevel=error
	RELAY_NODE="$CARGO_TARGET_DIR/debug/relay-node" npm test
)

log "all checks passed"
