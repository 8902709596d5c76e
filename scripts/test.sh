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
# three collators in 2-second blocks keeps about 15 % of the two cores busy between node starts
# (every node start compiles the runtime, a few seconds of a core). So most of them run in three
# lanes at once. Not the parachain tests: they measure how often a para's head advances (at
# least 80 % of 30 relay blocks), and beside other networks' node starts they measured 60 % once;
# they run first, alone.
#
# Then lane 1, in the foreground: the other integration tests, one at a time
# (`--test-threads=1`), but for the live runtime upgrade. Lanes 2 and 3 in the background (each
# one's output goes to a file, printed when it ends): lane 2 the polkadot.js tests, the zombienet
# launch and the live runtime upgrade (run from the integration test binary), lane 3 the slot
# economy on a local testnet. Their networks take ports the OS hands out, but for the testnet's
# fixed ones (9944-9949, 30333-30338, 9615-9620), below the OS's range for those.

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

# The integration tests that do not run in lane 1, and the test binary (already built).
ALONE_TESTS="parachains::"
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
lane_two() {
	stage "polkadot.js tests (@polkadot/api 16.5.6)" js_tests
	stage "zombienet launch (@zombienet/cli 1.3.138: 4 validators, collators of 2000 and 2001)" \
		zombienet_launch
	stage "integration test: $LANE_TWO_TEST" lane_two_upgrade
}
lane_three() {
	stage "economy (scripts/economy.sh --with-testnet: registration, crowdloans, candle auction, lease, fee auction)" \
		economy
}

LANE_DIR="$(mktemp -d)"
LANE_PIDS=()
# start_lane N FUNCTION: runs FUNCTION's stages in the background, in their own process group
# (so the lane can be stopped whole: npm, the testnet, zombienet and the nodes they start), with
# its output in $LANE_DIR/N.out and its stage times in $LANE_DIR/N.times.
start_lane() {
	log "live lane $1 starts in the background ($2)"
	set -m
	(
		set -e
		STAGE_NAMES=()
		STAGE_SECS=()
		"$2"
		for i in "${!STAGE_NAMES[@]}"; do
			printf '%s\t%s\n' "${STAGE_SECS[$i]}" "${STAGE_NAMES[$i]}"
		done >"$LANE_DIR/$1.times"
	) >"$LANE_DIR/$1.out" 2>&1 &
	LANE_PIDS[$1]=$!
	set +m
}
# On any exit: the lanes still running are stopped (their output so far shown), and the
# temporary files removed.
stop_lanes() {
	local n
	for n in "${!LANE_PIDS[@]}"; do
		if kill -0 "${LANE_PIDS[$n]}" 2>/dev/null; then
			log "stopping live lane $n; its output so far:"
			tail -n 40 "$LANE_DIR/$n.out" || true
			kill -TERM -- "-${LANE_PIDS[$n]}" 2>/dev/null || true
			wait "${LANE_PIDS[$n]}" 2>/dev/null || true
		fi
	done
	rm -rf "$LANE_DIR"
}
trap stop_lanes EXIT

LIVE_START=$(date +%s)
stage "integration tests: parachain blocks on live networks (alone)" \
	cargo test "${WS[@]}" --test integration -- --test-threads=1 "$ALONE_TESTS"

LANES_START=$(date +%s)
start_lane 2 lane_two
start_lane 3 lane_three
stage "integration tests: the others (real binaries: relay-node, networks, the PVF worker; lane 1)" \
	cargo test "${WS[@]}" --test '*' -- --test-threads=1 --skip "$ALONE_TESTS" --skip "$LANE_TWO_TEST"

failed=0
for n in 2 3; do
	log "waiting for live lane $n"
	status=0
	wait "${LANE_PIDS[$n]}" || status=$?
	unset "LANE_PIDS[$n]"
	log "live lane $n's output"
	cat "$LANE_DIR/$n.out"
	if [ "$status" != 0 ]; then
		log "live lane $n failed (exit $status)"
		failed=1
		continue
	fi
	while IFS=$'\t' read -r secs name; do
		STAGE_NAMES+=("$name (lane $n)")
		STAGE_SECS+=("$secs")
	done <"$LANE_DIR/$n.times"
done
[ "$failed" = 0 ] || exit 1
STAGE_NAMES+=("the three lanes (wall time)" "live stages in all (wall time)")
STAGE_SECS+=("$(($(date +%s) - LANES_START))" "$(($(date +%s) - LIVE_START))")

print_stages
log "all checks passed"
