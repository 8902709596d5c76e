#!/usr/bin/env bash
# Prints the PVF host's figures for the example parachain (release build): preparation (cold),
# execution of a cached small block and of a 1 MiB PoV through the worker process and
# in-process, and the worker round trip. Not run by CI; the README quotes its output.
#
#   scripts/bench-pvf.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

bash scripts/setup.sh
source scripts/common.sh

log "PVF host figures (release build of relay-pvf's bench)"
cargo bench --locked -p relay-pvf --bench pvf
