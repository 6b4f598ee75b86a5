"""The edition a reader prints: the paper at a paper's length, its provenance in the supplement one link away."""

from __future__ import annotations

import io
import re
from collections import Counter

import pypdf
import pytest
from bs4 import BeautifulSoup
from support import elements_by_id

from research.data.bib import bib_keys

pytestmark = pytest.mark.slow

MAX_PAGES, MAX_WORDS, SAID_TWICE = 80, 10_000, 10
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def _soup(path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def body_paragraphs(page: BeautifulSoup) -> list[str]:
    """The prose of the body: paragraphs and list items of the numbered sections (not the references, the
    appendices or "Cite this edition"), without tables, captions, figures and block quotes."""
    out = []
    for section in page.find_all("section", class_="level2"):
        if "unnumbered" in (section.get("class") or []) or "unnumbered" in (section.h2.get("class") or []):
            continue
        for node in section.find_all(["p", "li"]):
            if node.find_parent(["table", "figure", "blockquote"]) or (node.name == "li" and node.find("p")):
                continue
            out.append(" ".join(node.get_text(" ").split()))
    return out


def test_the_paper_prints_at_a_paper_s_length(report_build):
    pages = len(pypdf.PdfReader(report_build.output_dir / "paper.pdf").pages)
    assert pages <= MAX_PAGES


def test_the_body_holds_at_most_ten_thousand_words_and_says_no_long_sentence_twice(report_build):
    paragraphs = body_paragraphs(_soup(report_build.output_dir / "paper.html"))
    # a word has a letter or a digit: the text of a linked number is set apart by spaces, its brackets and commas
    # are no words of their own
    words = sum(1 for p in paragraphs for token in p.split() if re.search(r"\w", token))
    assert 5_000 < words <= MAX_WORDS  # the lower bound: the count found the body at all
    sentences = Counter(s.strip() for p in paragraphs for s in SENTENCE_END.split(p) if len(s.split()) >= SAID_TWICE)
    assert [s for s, n in sentences.items() if n > 1] == []


def test_the_pdf_links_to_the_supplement_by_relative_address_and_each_entry_exists(report_build):
    out = report_build.output_dir
    supplement = _soup(out / "supplement.html")
    uris = []
    for page in pypdf.PdfReader(io.BytesIO((out / "paper.pdf").read_bytes())).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    assert not [u for u in uris if u.startswith(("file:", "/")) or str(out) in u]
    entries = [u for u in uris if u.startswith("supplement.html#")]
    assert len(entries) > 100
    targets = elements_by_id(supplement)
    assert not [u for u in entries if targets.get(u.partition("#")[2]) is None]


def test_every_number_of_the_paper_links_to_its_entry_and_the_entry_links_back(report_build):
    out = report_build.output_dir
    paper, supplement = _soup(out / "paper.html"), _soup(out / "supplement.html")
    traced = paper.select("a.traced")
    targets, returns = elements_by_id(supplement), elements_by_id(paper)
    assert traced and all(a["href"].startswith("supplement.html#where-") for a in traced)
    assert not [a["href"] for a in traced if targets.get(a["href"].partition("#")[2]) is None]
    backs = [a["href"] for a in supplement.find_all("a", string="back to the text")]
    into_paper = [h for h in backs if h.startswith("paper.html#")]
    assert into_paper and not [h for h in into_paper if returns.get(h.partition("#")[2]) is None]
    assert paper.find(id="where-numbers") is None and supplement.find(id="where-numbers") is not None
    assert supplement.find(id="how-built") is not None and supplement.find(id="tbl-incidents") is not None


def test_no_citation_key_is_printed_as_text(report_build):
    keys = bib_keys(report_build.references)
    word = re.compile(r"[A-Za-z0-9][\w-]*")
    for name in ("paper.html", "supplement.html"):
        page = _soup(report_build.output_dir / name)
        for node in page.find_all(["script", "style"]):
            node.decompose()
        printed = set(word.findall(page.get_text(" "))) & keys
        assert printed == set(), (name, sorted(printed))
