"""Bad input never costs the last good report: each corrupted copy of the real data, and each bad parameter, stops
`research build` with a non-zero status and a message naming the file, line and column (or the parameter), and leaves
the previous paper.html, paper.pdf, manifest and executed notebooks byte for byte as they were."""

from __future__ import annotations

import hashlib
import shutil

import corruptions as corrupt  # the registry of corrupted variants, each with its expected problem
import pytest

from research import paths
from research.cli import main

pytestmark = pytest.mark.slow


def _digests(out):
    files = [out / "paper.html", out / "paper.pdf", out / "manifest.json", *sorted((out / "notebooks").glob("*.ipynb")),
             *sorted((out / "figures").glob("*")), *sorted((out / "tables").glob("*"))]
    return {f.relative_to(out).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """One complete build from a copy of the real data: the report that bad input must not touch."""
    root = tmp_path_factory.mktemp("good")
    shutil.copytree(paths.DATA_DIR, root / "data")
    shutil.copy(paths.REFERENCES, root / "references.bib")
    out = root / "output"
    status = main(["build", "--data-dir", str(root / "data"), "--references", str(root / "references.bib"),
                   "--output-dir", str(out)])
    assert status == 0
    return out, _digests(out)


def _build(data_dir, references, out, *extra):
    return main(["build", "--data-dir", str(data_dir), "--references", str(references), "--output-dir", str(out), *extra])


@pytest.mark.parametrize("name", list(corrupt.CASES))
def test_corrupted_data_stops_the_build_and_keeps_the_report(name, good_build, data_copy, references_copy, capsys):
    out, before = good_build
    expected = corrupt.CASES[name](data_copy, references_copy)
    status = _build(data_copy, references_copy, out)
    err = capsys.readouterr().err
    assert status == 1
    where = expected.file if expected.line is None else f"{expected.file}:{expected.line}"
    if expected.column:
        where += f": {expected.column}"
    assert where in err, err
    assert "Traceback" not in err
    assert _digests(out) == before


BAD_PARAMETERS = {
    "unknown parameter": (["-p", "khr_per_eur=4400"], "khr_per_eur"),
    "float parameter given text": (["-p", "khr_per_usd=abc"], "khr_per_usd"),
    "float parameter given infinity": (["-p", "khr_per_usd=inf"], "khr_per_usd"),
    "path parameter through -p": (["-p", "data_dir=/etc"], "data_dir"),
    "parameter without a value": (["-p", "focus"], "focus"),
    "parameter with an invalid name": (["-p", "2focus=KHM"], "2focus"),
    "focus not in countries.csv": (["-p", "focus=XXX"], "focus='XXX'"),
    "comparator not in countries.csv": (["-p", "comparators=CHN,ZZZ"], "ZZZ"),
    "comparators holding the focus": (["-p", "comparators=KHM,CHN"], "comparators='KHM,CHN'"),
    "exchange rate not positive": (["-p", "khr_per_usd=-4000"], "khr_per_usd=-4000"),
}


@pytest.mark.parametrize("name", list(BAD_PARAMETERS))
def test_bad_parameter_stops_the_build_and_keeps_the_report(name, good_build, data_copy, references_copy, capsys):
    out, before = good_build
    extra, named = BAD_PARAMETERS[name]
    status = _build(data_copy, references_copy, out, *extra)
    err = capsys.readouterr().err
    assert status == 1
    assert named in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, f"not one line: {err}"
    assert _digests(out) == before


def test_output_inside_the_data_folder_is_refused(data_copy, references_copy, capsys):
    status = _build(data_copy, references_copy, data_copy / "output")
    err = capsys.readouterr().err
    assert status == 1 and "inside" in err and str(data_copy) in err
    assert not (data_copy / "output" / "paper.html").exists()


def test_output_that_contains_the_inputs_is_refused(good_build, data_copy, references_copy, capsys):
    status = _build(data_copy, references_copy, data_copy.parent)
    err = capsys.readouterr().err
    assert status == 1 and "contains" in err


def test_missing_data_folder_names_it(good_build, tmp_path, references_copy, capsys):
    out, before = good_build
    status = _build(tmp_path / "nowhere", references_copy, out)
    err = capsys.readouterr().err
    assert status == 1 and "nowhere" in err
    assert _digests(out) == before


def test_text_in_the_data_is_never_run_as_code(good_build, data_copy, references_copy, tmp_path, capsys):
    marker = tmp_path / "pwned"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    corrupt.set_cell(data_copy, "incidents", 1, "summary", payload)
    status = _build(data_copy, references_copy, tmp_path / "out2", "--no-report")
    assert status == 0, capsys.readouterr().err  # the payload is text in a summary: valid data, built as such
    assert not marker.exists()


def test_a_parameter_is_never_run_as_code(good_build, data_copy, references_copy, tmp_path, capsys):
    marker = tmp_path / "pwned"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    status = _build(data_copy, references_copy, tmp_path / "out2", "--no-report", "-p", f"focus=KHM\"; {payload}; \"")
    err = capsys.readouterr().err
    assert status == 1 and "parameter focus=" in err and "is not a country in countries.csv" in err, err
    assert not marker.exists() and not (tmp_path / "out2").exists()
