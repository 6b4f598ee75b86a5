"""Validation of the shipped datasets, and of corrupted copies of them.

Every corrupted variant is the real data with exactly one thing changed, written into a temporary copy
(``data_copy``). The expected problem (file, 1-based line, column, rule) is worked out from where the test put the
corruption and from datapackage.json, never from a run of the loader.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from corruptions import (
    CASES,
    RESOURCES,
    Expected,
    assert_reported,
    csv_path,
    csv_text,
    field,
    line_of,
    read_rows,
    set_cell,
    write_rows,
)

from research import data, paths
from research.errors import DataValidationError

RESEARCH = paths.ROOT / ".venv" / "bin" / "research"
if not RESEARCH.exists():  # another environment: the script installed beside this interpreter
    RESEARCH = Path(sys.executable).parent / "research"


# --------------------------------------------------------------------------------------------------------------
# 1. The shipped data
# --------------------------------------------------------------------------------------------------------------


def test_shipped_data_has_no_problems():
    dataset = data.check()
    assert dataset.problems == []
    assert set(dataset.tables) == set(RESOURCES)
    # it says which files it read: the descriptor, the bibliography, every table
    names = {f.name for f in dataset.files}
    assert names == {"datapackage.json", "references.bib", *(r["path"] for r in RESOURCES.values())}


def test_cli_validates_shipped_data():
    result = subprocess.run([str(RESEARCH), "validate", str(paths.DATA_DIR)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(rf"{re.escape(str(paths.DATA_DIR))}: valid \(.* rows\)\n", result.stdout), result.stdout
    assert result.stderr == ""


def test_unchanged_rewrite_still_validates(data_copy, references_copy):
    # The corruption helpers rewrite files with the csv module; on their own they must change nothing.
    for name in RESOURCES:
        path = csv_path(data_copy, name)
        before = path.read_bytes()
        write_rows(path, read_rows(path))
        assert path.read_bytes() == before
    assert data.check(data_copy, references_copy).problems == []


def _expected_dtype(f: dict):
    if f["type"] == "integer":
        return pd.Int64Dtype()
    if f["type"] == "number":
        return pd.Float64Dtype()
    if f["type"] == "boolean":
        return pd.BooleanDtype()
    if "enum" in f.get("constraints", {}):
        return "category"
    return pd.StringDtype()


@pytest.fixture(scope="module")
def shipped_frames():
    return data.load()


@pytest.mark.parametrize("table", list(RESOURCES))
def test_load_returns_typed_frames(table, shipped_frames):
    frame = shipped_frames[table]
    fields = RESOURCES[table]["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    raw = read_rows(paths.DATA_DIR / RESOURCES[table]["path"])
    assert len(frame) == len(raw) - 1
    for f in fields:
        col = frame[f["name"]]
        expected = _expected_dtype(f)
        if expected == "category":
            assert isinstance(col.dtype, pd.CategoricalDtype), f["name"]
            assert list(col.cat.categories) == f["constraints"]["enum"], f["name"]
        else:
            assert col.dtype == expected, (f["name"], col.dtype)
        # Values agree with the cells as written.
        cells = [r[raw[0].index(f["name"])] for r in raw[1:]]
        for value, text in zip(col, cells):
            if text == "":
                assert pd.isna(value), (f["name"], value)
            elif f["type"] == "integer":
                assert value == int(text)
            elif f["type"] == "number":
                assert value == float(text)
            elif f["type"] == "boolean":
                assert bool(value) == (text in f.get("trueValues", ["true"]))
                assert text in f.get("trueValues", ["true"]) + f.get("falseValues", ["false"])
            else:
                assert value == text


# --------------------------------------------------------------------------------------------------------------
# 2. Corrupted copies: one change each
# --------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(CASES))
def test_each_corruption_changes_the_data(name, data_copy, references_copy):
    # A registered case that changed nothing would pass against data that have no problem at all (the shipped data,
    # see above) only if its expected problem were wrong, but it would test nothing: each must change a file.
    def snapshot():
        return {p.name: p.read_bytes() for p in [*sorted(data_copy.iterdir()), references_copy] if p.exists()}

    before = snapshot()
    CASES[name](data_copy, references_copy)
    assert snapshot() != before, f"{name} changed nothing"


@pytest.mark.parametrize("name", list(CASES))
def test_corruption_is_reported(name, data_copy, references_copy):
    expected = CASES[name](data_copy, references_copy)
    # load() is check() that raises: one reading covers both, the problems ride on the exception
    with pytest.raises(DataValidationError) as info:
        data.load(data_copy, references_copy)
    assert_reported(info.value.problems, expected)
    # The message names it as file:line: column
    where = expected.file if expected.line is None else f"{expected.file}:{expected.line}"
    if expected.column:
        where += f": {expected.column}"
    assert where in str(info.value)


# ---- specific behaviour around the corruptions --------------------------------------------------------------


def test_missing_required_column_reported_once(data_copy, references_copy):
    # One header problem, not one "required but empty" per row as well.
    CASES["missing required column"](data_copy, references_copy)
    problems = data.check(data_copy, references_copy).problems
    assert [p for p in problems if p.file == "incidents.csv"] == [
        next(p for p in problems if p.file == "incidents.csv" and p.line == 1)
    ]


def test_missing_referenced_table_does_not_cascade(data_copy, references_copy):
    # countries.csv gone: that is the problem, not every foreign key pointing into it.
    csv_path(data_copy, "countries").unlink()
    problems = data.check(data_copy, references_copy).problems
    assert [(p.file, p.rule) for p in problems] == [("countries.csv", "file is missing")]


def test_bad_integer_is_reported_once_and_other_cells_still_checked(data_copy, references_copy):
    rows = read_rows(csv_path(data_copy, "penalties"))
    with_fine = [i for i in range(1, len(rows)) if rows[i][rows[0].index("fine_min")] != ""]
    bad_line = set_cell(data_copy, "penalties", with_fine[0], "fine_min", "15y")
    neg_line = set_cell(data_copy, "penalties", with_fine[1], "fine_min", "-5")
    problems = data.check(data_copy, references_copy).problems
    # the schema's problems; the -5, a valid integer, is also (rightly) reported as a cell without a quotation
    fine_min = sorted((p for p in problems if p.column == "fine_min" and "quotation" not in p.rule), key=lambda p: p.line)
    minimum = field("penalties", "fine_min")["constraints"]["minimum"]
    expected = sorted([
        Expected("penalties.csv", bad_line, "fine_min", "is not an integer", "15y"),
        Expected("penalties.csv", neg_line, "fine_min", f"is below the minimum {minimum}", "-5"),
    ], key=lambda e: e.line)
    assert len(fine_min) == 2, fine_min
    assert all(e.matches(p) for e, p in zip(expected, fine_min)), fine_min
    assert all(p.line is not None for p in problems)


def test_line_numbers_follow_multiline_records_and_blank_lines(data_copy, references_copy):
    # A quoted cell holding a newline, and blank lines, push every later record down.
    path = csv_path(data_copy, "incidents")
    rows = read_rows(path)
    rows[3][rows[0].index("summary")] = "first line\nsecond line"
    rows[10][rows[0].index("actor_type")] = "alien"
    text = csv_text(rows).split("\n")
    text[6:6] = ["", ""]  # two blank lines somewhere between the two records
    path.write_text("\n".join(text), encoding="utf-8")
    expected_line = "\n".join(text).split("\n").index(next(s for s in text if ",alien," in s)) + 1
    assert expected_line == line_of(rows, 10) + 2
    problems = data.check(data_copy, references_copy).problems
    assert [(p.line, p.column, p.value) for p in problems] == [(expected_line, "actor_type", "alien")]


def test_crlf_line_endings_are_accepted(data_copy, references_copy):
    path = csv_path(data_copy, "incidents")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    line = set_cell(data_copy, "incidents", 7, "actor_type", "alien")
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    problems = data.check(data_copy, references_copy).problems
    assert [(p.file, p.line, p.column) for p in problems] == [("incidents.csv", line, "actor_type")]


def test_several_corruptions_in_different_files_all_reported(data_copy, references_copy):
    expected = [
        CASES["enum value outside the list"](data_copy, references_copy),
        CASES["non-integer in integer column"](data_copy, references_copy),
        CASES["row with too few fields"](data_copy, references_copy),
        CASES["duplicate key in references.bib"](data_copy, references_copy),
        CASES["utf-16"](data_copy, references_copy),
    ]
    assert len({e.file for e in expected}) == len(expected)
    with pytest.raises(DataValidationError) as info:
        data.load(data_copy, references_copy)
    for e in expected:
        assert_reported(info.value.problems, e)
        where = e.file if e.line is None else f"{e.file}:{e.line}"
        assert where in str(info.value)


def test_more_than_fifty_problems_are_capped_in_the_message(data_copy, references_copy):
    path = csv_path(data_copy, "country_facts")
    rows = read_rows(path)
    j = rows[0].index("basis")
    for r in rows[1:]:
        r[j] = "hearsay"
    write_rows(path, rows)
    corrupted = len(rows) - 1
    assert corrupted > 50
    with pytest.raises(DataValidationError) as info:
        data.load(data_copy, references_copy)
    assert len(info.value.problems) == corrupted
    message = str(info.value).splitlines()
    assert message[0] == f"{corrupted} problem(s) in the data:"
    assert len([m for m in message if m.startswith("  country_facts.csv:")]) == 50
    assert message[-1] == f"  ... and {corrupted - 50} more problem(s) not shown"


def test_unknown_table_is_a_validation_error():
    with pytest.raises(DataValidationError, match="nosuchtable"):
        data.load(tables=["nosuchtable"])


# --------------------------------------------------------------------------------------------------------------
# 3. The command line
# --------------------------------------------------------------------------------------------------------------


def _cli(data_dir: Path, references: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [str(RESEARCH), "validate", str(data_dir), "--references", str(references)],
        capture_output=True, text=True, env=env, timeout=120,
    )


def _cli_in_process(data_dir: Path, references: Path, capsys) -> subprocess.CompletedProcess:
    """The same command through ``research.cli.main`` in this process (its status and what it printed)."""
    from research.cli import main

    capsys.readouterr()
    status = main(["validate", str(data_dir), "--references", str(references)])
    printed = capsys.readouterr()
    return subprocess.CompletedProcess(["research", "validate"], status, printed.out, printed.err)


# The first case goes through the installed command in a process of its own (exit status and standard error as a
# shell sees them); the others through the same entry point in this process, which prints and returns the same.
@pytest.mark.parametrize("name, process", [("enum value outside the list", True), ("unterminated quote", False),
                                           ("broken datapackage.json", False),
                                           ("unbalanced brace in references.bib", False),
                                           ("integer too large for 64 bits", False)])
def test_cli_reports_corruption(name, process, data_copy, references_copy, capsys):
    expected = CASES[name](data_copy, references_copy)
    result = _cli(data_copy, references_copy) if process else _cli_in_process(data_copy, references_copy, capsys)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    where = expected.file if expected.line is None else f"{expected.file}:{expected.line}"
    if expected.column:
        where += f": {expected.column}"
    assert where in result.stderr, result.stderr
    assert result.stdout == ""
