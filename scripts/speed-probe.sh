#!/usr/bin/env bash
# A fixed, tiny CPU benchmark (a few seconds), so a CI run on a slow day can be told from a slower
# build: `scripts/test.sh` runs it first and prints its figure beside the stage times.
#
# The work is what a build mostly is: rustc compiling and optimizing Rust. The source is generated
# the same way every time (PROBE_FNS functions, no dependencies), compiled with `-C opt-level=2`
# on one thread, PROBE_RUNS times; the figure is the fastest run in milliseconds (the least
# disturbed by whatever else the machine does). Lower is faster; the README's reference run
# says what a normal day prints, and a run's stage times divided by (its figure / the reference)
# compare with the reference run's.
#
#   scripts/speed-probe.sh          # prints: speed probe: 1234 ms (rustc -O, 150 functions, best of 3)
set -euo pipefail

# Tunables: the size of the generated crate and how many times it is compiled.
PROBE_FNS=150
PROBE_RUNS=3

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Each function mixes arithmetic, a loop, a match and a generic call, so the front end, the
# optimizer and code generation all get work.
{
	echo 'pub trait Step { fn step(&self, x: u64) -> u64; }'
	echo 'pub struct Mul(pub u64);'
	echo 'impl Step for Mul { fn step(&self, x: u64) -> u64 { x.wrapping_mul(self.0) ^ (x >> 7) } }'
	echo 'pub fn apply<S: Step>(s: &S, mut x: u64, n: u32) -> u64 { for _ in 0..n { x = s.step(x); } x }'
	for i in $(seq 1 "$PROBE_FNS"); do
		cat <<RS
pub fn f$i(v: &[u64], k: u64) -> u64 {
	let mut acc = k.wrapping_add($i);
	for (j, x) in v.iter().enumerate() {
		acc = match (x + j as u64) % 4 {
			0 => acc.rotate_left($((i % 63 + 1))) ^ x,
			1 => apply(&Mul($((i * 2 + 1))), acc, 3),
			2 => acc.wrapping_sub(*x).wrapping_mul($((i + 3))),
			_ => acc / (x | 1),
		};
	}
	let s: String = format!("{acc}-{}", v.len());
	acc ^ s.len() as u64
}
RS
	done
} >"$WORK/probe.rs"

best=""
for _ in $(seq 1 "$PROBE_RUNS"); do
	start=$(date +%s%N)
	rustc --edition 2021 --crate-type lib --crate-name probe -C opt-level=2 -C codegen-units=1 \
		--out-dir "$WORK" "$WORK/probe.rs"
	ms=$((($(date +%s%N) - start) / 1000000))
	if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
echo "speed probe: ${best} ms (rustc -O, ${PROBE_FNS} functions, best of ${PROBE_RUNS})"
