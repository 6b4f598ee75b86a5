"""The report's accessibility checks and its Word version, on small pages and documents (no notebook runs)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from xml.etree import ElementTree

import docx
import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from research.errors import ReportError
from research.report import a11y
from research.report.blocks import figure_block
from research.report.convert import Catalogue, catalogue
from research.report.docx import EARLIEST_ZIP_EPOCH, docx_figures, docx_markdown, to_docx
from research.report.render import to_pdf

PAGE = '<html lang="en"><body><header><h1 class="title">T</h1></header><h2 id="toc-title">Contents</h2>{}</body></html>'


@pytest.mark.parametrize("body, problem", [
    ("<h2>A</h2><h3>A.1</h3><h2>B</h2>", None),
    ("<h2>A</h2><h4>A.1.1</h4>", "heading 'A.1.1' (h4) follows 'A' (h2), skipping a level"),
    ("<h1>Second</h1>", "the page has 2 h1 headings (T; Second)"),
    ("<h2>A <em>b</em> &amp; c</h2><h3 class='x'>d</h3>", None),
])
def test_heading_order_one_h1_and_no_skipped_levels(body, problem):
    page = PAGE.format(body)
    problems = a11y.heading_problems(a11y.heading_outline(page))
    assert (problems == []) if problem is None else any(problem in p for p in problems), problems
    if problem is None:
        a11y.check_page(page)
    else:
        with pytest.raises(ReportError, match="heading order"):
            a11y.check_page(page)


def test_outline_reads_heading_text_as_a_screen_reader_hears_it():
    assert a11y.heading_outline(PAGE.format("<h2>A <em>b</em> &amp; c</h2>"))[-1] == (2, "A b & c")


def test_a_page_without_lang_is_refused():
    assert a11y.page_language(PAGE) == "en"
    with pytest.raises(ReportError, match="no lang attribute"):
        a11y.check_page(PAGE.replace(' lang="en"', ""))


def test_the_pdf_is_printed_as_pdf_ua_1(tmp_path):
    from pypdf import PdfReader

    (tmp_path / "p.pdf").write_bytes(to_pdf(PAGE.format("<h2>A</h2><p>Text.</p>"), tmp_path, 1552000000))
    reader = PdfReader(str(tmp_path / "p.pdf"))
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode("utf-8", "replace")
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and root["/Lang"] == "en" and "/StructTreeRoot" in root


def test_catalogue_refuses_a_recorded_figure_whose_alt_text_names_no_number():
    record = {"kind": "figure", "name": "fig-x", "caption": "C.", "alt": "A chart.", "files": {}}
    nb = {"cells": [{"cell_type": "code", "outputs": [{"data": {"application/vnd.research+json": record}}]}]}
    with pytest.raises(ReportError, match=r"^01-x: figure fig-x has alt text that names no number"):
        catalogue([("01-x", nb)])


@pytest.fixture
def figure(tmp_path):
    """A recorded figure with its PNG in ``tmp_path/figures`` and the report Markdown that holds its block."""
    (tmp_path / "figures").mkdir()
    fig, ax = plt.subplots(figsize=(2, 1))
    ax.bar([1, 2], [3, 4])
    fig.savefig(tmp_path / "figures" / "fig-bars.png", format="png", metadata={"Software": None})
    plt.close(fig)
    record = {"kind": "figure", "name": "fig-bars", "caption": "Two bars & a caption.",
              "alt": "Bar chart of 2 bars, 3 and 4 high.", "files": {"png": "figures/fig-bars.png"}}
    cat = Catalogue(labels={"fig-bars": "Figure 1"}, items={"fig-bars": record})
    (tmp_path / "refs.bib").write_text("@book{k, author = {Doe, Jane}, title = {A Book}, publisher = {P}, year = {2001}}\n",
                                       encoding="utf-8")
    block = figure_block("fig-bars", "Figure 1", record, tmp_path)
    markdown = ('---\ntitle: "T"\nauthor: ["A B"]\nlang: "en"\n---\n\n## Section one\n\nSee [Figure 1](#fig-bars).\n\n'
                f"{block}\n\n### Part\n\nText [@k].\n\n## References {{#references .unnumbered}}\n\n::: {{#refs}}\n:::\n")
    return tmp_path, cat, markdown


def test_docx_has_the_headings_the_picture_with_its_alt_text_and_the_numbered_caption(figure):
    out, cat, markdown = figure
    path = out / "paper.docx"
    path.write_bytes(to_docx(docx_markdown(markdown), out / "refs.bib", None, out, 1_700_000_000,
                             docx_figures(cat.labels, cat.items, out)))
    document = docx.Document(str(path))
    headings = [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [("Heading 2", "Section one"), ("Heading 3", "Part"), ("Heading 2", "References")]
    assert [p.text for p in document.paragraphs if p.style.name == "Image Caption"] == ["Figure 1. Two bars & a caption."]
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert re.findall(r'<wp:docPr descr="([^"]*)"', xml) == ["Bar chart of 2 bars, 3 and 4 high."]
    assert len(document.inline_shapes) == 1
    text = "\n".join(p.text for p in document.paragraphs)
    assert "(Doe 2001)" in text and "Doe, Jane. 2001. A Book. P." in text


def test_docx_refuses_markdown_without_the_figure_block(figure):
    out, cat, _ = figure
    with pytest.raises(ReportError, match="fig-bars: its block is not in the report's Markdown"):
        to_docx("## Only text\n", out / "refs.bib", None, out, None, docx_figures(cat.labels, cat.items, out))


def test_docx_refuses_a_figure_block_no_figure_was_recorded_for(figure):
    out, _, markdown = figure
    with pytest.raises(ReportError, match="figure fig-bars: the report's Markdown holds its block but no figure"):
        to_docx(docx_markdown(markdown), out / "refs.bib", None, out, None, {})


def test_docx_refuses_a_figure_block_that_is_never_closed(figure):
    out, cat, markdown = figure
    unclosed = markdown.replace("</figure>", "")
    with pytest.raises(ReportError, match="figure fig-bars: its block in the report's Markdown has no closing"):
        to_docx(docx_markdown(unclosed), out / "refs.bib", None, out, None, docx_figures(cat.labels, cat.items, out))


def test_the_figure_filter_reads_caption_and_alt_text_literally(figure):
    # Data text is escaped for the filter: Markdown in a caption stays text, quotes stay straight, in the picture too.
    out, cat, markdown = figure
    record = {**cat.items["fig-bars"], "caption": "It's *not* [a] link & <b>.", "alt": "Bar chart of 2 bars, 'x' _y_."}
    path = out / "paper.docx"
    path.write_bytes(to_docx(docx_markdown(markdown), out / "refs.bib", None, out, None,
                             docx_figures(cat.labels, {"fig-bars": record}, out)))
    document = docx.Document(str(path))
    assert [p.text for p in document.paragraphs if p.style.name == "Image Caption"] == [
        "Figure 1. It's *not* [a] link & <b>."]
    tree = ElementTree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    drawing = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    assert [e.get("descr") for e in tree.iter(drawing)] == ["Bar chart of 2 bars, 'x' _y_."]
    assert "research-figures" not in "".join(zipfile.ZipFile(path).read(n).decode("utf-8", "replace")
                                              for n in zipfile.ZipFile(path).namelist())


@pytest.mark.parametrize("epoch", [1_700_000_000, None])
def test_docx_carries_the_builds_date_never_the_clock_and_the_same_bytes_twice(figure, epoch):
    out, cat, markdown = figure
    swapped, figures = docx_markdown(markdown), docx_figures(cat.labels, cat.items, out)
    first = to_docx(swapped, out / "refs.bib", None, out, epoch, figures)
    assert first == to_docx(swapped, out / "refs.bib", None, out, epoch, figures)
    path = out / "paper.docx"
    path.write_bytes(first)
    expected = dt.datetime.fromtimestamp(epoch if epoch is not None else EARLIEST_ZIP_EPOCH, dt.UTC)
    archive = zipfile.ZipFile(path)
    assert {info.date_time[:3] for info in archive.infolist()} == {(expected.year, expected.month, expected.day)}
    assert docx.Document(str(path)).core_properties.created == expected
