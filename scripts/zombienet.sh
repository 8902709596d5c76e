#!/usr/bin/env bash
# Launches our network under zombienet (v1, @zombienet/cli 1.3.138, native provider) and checks it
# with scripts/zombienet/network.zndsl: four validators of `--chain local` finalize, and collators
# of the example para as 2000 (parachain) and 2001 (parathread) get blocks included.
#
#   scripts/zombienet.sh          # test: launch, run the assertions, tear down (exit code = result)
#   scripts/zombienet.sh spawn    # launch and keep running (Ctrl-C stops it)
#
# RELAY_NODE names the binary (default: the test build, $CARGO_TARGET_DIR/debug/relay-node; build
# it with `cargo build -p relay-node --features short-blocks` or run scripts/test.sh first).
# zombienet is installed once from the npm registry into ~/.cache/relay-chain/zombienet (not the
# checkout). Its `@zombienet/utils` depends on a GitHub copy of `toml`; package.json overrides it
# with the registry's toml 3.0.0 so it installs without GitHub.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

MODE="${1:-test}"
ZOMBIENET_DIR="${ZOMBIENET_DIR:-$HOME/.cache/relay-chain/zombienet}"
export RELAY_NODE="${RELAY_NODE:-$CARGO_TARGET_DIR/debug/relay-node}"

if [ ! -x "$RELAY_NODE" ]; then
	echo "no relay-node at $RELAY_NODE: build it first (or set RELAY_NODE)" >&2
	exit 1
fi
if ! command -v node >/dev/null; then
	echo "zombienet needs Node.js (scripts/setup.sh installs it)" >&2
	exit 1
fi

# Install (or update) zombienet exactly as locked.
mkdir -p "$ZOMBIENET_DIR"
if ! cmp -s scripts/zombienet/package-lock.json "$ZOMBIENET_DIR/package-lock.json" ||
	[ ! -x "$ZOMBIENET_DIR/node_modules/.bin/zombienet" ]; then
	log "installing zombienet into $ZOMBIENET_DIR"
	cp scripts/zombienet/package.json scripts/zombienet/package-lock.json "$ZOMBIENET_DIR/"
	(cd "$ZOMBIENET_DIR" && npm ci --no-audit --no-fund --loglevel=error)
fi
ZOMBIENET="$ZOMBIENET_DIR/node_modules/.bin/zombienet"
log "zombienet $("$ZOMBIENET" version) with $RELAY_NODE"

case "$MODE" in
test) exec "$ZOMBIENET" test --provider native scripts/zombienet/network.zndsl ;;
spawn) exec "$ZOMBIENET" spawn --provider native scripts/zombienet/network.toml ;;
*)
	echo "usage: scripts/zombienet.sh [test|spawn]" >&2
	exit 64
	;;
esac
