"""Shared fixtures: copies of the real data in temporary folders, so tests never touch data/."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from research import paths


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ (CSV files and datapackage.json) plus references.bib beside it."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA_DIR, target, ignore=shutil.ignore_patterns("README.md"))
    shutil.copy(paths.REFERENCES, tmp_path / "references.bib")
    return target


@pytest.fixture
def references_copy(data_copy) -> Path:
    """The references.bib that belongs to :func:`data_copy`."""
    return data_copy.parent / "references.bib"


# --------------------------------------------------------------------------------------------------------------
# End-to-end builds of the real notebooks, shared by test_notebooks.py, test_report.py and test_browser.py.
# They run once per session into temporary folders, from a copy of data/ and references.bib; tests only read them
# (a test that needs to change something works on its own copy).
# --------------------------------------------------------------------------------------------------------------


@dataclass
class Built:
    """Where an end-to-end build read and wrote, with its summary and progress log."""

    data_dir: Path
    references: Path
    output_dir: Path
    summary: dict
    log: str
    commit: str = ""  # the git commit checked out when the build ran ("" outside a git checkout)

    def config(self, **changes):
        """A BuildConfig for the same folders, without the report unless ``changes`` (fields) say otherwise.

        Its progress lines go to a buffer (``config.stream``).
        """
        from research.build import BuildConfig

        fields = {"data_dir": self.data_dir, "references": self.references, "output_dir": self.output_dir,
                  "report": False}
        fields.update(changes)
        config = BuildConfig(**fields)
        config.stream = io.StringIO()
        return config


def run_build(config) -> tuple[dict, str]:
    """Run :func:`research.build.build` and return its summary and the progress lines it printed.

    The summary gets ``elapsed`` (wall-clock seconds) added.
    """
    from research.build import build

    if not isinstance(getattr(config, "stream", None), io.StringIO):
        config.stream = io.StringIO()
    start = time.monotonic()
    summary = build(config)
    summary["elapsed"] = time.monotonic() - start
    return summary, config.stream.getvalue()


def copy_inputs(root: Path) -> tuple[Path, Path]:
    """Copy data/ and references.bib under ``root``; return the two copies."""
    root.mkdir(parents=True, exist_ok=True)
    data_dir = root / "data"
    shutil.copytree(paths.DATA_DIR, data_dir, ignore=shutil.ignore_patterns("README.md"))
    references = root / "references.bib"
    shutil.copy(paths.REFERENCES, references)
    return data_dir, references


def build_copy(root: Path) -> Built:
    """Copy the real inputs under ``root`` and execute the section notebooks (no report) into ``root/output``."""
    from research.build import BuildConfig

    data_dir, references = copy_inputs(root)
    config = BuildConfig(data_dir=data_dir, references=references, output_dir=root / "output", report=False)
    summary, log = run_build(config)
    return Built(data_dir, references, root / "output", summary, log)


@pytest.fixture(scope="session")
def executed_build(tmp_path_factory) -> Built:
    """The real section notebooks executed (no report) from a copy of the data into a temporary output folder."""
    return build_copy(tmp_path_factory.mktemp("executed"))


@pytest.fixture(scope="session")
def report_build(executed_build) -> Built:
    """:func:`executed_build` plus the report (paper.html, paper.pdf); the notebooks come from the cache."""
    try:
        git = subprocess.run(["git", "-C", str(paths.ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
        commit = git.stdout.strip() if git.returncode == 0 else ""
    except OSError:  # no git at all
        commit = ""
    summary, log = run_build(executed_build.config(report=True))
    assert summary["report"] is True, log
    return Built(executed_build.data_dir, executed_build.references, executed_build.output_dir, summary, log, commit)
