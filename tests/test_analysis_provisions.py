"""Tests for the coverage matrix, element comparison, general-rule variants, qualifiers and penalties, on hand-built
frames typed like research.data.load() output; every expected value is worked out by hand from the rows below."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from typed_frames import typed

import research.data
from research.analysis import elements as el
from research.analysis import levels as lv
from research.analysis import penalties as pen
from research.analysis import provisions as prov

M, NS, NAMED, NW, NC = lv.MEETS, lv.NOT_SHOWN, lv.NAMED_ONLY, lv.NARROWER, lv.NOT_CODED


def provisions(*rows: dict) -> pd.DataFrame:
    """Provisions defaulting to a Cambodian offence in force whose text is quoted; each row needs ``provision_id``."""
    defaults = {"country": "KHM", "instrument": "Criminal Code", "status": "in_force", "kind": "offence",
                "category": "cia", "text_basis": "quoted"}
    return typed("provisions", *({**defaults, **row} for row in rows))


def elements() -> pd.DataFrame:
    """Art. 2: intent and without right mandatory, dishonest intent optional; Art. 3: intent mandatory, technical
    means mandatory (coded in codings), connected system optional; Art. 16: a power element."""
    rows = [(2, "intentionally", "mandatory", "intent_required"), (2, "without_right", "mandatory", "without_right"),
            (2, "dishonest_intent", "optional", "dishonest_intent"), (3, "intentionally", "mandatory", "intent_required"),
            (3, "technical_means", "mandatory", None), (3, "connected_system", "optional", None),
            (16, "preservation", "mandatory", None)]
    return typed("convention_elements", *({"article": a, "element": e, "label": e, "requirement": r, "field": f,
                                          "text": e, "source": "coe2001convention", "locator": f"Art. {a}",
                                          "basis": "primary"} for a, e, r, f in rows))


def convention() -> pd.DataFrame:
    kinds = {2: "offence", 3: "offence", 16: "procedural_power"}
    return typed("convention", *({"article": a, "kind": k, "title": "t", "chapter": "II"} for a, k in kinds.items()))


def codings(*rows) -> pd.DataFrame:
    return typed("codings", *({"record_id": r, "field": f, "value": v, "quote": "q", "source": "s", "locator": "l"}
                              for r, f, v in rows))


def rules(instrument="Criminal Code") -> pd.DataFrame:
    return typed("general_rules", {"rule_id": "r", "country": "KHM", "instrument": instrument, "article": "5",
                                   "rule": "intent_default", "quote": "q", "source": "s", "locator": "l", "basis": "primary"})


def tables(provs, cods=None, general=None) -> dict:
    return {"provisions": provs, "codings": cods if cods is not None else codings(), "convention": convention(),
            "convention_elements": elements(), "general_rules": general}


def test_helpers_build_the_dtypes_that_load_returns(data_copy):
    real = research.data.load(data_copy, data_copy.parent / "references.bib")
    built = {"provisions": provisions({"provision_id": "x"}), "convention_elements": elements(), "codings": codings(),
             "general_rules": rules(), "convention": convention()}
    for name, frame in built.items():
        assert frame.dtypes.to_dict() == real[name].dtypes.to_dict(), name


# element comparison --------------------------------------------------------------------------------------------

def test_an_optional_element_not_used_is_broader_never_a_shortfall():
    row = provisions({"provision_id": "p", "convention_articles": "2", "intent_required": True,
                      "without_right": True, "dishonest_intent": False}).iloc[0]
    table = el.comparison(row, 2, elements(), codings())
    assert dict(zip(table["element"], table["assessment"])) == {
        "intentionally": el.MEETS, "without_right": el.MEETS, "dishonest_intent": el.BROADER}
    assert el.SHORTFALL not in set(table["assessment"])


@pytest.mark.parametrize("value", [True, False, None])
def test_an_optional_element_never_counts_as_a_shortfall_whatever_its_value(value):
    row = provisions({"provision_id": "p", "dishonest_intent": value}).iloc[0]
    assessed = el.comparison(row, 2, elements(), codings()).set_index("element").loc["dishonest_intent", "assessment"]
    assert assessed != el.SHORTFALL
    assert assessed == {True: el.USES_OPTION, False: el.BROADER, None: el.UNKNOWN}[value]


def test_a_missing_mandatory_element_is_a_shortfall_and_an_unknown_one_is_not():
    row = provisions({"provision_id": "p", "intent_required": None, "without_right": False}).iloc[0]
    table = el.comparison(row, 2, elements(), codings())
    assert list(table.loc[table["assessment"] == el.SHORTFALL, "label"]) == ["without_right"]


def test_elements_without_a_column_are_read_from_codings():
    row = provisions({"provision_id": "p", "intent_required": True}).iloc[0]
    cods = codings(("p", "element:technical_means", "true"), ("p", "element:connected_system", "false"))
    table = el.comparison(row, 3, elements(), cods).set_index("element")["assessment"].to_dict()
    assert table == {"intentionally": el.MEETS, "technical_means": el.MEETS, "connected_system": el.BROADER}


# general-part rule variants ------------------------------------------------------------------------------------

def test_general_rule_variants():
    provs = provisions({"provision_id": "cc", "intent_required": None},
                       {"provision_id": "d", "instrument": "Draft", "intent_required": None},
                       {"provision_id": "g", "kind": "general", "category": "general"})
    assert el.effective_intent(provs, rules(), el.NOT_APPLIED).to_dict() == {"cc": None, "d": None, "g": None}
    assert el.effective_intent(provs, rules(), el.OWN_INSTRUMENT).to_dict() == {"cc": True, "d": None, "g": None}
    assert el.effective_intent(provs, rules(), el.EVERY_OFFENCE).to_dict() == {"cc": True, "d": True, "g": None}
    # without a scope column a rule reaches its own instrument, as the codebook's default says
    assert el.effective_intent(provs, rules(), el.AS_SCOPED).to_dict() == {"cc": True, "d": None, "g": None}
    with pytest.raises(ValueError):
        el.effective_intent(provs, rules(), "sometimes")


def test_a_general_rule_completes_an_article_whose_text_states_no_intent():
    provs = provisions({"provision_id": "cc", "intent_required": False})
    assert el.effective_intent(provs, rules(), el.NOT_APPLIED).to_dict() == {"cc": False}
    for variant in (el.AS_SCOPED, el.OWN_INSTRUMENT, el.EVERY_OFFENCE):
        assert el.effective_intent(provs, rules(), variant).to_dict() == {"cc": True}


def test_the_general_rule_changes_a_coverage_cell():
    provs = provisions({"provision_id": "a", "convention_articles": "2", "intent_required": None, "without_right": True})
    assert prov.coverage_matrix(tables(provs), "KHM", (2,), el.NOT_APPLIED).iat[0, 0] == NS
    assert prov.coverage_matrix(tables(provs, general=rules()), "KHM", (2,)).iat[0, 0] == M


# coverage matrix -----------------------------------------------------------------------------------------------

def test_coverage_levels_of_offence_articles():
    provs = provisions(
        {"provision_id": "a", "instrument": "A", "convention_articles": "2"},
        {"provision_id": "b", "instrument": "B", "convention_articles": "2;3"},
        {"provision_id": "c", "instrument": "C", "convention_articles": "2", "text_basis": "heading"},
    )
    matrix = prov.coverage_matrix(tables(provs, codings(("a", "narrowing:sector", "true"))), "KHM", (2, 3, 16))
    # A restricts the offence to some systems (narrower); B's text shows neither (not shown); C is a heading
    assert matrix.to_dict(orient="index") == {"A": {2: NW, 3: NC, 16: NC}, "B": {2: NS, 3: NS, 16: NC},
                                              "C": {2: NAMED, 3: NC, 16: NC}}


def test_one_provision_showing_every_element_is_enough_and_row_order_does_not_matter():
    rows = [{"provision_id": "a", "convention_articles": "2", "without_right": False},
            {"provision_id": "b", "convention_articles": "2", "without_right": True, "intent_required": True}]
    for order in (rows, rows[::-1]):
        assert prov.coverage_matrix(tables(provisions(*order)), "KHM", (2,)).iat[0, 0] == M


@pytest.mark.parametrize("shown", [0, 1, 2, 3])
def test_a_procedural_power_without_all_safeguards_shown_is_not_shown(shown):
    safeguards = dict.fromkeys(prov.SAFEGUARDS[:shown], True) | dict.fromkeys(prov.SAFEGUARDS[shown:], None)
    provs = provisions({"provision_id": "p", "kind": "procedural_power", "category": "procedural",
                        "convention_articles": "16", **safeguards})
    assert prov.coverage_matrix(tables(provs), "KHM", (16,)).iat[0, 0] == NS


def test_a_procedural_power_with_all_four_safeguards_meets_and_one_false_does_not():
    full = dict.fromkeys(prov.SAFEGUARDS, True)
    provs = provisions({"provision_id": "p", "kind": "procedural_power", "category": "procedural",
                        "convention_articles": "16", **full})
    assert prov.coverage_matrix(tables(provs), "KHM", (16,)).iat[0, 0] == M
    provs = provisions({"provision_id": "p", "kind": "procedural_power", "category": "procedural",
                        "convention_articles": "16", **full, "proportionality": False})
    assert prov.coverage_matrix(tables(provs), "KHM", (16,)).iat[0, 0] == NS


def test_articles_covered_by_any():
    provs = provisions({"provision_id": "a", "instrument": "A", "convention_articles": "2"},
                       {"provision_id": "b", "instrument": "B", "convention_articles": "3", "text_basis": "heading"})
    matrix = prov.coverage_matrix(tables(provs, codings(("a", "narrowing:result", "true"))), "KHM", (2, 3, 16))
    assert matrix.loc["A"].tolist() == [NW, NC, NC] and matrix.loc["B"].tolist() == [NC, NAMED, NC]
    assert prov.articles_covered_by_any(matrix) == [2]
    assert list(prov.coverage_table(matrix).columns) == ["instrument", "Art. 2", "Art. 3", "Art. 16"]


def test_coverage_matrix_of_a_country_without_provisions_is_empty():
    matrix = prov.coverage_matrix(tables(provisions({"provision_id": "a"})), "VNM", (2,))
    assert matrix.empty and list(matrix.columns) == [2]


# qualifiers ----------------------------------------------------------------------------------------------------

def test_qualifier_table_counts_required_absent_and_unknown():
    provs = provisions({"provision_id": "a", "intent_required": True, "without_right": False, "vague_terms": "x"},
                       {"provision_id": "b", "dishonest_intent": False},
                       {"provision_id": "c", "kind": "general", "category": "general"})
    row = prov.qualifier_table(provs, None, "KHM").loc["Criminal Code"].to_dict()
    assert row == {"n_offences": 2, "intent_required": 1, "intent_absent": 0, "intent_unknown": 1,
                   "without_right_required": 0, "without_right_absent": 1, "without_right_unknown": 1,
                   "dishonest_intent_required": 0, "dishonest_intent_absent": 1, "dishonest_intent_unknown": 1,
                   "with_vague_terms": 1}
    assert prov.qualifier_table(provs, rules(), "KHM").loc["Criminal Code", "intent_required"] == 2


# penalties -----------------------------------------------------------------------------------------------------

def penalties(*rows: dict) -> pd.DataFrame:
    return typed("penalties", *({"tier": "basic", "source": "s", "locator": "l", "basis": "paper", **r} for r in rows))


def test_a_group_penalty_is_one_row_labelled_as_a_group_and_converted():
    provs = provisions({"provision_id": "d21", "instrument": "Draft", "article": "21", "status": "draft"},
                       {"provision_id": "d22", "instrument": "Draft", "article": "22", "status": "draft"},
                       {"provision_id": "t80", "instrument": "Telecom", "article": "80"})
    pens = penalties({"penalty_id": "g", "provisions": "d21;d22", "prison_min_months": 6, "prison_max_months": 180,
                      "fine_min": 1_000_000, "fine_max": 24_000_000, "fine_currency": "KHR"},
                     {"penalty_id": "t", "provisions": "t80", "prison_max_months": 24, "fine_max": 500,
                      "fine_currency": "USD"})
    table = pen.penalty_table({"provisions": provs, "penalties": pens}, 4000)
    g, t = table.iloc[0], table.iloc[1]
    assert (g["label"], bool(g["group"]), g["prison_min_years"], g["prison_max_years"]) == ("Draft Arts 21-22 (group range)", True, 0.5, 15)
    assert (g["fine_min_usd"], g["fine_max_usd"]) == (250, 6000)
    assert (t["label"], bool(t["maximum_only"]), t["fine_max_usd"]) == ("Telecom Art. 80", True, 500)
    heavy = pen.heaviest_penalty({"provisions": provs, "penalties": pens}, "KHM", 4000)
    assert (heavy.max_prison_years, heavy.max_prison_instrument, heavy.max_fine_usd) == (2.0, "Telecom", 500.0)


@pytest.mark.parametrize("rate", [0, -4000, math.nan, None])
def test_penalties_reject_a_non_positive_rate(rate):
    with pytest.raises(ValueError, match="khr_per_usd"):
        pen.usd_rates(rate)


def test_a_currency_without_a_rate_has_no_dollar_value():
    provs = provisions({"provision_id": "s3", "country": "SGP", "instrument": "CMA", "article": "3"})
    pens = penalties({"penalty_id": "p", "provisions": "s3", "fine_max": 5000, "fine_currency": "SGD"})
    table = pen.penalty_table({"provisions": provs, "penalties": pens}, 4000)
    assert pd.isna(table.iloc[0]["fine_max_usd"])
    assert pen.penalty_table({"provisions": provs, "penalties": pens}, 4000, other_rates={"SGD": 1.25}).iloc[0]["fine_max_usd"] == 4000


def test_a_duty_without_a_known_penalty_does_not_cover_an_offence_article():
    provs = provisions({"provision_id": "o", "kind": "obligation", "category": "general", "convention_articles": "2"},
                       {"provision_id": "p", "kind": "procedural_power", "category": "procedural", "convention_articles": "2"})
    assert prov.coverage_matrix(tables(provs), "KHM", (2,)).iat[0, 0] == NC
