"""The build, end to end on the real notebooks: outputs, cache, parameters, failures, determinism, kernel isolation.

One module-scoped build (``built``) executes the real section notebooks from a copy of data/ into a temporary
output folder, without the report. Tests that change something (a data file, a forced re-run, a failing notebook)
put it back before they finish, so every test sees the same, freshly built folder whatever the order.
(The cache key covers the package source: editing src/research/ while these tests run makes every notebook stale
and the cache tests fail.)
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pytest
from support import Built, build_copy, run_build

from research import paths
from research.errors import BuildError
from research.nb.glue import read_records

pytestmark = pytest.mark.slow

SECTION_NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
NAMES = [p.stem for p in SECTION_NOTEBOOKS]
RESEARCH = Path(sys.executable).parent / "research"
PROGRESS = re.compile(r"^  (queued|cached|running|done|failed)\s+(\S+)", re.MULTILINE)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    # Its own build (not the session one): these tests edit the data copy and rebuild.
    return build_copy(tmp_path_factory.mktemp("build"))


# --------------------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------------------


def statuses(log: str, status: str) -> list[str]:
    """Notebook names on progress lines with ``status``, in the order printed."""
    return [name for s, name in PROGRESS.findall(log) if s == status]


def executed(built: Built, name: str) -> dict:
    return json.loads((built.output_dir / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))


def records(built: Built, name: str, kind: str) -> list[dict]:
    return [r for r in read_records(executed(built, name)) if r["kind"] == kind]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file under ``folder`` except the lock file."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def snapshot_published(folder: Path) -> dict[str, tuple[bytes, int]]:
    """:func:`snapshot` of what a build publishes: everything but the cache, the lock and kept failures."""
    return {name: value for name, value in snapshot(folder).items()
            if not name.startswith((".cache/", ".failed/"))}


def tables_read(name: str) -> set[str]:
    """The CSV files a section notebook reads, worked out from its source and datapackage.json alone: the tables
    its ``load_data(..., tables=[...])`` call names, and every table their foreign keys and list references need."""
    cells = json.loads((paths.NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code" and "parameters" not in
                     c.get("metadata", {}).get("tags", []))
    calls = [n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "load_data"]
    resources = {r["name"]: r for r in json.loads((paths.DATA_DIR / "datapackage.json").read_text())["resources"]}
    wanted = []
    for call in calls:  # a call that names no tables reads every table
        named = [k.value for k in call.keywords if k.arg == "tables"]
        wanted += ast.literal_eval(named[0]) if named else list(resources)
    seen, todo = set(), list(wanted)
    while todo:
        table = todo.pop()
        if table not in seen:
            seen.add(table)
            schema = resources[table]["schema"]
            todo += [fk["reference"]["resource"] for fk in schema.get("foreignKeys", [])]
            todo += [f["x-list"]["itemReference"]["resource"] for f in schema["fields"]
                     if "itemReference" in f.get("x-list", {})]
    return {resources[t]["path"] for t in seen}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------------------------
# What one build produces
# --------------------------------------------------------------------------------------------------------------


def test_first_build_runs_every_notebook(built):
    assert built.summary.ran == len(NAMES) and built.summary.cached == 0 and built.summary.failed == 0
    assert sorted(statuses(built.log, "done")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_executed_notebook_exists_without_errors(built, name):
    nb = executed(built, name)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, f"{name}: no code cells in the executed notebook"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, f"{name}: error outputs {[e.get('ename') for e in errors]}"
    not_run = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and c.get("execution_count") is None]
    assert not not_run, f"{name}: code cells {not_run} were never executed"
    assert not (built.output_dir / "notebooks" / f"{name}.failed.ipynb").exists()


def test_figures_and_tables_are_written_under_their_labels(built):
    figures = [r for n in NAMES for r in records(built, n, "figure")]
    tables = [r for n in NAMES for r in records(built, n, "table")]
    assert figures and tables, "the notebooks recorded no figure or no table"

    expected_figures = set()
    for r in figures:
        assert re.fullmatch(r"fig-[a-z0-9]+(-[a-z0-9]+)*", r["name"]), r["name"]
        # each figure with its data as a table, for a reader who cannot see colours or wants to check a cell
        assert r["files"] == {"svg": f"figures/{r['name']}.svg", "png": f"figures/{r['name']}.png",
                              "csv": f"tables/{r['name']}.csv"}
        expected_figures |= {f"{r['name']}.svg", f"{r['name']}.png"}
    assert {p.name for p in (built.output_dir / "figures").iterdir()} == expected_figures

    for r in figures:
        svg = built.output_dir / r["files"]["svg"]
        root = ET.fromstring(svg.read_bytes())
        assert root.tag == "{http://www.w3.org/2000/svg}svg", f"{svg.name} is not an SVG document"
        png = (built.output_dir / r["files"]["png"]).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n", f"{r['name']}.png is not a PNG file"
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert width > 100 and height > 100, f"{r['name']}.png is {width}x{height}"

    expected_tables = set()
    for r in tables:
        assert re.fullmatch(r"tbl-[a-z0-9]+(-[a-z0-9]+)*", r["name"]), r["name"]
        assert r["file"] == f"tables/{r['name']}.csv"
        expected_tables.add(f"{r['name']}.csv")
        rows = list(csv.reader(io.StringIO((built.output_dir / r["file"]).read_text(encoding="utf-8"))))
        assert len(rows) >= 2 and all(h.strip() for h in rows[0]), f"{r['name']}: no header or no rows"
        assert len({len(row) for row in rows}) == 1, f"{r['name']}: ragged rows"
    # each figure's data, written beside the tables under the figure's own label
    for r in figures:
        if "csv" in r["files"]:
            assert r["files"]["csv"] == f"tables/{r['name']}.csv"
            expected_tables.add(f"{r['name']}.csv")
    assert {p.name for p in (built.output_dir / "tables").iterdir()} == expected_tables


# --------------------------------------------------------------------------------------------------------------
# The cache
# --------------------------------------------------------------------------------------------------------------


def test_second_build_executes_nothing_and_touches_nothing(built):
    before = snapshot(built.output_dir)
    summary, log = run_build(built.config())
    assert (summary.ran, summary.cached, summary.failed) == (0, len(NAMES), 0), log
    assert sorted(statuses(log, "cached")) == NAMES
    assert not statuses(log, "running") and not statuses(log, "queued"), log
    assert snapshot(built.output_dir) == before, "a build with nothing to do rewrote files"


def _append_party_count(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    last = max(rows, key=lambda r: r["date"])
    # A count for the month after the latest one, one Party more, sourced like the latest row: valid data.
    year, month = int(last["date"][:4]), int(last["date"][5:7] or 12)
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    line = f"{year:04d}-{month:02d},{int(last['parties']) + 1},{last['source']},row appended by test_build,secondary\n"
    path.write_text(text + ("" if text.endswith("\n") else "\n") + line, encoding="utf-8")


def _reword_incident_summary(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    column = rows[0].index("summary")
    old = rows[1][column]
    assert text.count(old) == 1
    path.write_text(text.replace(old, old + " (Reworded by test_build.)"), encoding="utf-8")


@pytest.mark.parametrize(
    "file, edit",
    [("convention_parties.csv", _append_party_count), ("incidents.csv", _reword_incident_summary)],
    ids=["append-row-convention_parties", "change-value-incidents"],
)
def test_changing_a_data_file_reruns_exactly_the_notebooks_that_read_it(built, file, edit):
    target = built.data_dir / file
    readers = {name for name in NAMES if file in tables_read(name)}
    # The executed notebooks record the same files: what the cache key covers is what the notebook asked for.
    assert readers == {name for name in NAMES for r in records(built, name, "inputs")
                       if str(target.resolve()) in r["files"]}
    # Meaningful only if some, but not all, notebooks read the file.
    assert readers and readers != set(NAMES), f"{file} is read by {sorted(readers)}"
    before = {name: (built.output_dir / "notebooks" / f"{name}.ipynb").stat().st_mtime_ns for name in NAMES}
    original = target.read_bytes()
    try:
        edit(target)
        summary, log = run_build(built.config())
        assert set(statuses(log, "done")) == readers, log
        assert set(statuses(log, "cached")) == set(NAMES) - readers, log
        assert (summary.ran, summary.cached, summary.failed) == (len(readers), len(NAMES) - len(readers), 0)
        for name in NAMES:
            changed = (built.output_dir / "notebooks" / f"{name}.ipynb").stat().st_mtime_ns != before[name]
            assert changed == (name in readers), f"{name}: executed notebook {'re' if changed else 'not '}written"
    finally:
        target.write_bytes(original)
        # Back to the original data: the same notebooks run again, and the folder is as the fixture left it.
        summary, log = run_build(built.config())
    assert set(statuses(log, "done")) == readers, log


def test_force_reruns_every_notebook_and_reproduces_the_outputs(built):
    before = snapshot(built.output_dir)
    summary, log = run_build(built.config(force=True))
    assert (summary.ran, summary.cached, summary.failed) == (len(NAMES), 0, 0), log
    assert sorted(statuses(log, "done")) == NAMES
    after = snapshot(built.output_dir)
    for name in NAMES:
        rel = f"notebooks/{name}.ipynb"
        assert after[rel][1] != before[rel][1], f"{name} was not re-executed"
    for rel in before:
        if rel.startswith(("figures/", "tables/", "notebooks/")):
            assert after[rel][0] == before[rel][0], f"{rel} differs after re-running the same notebook on the same data"


# --------------------------------------------------------------------------------------------------------------
# Refusals before anything runs
# --------------------------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------------------------
# A failing notebook
# --------------------------------------------------------------------------------------------------------------

VICTIM = "03-existing-law"
BROKEN_CELL = (
    "# deliberately broken by test_build, after the figures are saved\n"
    "import hashlib, json\n"
    "print(json.dumps({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (out / 'figures').iterdir()}))\n"
    'raise ValueError("boom")\n'
)


def _break_notebook(notebooks_dir: Path) -> None:
    """Append a failing cell to the victim, and give it another exchange rate so its staged figure differs."""
    path = notebooks_dir / f"{VICTIM}.ipynb"
    nb = nbformat.read(path, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "khr_per_usd = 4000" in params.source
    params.source = params.source.replace("khr_per_usd = 4000", "khr_per_usd = 8000")
    nb.cells.append(nbformat.v4.new_code_cell(BROKEN_CELL))
    nbformat.write(nb, path)


def test_failing_notebook_raises_and_keeps_the_last_good_outputs(built, tmp_path):
    notebooks_dir = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS_DIR, notebooks_dir)
    _break_notebook(notebooks_dir)
    out = built.output_dir
    kept = [
        out / "notebooks" / f"{VICTIM}.ipynb",
        *(out / r["files"][k] for r in records(built, VICTIM, "figure") for k in ("svg", "png")),
        *(out / r["file"] for r in records(built, VICTIM, "table")),
        out / ".cache" / "notebooks" / f"{VICTIM}.json",
    ]
    assert len(kept) >= 4, kept
    before = {p: p.read_bytes() for p in kept}
    published = snapshot_published(out)
    failed = out / ".failed" / f"{VICTIM}.failed.ipynb"
    config = built.config(notebooks_dir=notebooks_dir)
    try:
        with pytest.raises(BuildError) as info:
            run_build(config)
        message = str(info.value)
        assert f"{VICTIM}.ipynb" in message
        assert "# deliberately broken by test_build, after the figures are saved" in message
        assert "ValueError: boom" in message
        assert str(failed) in message

        # The cell number in the message is the broken cell's (0-based) index in the notebook the user edits.
        source_cells = nbformat.read(notebooks_dir / f"{VICTIM}.ipynb", as_version=4).cells
        assert source_cells[int(re.search(r"failed in cell (\d+)", message).group(1))].source == BROKEN_CELL

        # The partly executed notebook is kept, with the broken cell run and its error recorded.
        assert failed.is_file()
        partial = json.loads(failed.read_text(encoding="utf-8"))
        cell = next(c for c in partial["cells"] if "".join(c["source"]) == BROKEN_CELL)
        assert any(o.get("output_type") == "error" and o.get("ename") == "ValueError" for o in cell["outputs"])

        # The last good outputs are untouched, although the failed run had written a different figure; nothing
        # of the other notebooks' runs is published either (the output folder changes only when all succeed).
        for path, data in before.items():
            assert path.read_bytes() == data, f"{path.relative_to(out)} changed after a failed run"
        assert snapshot_published(out) == published
        printed = "".join("".join(o.get("text", "")) for o in cell.get("outputs", []) if o.get("name") == "stdout")
        staged = json.loads(printed)
        penalties = next(r for r in records(built, VICTIM, "figure") if r["name"] == "fig-penalties")
        assert staged["fig-penalties.svg"] != sha256(out / penalties["files"]["svg"])

        log = config.stream.getvalue()
        assert statuses(log, "failed") == [VICTIM]
        assert set(statuses(log, "cached")) == set(NAMES) - {VICTIM}
        assert not (out / ".staging").exists()

        # The failed run left the cache valid: with the real notebooks nothing needs to run.
        summary, log = run_build(built.config())
        assert summary.ran == 0 and summary.cached == len(NAMES), log
    finally:
        failed.unlink(missing_ok=True)


def test_a_failed_build_publishes_nothing_and_leaves_no_temporary_file(built, tmp_path, monkeypatch):
    import tempfile

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))  # the zygote, its kernels and this process alike
    monkeypatch.setattr(tempfile, "tempdir", None)
    notebooks_dir = tmp_path / "notebooks"
    shutil.copytree(paths.NOTEBOOKS_DIR, notebooks_dir)
    _break_notebook(notebooks_dir)
    out = built.output_dir
    published = snapshot_published(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    try:
        with pytest.raises(BuildError, match="the published output is as it was"):
            run_build(built.config(notebooks_dir=notebooks_dir, force=True))
        assert snapshot_published(out) == published
        # The tables still are the ones the manifest lists.
        for rel, digest in manifest["outputs"].items():
            if rel.startswith("tables/"):
                assert sha256(out / rel) == digest, rel
        assert not (out / ".staging").exists()
        assert sorted(p.name for p in temp.iterdir()) == []
        # What succeeded is stored, and the broken notebook's last good run is kept: with the real notebooks
        # nothing runs, and nothing is published again.
        summary, log = run_build(built.config())
        assert summary.ran == 0 and summary.cached == len(NAMES), log
        assert snapshot_published(out) == published
    finally:
        (out / ".failed" / f"{VICTIM}.failed.ipynb").unlink(missing_ok=True)


# --------------------------------------------------------------------------------------------------------------
# Isolation (determinism: two builds from scratch are compared file by file in test_reproducibility.py)
# --------------------------------------------------------------------------------------------------------------


def _tiny_notebook(code: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    params = nbformat.v4.new_code_cell('output_dir = ""')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("Kernel isolation probe."), params, nbformat.v4.new_code_cell(code)]
    return nb


SETS_STATE = """\
import os
import matplotlib as mpl
import pandas as pd
import research.nb.glue
from research.nb.glue import glue

