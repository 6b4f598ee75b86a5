"""A sentence's numbers linked from its records (issue 19): each value it uses, found as a whole token in order, links
to that value's own entry; the sentence's entry links back to an empty span where the sentence starts."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from research.analysis import asof, codebook
from research.errors import ReportError
from research.nb.glue import MIME, format_value
from research.nb.inputs import load_data
from research.report.convert import catalogue
from research.report.markdown import escape, fill_values
from research.report.trace_appendix import appendix_markdown, sentence_links, whole_token_at
from research.sections import incidents as ap
from research.sections import reliability as rel
from research.sections import tracker_words
from research.sections import under_attack as ua


def _tag(name: str, text_md: str) -> str:
    """A stand-in for the report's link: shows which value was linked where."""
    return f"<{name}:{text_md}>"


def test_a_token_is_found_only_whole_not_inside_a_longer_number_or_word():
    assert whole_token_at("3 of 30", "3") == 0
    assert whole_token_at("3 of 30", "3", 1) == -1  # "30" holds a 3, but not as a token
    assert whole_token_at("3 of 30", "30") == 5
    assert whole_token_at("2\\,300 rows", "300") == -1 and whole_token_at("2\\,300 rows", "2") == -1
    assert whole_token_at("3\\.5 per cent", "3") == -1 and whole_token_at("3\\.5 per cent", "5") == -1
    assert whole_token_at("seventeen and seven", "seven") == 14
    assert whole_token_at("from 2010 to 2018\\.", "2018") == 13  # a full stop after it ends the token
    assert whole_token_at("3\\, 4 and 5", "3") == 0  # a comma and a space: a list, not 3,4
    assert whole_token_at("9th of the 10", "9") == -1 and whole_token_at("9th of the 10", "9th") == 0
    assert whole_token_at("US\\$75\\,000 each", "US\\$75\\,000") == 0
    assert whole_token_at("anything", "") == -1


def test_each_used_value_links_in_order_searching_on_from_the_previous_one():
    text = "3 of 30 rows, and 3 again"
    linked = sentence_links(text, [("n_of", "3"), ("n_all", "30"), ("n_again", "3")], _tag)
    assert linked == "<n_of:3> of <n_all:30> rows, and <n_again:3> again"


def test_a_repeated_number_links_to_the_value_listed_for_each_place():
    # "3 of 30": the first 3 is the part, the 30 the whole; a 3 listed after the 30 is never the first 3
    assert sentence_links("3 of 30", [("whole", "30"), ("part", "3")], _tag) == "3 of <whole:30>"
    assert sentence_links("30 of 30", [("part", "30"), ("whole", "30")], _tag) == "<part:30> of <whole:30>"


def test_a_value_not_found_is_not_linked_and_the_search_goes_on_from_the_last_found():
    text = "None of the 20 can be dated."
    linked = sentence_links(text, [("n_counted", "20"), ("first_year", "2010"), ("last_year", "2018")], _tag)
    assert linked == "None of the <n_counted:20> can be dated."
    assert sentence_links("No number here.", [("n", "4")], _tag) == "No number here."


def test_the_sentence_starts_with_the_empty_span_its_entry_links_back_to():
    assert sentence_links("No number here.", [], _tag, "use-s") == "[]{#use-s}No number here."
    assert sentence_links("Of 5.", [("n", "5")], _tag, "use-s") == "[]{#use-s}Of <n:5>."


def _output(record: dict) -> dict:
    return {"output_type": "display_data", "metadata": {}, "data": {MIME: record}}


def _notebook(sentence_uses: list[str]) -> dict:
    values = {"cell_type": "code", "metadata": {}, "source": "", "outputs": [
        _output({"kind": "value", "name": "n_of", "value": 3, "text": "3", "rows": ["incidents:I-1"],
                 "function": "pkg.count"}),
        _output({"kind": "value", "name": "n_all", "value": 30, "text": "30", "rows": ["incidents:I-1",
                                                                                        "incidents:I-2"]}),
        _output({"kind": "sentence", "name": "s_share", "text": "Sources name 3 of 30.", "rows": ["incidents:I-1"],
                 "uses": sentence_uses}),
    ]}
    return {"cells": [values, {"cell_type": "markdown", "metadata": {}, "source": "{{s_share}}"}]}


