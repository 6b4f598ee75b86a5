"""`research sweep`: country profiles end to end, locally and on a Dask LocalCluster, with caching and isolation.

One module-scoped local sweep profiles a handful of countries (one of them unknown, so it fails) from a copy of
data/; the Dask test runs the same sweep on a two-worker LocalCluster and compares. A tiny probe notebook shows
that every country gets a fresh kernel from a zygote started once per worker, and that nothing leaks between them.
Expected numbers are counted here from the CSV files with the csv module, not taken from a run.
"""

from __future__ import annotations

import base64
import csv
import importlib.util
import io
import json
import os
import re
import select
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from support import copy_inputs

from research import paths
from research.data import country_codes
from research.errors import ParameterError
from research.nb.glue import read_records
from research.sweep.sweep import (
    PROFILE_NOTEBOOK,
    SweepConfig,
    latest_row_date,
    make_plan,
    parse_countries,
    profiles_dir,
    sweep,
)

pytestmark = pytest.mark.slow

COUNTRIES = ["KHM", "VNM", "JPN", "SGP"]
CONTENTS = ["timeline", "gci", "coverage", "incidents"]


def run(config: SweepConfig) -> tuple[dict, str]:
    config.stream = io.StringIO()
    summary = sweep(config)
    return summary, config.stream.getvalue()


def values(folder: Path, code: str) -> dict:
    nb = json.loads((profiles_dir(folder) / "notebooks" / f"{code}.ipynb").read_text(encoding="utf-8"))
    return {r["name"]: r["value"] for r in read_records(nb) if r["kind"] == "value"}


def rows(data_dir: Path, name: str) -> list[dict]:
    with open(data_dir / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def figure_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((profiles_dir(folder) / "figures").iterdir())}


FAILING = "LAO"  # a country of the data whose profile this test's notebook makes fail inside its kernel


def failing_notebook(folder: Path) -> Path:
    """The profile notebook with one cell, right after the parameters, that fails for :data:`FAILING` only (a code
    outside the data is refused before anything runs, so a failure inside a kernel has to be made)."""
    nb = nbformat.read(PROFILE_NOTEBOOK, as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell(f'assert iso3 != "{FAILING}", "made to fail for {FAILING}"'))
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / PROFILE_NOTEBOOK.name)
    return folder / PROFILE_NOTEBOOK.name


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    root = tmp_path_factory.mktemp("sweep")
    data_dir, references = copy_inputs(root)
    notebook = failing_notebook(root / "nb")
    config = SweepConfig(data_dir=data_dir, references=references, output_dir=root / "output", notebook=notebook,
                         countries=COUNTRIES + [FAILING], jobs=2)
    summary, log = run(config)
    return {"root": root, "data": data_dir, "references": references, "output": root / "output", "summary": summary,
            "log": log, "notebook": notebook}


# ---------------------------------------------------------------------------------------------- a local sweep


def test_one_failing_country_does_not_stop_the_others(local):
    s = local["summary"]
    assert (s.ran, s.cached, s.failed) == (4, 0, 1), local["log"]
    assert list(s.failures) == [FAILING] and f"AssertionError: made to fail for {FAILING}" in s.failures[FAILING]
    assert "5 profiles: 4 ran, 0 cached, 1 failed" in local["log"]
    assert re.search(rf"^  failed   {FAILING}  AssertionError: made to fail", local["log"], re.MULTILINE)
    assert (profiles_dir(local["output"]) / "notebooks" / f"{FAILING}.failed.ipynb").exists()
    assert not (profiles_dir(local["output"]) / f"{FAILING}.html").exists()


def test_every_profile_is_a_self_contained_page_with_its_own_figures(local):
    folder = profiles_dir(local["output"])
    for code in COUNTRIES:
        page = (folder / f"{code}.html").read_text(encoding="utf-8")
        soup = BeautifulSoup(page, "html.parser")
        assert "{{" not in page and "import research" not in page  # values filled in, code hidden
        external = [t for t in soup.find_all(["script", "link", "img", "iframe"])
                    if re.match(r"(https?:)?//", t.get("src", "") or t.get("href", ""))]
        assert not external and not soup.find_all("script")
        images = soup.find_all("img")
        assert len(images) == len(CONTENTS)
        for content, img in zip(CONTENTS, images):
            svg = (folder / "figures" / f"profile-{code}-{content}.svg").read_bytes()
            assert img["src"] == "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
        assert soup.find("h1").get_text().startswith(values(local["output"], code)["name"])


