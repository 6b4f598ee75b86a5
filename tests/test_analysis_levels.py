"""Tests of the coverage rule (research.analysis.levels) on hand-made provisions: each expected level is read from the
words of the codebook's "Comparison with the Convention" and "Coverage levels" sections, not from the code."""

from __future__ import annotations

import csv

import pandas as pd
from typed_frames import typed

import research.data
from research import paths
from research.analysis import asof
from research.analysis import comparison as cmp
from research.analysis import elements as el
from research.analysis import levels as lv
from research.analysis import provisions as prov

# The codebook's restricting elements, written out from its words (not imported from the code under test).
LIMITS = {(3, "non_public"), (3, "technical_means"), (5, "serious_hindering")}


def elements() -> pd.DataFrame:
    """Art. 2: intent, access (coded in codings), without right (mandatory); security measures, dishonest intent
    (optional). Art. 3: interception (mandatory), non-public (mandatory, a restriction). Art. 4: the acts (mandatory),
    serious harm (a reservation, Art. 4(2)). Art. 5: intent, serious hindering (mandatory, a restriction)."""
    rows = [(2, "intentionally", "mandatory", "intent_required", "Art. 2"), (2, "access", "mandatory", None, "Art. 2"),
            (2, "without_right", "mandatory", "without_right", "Art. 2"),
            (2, "security_measures", "optional", None, "Art. 2"),
            (2, "dishonest_intent", "optional", "dishonest_intent", "Art. 2"),
            (3, "interception", "mandatory", None, "Art. 3"), (3, "non_public", "mandatory", None, "Art. 3"),
            (4, "data_interference_acts", "mandatory", None, "Art. 4(1)"),
            (4, "serious_harm", "reservation", None, "Art. 4(2)"),
            (5, "intentionally", "mandatory", "intent_required", "Art. 5"),
            (5, "serious_hindering", "mandatory", None, "Art. 5")]
    return typed("convention_elements", *({"article": a, "element": e, "label": e, "requirement": r, "field": f,
                                          "text": e, "source": "coe2001convention", "locator": loc,
                                          "basis": "primary"} for a, e, r, f, loc in rows))


def convention() -> pd.DataFrame:
    kinds = {2: "offence", 3: "offence", 4: "offence", 5: "offence", 16: "procedural_power"}
    return typed("convention", *({"article": a, "kind": k, "title": "t", "chapter": "II"} for a, k in kinds.items()))


def provisions(*rows: dict) -> pd.DataFrame:
    defaults = {"country": "CHN", "instrument": "Criminal Law", "status": "in_force", "kind": "offence",
                "category": "cia", "text_basis": "full_text"}
    return typed("provisions", *({**defaults, **row} for row in rows))


def codings(*rows) -> pd.DataFrame:
    return typed("codings", *({"record_id": r, "field": f, "value": v, "quote": q, "source": "s", "locator": "l"}
                              for r, f, v, q in rows))


def countries(party: str | None = None) -> pd.DataFrame:
    return typed("countries", *({"iso3": c, "name": c, "budapest_status": "party" if c == party else "none"}
                                for c in ("CHN", "JPN", "SGP", "KHM")))


def options(*rows) -> pd.DataFrame:
    return pd.DataFrame([{"country": c, "article": a, "option": o, "taken": t, "quote": "q", "source": "s",
                          "locator": "l", "basis": "primary"} for c, a, o, t in rows],
                        columns=["country", "article", "option", "taken", "quote", "source", "locator", "basis"])


def tables(provs, cods=None, party=None, taken=None, searches=None, rules=None) -> dict:
    out = {"provisions": provs, "codings": cods if cods is not None else codings(), "convention": convention(),
           "convention_elements": elements(), "countries": countries(party), "general_rules": rules}
    if taken is not None:
        out["party_options"] = taken
    if searches is not None:
        out["law_searches"] = searches
    return out


def level(provs, article, **kwargs) -> str:
    return prov.coverage_matrix(tables(provs, **kwargs), str(provs["country"].iloc[0]), (article,), by="country").iat[0, 0]


ACCESS = ("p", "element:access", "true", "operating")
FULL = {"provision_id": "p", "convention_articles": "2", "intent_required": True, "without_right": True}


# each level, from the words of the rule -----------------------------------------------------------------------

def test_meets_every_mandatory_element_shown_in_the_text_read():
    assert level(provisions(FULL), 2, cods=codings(ACCESS)) == lv.MEETS


def test_not_shown_text_read_and_some_mandatory_element_unknown():
    # the access element is not coded: unknown, which never counts as met
    assert level(provisions(FULL), 2) == lv.NOT_SHOWN


