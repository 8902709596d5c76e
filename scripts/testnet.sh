#!/usr/bin/env bash
# Starts a local network of four validators (Alice, Bob, Charlie, Dave) and two collators of the
# example parachain (2000, a parachain; 2001, a parathread that bids for pool cores) on loopback,
# after set-up and a release build if needed. Prints each node's RPC endpoint and a polkadot.js
# Apps link, then a status line every few seconds (blocks, finality, peers, each para's head)
# until Ctrl-C, which stops every node it started.
#
#   scripts/testnet.sh            # base paths under ./testnet-data (kept between runs)
#   TESTNET_DIR=/tmp/net scripts/testnet.sh
#   TESTNET_FRESH=1 scripts/testnet.sh   # wipe the base paths first
#   RELAY_NODE_BIN=/path/to/relay-node scripts/testnet.sh   # use that binary, build nothing
#
# Ports: RPC 9944 (Alice), 9945 (Bob), 9946 (Charlie), 9947 (Dave), 9948 (collator of 2000),
# 9949 (collator of 2001); p2p 30333-30338; Prometheus 9615-9620.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

bash scripts/setup.sh
source scripts/common.sh

if [ -n "${RELAY_NODE_BIN:-}" ]; then
	BIN="$RELAY_NODE_BIN"
	[ -x "$BIN" ] || { echo "error: RELAY_NODE_BIN=$BIN is not an executable" >&2; exit 1; }
else
	log "building relay-node (release, fast-runtime)"
	cargo build --locked --release -p relay-node --features fast-runtime
	BIN="$CARGO_TARGET_DIR/release/relay-node"
fi

DATA="${TESTNET_DIR:-$ROOT/testnet-data}"
if [ "${TESTNET_FRESH:-0}" = 1 ]; then rm -rf "$DATA"; fi
mkdir -p "$DATA"

NAMES=(alice bob charlie dave)
# Alice's network key is fixed so the others can use her as bootnode.
ALICE_KEY="0000000000000000000000000000000000000000000000000000000000000001"
ALICE_PEER="$("$BIN" key inspect-node-key --file <(printf '%s' "$ALICE_KEY"))"
BOOTNODE="/ip4/127.0.0.1/tcp/30333/p2p/$ALICE_PEER"

PIDS=()
stop() {
	trap - INT TERM EXIT
	echo
	log "stopping ${#PIDS[@]} nodes"
	for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for _ in $(seq 1 20); do
		alive=0
		for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
		[ "$alive" = 0 ] && break
		sleep 0.5
	done
	for pid in "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	log "all nodes stopped; data and logs are in $DATA"
	exit 0
}
trap stop INT TERM EXIT

for i in "${!NAMES[@]}"; do
	name="${NAMES[$i]}"
	args=(--chain local "--$name" --base-path "$DATA/$name" --port $((30333 + i))
		--rpc-port $((9944 + i)) --prometheus-port $((9615 + i)) --rpc-cors all --no-mdns
		--no-telemetry)
	if [ "$name" = alice ]; then
		args+=(--node-key "$ALICE_KEY")
	else
		# Validators of a non-dev chain need a network key on disk; make one the first time.
		[ -f "$DATA/$name/chains/relay_local_testnet/network/secret_ed25519" ] ||
			"$BIN" key generate-node-key --chain local --base-path "$DATA/$name" 2>/dev/null
		args+=(--bootnodes "$BOOTNODE")
	fi
	"$BIN" "${args[@]}" >"$DATA/$name.log" 2>&1 &
	PIDS+=($!)
done

# Collators of the example parachain: 2000 (a parachain with a lease in the presets) and 2001 (a
# parathread: it bids in the fee auction for a pool core, 0.2 RLY a bid, from Ferdie's account).
COLLATORS=(2000 2001)
COLLATOR_KEYS=(//Eve //Ferdie)
for j in "${!COLLATORS[@]}"; do
	i=$((${#NAMES[@]} + j))
	para="${COLLATORS[$j]}"
	"$BIN" collator --para-id "$para" --collator-key "${COLLATOR_KEYS[$j]}" --chain local \
		--base-path "$DATA/collator-$para" --port $((30333 + i)) --rpc-port $((9944 + i)) \
		--prometheus-port $((9615 + i)) --rpc-cors all --no-mdns --no-telemetry \
		--bootnodes "$BOOTNODE" >"$DATA/collator-$para.log" 2>&1 &
	PIDS+=($!)
done

echo
for i in "${!NAMES[@]}"; do
	printf '  %-8s ws://127.0.0.1:%d   log %s\n' "${NAMES[$i]}" $((9944 + i)) "$DATA/${NAMES[$i]}.log"
done
for j in "${!COLLATORS[@]}"; do
	printf '  %-8s ws://127.0.0.1:%d   log %s   (para_head, para_state, para_stats)\n' \
		"para ${COLLATORS[$j]}" $((9944 + ${#NAMES[@]} + j)) "$DATA/collator-${COLLATORS[$j]}.log"
done
echo "  polkadot.js Apps: https://polkadot.js.org/apps/?rpc=ws://127.0.0.1:9944#/explorer"
echo "  Ctrl-C stops every node."
echo

# A block number for the status line: "-" when the node has none.
shown() { if [ "$1" = -1 ]; then echo -; else echo "$1"; fi; }

while true; do
	line="$(date +%T)"
	for i in "${!NAMES[@]}"; do
		port=$((9944 + i))
		if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
			line+="  ${NAMES[$i]}: DOWN"
			continue
		fi
		best="$(shown "$(best_number "$port")")"
		fin="$(shown "$(finalized_number "$port")")"
		peers="$(rpc "$port" system_health | sed -n 's/.*"peers":\([0-9]*\).*/\1/p')"
		line+="  ${NAMES[$i]}: best ${best:--} fin ${fin:--} peers ${peers:--}"
	done
	for j in "${!COLLATORS[@]}"; do
		i=$((${#NAMES[@]} + j))
		if ! kill -0 "${PIDS[$i]}" 2>/dev/null; then
			line+="  ${COLLATORS[$j]}: DOWN"
			continue
		fi
		head="$(rpc $((9944 + i)) para_head | sed -n 's/.*"number":\([0-9]*\).*/\1/p')"
		line+="  ${COLLATORS[$j]}: head #${head:--}"
	done
	echo "$line"
	sleep 6
done