def test_the_index_links_every_profile_and_lists_the_failure(local):
    soup = BeautifulSoup((profiles_dir(local["output"]) / "index.html").read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.find_all("a")]
    assert sorted(links) == sorted(f"{c}.html" for c in COUNTRIES)
    assert FAILING in soup.find("li", class_="failed").get_text()


def test_recorded_values_match_counts_taken_from_the_csv_files(local):
    data = local["data"]
    incidents, facts, provisions = rows(data, "incidents"), rows(data, "country_facts"), rows(data, "provisions")
    names = {r["iso3"]: r["name"] for r in rows(data, "countries")}
    as_of = latest_row_date(data)  # what the sweep gave every profile
    assert all(r["date"] <= as_of for r in facts + incidents if r["date"])
    for code in COUNTRIES:
        got = values(local["output"], code)
        # general claims are not incidents
        mine = [r for r in incidents if code in (r["victim_country"], r["actor_country"]) and r["entry_type"] != "claim"]
        assert got["name"] == names[code]
        assert got["n_incidents"] == len(mine)
        assert got["n_as_victim"] == sum(r["victim_country"] == code for r in mine)
        assert got["n_as_origin"] == sum(r["actor_country"] == code for r in mine)
        assert got["n_gci_editions"] == sum(r["iso3"] == code and r["indicator"] == "gci_score" for r in facts)
        assert got["n_provisions"] == sum(r["country"] == code and applies(r, as_of) for r in provisions)


def applies(row: dict, as_of: str) -> bool:
    """A provision counts in a profile dated ``as_of`` if its whole start period lies on or before that date and no
    end period does ('2014' ends 2014-12-31; a month is taken to end on its 31st, which orders the same)."""
    def end(text):
        return text + "-12-31" if len(text) == 4 else text + "-31" if len(text) == 7 else text

    start = row["valid_from"] or row["instrument_year"]
    return end(start) <= as_of and not (row["valid_to"] and end(row["valid_to"]) <= as_of)


def test_a_country_with_little_data_gets_a_short_correct_profile(local):
    got = values(local["output"], "VNM")  # no coded provisions, no dated institutions, no Convention status
    assert got["n_provisions"] == 0 and got["n_events"] == 0
    assert got["provisions_sentence"] == "No provision of Viet Nam's law is coded against the Convention in provisions.csv."
    assert "not verified" in got["convention_sentence"]
    page = (profiles_dir(local["output"]) / "VNM.html").read_text(encoding="utf-8")
    assert "No provision of Viet Nam" in page and "set beside" not in got["convention_sentence"]


def test_the_focus_country_is_shown_beside_each_profile_once(local):
    assert values(local["output"], "VNM")["focus_gci_sentence"].startswith("Cambodia has")
    assert values(local["output"], "KHM")["focus_gci_sentence"] == ""


def test_a_second_sweep_is_all_cached_and_touches_nothing(local):
    folder = profiles_dir(local["output"])
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file() and p.name != "index.html"}
    config = SweepConfig(data_dir=local["data"], references=local["references"], output_dir=local["output"],
                         notebook=local["notebook"], countries=COUNTRIES)
    summary, log = run(config)
    assert (summary.ran, summary.cached, summary.failed) == (0, 4, 0), log
    assert {p: p.stat().st_mtime_ns for p in before} == before


HEAVY = ("pandas", "numpy", "matplotlib", "nbformat", "nbconvert", "papermill", "jupyter_client", "pandera", "dask",
         "distributed", "IPython")


