"""Property tests: whatever the files hold, loading either succeeds or raises DataValidationError, nothing else.

Each example writes into a fresh copy of the real data directory; ``check()`` must return (never raise) and
``load()`` must raise :class:`DataValidationError` exactly when ``check()`` found problems.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from research import data, paths
from research.errors import DataValidationError
from research.problems import Problem

RESOURCES = {
    r["name"]: r for r in json.loads((paths.DATA_DIR / paths.DATAPACKAGE_NAME).read_text(encoding="utf-8"))["resources"]
}
INCIDENTS = (paths.DATA_DIR / "incidents.csv").read_text(encoding="utf-8")

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)


def _fresh_copy() -> tuple[Path, Path, tempfile.TemporaryDirectory]:
    tmp = tempfile.TemporaryDirectory()
    root = Path(tmp.name)
    shutil.copytree(paths.DATA_DIR, root / "data", ignore=shutil.ignore_patterns("README.md"))
    shutil.copy(paths.REFERENCES, root / "references.bib")
    return root / "data", root / "references.bib", tmp


def _only_validation_errors(data_dir: Path, references: Path, table: str) -> list[Problem]:
    """Run check() and load() on one table (and what it references) and hold them to the contract."""
    typed, problems = data.check(data_dir, references, tables=[table])
    assert isinstance(problems, list)
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


# (a) arbitrary bytes ------------------------------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_as_incidents_csv(content):
    data_dir, references, tmp = _fresh_copy()
    with tmp:
        (data_dir / "incidents.csv").write_bytes(content)
        problems = _only_validation_errors(data_dir, references, "incidents")
        # Random bytes are never a valid incidents table (the header alone rules that out).
        assert any(p.file == "incidents.csv" for p in problems)


@SETTINGS
@given(st.binary(max_size=300))
def test_real_header_followed_by_arbitrary_bytes(tail):
    # Gets past the header checks, so the row and cell checks see the junk.
    data_dir, references, tmp = _fresh_copy()
    with tmp:
        header = INCIDENTS.split("\n", 1)[0].encode("utf-8") + b"\n"
        (data_dir / "incidents.csv").write_bytes(header + tail)
        _only_validation_errors(data_dir, references, "incidents")


# (b) mangled CSV text -----------------------------------------------------------------------------------------

_SPECIAL = st.sampled_from([",", '"', "\n", "\r", "\r\n", ";", "\t", " ", "", "\x00", "é", "\ufeff"])


@st.composite
def mangled(draw):
    text = INCIDENTS
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if not text:
            break
        i = draw(st.integers(min_value=0, max_value=len(text) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "replace", "truncate", "drop_special"]))
        if op == "delete":
            n = draw(st.integers(min_value=1, max_value=20))
            text = text[:i] + text[i + n :]
        elif op == "duplicate":
            n = draw(st.integers(min_value=1, max_value=200))
            text = text[: i + n] + text[i : i + n] + text[i + n :]
        elif op == "swap" and i + 1 < len(text):
            text = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        elif op == "insert":
            text = text[:i] + draw(_SPECIAL) + text[i:]
        elif op == "replace":
            text = text[:i] + draw(_SPECIAL) + text[i + 1 :]
        elif op == "truncate":
            text = text[:i]
        elif op == "drop_special":
            ch = draw(st.sampled_from([",", '"', "\n"]))
            k = text.find(ch, i)
            if k >= 0:
                text = text[:k] + text[k + 1 :]
    return text


@SETTINGS
@given(mangled())
def test_mangled_incidents_csv(text):
    data_dir, references, tmp = _fresh_copy()
    with tmp:
        (data_dir / "incidents.csv").write_text(text, encoding="utf-8", newline="")
        problems = _only_validation_errors(data_dir, references, "incidents")
        if text == INCIDENTS:
            assert problems == []


# (c) random cell values ---------------------------------------------------------------------------------------


@st.composite
def cell_edit(draw):
    table = draw(st.sampled_from(sorted(RESOURCES)))
    with open(paths.DATA_DIR / RESOURCES[table]["path"], newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    row = draw(st.integers(min_value=0, max_value=len(rows) - 1))  # 0 = the header
    col = draw(st.integers(min_value=0, max_value=len(rows[0]) - 1))
    value = draw(st.text(max_size=40) | st.sampled_from(["", " ", "-1", "1e3", str(2**70), "2019-02-30", "true ", "NaN"]))
    return table, rows, row, col, value


@SETTINGS
@given(cell_edit())
def test_random_value_in_random_cell(edit):
    table, rows, row, col, value = edit
    rows = [list(r) for r in rows]
    rows[row][col] = value
    data_dir, references, tmp = _fresh_copy()
    with tmp:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        (data_dir / RESOURCES[table]["path"]).write_text(out.getvalue(), encoding="utf-8")
        _only_validation_errors(data_dir, references, table)