def test_named_only_a_provision_known_by_its_heading():
    assert level(provisions({**FULL, "text_basis": "heading"}), 2, cods=codings(ACCESS)) == lv.NAMED_ONLY


def test_narrower_a_mandatory_element_shown_missing():
    assert level(provisions(FULL), 2, cods=codings(("p", "element:access", "false", "operating"))) == lv.NARROWER


def test_no_intent_or_without_right_requirement_is_broader_not_narrower():
    # an offence shown to need no intent, or no "without right", reaches unintentional or authorised conduct too:
    # more than the article's minimum (over-broad, perhaps), never short of it
    for missing in ("intent_required", "without_right"):
        provs = provisions({**FULL, missing: False})
        intent = missing != "intent_required"  # the intent element after general rules: what the row says
        found = lv.provision_level(provs.iloc[0], 2, tables(provs, codings(ACCESS)), intent)
        assert found.level == lv.MEETS and found.broader and not found.short


def test_narrower_a_sector_result_or_threshold_restriction_named():
    for kind, quote in (("sector", "国家事务、国防建设、尖端科学技术领域"), ("result", "获取该计算机信息系统中存储"),
                        ("threshold", "情节严重")):
        cods = codings(ACCESS, ("p", f"narrowing:{kind}", "true", quote))
        found = lv.provision_level(provisions(FULL).iloc[0], 2, tables(provisions(FULL), cods), True)
        assert found.level == lv.NARROWER and lv.Reason(lv.NARROWING, kind, quote) in found.short
    # a restriction coded false (the full text read, none found) is no restriction
    assert level(provisions(FULL), 2, cods=codings(ACCESS, ("p", "narrowing:sector", "false", ""))) == lv.MEETS


# broader is never a shortfall ---------------------------------------------------------------------------------

def test_an_obstruction_offence_without_serious_is_broader_not_short():
    # Singapore's obstruction offence: any hindering, not only serious hindering
    provs = provisions({"provision_id": "s", "country": "SGP", "convention_articles": "5", "intent_required": True})
    cods = codings(("s", "element:serious_hindering", "false", "obstructs"))
    matrix = prov.coverage_matrix(tables(provs, cods), "SGP", (5,), by="country")
    assert matrix.iat[0, 0] == lv.MEETS and ("SGP", 5) in matrix.attrs["broader"]


def test_reaching_public_transmissions_is_broader_not_short():
    provs = provisions({"provision_id": "i", "convention_articles": "3"})
    cods = codings(("i", "element:interception", "true", "q"), ("i", "element:non_public", "false", "q"))
    found = lv.provision_level(provs.iloc[0], 3, tables(provs, cods))
    assert (found.level, found.broader) == (lv.MEETS, True)


def test_an_option_not_used_is_broader_never_a_shortfall():
    provs = provisions({**FULL, "dishonest_intent": False})
    found = lv.provision_level(provs.iloc[0], 2, tables(provs, codings(ACCESS)), True)
    assert (found.level, found.broader) == (lv.MEETS, True)


# Party options ------------------------------------------------------------------------------------------------

def test_a_party_is_judged_against_the_options_it_took_a_non_party_against_the_minimum():
    provs = provisions({**FULL, "country": "JPN"})
    cods = codings(ACCESS, ("p", "element:security_measures", "true", "アクセス制御機能"))
    declared = options(("JPN", 2, "security_measures", "true"))
    not_declared = options(("JPN", 2, "security_measures", "false"))
    assert level(provs, 2, cods=cods, party="JPN", taken=declared) == lv.MEETS
    assert level(provs, 2, cods=cods, party="JPN", taken=not_declared) == lv.NARROWER
    assert level(provs, 2, cods=cods, party="JPN") == lv.NOT_SHOWN  # no declaration recorded: unknown
    assert level(provs, 2, cods=cods) == lv.MEETS  # not a Party: the option is open to it


def test_each_reason_is_structured():
    provs = provisions({**FULL, "country": "JPN", "dishonest_intent": False, "without_right": False})
    cods = codings(("p", "element:security_measures", "true", "q"))
    found = lv.provision_level(provs.iloc[0], 2, tables(provs, cods, party="JPN"), True, party=True)
    # access not coded: unknown; security measures used by a Party with no declaration recorded: unknown whether
    # declared; dishonest intent not used and "without right" not required: broader
    assert set(found.unknown) == {lv.Reason(lv.UNKNOWN, "access"), lv.Reason(lv.DECLARATION_UNKNOWN, "security_measures")}
    assert set(found.wider) == {lv.Reason(lv.NOT_REQUIRED, "without_right"), lv.Reason(lv.OPTION_UNUSED, "dishonest_intent")}
    taken = lv.options_taken(tables(provs, cods, party="JPN", taken=options(("JPN", 2, "security_measures", "false"))),
                             "JPN")
    cods = codings(ACCESS, ("p", "element:security_measures", "true", "q"))
    found = lv.provision_level(provs.iloc[0], 2, tables(provs, cods, party="JPN"), True, party=True, taken=taken)
    assert found.level == lv.NARROWER and found.short == (lv.Reason(lv.NOT_DECLARED, "security_measures"),)