def test_a_cached_sweep_starts_nothing_and_reads_each_input_once(local, monkeypatch):
    from collections import Counter

    import research.data
    from research.engine import cache
    from research.files import sha256_file
    from research.sweep import sweep as module

    def refuse(*args, **kwargs):
        raise AssertionError("a fully cached sweep started workers or validated the data")

    monkeypatch.setattr(module, "_runner", refuse)  # no worker, zygote or kernel
    monkeypatch.setattr(module, "validate_or_raise", refuse)
    reads, hashed = Counter(), Counter()

    def counted_codes(data_dir):
        reads["countries"] += 1
        return country_codes(data_dir)

    def counted_hash(path):
        hashed[Path(path).resolve()] += 1
        return sha256_file(path)

    monkeypatch.setattr(module, "country_codes", counted_codes)
    monkeypatch.setattr(research.data, "country_codes", counted_codes)
    monkeypatch.setattr(module, "sha256_file", counted_hash)
    monkeypatch.setattr(cache, "sha256_file", counted_hash)
    folder = profiles_dir(local["output"])
    index = folder / "index.html"
    before = index.stat().st_mtime_ns
    summary, log = run(SweepConfig(data_dir=local["data"], references=local["references"],
                                   output_dir=local["output"], notebook=local["notebook"], countries=COUNTRIES))
    assert (summary.ran, summary.cached, summary.failed, summary.workers) == (0, 4, 0, 0), log
    assert reads == {"countries": 1}
    # each input (the notebook, the bibliography, the data files a profile read) hashed once for all four countries;
    # no output hashed again: each still has the size and time recorded when it was stored
    inputs = {local["notebook"].resolve(), local["references"].resolve(),
              *(p.resolve() for p in local["data"].iterdir())}
    assert hashed and set(hashed.values()) == {1}, hashed
    # an output is hashed again only if stored in the same clock tick as its entry (a later write could hide there)
    racy = set()
    for code in COUNTRIES:
        entry = folder / ".cache" / f"{code}.json"
        stats = json.loads(entry.read_text(encoding="utf-8"))["stats"]
        racy |= {(folder / rel).resolve() for rel, (_, mtime) in stats.items() if mtime >= entry.stat().st_mtime_ns}
    assert set(hashed) - inputs == racy, hashed
    assert index.stat().st_mtime_ns == before  # nothing changed: the index is not written again


