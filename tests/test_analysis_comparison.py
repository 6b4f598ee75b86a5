"""The regional comparison, the dates of the paper's regional points, the since-the-paper measures, the reliability
study and the sensitivity table, on hand-built frames (expected values counted by hand) and on the shipped data."""

from __future__ import annotations

import pandas as pd
import pytest
from typed_frames import typed

import research.data
from research.analysis import comparison as cmp
from research.analysis import levels as lv
from research.analysis import regional_measures as rm
from research.analysis import regional_points as points
from research.analysis import reliability as rel
from research.analysis import sensitivity as sens
from research.analysis.basis import Measure
from research.sections import regional_comparison as regional
from research.sections import since_the_paper


def row(pid, country, status="in_force", **fields):
    return {"provision_id": pid, "country": country, "instrument": f"Law {country}", "instrument_year": 2010,
            "status": status, "kind": "offence", "category": "cia", "text_basis": "full_text", "article": pid[-1],
            "summary": "s", "source": "s", "locator": "l", "basis": "primary", **fields}


PROVISIONS = typed("provisions",
                   row("K1", "KHM", convention_articles="2", without_right=False),
                   row("K2", "KHM", "draft", convention_articles="2", without_right=True),
                   row("S3", "SGP", convention_articles="2", intent_required=True, without_right=True),
                   row("S4", "SGP", convention_articles="3", intent_required=True, without_right=False))
COUNTRIES = typed("countries", *({"iso3": c, "name": n, "asean_member": True, "source": "s", "locator": "l",
                                  "basis": "paper"} for c, n in [("KHM", "Cambodia"), ("SGP", "Singapore")]))
ELEMENTS = typed("convention_elements", *({"article": a, "element": e, "label": e, "requirement": "mandatory",
                                           "field": f, "text": e, "source": "s", "locator": "l", "basis": "primary"}
                                          for a in (2, 3) for e, f in (("intentionally", "intent_required"),
                                                                       ("without_right", "without_right"))))
PENALTIES = typed("penalties", {"penalty_id": "pS3", "provisions": "S3", "tier": "basic", "prison_max_months": 24,
                                "fine_max": 5000, "fine_currency": "SGD", "source": "s", "locator": "l", "basis": "primary"})
# K1 and S4 also restrict their offence to some systems (a narrowing the Convention does not allow); their missing
# "without right" alone would leave them broader, never short.
NARROWED = typed("codings", *({"record_id": p, "field": "narrowing:sector", "value": "true", "quote": "q",
                               "source": "s", "locator": "l"} for p in ("K1", "S4")))
TABLES = {"provisions": PROVISIONS, "countries": COUNTRIES, "convention_elements": ELEMENTS, "codings": NARROWED,
          "convention": typed("convention", *({"article": a, "kind": "offence", "title": "t", "chapter": "II"} for a in (2, 3))),
          "general_rules": None, "penalties": PENALTIES}


def test_groups_split_the_focus_law_in_force_from_its_drafts():
    assert cmp.groups(TABLES, "KHM", "SGP") == [("Cambodia: law in force", "KHM", "law"),
                                                ("Cambodia: drafts", "KHM", "draft"), ("Singapore", "SGP", "law")]


def test_regional_coverage_takes_the_level_of_each_rows_law():
    table = cmp.regional_coverage(TABLES, "KHM", "SGP")
    # K1 is narrowed by sector (Art. 2: narrower); K2 has without right, intent unknown (not shown); S3 shows both
    # elements of Art. 2 (meets), S4 is narrowed for Art. 3 (narrower); Cambodia's law has nothing for Art. 3 (not coded)
    assert table.loc["Cambodia: law in force", 2] == lv.NARROWER
    assert table.loc["Cambodia: drafts", 2] == lv.NOT_SHOWN
    assert (table.loc["Singapore", 2], table.loc["Singapore", 3]) == (lv.MEETS, lv.NARROWER)
    assert table.loc["Cambodia: law in force", 3] == lv.NOT_CODED
    sentence = regional.regional_coverage_sentence(rm.coverage_counts(TABLES, "KHM", "SGP"))
    # the sentence covers the offence articles 2-11: ten, of which the frames code only Arts 2 and 3
    assert "Cambodia: drafts, 0 shown, at most 1 (not coded for 9)" in sentence
    assert "Singapore, 1 shown (narrower for 1; not coded for 8)" in sentence


