#!/usr/bin/env bash
# Runs every check: set-up if needed, `cargo fmt --check`, clippy on every target with warnings
# denied, rustdoc of our library crates with warnings denied, the pallets' benchmarks linted and
# run as tests, every Rust test (unit, property, runtime with every pallet's `try_state`, and the
# integration tests that start the real `relay-node` binary), and the polkadot.js tests against
# the real binary. Last, the slot economy runs on a local testnet (scripts/economy.sh
# --with-testnet), and the network is launched under zombienet (scripts/zombienet.sh) and
# checked. Exits non-zero on any failure. It first prints a speed probe's figure
# (scripts/speed-probe.sh), then the time of every stage as it goes, and a table of them with the
# probe's figure at the end.
#
# One build does the compiling, the linting and the documenting, with every feature a check
# needs: cargo compiles each dependency once with plain rustc, and our crates with
# `scripts/lint-rustc.sh`, which runs clippy-driver (rustc plus clippy's lints, `-D warnings`)
# and, for libraries, rustdoc (`-D warnings`) on the same arguments. Every later cargo command uses
# the same packages, features and environment, so it reuses that build instead of compiling again.
#
# The node and tests are built with `fast-runtime` durations (10-block sessions, 30-block lease
# periods), as local testnets are, and with 2-second blocks (`short-blocks`, never in a release),
# so the flows that wait on blocks take a third of the time.
#
#   RELAY_TIMINGS=1 scripts/test.sh   # also write cargo's --timings report of each build
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

STAGE_NAMES=()
STAGE_SECS=()
RUN_START=$(date +%s)
PROBE=""

# stage NAME COMMAND...: runs COMMAND as one timed stage of the run.
stage() {
	local name="$1"
	shift
	log "$name"
	local start
	start=$(date +%s)
	"$@"
	local secs=$(($(date +%s) - start))
	STAGE_NAMES+=("$name")
	STAGE_SECS+=("$secs")
	log "$name: ${secs} s"
}

print_stages() {
	echo
	log "stage times (${PROBE})"
	local i
	for i in "${!STAGE_NAMES[@]}"; do
		printf '  %6d s  %s\n' "${STAGE_SECS[$i]}" "${STAGE_NAMES[$i]}"
	done
	printf '  %6d s  total\n' "$(($(date +%s) - RUN_START))"
}

# First, how fast this machine is today (scripts/speed-probe.sh: a few seconds of rustc -O on a
# fixed file), so the stage times below can be compared with other days' runs.
PROBE="$(bash scripts/speed-probe.sh)"
log "$PROBE"

setup() {
	bash scripts/setup.sh
}
stage "set-up (apt packages, WASM target)" setup
# setup.sh may just have linked the offline WASM toolchain; pick it up.
source scripts/common.sh

TIMINGS=()
if [ "${RELAY_TIMINGS:-0}" = 1 ]; then TIMINGS=(--timings); fi

# Every cargo command below compiles our crates through the lint wrapper, with `-D warnings` for
# clippy, so they all share one fingerprint and reuse each other's artifacts.
export RUSTC_WORKSPACE_WRAPPER="$ROOT/scripts/lint-rustc.sh"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
export RELAY_CLIPPY_DRIVER
RELAY_CLIPPY_DRIVER="$(rustup which clippy-driver 2>/dev/null || command -v clippy-driver)"

# Linking: rustc (1.90 and later) links x86_64 Linux binaries with its own rust-lld, which here
# links as fast as Debian's mold and lld (measured: scripts/README.md, "test.sh"), so no other linker.

# The workspace as the tests use it: every package, the node with `fast-runtime` durations and
# 2-second blocks (`short-blocks`, a test-only feature), so live flows wait a third as long. The
# checks that need other features of the runtime side share this one build: `try-runtime` (every
# pallet's `try_state`, FRAME's included, after each block of the runtime tests) and
# `runtime-benchmarks` (the benchmarks are linted and run as tests; the runtime compiles with
# them), as Polkadot's CI tests with them. They reach the native crates only: `short-blocks`
# keeps them out of the WASM runtime the test networks run (`relay-runtime/native-only-checks`).
WS=(--locked --workspace
	--features relay-node/short-blocks,relay-runtime/try-runtime,relay-runtime/runtime-benchmarks)

stage "cargo fmt --check" cargo fmt --all -- --check

build_workspace() {
	rm -rf "$CARGO_TARGET_DIR/doc"
	mkdir -p "$CARGO_TARGET_DIR/doc"
	RELAY_DOC_DIR="$CARGO_TARGET_DIR/doc" cargo build "${WS[@]}" --all-targets "${TIMINGS[@]}"
}
stage "build every target, with clippy and rustdoc of our crates (warnings are errors)" build_workspace

# The example para's WASM exports (allocator, panic handler, `alloc`, `validate_block`) exist only
# in its wasm32 build, which the runtime's build script compiles without lints: lint them here.
lint_example_para_wasm() {
	if ! rustup target list --installed 2>/dev/null | grep -qx 'wasm32v1-none'; then
		echo "the default toolchain has no wasm32v1-none target (offline WASM toolchain): not linted"
		return 0
	fi
	env -u RUSTC_WORKSPACE_WRAPPER cargo clippy --locked -p example-para --target wasm32v1-none \
		--no-default-features --features pvf -- -D warnings
}
stage "clippy of the example para's WASM exports (warnings are errors)" lint_example_para_wasm

