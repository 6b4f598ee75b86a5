"""The section results the notebooks quote (research.analysis.law, draft, and the dataclasses of incidents and
countries) on small frames typed like research.data.load() output; expected values counted by hand here."""

from __future__ import annotations

import pandas as pd
from typed_frames import typed

from research.analysis import countries as cty
from research.analysis import draft, law
from research.sections import draft_tables as dt

DRAFT = draft.PAPER_DRAFT


def provisions(*rows: dict) -> pd.DataFrame:
    defaults = {"country": "KHM", "instrument": "Criminal Code", "status": "in_force", "kind": "offence",
                "category": "cia", "text_basis": "quoted"}
    return typed("provisions", *({**defaults, **row} for row in rows))


LAW = provisions(
    {"provision_id": "KHM-CC2009-427", "article": "427", "convention_articles": "2", "intent_required": False,
     "without_right": False, "vague_terms": "national insecurity"},
    {"provision_id": "KHM-TL2015-80", "instrument": "Telecom Law", "article": "80", "category": "other",
     "vague_terms": "national insecurity;public order"},
    {"provision_id": "KHM-D-23", "instrument": DRAFT, "status": "draft", "article": "23", "convention_articles": "3",
     "dishonest_intent": False},
    {"provision_id": "KHM-D-24", "instrument": DRAFT, "status": "draft", "article": "24", "convention_articles": "4",
     "intent_required": False, "dishonest_intent": False, "category": "cia"},
    {"provision_id": "KHM-D-27", "instrument": DRAFT, "status": "draft", "article": "27", "convention_articles": "9",
     "text_basis": "heading", "category": "content_related"},
    {"provision_id": "KHM-D-33", "instrument": DRAFT, "status": "draft", "article": "33", "kind": "ancillary",
     "category": "ancillary"},
    {"provision_id": "THA-1", "country": "THA", "instrument": "T"},
)
ELEMENTS = typed("convention_elements", *(
    {"article": a, "element": e, "label": e, "requirement": r, "field": f, "text": f"{e} words",
     "source": "coe2001convention", "locator": "Art.", "basis": "primary"}
    for a, e, r, f in [(2, "intentionally", "mandatory", "intent_required"), (2, "without_right", "mandatory", "without_right"),
                       (3, "intentionally", "mandatory", "intent_required"), (3, "technical_means", "mandatory", None),
                       (3, "dishonest_intent", "optional", "dishonest_intent"),
                       (4, "intentionally", "mandatory", "intent_required"), (9, "intentionally", "mandatory", "intent_required")]))
CONVENTION = typed("convention", *({"article": a, "kind": "offence", "title": "t", "chapter": "II"} for a in (2, 3, 4, 9)))
CODINGS = typed("codings", {"record_id": "KHM-D-23", "field": "element:technical_means", "value": "true", "quote": "q",
                            "source": "s", "locator": "l"})
RULES = typed("general_rules", {"rule_id": "r", "country": "KHM", "instrument": "Criminal Code", "article": "5",
                                "rule": "intent_default", "quote": "No offence without intent.", "source": "s",
                                "locator": "l", "basis": "primary"})
TABLES = {"provisions": LAW, "convention_elements": ELEMENTS, "convention": CONVENTION, "codings": CODINGS,
          "general_rules": RULES}


def test_offence_categories_count_the_focus_countrys_offences_and_ancillary_apart():
    # KHM offences: 427 (cia), Telecom 80 (other), D-23 and D-24 (cia), D-27 (content); D-33 is ancillary
    assert law.offence_categories(LAW, "KHM") == law.OffenceCategories(5, 3, 0, 1, 1, 1)


def test_in_force_table_shows_labels_not_codes():
    table = law.in_force_table(LAW, "KHM")
    assert table["article"].tolist() == ["427", "80"]
    assert table["category"].tolist() == ["against confidentiality, integrity and availability", "other offences"]
    assert "provision_id" not in table.columns and "kind" in table.columns


def test_draft_article_comparison_counts_an_unused_option_as_broader_not_a_shortfall():
    # an option a Party may use is no obligation: a draft that leaves it unused is broader, never short of the treaty
    table = dt.draft_article_comparison(TABLES)
    assert table["assessment"].tolist() == ["unknown", "meets it", "broader than the Convention's option"]
    without = {**TABLES, "provisions": LAW[LAW["article"] != "23"]}
    assert dt.draft_article_comparison(without)["the draft"].tolist() == ["the data hold no draft Article 23"]


COUNTRIES = typed("countries",
                  {"iso3": "KHM", "name": "Cambodia", "asean_member": True, "budapest_status": "none"},
                  {"iso3": "THA", "name": "Thailand", "asean_member": True},
                  {"iso3": "CHN", "name": "China", "asean_member": False},
                  {"iso3": "AUS", "name": "Australia", "asean_member": False, "budapest_status": "party"},
                  {"iso3": "JPN", "name": "Japan", "asean_member": False, "budapest_status": "party"})
FACTS = typed("country_facts",
              {"iso3": "KHM", "indicator": "cert_established", "year": 2007},
              {"iso3": "CHN", "indicator": "cert_established", "year": 2002},
              {"iso3": "JPN", "indicator": "cert_established", "year": 1996},
              {"iso3": "CHN", "indicator": "cybersecurity_law", "year": 2016},
              {"iso3": "KHM", "indicator": "gci_score", "label": "GCI 2017", "year": 2017, "value": 0.3},
              {"iso3": "KHM", "indicator": "gci_score", "label": "GCI 2014", "year": 2014, "value": 0.2},
              {"iso3": "THA", "indicator": "gci_score", "label": "GCI 2014", "year": 2014, "value": 0.5})


def test_response_capacity_takes_the_first_edition_and_the_asean_position():
    assert cty.response_capacity(FACTS, COUNTRIES, "KHM") == cty.ResponseCapacity(2007, "GCI 2014", 0.2, 2, 2)
    assert cty.response_capacity(FACTS, COUNTRIES, "AUS") == cty.ResponseCapacity(None, "n/a", None, None, None)


def test_comparison_group_and_regional_comparison():
    assert cty.comparison_group(COUNTRIES, "KHM", "CHN,JPN") == ["KHM", "CHN", "JPN", "AUS"]  # JPN named once
    # CHN (2002) and JPN (1996) set up their CERT before KHM (2007); KHM's latest edition is GCI 2017
    assert cty.regional_comparison(FACTS, COUNTRIES, "KHM", "CHN,JPN") == cty.RegionalComparison(2, 2016, 0.3,
                                                                                                  "GCI 2017")


def test_convention_reach_with_and_without_counts():
    counts = typed("convention_parties", {"date": "2019-03", "parties": 63}, {"date": "2024-10", "parties": 76})
    assert cty.convention_reach(COUNTRIES, counts) == cty.ConventionReach(63, 76, "2024-10", 2, "Australia, Japan")
    assert cty.convention_reach(COUNTRIES, counts.iloc[:0]) == cty.ConventionReach(None, None, None, 2,
                                                                                   "Australia, Japan")


def test_gci_table_is_text_with_a_country_column():
    table = cty.gci_table(FACTS, COUNTRIES, ["KHM", "THA"])
    assert table.columns.tolist() == ["country", "GCI 2014", "GCI 2017"]
    assert table.values.tolist() == [["Cambodia", "0.2", "0.3"], ["Thailand", "0.5", ""]]
