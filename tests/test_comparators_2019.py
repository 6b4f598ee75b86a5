"""Each comparator's law as it stood on 30 June 2019: the coded quotation holds the statute's words and the row
carries the 2019 article number; superseded texts are history.

The words and numbers below were read by hand in the stored statutes (Japan's e-Gov texts, China's Criminal Law,
Singapore's Computer Misuse Act in its 2007 Revised Edition numbering) and are written here, not taken from the code.
"""

from __future__ import annotations

import csv

import pytest

from research import paths

EDITION = "2019-06-30"


def _rows(name: str) -> list[dict]:
    with open(paths.DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


PROVISIONS = {r["provision_id"]: r for r in _rows("provisions.csv")}
CODINGS = _rows("codings.csv")


def _cells(record: str, field: str) -> list[dict]:
    return [c for c in CODINGS if c["record_id"] == record and c["field"] == field]


def _law_on(row: dict, day: str) -> bool:
    # The interface's rule, by dates alone: valid_from <= day <= valid_to (a year stands for its whole span).
    start = row["valid_from"] or row["instrument_year"]
    end = row["valid_to"]
    if end and len(end) == 4:
        end += "-12-31"
    return row["status"] != "draft" and start[: len(day)] <= day and (not end or day <= end)


# (provision, 2019 article, field, value, words of the statute that must be in the quotation)
WORDS = [
    ("JPN-UCAA2013-3", "3", "without_right", "true", "承諾を得てするものを除く"),
    ("JPN-UCAA2013-4", "4", "intent_required", "true", "目的で"),
    ("JPN-UCAA2013-5", "5", "without_right", "true", "業務その他正当な理由による場合を除いては"),
    ("JPN-PC1907-168-2", "168-2", "without_right", "true", "正当な理由がないのに"),
    ("JPN-PC1907-234-2", "234-2", "narrowing:result", "true", "人の業務を妨害した"),
    ("JPN-PC1907-246-2", "246-2", "dishonest_intent", "true", "財産上不法の利益を得"),
    ("JPN-CCP1948-197", "197(3)-(5)", "scope_duration_limited", "true", "三十日を超えない"),
    ("JPN-CCP1948-218", "218", "ordered_by", "judge", "裁判官の発する令状"),
    ("CHN-CL1997-285p1", "285(1)", "narrowing:sector", "true", "国家事务、国防建设、尖端科学技术领域"),
    ("CHN-CL1997-285p2", "285(2)", "narrowing:threshold", "true", "情节严重"),
    ("CHN-CL1997-285p2", "285(2)", "narrowing:result", "true", "实施非法控制"),
    ("CHN-CL1997-286p3", "286(3)", "intent_required", "true", "故意"),
    ("CHN-CL1997-217", "217", "narrowing:threshold", "true", "违法所得数额较大"),
    ("SGP-CMA2007-3", "3", "intent_required", "true", "knowingly causes a computer to perform any function"),
    ("SGP-CMA2007-7", "7", "without_right", "true", "without authority or lawful excuse"),
    ("SGP-CMA2007-8", "8", "dishonest_intent", "true", "for any wrongful gain"),
    ("SGP-CMA2007-8B", "8B", "element:password_access_code", "true", "a password, an access code"),
]


@pytest.mark.parametrize(("record", "article", "field", "value", "words"), WORDS, ids=[f"{w[0]}:{w[2]}" for w in WORDS])
def test_coded_quote_holds_the_statutes_words_under_its_2019_number(record, article, field, value, words):
    row = PROVISIONS[record]
    assert row["article"] == article
    assert _law_on(row, EDITION), f"{record} is not the law of {EDITION}"
    cells = [c for c in _cells(record, field) if c["value"] == value]
    assert cells, f"no {field} = {value} cell for {record}"
    assert any(words in c["quote"] for c in cells)


@pytest.mark.parametrize(("old", "new"), [
    ("JPN-UCAA1999-3", "JPN-UCAA2013-3"), ("JPN-UCAA1999-4", "JPN-UCAA2013-5"),
    ("SGP-CMA1993-6A", "SGP-CMA2007-7"), ("SGP-CMA1993-6B", "SGP-CMA2007-8"), ("SGP-CMA1993-3", "SGP-CMA2007-3"),
    ("CHN-CL1997-217", "CHN-CL2020-217"),
])
def test_a_superseded_text_is_history_and_names_its_successor(old, new):
    assert PROVISIONS[old]["superseded_by"] == new
    assert PROVISIONS[old]["status"] in ("amended", "repealed")
    assert PROVISIONS[old]["valid_to"]
    assert PROVISIONS[new]["status"] == "in_force" and PROVISIONS[new]["valid_to"] == ""


def test_the_edition_date_picks_the_2019_text_not_the_earlier_or_later_one():
    assert not _law_on(PROVISIONS["JPN-UCAA1999-3"], EDITION)
    assert not _law_on(PROVISIONS["SGP-CMA1993-6A"], EDITION)
    # China's copyright articles: the pre-2021 wording is the law of 2019, the 2021 wording is not (and vice versa)
    assert _law_on(PROVISIONS["CHN-CL1997-217"], EDITION) and not _law_on(PROVISIONS["CHN-CL2020-217"], EDITION)
    assert _law_on(PROVISIONS["CHN-CL2020-217"], "2026-01-01") and not _law_on(PROVISIONS["CHN-CL1997-217"], "2026-01-01")


def test_singapore_rows_read_in_earlier_wording_say_so():
    for record in ("SGP-CMA2007-6", "SGP-CMA2007-7", "SGP-CMA2007-8", "SGP-CMA2007-10"):
        assert "not read" in PROVISIONS[record]["locator"] and "upper bound" in PROVISIONS[record]["locator"]


def test_japan_intent_is_its_penal_codes_general_rule_with_country_scope():
    rules = {r["rule_id"]: r for r in _rows("general_rules.csv")}
    rule = rules["JPN-PC1907-38"]
    assert (rule["rule"], rule["scope"]) == ("intent_default", "country")
    assert "罪を犯す意思がない行為は、罰しない" in rule["quote"]
    assert "他の法令の罪についても、適用する" in rule["locator"]  # Art. 8, which gives it that scope
    # the Act's silence is not coded as "no intent"
    assert _cells("JPN-UCAA2013-3", "intent_required") == []


def test_cambodian_ambiguity_is_not_coded_as_absence():
    assert _cells("KHM-CC2009-427", "intent_required") == []
    assert _cells("KHM-CC2009-427", "without_right") == []
    assert _cells("KHM-CC2009-427", "vague_terms") == []  # "having access" is the conduct, not a vague term
    assert _cells("KHM-TEL2015-76", "grounds_required") == []  # the trigger the paper calls unclear
    assert [c["value"] for c in _cells("KHM-TEL2015-76", "ordered_by")] == ["prosecutor"]
    assert "prosecutor" in {c["value"] for c in _cells("KHM-DRAFT2014-17", "ordered_by")}
    assert _cells("KHM-DRAFT2014-24", "intent_required") == []  # the AIC speaks of "Most of the criminal offenses"


def test_treaty_status_is_kept_by_legal_act():
    facts = {(r["iso3"], r["indicator"]): r for r in _rows("country_facts.csv")}
    assert facts[("JPN", "budapest_acceptance")]["date"] == "2012-07-03"
    assert ("JPN", "budapest_ratification") not in facts
    assert facts[("LKA", "budapest_accession")]["date"] == "2015-05-29"
    assert ("LKA", "budapest_ratification") not in facts
    assert facts[("PHL", "budapest_accession")]["year"] == "2018"
    assert facts[("PHL", "budapest_in_force")]["date"] == "2018-07-01"


def test_japans_declarations_are_the_options_it_took():
    options = {(r["article"], r["option"]): r["taken"] for r in _rows("party_options.csv") if r["country"] == "JPN"}
    assert options[("2", "security_measures")] == "true"
    assert options[("2", "connected_system")] == "true"
    assert options[("3", "connected_system")] == "true"
    assert options[("6", "reservation_para1")] == "true"
