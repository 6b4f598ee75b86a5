"""Benchmark `research sweep` on 194 synthetic countries with 1 and 2 workers against the papermill command run once
per country, one after another. Prints a table and writes benchmarks/results/sweep.json.

The papermill reference is timed on an evenly spaced sample of the countries (``--sample``, default 20) and
extrapolated linearly to all of them; the output says so. The sweep also writes each profile's HTML page, which
the reference does not. Run from the project root:  .venv/bin/python benchmarks/bench_sweep.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "country-profile.ipynb"
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402

TARGET = 3.0


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} ... failed:\n{done.stdout[-3000:]}")
    return elapsed


def sweep(data: Path, references: Path, out: Path, jobs: int) -> float:
    return timed([str(BIN / "research"), "sweep", "--data-dir", str(data), "--references", str(references),
                  "--output-dir", str(out), "-j", str(jobs)])


def papermill_one(code: str, data: Path, references: Path, out: Path) -> float:
    """The reference: the papermill command for one country, in a fresh process and a fresh kernel."""
    return timed([str(BIN / "papermill"), str(NOTEBOOK), str(out / f"{code}.ipynb"), "-k", "python3",
                  "--no-progress-bar", "-p", "iso3", code, "-p", "data_dir", str(data), "-p", "references",
                  str(references), "-p", "output_dir", str(out)])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--countries", type=int, default=194)
    parser.add_argument("--sample", type=int, default=20, help="countries the papermill reference is timed on")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data, references = synthetic.write(tmp, n_countries=args.countries, n_incidents=1000)
        from research.data import country_codes as data_countries

        codes = data_countries(data)
        times = {}
        for jobs in (1, 2):
            out = tmp / f"out-j{jobs}"
            times[f"sweep -j {jobs} (cold)"] = sweep(data, references, out, jobs)
            pages = list((out / "profiles").glob("*.html"))
            assert len(pages) == len(codes) + 1, f"{len(pages)} pages for {len(codes)} countries"
        times["sweep -j 2 (no-op, all cached)"] = sweep(data, references, tmp / "out-j2", 2)
        step = max(1, len(codes) // args.sample)
        sample = codes[::step][: args.sample]
        reference = tmp / "papermill"
        reference.mkdir()
        each = [papermill_one(code, data, references, reference) for code in sample]
    per_country = sum(each) / len(each)
    times[f"papermill x {len(codes)} (extrapolated)"] = per_country * len(codes)
    ratio = times[f"papermill x {len(codes)} (extrapolated)"] / times["sweep -j 2 (cold)"]
    load_after = os.getloadavg()[0]
    print(f"{len(codes)} synthetic countries; papermill timed on {len(sample)} of them "
          f"({per_country:.2f} s each) and extrapolated linearly to {len(codes)}")
    print(f"{'measurement':<36}{'seconds':>9}{'per country':>13}")
    for key, value in times.items():
        print(f"{key:<36}{value:>9.1f}{value / len(codes):>13.2f}")
    print(f"{'papermill / sweep -j 2':<36}{ratio:>9.2f}   (target >= {TARGET:g}: {'met' if ratio >= TARGET else 'MISSED'})")
    print(f"1-minute load average: {load_before:.2f} before, {load_after:.2f} after (2 cores; other work inflates times)")
    out_dir = ROOT / "benchmarks" / "results"
    out_dir.mkdir(exist_ok=True)
    (out_dir / "sweep.json").write_text(json.dumps(
        {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
         "countries": len(codes), "papermill_sample": sample, "papermill_sample_seconds": each,
         "papermill_per_country": per_country, "seconds": times, "papermill_over_sweep_j2": ratio,
         "target": TARGET, "target_met": ratio >= TARGET,
         "load_average_1min": {"before": load_before, "after": load_after}}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
