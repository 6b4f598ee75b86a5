"""Benchmark the sweep of every country of a real UNCTAD Global Cyberlaw Tracker file (about 195 profiles).

The tracker is the user's own copy (it grants no licence: never in the repository); it is imported with
`research import-laws unctad` into a scratch copy of data/, and every country of it is profiled. With two workers and
the parameters `research sweep` gives each profile (as_of included): the floor (each notebook's code cells in a warm
interpreter per worker, see floor.py), `research sweep -j 2` cold (its peak memory watched), the same sweep again with
everything cached, the same sweep on a local Dask cluster (a scheduler and two one-thread workers that this script
starts on 127.0.0.1, `--scheduler`), and papermill once per country, one after another, timed on an evenly spaced
sample (``--sample``, default 10) and extrapolated linearly to every country (the table says so). One run of each
(the machine is shared); the 1-minute load and the CPU share of other processes are printed with every number.

    .venv/bin/python benchmarks/bench_world.py /tmp/unctad/data.csv --links /tmp/unctad/document_links.json

Writes benchmarks/results/world.json and world.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from floor import floor_time  # noqa: E402
from measure import run, run_watched, timed  # noqa: E402

from research.data.unctad import KNOWN_RELEASES  # noqa: E402

PROFILE = ROOT / "notebooks" / "country-profile.ipynb"
JOBS = 2
WITHIN_FLOOR, CACHED_UNDER = 1.2, 1.0


def import_tracker(scratch: Path, data_csv: Path, links: Path | None, meta: Path | None) -> tuple[Path, Path]:
    """A copy of data/ and references.bib with the tracker imported; the import's report is printed."""
    data, references = scratch / "data", scratch / "references.bib"
    shutil.copytree(ROOT / "data", data)
    shutil.copy2(ROOT / "references.bib", references)
    cmd = [str(BIN / "research"), "import-laws", "unctad", str(data_csv), "--data-dir", str(data), "--references",
           str(references)] + (["--links", str(links)] if links else []) + (["--meta", str(meta)] if meta else [])
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)
    print(done.stderr.splitlines()[0], flush=True)
    return data, references