def test_the_report_links_each_value_of_a_sentence_to_its_own_entry_and_the_sentence_is_reachable_back():
    cat = catalogue([("01-x", _notebook(["n_of", "n_all"]))])
    cat.document = "paper"
    first = fill_values("{{s_share}}", cat.values, "01-x, cell 1", cat.link)
    assert first == (
        '[]{#use-s_share}Sources name '
        '[3](supplement.html#where-n_of "n_of: from 1 incidents row by count (01-x, cell 0)"){#use-n_of .traced} of '
        '[30](supplement.html#where-n_all "n_all: from 2 incidents rows (01-x, cell 0)"){#use-n_all .traced}\\.')
    assert cat.used == {"s_share": "paper", "n_of": "paper", "n_all": "paper"}
    again = fill_values("{{s_share}}", cat.values, "01-x, cell 1", cat.link)
    assert "{#" not in again and again.count(".traced}") == 2  # linked again, without the ids of the first use


def test_the_entry_of_a_sentence_lists_the_values_it_shows_after_its_text(tmp_path):
    (tmp_path / "datapackage.json").write_text(json.dumps({"resources": []}), encoding="utf-8")
    from research.data.rows import read_index

    cat = catalogue([("01-x", _notebook(["n_of", "n_all"]))])
    md, _ = appendix_markdown(cat.traces, read_index(tmp_path), set(), {"s_share": "paper"}, {})
    entry = next(p for p in md.split("\n\n") if p.startswith("[]{#where-s_share}"))
    assert entry.split("  \n")[:2] == [
        "[]{#where-s_share}**s\\_share** = Sources name 3 of 30\\. ([back to the text](paper.html#use-s_share))",
        "values shown: [n\\_of](#where-n_of), [n\\_all](#where-n_all)"]
    value = next(p for p in md.split("\n\n") if p.startswith("[]{#where-n_of}"))
    assert "values shown" not in value
    # listed in the other order, the 3 is looked for after the 30 and is not found: only the 30 is shown
    cat = catalogue([("01-x", _notebook(["n_all", "n_of"]))])
    md, _ = appendix_markdown(cat.traces, read_index(tmp_path), set(), {}, {})
    entry = next(p for p in md.split("\n\n") if p.startswith("[]{#where-s_share}"))
    assert entry.split("  \n")[1] == "values shown: [n\\_all](#where-n_all)"


def test_a_sentence_using_a_name_recorded_as_no_value_stops_the_report_with_one_line():
    with pytest.raises(ReportError) as info:
        catalogue([("01-x", _notebook(["n_of", "n_missing"]))])
    message = str(info.value)
    assert message == ("01-x: sentence 's_share' uses 'n_missing', which no notebook recorded as a value with glue(): "
                       "name the values the sentence shows")
    assert "\n" not in message


# --- the sections converted: each used value reads in its sentence, in order, and counts what the CSV files hold ---

DATA = Path(__file__).resolve().parents[1] / "data"
PAPER = "2019-06-30"


def _linked(result) -> dict[str, str]:
    """Each sentence of a result dataclass as the report would link it (values tagged by name, escapes taken out),
    from the texts glue_all records: a value's text after its format spec, the sentence's own."""
    fields = {f.name: f for f in dataclasses.fields(result)}
    out = {}
    for f in fields.values():
        if f.metadata.get("sentence"):
            uses = []
            for name in f.metadata["uses"]:
                value = getattr(result, name)  # a used name is a value field of the same result
                text = "n/a" if value is None else format_value(value, fields[name].metadata.get("format"))
                uses.append((name, escape(text)))
            # read back without the escapes, as a reader sees it
            out[f.name] = re.sub(r"\\(.)", r"\1", sentence_links(escape(getattr(result, f.name)), uses, _tag))
    return out


def _shown(linked: str) -> list[str]:
    """The names tagged in a linked sentence, in order."""
    return [part.split(":")[0] for part in linked.split("<")[1:]]


def _csv(name: str) -> list[dict]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _by_paper(row: dict) -> bool:
    """Known by the paper's date: reported (else dated, else of a year) on or before it; undated rows are kept."""
    when = row["reported"] or row["date"] or row["year"]
    end = {4: f"{when}-12-31", 7: f"{when}-31"}.get(len(when), when)
    return end <= PAPER


@pytest.fixture(scope="module")
def section_one():
    data = load_data(str(DATA), "", tables=["incidents", "country_facts", "provisions", "convention_parties"],
                     as_of=PAPER)
    paper = load_data(str(DATA), "", tables=["provisions", "penalties"], as_of=asof.reading_date(PAPER))
    return ua.under_attack(data, paper, "KHM", PAPER)