LEAKED_GLOBAL = "set by 01"
mpl.rcParams["lines.linewidth"] = 7.25
pd.set_option("display.max_rows", 3)
os.environ["RESEARCH_TEST_LEAK"] = "set by 01"
research.nb.glue.LEAKED_ATTRIBUTE = "set by 01"
assert mpl.rcParams["lines.linewidth"] == 7.25 and pd.get_option("display.max_rows") == 3
glue("pid", os.getpid())
glue("parent", os.getppid())
"""

CHECKS_STATE = """\
import os
import matplotlib as mpl
import pandas as pd
import research.nb.glue
from research.nb.glue import glue

leaks = []
if "LEAKED_GLOBAL" in globals():
    leaks.append("global variable")
if mpl.rcParams["lines.linewidth"] == 7.25:
    leaks.append("matplotlib rcParam")
if pd.get_option("display.max_rows") == 3:
    leaks.append("pandas option")
if "RESEARCH_TEST_LEAK" in os.environ:
    leaks.append("environment variable")
if hasattr(research.nb.glue, "LEAKED_ATTRIBUTE"):
    leaks.append("module attribute")
assert not leaks, f"state leaked from 01: {leaks}"
glue("pid", os.getpid())
glue("parent", os.getppid())
"""


def test_a_kernel_does_not_see_another_notebooks_state(built, tmp_path):
    notebooks_dir = tmp_path / "notebooks"
    notebooks_dir.mkdir()
    nbformat.write(_tiny_notebook(SETS_STATE), notebooks_dir / "01-sets-state.ipynb")
    nbformat.write(_tiny_notebook(CHECKS_STATE), notebooks_dir / "02-checks-state.ipynb")
    out = tmp_path / "out"
    config = built.config(notebooks_dir=notebooks_dir, output_dir=out, jobs=1)
    summary, log = run_build(config)  # raises BuildError naming the leaks if 02 saw 01's state
    assert summary.ran == 2, log
    assert statuses(log, "done") == ["01-sets-state", "02-checks-state"], log

    def values(name):
        nb = json.loads((out / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        return {r["name"]: r["value"] for r in read_records(nb) if r["kind"] == "value"}

    first, second = values("01-sets-state"), values("02-checks-state")
    assert first["pid"] != second["pid"], "both notebooks ran in the same kernel process"
    # Both kernels were forked by the same warm zygote, not started by the build process itself.
    assert first["parent"] == second["parent"] != os.getpid()
