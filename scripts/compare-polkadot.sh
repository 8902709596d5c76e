#!/usr/bin/env bash
# Measures our slot-economy pallets against Polkadot's same-named pallets, as shipped in
# `westend-runtime` 40.0.0 (from the Rust registry), with one runner in one run on this machine,
# and prints per extrinsic and hook our compute time, Polkadot's, and the ratio (a Markdown table,
# also written to $CARGO_TARGET_DIR/compare-polkadot/table.md). Not run by CI.
#
#   scripts/compare-polkadot.sh                     # steps 50, repeat 20 (as scripts/benchmark.sh)
#   STEPS=10 REPEAT=5 scripts/compare-polkadot.sh   # quicker, less precise
#
# The runner is our `relay-node benchmark pallet` (release, `runtime-benchmarks`), given each
# runtime's WASM in a chain spec and its `development` genesis preset, compiled by wasmtime
# (`--wasm-execution compiled`). Our WASM is the one substrate-wasm-builder builds for the node;
# Westend's is built here with the same target, flags and profile (wasm32v1-none, release, thin
# LTO, panic = abort, `--cfg substrate_runtime`, the table and `__heap_base` exported, memory
# imported), with `runtime-benchmarks` and without `std`, so neither side is favoured.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

# The Polkadot runtime we compare with (same polkadot-sdk release, stable2609, as ours).
WESTEND_VERSION="40.0.0"
STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
# Ours, then Polkadot's pallet of the same name in `westend-runtime`.
PAIRS=(
	"pallet_registrar polkadot_runtime_common::paras_registrar"
	"pallet_slots polkadot_runtime_common::slots"
	"pallet_auctions polkadot_runtime_common::auctions"
	"pallet_crowdloan polkadot_runtime_common::crowdloan"
)
WORK="$CARGO_TARGET_DIR/compare-polkadot"
mkdir -p "$WORK/westend-wasm" "$WORK/figures"

bash scripts/setup.sh
source scripts/common.sh
# The lint wrapper is for our workspace only.
unset RUSTC_WORKSPACE_WRAPPER

log "building relay-node (release, runtime-benchmarks): the runner and our runtime's WASM"
cargo build --locked --release -p relay-node --features runtime-benchmarks
BIN="$CARGO_TARGET_DIR/release/relay-node"
cp "$CARGO_TARGET_DIR/release/wbuild/relay-runtime/relay_runtime.wasm" "$WORK/ours.wasm"

log "building westend-runtime $WESTEND_VERSION's WASM (runtime-benchmarks)"
cat >"$WORK/westend-wasm/Cargo.toml" <<TOML
[package]
name = "westend-runtime-blob"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]
name = "westend_runtime"
path = "lib.rs"

[dependencies]
wasm-project = { package = "westend-runtime", version = "=$WESTEND_VERSION", default-features = false, features = ["runtime-benchmarks"] }

[profile.release]
panic = "abort"
lto = "thin"

[workspace]
resolver = "2"
TOML
echo '#![no_std] #![allow(unused_imports)] pub use wasm_project::*;' >"$WORK/westend-wasm/lib.rs"
# Start from our lock file so the shared crates resolve to the versions our runtime uses.
[ -f "$WORK/westend-wasm/Cargo.lock" ] || cp Cargo.lock "$WORK/westend-wasm/Cargo.lock"
toolchain=()
[ -n "${WASM_BUILD_TOOLCHAIN:-}" ] && toolchain=("+$WASM_BUILD_TOOLCHAIN")
(
	cd "$WORK/westend-wasm"
	RUSTFLAGS="-C link-arg=--export-table -C link-arg=--export=__heap_base \
-C link-arg=--import-memory --cfg substrate_runtime" \
		CARGO_TARGET_DIR="$WORK/target" \
		cargo "${toolchain[@]}" build --release --target wasm32v1-none
)
cp "$WORK/target/wasm32v1-none/release/westend_runtime.wasm" "$WORK/westend.wasm"

# A chain spec around each WASM, so both start from their own `development` genesis preset. (With
# `--runtime`, our node's runner would still build the genesis state from its own `--chain`.)
for side in ours westend; do
	python3 - "$WORK/$side.wasm" "$WORK/$side.spec.json" <<'PY'
import json, sys
code = open(sys.argv[1], "rb").read().hex()
json.dump({"name": "benchmarks", "id": "benchmarks", "chainType": "Development", "bootNodes": [],
           "telemetryEndpoints": None, "protocolId": None, "properties": None,
           "forkBlocks": None, "badBlocks": None, "lightSyncState": None, "codeSubstitutes": {},
           "genesis": {"runtimeGenesis": {"code": "0x" + code, "patch": {}}}},
          open(sys.argv[2], "w"))
PY
done

bench() { # SIDE PALLET OUT
	"$BIN" benchmark pallet \
		--chain "$WORK/$1.spec.json" \
		--genesis-builder spec-runtime \
		--genesis-builder-preset development \
		--pallet "$2" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template scripts/compare-polkadot.hbs \
		--output "$3" >"$3.log" 2>&1 || {
		tail -20 "$3.log" >&2
		echo "benchmark of $2 failed (log: $3.log)" >&2
		exit 1
	}
}

started=$(date +%s)
table="$WORK/table.md"
{
	echo "| pallet | extrinsic or hook | at | ours | Polkadot's (Westend) | ours / Polkadot's |"
	echo "|---|---|---|---:|---:|---:|"
} >"$table"
for pair in "${PAIRS[@]}"; do
	read -r ours theirs <<<"$pair"
	log "benchmarking $ours and $theirs (steps $STEPS, repeat $REPEAT)"
	bench ours "$ours" "$WORK/figures/$ours.txt"
	bench westend "$theirs" "$WORK/figures/$theirs.txt"
	python3 scripts/compare-polkadot.py "$ours" "$WORK/figures/$ours.txt" \
		"$theirs" "$WORK/figures/$theirs.txt" >>"$table"
done
log "done in $(($(date +%s) - started)) s on $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
log "compute time only (base weight + slopes; database reads and writes left out), steps $STEPS, repeat $REPEAT"
cat "$table"
