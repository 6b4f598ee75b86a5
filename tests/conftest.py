"""Shared fixtures: copies of the real data in temporary folders (tests never touch data/), and session builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import Built, build_copy, copy_inputs, head_commit, run_build


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ (CSV files and datapackage.json) plus references.bib beside it."""
    return copy_inputs(tmp_path)[0]


@pytest.fixture
def references_copy(data_copy) -> Path:
    """The references.bib that belongs to :func:`data_copy`."""
    return data_copy.parent / "references.bib"


# End-to-end builds of the real notebooks, shared by the slow tests of notebooks, report and browser. They run once
# per session into temporary folders, from a copy of data/ and references.bib; tests only read them (a test that
# needs to change something works on its own copy).


@pytest.fixture(scope="session")
def executed_build(tmp_path_factory) -> Built:
    """The real section notebooks executed (no report) from a copy of the data into a temporary output folder."""
    return build_copy(tmp_path_factory.mktemp("executed"))


@pytest.fixture(scope="session")
def report_build(executed_build) -> Built:
    """:func:`executed_build` plus the report (paper.html, paper.pdf); the notebooks come from the cache."""
    summary, log = run_build(executed_build.config(report=True))
    assert summary.report is True, log
    return Built(executed_build.data_dir, executed_build.references, executed_build.output_dir, summary, log,
                 head_commit())
