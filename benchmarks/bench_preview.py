"""How long the live preview takes from saving an edit to serving the updated page, beside `make paper` after the
same edit: a prose edit in one notebook's Markdown, a changed data cell, a changed bibliography entry.

Run: ``.venv/bin/python benchmarks/bench_preview.py [--reps 5] [--paper-reps 5]``. Everything happens on copies of
the notebooks, the data and the bibliography in a temporary folder; the results go to benchmarks/results/preview.json
and the table (Markdown) to standard output. Method: docs/preview.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the servers helpers the tests use: free port, start, stop, poll
from servers import free_port, start, stop, wait_for  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "preview.json"
TARGETS = {"prose": 2.0, "data": 10.0}  # seconds, from the issue; prose also at most a tenth of make paper


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def edit_prose(root: Path, n: int) -> str:
    """Append a sentence to the first section's opening cell; return the text the page must then show."""
    path = root / "notebooks" / "03-existing-law.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if c["cell_type"] == "markdown" and "Legislating cyberspace" in "".join(c["source"]))
    text = f"Benchmark sentence number {n}."
    cell["source"] = "".join(cell["source"]) + " " + text
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return text


def edit_data(root: Path, n: int) -> str:
    """Change one cell of incidents.csv (the actor of its first row that names one: the incidents appendix lists it)."""
    path = root / "data" / "incidents.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        header = list(rows[0])
    row = next(r for r in rows if r["actor"])
    row["actor"] = f"{row['actor'].split(' (bench ')[0]} (bench {n})"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return row["actor"]


def edit_bibliography(root: Path, n: int) -> str:
    """Change the title of the paper's own entry in references.bib (the reference list shows it)."""
    path = root / "references.bib"
    text = path.read_text(encoding="utf-8")
    at = text.index("{nguon2019cambodia,")
    entry = re.sub(r"Cybercrime Law(, edition \d+)?\}", f"Cybercrime Law, edition {n}}}", text[at:], count=1)
    path.write_text(text[:at] + entry, encoding="utf-8")
    return f"edition {n}"


EDITS = {"prose": edit_prose, "data": edit_data, "bibliography": edit_bibliography}


def preview_times(root: Path, reps: int, say) -> dict[str, list[dict]]:
    """Start the preview on the copies; for each edit, the seconds from the file's save to the page served with it."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = start([sys.executable, "-m", "research", "preview", "--port", str(port), "--dir", str(root / "pv"),
                     "--notebooks-dir", str(root / "notebooks"), "--data-dir", str(root / "data"),
                     "--references", str(root / "references.bib")], root / "preview.log")
    out: dict[str, list[dict]] = {}
    try:
        wait_for(lambda: "Legislating cyberspace" in _get(base), 1800, "the preview's first page", every=1)
        for kind, edit in EDITS.items():
            out[kind] = []
            for n in range(reps):
                load = os.getloadavg()[0]
                version = json.loads(_get(base + "__preview/state"))["version"]
                expected = edit(root, 100 * len(out) + n)
                saved = time.perf_counter()

                def served(version=version, expected=expected):
                    state = json.loads(_get(base + "__preview/state"))
                    if state["error"]:
                        raise AssertionError(f"the preview failed: {state['error']}")
                    return state["version"] != version and expected.lower() in _get(base).lower()

                wait_for(served, 900, f"the page after the {kind} edit", every=0.02)
                seconds = time.perf_counter() - saved
                out[kind].append({"seconds": seconds, "load_before": load})
                say(f"  preview {kind:<12} {seconds:6.2f} s  (1-minute load {load:.1f})")
    finally:
        stop(process)
    return out


def paper_times(root: Path, reps: int, say) -> dict[str, list[dict]]:
    """For each edit, the seconds `make paper` takes after it (the same build, from the copies, in a new process)."""
    build = ("import sys; from pathlib import Path; from research.engine.config import BuildConfig; "
             "from research.build import build; r = Path(sys.argv[1]); "
             "build(BuildConfig(data_dir=r / 'data', references=r / 'references.bib', notebooks_dir=r / 'notebooks', "
             "output_dir=r / 'output'))")
    subprocess.run([sys.executable, "-c", build, str(root)], check=True, capture_output=True)  # warm: as after a build
    out: dict[str, list[dict]] = {}
    for kind, edit in EDITS.items():
        out[kind] = []
        for n in range(reps):
            load = os.getloadavg()[0]
            edit(root, 1000 + 100 * len(out) + n)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", build, str(root)], check=True, capture_output=True)
            seconds = time.perf_counter() - started
            out[kind].append({"seconds": seconds, "load_before": load})
            say(f"  paper   {kind:<12} {seconds:6.2f} s  (1-minute load {load:.1f})")
    return out


def table(results: dict) -> str:
    """The README's table: medians, the ratio to make paper, and whether each target is met."""
    rows = ["| edit | preview: save to page served | `make paper` after the same edit | ratio | 1-minute load | target |",
            "| --- | ---: | ---: | ---: | ---: | --- |"]
    for kind in EDITS:
        preview = statistics.median(e["seconds"] for e in results["preview"][kind])
        paper = statistics.median(e["seconds"] for e in results["paper"][kind])
        loads = [e["load_before"] for e in results["preview"][kind] + results["paper"][kind]]
        if kind == "prose":
            fast, small = preview < TARGETS["prose"], preview <= paper / 10
            target = f"< 2 s: {'met' if fast else '**missed**'}; ≤ 1/10 of make paper: {'met' if small else '**missed**'}"
        elif kind == "data":
            target = f"< 10 s: {'met' if preview < TARGETS['data'] else '**missed**'}"
        else:
            target = "none set"
        rows.append(f"| {kind} | {preview:.2f} s | {paper:.1f} s | {preview / paper:.2f} | {min(loads):.0f}-{max(loads):.0f} "
                    f"| {target} |")
    return "\n".join(rows)


def main(argv=None) -> int:
    """Run the benchmark; print and save the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="edits of each kind timed in the preview (default 5)")
    parser.add_argument("--paper-reps", type=int, default=5, help="make paper runs after each kind of edit (default 5)")
    parser.add_argument("--keep-preview", action="store_true",
                        help="time make paper only, keeping the preview's timings already in the results file")
    args = parser.parse_args(argv)
    say = lambda line: print(line, flush=True)  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("README.md"))
        shutil.copytree(ROOT / "notebooks", root / "notebooks")
        shutil.copy(ROOT / "references.bib", root / "references.bib")
        if args.keep_preview:
            results = json.loads(RESULTS.read_text(encoding="utf-8"))
        else:
            results = {"cpus": os.cpu_count(), "preview": preview_times(root, args.reps, say)}
            RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")  # kept if make paper's are cut
        results["paper"] = paper_times(root, args.paper_reps, say)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
