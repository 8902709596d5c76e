#!/usr/bin/env python3
"""Prints our compute weights beside Polkadot's (westend-runtime) for one pallet pair.

Reads the figures `relay-node benchmark pallet --template scripts/compare-polkadot.hbs` wrote for
each side (lines `bench NAME BASE_PS MIN_EXEC_NS`, `slope NAME COMPONENT PS`, `range NAME COMPONENT
MIN MAX`) and prints one Markdown row per extrinsic or hook: compute time (base weight plus every
component slope times the component's value; database reads and writes left out, as each runtime
prices them with its own database constants) for ours and Polkadot's, and ours / Polkadot's.

Both sides are evaluated at the same point: each component at the top of Polkadot's benchmarked
range, or of ours where only we have it. The point is printed with the row.

Usage: compare-polkadot.py OURS_PALLET OURS_FILE POLKADOT_PALLET POLKADOT_FILE
"""
import sys


def read(path):
    benches = {}
    for line in open(path, encoding="utf-8"):
        parts = line.strip().split("\t")
        if parts[0] == "bench":
            benches[parts[1]] = {"base": int(parts[2]), "slopes": {}, "ranges": {}}
        elif parts[0] == "slope":
            benches[parts[1]]["slopes"][parts[2]] = int(parts[3])
        elif parts[0] == "range":
            benches[parts[1]]["ranges"][parts[2]] = (int(parts[3]), int(parts[4]))
    return benches


def at(bench, point):
    return bench["base"] + sum(s * point.get(c, 0) for c, s in bench["slopes"].items())


def micros(ps):
    return f"{ps / 1_000_000:,.1f} µs"


def main():
    ours_pallet, ours_file, theirs_pallet, theirs_file = sys.argv[1:5]
    ours, theirs = read(ours_file), read(theirs_file)
    for name in sorted(set(ours) | set(theirs)):
        o, t = ours.get(name), theirs.get(name)
        point = {}
        for side in (o, t):
            for c, (_, hi) in (side or {"ranges": {}})["ranges"].items():
                point[c] = hi  # Polkadot's (read second) wins where both have it
        where = ", ".join(f"{c}={v}" for c, v in sorted(point.items())) or "—"
        ours_ps = at(o, point) if o else None
        theirs_ps = at(t, point) if t else None
        ratio = f"{ours_ps / theirs_ps:.2f}×" if o and t and theirs_ps > 0 else "—"
        print(
            f"| {ours_pallet} | `{name}` | {where} | "
            f"{micros(ours_ps) if o else 'not in ours'} | "
            f"{micros(theirs_ps) if t else 'not in ' + theirs_pallet} | {ratio} |"
        )


if __name__ == "__main__":
    main()
