#!/usr/bin/env bash
# The compiler wrapper of `scripts/test.sh` (cargo's RUSTC_WORKSPACE_WRAPPER, so it runs for our
# crates only; dependencies are compiled by plain rustc). It lets one build do three jobs:
#
#   1. compile the crate (the artifact the tests run),
#   2. lint it with clippy while compiling (clippy-driver is rustc plus clippy's lints;
#      CLIPPY_ARGS carries `-D warnings` as `cargo clippy` would pass it),
#   3. when RELAY_DOC_DIR is set, document a library crate with rustdoc, warnings denied, from
#      the same arguments (the dependencies' metadata the compile used).
#
# So no dependency is compiled twice for clippy, rustdoc and the tests. The runtime's WASM
# build (substrate-wasm-builder runs a nested cargo that inherits this wrapper) is passed through
# to its own compiler untouched: it may be another toolchain, and clippy already lints the same
# code natively.
set -uo pipefail

rustc="$1"
shift

is_wasm=0
is_test=0
crate_type=""
crate_name=""
prev=""
for arg in "$@"; do
	case "$prev" in
	--target) [[ "$arg" == wasm32* ]] && is_wasm=1 ;;
	--crate-type) crate_type="$arg" ;;
	--crate-name) crate_name="$arg" ;;
	esac
	case "$arg" in
	--target=wasm32*) is_wasm=1 ;;
	--test) is_test=1 ;;
	--crate-type=*) crate_type="${arg#--crate-type=}" ;;
	esac
	prev="$arg"
done

# Cargo's queries (`rustc -vV`, `--print`) and WASM builds go straight to the compiler.
if [ -z "$crate_name" ] || [ "$is_wasm" = 1 ]; then
	exec "$rustc" "$@"
fi

clippy_driver="${RELAY_CLIPPY_DRIVER:-clippy-driver}"
"$clippy_driver" "$rustc" "$@" || exit $?

if [ -z "${RELAY_DOC_DIR:-}" ] || [ "$is_test" = 1 ] || [ "$crate_type" != lib ]; then
	exit 0
fi

# rustdoc takes rustc's crate, cfg, lint, path and diagnostics arguments; it has no use for the
# ones about code generation and output files.
doc_args=()
skip_next=0
for arg in "$@"; do
	if [ "$skip_next" = 1 ]; then
		skip_next=0
		continue
	fi
	case "$arg" in
	-C | --out-dir | -o | --emit) skip_next=1 ;;
	-C* | --out-dir=* | --emit=* | --json=*) ;;
	*) doc_args+=("$arg") ;;
	esac
done

exec rustdoc "${doc_args[@]}" --json=diagnostic-rendered-ansi -o "$RELAY_DOC_DIR" -D warnings
