"""The report read as a reader would, in the paper-date edition (``report_build``) and in an edition of a later date
(``-p as_of=2026-06-30``): no internal code or identifier in its text, every incident's sources in the reference
list, dates on what is time-bound, and no "n.d." for a dated entry. (An edition of an earlier date, 31 March 2019, is
read on its notebooks' functions in the fast tier: test_edition_variants.py.)"""

from __future__ import annotations

import csv
import json
import re

import pytest
from bs4 import BeautifulSoup
from support import Built, copy_inputs, run_build

from research import paths
from research.data.bib import read_library
from research.data.descriptor import project_descriptor as descriptor
from research.engine.config import BuildConfig
from research.engine.parameters import PARAMETERS
from research.nb.glue import read_records

pytestmark = pytest.mark.slow

LATER = "2026-06-30"  # after every row of the data; not the day of the commits (the byline dates the commit it was built from)
IDENTIFIER = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
PAPER_DATE = PARAMETERS["as_of"].default  # the session build's edition
MAIN_SECTIONS = ("Cambodia under attack", "Understanding cybersecurity", "Legislating cyberspace",
                 "The new draft law on cybercrime", "Conclusion and recommendations")


@pytest.fixture(scope="module")
def later_build(tmp_path_factory) -> Built:
    """The whole report built from a copy of the data for an edition dated 30 June 2026."""
    root = tmp_path_factory.mktemp("later")
    data_dir, references = copy_inputs(root)
    config = BuildConfig(data_dir=data_dir, references=references, output_dir=root / "output",
                         parameters={"as_of": LATER})
    summary, log = run_build(config)
    assert summary.failed == 0 and summary.report is True, log
    return Built(data_dir, references, root / "output", summary, log)


def _page(built: Built) -> BeautifulSoup:
    return BeautifulSoup((built.output_dir / "paper.html").read_text(encoding="utf-8"), "html.parser")


def reader_text(page: BeautifulSoup, references: bool = True) -> str:
    """The text a reader reads: without the provenance appendices (how the report was built; where each number comes
    from, which names rows by their keys), code, and the addresses of links (and without the reference list and the
    table of contents unless ``references``)."""
    page = BeautifulSoup(str(page), "html.parser")
    dropped = [page.find(id="how-built"), page.find(id="where-numbers"), *page.find_all(["code", "pre", "script", "style"])]
    if not references:
        dropped += [page.find(id="refs"), page.find(id="TOC"), page.find("header")]
    for node in dropped:
        if node is not None:
            node.decompose()
    for link in page.find_all("a", href=re.compile(r"^https?://")):
        link.decompose()
    return " ".join(page.body.get_text(" ").split())


def section_text(page: BeautifulSoup, heading: str) -> str:
    h2 = next(h for h in page.find_all("h2") if " ".join(h.get_text(" ").split()).startswith(heading))
    return " ".join(h2.find_parent("section").get_text(" ").split())


def _codes() -> set[str]:
    """Every code of an enumeration that differs from its label (``in_force``, ``content_related`` ...)."""
    codes = set()
    for resource in descriptor()["resources"]:
        for field in resource["schema"]["fields"]:
            codes |= {code for code, label in field.get("x-labels", {}).items() if "_" in code and code != label}
    return codes


@pytest.mark.parametrize("which", ["paper-date", "later"])
def test_no_internal_code_or_identifier_reaches_the_reader(which, report_build, later_build):
    text = reader_text(_page(report_build if which == "paper-date" else later_build))
    assert not sorted(set(IDENTIFIER.findall(text))), sorted(set(IDENTIFIER.findall(text)))
    assert not [c for c in _codes() if c in text]
    with open(paths.DATA_DIR / "countries.csv", encoding="utf-8", newline="") as fh:
        iso3 = {r["iso3"] for r in csv.DictReader(fh)}
    body = reader_text(_page(report_build if which == "paper-date" else later_build), references=False)
    assert not sorted(c for c in iso3 if re.search(rf"\b{c}\b", body))  # country names, never codes
    assert "n/a" not in body


