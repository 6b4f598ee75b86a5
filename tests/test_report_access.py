"""The report read as a reader (and a screen reader, and a reviewer in Word) would: paper.html, paper.pdf and
paper.docx of the session's real build (``report_build``).

Language and heading outline of the HTML, the tagged PDF's structure tree, the DOCX's headings and pictures, alt text
that names a number from the figure's data, no "n.d." for a dated reference, and who wrote what.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import zipfile

import docx
import pytest
from bs4 import BeautifulSoup
from support import run_build

from research import paths
from research.data.bib import read_library
from research.engine.config import BuildConfig
from research.nb.glue import read_records

pytestmark = pytest.mark.slow

NUMBER = re.compile(r"\d|\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|no|none)\b", re.IGNORECASE)


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def soup(report_build) -> BeautifulSoup:
    return BeautifulSoup((report_build.output_dir / "paper.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def figures(report_build) -> dict[str, dict]:
    """label -> record of every figure the executed section notebooks recorded, in reading order."""
    out = {}
    for nb_path in sorted((report_build.output_dir / "notebooks").glob("[0-9][0-9]-*.ipynb")):
        if nb_path.name.endswith(".failed.ipynb"):
            continue
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        out.update({r["name"]: r for r in read_records(nb) if r["kind"] == "figure"})
    assert out, "the notebooks recorded no figures"
    return out


def section_headings(soup) -> list[tuple[int, str]]:
    """(level, text) of the page's headings below the title, the table of contents' own heading left out."""
    return [(int(h.name[1]), words(h.get_text(" "))) for h in soup.find_all(re.compile(r"^h[2-6]$"))
            if h.get("id") != "toc-title"]


# ------------------------------------------------------------------------------------------------------------------
# paper.html
# ------------------------------------------------------------------------------------------------------------------


def test_the_page_says_its_language(soup):
    assert soup.html.get("lang") == "en"


def test_one_h1_the_title_and_no_heading_skips_a_level(soup):
    outline = [(int(h.name[1]), words(h.get_text(" "))) for h in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert [text for level, text in outline if level == 1] == [words(soup.title.get_text())]
    assert outline[0][0] == 1
    skips = [(a, b) for a, b in zip(outline, outline[1:]) if b[0] > a[0] + 1]
    assert not skips, skips
    assert len(section_headings(soup)) >= 5


def test_every_figure_has_alt_text_that_names_a_number_from_its_data(soup, figures):
    images = {img.find_parent("figure")["id"]: img.get("alt", "") for img in soup.find_all("img")}
    assert set(images) == set(figures)
    for label, alt in images.items():
        assert alt.strip(), f"{label}: no alt text"
        assert NUMBER.search(alt), f"{label}: alt text names no number: {alt!r}"
        assert words(alt) == words(figures[label]["alt"])


def test_no_reference_with_a_year_shows_n_d(soup, report_build):
    dated = {e.key for e in read_library(report_build.references).entries
             if "year" in e.fields_dict or "date" in e.fields_dict}
    entries = soup.select("div.csl-entry")
    assert entries, "no reference list"
    wrong = [words(e.get_text(" ")) for e in entries
             if e["id"].removeprefix("ref-") in dated and re.search(r"\bn\.d\.", e.get_text())]
    assert not wrong, wrong


def test_the_byline_says_who_wrote_the_paper_and_who_prepared_the_edition(soup):
    header = words(soup.find("header").get_text(" "))
    assert "Somaly Nguon" in header and "Sopheak Srun" in header
    assert "Edition prepared by the cambodia-cyberlaw project, version " in header
    byline = words(soup.find("header").find_next_sibling("p").get_text(" "))
    assert "The paper was written by Somaly Nguon and Sopheak Srun" in byline
    assert "This edition was prepared by the cambodia-cyberlaw project" in byline
    cite = words(soup.find(id="cite-this-edition").get_text(" "))
    assert "Nguon, Somaly, and Sopheak Srun." in cite and "Reproducible edition prepared by" in cite
    assert soup.find("a", href="#cite-this-edition") is not None


# ------------------------------------------------------------------------------------------------------------------
# paper.pdf: tagged (PDF/UA-1)
# ------------------------------------------------------------------------------------------------------------------


def _structure(node, found: dict) -> dict:
    node = node.get_object()
    kind = node.get("/S") if hasattr(node, "get") else None
    if kind:
        found.setdefault(str(kind), []).append(node)
    kids = node.get("/K") if hasattr(node, "get") else None
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if hasattr(kid, "get"):
            _structure(kid, found)
    return found


def test_the_pdf_is_tagged_with_a_structure_tree_its_language_and_figure_alt_text(report_pdf, figures, soup):
    reader = report_pdf
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en"
    assert "pdfuaid:part=\"1\"" in reader.xmp_metadata.stream.get_data().decode("utf-8", "replace")
    tree = _structure(root["/StructTreeRoot"], {})
    assert len(tree.get("/H1", [])) == 1
    assert len(tree.get("/H2", [])) == len([h for h in soup.find_all("h2")])
    alts = [words(str(node.get("/Alt", ""))) for node in tree.get("/Figure", [])]
    assert alts == [words(r["alt"]) for r in figures.values()]


# ------------------------------------------------------------------------------------------------------------------
# paper.docx
# ------------------------------------------------------------------------------------------------------------------


def test_the_docx_opens_and_holds_every_section_heading_of_the_html(report_build, soup):
    document = docx.Document(str(report_build.output_dir / "paper.docx"))
    headings = [(int(p.style.name.split()[-1]), words(p.text)) for p in document.paragraphs
                if re.fullmatch(r"Heading \d", p.style.name)]
    assert headings == section_headings(soup)
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == [words(soup.title.get_text())]


def test_the_docx_has_every_figure_as_a_picture_with_its_alt_text_and_caption(report_build, figures):
    path = report_build.output_dir / "paper.docx"
    document = docx.Document(str(path))
    assert len(document.inline_shapes) == len(figures)
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    described = [words(html.unescape(d)) for d in re.findall(r'<wp:docPr descr="([^"]*)"', xml)]
    assert described == [words(r["alt"]) for r in figures.values()]
    captions = [words(p.text) for p in document.paragraphs if p.style.name == "Image Caption"]
    data = {n: f" Data of this figure: {r['files']['csv']} (CSV, beside the report)." if "csv" in r["files"] else ""
            for n, r in figures.items()}
    assert captions == [f"Figure {i}. {words(r['caption'] + data[n])}" for i, (n, r) in enumerate(figures.items(), 1)]


def test_the_docx_cites_like_the_html_and_lists_the_same_references(report_build, soup):
    document = docx.Document(str(report_build.output_dir / "paper.docx"))
    text = words("\n".join(p.text for p in document.paragraphs))
    entries = [words(entry.get_text())[:40] for entry in soup.select("div.csl-entry")]
    assert entries
    missing = [start for start in entries if start not in text]
    assert not missing, missing


def test_the_docx_is_rebuilt_when_missing_and_comes_back_byte_for_byte(report_build, tmp_path):
    out = tmp_path / "output"
    shutil.copytree(report_build.output_dir, out)
    before = (out / "paper.docx").read_bytes()
    (out / "paper.docx").unlink()
    config = BuildConfig(data_dir=report_build.data_dir, references=report_build.references, output_dir=out)
    summary, log = run_build(config)
    assert summary.report is True, log
    assert (out / "paper.docx").read_bytes() == before
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["outputs"]) >= {"paper.html", "paper.pdf", "paper.docx"}
    again, log = run_build(config)
    assert again.report is False, log


def test_citation_cff_sits_at_the_top_of_the_repository():
    assert (paths.ROOT / "CITATION.cff").is_file()
