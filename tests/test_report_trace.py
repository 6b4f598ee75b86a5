"""The supplement's "Where each number comes from" in the built report: one click from a number of the paper to its
rows, and back."""

from __future__ import annotations

import csv
import json

import pytest
from bs4 import BeautifulSoup
from support import elements_by_id

from research.nb.glue import read_records

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def soup(report_build) -> BeautifulSoup:
    """The paper."""
    return BeautifulSoup((report_build.output_dir / "paper.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def supplement(report_build) -> BeautifulSoup:
    """The supplement, where the entries are."""
    return BeautifulSoup((report_build.output_dir / "supplement.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def entries(supplement) -> dict:
    """The supplement's elements by id (:func:`support.elements_by_id`)."""
    return elements_by_id(supplement)


def _entry(entries: dict, href: str):
    """The element a link of the paper to the supplement (``supplement.html#id``) goes to."""
    document, _, anchor = href.partition("#")
    assert document == "supplement.html", href
    return entries.get(anchor)


def _records(built) -> dict[str, dict]:
    out = {}
    for f in sorted((built.output_dir / "notebooks").glob("*.ipynb")):
        out.update({r["name"]: r for r in read_records(json.loads(f.read_text(encoding="utf-8")))})
    return out


def _csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_traced_number_goes_to_its_entry_and_the_entry_comes_back(soup, entries):
    links = soup.select("main a.traced, body a.traced")
    assert len(links) > 100
    for link in links:
        entry = _entry(entries, link["href"])
        assert entry is not None, f"{link} goes nowhere"
        assert link.get("title") and "\n" not in link["title"]
        if link.get("id"):  # the first place a value is shown: its entry links back here
            paragraph = entry.find_parent("p")
            assert paragraph.find("a", href=f"paper.html#{link['id']}") is not None, f"no way back to {link['id']}"


def test_a_sentence_on_coded_cells_lists_its_rows_with_their_locators_and_quotations(supplement, report_build):
    # The draft's broad terms: a sentence computed from coded cells (provisions ...#vague_terms), each with its quote.
    soup = supplement
    record = _records(report_build)["v1_vague_sentence"]
    entry = soup.find(id="where-v1_vague_sentence").find_parent("p")
    listed = [a.get_text() for a in entry.find_all("a") if a["href"].startswith("#row-")]
    assert listed == record["rows"] and listed and all(r.endswith("#vague_terms") for r in listed)
    provisions = {r["provision_id"]: r for r in _csv(report_build.data_dir / "provisions.csv")}
    codings = _csv(report_build.data_dir / "codings.csv")
    for a in entry.find_all("a", href=lambda h: h.startswith("#row-")):
        key, _, column = a.get_text().partition(":")[2].partition("#")
        text = " ".join(soup.find(id=a["href"][1:]).find_parent("p").get_text().split())
        assert f"locator {' '.join(provisions[key]['locator'].split())}" in text or \
            provisions[key]["locator"].split()[0] in text  # a key named in a locator is printed as its citation
        quotes = [c["quote"] for c in codings if c["record_id"] == key and c["field"] == column]
        assert quotes and all(" ".join(q.split()) in text for q in quotes)


def test_every_cell_of_a_traced_table_links_to_its_row(soup, entries, report_build):
    record = _records(report_build)["tbl-provisions"]
    body = soup.find(id="tbl-provisions").find("tbody").find_all("tr")
    assert len(body) == len(record["row_basis"])
    for number, tr in enumerate(body, start=1):
        for td in tr.find_all("td"):
            if td.get_text(strip=True) and not td.find(class_="citation"):
                assert td.find("a", href=f"supplement.html#where-tbl-provisions-r{number}"), f"row {number}: {td}"
        entry = entries[f"where-tbl-provisions-r{number}"].find_parent("p")
        assert [a.get_text() for a in entry.find_all("a") if a["href"].startswith("#row-")] == \
            record["row_basis"][number - 1]


def test_the_pdf_prints_the_paper_and_links_to_the_supplement_for_the_appendix(report_pdf, report_pdf_text):
    reader, text = report_pdf, report_pdf_text
    assert "Where each number comes from" not in text and "v1_vague_sentence" not in text
    uris = {str(a.get_object()["/A"]["/URI"]) for page in reader.pages for a in page.get("/Annots") or []
            if "/URI" in (a.get_object().get("/A") or {})}
    assert "supplement.html#where-attack_n_entries" in uris  # a number of a sentence, linked to its value's entry


def test_research_explain_prints_the_same_rows_and_quotations_as_the_appendix(report_build, capsys):
    from research.cli import main

    record = _records(report_build)["v1_vague_sentence"]
    assert main(["explain", "v1_vague_sentence", "--output-dir", str(report_build.output_dir),
                 "--data-dir", str(report_build.data_dir)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"v1_vague_sentence = {record['text']}\n")
    codings = _csv(report_build.data_dir / "codings.csv")
    for ref in record["rows"]:
        key, _, column = ref.partition(":")[2].partition("#")
        assert f"    {ref}" in out
        for c in codings:
            if c["record_id"] == key and c["field"] == column:
                assert f'quote ({c["value"]}): "{c["quote"]}"' in out
