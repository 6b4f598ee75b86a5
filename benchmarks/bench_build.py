"""Benchmark the build: cold `make paper` against papermill run notebook by notebook, the no-op build, and a
build after one data file changed. Prints a table and writes benchmarks/results/build.json.

Run from the project root with the virtual environment present:  .venv/bin/python benchmarks/bench_build.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(cmd, env=None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def papermill_sequential(out: Path) -> float:
    """The reference: the papermill command once per notebook, one after another, same parameters."""
    start = time.perf_counter()
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        subprocess.run(
            [str(BIN / "papermill"), str(nb), str(out / nb.name), "-k", "python3", "--no-progress-bar",
             "-p", "data_dir", str(ROOT / "data"), "-p", "output_dir", str(out), "-p", "references", str(ROOT / "references.bib")],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median reported)")
    args = parser.parse_args()
    results: dict[str, list[float]] = {"papermill_sequential": [], "cold_make_paper": [], "noop_make_paper": [],
                                       "one_file_changed": []}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for i in range(args.repeat):
            ref = tmp / f"ref{i}"
            ref.mkdir()
            results["papermill_sequential"].append(papermill_sequential(ref))
            out = tmp / f"out{i}"
            env = {**os.environ, "OUTPUT_DIR": str(out)}
            results["cold_make_paper"].append(timed(["make", "clean", "paper", f"OUTPUT_DIR={out}"], env))
            results["noop_make_paper"].append(timed(["make", "paper", f"OUTPUT_DIR={out}"], env))
            data = tmp / f"data{i}"
            shutil.copytree(ROOT / "data", data)
            timed(["make", "paper", f"OUTPUT_DIR={out}", f"DATA_DIR={data}"], env)
            with open(data / "convention_parties.csv", "a", encoding="utf-8") as fh:
                fh.write("2025-01,77,nguon2019cambodia,benchmark edit,paper\n")
            results["one_file_changed"].append(timed(["make", "paper", f"OUTPUT_DIR={out}", f"DATA_DIR={data}"], env))
    med = {k: statistics.median(v) for k, v in results.items()}
    ratio = med["cold_make_paper"] / med["papermill_sequential"]
    print(f"{'measurement':<28}{'median s':>10}   runs")
    for key, values in results.items():
        print(f"{key:<28}{med[key]:>10.2f}   {', '.join(f'{v:.2f}' for v in values)}")
    print(f"{'cold / papermill ratio':<28}{ratio:>10.2f}   (target <= 0.60)")
    print(f"{'no-op build':<28}{med['noop_make_paper']:>10.2f}   (target < 0.50 s)")
    out_dir = ROOT / "benchmarks" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "build.json").write_text(json.dumps(
        {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
         "runs": results, "median": med, "cold_over_papermill": ratio}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
