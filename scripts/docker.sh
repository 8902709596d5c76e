#!/usr/bin/env bash
# The relay-node image and the local network in containers, without any image registry:
#
#   scripts/docker.sh build   # 1. base image relay-base:bookworm (debootstrap --variant=minbase
#                             #    + docker import), once; 2. the release binary (fast-runtime, as
#                             #    scripts/testnet.sh), unless RELAY_NODE_BIN names one; 3. the
#                             #    image relay-node:local from docker/Dockerfile
#   scripts/docker.sh up      # docker/docker-compose.yml: 4 validators and the collators of 2000
#                             # and 2001, host networking; waits (bounded) for finalized blocks
#                             # and for both paras' blocks, and prints the figures
#   scripts/docker.sh down    # stops the network and removes its containers and volumes
#   scripts/docker.sh check   # build, up, down: what the README's Docker figures come from
#
# Needs a running Docker engine (Debian: `apt-get install docker.io docker-compose debootstrap`,
# then `dockerd`), root for debootstrap, and a Debian mirror (DEBIAN_MIRROR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

BASE_IMAGE="relay-base:bookworm"
IMAGE="relay-node:local"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
COMPOSE_FILE="docker/docker-compose.yml"
PROJECT="relay"
# Bounds on the network coming up: finalized blocks, and blocks of both paras on the relay chain.
UP_TIMEOUT_S=300
MIN_FINALIZED=5
MIN_PARA_BLOCKS=3

die() {
	echo "error: $*" >&2
	exit 1
}

compose() {
	if docker compose version >/dev/null 2>&1; then
		docker compose -p "$PROJECT" -f "$COMPOSE_FILE" "$@"
	elif command -v docker-compose >/dev/null; then
		docker-compose -p "$PROJECT" -f "$COMPOSE_FILE" "$@"
	else
		die "neither 'docker compose' nor 'docker-compose' is installed"
	fi
}

# The number of the para's head on the relay chain, from its collator's para_head.
para_number() {
	local n
	n="$(rpc "$1" para_head | sed -n 's/.*"number":\([0-9]*\).*/\1/p')"
	echo "${n:--1}"
}

build() {
	docker info >/dev/null 2>&1 || die "no Docker engine answers (start dockerd)"
	if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
		command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
		[ "$(id -u)" = 0 ] || die "debootstrap needs root"
		local rootfs
		rootfs="$(mktemp -d /var/tmp/relay-rootfs.XXXXXX)"
		log "making $BASE_IMAGE: debootstrap --variant=minbase bookworm (libssl3, ca-certificates) from $DEBIAN_MIRROR"
		debootstrap --variant=minbase --include=libssl3,ca-certificates bookworm "$rootfs" "$DEBIAN_MIRROR" >"$rootfs.log" 2>&1 ||
			{
				tail -n 20 "$rootfs.log" >&2
				die "debootstrap failed (log $rootfs.log)"
			}
		# Package lists and caches are not needed in the image.
		rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
		tar -C "$rootfs" -c . | docker import - "$BASE_IMAGE" >/dev/null
		rm -rf "$rootfs" "$rootfs.log"
	fi
	local bin
	if [ -n "${RELAY_NODE_BIN:-}" ]; then
		bin="$RELAY_NODE_BIN"
	else
		log "building relay-node (release, fast-runtime)"
		cargo build --locked --release -p relay-node --features fast-runtime
		bin="$CARGO_TARGET_DIR/release/relay-node"
	fi
	[ -x "$bin" ] || die "$bin is not an executable"
	local context
	context="$(mktemp -d)"
	cp "$bin" "$context/relay-node"
	log "building $IMAGE from docker/Dockerfile"
	docker build --network host -q -f docker/Dockerfile -t "$IMAGE" "$context" >/dev/null
	rm -rf "$context"
	printf '%s: %s MB; %s: %s MB\n' "$BASE_IMAGE" \
		"$(($(docker image inspect -f '{{.Size}}' "$BASE_IMAGE") / 1000000))" "$IMAGE" \
		"$(($(docker image inspect -f '{{.Size}}' "$IMAGE") / 1000000))"
}

up() {
	docker image inspect "$IMAGE" >/dev/null 2>&1 || die "no image $IMAGE: run scripts/docker.sh build"
	[ "$(rpc 9944 system_health)" = "" ] || die "something already answers on 127.0.0.1:9944 (scripts/testnet.sh?)"
	local start
	start=$(date +%s)
	log "docker compose up: 4 validators, collators of 2000 and 2001 (host networking)"
	compose up -d
	local deadline=$((start + UP_TIMEOUT_S)) fin=-1 p2000=-1 p2001=-1
	while :; do
		fin="$(finalized_number 9944)"
		p2000="$(para_number 9948)"
		p2001="$(para_number 9949)"
		printf '  %3d s: finalized #%s, para 2000 #%s, para 2001 #%s\n' $(($(date +%s) - start)) "$fin" "$p2000" "$p2001"
		if [ "$fin" -ge "$MIN_FINALIZED" ] && [ "$p2000" -ge "$MIN_PARA_BLOCKS" ] && [ "$p2001" -ge "$MIN_PARA_BLOCKS" ]; then
			break
		fi
		if [ "$(date +%s)" -gt "$deadline" ]; then
			compose ps >&2 || true
			compose logs --tail 20 >&2 || true
			die "within ${UP_TIMEOUT_S} s: finalized #$fin (want $MIN_FINALIZED), 2000 #$p2000 and 2001 #$p2001 (want $MIN_PARA_BLOCKS)"
		fi
		sleep 5
	done
	compose ps
	log "the network is up after $(($(date +%s) - start)) s: finalized #$fin; para 2000 at #$p2000, 2001 at #$p2001"
}

down() {
	compose down -v --remove-orphans
}

case "${1:-}" in
build) build ;;
up) up ;;
down) down ;;
check)
	build
	trap down EXIT
	up
	;;
*) die "usage: scripts/docker.sh build|up|down|check" ;;
esac