def test_a_serious_harm_threshold_on_data_interference_is_allowed_only_where_the_reservation_is_open():
    provs = provisions({"provision_id": "d", "convention_articles": "4"})
    cods = codings(("d", "element:data_interference_acts", "true", "q"), ("d", "narrowing:threshold", "true", "后果严重"))
    assert level(provs, 4, cods=cods) == lv.MEETS
    assert level(provs, 4, cods=cods, party="CHN", taken=options(("CHN", 4, "reservation:4(2)", "true"))) == lv.MEETS
    assert level(provs, 4, cods=cods, party="CHN", taken=options(("CHN", 4, "reservation:4(2)", "false"))) == lv.NARROWER
    assert lv.option_name(elements().iloc[8]) == "reservation:4(2)"


# a country's article: union, not coded, no counterpart, bounds -------------------------------------------------

def test_a_country_meets_by_the_union_of_provisions_not_shown_narrower():
    provs = provisions({"provision_id": "a", "convention_articles": "2", "intent_required": True},
                       {"provision_id": "p", "convention_articles": "2", "without_right": True, "intent_required": True})
    cods = codings(("a", "element:access", "true", "q"))
    assert level(provs, 2, cods=cods) == lv.MEETS
    # a provision shown narrower does not lend its elements to the union
    narrow = codings(("a", "element:access", "true", "q"), ("a", "narrowing:sector", "true", "q"))
    assert level(provs, 2, cods=narrow) == lv.NOT_SHOWN


def test_no_counterpart_found_only_with_a_none_found_search_else_not_coded():
    provs = provisions({"provision_id": "a", "convention_articles": "2"})
    searches = pd.DataFrame([{"country": "CHN", "convention_article": 3, "result": "none_found", "read": "whole law",
                              "source": "s", "locator": "l", "basis": "primary"}])
    matrix = prov.coverage_matrix(tables(provs, searches=searches), "CHN", (3, 4), by="country")
    assert matrix.loc["CHN"].to_dict() == {3: lv.NO_COUNTERPART, 4: lv.NOT_CODED}
    assert prov.coverage_matrix(tables(provs), "CHN", (3,), by="country").iat[0, 0] == lv.NOT_CODED


def test_bounds_count_shown_and_at_most_and_leave_headings_and_uncoded_apart():
    b = lv.bounds({2: lv.MEETS, 3: lv.NOT_SHOWN, 4: lv.NARROWER, 5: lv.NAMED_ONLY, 6: lv.NOT_CODED,
                   7: lv.NO_COUNTERPART})
    assert (b.shown, b.at_most, b.shown_articles, b.possible_articles) == (1, 2, (2,), (2, 3))


# general rules with their scope -------------------------------------------------------------------------------

def rules(rule="intent_default", scope=None, instrument="Penal Code") -> pd.DataFrame:
    frame = typed("general_rules", {"rule_id": "r", "country": "JPN", "instrument": instrument, "article": "38",
                                    "rule": "intent_default", "quote": "罪を犯す意思がない行為は、罰しない。",
                                    "source": "s", "locator": "l", "basis": "primary"})
    # the safeguard:<field> vocabulary and the scope column come with the recoded data (issue 20's interface)
    frame = frame.assign(rule=pd.array([rule], dtype="string"))
    return frame if scope is None else frame.assign(scope=pd.array([scope], dtype="string"))


def test_a_rule_of_country_scope_reaches_offences_of_other_statutes_and_one_of_instrument_scope_does_not():
    provs = provisions({"provision_id": "u", "country": "JPN", "instrument": "Unauthorized Computer Access Act"},
                       {"provision_id": "k", "country": "JPN", "instrument": "Penal Code"})
    assert el.effective_intent(provs, rules(scope="country")).to_dict() == {"u": True, "k": True}
    assert el.effective_intent(provs, rules(scope="instrument")).to_dict() == {"u": None, "k": True}
    assert el.effective_intent(provs, rules()).to_dict() == {"u": None, "k": True}  # no scope column: instrument
    assert el.effective_intent(provs, rules(scope="country"), el.OWN_INSTRUMENT).to_dict() == {"u": None, "k": True}


