"""The live preview's parts on notebooks and pages made here: what counts as a prose edit, where a notebook's part
of the page is, what an edit makes run, and the served page's script."""

from __future__ import annotations

import json

import pytest

from research import paths
from research.engine.config import BuildConfig
from research.preview.page import splice_prose, with_reloader
from research.preview.patch import MARK, outline, region
from research.preview.session import Session


def _cell(kind, source, tags=()):
    cell = {"cell_type": kind, "metadata": {"tags": list(tags)} if tags else {}, "source": source}
    if kind == "code":
        cell["outputs"] = []
    return cell


def _executed():
    return {"cells": [_cell("code", "x = 1", ["parameters"]), _cell("code", "x = 2", ["injected-parameters"]),
                      _cell("markdown", "## A\n\nOld {{v}} prose."), _cell("code", "glue('v', x)")]}


def _source(prose="Old {{v}} prose.", code="glue('v', x)"):
    return {"cells": [_cell("code", "x = 1", ["parameters"]), _cell("markdown", f"## A\n\n{prose}"),
                      _cell("code", code)]}


def test_a_prose_edit_is_spliced_into_the_last_execution_and_anything_else_is_not():
    spliced = splice_prose(_executed(), _source("New {{v}} prose."))
    assert [c["source"] for c in spliced["cells"]] == ["x = 1", "x = 2", "## A\n\nNew {{v}} prose.", "glue('v', x)"]
    assert splice_prose(_executed(), _source(code="glue('v', x + 1)")) is None  # a code cell changed
    more = _source()
    more["cells"].append(_cell("markdown", "More."))
    assert splice_prose(_executed(), more) is None  # a cell added


def test_outline_changes_with_headings_names_and_citations_not_with_words():
    base = outline(_source())
    assert outline(_source("Other words around {{v}}.")) == base
    assert outline(_source("Old {{w}} prose.")) != base
    assert outline(_source("Old {{v}} prose [@key].")) != base
    assert outline(_source("Old {{v}} prose @tbl-x.")) != base


def test_a_notebooks_region_starts_after_the_sections_before_it_close():
    start, end = MARK.format(which="start", name="n"), MARK.format(which="end", name="n")
    page = f"<section>before {start}\n</section>\n</section>\n<section><p>mine</p>{end}</section>after"
    a, b = region(page, "n")
    assert page[a:b] == f"<section><p>mine</p>{end}"
    assert region(page, "other") is None


def test_the_served_page_reloads_on_a_new_version_and_shows_the_error_as_text():
    page = "<html><body><p>x</p></body></html>"
    served = with_reloader(page, 7, "error: bad </script><script>alert(1)</script>").decode()
    assert "var seen = 7" in served and served.index("<p>x</p>") < served.index("<script>")
    assert served.count("</script>") == 1  # the error is a JSON string, its closing tag escaped
    assert "box.textContent = error" in served  # shown as text, never as markup
    assert "building the edition" in with_reloader(None, 1, None).decode()


@pytest.fixture
def session(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "01-a.ipynb").write_text(json.dumps(_source("New {{v}} prose.")), encoding="utf-8")
    (notebooks / "02-b.ipynb").write_text(json.dumps(_source(code="other()")), encoding="utf-8")
    config = BuildConfig(data_dir=tmp_path / "data", references=tmp_path / "r.bib", notebooks_dir=notebooks,
                         output_dir=tmp_path / "pv")
    made = Session(config, provenance=None, say=lambda line: None)
    made.executed = {"01-a": _executed(), "02-b": _executed()}
    return made


def test_what_an_edit_makes_run(session, tmp_path):
    notebooks = tmp_path / "notebooks"
    assert session.affected({notebooks / "01-a.ipynb"}) == (False, False)  # prose: nothing runs
    assert session.spliced == {"01-a"}
    assert session.affected({notebooks / "02-b.ipynb"}) == (False, True)  # code changed: the engine decides
    assert session.affected({notebooks / "abstract.md"}) == (False, False)  # the page only
    assert session.affected({tmp_path / "data" / "incidents.csv"}) == (False, True)
    assert session.affected({tmp_path / "r.bib"}) == (False, True)
    assert session.affected({paths.PACKAGE_DIR / "analysis" / "law.py"}) == (True, False)  # a restart
