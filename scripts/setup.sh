#!/usr/bin/env bash
# Installs everything this project needs on a fresh Debian/Ubuntu machine, and nothing when it is
# all there already (then it finishes in a few seconds). It says what it installs.
#
#   1. apt packages: protobuf-compiler (litep2p's build script), clang/libclang (bindgen, and
#      clang++ for binaryen), libssl-dev (the system OpenSSL, see .cargo/config.toml), rsync
#      (.ci/run's copy of the checkout), pkg-config, and Node.js/npm if missing (the wallet-compatibility test).
#   2. the WASM target: `rustup target add wasm32v1-none` if rustup can download it within a short
#      timeout; otherwise the offline recipe (Debian's rustc-web + rust-web-src, core/alloc built
#      for wasm32v1-none and linked into rustup as the `relay-wasm` toolchain).
#
# RELAY_FORCE_OFFLINE_WASM=1 skips rustup and runs the offline recipe (to test it on a machine
# where rustup works; the standard toolchain keeps being used for builds while it has the target).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
APT_UPDATED=0

apt_install() {
	local missing=()
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	log "installing apt packages: ${missing[*]}"
	if [ "$APT_UPDATED" = 0 ]; then
		$SUDO apt-get update -qq
		APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# 1. Native build dependencies.
apt_install protobuf-compiler clang libclang-dev libssl-dev rsync pkg-config make git curl
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm

if ! command -v cargo >/dev/null; then
	echo "error: cargo/rustup not found. Install Rust with rustup first (https://rustup.rs)." >&2
	exit 1
fi

# 2. The WASM target.
wasm_ready() {
	rustup target list --installed 2>/dev/null | grep -qx 'wasm32v1-none' && return 0
	rustup toolchain list 2>/dev/null | grep -q "^${OFFLINE_WASM_TOOLCHAIN}" &&
		ls /usr/lib/rustlib/wasm32v1-none/lib/libcore-*.rlib >/dev/null 2>&1
}

FORCE_OFFLINE="${RELAY_FORCE_OFFLINE_WASM:-0}"
if [ "$FORCE_OFFLINE" != 1 ]; then
	if wasm_ready; then
		exit 0
	fi
	log "adding the wasm32v1-none target with rustup (60 s limit)"
	if timeout 60 rustup target add wasm32v1-none >/dev/null 2>&1; then
		log "wasm32v1-none installed by rustup"
		exit 0
	fi
fi

if [ "$FORCE_OFFLINE" = 1 ]; then
	log "RELAY_FORCE_OFFLINE_WASM=1: using the offline recipe (Debian rustc-web)"
else
	log "rustup cannot download wasm32v1-none here: using the offline recipe (Debian rustc-web)"
fi
LLD_PKG="lld-22"
apt_install rustc-web cargo-web rust-web-src "$LLD_PKG"

SYSROOT="$(/usr/bin/rustc --print sysroot)"
HOST="$(/usr/bin/rustc -vV | sed -n 's/^host: //p')"
LINKER_DIR="$SYSROOT/lib/rustlib/$HOST/bin"
if [ ! -x "$LINKER_DIR/rust-lld" ]; then
	log "linking lld as $LINKER_DIR/rust-lld"
	$SUDO mkdir -p "$LINKER_DIR"
	$SUDO ln -sf "/usr/lib/llvm-22/bin/lld" "$LINKER_DIR/rust-lld"
fi

TARGET_LIB="$SYSROOT/lib/rustlib/wasm32v1-none/lib"
if ! ls "$TARGET_LIB"/libcore-*.rlib >/dev/null 2>&1; then
	log "building core/alloc for wasm32v1-none from rust-web-src (about 30 s)"
	WORK="$(mktemp -d)"
	trap 'rm -rf "$WORK"' EXIT
	mkdir -p "$WORK/src"
	cat >"$WORK/Cargo.toml" <<'TOML'
[package]
name = "wasm-sysroot"
version = "0.0.0"
edition = "2021"
[lib]
crate-type = ["rlib"]
[profile.release]
panic = "abort"
TOML
	cat >"$WORK/src/lib.rs" <<'RS'
#![no_std]
// An rlib needs no allocator or panic handler; using alloc makes build-std build it.
extern crate alloc;
pub fn empty() -> alloc::vec::Vec<u8> {
	alloc::vec::Vec::new()
}
RS
	(
		cd "$WORK"
		env -u CARGO_TARGET_DIR RUSTFLAGS="-C embed-bitcode=yes" RUSTC_BOOTSTRAP=1 \
			RUSTC=/usr/bin/rustc /usr/bin/cargo build --quiet --release --target wasm32v1-none \
			-Z build-std=core,alloc -Z build-std-features=compiler-builtins-mem
	)
	$SUDO mkdir -p "$TARGET_LIB"
	$SUDO rm -f "$TARGET_LIB"/lib{core,alloc,compiler_builtins}-*.rlib
	for lib in core alloc compiler_builtins; do
		$SUDO cp "$WORK"/target/wasm32v1-none/release/deps/lib${lib}-*.rlib "$TARGET_LIB/"
	done
	# Runtime blobs built against the old sysroot would no longer link (only if builds use it).
	if ! rustup target list --installed 2>/dev/null | grep -qx 'wasm32v1-none'; then
		rm -rf "$CARGO_TARGET_DIR"/*/wbuild
	fi
fi

if ! rustup toolchain list | grep -q "^${OFFLINE_WASM_TOOLCHAIN}"; then
	log "linking $SYSROOT into rustup as the '${OFFLINE_WASM_TOOLCHAIN}' toolchain"
	rustup toolchain link "$OFFLINE_WASM_TOOLCHAIN" "$SYSROOT"
fi
log "WASM toolchain ready (WASM_BUILD_TOOLCHAIN=${OFFLINE_WASM_TOOLCHAIN})"