# Unit, property and runtime tests, and the benchmarks run as tests on the mock runtimes (they
# generate the runtime's weights). The runtime tests run every pallet's `try_state` after each
# block (`check_every_pallet`), FRAME's included since the build has `try-runtime`.
stage "unit, property, runtime and benchmark tests" cargo test "${WS[@]}" --lib --bins

stage "doc tests" cargo test "${WS[@]}" --doc
# polkadot.js, for the JS tests and for the upgrade test's client (node/tests/js/upgrade-client.mjs).
stage "install polkadot.js (npm ci)" \
	bash -c 'cd node/tests/js && npm ci --no-audit --no-fund --loglevel=error'

# The live stages wait on blocks far more than they compute: a network of four validators and
# three collators in 2-second blocks keeps about 15 % of the two cores busy between node starts.
# So they run in two lanes at once. Lane 1, in the foreground: the integration tests, one test at
# a time (`--test-threads=1`), but for the live runtime upgrade. Lane 2, in the background (its
# output goes to a file, printed when it ends): the polkadot.js tests, then the slot economy on a
# local testnet, then the zombienet launch, then the live runtime upgrade (the integration test
# binary run for that one test, so the two lanes take about as long). Their networks take ports
# the OS hands out, but for the testnet's fixed ones (9944-9949, 30333-30338, 9615-9620), below
# the OS's range for those.

# A subshell: the stages after it run from the checkout's root.
js_tests() (
	cd node/tests/js
	RELAY_NODE="$CARGO_TARGET_DIR/debug/relay-node" npm test
)
# The slot economy on scripts/testnet.sh's network, end to end (scripts/economy.sh), on the test
# build: the same steps as on a release build, in 2-second blocks.
economy() {
	RELAY_NODE_BIN="$CARGO_TARGET_DIR/debug/relay-node" bash "$ROOT/scripts/economy.sh" --with-testnet
}
# The same network under zombienet (native provider), as the ecosystem launches networks.
zombienet_launch() {
	RELAY_NODE="$CARGO_TARGET_DIR/debug/relay-node" bash "$ROOT/scripts/zombienet.sh" test
}

# The integration test that lane 2 runs, and the test binary it runs it from (already built).
LANE_TWO_TEST="upgrade::a_runtime_upgrade_on_a_live_network_keeps_blocks_finality_and_state"
INTEGRATION_BIN="$(cargo test "${WS[@]}" --test integration --no-run --message-format=json |
	grep '"name":"integration"' | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)"
if [ ! -x "$INTEGRATION_BIN" ]; then
	echo "error: the integration test binary was not found (cargo test --no-run)" >&2
	exit 1
fi
# As cargo runs it: from the package's directory.
lane_two_upgrade() (
	cd node
	"$INTEGRATION_BIN" --exact "$LANE_TWO_TEST" --test-threads=1
)

LANE_DIR="$(mktemp -d)"
LANE_PID=""
# Lane 2's stages, with their times in $LANE_DIR/times (name and seconds, tab-separated).
lane_two() {
	STAGE_NAMES=()
	STAGE_SECS=()
	stage "polkadot.js tests (@polkadot/api 16.5.6)" js_tests
	stage "economy (scripts/economy.sh --with-testnet: registration, crowdloans, candle auction, lease, fee auction)" \
		economy
	stage "zombienet launch (@zombienet/cli 1.3.138: 4 validators, collators of 2000 and 2001)" \
		zombienet_launch
	stage "integration test: $LANE_TWO_TEST" lane_two_upgrade
	local i
	for i in "${!STAGE_NAMES[@]}"; do
		printf '%s\t%s\n' "${STAGE_SECS[$i]}" "${STAGE_NAMES[$i]}"
	done >"$LANE_DIR/times"
}
# On any exit: lane 2's processes (its own process group: npm, the testnet, zombienet and the
# nodes they started) are stopped, and its temporary files removed.
stop_lane_two() {
	if [ -n "$LANE_PID" ] && kill -0 "$LANE_PID" 2>/dev/null; then
		log "stopping lane 2 (its output so far: $LANE_DIR/output)"
		tail -n 40 "$LANE_DIR/output" || true
		kill -TERM -- "-$LANE_PID" 2>/dev/null || true
		wait "$LANE_PID" 2>/dev/null || true
	fi
	rm -rf "$LANE_DIR"
}
trap stop_lane_two EXIT

LIVE_START=$(date +%s)
log "live lane 2 starts in the background: polkadot.js tests, economy, zombienet launch, upgrade"
set -m # lane 2 in its own process group, so it can be stopped whole
(
	set -e
	lane_two
) >"$LANE_DIR/output" 2>&1 &
LANE_PID=$!
set +m

stage "integration tests (real binaries: relay-node networks, the PVF worker; lane 1)" \
	cargo test "${WS[@]}" --test '*' -- --test-threads=1 --skip "$LANE_TWO_TEST"

log "waiting for live lane 2"
lane_status=0
wait "$LANE_PID" || lane_status=$?
LANE_PID=""
log "live lane 2's output"
cat "$LANE_DIR/output"
if [ "$lane_status" != 0 ]; then
	log "live lane 2 failed (exit $lane_status)"
	exit "$lane_status"
fi
while IFS=$'\t' read -r secs name; do
	STAGE_NAMES+=("$name (lane 2)")
	STAGE_SECS+=("$secs")
done <"$LANE_DIR/times"
STAGE_NAMES+=("live stages, both lanes (wall time)")
STAGE_SECS+=("$(($(date +%s) - LIVE_START))")

print_stages
log "all checks passed"