def test_a_cached_sweep_imports_no_heavy_module(local):
    import subprocess
    import sys

    script = (f"import io, sys; from pathlib import Path; from research.sweep.sweep import SweepConfig, sweep; "
              f"s = sweep(SweepConfig(data_dir=Path({str(local['data'])!r}), "
              f"references=Path({str(local['references'])!r}), output_dir=Path({str(local['output'])!r}), "
              f"notebook=Path({str(local['notebook'])!r}), countries={COUNTRIES!r}, stream=io.StringIO())); "
              f"print(s.cached, sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split(None, 1) == ["4", "[]\n"], done.stdout + done.stderr


def test_a_changed_output_of_the_same_size_is_still_seen(local):
    folder = profiles_dir(local["output"])
    page = folder / f"{COUNTRIES[0]}.html"
    original = page.read_bytes()
    try:
        page.write_bytes(original.replace(b"<", b">", 1))  # same size, new bytes, a new modification time
        config = SweepConfig(data_dir=local["data"], references=local["references"], output_dir=local["output"],
                             notebook=local["notebook"], countries=COUNTRIES)
        assert [step.fresh for step in make_plan(config)] == [False, True, True, True]
    finally:
        page.write_bytes(original)


def test_the_cache_key_covers_data_read_parameters_and_references(local):
    def fresh(**changes):
        config = SweepConfig(data_dir=local["data"], references=local["references"], output_dir=local["output"],
                             notebook=local["notebook"], countries=COUNTRIES, **changes)
        return [step.fresh for step in make_plan(config)]

    assert fresh() == [True] * 4
    assert fresh(focus="JPN") == [False] * 4
    assert fresh(force=True) == [False] * 4
    facts = local["data"] / "country_facts.csv"
    original = facts.read_bytes()
    try:
        facts.write_bytes(original + b"LAO,cert_established,2012,,,LaoCERT,sspigci,test,secondary\n")
        assert fresh() == [False] * 4
    finally:
        facts.write_bytes(original)
    assert fresh() == [True] * 4
    unread = local["data"] / "convention_parties.csv"  # the profile does not read it: no re-run
    original = unread.read_bytes()
    try:
        unread.write_bytes(original + b"2025-01,80,sspigci,test,secondary\n")
        assert fresh() == [True] * 4
    finally:
        unread.write_bytes(original)


def test_the_command_refuses_a_code_outside_the_data_before_anything_runs(local, capsys):
    from research.cli import main

    index = profiles_dir(local["output"]) / "index.html"
    before = index.read_bytes()
    argv = ["sweep", "--countries", "KHM,XXX", "--data-dir", str(local["data"]), "--references",
            str(local["references"]), "--output-dir", str(local["output"]), "-j", "1"]
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.err == "error: parameter iso3='XXX' is not a country in countries.csv\n" and captured.out == ""
    assert index.read_bytes() == before  # no failed row added, nothing run


def test_parameters_and_folders_are_checked_before_anything_runs(local, tmp_path):
    with pytest.raises(ParameterError, match="not a three-letter"):
        parse_countries("KHM,K1")
    assert parse_countries(" khm, vnm,KHM ") == ["KHM", "VNM"]
    inside = SweepConfig(data_dir=local["data"], references=local["references"], output_dir=local["data"] / "out")
    with pytest.raises(ParameterError, match="inside"):
        sweep(inside)
    assert not (local["data"] / "out").exists()
    with pytest.raises(ParameterError, match="parameter focus='ZZZ' is not a country in countries.csv"):
        make_plan(SweepConfig(data_dir=local["data"], references=local["references"], output_dir=local["output"],
                              focus="zzz"))
    assert country_codes(local["data"]) == [r["iso3"] for r in rows(local["data"], "countries")]
    assert country_codes(tmp_path) == []


def test_the_profile_notebook_follows_the_house_style():
    from research.engine.parameters import notebook_parameters
    from research.sweep.sweep import PROFILE_NOTEBOOK

    nb = nbformat.read(PROFILE_NOTEBOOK, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.metadata.get("tags") == ["notebook-only"]
    assert all(word in first.source for word in ("**Question.**", "**Inputs.**", "**Outputs.**"))
    assert notebook_parameters(PROFILE_NOTEBOOK) == {"data_dir": "", "output_dir": "", "references": "",
                                                     "iso3": "KHM", "focus": "KHM", "as_of": "2019-06-30"}
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)  # committed without outputs
    assert not any(re.search(r"^\s*(def|class) ", c.source, re.MULTILINE) for c in code)
    assert not PROFILE_NOTEBOOK.name[:2].isdigit()  # not a section: the main build ignores it


# ---------------------------------------------------------------------------------------------- isolation

PROBE = '''import os, sys
preloaded = "pandas" in sys.modules
leaked = getattr(sys, "_research_probe", None)
sys._research_probe = iso3
import matplotlib
linewidth = matplotlib.rcParams["lines.linewidth"]
matplotlib.rcParams["lines.linewidth"] = 9.0
from research.nb.glue import glue
glue("iso3", iso3)
glue("preloaded", preloaded)
glue("leaked", leaked or "")
glue("linewidth", float(linewidth))
glue("kernel_pid", os.getpid())
glue("zygote_pid", os.getppid())'''


def probe_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('iso3 = "KHM"', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(PROBE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "probe.ipynb"
    nbformat.write(nb, path)
    return path


PROBED = ["KHM", "VNM", "JPN", "SGP", "CHN", "THA"]


def probe(local, tmp_path, **changes) -> list[dict]:
    config = SweepConfig(data_dir=local["data"], references=local["references"], output_dir=tmp_path / "out",
                         notebook=probe_notebook(tmp_path / "nb"), countries=PROBED, **changes)
    summary, log = run(config)
    assert summary.ran == len(PROBED), log
    return [values(tmp_path / "out", code) for code in PROBED]


def gone(pid: int, timeout: float = 10) -> bool:
    """Whether process ``pid`` has exited, waiting for its exit (a pidfd becomes readable then) at most ``timeout``."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], timeout)[0])
    finally:
        os.close(fd)


def assert_isolated(records: list[dict], workers: int) -> None:
    """No state leaked, a fresh kernel per country, at most ``workers`` zygotes, all stopped by now."""
    assert [r["leaked"] for r in records] == [""] * len(records)  # no country sees the one before
    assert {r["linewidth"] for r in records} == {1.5}  # matplotlib's default, whatever the last kernel set
    assert all(r["preloaded"] for r in records)  # imports paid in the zygote, before the notebook ran
    assert len({r["kernel_pid"] for r in records}) == len(records)  # a fresh kernel per country
    zygotes = {r["zygote_pid"] for r in records}
    assert 1 <= len(zygotes) <= workers  # start-up paid once per worker, not once per country
    assert all(gone(pid) for pid in zygotes)  # and every zygote stopped with its worker


def test_local_kernels_are_fresh_per_country_from_one_zygote_per_worker(local, tmp_path):
    assert_isolated(probe(local, tmp_path, jobs=2), workers=2)


def test_kernels_that_write_much_to_their_file_descriptors_do_not_block(local, tmp_path):
    # Nobody reads the zygote's stdout after "ready": a kernel writing there would fill the pipe and hang.
    code = 'import os\nos.write(1, b"x" * 300_000)\nos.write(2, b"y" * 300_000)\nfrom research.nb.glue import glue\nglue("iso3", iso3)'
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('iso3 = "KHM"', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(code)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    (tmp_path / "nb").mkdir()
    nbformat.write(nb, tmp_path / "nb" / "noisy.ipynb")
    config = SweepConfig(data_dir=local["data"], references=local["references"], output_dir=tmp_path / "out",
                         notebook=tmp_path / "nb" / "noisy.ipynb", countries=PROBED, jobs=1)
    summary, log = run(config)
    assert summary.ran == len(PROBED), log
    assert [values(tmp_path / "out", code)["iso3"] for code in PROBED] == PROBED


# ---------------------------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as c:
        yield c


def test_dask_sweep_equals_the_local_one(local, cluster):
    output = local["root"] / "dask-output"
    config = SweepConfig(data_dir=local["data"], references=local["references"], output_dir=output,
                         notebook=local["notebook"], countries=COUNTRIES + [FAILING],
                         scheduler=cluster.scheduler_address)
    summary, log = run(config)
    assert (summary.ran, summary.failed) == (4, 1), log
    assert FAILING in summary.failures and summary.workers == 2
    for code in COUNTRIES:
        assert values(output, code) == values(local["output"], code)
        assert (profiles_dir(output) / f"{code}.html").read_bytes() == (
            profiles_dir(local["output"]) / f"{code}.html").read_bytes()
    assert figure_bytes(output) == figure_bytes(local["output"])
    assert len(figure_bytes(output)) == len(COUNTRIES) * len(CONTENTS)


def test_dask_kernels_are_fresh_per_country_from_one_zygote_per_worker(local, cluster, tmp_path):
    assert_isolated(probe(local, tmp_path, scheduler=cluster.scheduler_address), workers=2)


# ---------------------------------------------------------------------------------------------- benchmark data


def test_synthetic_benchmark_data_validates(tmp_path):
    spec = importlib.util.spec_from_file_location("synthetic", paths.ROOT / "benchmarks" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    data_dir, references = synthetic.write(tmp_path, n_countries=194, n_incidents=300)
    from research.data import check

    dataset = check(data_dir, references)
    assert dataset.problems == []
    typed = dataset.tables
    codes = typed["countries"]["iso3"].astype(str)
    assert len(codes) == 194 and codes.is_unique and codes.str.fullmatch("[A-Z]{3}").all()
    assert len(typed["incidents"]) == 300 + len(rows(paths.DATA_DIR, "incidents"))
    assert typed["provisions"]["country"].nunique() > 16 and (typed["country_facts"]["iso3"].nunique() > 150)
