"""Sections 3 and 4 record every number and data-drawn date their sentences show as a value of its own (issue 19).

The expected values are worked out here from the shipped CSV files, read with pandas alone, on the paper's date (the
default edition; section 4 reads the draft on the same date). Then, for the shipped data, each value a sentence names
in ``uses`` is found in it, as a whole token, in the order named; a value not shown (a zero written "none", a variant
of the sentence that names no such number) is listed below with its reason, and no other digit is left in a sentence
but the edition's date and the fixed article numbers its words name.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from research.analysis import asof
from research.data import load
from research.nb.glue import format_value, sentence_uses
from research.sections import draft_cybercrime_law as dl
from research.sections import existing_law as el

DATA = Path(__file__).resolve().parents[1] / "data"
PAPER = "2019-06-30"
DRAFT = "Draft Law on Cybercrime V.1"
NO_PENALTY = "a penalty our data do not record"
WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty")
BENCHMARK = [*range(2, 14), *range(15, 22)]  # the Convention articles a national law implements (the codebook's)


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


def _known(rows: pd.DataFrame, on: str = PAPER) -> pd.DataFrame:
    """Rows valid on ``on``: from on or before it (a year or month counts from its start), not ended by then."""
    return rows[(rows["valid_from"] <= on) & ((rows["valid_to"] == "") | (rows["valid_to"] > on))]


def _day(iso: str) -> str:
    return f"{date.fromisoformat(iso).day} {date.fromisoformat(iso):%B %Y}"


@pytest.fixture(scope="module")
def results():
    full = load()
    data, paper = asof.as_of(full, PAPER), asof.as_of(full, asof.reading_date(PAPER))
    return el.existing_law(data, "KHM", 4000.0, PAPER), dl.draft_law(paper, "KHM", PAPER)


def _section_3_by_hand() -> dict:
    provisions, penalties, rules = _csv("provisions"), _csv("penalties"), _csv("general_rules")
    khm = _known(provisions[provisions["country"] == "KHM"])
    force = khm[khm["status"] == "in_force"]
    offences = khm[khm["kind"] == "offence"]
    rule = rules[(rules["country"] == "KHM") & (rules["rule"] == "intent_default")].iloc[0]
    basic = penalties[penalties["tier"] == "basic"]
    listed = {p for ps in basic["provisions"] for p in ps.split(";")}
    press = provisions[provisions["provision_id"].isin(["KHM-PRESS1995-11", "KHM-PRESS1995-12", "KHM-PRESS1995-14"])]
    powers = force[force["kind"] == "procedural_power"]
    safeguards = ["independent_supervision", "grounds_required", "scope_duration_limited", "proportionality"]
    shown = powers[safeguards].eq("true").sum(axis=1)  # KHM has no general safeguard rule (checked below)
    in_force_offences = force[force["kind"] == "offence"]
    termed = basic[basic["prison_max_months"] != ""]
    termed = termed[termed["provisions"].map(lambda ps: bool(set(ps.split(";")) & set(in_force_offences["provision_id"])))]
    top = termed.loc[termed["prison_max_months"].astype(int).idxmax()]
    vague = force[force["vague_terms"] != ""]
    telecom = provisions[(provisions["instrument"] == "Law on Telecommunications") & (provisions["valid_from"] != "")]
    assert rule["instrument"] == "Criminal Code" and rule["scope"] == "country"
    assert not rules["rule"].str.startswith("safeguard:").any()
    return {
        "law_in_force": len(force), "law_in_force_instruments": force["instrument"].nunique(),
        **{f"law_cc{a}_penalty": NO_PENALTY for a in (427, 428, 429, 430, 305)
           if f"KHM-CC2009-{a}" not in listed and f"KHM-CC2009-{a}-432" not in listed},
        "law_intent_offences": len(offences),
        "law_intent_own": (offences["intent_required"] == "true").sum(),
        "law_intent_own_not": (offences["intent_required"] == "false").sum(),
        "law_intent_own_unknown": (offences["intent_required"] == "").sum(),
        # Art. 5 applied to its own instrument's offences; applied to every offence, it reaches all of them
        "law_intent_code": ((offences["instrument"] == rule["instrument"]) | (offences["intent_required"] == "true")).sum(),
        "law_intent_every": len(offences),
        "law_press_articles": len(press), "law_press_with_penalty": len(set(press["provision_id"]) & listed),
        "law_telecom_date": _day(min(telecom["valid_from"])),
        "law_powers": len(powers), "law_powers_some": (shown > 0).sum(), "law_powers_every": (shown == 4).sum(),
        "law_heaviest_offences": len(in_force_offences),
        "law_heaviest_with_term": len({p for ps in termed["provisions"] for p in ps.split(";")}
                                      & set(in_force_offences["provision_id"])),
        "law_heaviest_term": f"{WORDS[int(top['prison_max_months']) // 12]} years",
        "law_heaviest_articles": "Art. " + provisions.set_index("provision_id").at[top["provisions"], "article"],
        "law_vague": len(vague),
        "law_vague_terms": len({t for v in vague["vague_terms"] for t in v.split(";")}),
    }


def _coverage_by_hand(draft: pd.DataFrame) -> dict:
    """Each benchmark article by the draft's counterparts: none coded (and no search recorded none), named only
    (every counterpart known by its heading), or read; none read shows every mandatory element (each read offence
    leaves its intent unknown, the read power Art. 17 shows one safeguard of four), so none is shown to meet it and
    none is shown narrower (no mandatory cell is known false)."""
    convention = _csv("convention").set_index("article")["kind"]
    procedural = {"safeguard", "procedural_power"}
    levels = {}
    for a in BENCHMARK:
        kinds = ("procedural_power", "safeguard") if convention[str(a)] in procedural else ("offence", "ancillary")
        listed = draft["convention_articles"].str.split(";").map(lambda articles, a=str(a): a in articles)
        found = draft[listed & draft["kind"].isin(kinds)]
        levels[a] = ("not coded" if found.empty else "named only" if (found["text_basis"] == "heading").all()
                     else "read")
    read = draft[(draft["text_basis"] != "heading") & (draft["kind"] == "offence")]
    assert (read["intent_required"] == "").all() and not (draft[["intent_required", "without_right"]] == "false").any().any()
    searches = _csv("law_searches")
    assert (searches.loc[searches["country"] == "KHM", "result"] == "counterpart_coded").all()
    count = {v: sum(x == v for x in levels.values()) for v in ("not coded", "named only", "read")}
    return {"v1_coverage_shown": 0, "v1_coverage_at_most": count["read"], "v1_coverage_narrower": 0,
            "v1_coverage_named_only": count["named only"], "v1_coverage_not_coded": count["not coded"],
            "v1_coverage_no_counterpart": 0}


def _section_4_by_hand() -> dict:
    provisions, penalties, codings = _csv("provisions"), _csv("penalties"), _csv("codings")
    khm = _known(provisions[provisions["country"] == "KHM"])
    offences = khm[khm["kind"] == "offence"]
    draft = provisions[provisions["instrument"] == DRAFT]
    draft_offences = draft[draft["kind"] == "offence"]
    group = penalties[(penalties["tier"] == "basic") & penalties["provisions"].str.contains(";")]
    group = group[group["provisions"].map(lambda ps: set(ps.split(";")) <= set(draft["provision_id"]))].iloc[0]
    articles = sorted(int(p.rsplit("-", 1)[1]) for p in group["provisions"].split(";"))
    assert articles == list(range(articles[0], articles[-1] + 1))  # one run: "Arts 21-26"
    alone = set(penalties.loc[penalties["tier"] == "basic", "provisions"])
    elements = _csv("convention_elements")
    elements = elements[elements["article"] == "3"]
    art23 = draft[draft["article"] == "23"].iloc[0]
    coded = codings[codings["record_id"] == art23["provision_id"]].set_index("field")["value"]
    said = [art23[e["field"]] if e["field"] else coded.get(f"element:{e['element']}", "") for _, e in elements.iterrows()]
    mandatory = (elements["requirement"] == "mandatory").tolist()
    art17 = draft[draft["article"] == "17"].iloc[0]
    cells = {s: art17[s] or coded_17 for s in ("independent_supervision", "grounds_required", "scope_duration_limited",
                                               "proportionality")
             for coded_17 in [codings[(codings["record_id"] == art17["provision_id"]) & (codings["field"] == s)]
                              ["value"].str.cat()]}
    vague = draft[draft["vague_terms"] != ""]
    return {
        "v1_public_date": _day(min(draft["valid_from"])), "v1_superseded_date": _day(max(draft["valid_to"])),
        "v1_n_offences": len(offences),
        **{f"v1_n_offences_{c}": (offences["category"] == c).sum()
           for c in ("cia", "computer_related", "content_related", "other")},
        "v1_n_ancillary": (khm["kind"] == "ancillary").sum(),
        "v1_group_articles": f"Arts {articles[0]}-{articles[-1]}",
        "v1_own_penalty_articles": None if not set(group["provisions"].split(";")) & alone else "some",
        "v1_offence_articles": len(draft_offences),
        "v1_heading_only": (draft_offences["text_basis"] == "heading").sum(),
        "v1_art23_mandatory": sum(mandatory), "v1_art23_options": len(mandatory) - sum(mandatory),
        "v1_art23_met": sum(m and s == "true" for m, s in zip(mandatory, said)),
        "v1_art23_missing": sum(m and s == "false" for m, s in zip(mandatory, said)),
        "v1_art23_unknown": sum(m and s == "" for m, s in zip(mandatory, said)),
        "v1_art23_used": sum(not m and s == "true" for m, s in zip(mandatory, said)),
        "v1_no_dishonest": (draft_offences["dishonest_intent"] == "false").sum(),
        "v1_no_intent": (draft_offences["intent_required"] == "false").sum(),
        "v1_unknown_intent": (draft_offences["intent_required"] == "").sum(),
        "v1_vague_terms": len({t for v in vague["vague_terms"] for t in v.split(";")}),
        "v1_vague_articles": "Art. " + " and ".join(vague["article"]),
        **_coverage_by_hand(draft),
        "v1_art17_shown": sum(v == "true" for v in cells.values()),
        "v1_art17_lacking": sum(v == "false" for v in cells.values()),
        "v1_art17_unknown": sum(v == "" for v in cells.values()),
        "v1_safeguard_article": draft.loc[draft["kind"] == "safeguard", "article"].iloc[0],
    }


def test_section_3s_new_values_are_the_counts_worked_out_from_the_csv_files(results):
    law, _ = results
    expected = _section_3_by_hand()
    assert len(expected) == 25  # every new value of section 3 (five penalties, none recorded in the shipped data)
    assert {name: getattr(law, name) for name in expected} == {k: (int(v) if hasattr(v, "item") else v)
                                                              for k, v in expected.items()}


def test_section_4s_new_values_are_the_counts_worked_out_from_the_csv_files(results):
    _, draft = results
    expected = _section_4_by_hand()
    assert len(expected) == 33
    assert {name: getattr(draft, name) for name in expected} == {k: (int(v) if hasattr(v, "item") else v)
                                                                for k, v in expected.items()}


def test_the_new_values_carry_rows_of_their_own(results):
    law, draft = results
    assert law.basis.rows["law_intent_own"] == ("provisions:KHM-CC2009-317-320#intent_required",
                                                "provisions:KHM-CC2009-429#intent_required")
    assert law.basis.rows["law_heaviest_articles"] == ("penalties:PEN-KHM-TEL2015-80-basic#prison_max_months",
                                                       "provisions:KHM-TEL2015-80")
    assert law.basis.rows["law_intent_own_not"] == ()  # a count of none names no row
    assert draft.basis.rows["v1_art23_met"] == ("convention_elements:3/technical_means",
                                                "codings:KHM-DRAFT2014-23/element:technical_means/true")
    assert draft.basis.rows["v1_art17_shown"] == ("provisions:KHM-DRAFT2014-17#grounds_required",)
    assert draft.basis.rows["v1_safeguard_article"] == ("provisions:KHM-DRAFT2014-20#text_basis",)


# Values a sentence names but does not show in the shipped edition, and why.
NOT_SHOWN = {
    "law_it_penalty_sentence": {"law_cc427_penalty", "law_cc428_penalty", "law_cc429_penalty", "law_cc430_penalty"},
    "law_cc305_sentence": {"law_cc305_penalty"},  # no penalty recorded: the sentence says so
    "law_intent_sentence": {"law_intent_own_not"},  # 0, written "none"
    "law_press_sentence": {"law_press_with_penalty"},  # no penalty recorded: the sentence says so
    "law_powers_sentence": {"law_powers_some", "law_powers_every"},  # 0, written "none"
    "v1_reading_sentence": {"v1_superseded_date"},  # said only in an edition after the date it was superseded
    "v1_group_penalty_sentence": {"v1_own_penalty_articles"},  # none: the sentence says so
    "v1_art23_sentence": {"v1_art23_missing", "v1_art23_used"},  # 0, written "none"
    "v1_qualifier_sentence": {"v1_no_intent"},  # 0, written "none"
    "v1_coverage_sentence": {"v1_coverage_shown", "v1_coverage_narrower", "v1_coverage_no_counterpart"},  # 0: "none"
    "v1_art17_sentence": {"v1_art17_lacking"},  # 0, written "none"
}
# The numbers a sentence may show that are no data value: the edition's date and the fixed articles its words name.
FIXED = ("30 June 2019", "V.1", "Articles 427 to 432", "Article 305", "Article 5", "Article 15", "Article 17",
         "Article 23", "Article 3", "19 benchmark articles (Arts 2-13 and 15-21)")


def _text(result, name: str) -> str:
    spec = {f.name: f.metadata.get("format") for f in dataclasses.fields(result)}[name]
    value = getattr(result, name)
    return "n/a" if value is None else format_value(value, spec)


def _token(text: str) -> re.Pattern:
    return re.compile(r"(?<![\w.,$])" + re.escape(text) + r"(?![\w]|[.,]\d)")


@pytest.mark.parametrize("section", [0, 1], ids=["section 3", "section 4"])
def test_each_used_value_is_found_in_its_sentence_in_order_and_no_other_number_is_left(results, section):
    result = results[section]
    sentences = [f for f in dataclasses.fields(result) if f.metadata.get("sentence")]
    fields = {f.name for f in dataclasses.fields(result)}
    assert sentences
    for field in sentences:
        text, uses = getattr(result, field.name), sentence_uses(result)[field.name]
        assert set(uses) <= fields, field.name
        absent = NOT_SHOWN.get(field.name, set())
        cursor, left = 0, text
        for name in uses:
            shown = _text(result, name)
            found = _token(shown).search(text, cursor)
            if name in absent:
                assert not found, f"{field.name}: {name} ({shown!r}) reads in it; it is listed as not shown"
                continue
            assert found, f"{field.name}: {name} ({shown!r}) not found after {text[cursor:]!r}"
            cursor = found.end()
            left = left[:found.start()] + " " * len(shown) + left[found.end():]  # blanked where it reads
        for fixed in FIXED:
            left = left.replace(fixed, " ")
        assert not re.search(r"\d", left), f"{field.name} shows a number no used value records: {left!r}"


def test_every_sentence_with_a_number_names_its_values():
    for result in (el.ExistingLaw, dl.DraftLaw):
        for field in dataclasses.fields(result):
            if field.metadata.get("sentence") and field.name != "law_cybercrime_sentence":
                assert sentence_uses(result)[field.name], field.name
