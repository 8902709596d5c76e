#!/usr/bin/env bash
# Generates the weights of our pallets (runtime/src/weights/<pallet>.rs): builds relay-node in
# release with `runtime-benchmarks`, then runs `relay-node benchmark pallet` for each pallet with
# the WASM executor, as the runtime runs on a validator.
#
#   scripts/benchmark.sh                 # all our pallets
#   scripts/benchmark.sh pallet_slots    # one pallet
#   STEPS=10 REPEAT=5 scripts/benchmark.sh   # a quick (less precise) run
#
# The output files say which machine produced them; commit them with the code they measure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

PALLETS=("$@")
if [ ${#PALLETS[@]} -eq 0 ]; then
	PALLETS=(pallet_validator_set pallet_paras pallet_registrar pallet_slots pallet_auctions
		pallet_crowdloan pallet_parathreads pallet_inclusion)
fi
STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"

bash scripts/setup.sh
source scripts/common.sh

log "building relay-node (release, runtime-benchmarks)"
cargo build --locked --release -p relay-node --features runtime-benchmarks
BIN="$CARGO_TARGET_DIR/release/relay-node"

for pallet in "${PALLETS[@]}"; do
	log "benchmarking $pallet (steps $STEPS, repeat $REPEAT)"
	"$BIN" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--header scripts/weights-header.txt \
		--output "runtime/src/weights/$pallet.rs"
done
log "weights written to runtime/src/weights/"
