# Shared settings for the scripts (sourced, not run).
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Compiled artifacts live outside the checkout, so every clone on this machine (CI's included)
# reuses them. Override by exporting CARGO_TARGET_DIR.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/relay-chain/target}"
# No incremental compilation: every fresh clone (each CI run) would add its own incremental
# cache of our crates to the shared target directory (gigabytes per clone), and it filled the
# disk once. Dependencies are reused either way.
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

# The toolchain that builds the WASM runtime when rustup cannot download wasm32v1-none (offline
# machines): Debian's rustc-web linked into rustup under this name by scripts/setup.sh.
OFFLINE_WASM_TOOLCHAIN="relay-wasm"

# Use the offline toolchain for the runtime if the standard one has no wasm32v1-none target.
if ! rustup target list --installed 2>/dev/null | grep -qx 'wasm32v1-none' &&
	rustup toolchain list 2>/dev/null | grep -q "^${OFFLINE_WASM_TOOLCHAIN}"; then
	export WASM_BUILD_TOOLCHAIN="${WASM_BUILD_TOOLCHAIN:-$OFFLINE_WASM_TOOLCHAIN}"
fi

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# rpc PORT METHOD [PARAMS]: one JSON-RPC call to the node on 127.0.0.1:PORT (its answer, or
# nothing when it does not answer within 2 s).
rpc() {
	curl -s -m 2 -H 'Content-Type: application/json' \
		-d "{\"id\":1,\"jsonrpc\":\"2.0\",\"method\":\"$2\",\"params\":${3:-[]}}" \
		"http://127.0.0.1:$1" 2>/dev/null || true
}

# header_number: the decimal block number of the chain_getHeader answer on stdin, or -1.
header_number() {
	local hex
	hex="$(sed -n 's/.*"number":"0x\([0-9a-f]*\)".*/\1/p')"
	if [ -n "$hex" ]; then echo $((16#$hex)); else echo -1; fi
}

# best_number PORT / finalized_number PORT: the node's best or finalized block number, or -1.
best_number() {
	rpc "$1" chain_getHeader | header_number
}
finalized_number() {
	local hash
	hash="$(rpc "$1" chain_getFinalizedHead | sed -n 's/.*"result":"\(0x[0-9a-f]*\)".*/\1/p')"
	if [ -z "$hash" ]; then
		echo -1
		return
	fi
	rpc "$1" chain_getHeader "[\"$hash\"]" | header_number
}