def test_a_safeguard_in_general_procedural_law_reaches_the_powers_of_its_scope():
    power = {"provision_id": "w", "country": "JPN", "instrument": "Code of Criminal Procedure", "kind": "procedural_power",
             "category": "procedural", "convention_articles": "16", "grounds_required": True,
             "scope_duration_limited": True, "proportionality": True}
    provs = provisions(power)
    supplied = rules("safeguard:independent_supervision", "instrument", "Code of Criminal Procedure")
    assert prov.safeguards_shown(provs.iloc[0]) == ["grounds_required", "scope_duration_limited", "proportionality"]
    assert prov.safeguards_shown(provs.iloc[0], supplied) == list(prov.SAFEGUARDS)
    assert level(provs, 16, rules=supplied) == lv.MEETS
    elsewhere = rules("safeguard:independent_supervision", "instrument", "Another Act")
    assert level(provs, 16, rules=elsewhere) == lv.NOT_SHOWN


# the law of the edition's date, by dates ----------------------------------------------------------------------

def test_the_law_of_a_date_is_chosen_by_dates_never_by_status():
    provs = provisions(
        {"provision_id": "CHN-CL1997-217", "status": "amended", "valid_from": "1997-10-01", "valid_to": "2021-02-28",
         "convention_articles": "10"},
        {"provision_id": "JPN-UCAA1999-3", "country": "JPN", "status": "amended", "valid_from": "2000-02-13",
         "valid_to": "2012-05-01", "convention_articles": "2"},
        {"provision_id": "JPN-UCAA2013-3", "country": "JPN", "valid_from": "2013-05-01", "convention_articles": "2"})
    in_2019 = set(asof.as_of({"provisions": provs}, "2019-06-30")["provisions"]["provision_id"])
    in_2026 = set(asof.as_of({"provisions": provs}, "2026-01-01")["provisions"]["provision_id"])
    assert in_2019 == {"CHN-CL1997-217", "JPN-UCAA2013-3"} and in_2026 == {"JPN-UCAA2013-3"}
    # an amended row valid on the date is the law of that date, not a draft, in the regional comparison
    data = {**tables(provs), "countries": typed("countries", *({"iso3": c, "name": c} for c in ("CHN", "JPN", "KHM")))}
    data = asof.as_of(data, "2019-06-30")
    assert ("CHN", "CHN", "law") in cmp.groups(data, "KHM", "CHN,JPN")
    assert cmp.regional_coverage(data, "KHM", "CHN,JPN").attrs["cells"]["JPN"][2] == ["JPN-UCAA2013-3"]


# the draft's articles met, derived from the CSVs --------------------------------------------------------------

def test_the_drafts_articles_met_are_bounded_as_the_csvs_show():
    """Worked from the CSV files with the rule's words: a draft offence article is shown met when a counterpart
    whose text was read has every mandatory element true; at most met when none of its mandatory elements is
    false (intent and without right in provisions.csv, other elements in codings.csv) and no narrowing is coded;
    the restricting elements the codebook names (non-public and technical means in Art. 3, serious hindering in
    Art. 5) shown absent make an offence broader, not short, and are left out of both."""
    def read(name):
        with open(paths.DATA_DIR / name, encoding="utf-8") as f:
            return list(csv.DictReader(f))
    rows = [r for r in read("provisions.csv") if r["instrument"] == "Draft Law on Cybercrime V.1"
            and r["kind"] in ("offence", "ancillary") and r["text_basis"] != "heading"]
    elements_ = [e for e in read("convention_elements.csv") if e["requirement"] == "mandatory"]
    coded = {(c["record_id"], c["field"]): c["value"] for c in read("codings.csv")}
    shown, possible = set(), set()
    for r in rows:
        for article in [int(a) for a in r["convention_articles"].split(";") if a and 2 <= int(a) <= 11]:
            values = [r[e["field"]] if e["field"] else coded.get((r["provision_id"], "element:" + e["element"]), "")
                      for e in elements_ if int(e["article"]) == article and (article, e["element"]) not in LIMITS]
            narrowed = any(coded.get((r["provision_id"], f"narrowing:{k}")) == "true" for k in lv.NARROWINGS)
            if narrowed or "false" in values:
                continue
            possible.add(article)
            if all(v == "true" for v in values):
                shown.add(article)
    tables_ = asof.as_of(research.data.load(), "2019-06-30")
    matrix = prov.coverage_matrix(tables_, "KHM", tuple(range(2, 12)), el.NOT_APPLIED)
    b = lv.bounds({a: matrix.at["Draft Law on Cybercrime V.1", a] for a in matrix.columns})
    assert (b.shown, b.at_most) == (len(shown), len(possible))
