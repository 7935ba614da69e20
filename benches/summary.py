#!/usr/bin/env python3
"""Prints the medians of the last `cargo bench` run as Markdown tables.

Usage: python3 benches/summary.py [DIR]   (DIR: $CARGO_TARGET_DIR/criterion, else target/criterion)

Lookups: each benchmark's median per item and its ratio to the crate's own
entry (`crate`) of the same group. Decoding: per body, the median of each way
to decode it, and `api::decode` against the plain derive and the two-pass code.
All ratios come from one run.
"""
import json
import os
import pathlib
import sys

default = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", "target")) / "criterion"
root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else default
if not any(root.glob("**/new/estimates.json")):
    sys.exit(f"summary.py: no criterion results under {root}: run `cargo bench` first")
groups = {}
for estimates in sorted(root.glob("**/new/estimates.json")):
    bench = estimates.parent.parent
    median = json.loads(estimates.read_text())["median"]["point_estimate"]
    info = estimates.parent / "benchmark.json"
    throughput = json.loads(info.read_text()).get("throughput") or {} if info.exists() else {}
    elements = throughput.get("Elements", 1)
    groups.setdefault(bench.parent.relative_to(root).as_posix(), {})[bench.name] = median / elements

decoding = {g: v for g, v in groups.items() if g.startswith("decode_")}
lookups = {g: v for g, v in groups.items() if g not in decoding}

if lookups:
    print("| group | implementation | ns per item | ratio to crate |")
    print("|---|---|---:|---:|")
    for group, entries in sorted(lookups.items()):
        reference = entries.get("crate")
        for name, per in entries.items():
            ratio = f"{per / reference:.2f}" if reference else ""
            print(f"| {group} | {name} | {per:.2f} | {ratio} |")
    print()

if decoding:
    ways = ["derive", "two_pass", "value", "decode"]
    print("| body | " + " | ".join(ways) + " | decode / derive | decode / two_pass |")
    print("|---|" + "---:|" * (len(ways) + 2))
    for group, entries in sorted(decoding.items()):
        cells = [f"{entries[w]:,.0f} ns" if w in entries else "" for w in ways]
        ratios = [f"{entries['decode'] / entries[w]:.2f}" for w in ("derive", "two_pass")]
        print(f"| {group.removeprefix('decode_')} | " + " | ".join(cells + ratios) + " |")
