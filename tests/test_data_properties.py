"""Property tests of the loader: whatever the files hold, it reports problems and never raises anything else; and a
value that breaks the schema is reported where it stands.

Each example writes into a fresh copy of the real data directory. ``check()`` must return (never raise) and
``load()`` must raise :class:`DataValidationError` exactly when ``check()`` found problems. Where a test breaks the
schema on purpose, the file, line and column it must be reported at are worked out here from what it wrote.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import string
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from research import data, paths
from research.data.problems import Problem
from research.errors import DataValidationError

RESOURCES = {
    r["name"]: r for r in json.loads((paths.DATA_DIR / paths.DATAPACKAGE_NAME).read_text(encoding="utf-8"))["resources"]
}
INCIDENTS = (paths.DATA_DIR / "incidents.csv").read_text(encoding="utf-8")

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.data_too_large])


def _fresh_copy() -> tuple[Path, Path, tempfile.TemporaryDirectory]:
    tmp = tempfile.TemporaryDirectory()
    root = Path(tmp.name)
    shutil.copytree(paths.DATA_DIR, root / "data", ignore=shutil.ignore_patterns("README.md"))
    shutil.copy(paths.REFERENCES, root / "references.bib")
    return root / "data", root / "references.bib", tmp


def _only_validation_errors(data_dir: Path, references: Path, table: str) -> list[Problem]:
    """Run check() and load() on one table (and what it references) and hold them to the contract."""
    problems = data.check(data_dir, references, tables=[table]).problems
    for p in problems:
        assert isinstance(p, Problem)
        assert p.line is None or (isinstance(p.line, int) and p.line >= 1)
        str(p)  # formatting never fails
    if problems:
        with pytest.raises(DataValidationError) as info:
            data.load(data_dir, references, tables=[table])
        assert info.value.problems == problems
    else:
        frames = data.load(data_dir, references, tables=[table])
        assert list(frames[table].columns) == [f["name"] for f in RESOURCES[table]["schema"]["fields"]]
    return problems


def _rows(table: str) -> list[list[str]]:
    with open(paths.DATA_DIR / RESOURCES[table]["path"], newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _line_of(rows: list[list[str]], index: int) -> int:
    return _text(rows[:index]).count("\n") + 1


# (a) arbitrary bytes ------------------------------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_as_incidents_csv_are_reported(content):
    data_dir, references, tmp = _fresh_copy()
    with tmp:
        (data_dir / "incidents.csv").write_bytes(content)
        problems = _only_validation_errors(data_dir, references, "incidents")
        # Random bytes are never a valid incidents table (the header alone rules that out).
        assert any(p.file == "incidents.csv" for p in problems)


@SETTINGS
@given(st.binary(min_size=1, max_size=300).filter(lambda b: b"\x00" in b or not _decodes(b)))
def test_bytes_that_are_not_utf8_text_after_the_header_are_reported(tail):
    data_dir, references, tmp = _fresh_copy()
    with tmp:
        header = INCIDENTS.split("\n", 1)[0].encode("utf-8") + b"\n"
        (data_dir / "incidents.csv").write_bytes(header + tail)
        problems = _only_validation_errors(data_dir, references, "incidents")
        assert any(p.file == "incidents.csv" and ("UTF-8" in p.rule or "NUL" in p.rule or "UTF-16" in p.rule)
                   for p in problems), problems


def _decodes(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# (b) a row that loses a field ---------------------------------------------------------------------------------

_PLAIN_LINES = [i for i, line in enumerate(INCIDENTS.split("\n")) if i > 0 and line and '"' not in line]


@SETTINGS
@given(st.sampled_from(_PLAIN_LINES), st.data())
def test_a_row_missing_a_comma_is_reported_on_its_line(index, draw):
    lines = INCIDENTS.split("\n")
    commas = [i for i, ch in enumerate(lines[index]) if ch == ","]
    cut = draw.draw(st.sampled_from(commas))
    lines[index] = lines[index][:cut] + lines[index][cut + 1:]
    width = INCIDENTS.split("\n", 1)[0].count(",") + 1
    data_dir, references, tmp = _fresh_copy()
    with tmp:
        (data_dir / "incidents.csv").write_text("\n".join(lines), encoding="utf-8")
        problems = _only_validation_errors(data_dir, references, "incidents")
        expected = Problem("incidents.csv", index + 1, None, None, f"has {width - 1} fields; the header has {width}")
        assert expected in problems, problems


# (c) a value that breaks its column's rule --------------------------------------------------------------------

_LETTERS = st.text(alphabet=string.ascii_letters + "_", min_size=1, max_size=12)


def _breaking_value(field: dict):
    """A strategy of values that break ``field``'s rule, with the rule text each one must be reported with."""
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    if kind in ("integer", "number"):
        word = {"integer": "an integer", "number": "a number"}[kind]
        return _LETTERS.map(lambda v: (v, f"is not {word}"))
    if kind == "boolean":
        allowed = field.get("trueValues", ["true"]) + field.get("falseValues", ["false"])
        return _LETTERS.filter(lambda v: v not in allowed).map(
            lambda v: (v, f"is not a boolean ({' or '.join(allowed)})"))
    if "enum" in constraints:
        return _LETTERS.filter(lambda v: v not in constraints["enum"]).map(
            lambda v: (v, "is not one of: " + ", ".join(constraints["enum"])))
    return st.just((" padded ", "has leading or trailing white space"))


# A table shipped without rows (law_status: filled only by `research import-laws` in the user's folder) has no line to
# break; test_import_laws.py checks its imported rows validate.
_FIELDS = [(table, f) for table, r in sorted(RESOURCES.items()) for f in r["schema"]["fields"] if len(_rows(table)) > 1]


@SETTINGS
@given(st.sampled_from(_FIELDS), st.data())
def test_a_value_breaking_its_column_is_reported_at_its_line_and_column(table_field, draw):
    table, field = table_field
    rows = _rows(table)
    index = draw.draw(st.integers(min_value=1, max_value=len(rows) - 1))
    value, rule = draw.draw(_breaking_value(field))
    rows[index][rows[0].index(field["name"])] = value
    data_dir, references, tmp = _fresh_copy()
    with tmp:
        (data_dir / RESOURCES[table]["path"]).write_text(_text(rows), encoding="utf-8")
        problems = _only_validation_errors(data_dir, references, table)
        where = (RESOURCES[table]["path"], _line_of(rows, index), field["name"])
        assert any((p.file, p.line, p.column) == where and p.rule == rule and p.value == value for p in problems), (
            f"{value!r} in {where} not reported as {rule!r}: {problems}")