def plan(data: Path, references: Path, out: Path, limit: int) -> tuple[list[tuple[Path, dict]], int]:
    """Each country's notebook and parameters exactly as `research sweep` gives them (as_of included)."""
    from research.sweep.sweep import SweepConfig, make_plan

    steps = make_plan(SweepConfig(data_dir=data, references=references, output_dir=out, force=True))
    total = len(steps)
    print(f"the data hold {len(steps)} countries" + (f"; measured on {limit}, evenly spaced" if limit else ""))
    steps = steps[:: max(1, len(steps) // limit)][:limit] if limit else steps
    return [(PROFILE, {**step.parameters, "output_dir": str(out / step.iso3)}) for step in steps], total


def sweep_cmd(data: Path, references: Path, out: Path, codes: list[str], scheduler: str | None = None) -> list[str]:
    return [str(BIN / "research"), "sweep", "--data-dir", str(data), "--references", str(references),
            "--output-dir", str(out), "-j", str(JOBS)] + (["--countries", ",".join(codes)] if codes else []) + (
        ["--scheduler", scheduler] if scheduler else [])


def papermill(notebook: Path, out: Path, parameters: dict) -> None:
    args = [str(BIN / "papermill"), str(notebook), str(out / f"{parameters['iso3']}.ipynb"), "-k", "python3",
            "--no-progress-bar"]
    for name, value in parameters.items():
        args += ["-p", name, str(value)]
    run(args, cwd=ROOT)


class LocalDask:
    """A Dask scheduler and two one-thread workers on 127.0.0.1, started and stopped by this benchmark."""

    def __enter__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self.address = f"tcp://127.0.0.1:{port}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                        "--no-dashboard"], **quiet)]
        time.sleep(2)
        self.procs += [subprocess.Popen([str(BIN / "dask"), "worker", self.address, "--nthreads", "1",
                                         "--no-dashboard", "--host", "127.0.0.1"], cwd=ROOT, **quiet)
                       for _ in range(JOBS)]
        from distributed import Client

        with Client(self.address, timeout=60) as client:
            client.wait_for_workers(JOBS, timeout=120)
        return self

    def __exit__(self, *exc):
        for proc in reversed(self.procs):
            proc.terminate()
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


def children_cpu() -> float:
    """CPU seconds (user and system) of the waited-for child processes so far."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def measure(scratch: Path, data: Path, references: Path, sample: int, limit: int, save) -> dict:
    """Each measurement in turn, ours first (so that a run cut short still has them); ``save`` after each."""
    results: dict[str, dict] = {}

    def record(kind: str, timing, **extra) -> None:
        results[kind] = {"seconds": timing.seconds, "load_before": timing.load_before, "others": timing.others,
                         **extra}
        print(f"  {kind:<22} {timing.seconds:8.2f} s   load {timing.load_before:.2f}, others {timing.others:.0%}",
              flush=True)
        save(results)

    runs, total = plan(data, references, scratch / "floor", limit)
    results["countries"], results["of"] = len(runs), total
    codes = [p["iso3"] for _, p in runs] if limit else []  # every country: no --countries, as `make profiles`
    print(f"{len(runs)} countries; 1-minute load {os.getloadavg()[0]:.2f}", flush=True)
    out = scratch / "ours"
    timing, watcher = timed(lambda: run_watched(sweep_cmd(data, references, out, codes), cwd=ROOT))
    results["memory_peak"] = {"rss": watcher.rss, "pss": watcher.pss, "processes": watcher.processes}
    record("ours cold", timing, memory=results["memory_peak"])
    pages = len(list((out / "profiles").glob("*.html"))) - 1
    if pages < len(runs):
        raise SystemExit(f"the sweep wrote {pages} profiles for {len(runs)} countries")
    cpu = children_cpu()
    timing, _ = timed(lambda: run(sweep_cmd(data, references, out, codes), cwd=ROOT))
    record("ours cached", timing, cpu=children_cpu() - cpu)  # its own CPU seconds: the wall time waits on others
    timing, (_, each) = timed(lambda: floor_time(runs, JOBS))
    record("floor", timing, per_notebook=each)
    sampled = runs[:: max(1, len(runs) // sample)][:sample]
    pm = scratch / "papermill"
    pm.mkdir()
    timing, _ = timed(lambda: [papermill(nb, pm, {**p, "output_dir": str(pm)}) for nb, p in sampled])
    timing.seconds *= len(runs) / len(sampled)
    record("papermill", timing, sampled=len(sampled), of=len(runs))
    with LocalDask() as cluster:
        dask_out = scratch / "dask"
        timing, _ = timed(lambda: run(sweep_cmd(data, references, dask_out, codes, cluster.address), cwd=ROOT))
        record("dask cold", timing)
        timing, _ = timed(lambda: run(sweep_cmd(data, references, dask_out, codes, cluster.address), cwd=ROOT))
        record("dask cached", timing)
    return results


ROWS = [("floor (warm interpreters, 2 workers)", "floor"), ("`research sweep -j 2`, cold", "ours cold"),
        ("`research sweep -j 2`, all cached", "ours cached"),
        ("`research sweep --scheduler` (local Dask, 2 workers), cold", "dask cold"),
        ("`research sweep --scheduler`, all cached", "dask cached"), ("papermill once per country", "papermill")]


def table(summary: dict) -> str:
    """The README's table: each measurement, its ratio to the floor, and the targets (a row not measured says so)."""
    res = summary["results"]
    floor = res["floor"]["seconds"] if "floor" in res else None
    n = res["countries"]
    what = (f"{n} countries, evenly spaced among the {res['of']} of {summary['tracker']}" if summary["limit"] else
            f"the {n} countries of {summary['tracker']}")
    lines = [f"Sweep of {what} ({summary['machine']['cpus']} CPUs, Python {summary['machine']['python']}, "
             f"{summary['machine']['platform']}; one run each on a shared machine)",
             "", "| measurement | seconds | per country | / floor | load before | CPU of others |",
             "|---|---:|---:|---:|---:|---:|"]
    for label, key in ROWS:
        r = res.get(key)
        if key == "papermill" and r:
            label += f" ({r['sampled']} timed, extrapolated to {n})"
        if r is None:
            lines.append(f"| {label} | not measured (the run stopped before this step) | | | | |")
            continue
        ratio = f"{r['seconds'] / floor:.2f}x" if floor else "n/a"
        seconds = f"{r['seconds']:.2f}" if r["seconds"] < 10 else f"{r['seconds']:.1f}"  # 0.97, not 1.0
        lines.append(f"| {label} | {seconds} | {r['seconds'] / n:.3f} | {ratio} | "
                     f"{r['load_before']:.2f} | {r['others']:.0%} |")
    notes = []
    if "ours cold" in res and floor:
        ours = res["ours cold"]["seconds"]
        notes.append(f"Within {WITHIN_FLOOR}x of the floor: {'met' if ours / floor <= WITHIN_FLOOR else '**missed**'} "
                     f"({ours / floor:.2f}x).")
    if "ours cached" in res:
        cached = res["ours cached"]["seconds"]
        notes.append(f"Cached re-sweep under {CACHED_UNDER:g} s: {'met' if cached < CACHED_UNDER else '**missed**'} "
                     f"({cached:.2f} s wall, {res['ours cached']['cpu']:.2f} s of CPU).")
    if "memory_peak" in res:
        mem = res["memory_peak"]
        notes.append(f"Peak memory of the cold sweep: {mem['rss'] / 2**20:.0f} MiB resident summed over "
                     f"{mem['processes']} processes, {mem['pss'] / 2**20:.0f} MiB proportional.")
    return "\n".join(lines + ["", " ".join(notes)]) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data_csv", type=Path, help="the tracker's data.csv (the user's own copy)")
    parser.add_argument("--links", type=Path, help="its document_links.json")
    parser.add_argument("--sample", type=int, default=10, help="countries papermill is timed on, extrapolated")
    parser.add_argument("--meta", type=Path, help="JSON naming the release, for a file the importer does not know")
    parser.add_argument("--limit", type=int, default=0, help="only N countries, evenly spaced (0: all)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (printed)")
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="bench-world-"))
    sha = hashlib.sha256(args.data_csv.read_bytes()).hexdigest()
    summary = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "platform": platform.platform()},
               "tracker": KNOWN_RELEASES.get(sha, {}).get("version", f"a tracker file of SHA-256 {sha[:12]}"),
               "limit": args.limit, "jobs": JOBS, "uptime": {}, "results": {}}

    def save(results: dict) -> str:
        """Write world.json and world.md with what is measured so far, so that a run stopped early keeps it."""
        summary["results"] = results
        summary["uptime"]["after"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        text = table(summary) + f"\nuptime before: {summary['uptime']['before']}\nuptime after: " \
            f"{summary['uptime']['after']}\n"
        out = ROOT / "benchmarks" / "results"
        out.mkdir(exist_ok=True)
        (out / "world.json").write_text(json.dumps(summary, indent=1) + "\n")
        (out / "world.md").write_text(text)
        return text

    try:
        data, references = import_tracker(scratch, args.data_csv.resolve(),
                                          args.links.resolve() if args.links else None,
                                          args.meta.resolve() if args.meta else None)
        summary["uptime"]["before"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
        results = measure(scratch, data, references, args.sample, args.limit, save)
    finally:
        if args.keep:
            print(f"kept: {scratch}")
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    print("\n" + save(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