def test_section_one_shows_every_value_it_uses_in_order(section_one):
    linked = _linked(section_one)
    assert _shown(linked["attack_edition_sentence"]) == ["attack_latest_entry"]
    assert _shown(linked["attack_counts_sentence"]) == ["attack_n_entries", "attack_n_incidents",
                                                        "attack_n_campaigns", "attack_n_claims"]
    # an edition of the paper's date says nothing of later reports: that value is not shown
    assert _shown(linked["attack_dating_sentence"]) == ["attack_n_counted", "attack_n_dated", "attack_first_year",
                                                        "attack_last_year"]
    # two origins tie ("2 each"): the count abroad does not come back in a share
    assert "most often in China and Viet Nam (<attack_n_top_origin:2> each)" in linked["attack_attribution_sentence"]
    assert _shown(linked["attack_attribution_sentence"]) == ["attack_n_abroad", "attack_n_counted",
                                                             "attack_n_top_origin"]
    assert "more than <attack_mfa_documents:5,000> documents" in linked["attack_mfa_leak_sentence"]
    assert "established in <attack_cert_founded:December 2007> to" in linked["attack_cert_sentence"]
    assert ("data, <attack_gci_edition:GCI 2014>, Cambodia scored <attack_gci_score:0.118> on a scale of "
            "<attack_gci_scale:0 to 1>, <attack_gci_position:9th> of the <attack_gci_members:10> ASEAN") \
        in linked["attack_gci_sentence"]


def test_section_one_counts_what_the_incident_table_holds(section_one):
    # by hand from incidents.csv: Cambodia's entries known by the paper's date; claims are not counted
    known = [r for r in _csv("incidents") if r["victim_country"] == "KHM" and _by_paper(r)]
    counted = [r for r in known if r["entry_type"] != "claim"]
    years = [int(r["year"]) for r in counted if r["year"]]
    abroad = [r["actor_country"] for r in counted if r["actor_country"] and r["actor_country"] != "KHM"]
    r = section_one
    assert (r.attack_n_entries, r.attack_n_incidents, r.attack_n_campaigns, r.attack_n_claims) == (
        len(known), *(sum(1 for k in known if k["entry_type"] == t) for t in ("incident", "campaign", "claim")))
    assert (r.attack_n_counted, r.attack_n_dated, r.attack_first_year, r.attack_last_year, r.attack_n_later) == (
        len(counted), len(years), min(years), max(years), None)
    assert r.attack_n_abroad == len(abroad) and r.attack_n_top_origin == max(abroad.count(c) for c in abroad)
    rows = r.basis.rows
    assert set(rows["attack_n_claims"]) == {f"incidents:{k['incident_id']}#entry_type" for k in known
                                            if k["entry_type"] == "claim"}
    assert set(rows["attack_first_year"]) == {f"incidents:{k['incident_id']}#year" for k in counted
                                              if k["year"] == str(min(years))}
    # a sentence's rows are the union of the rows of the values it shows
    for sentence_name in ("attack_counts_sentence", "attack_dating_sentence", "attack_attribution_sentence"):
        uses = next(f for f in dataclasses.fields(r) if f.name == sentence_name).metadata["uses"]
        assert set().union(*(rows[u] for u in uses)) <= set(rows[sentence_name])


def test_the_incident_appendix_shows_its_counts_with_their_rows():
    incidents = [r for r in _csv("incidents") if _by_paper(r)]
    frame = load_data(str(DATA), "", tables=["incidents"], as_of=PAPER)["incidents"]
    result = ap.incident_appendix(frame, PAPER)
    kinds = {t: sum(1 for r in incidents if r["entry_type"] == t) for t in ("incident", "campaign", "claim")}
    assert (result.appx_n_entries, result.appx_n_incidents, result.appx_n_campaigns, result.appx_n_claims) == (
        len(incidents), kinds["incident"], kinds["campaign"], kinds["claim"])
    assert _shown(_linked(result)["appx_table_sentence"]) == ["appx_n_entries", "appx_n_incidents",
                                                              "appx_n_campaigns", "appx_n_claims"]
    assert set(result.basis.rows["appx_n_campaigns"]) == {f"incidents:{r['incident_id']}#entry_type"
                                                           for r in incidents if r["entry_type"] == "campaign"}


def test_the_robustness_sentence_shows_the_measures_held_then_all_of_them():
    from research.analysis.sensitivity import DEFAULT

    table = pd.DataFrame({"measure": ["a", "b", "c"], DEFAULT: [1, 2, 3], "variant": [1, 5, 3]})
    table.attrs["rows"] = [["provisions:P-1"], ["provisions:P-2"], ["provisions:P-3"]]
    linked = _linked(rel.robustness(table))["robustness_sentence"]
    assert linked.startswith("<n_robust:2> of the <n_measures:3> measures hold under every variant")