def test_regional_qualifiers_count_required_of_shown():
    table = cmp.regional_qualifiers(TABLES, "KHM", "SGP").set_index("country")
    assert table.loc["Singapore", "intent required"] == "2 of 2 shown"
    assert table.loc["Singapore", '"without right" required'] == "1 of 2 shown"
    assert table.loc["Cambodia: law in force", "intent required"] == "none shown"


def test_regional_penalties_convert_with_the_rate_given():
    table = cmp.regional_penalties(TABLES, "KHM", "SGP", {"KHR": 4000, "SGD": 1.25})
    assert table["label"].tolist() == ["Singapore, Law SGP s 3"]
    assert table["fine_max_usd"].iloc[0] == 4000 and table["prison_max_years"].iloc[0] == 2
    assert regional.penalty_rows(table).iloc[0].tolist() == ["Singapore, Law SGP s 3", "up to 2", "up to US$4,000"]


def test_regional_findings_say_what_cannot_be_shown():
    found = regional.regional_findings(TABLES, "KHM", "SGP")
    assert found.n_comparator_offences == 2
    assert "1 of the 2 comparator offences carry no penalty" in found.regional_limits_sentence
    assert "both offence provisions of the comparators state an intent element" in found.regional_qualifier_sentence.lower()


def test_fact_dates_carry_their_row_and_read_in_prose_or_as_not_recorded():
    facts = typed("country_facts", {"iso3": "JPN", "indicator": "cybersecurity_law", "year": 2016, "date": "2016-04-22"},
                  {"iso3": "JPN", "indicator": "cybersecurity_law", "year": 2014, "date": "2014-11-12"},
                  {"iso3": "JPN", "indicator": "cert_established", "year": 1996})
    assert points.fact_date(facts, "JPN", "cybersecurity_law") == Measure(
        "2014-11-12", ("country_facts:JPN/cybersecurity_law/2014-11-12",))
    assert points.fact_date(facts, "JPN", "cybersecurity_law", 1).value == "2016-04-22"
    assert points.fact_date(facts, "JPN", "cert_established") == Measure("1996", ("country_facts:JPN/cert_established/1996",))
    assert points.fact_date(facts, "JPN", "strategy") == Measure(None, ())
    provisions = typed("provisions", {"provision_id": points.CHN_CSL, "valid_from": "2017-06-01"})
    dates = regional.regional_dates(facts, provisions)
    assert (dates.jpn_basic_act_date, dates.jpn_basic_act_amended, dates.jpcert_founded) == (
        "12 November 2014", "22 April 2016", "1996")
    assert dates.jpn_strategy_date == regional.NOT_RECORDED and dates.chn_csl_in_force == "1 June 2017"
    assert dates.basis.rows["chn_csl_in_force"] == (f"provisions:{points.CHN_CSL}#valid_from",)
    assert dates.basis.rows["jpn_strategy_date"] == ()


@pytest.fixture(scope="module")
def shipped():
    return research.data.load()


def test_every_disagreement_of_the_two_codings_is_settled_in_the_decision_log(shipped):
    assert rel.unsettled(shipped).empty
    first, second = rel.codings(shipped)
    # the final data hold the kept coding: where the second was kept, the final value is the second coder's
    final = rel.final_coding(shipped)
    for _, d in shipped["decisions"].iterrows():
        kept = d["second_value"] if d["kept"] == "second" else d["first_value"]
        assert (final.at[d["provision_id"], d["field"]] or "empty") == kept


def test_agreement_and_kappa_on_a_hand_made_pair():
    first = pd.DataFrame({"intent_required": ["true", "true", "false", "empty"], "without_right": ["true"] * 4,
                          "dishonest_intent": ["false"] * 4, "vague_terms": ["a", "", "", ""]}, index=list("abcd"))
    second = first.assign(intent_required=["true", "false", "false", "empty"], vague_terms=["b", "", "", "x"])
    table = rel.agreement(first, second).set_index("variable")
    assert table.loc["intent_required", "agreed"] == 3 and table.loc["intent_required", "percent agreement"] == 75
    # kappa by hand: p_o = 3/4; marginals true 2/4 & 1/4, false 1/4 & 2/4, empty 1/4 & 1/4 -> p_e = 5/16
    assert table.loc["intent_required", "kappa"] == pytest.approx((0.75 - 5 / 16) / (1 - 5 / 16))
    assert pd.isna(table.loc["without_right", "kappa"])  # one category throughout: undefined
    assert table.loc["vague_terms", "agreed"] == 3  # "a" and "b" both rely on a term; "x" against none does not


