#!/usr/bin/env bash
# Regenerates the PVF host's Cumulus fixture (not part of CI; the fixture files are committed):
# builds node/pvf/cumulus-fixture, a crate outside the workspace that depends on the published
# glutton-westend-runtime 35.0.0 (polkadot-sdk stable2609), and runs it: the runtime produces
# block 1 of its chain natively, as a collator would (inherents, storage proof, Aura seal), and
# the tool writes the runtime's compressed WASM, the candidate's ValidationParams and the head
# it must produce into node/pvf/tests/fixtures/. `cargo test -p relay-pvf --test host glutton`
# then checks that our PVF host validates that block with that WASM alone.
#
#   scripts/cumulus-pvf-fixture.sh          # writes node/pvf/tests/fixtures/
#   scripts/cumulus-pvf-fixture.sh DIR      # writes DIR instead (to look before replacing)
#
# Environment: CUMULUS_TARGET_DIR is the build's target directory (default
# ~/.cache/relay-chain/cumulus-target; kept apart from the workspace's, whose feature set
# differs). Cold build here: about 14 minutes (glutton's WASM alone is 13).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT/node/pvf/cumulus-fixture"

export CARGO_TARGET_DIR="${CUMULUS_TARGET_DIR:-$HOME/.cache/relay-chain/cumulus-target}"
# The runtime's WASM build looks for the workspace from its output directory; tell it.
export WASM_BUILD_WORKSPACE_HINT="$PWD"
log "Building the fixture tool (glutton-westend-runtime 35.0.0) into $CARGO_TARGET_DIR"
start=$(date +%s)
cargo build --locked
log "Built in $(($(date +%s) - start)) s; producing glutton's block 1"
OUT="${1:-$ROOT/node/pvf/tests/fixtures}"
cargo run --locked --quiet -- "$OUT"
ls -l "$OUT"
