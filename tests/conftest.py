"""Shared fixtures: copies of the real data in temporary folders, so tests never touch data/."""

from __future__ import annotations

import shutil
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
