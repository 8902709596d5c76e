#!/usr/bin/env bash
# The slot economy on a live local testnet, in one command, narrated block by block:
#
#   1. Eve reserves a para id and registers the example para's code and genesis head under it
#      (`relay-node export-genesis-wasm` / `export-genesis-head --para-id N`), funds a collator
#      account and starts the para's collator, which bids for blockspace as a parathread (0.3 RLY
#      a block) against the collator of the example parathread 2001 (0.2 RLY);
#   2. Eve opens a crowdloan for periods p..p+1 and Bob one for 2001 on p..p+3; Charlie, Dave and
#      Ferdie contribute to the first, Alice and Bob to the second;
#   3. sudo starts an auction (the chain's auction origin is root) timed so bidding ends at the
#      first block of period p; Charlie bids for 2001 on a range overlapping the new para's, and
#      Dave bids late, in the ending period, on one overlapping Charlie's;
#   4. the candle closes the auction on a random sample (the winners must be that sample's), the
#      new para's lease starts and it becomes a parachain at the next session; its blocks are
#      included on its own core; the losing crowdloan is refunded and dissolved.
#
# It prints a timeline (block, phase, what happened: leaders of each range, the candle's sample,
# fee-auction clearings) and a summary (steps, winners, crowdloans raised and refunded, leases,
# blocks included per para, parathread fees paid and burned). It exits non-zero if any step did
# not happen within ECONOMY_TIMEOUT_S (1,500 s). About 11 minutes at 6-second blocks.
#
#   scripts/testnet.sh                 # in one terminal: 4 validators + collators of 2000, 2001
#   scripts/economy.sh                 # in another, against ws://127.0.0.1:9944
#   scripts/economy.sh --with-testnet  # starts scripts/testnet.sh itself (fresh, in a temporary
#                                      # directory unless TESTNET_DIR is set) and stops it after
#
# RELAY_NODE_BIN picks the binary (default: the release build scripts/testnet.sh makes). The new
# collator's files go to ECONOMY_DIR (default: testnet-data/economy).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

WITH_TESTNET=0
for arg in "$@"; do
	case "$arg" in
	--with-testnet) WITH_TESTNET=1 ;;
	-h | --help)
		sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "error: unknown argument $arg (see --help)" >&2
		exit 2
		;;
	esac
done

RPC_PORT=9944
# Bound on the testnet answering and producing blocks after it starts (a release build, if
# scripts/testnet.sh has to make one, comes before and is not counted).
TESTNET_START_TIMEOUT_S=180

if [ ! -d scripts/economy/node_modules ]; then
	log "installing polkadot.js for the economy script (npm ci)"
	(cd scripts/economy && npm ci --no-audit --no-fund --loglevel=error)
fi

TESTNET_PID=""
stop_testnet() {
	if [ -n "$TESTNET_PID" ] && kill -0 "$TESTNET_PID" 2>/dev/null; then
		log "stopping the testnet"
		kill -TERM "$TESTNET_PID" 2>/dev/null || true
		wait "$TESTNET_PID" 2>/dev/null || true
	fi
}

if [ "$WITH_TESTNET" = 1 ]; then
	if [ "$(best_number "$RPC_PORT")" != -1 ]; then
		echo "error: a node already answers on 127.0.0.1:$RPC_PORT; stop it or run without --with-testnet" >&2
		exit 1
	fi
	export TESTNET_DIR="${TESTNET_DIR:-$(mktemp -d /tmp/relay-economy.XXXXXX)}"
	export TESTNET_FRESH=1
	log "starting scripts/testnet.sh (data and logs in $TESTNET_DIR)"
	trap stop_testnet EXIT
	bash scripts/testnet.sh >"$TESTNET_DIR.testnet.out" 2>&1 &
	TESTNET_PID=$!
	# Wait for the release build (if any), then for blocks.
	while ! grep -q 'Ctrl-C stops every node' "$TESTNET_DIR.testnet.out" 2>/dev/null; do
		if ! kill -0 "$TESTNET_PID" 2>/dev/null; then
			cat "$TESTNET_DIR.testnet.out" >&2
			echo "error: scripts/testnet.sh stopped before starting the network" >&2
			exit 1
		fi
		sleep 2
	done
	deadline=$(($(date +%s) + TESTNET_START_TIMEOUT_S))
	until [ "$(best_number "$RPC_PORT")" -ge 2 ]; do
		if [ "$(date +%s)" -gt "$deadline" ]; then
			tail -n 20 "$TESTNET_DIR.testnet.out" "$TESTNET_DIR"/alice.log >&2 || true
			echo "error: the testnet produced no block #2 within ${TESTNET_START_TIMEOUT_S} s" >&2
			exit 1
		fi
		sleep 2
	done
	export ECONOMY_DIR="${ECONOMY_DIR:-$TESTNET_DIR/economy}"
fi

if [ "$(best_number "$RPC_PORT")" = -1 ]; then
	echo "error: no node answers on 127.0.0.1:$RPC_PORT: start scripts/testnet.sh first (or pass --with-testnet)" >&2
	exit 1
fi

BIN="${RELAY_NODE_BIN:-$CARGO_TARGET_DIR/release/relay-node}"
if [ ! -x "$BIN" ]; then
	echo "error: $BIN is not an executable: run scripts/testnet.sh once (it builds it) or set RELAY_NODE_BIN" >&2
	exit 1
fi

log "economy run against ws://127.0.0.1:$RPC_PORT (binary $BIN)"
RELAY_NODE="$BIN" ECONOMY_RPC="ws://127.0.0.1:$RPC_PORT" node scripts/economy/economy.mjs
