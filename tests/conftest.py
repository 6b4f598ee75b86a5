"""Shared fixtures: copies of the real data in temporary folders (tests never touch data/), and session builds."""

from __future__ import annotations

import fcntl
import pickle
from pathlib import Path

import pytest
from support import Built, copy_inputs, head_commit, run_build

from research import paths
from research.engine.config import BuildConfig, section_notebooks


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ (CSV files and datapackage.json) plus references.bib beside it."""
    return copy_inputs(tmp_path)[0]


@pytest.fixture
def references_copy(data_copy) -> Path:
    """The references.bib that belongs to :func:`data_copy`."""
    return data_copy.parent / "references.bib"


# End-to-end builds of the real notebooks, shared by the slow tests (notebooks, report, browser, reproducibility, the
# bundle). The session build is made once per run, whatever the number of test processes; tests only read it (a test
# that needs to change something works on its own copy: :func:`support.warm_copy` copies a build's output folder with
# its cache, so that only what the change touches is built again).


def _build_once(tmp_path_factory, worker_id: str, name: str, make) -> Built:
    """``make(folder)`` run once for the whole run: under pytest-xdist, the first process to ask builds into a folder
    all the run's processes share while holding a lock there; the others wait for it and read what it recorded."""
    if worker_id == "master":  # one process: nothing to share
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above each process's own
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed, or the process ends
        record = shared / f"{name}.pickle"
        if record.exists():
            return pickle.loads(record.read_bytes())
        folder = shared / name
        folder.mkdir(exist_ok=True)
        built = make(folder)  # a failed build records nothing: the next process to ask tries again
        record.write_bytes(pickle.dumps(built))
        return built


def _session_build(folder: Path) -> Built:
    out = folder / "output"
    config = BuildConfig(data_dir=paths.DATA_DIR, references=paths.REFERENCES, output_dir=out)
    summary, log = run_build(config)
    assert summary.ran == len(section_notebooks(paths.NOTEBOOKS_DIR)) and summary.report is True, log
    return Built(paths.DATA_DIR, paths.REFERENCES, out, summary, log, head_commit())


@pytest.fixture(scope="session")
def report_build(tmp_path_factory, worker_id) -> Built:
    """The whole report (notebooks, paper.html, paper.pdf, paper.docx, manifest) built from the project's own data/
    and references.bib into a temporary folder, once for the run (every test process reads the same folder). The
    inputs are only read: nothing ever writes into data/."""
    return _build_once(tmp_path_factory, worker_id, "session", _session_build)


@pytest.fixture(scope="session")
def executed_build(report_build) -> Built:
    """The executed section notebooks of :func:`report_build` (the same folder: one build serves both)."""
    return report_build


@pytest.fixture(scope="session")
def report_pdf(report_build):
    """The session build's paper.pdf, opened once for every test that reads it (a ``pypdf.PdfReader``)."""
    from pypdf import PdfReader

    return PdfReader(str(report_build.output_dir / "paper.pdf"))


@pytest.fixture(scope="session")
def report_pdf_text(report_pdf) -> str:
    """The text of every page of the session build's paper.pdf, each run of white space made one space (extracted
    once)."""
    return " ".join("\n".join(page.extract_text() for page in report_pdf.pages).split())


# The slow tier runs in two processes, shared out file by file (`--dist loadfile --no-loadscope-reorder` in the
# Makefile): each process takes the next file in collection order whenever it runs short of work. Collected in the
# order below, the longest files go first and the short ones fill the end, so that the two processes finish close
# together (pytest-xdist's own order, by number of tests, can leave a long file for last on one process while the
# other waits). The order comes from the CPU time each slow file took in a run of the whole tier (the session build
# counted apart: the run makes it once, for both processes). The first file needs no session build, so that one
# process works while the other, on the second file, makes it. A file not listed runs after these, in its usual
# place. A file's tests stay together and in their order.
LONGEST_FIRST = (
    "test_readme.py",
    "test_reproducibility.py",
    "test_build.py",
    "test_big_data.py",
    "test_bad_inputs.py",
    "test_new_data.py",
    "test_sweep.py",
    "test_report_reading.py",
    "test_bring_your_own_data.py",
    "test_diff.py",
    "test_report_access.py",
    "test_report.py",
    "test_kernels.py",
    "test_preview.py",
    "test_lab.py",
    "test_browser.py",
    "test_report_edition.py",
    "test_tampered_cache.py",
    "test_report_trace.py",
    "test_dist.py",
    "test_standalone.py",
    "test_report_fonts.py",
    "test_citation.py",
    "test_environment_key.py",
    "test_notebooks.py",
    "test_report_layout.py",
)


def pytest_collection_modifyitems(config, items):
    """Put the slow tier's files in :data:`LONGEST_FIRST` order (each file's tests together, in their order)."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
