#!/usr/bin/env bash
# Fuzzes the slot economy at scale (not part of CI): runs the integration tests' random tests in
# a release build with CASES sequences each, with every invariant (issuance conserved, every hold
# equal to what its owner owes, each pallet's try_state) checked after every operation that
# changed state and every block (in the final wind-down, at each lease-period start):
#   - random_operations: random operations across registrar, slots, auctions, crowdloan,
#     parathreads and inclusion, under random lease offsets, then a wind-down in which every
#     account must end whole;
#   - random_scenarios: contributions, bids, withdrawals and refunds over two auctions.
# Prints, per test, the sequences run, the wall time and pass/fail, with the share of random
# operations that succeeded; on a failure, proptest's minimal failing input and the seed that
# replays the run. Exits non-zero on a failure.
#
#   scripts/fuzz.sh [CASES]    # sequences per test; default $RELAY_FUZZ_CASES, else 100000
#
# Environment: RELAY_FUZZ_THREADS shares the sequences among threads (default: the number of
# CPUs); RELAY_FUZZ_SEED=<u64> replays a run (with the same CASES and threads); FUZZ_TESTS names
# the tests to run (default "random_operations random_scenarios"); FUZZ_JOBS is cargo's -j for
# the build (default 1); FUZZ_LOG is the full output (default $CARGO_TARGET_DIR/fuzz.log).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

CASES="${1:-${RELAY_FUZZ_CASES:-100000}}"
if ! [[ "$CASES" =~ ^[1-9][0-9]*$ ]]; then
	echo "usage: $0 [CASES]  (CASES: a positive number of sequences per test)" >&2
	exit 2
fi
export RELAY_FUZZ_CASES="$CASES"
export RELAY_FUZZ_THREADS="${RELAY_FUZZ_THREADS:-$(nproc)}"
TESTS="${FUZZ_TESTS:-random_operations random_scenarios}"
LOG="${FUZZ_LOG:-$CARGO_TARGET_DIR/fuzz.log}"
CARGO=(cargo test --locked --release -p onboarding-integration-tests --lib)

log "Building the integration tests (release)"
"${CARGO[@]}" -j "${FUZZ_JOBS:-1}" --no-run

: >"$LOG"
failed=0
summary=()
for test in $TESTS; do
	case "$test" in
	random_operations)
		name="random_operations::random_operation_sequences_keep_every_balance_accounted_for"
		;;
	random_scenarios) name="scenarios::random_scenarios_keep_every_balance_accounted_for" ;;
	*)
		echo "unknown test $test (random_operations or random_scenarios)" >&2
		exit 2
		;;
	esac
	seed="${RELAY_FUZZ_SEED:+ (RELAY_FUZZ_SEED=$RELAY_FUZZ_SEED)}"
	log "$test: $CASES sequences on $RELAY_FUZZ_THREADS threads$seed"
	out="$(mktemp)"
	start=$(date +%s)
	status=0
	"${CARGO[@]}" -- --exact "$name" --nocapture --test-threads 1 >"$out" 2>&1 || status=$?
	seconds=$(($(date +%s) - start))
	sed -i 's/\x1b\[[0-9;]*m//g' "$out" # the runtime's log colours
	cat "$out" >>"$LOG"
	# The pallets log (not fail) on a few defensive paths; count them rather than print each.
	logged="$(grep -c ' ERROR ' "$out" || true)"
	# The test's report: the count, time and seed, then the share of operations that succeeded.
	grep -v ' ERROR ' "$out" | awk -v t="$test: " '
		!on && (i = index($0, t)) { on = 1; $0 = substr($0, i) }
		on && /^$/ { exit }
		on { print }' || true
	if [ "$status" = 0 ]; then
		result="passed"
	else
		result="FAILED"
		failed=1
		# proptest's minimal failing input, the reason and the seed that replays the run.
		grep -v ' ERROR ' "$out" | sed -n '/panicked at/,/replays this run/p'
	fi
	if [ "$logged" != 0 ]; then
		echo "  runtime error logs: $logged, by message:"
		grep ' ERROR ' "$out" | sed -E 's/.*ERROR[^ ]* *//; s/[0-9]+/N/g' |
			sort | uniq -c | sort -rn | head -5
	fi
	rm -f "$out"
	summary+=("$test: $CASES sequences, $seconds s, $result")
done

log "Summary (full output: $LOG)"
printf '  %s\n' "${summary[@]}"
exit "$failed"