def test_the_codebook_shows_the_quotation_limit_its_descriptor_enforces():
    limit = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    codings = next(r for r in limit["resources"] if r["name"] == "codings")
    result = codebook.codebook_sections()
    assert result.codebook_quote_words == codings["schema"]["x-rules"]["maxWords"]["quote"] == 30
    assert "a verbatim quotation of at most <codebook_quote_words:30> words" in _linked(result)["codebook_evidence"]
    assert result.basis.rows == {"codebook_quote_words": ()}  # a rule of the data: no row counts towards it


def test_the_tracker_paragraphs_show_their_counts_each_in_its_place():
    # made tables (tests/test_analysis_tracker.py): AAA (Asia) and BBB (Africa, least developed) a draft, CCC (Asia)
    # legislation, DDD (Europe) none; compared: AAA, BBB, CCC; agree: BBB; named apart: CCC
    from test_analysis_tracker import made_tables

    tables = made_tables()
    agreement = _linked(tracker_words.agreement_part(tables))["tracker_agreement_paragraph"]
    assert agreement.startswith("UNCTAD's Global Cyberlaw Tracker of <tracker_agreement_release:27 April 2026> ")
    assert "for the <tracker_n_compared:3> countries both describe" in agreement
    assert "They agree for <tracker_n_agree:1> country and disagree for <tracker_n_disagree:2> countries" in agreement
    assert "For <tracker_n_named_apart:1> country the instruments" in agreement
    world = _linked(tracker_words.world_part(tables["law_status"]))["tracker_world_paragraph"]
    assert ("of <tracker_world_countries:4> countries it classes, <tracker_world_legislation:1> have cybercrime "
            "legislation, <tracker_world_draft:2> a draft and <tracker_world_none:1> none.") in world
    assert ("lowest in Africa (<tracker_lowest_share:0 per cent>) and highest in Asia (<tracker_highest_share:50 per "
            "cent>); among the least developed countries it is <tracker_ldc_share:0 per cent>, with "
            "<tracker_ldc_drafts:1> draft") in world
    assert "tracker_world_no_data" not in world  # every country has a row: not said, so not shown
    empty = {**tables, "law_status": tables["law_status"].iloc[:0]}
    assert tracker_words.world_part(empty["law_status"]).tracker_world_paragraph == ""
    assert tracker_words.agreement_part(empty).tracker_agreement_paragraph == ""


@pytest.mark.slow
def test_in_the_built_report_every_sentence_entry_goes_back_to_where_the_sentence_starts(report_build):
    from bs4 import BeautifulSoup

    from research.nb.glue import read_records

    out = report_build.output_dir
    pages = {name: BeautifulSoup((out / name).read_text(encoding="utf-8"), "html.parser")
             for name in ("paper.html", "supplement.html")}
    uses = {}
    for f in sorted((out / "notebooks").glob("*.ipynb")):
        uses.update({r["name"]: r.get("uses", []) for r in read_records(json.loads(f.read_text(encoding="utf-8")))
                     if r["kind"] == "sentence" and r["text"]})
    back = 0
    for name, used in uses.items():
        entry = pages["supplement.html"].find(id=f"where-{name}")
        if entry is None:
            continue
        paragraph = entry.find_parent("p")
        link = paragraph.find("a", string="back to the text")
        if link is not None:
            document, _, anchor = link["href"].rpartition("#")
            start = pages[document or "supplement.html"].find(id=anchor)
            assert start is not None and start.name == "span" and not start.get_text(), name
            back += 1
        shown = [a.get_text() for a in paragraph.find_all("a") if a.get("href", "").startswith("#where-")]
        assert set(shown) <= set(used) and len(shown) == len(set(shown)), name
        if name == "attack_dating_sentence":  # the edition of the paper's date shows no count of later reports
            assert shown == ["attack_n_counted", "attack_n_dated", "attack_first_year", "attack_last_year"]
    assert back >= 7  # section 1's seven sentences at least
    # section 1's counts sentence: each count links to its own entry, in order
    span = pages["paper.html"].find(id="use-attack_counts_sentence")
    links = [a["href"] for a in span.find_next_siblings("a", limit=4)]
    assert links == [f"supplement.html#where-attack_n_{n}" for n in ("entries", "incidents", "campaigns", "claims")]
