"""Tests for research.analysis.recommendations on small frames typed like research.data.load() output."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pandas as pd
import pytest
from typed_frames import typed

import research.data
from research.analysis import recommendations as rec

TABLES = ["provisions", "convention", "countries", "country_facts", "convention_parties"]


def offence(pid: str, **fields) -> dict:
    return {"provision_id": pid, "country": "KHM", "instrument": "Criminal Code", "status": "in_force",
            "kind": "offence", "category": "cia", **fields}


def draft(pid: str, **fields) -> dict:
    return offence(pid, instrument="Draft Law", status="draft", **fields)


def convention() -> pd.DataFrame:
    # As in ETS 185: Arts 2-9 require intent and "without right", Arts 10-11 intent only; procedural Arts nothing.
    return typed("convention", *({"article": a, "requires_intent": 2 <= a <= 11, "requires_without_right": 2 <= a <= 9,
                                  "allows_dishonest_intent": a in (2, 3, 7)} for a in range(1, 22)))


def small_tables() -> dict[str, pd.DataFrame]:
    provisions = typed(
        "provisions",
        # in force offences: two of three use vague terms; i2 covers Art 2 with both qualifiers
        offence("i1", category="content_related", vague_terms="public order", intent_required=False,
                prison_max_months=60, fine_max=4_000_000, fine_currency="KHR"),
        offence("i2", convention_articles="2", intent_required=True, without_right=True, prison_max_months=120),
        offence("i3", category="content_related", vague_terms="security", prison_max_months=24),
        # draft offences: intent known for d1 (False) and d3 (True); d1 covers Art 3, d3 Art 4, both w/o qualifiers
        draft("d1", convention_articles="3", intent_required=False, without_right=True),
        draft("d2"),
        draft("d3", convention_articles="4", intent_required=True, without_right=False),
        # institutions and procedural provisions
        draft("n1", kind="institution", category="institutional"),
        draft("pp1", kind="procedural_power", category="procedural", convention_articles="16;17"),
        offence("pp2", kind="obligation", category="procedural", convention_articles="29"),  # outside Arts 16-21
        offence("pp3", kind="procedural_power", category="procedural"),
        # another country: must not count anywhere
        offence("t1", country="THA", instrument="Penal Code", vague_terms="x", convention_articles="5",
                intent_required=True, without_right=True, category="content_related", prison_max_months=600),
        {"provision_id": "t2", "country": "THA", "instrument": "Penal Code", "status": "draft", "kind": "institution",
         "category": "institutional"},
    )
    countries = typed(
        "countries",
        {"iso3": "KHM", "name": "Cambodia", "asean_member": True, "budapest_status": "none"},
        {"iso3": "THA", "name": "Thailand", "asean_member": True},
        {"iso3": "VNM", "name": "Viet Nam", "asean_member": True},
        {"iso3": "AUS", "name": "Australia", "asean_member": False, "budapest_status": "party"},
    )
    facts = typed(
        "country_facts",
        *({"iso3": c, "indicator": "gci_score", "year": 2018, "label": "GCI 2018", "value": v}
          for c, v in [("KHM", 0.3), ("THA", 0.8), ("VNM", 0.2), ("AUS", 0.9)]),
        {"iso3": "KHM", "indicator": "gci_score", "year": 2014, "label": "GCI 2014", "value": 0.1},
    )
    parties = typed("convention_parties", *({"date": d, "parties": n} for d, n in
                                             [("2019-03", 63), ("2024-10", 76), ("2006", 15)]))
    return {"provisions": provisions, "convention": convention(), "countries": countries,
            "country_facts": facts, "convention_parties": parties}


def empty_tables() -> dict[str, pd.DataFrame]:
    return {name: typed(name) for name in TABLES}


def test_helper_builds_the_dtypes_that_load_returns(data_copy):
    real = research.data.load(data_copy, data_copy.parent / "references.bib", tables=TABLES)
    mine = small_tables()
    for name in TABLES:
        assert mine[name].dtypes.to_dict() == real[name].dtypes.to_dict(), name


def test_measured_gaps_texts_reflect_the_input():
    gaps = rec.measured_gaps(small_tables(), "KHM", khr_per_usd=4000)
    assert dataclasses.asdict(gaps) == {
        "vague_in_force": "2 of 3 offence provisions in force rely on undefined broad terms",  # i1, i3 of i1-i3
        "draft_silent_intent": "1 of 2 draft offence provisions are silent on intent",  # d1 of d1, d3 (d2 unknown)
        # Arts 2 (i2, covered), 3 (d1, lacks intent), 4 (d3, lacks "without right") of Arts 2-11; only Art 2 fully
        "offence_articles_covered": "3 of 10 Convention offence articles have a counterpart; 1 with the Convention's qualifiers",
        "institutions": "1 provision(s) creating institutions coded",  # n1
        # pp1, pp2, pp3; only pp1 maps into Arts 16-21
        "procedural_powers": "3 procedural powers or data obligations coded; 1 correspond to Convention Arts 16-21, "
                             "whose Art. 15 safeguards no coded provision states",
        "content_max_prison": "content offences carry up to 5 years' imprisonment",  # i1: 60 months (i2 is cia)
        # latest KHM edition is GCI 2018; among ASEAN KHM 0.3, THA 0.8, VNM 0.2 only THA is higher
        "gci_position": "GCI 2018: position 2 of 3 ASEAN members scored",
        "budapest": "status: none; 76 Parties as of 2024-10",
    }


def test_measured_gaps_follows_the_focus_country():
    tables = small_tables()
    gaps = rec.measured_gaps(tables, "THA", khr_per_usd=4000)
    assert gaps.vague_in_force == "1 of 1 offence provisions in force rely on undefined broad terms"  # t1
    assert gaps.offence_articles_covered.startswith("1 of 10")  # t1 covers Art 5
    assert gaps.institutions == "1 provision(s) creating institutions coded"  # t2
    assert gaps.content_max_prison == "content offences carry up to 50 years' imprisonment"  # 600 months
    assert gaps.gci_position == "GCI 2018: position 1 of 3 ASEAN members scored"
    assert gaps.budapest == "status: not recorded; 76 Parties as of 2024-10"  # THA has no status


def test_measured_gaps_with_nothing_coded():
    gaps = rec.measured_gaps(empty_tables(), "KHM", khr_per_usd=4000)
    assert dataclasses.asdict(gaps) == {
        "vague_in_force": "no offence provision in force coded",
        "draft_silent_intent": "no draft offence provision with a coded intent element",
        "offence_articles_covered": "0 of 10 Convention offence articles have a counterpart; 0 with the Convention's qualifiers",
        "institutions": "0 provision(s) creating institutions coded",
        "procedural_powers": "0 procedural powers or data obligations coded; 0 correspond to Convention Arts 16-21, "
                             "whose Art. 15 safeguards no coded provision states",
        "content_max_prison": "no content-offence penalty coded",
        "gci_position": "no index score recorded",
        "budapest": "status: not recorded; no count of Parties recorded",
    }


def test_measured_gaps_with_all_missing_optional_columns():
    tables = small_tables()
    countries = tables["countries"].copy()
    countries["asean_member"] = pd.array([None] * len(countries), dtype="boolean")
    countries["budapest_status"] = pd.Categorical([None] * len(countries), categories=["party", "signatory", "invited", "none"])
    provisions = tables["provisions"].copy()
    for column in ["intent_required", "without_right", "dishonest_intent"]:
        provisions[column] = pd.array([None] * len(provisions), dtype="boolean")
    for column in ["prison_min_months", "prison_max_months", "fine_min", "fine_max"]:
        provisions[column] = pd.array([None] * len(provisions), dtype="Int64")
    gaps = rec.measured_gaps({**tables, "countries": countries, "provisions": provisions}, "KHM", khr_per_usd=4000)
    assert gaps.draft_silent_intent == "no draft offence provision with a coded intent element"
    # with every qualifier unknown, i2, d1 and d3 all count as covered: Arts 2, 3 and 4
    assert gaps.offence_articles_covered == (
        "3 of 10 Convention offence articles have a counterpart; 3 with the Convention's qualifiers"
    )
    assert gaps.content_max_prison == "no content-offence penalty coded"
    assert gaps.gci_position == "no index score recorded"  # no country is known to be in ASEAN
    assert gaps.budapest == "status: not recorded; 76 Parties as of 2024-10"


def test_measured_gaps_rejects_a_non_positive_rate():
    with pytest.raises(ValueError):
        rec.measured_gaps(small_tables(), "KHM", khr_per_usd=0)


# recommendation_table ---------------------------------------------------------------------------------------------


def test_every_recommendation_cites_a_measure_that_measured_gaps_computes():
    for tables in (small_tables(), empty_tables()):
        gaps = rec.measured_gaps(tables, "KHM", khr_per_usd=4000)
        keys = [key for _, key in rec.RECOMMENDATIONS]
        assert set(keys) <= set(dataclasses.asdict(gaps))
        assert len(set(keys)) == len(keys)


def test_recommendation_table_pairs_each_recommendation_with_its_measure():
    gaps = rec.measured_gaps(small_tables(), "KHM", khr_per_usd=4000)
    table = rec.recommendation_table(gaps)
    assert table.columns.tolist() == ["recommendation", "measure", "measured gap"]
    assert len(table) == len(rec.RECOMMENDATIONS) == 8
    assert table["recommendation"].tolist() == [text for text, _ in rec.RECOMMENDATIONS]
    row = table.set_index("measure").loc["gci_position"]
    assert row["measured gap"] == "GCI 2018: position 2 of 3 ASEAN members scored"
    assert row["recommendation"].startswith("Invest in security measures")
    row = table.set_index("measure").loc["draft_silent_intent"]
    assert row["measured gap"] == "1 of 2 draft offence provisions are silent on intent"
    assert "intent" in row["recommendation"]


def test_recommendation_table_needs_every_measure():
    gaps = rec.measured_gaps(small_tables(), "KHM", khr_per_usd=4000)
    with pytest.raises(AttributeError):
        rec.recommendation_table(SimpleNamespace(**{k: v for k, v in dataclasses.asdict(gaps).items() if k != "budapest"}))
