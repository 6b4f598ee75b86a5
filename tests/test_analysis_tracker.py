"""An imported tracker beside our coding (research.analysis.tracker), on made tables built to agree and disagree.

The expected statuses follow the codebook's definition by hand: country AAA has an in-force offence answering Art. 2
(legislation) where the tracker says "draft"; BBB has only a pending draft, as the tracker says; CCC's only offence
answers Art. 11 (not Arts 2-6) and its draft ended before the tracker's date, so ours is "none" against "legislation";
DDD is coded nowhere and is not compared.
"""

from __future__ import annotations

import pandas as pd

from research.analysis import tracker
from research.data import load
from research.sections import tracker_words

DATE = "2026-04-27"


def provision(country, instrument, status, kind, articles, valid_from, valid_to="", source="src"):
    return {"provision_id": f"{country}-{instrument}-{articles}", "country": country, "instrument": instrument,
            "status": status, "kind": kind, "convention_articles": articles or pd.NA,
            "valid_from": valid_from or pd.NA, "valid_to": valid_to or pd.NA, "source": source}


def made_tables() -> dict:
    provisions = pd.DataFrame([
        provision("AAA", "Penal Code", "in_force", "offence", "2", "2010-01-01", source="aaapenal"),
        provision("AAA", "Draft Cybercrime Law", "draft", "offence", "", "2024", source="aaadraft"),
        provision("BBB", "Draft Computer Crime Bill", "draft", "offence", "3", "", source="bbbdraft"),
        provision("CCC", "Criminal Law", "in_force", "offence", "11", "2001", source="ccccl"),
        provision("CCC", "Old Draft", "draft", "offence", "2", "2015", "2020-08-04", source="cccold"),
    ])
    facts = pd.DataFrame(columns=["iso3", "indicator", "year", "date", "label", "source"])
    countries = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC", "DDD"], "name": ["Aland", "Beland", "Celand", "Deland"]})
    rows = [("AAA", "draft", "Draft Cybercrime Law 2023", "Asia", "Developing countries"),
            ("BBB", "draft", "Computer Crime Bill", "Africa", "Developing countries;Least developed countries"),
            ("CCC", "legislation", "Cybersecurity Law", "Asia", "Developing countries"),
            ("DDD", "none", "", "Europe", "Developed countries")]
    law_status = pd.DataFrame([{"iso3": c, "area": "cybercrime", "status": s, "date": DATE, "instruments": i or pd.NA,
                                "m49_region": r, "groups": g, "release": "r1", "source": "unctadtest"}
                               for c, s, i, r, g in rows])
    return {"provisions": provisions, "country_facts": facts, "countries": countries, "law_status": law_status}


def test_the_agreement_table_reports_each_disagreement_with_both_sources():
    table = tracker_words.agreement_table(made_tables())
    assert list(table["country"]) == ["Aland", "Beland", "Celand"]  # Deland is coded nowhere: not compared
    by = table.set_index("country")
    assert list(by["UNCTAD status"]) == ["a draft", "a draft", "legislation"]
    assert list(by["our status"]) == ["legislation", "a draft", "no legislation"]
    assert list(by["status agrees"]) == ["no", "yes", "no"]
    assert by.loc["Aland", "our sources"] == "aaapenal; aaadraft"
    assert by.loc["Aland", "UNCTAD source"] == "unctadtest"
    assert by.loc["Beland", "our dates"] == "in force or pending, no end known; 1 row with no start known"
    assert by.loc["Celand", "our drafts"] == ""  # its draft ended on 2020-08-04, before the tracker's date
    assert list(by["instruments named alike"]) == ["yes", "yes", "no"]  # "computer", "crime" in common for Beland


def test_the_paragraph_names_every_disagreement_and_resolves_none():
    text = tracker_words.agreement_paragraph(made_tables())
    assert "for the 3 countries both describe" in text
    assert "They agree for 1 country and disagree for 2 countries" in text
    assert "Aland: UNCTAD records a draft (it links \u201cDraft Cybercrime Law 2023\u201d), our rows legislation" in text
    assert "Celand: UNCTAD records legislation (it links \u201cCybersecurity Law\u201d), our rows no legislation" in text


def test_the_world_is_counted_by_region_and_group():
    counts = tracker.world_counts(made_tables()["law_status"])
    assert counts.loc["all countries"].to_dict() == {"legislation": 1, "draft": 2, "none": 1, "countries": 4}
    assert counts.loc["Asia"].to_dict() == {"legislation": 1, "draft": 1, "none": 0, "countries": 2}
    assert counts.loc["Least developed countries", "draft"] == 1
    assert counts.loc["Oceania", "countries"] == 0


def test_without_a_tracker_nothing_is_said():
    tables = load()
    assert tables["law_status"].empty
    assert tracker_words.agreement_table(tables).empty
    assert tracker_words.agreement_paragraph(tables) == ""
    assert tracker_words.world_paragraph(tables["law_status"]) == ""
    assert tracker.world_counts(tables["law_status"]).empty


def test_dates_compare_at_the_precision_recorded():
    assert tracker.applies("2024", None, DATE)
    assert not tracker.applies("2024", "2025", DATE)
    assert tracker.applies(None, None, DATE)
    assert not tracker.applies("2026-05", None, DATE)
    assert tracker.applies("2026", "2027", DATE)


def test_the_report_prints_each_side_in_one_cell_with_its_sources():
    shown = tracker_words.agreement_shown(made_tables()).set_index("country")
    assert shown.loc["Aland", "our coding"] == "legislation: Penal Code (1 offence); drafts pending: Draft Cybercrime Law"
    assert shown.loc["Aland", "UNCTAD"] == "a draft: Draft Cybercrime Law 2023"
    assert shown.loc["Aland", "sources"] == "unctadtest; aaapenal; aaadraft"
