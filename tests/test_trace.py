"""Tracing numbers (research.report.trace, research.data.rows): hand-made notebooks and data, expectations by hand."""

from __future__ import annotations

import dataclasses
import json

import pytest

from research.cli import main
from research.data.rows import changed_rows, read_index, split_ref, touches
from research.errors import ReportError
from research.nb.glue import MIME
from research.report.markdown import fill_values
from research.report.trace import anchor, collect, explain, row_anchor, summary, use_anchor
from research.report.trace_appendix import appendix_markdown, value_link


def _output(record: dict) -> dict:
    return {"output_type": "display_data", "metadata": {}, "data": {MIME: record}}


def _notebook() -> dict:
    injected = {"cell_type": "code", "metadata": {"tags": ["injected-parameters"]}, "source": "", "outputs": []}
    prose = {"cell_type": "markdown", "metadata": {}, "source": "{{n_vague}} of them"}
    values = {"cell_type": "code", "metadata": {}, "source": "", "outputs": [
        _output({"kind": "value", "name": "n_vague", "value": 2, "text": "2", "function": "pkg.mod.count",
                 "rows": ["provisions:P-1#vague_terms", "provisions:P-2#vague_terms"]}),
        _output({"kind": "value", "name": "rate", "value": 4000, "text": "4,000"}),
        _output({"kind": "table", "name": "tbl-x", "caption": "X", "file": "tables/x.csv",
                 "row_basis": [["provisions:P-1"], ["provisions:P-2", "penalties:Q-1"]], "function": "pkg.mod.table"}),
    ]}
    return {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "# T"}, injected, prose, values]}


