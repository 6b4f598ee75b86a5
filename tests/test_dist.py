"""``research dist`` (research.repro.dist): a zip of the edition that, unzipped elsewhere, rebuilds and verifies itself."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import zipfile

import pytest

from research import paths
from research.cli import main
from research.errors import ResearchError
from research.repro.dist import io_zip, make_dist


def test_a_zip_is_the_same_bytes_for_the_same_files_whatever_their_dates(tmp_path):
    for name in ("one", "two"):
        (tmp_path / name / "sub").mkdir(parents=True)
        (tmp_path / name / "b.txt").write_text("b")
        (tmp_path / name / "sub" / "a.txt").write_text("a")
        os.utime(tmp_path / name / "b.txt", (1_000_000_000 if name == "one" else 1_600_000_000,) * 2)
    when = dt.datetime(2019, 6, 30, tzinfo=dt.UTC)
    one, two = io_zip(tmp_path / "one", "top", when), io_zip(tmp_path / "two", "top", when)
    assert one == two
    (tmp_path / "z.zip").write_bytes(one)
    with zipfile.ZipFile(tmp_path / "z.zip") as archive:
        assert archive.namelist() == ["top/b.txt", "top/sub/a.txt"]
        assert {i.date_time for i in archive.infolist()} == {(2019, 6, 30, 0, 0, 0)}


def test_no_bundle_without_a_built_report(tmp_path, capsys):
    assert main(["dist", "--output-dir", str(tmp_path / "nothing"), "--dist-dir", str(tmp_path / "dist")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `make paper` first" in err
    assert not (tmp_path / "dist").exists()


def test_a_build_from_a_copy_of_the_data_is_not_bundled(tmp_path):
    # What a build from a copy of data/ leaves: a complete report whose notebooks recorded the copy's absolute paths.
    from research.nb.glue import MIME

    out = tmp_path / "output"
    (out / "notebooks").mkdir(parents=True)
    for name in ("paper.html", "paper.pdf"):
        (out / name).write_text("built")
    (out / "manifest.json").write_text(json.dumps({"inputs": {str(tmp_path / "copy" / "incidents.csv"): "0" * 64},
                                                   "outputs": {}, "values": {}}))
    record = {"kind": "inputs", "name": "inputs", "files": {str(tmp_path / "copy" / "incidents.csv"): "0" * 64}}
    notebook = {"cells": [{"cell_type": "code", "source": "", "outputs": [{"output_type": "display_data",
                                                                          "data": {MIME: record}}]}]}
    (out / "notebooks" / "01-under-attack.ipynb").write_text(json.dumps(notebook))
    with pytest.raises(ResearchError, match="built from files outside the project"):
        make_dist(out, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


# The bundle unzipped elsewhere, rebuilt and verified there by the README's two commands, is tested in
# test_reproducibility.py: its two builds from scratch are the rebuilds the reproducibility tests set beside the session's.


@pytest.mark.slow
def test_the_ro_crate_passes_roc_validator_required_checks_offline(report_build, tmp_path):
    """roc-validator (in an environment of its own) on the bundle's RO-Crate, with the JSON-LD context served from
    tests/fixtures; the crate declares Process Run Crate, names every file, and states both licences."""
    from validators import validator_bin

    target = make_dist(report_build.output_dir, tmp_path / "dist")
    with zipfile.ZipFile(target) as archive:
        archive.extractall(tmp_path / "crate")
    root = next((tmp_path / "crate").iterdir())
    graph = {e["@id"]: e for e in json.loads((root / "ro-crate-metadata.json").read_text())["@graph"]}
    assert graph["./"]["conformsTo"] == {"@id": "https://w3id.org/ro/wfrun/process/0.5"}
    assert all(e.get("name") for e in graph.values() if "File" in str(e.get("@type")))
    licences = [graph[ref["@id"]] for ref in graph["./"]["license"]]
    assert len(licences) == 2 and all("third-party" in lic["description"] for lic in licences)
    assert graph["notebooks/01-under-attack.ipynb"]["license"] != graph["data/provisions.csv"]["license"]

    python = validator_bin("roc-validator", "roc-validator==0.13.0") / "python"
    here = paths.ROOT / "tests"
    report = tmp_path / "report.json"
    run = subprocess.run([str(python), str(here / "rocrate_offline.py"),
                          str(here / "fixtures" / "ro-crate" / "context-1.1.jsonld"), "--", "-y", "--disable-color",
                          "validate", "--skip-availability-check", "-f", "json", "-o", str(report), str(root)],
                         capture_output=True, text=True, timeout=600)
    result = json.loads(report.read_text())
    assert run.returncode == 0 and result["passed"] is True, result["issues"]
    assert result["validation_settings"]["profile_identifier"] == "process-run-crate-0.5"
