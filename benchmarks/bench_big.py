"""Benchmark the report's cost against the data's size: a cold build of the shipped data against a cold build of the
same data with 50,000 synthetic incidents (benchmarks/synthetic.py). Target: at most three times the shipped build,
in wall time and in CPU time (the build's and every process it waited for: kernels, Pandoc, WeasyPrint). The
machine's load average is recorded beside each run: on a shared machine the wall times move with it, the CPU times
much less. Prints a table and writes it to benchmarks/results/big.md, the runs to big.json.

Run from the project root with the virtual environment present:  .venv/bin/python benchmarks/bench_big.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def cold_build(data: Path, references: Path, out: Path) -> dict:
    """Wall and CPU seconds of one `research build` into a new folder (notebooks, report, manifest), and the load
    average before it."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(BIN / "research"), "build", "--data-dir", str(data), "--references", str(references),
                    "--output-dir", str(out), "-j", "2"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "load": load}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median reported)")
    parser.add_argument("--incidents", type=int, default=50_000)
    args = parser.parse_args()
    results: dict[str, list[dict]] = {"shipped": [], "big": []}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), str(tmp / "big"), "--countries",
                        "16", "--incidents", str(args.incidents)], check=True, stdout=subprocess.DEVNULL)
        for i in range(args.repeat):
            results["shipped"].append(cold_build(ROOT / "data", ROOT / "references.bib", tmp / f"shipped{i}"))
            results["big"].append(cold_build(tmp / "big" / "data", tmp / "big" / "references.bib", tmp / f"big{i}"))
    med = {k: {m: statistics.median(r[m] for r in runs) for m in ("wall", "cpu", "load")}
           for k, runs in results.items()}
    ratio = {m: med["big"][m] / med["shipped"][m] for m in ("wall", "cpu")}
    table = [f"| {args.incidents:,} incidents, cold `research build -j 2` | shipped | big | big / shipped | "
             "at most 3x |", "|---|---|---|---|---|"]
    for m, what in (("wall", "wall s"), ("cpu", "CPU s")):
        table.append(f"| {what} | {med['shipped'][m]:.1f} | {med['big'][m]:.1f} | {ratio[m]:.2f}x | "
                     f"{'met' if ratio[m] <= 3 else '**missed**'} |")
    table.append(f"| load average (1 min, {os.cpu_count()} CPUs, shared machine) | {med['shipped']['load']:.1f} | "
                 f"{med['big']['load']:.1f} | | |")
    print("\n".join(table))
    out_dir = ROOT / "benchmarks" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "big.json").write_text(json.dumps(
        {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
         "incidents": args.incidents, "runs": results, "median": med, "big_over_shipped": ratio,
         "target": 3}, indent=2) + "\n")
    (out_dir / "big.md").write_text("\n".join(table) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
