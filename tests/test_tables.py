"""Output tables are safe to open in a spreadsheet: a text cell that would run as a formula is written quoted, and
the report and the profile pages show it as the table held it."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from research import paths
from research.nb.tables import neutralise_cell, restore_cell, save_table

NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")  # the Table Schema's number
HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1+cmd|' /C calc'!A0", "-2+3", "\t=1", "\n=1", "=1"]


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_cell_a_spreadsheet_would_run_is_written_with_a_leading_quote(cell):
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-3", "+4.5", "-1e3", "plain text", "", "KHM", "a=b", "'quoted", "2019-07"])
def test_numbers_and_ordinary_text_are_left_alone(cell):
    assert neutralise_cell(cell) == cell


def test_a_carriage_return_becomes_a_line_feed_so_the_row_stays_whole():
    assert neutralise_cell("\r=1") == "'\n=1" and neutralise_cell("a\r\nb\rc") == "a\nb\nc"


@given(st.text(alphabet=st.sampled_from(list("'=+-@\t\n0123456789.eE xa")), max_size=8))
def test_restore_gives_back_exactly_what_the_table_held(cell):
    written = neutralise_cell(cell)
    assert restore_cell(written) == cell
    # What is written never starts like a formula, unless it is a number.
    assert written[:1] not in ("=", "+", "-", "@", "\t", "\r", "\n") or NUMBER.fullmatch(written)


def test_save_table_writes_no_formula_and_keeps_numbers(tmp_path, monkeypatch):
    recorded = []
    monkeypatch.setattr("research.nb.tables.record_table", lambda *args: recorded.append(args))
    frame = pd.DataFrame({"name": pd.array(HOSTILE + [None], dtype="string"),
                          "count": pd.array([-1, 2, 3, 4, 5, 6, 7, None], dtype="Int64"),
                          "share": [-0.5, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]})
    shown = save_table(frame, "tbl-x", tmp_path, "A caption.")
    assert shown is frame and frame["name"].iloc[0] == HOSTILE[0]  # the notebook shows the table unchanged
    rows = list(csv.reader(io.StringIO((tmp_path / "tables" / "tbl-x.csv").read_bytes().decode("utf-8"), newline="")))
    assert rows[0] == ["name", "count", "share"]
    assert [r[0] for r in rows[1:]] == ["'" + c for c in HOSTILE] + [""]
    assert [r[1] for r in rows[1:]] == ["-1", "2", "3", "4", "5", "6", "7", ""]
    assert rows[1][2] == "-0.5"
    assert recorded == [("tbl-x", "A caption.", "tables/tbl-x.csv", [], None, None)]  # no trace given, none recorded


def test_the_report_shows_the_cell_as_the_data_held_it(tmp_path):
    from research.report.blocks import table_block

    (tmp_path / "tables").mkdir()
    (tmp_path / "tables" / "t.csv").write_text("name,n\n'=HYPERLINK(\"http://x\"),-3\n", encoding="utf-8")
    block, _ = table_block("tbl-t", "Table 1", {"file": "tables/t.csv", "caption": "c"}, tmp_path, set())
    assert "\\=HYPERLINK" in block and "'" not in block.split("\n")[2]


def test_the_data_dictionary_says_so():
    readme = (paths.DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "written with a leading `'`" in readme
