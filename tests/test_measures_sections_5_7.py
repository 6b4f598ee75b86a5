"""Sections 5 and 7: each measure carries its rows, and each sentence shows the recorded values it names.

Expected values and rows are read by hand from data/*.csv (the derivation is written beside each), or counted by hand
on small frames by the codebook's coverage rule; none is computed by the code under test.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from typed_frames import typed

import research.data
from research.analysis import asof, since
from research.analysis import regional_measures as rm
from research.analysis.basis import Measure
from research.nb.glue import FORMAT, SENTENCE, format_value, sentence_uses
from research.sections import regional_comparison as regional
from research.sections import since_the_paper

PAPER = "2019-06-30"  # notebook 05's as_of, and the paper's date notebook 7 compares with
COMPARATORS = "CHN,JPN,SGP"


@pytest.fixture(scope="module")
def shipped():
    return research.data.load()


@pytest.fixture(scope="module")
def on_paper_date(shipped):
    return asof.as_of(shipped, PAPER)


# provisions.csv, kind offence, valid on 30 June 2019 (valid_from, else instrument_year, over by then; valid_to not):
# China's Criminal Law 285p1-3, 286p1-3, 286-1, 287-1, 287-2, 253-1, 363, 364 and the 1997 wordings of 217 and 218
# (valid to 2021-02-28; the 2020 wordings begin in 2021); Japan's UCAA 2013 ss 3-7 (from 2012; the 1999 wordings end
# in 2012), Penal Code 161-2, 163-2, 163-3, 163-4, 168-2, 168-3, 175, 234-2, 246-2, 258, 259 and CPA 1999 s 7;
# Singapore's CMA 2007 ss 3-8, 8A, 8B (the 1993 wordings end in 2007).
CHN = ["CHN-CL1997-285p1", "CHN-CL1997-285p2", "CHN-CL1997-285p3", "CHN-CL1997-286p1", "CHN-CL1997-286p2",
       "CHN-CL1997-286p3", "CHN-CL1997-286-1", "CHN-CL1997-287-1", "CHN-CL1997-287-2", "CHN-CL1997-253-1",
       "CHN-CL1997-217", "CHN-CL1997-218", "CHN-CL1997-363", "CHN-CL1997-364"]
JPN = ["JPN-UCAA2013-3", "JPN-UCAA2013-4", "JPN-UCAA2013-5", "JPN-UCAA2013-6", "JPN-UCAA2013-7",
       "JPN-PC1907-161-2", "JPN-PC1907-163-2", "JPN-PC1907-163-3", "JPN-PC1907-163-4", "JPN-PC1907-168-2",
       "JPN-PC1907-168-3", "JPN-PC1907-175", "JPN-PC1907-234-2", "JPN-PC1907-246-2", "JPN-PC1907-258",
       "JPN-PC1907-259", "JPN-CPA1999-7"]
SGP = ["SGP-CMA2007-3", "SGP-CMA2007-4", "SGP-CMA2007-5", "SGP-CMA2007-6", "SGP-CMA2007-7", "SGP-CMA2007-8",
       "SGP-CMA2007-8A", "SGP-CMA2007-8B"]
# intent_required "true" among them
OWN_INTENT = ["CHN-CL1997-286p3", "CHN-CL1997-287-2", "CHN-CL1997-217", "CHN-CL1997-363",
              "JPN-UCAA2013-4", "JPN-UCAA2013-6", "JPN-PC1907-161-2", "JPN-PC1907-163-2", "JPN-PC1907-163-3",
              "JPN-PC1907-163-4", "JPN-PC1907-168-2", "JPN-PC1907-168-3",
              "SGP-CMA2007-3", "SGP-CMA2007-4", "SGP-CMA2007-5", "SGP-CMA2007-7", "SGP-CMA2007-8", "SGP-CMA2007-8B"]
# general_rules.csv: CHN-CL1997-15 (Criminal Law, scope instrument: every Chinese offence above is in the Criminal
# Law) and JPN-PC1907-38 (scope country: every Japanese offence); Singapore has none
INTENT_RULES = ("general_rules:CHN-CL1997-15", "general_rules:JPN-PC1907-38")


def _cells(pids, column):
    return tuple(f"provisions:{p}#{column}" for p in pids)


def test_comparator_offences_and_their_intent(on_paper_date):
    assert set(rm.comparator_offences(on_paper_date, COMPARATORS).rows) == set(_cells(CHN + JPN + SGP, "kind"))
    assert rm.comparator_offences(on_paper_date, COMPARATORS).value == 14 + 17 + 8 == 39
    own = rm.intent_in_own_words(on_paper_date, COMPARATORS)
    assert own.value == 18 and set(own.rows) == set(_cells(OWN_INTENT, "intent_required"))
    ruled = rm.intent_with_rules(on_paper_date, COMPARATORS)
    # every Chinese and Japanese offence by the rules, Singapore's by their own words: 14 + 17 + 6
    assert ruled.value == 37
    assert set(ruled.rows) == set(_cells(CHN + JPN + OWN_INTENT[-6:], "intent_required")) | set(INTENT_RULES)
    rules = rm.intent_rules(on_paper_date, COMPARATORS)
    assert rules.value == {"rules": [("CHN", "Criminal Law", "14-15", "instrument"),
                                     ("JPN", "Penal Code", "38(1); 8", "country")], "unruled": ["SGP"]}
    assert set(rules.rows) == set(INTENT_RULES) | set(_cells(SGP, "kind"))


def test_comparator_offences_without_penalty_or_by_heading(on_paper_date):
    # penalties.csv covers every offence above but CHN-CL1997-218 and SGP-CMA2007-8A; none is known by heading only
    # (JPN-UCAA1999-4, the one heading, ended in 2012)
    bare = rm.without_penalty(on_paper_date, COMPARATORS)
    assert bare == Measure([("CHN-CL1997-218", "CHN"), ("SGP-CMA2007-8A", "SGP")],
                           ("provisions:CHN-CL1997-218", "provisions:SGP-CMA2007-8A"))
    assert rm.heading_only(on_paper_date, COMPARATORS) == Measure(0, ())


def test_focus_convention_status(shipped):
    # countries.csv: KHM budapest_status none; country_facts.csv holds no budapest_* row of KHM
    status = rm.convention_status(shipped["countries"], shipped["country_facts"], "KHM")
    assert status == Measure({"status": "none", "steps": False}, ("countries:KHM#budapest_status",))
    found = regional.focus_convention_status(shipped["countries"], shipped["country_facts"], "KHM")
    assert found.basis.rows["focus_convention_sentence"] == status.rows


# The codebook's coverage rule on small frames: K1 (Cambodia, in force) answers Art. 2 but restricts it to some
# systems (narrower); K2 (a draft) answers Art. 2 with intent unknown (not shown); S3 shows both elements of Art. 2
# (meets); S4 answers Art. 3 restricted by sector (narrower); law_searches records none found for Singapore, Art. 4.
def _row(pid, country, status="in_force", **fields):
    return {"provision_id": pid, "country": country, "instrument": f"Law {country}", "instrument_year": 2010,
            "status": status, "kind": "offence", "category": "cia", "text_basis": "full_text", "article": pid[-1],
            "summary": "s", "source": "s", "locator": "l", "basis": "primary", **fields}


FRAMES = {
    "provisions": typed("provisions", _row("K1", "KHM", convention_articles="2", without_right=False),
                        _row("K2", "KHM", "draft", convention_articles="2", without_right=True),
                        _row("S3", "SGP", convention_articles="2", intent_required=True, without_right=True),
                        _row("S4", "SGP", convention_articles="3", intent_required=True, without_right=False)),
    "countries": typed("countries", *({"iso3": c, "name": n, "asean_member": True, "source": "s", "locator": "l",
                                       "basis": "paper"} for c, n in [("KHM", "Cambodia"), ("SGP", "Singapore")])),
    "convention_elements": typed("convention_elements", *(
        {"article": a, "element": e, "label": e, "requirement": "mandatory", "field": f, "text": e, "source": "s",
         "locator": "l", "basis": "primary"}
        for a in (2, 3) for e, f in (("intentionally", "intent_required"), ("without_right", "without_right")))),
    "codings": typed("codings", *({"record_id": p, "field": "narrowing:sector", "value": "true", "quote": "q",
                                   "source": "s", "locator": "l"} for p in ("K1", "S4"))),
    "convention": typed("convention", *({"article": a, "kind": "offence", "title": "t", "chapter": "II"}
                                        for a in (2, 3))),
    "law_searches": typed("law_searches", {"country": "SGP", "convention_article": 4, "result": "none_found",
                                           "read": "r", "source": "s", "locator": "l", "basis": "primary"}),
    "general_rules": None,
    "penalties": typed("penalties"),
}


def test_coverage_counts_per_row_of_the_comparison():
    counts = {label: {k: (m.value, m.rows) for k, m in n.items()}
              for label, _, _, n in rm.coverage_counts(FRAMES, "KHM", "SGP")}
    assert list(counts) == ["Cambodia: law in force", "Cambodia: drafts", "Singapore"]
    law, drafts, sgp = counts.values()
    # Arts 2-11: the law in force is narrower for Art. 2 and has nothing for the nine others
    assert law == {"shown": (0, ()), "at_most": (0, ()), "narrower": (1, ("provisions:K1#convention_articles",)),
                   "not_coded": (9, ("provisions:K1#convention_articles",)), "no_counterpart": (0, ())}
    assert drafts["shown"] == (0, ()) and drafts["at_most"] == (1, ("provisions:K2#convention_articles",))
    assert drafts["not_coded"][0] == 9
    assert sgp == {"shown": (1, ("provisions:S3#convention_articles",)),
                   "at_most": (1, ("provisions:S3#convention_articles",)),
                   "narrower": (1, ("provisions:S4#convention_articles",)),
                   "not_coded": (7, ("provisions:S3#convention_articles", "provisions:S4#convention_articles")),
                   "no_counterpart": (1, ("law_searches:SGP/4",))}
    found = regional.regional_findings(FRAMES, "KHM", "SGP")
    assert (found.regional_focus_law_narrower, found.regional_sgp_no_counterpart, found.regional_chn_shown) == (1, 1, None)
    assert found.basis.rows["regional_sgp_no_counterpart"] == ("law_searches:SGP/4",)
    assert ("Singapore, 1 shown (narrower for 1; not coded for 7; no counterpart found for 1)"
            in found.regional_coverage_sentence)


# incidents.csv, incidents and campaigns (general claims apart): INC-002 to INC-028 but INC-022 (dated 2019, not
# certainly by 30 June) reported by the paper's date are INC-002 ... INC-021; INC-033, -034, -036 and -037 carry no
# date and count in every edition; by 25 October 2025 all 27.
KNOWN_BY_PAPER = ["INC-002", "INC-003", "INC-004", "INC-005", "INC-006", "INC-007", "INC-010", "INC-011", "INC-012",
                  "INC-013", "INC-014", "INC-016", "INC-017", "INC-019", "INC-020", "INC-021",
                  "INC-033", "INC-034", "INC-036", "INC-037"]
LATER = ["INC-022", "INC-023", "INC-024", "INC-025", "INC-026", "INC-027", "INC-028"]
# provisions.csv: the KHM rows that begin after 30 June 2019 (valid_from, else instrument_year)
NEW = ["KHM-ECOM2019-32", "KHM-NIG2021-1", "KHM-NIG2021-6", "KHM-NIG2021-12", "KHM-NIG2021-14", "KHM-NIG2021-16",
       "KHM-DRAFTCC2020-1", "KHM-DRAFTCC2020-3", "KHM-DRAFTCC2020-RETENTION", "KHM-DRAFTCC2022-SCOPE",
       "KHM-DRAFTCS2022-DSC", "KHM-DRAFTCS2022-OBSTRUCTION", "KHM-DRAFTCC2024-CONTENT", "KHM-DRAFTCC2024-REALTIME"]
LATEST = "2025-10-25"  # country_facts.csv: the UN convention's signatures by KHM and CHN, the latest date of any row


def test_since_measures_on_the_two_dates(shipped):
    then, now = asof.as_of(shipped, PAPER), asof.as_of(shipped, LATEST)
    assert since.latest_date(shipped) == Measure(LATEST, (
        f"country_facts:KHM/un_cybercrime_signature/{LATEST}#date", f"country_facts:CHN/un_cybercrime_signature/{LATEST}#date"))
    # convention_parties.csv: the latest report by 30 June 2019 is 2019-03 (63), by 2025 it is 2024-10 (76)
    assert (since.parties(then).value.parties, since.parties(then).rows) == (63, ("convention_parties:2019-03",))
    assert (since.parties(now).value.parties, since.parties(now).rows) == (76, ("convention_parties:2024-10",))
    assert since.incident_count(then) == Measure(20, tuple(f"incidents:{i}" for i in KNOWN_BY_PAPER))
    assert since.incident_count(now).value == 27
    assert set(since.incident_count(now).rows) == {f"incidents:{i}" for i in KNOWN_BY_PAPER + LATER}
    after = since.instruments_after(shipped, "KHM", PAPER)
    assert set(after.rows) == set(_cells(NEW, "valid_from"))
    # no instrument in force in 2025 has "cybercrime" in its name; the rows are the 28 KHM provisions not drafts
    laws = since.cybercrime_laws_in_force(now, "KHM")
    assert laws.value == [] and len(laws.rows) == 28 and "provisions:KHM-ECOM2019-32#status" in laws.rows
    assert since.fact_date(now, "KHM", since.UN_SIGNATURE) == Measure(
        LATEST, (f"country_facts:KHM/un_cybercrime_signature/{LATEST}",))


def test_since_values_carry_their_own_rows(shipped):
    found = since_the_paper.since_the_paper(shipped, "KHM")
    assert (found.since_n_new_instruments, found.since_parties_then, found.since_parties_now,
            found.since_incidents_then, found.since_incidents_now) == (6, 63, 76, 20, 27)
    assert (found.since_parties_then_date, found.since_parties_now_date, found.since_un_signed_date) == (
        "March 2019", "October 2024", "25 October 2025")
    rows = found.basis.rows
    assert rows["since_parties_now"] == rows["since_parties_now_date"] == ("convention_parties:2024-10",)
    assert set(rows["since_n_new_instruments"]) == set(_cells(NEW, "valid_from"))
    # a sentence's rows are the union of its values' rows
    assert rows["parties_change_sentence"] == ("convention_parties:2019-03", "convention_parties:2024-10")
    assert set(rows["incidents_change_sentence"]) == (set(rows["since_incidents_now"]) | set(rows["data_date_text"]))


def _whole(text: str) -> re.Pattern:
    # a value's text as a whole token: not part of a longer word or number ("3" is not in "38(1)" nor in "2,300")
    return re.compile(r"(?<![0-9A-Za-z])(?<!\d[.,])" + re.escape(text) + r"(?![0-9A-Za-z])(?![.,]\d)")


def _texts_in_order(result) -> list[tuple[str, str, str]]:
    """(sentence, value, text) for each value a sentence of ``result`` uses that is not found after the last one."""
    fields = {f.name: f for f in dataclasses.fields(result)}
    missing = []
    for name, f in fields.items():
        if not f.metadata.get(SENTENCE):
            continue
        sentence, at = getattr(result, name), 0
        for used in sentence_uses(result).get(f.name, ()):
            assert used in fields, f"{name} uses {used}, which {type(result).__name__} does not record"
            text = format_value(getattr(result, used), fields[used].metadata.get(FORMAT))
            hit = _whole(text).search(sentence, at)
            if hit is None:
                missing.append((name, used, text))
            else:
                at = hit.end()
    return missing


def test_every_used_value_reads_in_its_sentence_in_order(shipped, on_paper_date):
    findings = regional.regional_findings(on_paper_date, "KHM", COMPARATORS)
    assert _texts_in_order(findings) == []
    assert _texts_in_order(since_the_paper.since_the_paper(shipped, "KHM")) == []
    # and the values are the counts the shipped sentences show
    assert (findings.regional_n_own_intent, findings.n_comparator_offences, findings.regional_n_ruled_intent,
            findings.regional_n_no_penalty, findings.regional_n_heading_only) == (18, 39, 37, 2, 0)


def test_each_used_value_has_rows_of_its_own(shipped, on_paper_date):
    for result in (regional.regional_findings(on_paper_date, "KHM", COMPARATORS),
                   since_the_paper.since_the_paper(shipped, "KHM")):
        for f in dataclasses.fields(result):
            for used in sentence_uses(result).get(f.name, ()):
                rows = result.basis.rows.get(used)
                if used != "paper_date_text":  # the paper's date is the edition's constant, not a data row
                    assert rows is not None, used
                    assert set(rows) <= set(result.basis.rows[f.name]), (f.name, used)
