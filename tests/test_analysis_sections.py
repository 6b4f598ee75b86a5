"""The section results the notebooks quote (research.analysis.law, draft, and the dataclasses of incidents and
countries) on small frames typed like research.data.load() output; expected values counted by hand here."""

from __future__ import annotations

import pandas as pd
from typed_frames import typed

from research.analysis import countries as cty
from research.analysis import draft, law
from research.analysis import incidents as inc
from research.analysis import provisions as prov

DRAFT = draft.PAPER_DRAFT


def provisions(*rows: dict) -> pd.DataFrame:
    defaults = {"country": "KHM", "instrument": "Criminal Code", "status": "in_force", "kind": "offence", "category": "cia"}
    return typed("provisions", *({**defaults, **row} for row in rows))


def convention() -> pd.DataFrame:
    return typed("convention", *({"article": a, "requires_intent": 2 <= a <= 11, "requires_without_right": 2 <= a <= 9,
                                  "allows_dishonest_intent": a in (2, 3, 7)} for a in range(1, 22)))


LAW = provisions(
    {"provision_id": "KHM-CC2009-427", "article": "427", "intent_required": False, "vague_terms": "national insecurity",
     "prison_max_months": 24, "fine_max": 4_000_000, "fine_currency": "KHR"},
    {"provision_id": "KHM-TL2015-80", "instrument": "Telecom Law", "article": "80", "category": "content_related",
     "vague_terms": "national insecurity;public order", "prison_min_months": 84, "prison_max_months": 180},
    {"provision_id": "KHM-D-23", "instrument": DRAFT, "status": "draft", "article": "23", "convention_articles": "3",
     "intent_required": False, "without_right": True, "dishonest_intent": False, "prison_max_months": 240,
     "fine_max": 10_000, "fine_currency": "USD"},
    {"provision_id": "KHM-D-24", "instrument": DRAFT, "status": "draft", "article": "24", "convention_articles": "4",
     "intent_required": True, "without_right": True, "category": "computer_related"},
    {"provision_id": "THA-1", "country": "THA", "instrument": "T", "prison_max_months": 600},
)


def test_offence_categories_count_the_focus_countrys_offences():
    assert law.offence_categories(LAW, "KHM") == law.OffenceCategories(2, 1, 1)


def test_law_in_force_counts_and_the_access_offences_intent():
    # in force: 427 and Telecom 80; two instruments; both vague; terms: national insecurity, public order
    assert law.law_in_force(LAW, "KHM") == law.LawInForce(2, 2, 2, 2, "does not require")
    unknown = law.law_in_force(provisions({"provision_id": "KHM-CC2009-427"}), "KHM")
    assert unknown.cc427_intent == "leaves unknown whether it requires"


def test_heaviest_penalty_in_force_and_largest_fine_of_any_offence():
    # 180 months (15 years) under Telecom Law, first term "national insecurity"; the draft's 20 years are not in
    # force; the largest fine is the draft's USD 10,000 (4,000,000 riels are 1,000 dollars at 4,000)
    assert law.heaviest_penalty(LAW, "KHM", 4000) == law.HeaviestPenalty(15.0, "Telecom Law", "national insecurity",
                                                                          10_000.0)
    assert law.heaviest_penalty(LAW.iloc[:0], "KHM", 4000) == law.HeaviestPenalty(None, "n/a", "no coded term", None)


def test_in_force_table_is_text_with_empty_cells_empty():
    table = law.in_force_table(LAW, "KHM")
    assert table["provision_id"].tolist() == ["KHM-CC2009-427", "KHM-TL2015-80"]
    assert table.loc[0, "convention_articles"] == "" and list(table.columns) == law.IN_FORCE_COLUMNS


def test_draft_coverage_sentence_counts_and_without_a_draft_says_so():
    matrix = prov.coverage_matrix(LAW, convention(), "KHM")
    result = draft.draft_coverage(matrix)
    # of the 16 benchmark articles the draft covers Art 4 fully and Art 3 without intent; 14 have no counterpart
    assert (result.n_draft_covered, result.n_draft_without_qualifiers, result.n_draft_not_covered) == (1, 1, 14)
    assert result.draft_coverage_sentence == ("The draft has a counterpart for 1 of them with the Convention\u2019s "
                                              "qualifiers and for 1 more without them; 14 have none.")
    assert result.benchmark_articles == "2-11 and 16-21" and result.n_benchmark_articles == 16
    none = draft.draft_coverage(prov.coverage_matrix(LAW[LAW["status"] != "draft"], convention(), "KHM"))
    assert none.n_draft_covered is None and "no provision of the draft law" in none.draft_coverage_sentence


def test_draft_article_comparison_and_its_gaps_with_and_without_the_article():
    table = draft.draft_article_comparison(LAW, convention())
    # Art 3 requires intent and without right and allows dishonest intent; the draft requires only without right
    assert table["gap"].tolist() == ["yes", "no", "yes"]
    assert draft.draft_article_gaps(LAW, convention()) == draft.DraftArticleGaps(
        2, "the draft falls short on 2 of the elements compared")
    without = LAW[LAW["article"] != "23"]
    assert draft.draft_article_comparison(without, convention())["gap"].tolist() == ["no", "no", "no"]
    gaps = draft.draft_article_gaps(without, convention())
    assert gaps.n_art23_gaps is None and "no draft Article 23" in gaps.art23_sentence


def test_draft_qualifiers_share_silent_on_intent_and_the_cases_without():
    result = draft.draft_qualifiers(prov.qualifier_gaps(LAW, "KHM"))
    assert (result.draft_n_offences, result.draft_silent_intent_pct) == (2, 50.0)
    assert result.draft_intent_sentence == "Of the draft\u2019s 2 offence provisions, 50 per cent are silent on intent"
    assert draft.draft_qualifiers(prov.qualifier_gaps(LAW[LAW["status"] != "draft"], "KHM")).draft_n_offences is None
    unknown = provisions({"provision_id": "d", "instrument": DRAFT, "status": "draft"})
    assert "none has a coded intent element" in draft.draft_qualifiers(prov.qualifier_gaps(unknown, "KHM")).draft_intent_sentence


INCIDENTS = typed("incidents",
                  {"incident_id": "INC-001", "actor_type": "hacktivist", "attack_types": "ddos;defacement",
                   "cia_impact": "availability;integrity"},
                  {"incident_id": "INC-002", "actor_type": "state_sponsored", "attack_types": "ddos",
                   "cia_impact": "confidentiality"},
                  {"incident_id": "INC-003", "actor_type": "unknown", "attack_types": "phishing"})


def test_incident_dataclasses_for_the_prose():
    assert inc.actor_counts(INCIDENTS) == inc.ActorCounts(1, 1, 0, 1)
    assert inc.top_attack_type(INCIDENTS) == inc.TopAttackType("ddos", 2)
    assert inc.top_attack_type(INCIDENTS.iloc[:0]) == inc.TopAttackType("n/a", 0)
    assert inc.impact_totals(INCIDENTS) == inc.ImpactTotals(1, 1, 1)


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
