#!/usr/bin/env bash
# Bring your own parachain: an unmodified Cumulus collator on this relay chain, end to end.
# Opt-in (not part of CI: its cold build alone is about 42 minutes here).
#
#   scripts/cumulus.sh                                   # a fresh 6-second testnet
#   scripts/cumulus.sh --join ws://127.0.0.1:9944        # a running scripts/testnet.sh network
#
# 1. Builds once, outside the checkout: `polkadot-omni-node` 0.24.0 (polkadot-sdk stable2609,
#    from the Rust registry) into $CUMULUS_DIR/bin, and the published parachain runtime
#    `glutton-westend-runtime` 35.0.0 (scripts/cumulus-pvf-fixture.sh's crate) into
#    $CUMULUS_DIR/glutton.
# 2. Starts scripts/testnet.sh (four validators, 6-second blocks) unless --join is given.
# 3. Reserves a para id (`registrar.reserve`, Alice), writes the para's chain spec with the
#    collator's own `chain-spec-builder` (the runtime's `development` preset, with that id), and
#    exports its genesis head and code with the collator's `export-genesis-head` and
#    `export-genesis-wasm`.
# 4. Registers them (`registrar.register`), leases periods to the para (`slots.forceLease`
#    through sudo) and waits until it is a parachain.
# 5. Starts the collator with `--relay-chain-rpc-urls` (no relay-chain node of its own; its
#    relay side joins the network only to find and reach the validators) and `--authoring
#    slot-based` (glutton builds on a relay parent one block back, which only the slot-based
#    collator does), and
#    prints the para's head on the relay chain at every relay block, then how many of
#    $BLOCKS consecutive relay blocks included one of its candidates (`CandidateIncluded`);
#    exits non-zero below $MIN_PERCENT.
#
# Environment: RELAY_NODE_BIN (the relay-chain binary; default: testnet.sh's release build),
# CUMULUS_DIR (default ~/.cache/relay-chain/cumulus), CUMULUS_TARGET_DIR (the Cumulus builds'
# target directory, default ~/.cache/relay-chain/cumulus-target), BLOCKS (50), MIN_PERCENT (80),
# CUMULUS_WORK (where the run's files and logs go; default a new temporary directory).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

OMNI_VERSION="0.24.0"
CUMULUS_DIR="${CUMULUS_DIR:-$HOME/.cache/relay-chain/cumulus}"
export CUMULUS_TARGET_DIR="${CUMULUS_TARGET_DIR:-$HOME/.cache/relay-chain/cumulus-target}"
OMNI="$CUMULUS_DIR/bin/polkadot-omni-node"
BLOCKS="${BLOCKS:-50}"
MIN_PERCENT="${MIN_PERCENT:-80}"
RELAY_URL="ws://127.0.0.1:9944"
JOIN=0
if [ "${1:-}" = "--join" ]; then
	JOIN=1
	RELAY_URL="${2:?--join needs the WebSocket URL of the relay chain}"
fi
WORK="${CUMULUS_WORK:-$(mktemp -d /tmp/relay-cumulus.XXXXXX)}"
mkdir -p "$WORK"
log "files and logs of this run: $WORK"

# 1. The Cumulus side, built once.
if [ ! -x "$OMNI" ]; then
	log "building polkadot-omni-node $OMNI_VERSION into $CUMULUS_DIR (once; ~42 min cold here)"
	start=$(date +%s)
	# No relay-chain runtimes inside: in --relay-chain-rpc-urls mode the collator never runs
	# them (the relay side is given our chain spec below).
	SKIP_WASM_BUILD=1 CXX=clang++ CARGO_TARGET_DIR="$CUMULUS_TARGET_DIR" \
		cargo install polkadot-omni-node --version "$OMNI_VERSION" --locked --root "$CUMULUS_DIR"
	log "built in $(($(date +%s) - start)) s"
fi
CODE="$CUMULUS_DIR/glutton/glutton.code"
if [ ! -f "$CODE" ]; then
	log "building glutton-westend-runtime 35.0.0 (once)"
	bash scripts/cumulus-pvf-fixture.sh "$CUMULUS_DIR/glutton"
fi
"$OMNI" --version

# The relay-chain binary (its chain spec is what the collator's relay side joins).
if [ -n "${RELAY_NODE_BIN:-}" ]; then
	RELAY="$RELAY_NODE_BIN"
else
	log "building relay-node (release, fast-runtime) if needed"
	cargo build --locked --release -p relay-node --features fast-runtime
	RELAY="$CARGO_TARGET_DIR/release/relay-node"
fi

