"""The cell that records a notebook's values shows the prose that uses them as the report reads: values filled in,
citations author-date, cross-references named, and nothing from data turned into markup."""

from __future__ import annotations

import json
import re

from research import paths
from research.nb import readable
from research.nb.readable import ReadableValues, author_date, render

BIB = """@article{one2001, author = {Smith, Jane}, title = {T}, year = {2001}}
@article{two2002, author = {Jane Smith and Lee, Kim}, title = {T}, year = {2002}}
@article{three2003, author = {A, B and C, D and E, F}, title = {T}, date = {2003-04-01}}
@report{org2004, author = {{Freedom House}}, title = {T}, year = {2004}}
"""


def test_author_date_names_authors_as_an_author_date_style_does(tmp_path):
    bib = tmp_path / "r.bib"
    bib.write_text(BIB, encoding="utf-8")
    assert author_date(bib) == {"one2001": ("Smith", "2001"), "two2002": ("Smith and Lee", "2002"),
                                "three2003": ("A et al.", "2003"), "org2004": ("Freedom House", "2004")}


def _plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)  # what the escaped Markdown reads as


def test_render_fills_values_citations_and_cross_references():
    sources = {"one2001": ("Smith", "2001"), "two2002": ("Smith and Lee", "2002")}
    text = ("So {{n_laws}} laws [@one2001, p. 12; @two2002]; @two2002 agree [-@one2001]. @fig-penalties and "
            "@tbl-provisions show it; {{unknown}} stays.")
    out = _plain(render(text, {"n_laws": "seven"}, sources))
    assert out == ("So **seven** laws (Smith 2001, p. 12; Smith and Lee 2002); Smith and Lee (2002) agree (2001). "
                   "Figure *penalties* and Table *provisions* show it; {{unknown}} stays.")


def test_text_from_data_never_becomes_markup():
    out = render("{{v}} [@k]", {"v": "[click](javascript:alert(1)) <b>x</b>"}, {"k": ("[a](http://x)", "2001")})
    assert "](" not in out.replace("\\]\\(", "") and "<b>" not in out


def test_glue_all_values_show_the_notebooks_prose_filled_in():
    notebook = paths.NOTEBOOKS_DIR / "03-existing-law.ipynb"
    names = set(readable.VALUE.findall(notebook.read_text(encoding="utf-8")))
    values = ReadableValues({name: f"<{name} text>" for name in names})
    shown = _plain(values._repr_markdown_())
    assert "03-existing-law.ipynb" in shown
    assert "{{" not in shown and "[@" not in shown and "@tbl-" not in shown
    assert "<law_cybercrime_sentence text>" in shown and "(Nguon and Srun 2019)" in shown
    assert "Table *provisions*" in shown
    # every paragraph shown is one of the notebook's, in its order
    prose = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "markdown"]
    assert shown.count("\n\n") == sum(
        1 for c in prose for p in re.split(r"\n\s*\n", "".join(c["source"])) if readable.VALUE.search(p))
