"""Benchmark the sweep and the build against their floor and against papermill, side by side, in one run.

For each workload, with 2 workers and the same parameters: the floor (each notebook's code cells in one warm
interpreter per worker, see floor.py), our command, and the papermill command once per notebook, one after
another. Workloads: the 16 shipped countries; 194 synthetic countries (benchmarks/synthetic.py); the six section
notebooks cold, without and with the report. Also: the no-op `make paper`, a sweep with everything cached, and
the peak resident memory of all processes of a 2-worker sweep on 194 countries. Medians of ``--repeat`` runs
(default 3), the three commands of one workload interleaved; each workload starts once the 1-minute load
average is below 0.5, and every number carries the load before it and the CPU share others used during it.

Writes benchmarks/results/floor.json and floor.md (the README's table, pasted unchanged). Run from the
project root:  .venv/bin/python benchmarks/bench_floor.py
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic  # noqa: E402
from floor import floor_time  # noqa: E402
from measure import run, run_watched, timed, wait_for_quiet  # noqa: E402
from table import markdown  # noqa: E402

PROFILE = ROOT / "notebooks" / "country-profile.ipynb"
SECTIONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))
JOBS = 2


class Bench:
    """Runs the measurements into a scratch folder and keeps every timing."""

    def __init__(self, scratch: Path, repeat: int, limit: float):
        self.scratch, self.repeat, self.limit = scratch, repeat, limit
        self.results: dict[str, dict] = {}
        self.count = 0

    def fresh(self, name: str) -> Path:
        self.count += 1
        return self.scratch / f"{self.count:03d}-{name}"

    def record(self, workload: str, kind: str, timing, extra=None) -> None:
        entry = self.results.setdefault(workload, {}).setdefault(kind, [])
        entry.append({"seconds": timing.seconds, "load_before": timing.load_before, "others": timing.others,
                      **(extra or {})})
        print(f"  {workload:<28} {kind:<12} {timing.seconds:8.2f} s   load {timing.load_before:.2f}, "
              f"others {timing.others:.0%}", flush=True)

    def quiet(self, workload: str) -> None:
        load = wait_for_quiet(self.limit)
        print(f"{workload}: 1-minute load {load:.2f}", flush=True)


def _profile_runs(codes, data: Path, references: Path, out: Path) -> list[tuple[Path, dict]]:
    return [(PROFILE, {"data_dir": str(data), "references": str(references), "focus": "KHM", "iso3": code,
                       "output_dir": str(out / code)}) for code in codes]


def _papermill(notebook: Path, out: Path, parameters: dict) -> None:
    args = [str(BIN / "papermill"), str(notebook), str(out / f"{notebook.stem}-{parameters.get('iso3', '')}.ipynb"),
            "-k", "python3", "--no-progress-bar"]
    for name, value in parameters.items():
        args += ["-p", name, str(value)]
    run(args, cwd=ROOT)


def sweep_workload(bench: Bench, name: str, data: Path, references: Path, sample: int) -> None:
    """Floor, `research sweep -j 2` and papermill per country (on ``sample`` countries if given, extrapolated)."""
    from research.data import country_codes

    codes = country_codes(data)
    sampled = codes if not sample or sample >= len(codes) else codes[:: max(1, len(codes) // sample)][:sample]
    bench.quiet(name)
    for _ in range(bench.repeat):
        out = bench.fresh("floor")
        timing, (_, each) = timed(lambda out=out: floor_time(_profile_runs(codes, data, references, out), JOBS))
        bench.record(name, "floor", timing, {"per_notebook": each})
        out = bench.fresh("sweep")
        cmd = [str(BIN / "research"), "sweep", "--data-dir", str(data), "--references", str(references),
               "--output-dir", str(out), "-j", str(JOBS)]
        timing, _ = timed(lambda cmd=cmd: run(cmd, cwd=ROOT))
        bench.record(name, "ours", timing)
        bench.results[name]["last_sweep"] = str(out)
        out = bench.fresh("papermill")
        out.mkdir()
        runs = _profile_runs(sampled, data, references, out)
        timing, _ = timed(lambda runs=runs, out=out: [_papermill(nb, out, p) for nb, p in runs])
        timing.seconds *= len(codes) / len(sampled)
        bench.record(name, "papermill", timing, {"sampled": len(sampled), "of": len(codes)})
    bench.results[name]["countries"] = len(codes)


def cached_and_memory(bench: Bench, name: str, data: Path, references: Path) -> None:
    """A sweep with everything cached (on the last cold sweep's output), then the memory of a cold 2-worker sweep."""
    previous = Path(bench.results[name]["last_sweep"])
    cmd = [str(BIN / "research"), "sweep", "--data-dir", str(data), "--references", str(references),
           "--output-dir", str(previous), "-j", str(JOBS)]
    for _ in range(bench.repeat):
        timing, _ = timed(lambda: run(cmd, cwd=ROOT))
        bench.record(name, "cached", timing)
    out = bench.fresh("memory")
    cmd[cmd.index(str(previous))] = str(out)
    peak = run_watched(cmd, cwd=ROOT)
    bench.results[name]["memory"] = {"rss": peak.rss, "pss": peak.pss, "processes": peak.processes}
    print(f"  peak memory: {peak.rss / 2**20:.0f} MiB resident (summed), {peak.pss / 2**20:.0f} MiB proportional, "
          f"{peak.processes} processes", flush=True)


REPORT = """import json, statistics, sys, time
from pathlib import Path
from research.engine.config import BuildConfig
from research.report.assemble import build_report
from research.repro.provenance import current
import research.report.render, research.report.convert, weasyprint, pypandoc, bibtexparser  # imports paid first
config = BuildConfig(output_dir=Path(sys.argv[1])).resolved()
names = [p.stem for p in sorted(Path(config.notebooks_dir).glob("[0-9][0-9]-*.ipynb"))]
each = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    build_report(config, names, current())
    each.append(time.perf_counter() - start)
print(json.dumps(each))
"""


def build_workload(bench: Bench) -> None:
    """The six section notebooks cold: floor, `research build --no-report`, `make clean paper`, papermill each."""
    name = "sections"
    bench.quiet(name)
    bench.results.setdefault(name, {})["notebooks"] = len(SECTIONS)
    params = {"data_dir": str(ROOT / "data"), "references": str(ROOT / "references.bib")}
    for _ in range(bench.repeat):
        out = bench.fresh("floor")
        runs = [(nb, {**params, "output_dir": str(out / nb.stem)}) for nb in SECTIONS]
        timing, (_, each) = timed(lambda runs=runs: floor_time(runs, JOBS))
        bench.record(name, "floor", timing, {"per_notebook": each})
        out = bench.fresh("build")
        cmd = [str(BIN / "research"), "build", "--no-report", "--output-dir", str(out), "-j", str(JOBS)]
        timing, _ = timed(lambda cmd=cmd: run(cmd, cwd=ROOT))
        bench.record(name, "ours", timing)
        out = bench.fresh("paper")
        cmd = ["make", "clean", "paper", f"OUTPUT_DIR={out}", f"JOBS={JOBS}"]
        timing, _ = timed(lambda cmd=cmd: run(cmd, cwd=ROOT))
        bench.record(name, "ours+report", timing)
        pm = bench.fresh("papermill")
        pm.mkdir()
        timing, _ = timed(lambda pm=pm: [_papermill(nb, pm, {**params, "output_dir": str(pm)}) for nb in SECTIONS])
        bench.record(name, "papermill", timing)
    done = subprocess.run([sys.executable, "-c", REPORT, str(out), str(bench.repeat)], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    bench.results[name]["report_assembly"] = json.loads(done.stdout.splitlines()[-1])
    print(f"  report assembly (warm): {', '.join(f'{s:.2f}' for s in bench.results[name]['report_assembly'])} s")
    cmd = ["make", "paper", f"OUTPUT_DIR={out}", f"JOBS={JOBS}"]
    for _ in range(bench.repeat):
        timing, _ = timed(lambda: run(cmd, cwd=ROOT))
        bench.record(name, "noop", timing)
    for _ in range(bench.repeat):  # one data file changed: only the two notebooks that read it run again
        data, out = bench.fresh("data"), bench.fresh("changed")
        shutil.copytree(ROOT / "data", data)
        cmd = ["make", "paper", f"OUTPUT_DIR={out}", f"DATA_DIR={data}", f"JOBS={JOBS}"]
        run(cmd, cwd=ROOT)
        with open(data / "convention_parties.csv", "a", encoding="utf-8") as fh:
            fh.write("2025-01,77,nguon2019cambodia,benchmark edit,paper\n")
        timing, _ = timed(lambda cmd=cmd: run(cmd, cwd=ROOT))
        bench.record(name, "one file", timing)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (medians reported)")
    parser.add_argument("--countries", type=int, default=194, help="synthetic countries")
    parser.add_argument("--sample", type=int, default=20,
                        help="synthetic countries papermill is timed on, extrapolated to all (0: every one)")
    parser.add_argument("--load-limit", type=float, default=0.5, help="1-minute load average to wait for")
    parser.add_argument("--only", choices=["shipped", "synthetic", "sections"], action="append",
                        help="run only these workloads (default: all)")
    args = parser.parse_args(argv)
    only = args.only or ["shipped", "synthetic", "sections"]
    scratch = Path(tempfile.mkdtemp(prefix="bench-floor-"))
    bench = Bench(scratch, args.repeat, args.load_limit)
    try:
        if "shipped" in only:
            sweep_workload(bench, "shipped", ROOT / "data", ROOT / "references.bib", 0)
        if "synthetic" in only:
            data, references = synthetic.write(scratch / "synthetic", n_countries=args.countries, n_incidents=1000)
            sweep_workload(bench, "synthetic", data, references, args.sample)
            cached_and_memory(bench, "synthetic", data, references)
        if "sections" in only:
            build_workload(bench)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    summary = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "platform": platform.platform(),
                           "dont_write_bytecode": bool(os.environ.get("PYTHONDONTWRITEBYTECODE"))},
               "jobs": JOBS, "repeat": args.repeat, "results": bench.results}
    table = markdown(summary)
    print("\n" + table)
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    (results / "floor.json").write_text(json.dumps(summary, indent=1) + "\n")
    (results / "floor.md").write_text(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
