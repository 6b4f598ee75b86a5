"""Engine pieces on small inputs: path checks, the output lock, failing-cell numbers, publishing a run."""

from __future__ import annotations

import hashlib
import json

import pytest

from research import paths
from research.engine.config import check_paths, section_notebooks
from research.engine.execute import Execution, source_cell_index
from research.engine.lock import OutputLock
from research.engine.publish import Outputs, collect, keep_failure, publish
from research.errors import BuildError, ParameterError


def test_section_notebooks_are_the_numbered_ones_in_order(tmp_path):
    for name in ("02-b.ipynb", "01-a.ipynb", "country-profile.ipynb", "1-c.ipynb"):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in section_notebooks(tmp_path)] == ["01-a.ipynb", "02-b.ipynb"]
    with pytest.raises(BuildError, match="no section notebooks"):
        section_notebooks(tmp_path / "empty")


def test_check_paths_refuses_outputs_inside_or_around_the_inputs(data_copy, references_copy, tmp_path):
    notebooks = tmp_path / "nb"
    notebooks.mkdir()
    check_paths(data_copy, tmp_path / "out", references_copy, notebooks)
    with pytest.raises(ParameterError, match="is inside"):
        check_paths(data_copy, data_copy / "out", references_copy, notebooks)
    with pytest.raises(ParameterError, match="contains"):
        check_paths(data_copy, tmp_path, references_copy, notebooks)
    with pytest.raises(ParameterError, match="is inside"):
        check_paths(data_copy, paths.PACKAGE_DIR / "out", references_copy, notebooks)
    with pytest.raises(ParameterError, match="does not exist"):
        check_paths(tmp_path / "nowhere", tmp_path / "out", references_copy, notebooks)
    with pytest.raises(ParameterError, match="references file"):
        check_paths(data_copy, tmp_path / "out", tmp_path / "none.bib", notebooks)


def test_a_second_lock_on_one_output_folder_is_refused_at_once(tmp_path):
    with OutputLock(tmp_path / "out"):
        second = OutputLock(tmp_path / "out")
        with pytest.raises(BuildError, match="a build or a sweep is writing"):
            second.__enter__()
    with OutputLock(tmp_path / "out"):  # released: free again
        pass


def test_the_failing_cell_is_numbered_as_in_the_source_notebook(tmp_path):
    cells = [{"metadata": {"tags": ["papermill-error-cell-tag"]}}, {"metadata": {}},
             {"metadata": {"tags": ["injected-parameters"]}}, {"metadata": {}}, {"metadata": {}}]
    executed = tmp_path / "x.ipynb"
    executed.write_text(json.dumps({"cells": cells}))
    assert source_cell_index(executed, 3) == 2  # papermill counted its injected cell, the source does not have it
    assert source_cell_index(tmp_path / "unreadable.ipynb", 3) == 3


def test_a_failure_in_one_line_names_the_cell():
    run = Execution(False, 1.0, 4, "\n  x = load()\nmore", "ValueError: boom")
    assert run.one_line() == "ValueError: boom (in the cell starting 'x = load()')"
    assert Execution(False, 1.0, exception="DeadKernelError: gone").one_line() == "DeadKernelError: gone"


def test_publish_writes_the_files_the_marker_last_then_the_cache_entry(tmp_path):
    staging = tmp_path / "staging"
    (staging / "figures").mkdir(parents=True)
    (staging / "figures" / "f.svg").write_text("<svg/>")
    record = {"kind": "inputs", "name": "inputs", "files": {"data/a.csv": "0" * 64}}
    nb = {"metadata": {}, "cells": [{"cell_type": "code", "metadata": {},
                                     "outputs": [{"data": {"application/vnd.research+json": record}}]}]}
    (staging / "nb.ipynb").write_text(json.dumps(nb))
    outputs = collect("nb", staging / "nb.ipynb", staging)
    assert sorted(outputs.files) == ["figures/f.svg", "notebooks/nb.ipynb"] and outputs.inputs == record["files"]
    target = tmp_path / "out"
    keep_failure(target, "nb", b"partial")
    assert (target / "notebooks" / "nb.failed.ipynb").read_bytes() == b"partial"
    written = publish(target, "nb", Outputs({**outputs.files, "nb.html": b"<html>"}, outputs.inputs), "key",
                      last="nb.html")
    assert written == ["figures/f.svg", "nb.html", "notebooks/nb.ipynb"]
    assert not (target / "notebooks" / "nb.failed.ipynb").exists()  # it no longer describes the outputs
    entry = json.loads((target / ".cache" / "nb.json").read_text())
    hashes = {rel: hashlib.sha256((target / rel).read_bytes()).hexdigest() for rel in written}  # as published
    stamps = {rel: (target / rel).stat().st_mtime_ns for rel in written}
    # each output's size and time as stored, so that a later check finding them unchanged need not hash it again
    stats = {rel: [(target / rel).stat().st_size, stamps[rel]] for rel in written}
    assert entry == {"key": "key", "inputs": record["files"], "outputs": written, "hashes": hashes, "stats": stats}
    assert stamps["nb.html"] >= max(stamps.values())