def test_since_compares_the_paper_date_with_the_latest_row(shipped):
    table = since_the_paper.since_table(shipped, "KHM")
    assert table.columns.tolist()[1] == "on 30 June 2019"
    latest = since_the_paper.since_the_paper(shipped, "KHM")
    assert latest.paper_date_text == "30 June 2019" and latest.data_date_text != latest.paper_date_text
    new = since_the_paper.new_instruments(shipped, "KHM")
    assert "Law on Electronic Commerce" in set(new["instrument"]) and "Criminal Code" not in set(new["instrument"])


def test_sensitivity_varies_only_what_the_choices_touch(shipped):
    table = sens.sensitivity_table(shipped, "KHM", 4000).set_index("measure")
    assert len(set(table.loc["heaviest penalty in force"])) == 1  # penalties are not coded twice
    intent = table.loc["Cambodian offences requiring intent"]
    assert intent["general rules not applied"] != intent["general rules applied to every offence of the country"]


def test_reliability_compares_the_new_variables_over_the_cells_each_applies_to():
    provs = typed("provisions",
                  row("O1", "CHN", convention_articles="2"),
                  {**row("P1", "JPN", convention_articles="16"), "kind": "procedural_power", "category": "procedural",
                   "independent_supervision": True})
    first_cells = typed("codings", *({"record_id": r, "field": "intent_required", "value": v, "quote": "q", "source": "s",
                                      "locator": "l", "basis": "primary"} for r, v in
                                     (("O1", "true"), ("P1", "prosecutor"))))
    first_cells = first_cells.assign(field=pd.array(["narrowing:sector", "ordered_by"], dtype="string"))
    second = typed("coding_second", *({"provision_id": p, "field": "intent_required", "value": v, "quote": "q",
                                       "source": "s", "locator": "l", "basis": "primary"}
                                      for p, v in (("O1", "true"), ("P1", "judge"), ("P1", "true"))))
    second = second.assign(field=pd.array(["narrowing:sector", "ordered_by", "grounds_required"], dtype="string"))
    tables = {"provisions": provs, "codings": first_cells, "coding_second": second, "decisions": typed("decisions")}
    first, theirs = rel.codings(tables)
    table = rel.agreement(first, theirs).set_index("variable")
    # narrowing: one offence cell, agreed; ordered_by: one power cell, prosecutor against judge; grounds: the power
    # has none in the first coding (empty) against true in the second
    assert table.loc["narrowing:sector", ["items", "agreed"]].tolist() == [1, 1]
    assert table.loc["ordered_by", ["items", "agreed"]].tolist() == [1, 0]
    assert table.loc["grounds_required", ["items", "agreed"]].tolist() == [1, 0]
    # the four original variables still cover every item
    assert table.loc["intent_required", "items"] == 2
    found = rel.disagreements(first, theirs)
    assert set(zip(found["provision_id"], found["field"])) >= {("P1", "ordered_by"), ("P1", "grounds_required")}


def test_the_second_coding_variant_uses_the_second_coders_restrictions_and_elements():
    provs = typed("provisions", row("O1", "CHN", convention_articles="2"))
    first_cells = typed("codings", {"record_id": "O1", "field": "intent_required", "value": "false", "quote": "q",
                                    "source": "s", "locator": "l", "basis": "primary"})
    first_cells = first_cells.assign(field=pd.array(["narrowing:sector"], dtype="string"))
    second = typed("coding_second", {"provision_id": "O1", "field": "intent_required", "value": "true", "quote": "q2",
                                     "source": "s", "locator": "l", "basis": "primary"})
    second = second.assign(field=pd.array(["narrowing:sector"], dtype="string"))
    tables = {"provisions": provs, "codings": first_cells, "coding_second": second, "decisions": typed("decisions")}
    varied, _ = sens.variant_tables(tables, "the second coding")
    cells = varied["codings"]
    assert cells[["record_id", "field", "value"]].astype(str).values.tolist() == [["O1", "narrowing:sector", "true"]]