@pytest.fixture
def data(tmp_path):
    """Two provisions, one penalty and their codings, with a datapackage naming the keys."""
    folder = tmp_path / "data"
    folder.mkdir()
    resources = [("provisions", ["provision_id"], "provision_id,heading,source,locator,basis\n"
                  "P-1,Access,lawA,Art. 1,paper\nP-2,Order,lawB,Art. 2,text\n"),
                 ("penalties", ["penalty_id"], "penalty_id,source,locator,basis\nQ-1,lawA,Art. 9,paper\n"),
                 ("codings", ["record_id", "field", "value"], "record_id,field,value,quote,source,locator\n"
                  'P-1,vague_terms,access,"having access ""to"" data",paperX,fn 40\n'
                  "P-1,intent_required,true,intentionally,paperX,fn 41\n")]
    package = {"resources": [{"name": n, "path": f"{n}.csv", "schema": {"primaryKey": k, "fields": []}}
                             for n, k, _ in resources]}
    (folder / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    for name, _, text in resources:
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def test_collect_counts_cells_as_the_author_sees_them_and_names_table_rows():
    traces = collect([("03-law", _notebook())])
    assert list(traces) == ["n_vague", "rate", "tbl-x/1", "tbl-x/2"]
    vague = traces["n_vague"]
    assert (vague.notebook, vague.cell, vague.function, vague.traced) == ("03-law", 2, "pkg.mod.count", True)
    assert traces["rate"].traced is False and traces["rate"].rows == ()
    assert traces["tbl-x/2"].rows == ("provisions:P-2", "penalties:Q-1") and traces["tbl-x/2"].row == 2
    assert summary(vague) == "n_vague: from 2 provisions rows by count (03-law, cell 2)"


def test_a_cell_is_described_with_the_quotation_that_codes_it(data):
    index = read_index(data)
    info = index.describe("provisions:P-1#vague_terms")
    assert (info.found, info.label, info.source, info.locator, info.basis) == (True, "Access", "lawA", "Art. 1", "paper")
    assert [(q.value, q.quote, q.source) for q in info.quotes] == [("access", 'having access "to" data', "paperX")]
    assert index.describe("provisions:P-2").quotes == ()
    assert index.describe("provisions:P-9").found is False
    assert split_ref("provisions:P-1#vague_terms") == ("provisions", "P-1", "vague_terms")


def test_explain_prints_rows_sources_and_quotations(data):
    text = explain("n_vague", collect([("03-law", _notebook())]), read_index(data))
    assert text.splitlines()[:3] == ["n_vague = 2", "  recorded by 03-law, cell 2, computed by pkg.mod.count",
                                     "  rows (2 provisions rows):"]
    assert '      quote (access): "having access "to" data" (paperX, fn 40)' in text
    assert "source lawB, Art. 2; basis text" in text
    with pytest.raises(ReportError, match="did you mean n_vague"):
        explain("n_vage", collect([("03-law", _notebook())]), None)


def test_research_explain_on_the_command_line(data, tmp_path, capsys):
    notebooks = tmp_path / "out" / "notebooks"
    notebooks.mkdir(parents=True)
    (notebooks / "03-law.ipynb").write_text(json.dumps(_notebook()), encoding="utf-8")
    assert main(["explain", "tbl-x/2", "--output-dir", str(tmp_path / "out"), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("tbl-x, row 2 (X)\n") and "penalties:Q-1" in out and "Art. 9" in out
    assert main(["explain", "nothing", "--output-dir", str(tmp_path / "empty"), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "holds no executed notebooks" in err


def test_prose_numbers_link_to_their_entry_and_the_entry_links_back(data):
    traces = collect([("03-law", _notebook())])
    used = {}

    def link(name, text):
        first = name not in used
        used.setdefault(name, "supplement")
        return value_link(text, traces[name], first)

    text = fill_values("{{n_vague}} and {{n_vague}}", {"n_vague": "2"}, "here", link)
    first, second = text.split(" and ")
    assert f"(#{anchor('n_vague')} " in first and f"{{#{use_anchor('n_vague')} .traced}}" in first
    assert use_anchor("n_vague") not in second
    md, cited = appendix_markdown(traces, read_index(data), {"lawA"}, used, {"tbl-x": "Table S1"},
                                  {"tbl-x": "supplement"})
    assert f"[back to the text](#{use_anchor('n_vague')})" in md
    assert "**[Table S1](#tbl-x), row 2**" in md
    assert f"[]{{#{row_anchor('penalties:Q-1')}}}" in md and cited == ["lawA", "lawA", "lawA"]


def test_entries_in_the_supplement_link_back_to_the_paper_by_relative_address(data):
    traces = collect([("03-law", _notebook())])
    linked = value_link("2", traces["n_vague"], True, "supplement.html")
    assert f"(supplement.html#{anchor('n_vague')} " in linked
    md, _ = appendix_markdown(traces, read_index(data), {"lawA"}, {"n_vague": "paper"}, {"tbl-x": "Table 1"})
    assert f"[back to the text](paper.html#{use_anchor('n_vague')})" in md
    assert "**[Table 1](paper.html#tbl-x), row 2**" in md


def test_a_key_named_in_a_locator_is_cited_never_printed():
    from research.report.markdown import escape
    from research.report.trace_appendix import _cite_named

    cited = []
    text = _cite_named(escape("fn 70 (lawA); same in lawB-x table, not lawAB"), {"lawA", "lawB-x"}, cited)
    assert text == "fn 70 \\(@lawA\\)\\; same in @lawB-x table\\, not lawAB" and cited == ["lawA", "lawB-x"]


def test_data_never_becomes_markup_in_an_anchor_or_a_title():
    ref = 'provisions:"><script>x</script>'
    assert row_anchor(ref).startswith("row-") and len(row_anchor(ref)) == 16
    assert anchor("tbl-x/3") == "where-tbl-x-r3" and anchor("we<ird>").startswith("where-")
    trace = collect([("n", _notebook())])["n_vague"]
    link = value_link("2", dataclasses.replace(trace, name='a"b\\'), True)
    assert link.count('"') == 2 and "\\" not in link


def test_changed_rows_and_cells_touched_by_them():
    old, new = {"a:1": "x", "a:2": "y"}, {"a:1": "x", "a:2": "z", "a:3": "w"}
    changed = changed_rows(old, new)
    assert changed == {"a:2": "changed", "a:3": "added"}
    assert touches("a:2#field", changed) and not touches("a:1#field", changed)


def test_cjk_text_goes_in_a_span_that_says_its_language_and_tags_are_left_alone():
    from research.report.render import mark_cjk

    page = '<p title="刑法">Criminal Law (中华人民共和国刑法), file 刑法/刑法.md</p>'
    assert mark_cjk("<p>不正アクセス行為の禁止等に関する法律</p>") == (
        '<p><span class="cjk" lang="ja">不正アクセス行為の禁止等に関する法律</span></p>')
    assert mark_cjk(page) == ('<p title="刑法">Criminal Law (<span class="cjk" lang="zh">中华人民共和国刑法</span>), '
                                     'file <span class="cjk" lang="zh">刑法</span>/<span class="cjk" lang="zh">刑法'
                                     '</span>.md</p>')


def test_research_explain_names_the_parameters_of_the_notebook_that_recorded_it(tmp_path, data, capsys):
    from research.cli import main

    nb = _notebook()
    nb["metadata"] = {"papermill": {"parameters": {"as_of": "2019-06-30", "focus": "KHM", "data_dir": "/x"}}}
    (tmp_path / "out" / "notebooks").mkdir(parents=True)
    (tmp_path / "out" / "notebooks" / "03-law.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert main(["explain", "n_vague", "--data-dir", str(data), "--output-dir", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "  parameters (03-law ran with): as_of='2019-06-30', focus='KHM'" in out
    assert "data_dir" not in out.splitlines()[-1]
