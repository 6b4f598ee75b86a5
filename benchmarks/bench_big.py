"""Benchmark the report's cost against the data's size: a cold build of the shipped data against a cold build of the
same data with 50,000 synthetic incidents (benchmarks/synthetic.py). Target: at most three times the shipped build.
Prints a row and writes benchmarks/results/big.json.

Run from the project root with the virtual environment present:  .venv/bin/python benchmarks/bench_big.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def cold_build(data: Path, references: Path, out: Path) -> float:
    """Seconds of one `research build` into a new folder (notebooks, report, manifest)."""
    start = time.perf_counter()
    subprocess.run([str(BIN / "research"), "build", "--data-dir", str(data), "--references", str(references),
                    "--output-dir", str(out), "-j", "2"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median reported)")
    parser.add_argument("--incidents", type=int, default=50_000)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"shipped": [], "big": []}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), str(tmp / "big"), "--countries",
                        "16", "--incidents", str(args.incidents)], check=True, stdout=subprocess.DEVNULL)
        for i in range(args.repeat):
            results["shipped"].append(cold_build(ROOT / "data", ROOT / "references.bib", tmp / f"shipped{i}"))
            results["big"].append(cold_build(tmp / "big" / "data", tmp / "big" / "references.bib", tmp / f"big{i}"))
    med = {k: statistics.median(v) for k, v in results.items()}
    ratio = med["big"] / med["shipped"]
    print(f"| {args.incidents:,} incidents: cold `research build -j 2` | {med['shipped']:.1f} (shipped) | "
          f"{med['big']:.1f} | {ratio:.2f}x | at most 3x the shipped data's cold build: "
          f"{'met' if ratio <= 3 else '**missed**'} |")
    out_dir = ROOT / "benchmarks" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "big.json").write_text(json.dumps(
        {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
         "incidents": args.incidents, "runs": results, "median": med, "big_over_shipped": ratio}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
