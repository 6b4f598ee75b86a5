"""Tests for research.analysis.provisions on small frames typed like research.data.load() output."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from typed_frames import typed

import research.data
from research.analysis import provisions as prov

C, W, N = prov.COVERED, prov.WITHOUT_QUALIFIERS, prov.NOT_COVERED


def provisions(*rows: dict) -> pd.DataFrame:
    """Provisions defaulting to a Cambodian offence in force; each row needs at least ``provision_id``."""
    defaults = {"country": "KHM", "instrument": "Criminal Code", "status": "in_force", "kind": "offence", "category": "cia"}
    return typed("provisions", *({**defaults, **row} for row in rows))


def convention(last_article: int = 21) -> pd.DataFrame:
    """Articles 1..last_article flagged as in ETS 185: Arts 2-9 require intent and "without right", Arts 10-11
    intent only, Arts 2, 3 and 7 let a Party require dishonest intent; the rest require nothing."""
    return typed(
        "convention",
        *(
            {
                "article": a,
                "requires_intent": 2 <= a <= 11,
                "requires_without_right": 2 <= a <= 9,
                "allows_dishonest_intent": a in (2, 3, 7),
            }
            for a in range(1, last_article + 1)
        ),
    )


def test_helper_builds_the_dtypes_that_load_returns(data_copy):
    real = research.data.load(data_copy, data_copy.parent / "references.bib", tables=["provisions", "convention"])
    assert provisions({"provision_id": "KHM-X2000"}).dtypes.to_dict() == real["provisions"].dtypes.to_dict()
    assert convention().dtypes.to_dict() == real["convention"].dtypes.to_dict()


# instruments, coverage_matrix, coverage_counts, articles_covered_by_any -------------------------------------------

ARTICLES = (2, 3, 4, 5, 10, 16)


def _two_instruments() -> pd.DataFrame:
    return provisions(
        # Code A
        {"provision_id": "a1", "instrument": "A", "convention_articles": "2", "intent_required": True, "without_right": True},
        {"provision_id": "a2", "instrument": "A", "convention_articles": "3", "intent_required": False, "without_right": True},
        # Code B: first appears here, between A's rows
        {"provision_id": "b1", "instrument": "B", "convention_articles": "2"},  # qualifiers unknown (NA)
        {"provision_id": "a3", "instrument": "A", "convention_articles": "10", "intent_required": True, "without_right": False},
        {"provision_id": "a4", "instrument": "A", "kind": "procedural_power", "convention_articles": "16;17"},
        {"provision_id": "b2", "instrument": "B", "convention_articles": "3", "intent_required": False, "without_right": True},
        {"provision_id": "b3", "instrument": "B", "convention_articles": "3", "intent_required": True, "without_right": True},
        {"provision_id": "b4", "instrument": "B", "convention_articles": "4", "intent_required": True, "without_right": False},
        {"provision_id": "b5", "instrument": "B", "convention_articles": "10", "intent_required": False, "without_right": True},
        {"provision_id": "b6", "instrument": "B", "convention_articles": None},
        # another country's instrument, also mapped to Art. 2
        {"provision_id": "t1", "country": "THA", "instrument": "T", "convention_articles": "2"},
    )


def test_instruments_in_order_of_first_appearance():
    frame = _two_instruments()
    assert prov.instruments(frame, "KHM") == ["A", "B"]
    assert prov.instruments(frame, "THA") == ["T"]
    assert prov.instruments(frame, "VNM") == []


def test_coverage_matrix_classifies_each_cell():
    matrix = prov.coverage_matrix(_two_instruments(), convention(), "KHM", articles=ARTICLES)
    expected = pd.DataFrame(
        {
            # A: Art 2 has both qualifiers; Art 3 drops intent; no Art 4/5 provision; Art 10 needs intent only, so
            # a known-False "without right" is no gap; procedural Art 16 requires no qualifier.
            "A": {2: C, 3: W, 4: N, 5: N, 10: C, 16: C},
            # B: Art 2 qualifiers unknown, which is not missing; Art 3 best of b2 (W) and b3 (C) is C; Art 4 drops
            # "without right"; Art 10 drops intent; nothing for Art 5 or 16.
            "B": {2: C, 3: C, 4: W, 5: N, 10: W, 16: N},
        }
    ).T
    expected.index.name, expected.columns.name = "instrument", "article"
    pd.testing.assert_frame_equal(matrix, expected)


def test_coverage_matrix_best_status_does_not_depend_on_row_order():
    rows = [
        {"provision_id": "x1", "convention_articles": "3", "intent_required": True, "without_right": True},
        {"provision_id": "x2", "convention_articles": "3", "intent_required": False, "without_right": False},
    ]
    for ordered in (rows, rows[::-1]):
        assert prov.coverage_matrix(provisions(*ordered), convention(), "KHM", articles=(3,)).loc["Criminal Code", 3] == C


def test_coverage_matrix_default_articles_and_unmapped_country():
    matrix = prov.coverage_matrix(_two_instruments(), convention(), "KHM")
    assert matrix.columns.tolist() == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21]
    assert matrix.loc["A", 17] == C  # a4 maps to "16;17"
    assert matrix.loc["B", 11] == N
    empty = prov.coverage_matrix(_two_instruments(), convention(), "VNM")
    assert empty.empty and empty.columns.tolist() == matrix.columns.tolist()


def test_coverage_counts_rows_sum_to_the_number_of_articles():
    matrix = prov.coverage_matrix(_two_instruments(), convention(), "KHM", articles=ARTICLES)
    counts = prov.coverage_counts(matrix)
    assert counts.columns.tolist() == prov.COVERAGE_LEVELS
    # From the expected matrix above: A = C at 2, 10, 16; W at 3; N at 4, 5.  B = C at 2, 3; W at 4, 10; N at 5, 16.
    assert counts.loc["A"].tolist() == [3, 1, 2]
    assert counts.loc["B"].tolist() == [2, 2, 2]
    assert (counts.sum(axis=1) == len(ARTICLES)).all()


def test_coverage_counts_fills_absent_levels_with_zero_and_handles_an_empty_matrix():
    matrix = pd.DataFrame({2: [N], 3: [N]}, index=pd.Index(["Only"], name="instrument"))
    assert prov.coverage_counts(matrix).loc["Only"].tolist() == [0, 0, 2]
    empty = prov.coverage_counts(pd.DataFrame(columns=[2, 3], dtype=object))
    assert empty.empty and empty.columns.tolist() == prov.COVERAGE_LEVELS


def test_articles_covered_by_any():
    matrix = prov.coverage_matrix(_two_instruments(), convention(), "KHM", articles=ARTICLES)
    assert prov.articles_covered_by_any(matrix) == [2, 3, 4, 10, 16]  # only Art 5 is N in both rows
    assert prov.articles_covered_by_any(prov.coverage_matrix(provisions(), convention(), "KHM")) == []


# qualifier_gaps ---------------------------------------------------------------------------------------------------


def test_qualifier_gaps_shares_leave_unknowns_out_of_the_denominator():
    frame = provisions(
        {"provision_id": "p1", "instrument": "A", "intent_required": True, "without_right": False, "vague_terms": "x"},
        {"provision_id": "p2", "instrument": "A", "intent_required": False},
        {"provision_id": "p3", "instrument": "A", "vague_terms": "y"},  # text not available
        {"provision_id": "p4", "instrument": "A", "kind": "procedural_power", "intent_required": False},  # not an offence
        {"provision_id": "p5", "instrument": "B"},
        {"provision_id": "p6", "instrument": "C", "kind": "general"},  # no offence at all: no row
        {"provision_id": "p7", "country": "THA", "instrument": "A", "intent_required": False},
    )
    gaps = prov.qualifier_gaps(frame, "KHM")
    assert gaps.index.tolist() == ["A", "B"]
    a = gaps.loc["A"]
    assert a["n_offences"] == 3  # p1, p2, p3
    assert a["silent_on_intent"] == pytest.approx(0.5)  # known: p1 True, p2 False
    assert a["silent_on_without_right"] == pytest.approx(1.0)  # known: p1 False
    assert a["vague_terms"] == pytest.approx(0.5)  # text known for p1, p2; p1 has vague terms
    b = gaps.loc["B"]
    assert b["n_offences"] == 1
    assert math.isnan(b["silent_on_intent"]) and math.isnan(b["silent_on_without_right"]) and math.isnan(b["vague_terms"])


def test_qualifier_gaps_empty():
    gaps = prov.qualifier_gaps(provisions(), "KHM")
    assert gaps.empty
    assert gaps.columns.tolist() == ["n_offences", "silent_on_intent", "silent_on_without_right", "vague_terms"]


# penalties --------------------------------------------------------------------------------------------------------


def _penalty_rows() -> pd.DataFrame:
    return provisions(
        {"provision_id": "o1", "article": "1", "category": "content_related", "prison_min_months": 12,
         "prison_max_months": 36, "fine_min": 400_000, "fine_max": 4_000_000, "fine_currency": "KHR"},
        {"provision_id": "o2", "article": "2", "fine_min": 50, "fine_max": 500, "fine_currency": "USD"},
        {"provision_id": "o3", "article": "3"},  # no penalty coded
        {"provision_id": "o4", "kind": "procedural_power", "prison_max_months": 24},  # not an offence
        {"provision_id": "o5", "country": "THA", "instrument": "Penal Code", "article": "5", "prison_max_months": 6},
        {"provision_id": "o6", "article": "6", "fine_max": 1000},  # currency not coded
    )


def test_penalties_converts_months_to_years_and_khr_to_usd():
    table = prov.penalties(_penalty_rows(), khr_per_usd=4000, country="KHM")
    assert table.columns.tolist() == [
        "provision_id", "instrument", "article", "category",
        "prison_min_years", "prison_max_years", "fine_min_usd", "fine_max_usd",
    ]
    assert table["provision_id"].tolist() == ["o1", "o2", "o6"]
    o1, o2, o6 = (table.iloc[i] for i in range(3))
    assert (o1["prison_min_years"], o1["prison_max_years"]) == (1.0, 3.0)  # 12 and 36 months
    assert (o1["fine_min_usd"], o1["fine_max_usd"]) == (100.0, 1000.0)  # 400,000 and 4,000,000 KHR / 4000
    assert o1["category"] == "content_related"
    assert (o2["fine_min_usd"], o2["fine_max_usd"]) == (50.0, 500.0)  # USD unchanged
    assert pd.isna(o2["prison_min_years"]) and pd.isna(o2["prison_max_years"])
    assert pd.isna(o6["fine_max_usd"])


def test_penalties_without_country_keeps_every_country():
    table = prov.penalties(_penalty_rows(), khr_per_usd=4000)
    assert table["provision_id"].tolist() == ["o1", "o2", "o5", "o6"]
    assert table.loc[2, "prison_max_years"] == 0.5  # 6 months


def test_penalties_rate_matters_only_for_khr():
    table = prov.penalties(_penalty_rows(), khr_per_usd=2000, country="KHM")
    assert table.loc[0, "fine_max_usd"] == 2000.0  # 4,000,000 / 2000
    assert table.loc[1, "fine_max_usd"] == 500.0


@pytest.mark.parametrize("rate", [0, -4000, float("nan"), None])
def test_penalties_rejects_a_non_positive_rate(rate):
    with pytest.raises(ValueError):
        prov.penalties(_penalty_rows(), khr_per_usd=rate)


def test_penalties_of_an_empty_frame():
    table = prov.penalties(provisions(), khr_per_usd=4000, country="KHM")
    assert table.empty and len(table.columns) == 8


# element_comparison -----------------------------------------------------------------------------------------------


def test_element_comparison_flags_known_omissions_of_what_the_convention_asks():
    frame = provisions(
        {"provision_id": "P", "intent_required": False, "without_right": True, "dishonest_intent": False},
        {"provision_id": "Q"},  # all unknown
    )
    table = prov.element_comparison(frame, convention(), "P", 3)
    assert table.columns.tolist() == ["element", "convention", "provision", "gap"]
    assert table["element"].tolist() == ["committed intentionally", 'committed "without right"', "dishonest intent"]
    # Art 3 requires intent and "without right" and lets a Party require dishonest intent.
    assert table["convention"].tolist() == ["required", "required", "a Party may require it"]
    assert table["provision"].tolist() == ["not required", "required", "not required"]
    # Intent is required but known to be absent: gap.  "Without right" is present: no gap.  The dishonest-intent
    # option is offered and known not to be taken: counted as a gap (as the docstring states).
    assert table["gap"].tolist() == [True, False, True]

    unknown = prov.element_comparison(frame, convention(), "Q", 3)
    assert unknown["provision"].tolist() == ["unknown (text not available)"] * 3
    assert unknown["gap"].tolist() == [False, False, False]


def test_element_comparison_no_gap_where_the_convention_does_not_ask():
    frame = provisions({"provision_id": "R", "intent_required": True, "without_right": False, "dishonest_intent": False})
    table = prov.element_comparison(frame, convention(), "R", 10)  # Art 10: intent only, no dishonest-intent option
    assert table["convention"].tolist() == ["required", "not required", "not provided for"]
    assert table["gap"].tolist() == [False, False, False]


# vague_term_counts ------------------------------------------------------------------------------------------------


def test_vague_term_counts_most_frequent_first_ties_by_name():
    frame = provisions(
        {"provision_id": "v1", "vague_terms": "public order;national security"},
        {"provision_id": "v2", "kind": "general", "vague_terms": "public order"},  # every kind counts
        {"provision_id": "v3", "vague_terms": "good custom"},
        {"provision_id": "v4"},
        {"provision_id": "v5", "country": "THA", "vague_terms": "public order"},
    )
    counts = prov.vague_term_counts(frame, "KHM")
    assert counts.index.tolist() == ["public order", "good custom", "national security"]
    assert counts.tolist() == [2, 1, 1]


def test_vague_term_counts_empty():
    assert prov.vague_term_counts(provisions({"provision_id": "v1"}), "KHM").empty
    assert prov.vague_term_counts(provisions(), "KHM").empty