# 2. The relay chain.
TESTNET_PID=""
cleanup() {
	[ -n "${COLLATOR_PID:-}" ] && kill -TERM "$COLLATOR_PID" 2>/dev/null || true
	if [ -n "$TESTNET_PID" ]; then
		kill -TERM "$TESTNET_PID" 2>/dev/null || true
		wait "$TESTNET_PID" 2>/dev/null || true
	fi
}
trap cleanup EXIT
if [ "$JOIN" = 0 ]; then
	log "starting scripts/testnet.sh (log: $WORK/testnet.log)"
	RELAY_NODE_BIN="$RELAY" TESTNET_DIR="$WORK/testnet" TESTNET_FRESH=1 \
		bash scripts/testnet.sh >"$WORK/testnet.log" 2>&1 &
	TESTNET_PID=$!
	for _ in $(seq 1 120); do
		[ -n "$(rpc 9944 chain_getHeader)" ] && break
		sleep 2
	done
fi
"$RELAY" build-spec --chain local --raw 2>/dev/null >"$WORK/relay-local.json"
RELAY_ID="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$WORK/relay-local.json")"
# The collator's relay side joins the network through the node it talks to (its DHT finds the
# validators' addresses, published through authority discovery); the spec's own boot node is
# another key, which that side would refuse beside this one.
RPC_HTTP="$(printf '%s' "$RELAY_URL" | sed 's#^ws#http#')"
BOOTNODE="$(curl -s -m 5 -H 'Content-Type: application/json' \
	-d '{"id":1,"jsonrpc":"2.0","method":"system_localListenAddresses","params":[]}' "$RPC_HTTP" |
	python3 -c 'import json,sys; print(next(a for a in json.load(sys.stdin)["result"] if a.startswith("/ip4/127.0.0.1/tcp/")))')"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); s["bootNodes"]=[sys.argv[2]]; json.dump(s,open(sys.argv[1],"w"))' \
	"$WORK/relay-local.json" "$BOOTNODE"
log "the relay side of the collator boots from $BOOTNODE"

(cd scripts/economy && [ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error)
js() { node scripts/economy/cumulus.mjs "$@"; }

# 3. The para's id, chain spec and genesis, from the collator's own commands.
PARA="$(js reserve "$RELAY_URL")"
log "reserved para id $PARA"
"$OMNI" chain-spec-builder -c "$WORK/para-plain.json" create --relay-chain "$RELAY_ID" \
	--para-id "$PARA" --runtime "$CODE" named-preset development >/dev/null 2>&1
# The preset names its own para id; the chain must be the one reserved.
python3 - "$WORK/para-plain.json" "$WORK/para.json" "$PARA" <<'EOF'
import json, sys
spec = json.load(open(sys.argv[1]))
para = int(sys.argv[3])
def patch(value):
    if isinstance(value, dict):
        for key in value:
            if key in ("parachainId", "para_id") and isinstance(value[key], int):
                value[key] = para
            else:
                patch(value[key])
    elif isinstance(value, list):
        for item in value:
            patch(item)
patch(spec)
json.dump(spec, open(sys.argv[2], "w"), indent=1)
EOF
"$OMNI" export-genesis-head --chain "$WORK/para.json" "$WORK/head.hex" 2>/dev/null
"$OMNI" export-genesis-wasm --chain "$WORK/para.json" "$WORK/code.hex" 2>/dev/null
log "genesis head: $(($(wc -c <"$WORK/head.hex") / 2 - 1)) bytes; code: $(($(wc -c <"$WORK/code.hex") / 2 - 1)) bytes"

# 4. Registration and a lease.
js register "$RELAY_URL" "$PARA" "$WORK/head.hex" "$WORK/code.hex"

# 5. The collator, over the relay chain's RPC.
"$OMNI" key generate-node-key --base-path "$WORK/collator" --chain "$WORK/para.json" 2>/dev/null || true
log "starting the collator (log: $WORK/collator.log)"
"$OMNI" --chain "$WORK/para.json" --collator --alice --authoring slot-based --base-path "$WORK/collator" \
	--rpc-port 9960 --port 30560 --prometheus-port 9660 --no-mdns \
	--relay-chain-rpc-urls "$RELAY_URL" \
	-- --chain "$WORK/relay-local.json" --port 30561 --prometheus-port 9661 --no-mdns \
	>"$WORK/collator.log" 2>&1 &
COLLATOR_PID=$!
log "watching para $PARA on the relay chain for $BLOCKS relay blocks from its first inclusion"
js watch "$RELAY_URL" "$PARA" "$BLOCKS" "$MIN_PERCENT"
