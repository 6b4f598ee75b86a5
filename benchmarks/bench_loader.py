"""Benchmark the loader: research.data.load() (read, validate every rule and cross-check, type) on a synthetic data
folder whose incidents.csv has 100,000 rows. Prints a table and writes benchmarks/results/loader.json.

Run from the project root:  .venv/bin/python benchmarks/bench_loader.py [--rows 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

TARGET_S = 5.0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000, help="incident rows in all (default 100,000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed loads (median reported)")
    args = parser.parse_args(argv)
    from research.data import check

    with tempfile.TemporaryDirectory() as tmp:
        shipped = (ROOT / "data" / "incidents.csv").read_text(encoding="utf-8").count("\n") - 1
        data_dir, references = synthetic.write(Path(tmp), n_countries=194, n_incidents=args.rows - shipped)
        size = (data_dir / "incidents.csv").stat().st_size
        runs = {"all tables": [], "incidents only": []}
        for _ in range(args.repeat):
            for label, tables in (("all tables", None), ("incidents only", ["incidents"])):
                start = time.perf_counter()
                dataset = check(data_dir, references, tables)
                typed, problems = dataset.tables, dataset.problems
                runs[label].append(time.perf_counter() - start)
                assert not problems, problems[:5]
                assert len(typed["incidents"]) == args.rows
    med = {k: statistics.median(v) for k, v in runs.items()}
    print(f"loader on {args.rows:,} incident rows ({size / 1e6:.1f} MB incidents.csv, 194 countries), "
          f"median of {args.repeat}")
    print(f"{'measurement':<22}{'median s':>10}   runs")
    for key, values in runs.items():
        print(f"{key:<22}{med[key]:>10.2f}   {', '.join(f'{v:.2f}' for v in values)}")
    verdict = "met" if med["all tables"] < TARGET_S else "MISSED"
    print(f"{'target':<22}{TARGET_S:>10.2f}   all tables under {TARGET_S:g} s: {verdict}")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "loader.json").write_text(json.dumps(
        {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                     "load_average_1min": os.getloadavg()[0]},
         "rows": args.rows, "incidents_csv_bytes": size, "runs": runs, "median": med, "target_s": TARGET_S,
         "target_met": med["all tables"] < TARGET_S}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
