#!/usr/bin/env python3
"""Prints the medians of the last `cargo bench` run as a Markdown table.

Usage: python3 benches/summary.py [target/criterion]
Each row: benchmark, median per pass, elements per pass, ns per element,
and the ratio to the `crate` entry of the same group (from the same run).
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
rows = {}
for estimates in sorted(root.glob("**/new/estimates.json")):
    bench = estimates.parent.parent
    group = bench.parent.relative_to(root).as_posix()
    median = json.loads(estimates.read_text())["median"]["point_estimate"]
    elements = 1
    info = estimates.parent / "benchmark.json"
    if info.exists():
        throughput = json.loads(info.read_text()).get("throughput") or {}
        elements = throughput.get("Elements", 1)
    rows.setdefault(group, []).append((bench.name, median, elements))

print("| group | implementation | ns per item | ratio to crate |")
print("|---|---|---:|---:|")
for group, entries in sorted(rows.items()):
    base = {name: median / n for name, median, n in entries}
    reference = base.get("crate") or base.get("Reply") or base.get("ErrorCode")
    for name, median, n in entries:
        per = median / n
        ratio = f"{per / reference:.2f}" if reference else ""
        print(f"| {group} | {name} | {per:.2f} | {ratio} |")