@pytest.mark.parametrize("which", ["paper-date", "later"])
def test_every_source_of_the_incident_appendix_is_in_the_reference_list(which, report_build, later_build):
    built = report_build if which == "paper-date" else later_build
    with open(built.output_dir / "tables" / "tbl-incidents.csv", encoding="utf-8", newline="") as fh:
        keys = {k for row in csv.DictReader(fh) for k in row["sources"].split(";")}
    # the incident table is in the supplement, whose reference list holds what it cites
    supplement = BeautifulSoup((built.output_dir / "supplement.html").read_text(encoding="utf-8"), "html.parser")
    listed = {e["id"].removeprefix("ref-") for e in supplement.select("div.csl-entry")}
    assert keys and keys <= listed, sorted(keys - listed)


def test_the_appendix_lists_every_entry_known_on_the_editions_date(report_build, later_build):
    with open(paths.DATA_DIR / "incidents.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(later_build.output_dir / "tables" / "tbl-incidents.csv", encoding="utf-8", newline="") as fh:
        later = list(csv.DictReader(fh))
    assert len(later) == len(rows)  # every shipped row was reported by mid-2026
    with open(report_build.output_dir / "tables" / "tbl-incidents.csv", encoding="utf-8", newline="") as fh:
        paper = list(csv.DictReader(fh))
    assert 0 < len(paper) < len(later)
    claims = [r["entry"] for r in paper].index("general claim")
    assert set(r["entry"] for r in paper[claims:]) == {"general claim"}  # claims kept apart, at the end


def test_the_later_edition_builds_and_its_prose_names_its_date(later_build, report_build):
    page = _page(later_build)
    for heading in MAIN_SECTIONS:
        assert "30 June 2026" in section_text(page, heading), heading
    assert "30 June 2019" in section_text(_page(report_build), "Cambodia under attack")
    assert "30 June 2026" not in reader_text(_page(report_build), references=False)
    # the paper's draft is read as the paper read it, and said superseded by the later date
    draft = section_text(page, "The new draft law on cybercrime")
    assert "reads it as it stood on 30 June 2019" in draft and "superseded" in draft


def test_no_dated_reference_shows_n_d_in_the_later_edition(later_build):
    dated = {e.key for e in read_library(later_build.references).entries
             if "year" in e.fields_dict or "date" in e.fields_dict}
    wrong = [" ".join(e.get_text(" ").split()) for e in _page(later_build).select("div.csl-entry")
             if e["id"].removeprefix("ref-") in dated and re.search(r"\bn\.d\.", e.get_text())]
    assert not wrong, wrong


def test_every_figure_of_the_later_edition_has_alt_text_naming_a_number(later_build):
    number = re.compile(r"\d|\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|no|none)\b", re.IGNORECASE)
    images = _page(later_build).find_all("img")
    assert images and all(number.search(img.get("alt", "")) for img in images)


@pytest.mark.parametrize("which", ["paper-date", "later"])
def test_an_edition_as_of_a_date_holds_only_what_was_valid_or_known_then(which, report_build, later_build):
    built, as_of = (report_build, PAPER_DATE) if which == "paper-date" else (later_build, LATER)
    assert built.summary.failed == 0 and built.summary.report, built.log
    with open(built.data_dir / "provisions.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # the Law on Electronic Commerce begins on 2 November 2019: absent from the paper's edition, present later
    instrument = [r for r in rows if r["instrument"] == "Law on Electronic Commerce"]
    assert instrument and all(r["valid_from"] > PAPER_DATE for r in instrument)
    table = (built.output_dir / "tables" / "tbl-provisions.csv").read_text(encoding="utf-8")
    assert ("Law on Electronic Commerce" in table) == (as_of > "2019-11-02")
    # the count of Parties the report quotes as the latest follows the date too (as the text shows it)
    latest = {r["name"]: r["text"] for nb in sorted((built.output_dir / "notebooks").glob("*.ipynb"))
              for r in read_records(json.loads(nb.read_text(encoding="utf-8"))) if r["kind"] == "value"}
    assert latest["parties_latest"] == ("63" if which == "paper-date" else "76")
