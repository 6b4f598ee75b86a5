"""Sections 2 and 6: each number and date their sentences show is a recorded value with its own rows (issue 19).

The expected counts and rows are worked out here from the shipped CSV files, read with pandas alone; the sentences'
wording is checked on the small frames of report_frames, where each count can be followed by hand."""

from __future__ import annotations

import calendar
import dataclasses
import re
from pathlib import Path

import pandas as pd
import pytest
from report_frames import COUNTRIES, FACTS, INCIDENTS, PARTIES, TABLES
from typed_frames import typed

from research.analysis import access as acc
from research.analysis import asof, attack
from research.analysis import incident_counts as ic
from research.analysis import parties as pty
from research.analysis.basis import Measure
from research.data import load
from research.nb.glue import FORMAT, format_value, sentence_uses
from research.sections import conclusions as cr
from research.sections import understanding_cybersecurity as uc

DATA = Path(__file__).resolve().parents[1] / "data"
PAPER, LATER = "2019-06-30", "2026-12-01"
FOCUS, COMPARATORS = "KHM", ["CHN", "JPN", "SGP"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


# The shipped CSV files, read by hand ------------------------------------------------------------------------------

def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


def _end(text: str) -> str:
    """The last day of the period an ISO date names ("2019" -> 2019-12-31, "2019-02" -> 2019-02-28)."""
    if len(text) == 4:
        return f"{text}-12-31"
    if len(text) == 7:
        return f"{text}-{calendar.monthrange(int(text[:4]), int(text[5:]))[1]:02d}"
    return text


def _words(iso: str) -> str:
    """An ISO date as the prose writes it: "2018", "March 2019", "7 November 2016"."""
    parts = iso.split("-")
    if len(parts) == 1:
        return iso
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"


def _counted() -> pd.DataFrame:
    """The focus country's incidents and campaigns (no claims) reported by the paper's date: the report date, else
    the entry's own date or year, its whole period passed; an entry with no date at all is kept."""
    rows = _csv("incidents")
    when = rows["reported"].where(rows["reported"] != "", rows["date"].where(rows["date"] != "", rows["year"]))
    known = (when == "") | (when.map(_end) <= PAPER)
    return rows[known & (rows["victim_country"] == FOCUS) & (rows["entry_type"] != "claim")]


def _valid_provisions() -> pd.DataFrame:
    """Provisions valid on the paper's date: begun (valid_from, else the instrument's year) and not ceased."""
    rows = _csv("provisions")
    begun = rows["valid_from"].where(rows["valid_from"] != "", rows["instrument_year"]).map(_end) <= PAPER
    ceased = (rows["valid_to"] != "") & (rows["valid_to"].map(_end) <= PAPER)
    return rows[begun & ~ceased]


def _incident_rows(frame: pd.DataFrame, column: str) -> tuple[str, ...]:
    return tuple(f"incidents:{i}#{column}" for i in frame["incident_id"])


def _holding(frame: pd.DataFrame, column: str, code: str) -> pd.DataFrame:
    return frame[frame[column].str.split(";").map(lambda items: code in items)]


@pytest.fixture(scope="module")
def shipped():
    data = asof.as_of(load(), PAPER)
    return (uc.understanding(data, FOCUS, ",".join(COMPARATORS), PAPER), cr.conclusions(data, FOCUS, PAPER))


# Section 2: the measures, from the CSV files ------------------------------------------------------------------------

def test_actor_types_counted_each_with_its_rows(shipped):
    result, rows = shipped[0], shipped[0].basis.rows
    counted = _counted()
    assert result.cyber_n_incidents == len(counted) == 20
    assert rows["cyber_n_incidents"] == _incident_rows(counted, "actor_type")
    for code in (*uc.TYPOLOGY, *uc.UNTYPED):
        hit = counted[counted["actor_type"] == code]
        assert getattr(result, f"cyber_n_actor_{code}") == len(hit), code
        assert rows[f"cyber_n_actor_{code}"] == _incident_rows(hit, "actor_type"), code
    assert (result.cyber_n_actor_hacktivist, result.cyber_n_actor_named_untyped) == (5, 8)
    assert set(rows["cyber_actor_sentence"]) == set(_incident_rows(counted, "actor_type"))


def test_impacts_and_techniques_counted_each_with_its_rows(shipped):
    result, rows = shipped[0], shipped[0].basis.rows
    counted = _counted()
    for column, base, prefix, codes in (("cia_impact", "cyber_n_with_impact", "cyber_n_impact_", uc.CIA),
                                        ("attack_types", "cyber_n_with_technique", "cyber_n_technique_", uc.TECHNIQUES)):
        recorded = counted[counted[column] != ""]
        assert getattr(result, base) == len(recorded)
        assert rows[base] == _incident_rows(recorded, column)
        for code in codes:
            hit = _holding(recorded, column, code)
            assert getattr(result, prefix + code) == len(hit), code
            assert rows[prefix + code] == _incident_rows(hit, column), code
    assert (result.cyber_n_with_impact, result.cyber_n_impact_confidentiality, result.cyber_n_with_technique,
            result.cyber_n_technique_defacement) == (18, 11, 16, 7)


def test_named_groups_chinas_law_and_access_offences_each_with_their_rows(shipped):
    result, rows = shipped[0], shipped[0].basis.rows
    counted = _counted()
    dated = counted[counted["year"] != ""]
    named = dated[dated["actor"].isin(uc.PAPER_NAMED_GROUPS)]
    assert result.cyber_n_groups_matched == named["actor"].nunique() == 3
    assert rows["cyber_n_groups_matched"] == rows["cyber_groups_sentence"] == _incident_rows(named, "actor")
    assert result.cyber_n_named_groups == 5 and "cyber_n_named_groups" not in rows  # the paper's list, not a data row
    facts = _csv("country_facts")
    law = facts[(facts["iso3"] == "CHN") & (facts["indicator"] == "cybersecurity_law") & (facts["year"] != "")]
    first = law.sort_values("year", kind="stable").iloc[0]
    assert result.cyber_csl_date == _words(first["date"] or first["year"]) == "7 November 2016"
    assert rows["cyber_csl_date"] == (f"country_facts:CHN/cybersecurity_law/{first['date'] or first['year']}",)
    provisions = _valid_provisions()
    offences = provisions[provisions["country"].isin([FOCUS, *COMPARATORS]) & (provisions["kind"] == "offence")
                          & provisions["convention_articles"].str.split(";").map(lambda a: "2" in a)]
    offences = pd.concat([offences[offences["country"] == c] for c in [FOCUS, *COMPARATORS]])
    cells = {name: offences[offences["dishonest_intent"] == said] for name, said in
             (("cyber_n_access_dishonest", "true"), ("cyber_n_access_not_dishonest", "false"),
              ("cyber_n_access_unknown", ""))}
    assert result.cyber_n_access_offences == len(offences) == 6
    assert rows["cyber_n_access_offences"] == rows["cyber_access_sentence"] == tuple(
        f"provisions:{p}#dishonest_intent" for p in offences["provision_id"])
    for name, hit in cells.items():
        assert getattr(result, name) == len(hit), name
        assert rows[name] == tuple(f"provisions:{p}#dishonest_intent" for p in hit["provision_id"]), name
    assert (result.cyber_n_access_not_dishonest, result.cyber_n_access_unknown) == (1, 5)


# Section 6: the measures, from the CSV files ------------------------------------------------------------------------

def test_targets_by_sector_counted_each_with_its_rows(shipped):
    result, rows = shipped[1], shipped[1].basis.rows
    counted = _counted()
    assert result.concl_n_incidents == len(counted)
    assert rows["concl_n_incidents"] == _incident_rows(counted, "target_sector")
    for sector in cr.SECTORS:
        hit = counted[counted["target_sector"] == sector]
        assert getattr(result, f"concl_n_target_{sector}") == len(hit), sector
        assert rows[f"concl_n_target_{sector}"] == _incident_rows(hit, "target_sector"), sector
    none = counted[counted["target_sector"] == ""]
    assert result.concl_n_target_none == len(none) and rows["concl_n_target_none"] == _incident_rows(none, "target_sector")
    assert (result.concl_n_target_government, result.concl_n_target_multiple) == (10, 6)
    assert set(rows["concl_targets_sentence"]) == set(_incident_rows(counted, "target_sector"))


def test_the_papers_parties_and_their_acts_each_with_their_rows(shipped):
    result, rows = shipped[1], shipped[1].basis.rows
    parties = _csv("convention_parties")
    at_paper = parties[parties["date"].str.startswith("2019-03")].sort_values("date").iloc[-1]
    assert result.concl_parties_at_paper == int(at_paper["parties"]) == 63
    assert rows["concl_parties_at_paper"] == (f"convention_parties:{at_paper['date']}",)
    countries = _csv("countries")
    named = countries[(countries["budapest_status"] == "party") & (countries["source"] == "nguon2019cambodia")]
    assert result.concl_n_paper_parties == len(named) == 6
    assert rows["concl_n_paper_parties"] == tuple(f"countries:{i}#budapest_status" for i in named["iso3"])
    # listed by name as the sentence writes it: "the Philippines" and "the United States" take the article
    shown = sorted(("the " + n if n in ("Philippines", "United States") else n, i)
                   for i, n in zip(named["iso3"], named["name"]))
    facts = _csv("country_facts")
    acts = facts[facts["indicator"].isin(["budapest_ratification", "budapest_acceptance", "budapest_approval",
                                          "budapest_accession"])]
    for k, (_, iso3) in enumerate(shown, 1):
        act = acts[acts["iso3"] == iso3].sort_values("year", kind="stable").iloc[0]
        when = act["date"] or act["year"]
        assert getattr(result, f"concl_party_{k}_act_date") == _words(when), iso3
        assert rows[f"concl_party_{k}_act_date"] == (f"country_facts:{iso3}/{act['indicator']}/{when}",), iso3
    assert (result.concl_party_1_act_date, result.concl_party_5_act_date) == ("30 November 2012", "2018")
    assert set(rows["concl_parties_sentence"]) == {
        f"convention_parties:{at_paper['date']}", *rows["concl_n_paper_parties"],
        *(r for k in range(1, 7) for r in rows[f"concl_party_{k}_act_date"])}


def test_latest_parties_status_steps_and_telecom_year_each_with_their_rows(shipped):
    result, rows = shipped[1], shipped[1].basis.rows
    parties = _csv("convention_parties")
    known = parties[parties["date"].map(_end) <= PAPER].sort_values("date")
    latest = known.iloc[-1]
    assert (result.concl_latest_parties, result.concl_latest_parties_date) == (int(latest["parties"]), _words(latest["date"]))
    assert rows["concl_latest_parties"] == rows["concl_latest_parties_sentence"] == (f"convention_parties:{latest['date']}",)
    facts = _csv("country_facts")
    assert not len(facts[(facts["iso3"] == FOCUS) & facts["indicator"].str.startswith("budapest_")])  # no step yet
    assert all(getattr(result, f"concl_focus_{s}_date") is None and rows[f"concl_focus_{s}_date"] == () for s in cr.STEPS)
    assert rows["concl_status_sentence"] == (f"countries:{FOCUS}#budapest_status",)
    telecom = _valid_provisions()
    telecom = telecom[(telecom["instrument"] == "Law on Telecommunications") & (telecom["instrument_year"] != "")]
    first = telecom[telecom["instrument_year"] == min(telecom["instrument_year"])].iloc[0]
    assert result.concl_telecom_year == int(first["instrument_year"]) == 2015
    assert rows["concl_telecom_year"] == (f"provisions:{first['provision_id']}#instrument_year",)


# The sentence contract: each used value's text, in its sentence, in order ------------------------------------------

def _found(result, name: str) -> list[str]:
    """The values ``name`` uses whose recorded text is found in it as a whole token, each after the one before."""
    fields = {f.name: f for f in dataclasses.fields(result)}
    text, position, found = getattr(result, name), 0, []
    for used in sentence_uses(result)[name]:
        value = getattr(result, used)
        shown = "n/a" if value is None else format_value(value, fields[used].metadata.get(FORMAT))
        match = re.compile(rf"(?<!\w){re.escape(shown)}(?!\w)").search(text, position)
        if match:
            found.append(used)
            position = match.end()
    return found


def _sentences(result) -> list[str]:
    return [f.name for f in dataclasses.fields(result) if f.metadata.get("sentence")]


def test_every_used_value_is_recorded_and_read_in_order_in_the_shipped_sentences(shipped):
    for result in shipped:
        fields = {f.name: f for f in dataclasses.fields(result)}
        for name in _sentences(result):
            uses = sentence_uses(result)[name]
            assert uses and set(uses) <= set(fields) - set(_sentences(result)), name
            # a zero is written "none" or left out, and a missing date is not written: every other value is shown
            shown = [u for u in uses if getattr(result, u) not in (0, None)]
            if name == "concl_latest_parties_sentence":  # the paper's count is the latest: the sentence says so
                assert "The paper's count is the latest" in getattr(result, name)
                shown = []
            assert _found(result, name) == shown, name
    assert _found(shipped[1], "concl_parties_sentence")[-1] == "concl_party_6_act_date"


def test_a_later_count_and_a_step_are_read_in_their_sentences():
    later = pd.concat([PARTIES, typed("convention_parties", {"date": "2024-10", "parties": 76, "source": "s",
                                                             "locator": "l", "basis": "paper"})])
    step = typed("country_facts", {"iso3": "KHM", "indicator": "budapest_signature", "year": 2025, "date": "2025-05-01",
                                   "source": "s", "locator": "l", "basis": "paper"})
    result = cr.conclusions({**TABLES, "convention_parties": later, "country_facts": step}, "KHM", LATER)
    assert _found(result, "concl_latest_parties_sentence") == ["concl_latest_parties_date", "concl_latest_parties"]
    assert _found(result, "concl_status_sentence") == ["concl_focus_signature_date"]
    assert result.basis.rows["concl_focus_signature_date"] == ("country_facts:KHM/budapest_signature/2025-05-01",)
    assert result.basis.rows["concl_latest_parties"] == ("convention_parties:2024-10",)


# The sentences word their measures (moved from test_report_sections.py) --------------------------------------------

def test_actor_types_in_the_papers_order_with_the_untyped_apart():
    assert uc.actor_sentence(ic.counted(INCIDENTS, "actor_type"), ic.by_code(INCIDENTS, "actor_type"), PAPER) == (
        "Of the 5 incidents and campaigns in the table as of 30 June 2019, sources attribute 1 to a hacktivist and 2 to "
        "state-sponsored actors; in 1 a group is named but no source gives its type, and in 1 no source identifies the "
        "attacker. None is attributed to a script kiddie, a cybercriminal, an insider or a social-media hacker.")
    assert uc.actor_sentence(Measure(0), {}, PAPER) == "The incident table holds no incident or campaign to type."


def test_impacts_and_techniques_name_their_base():
    # impacts: rows 1 and 2 confidentiality, row 3 integrity; techniques: rows 1-3, four in all
    assert uc.impact_sentence(ic.recorded(INCIDENTS, "cia_impact"), ic.by_code(INCIDENTS, "cia_impact")) == (
        "Counted by the property breached, the infographic's three-way split, 2 of the 3 incidents and campaigns with a "
        "recorded impact breached confidentiality, 1 integrity; none breached availability.")
    assert uc.technique_sentence(ic.recorded(INCIDENTS, "attack_types"), ic.by_code(INCIDENTS, "attack_types")) == (
        "Of the 3 incidents and campaigns with a recorded technique, 1 records data leak, 1 defacement, 1 espionage and "
        "1 phishing; an entry can record more than one.")
    # each technique's count carries the rows that record it: phishing is row 2's alone
    assert ic.by_code(INCIDENTS, "attack_types")["phishing"] == Measure(1, ("incidents:2#attack_types",))


def test_the_papers_named_groups_matched_to_dated_entries():
    matched = ic.named_groups_matched(INCIDENTS, uc.PAPER_NAMED_GROUPS)
    assert matched == Measure(["Anonymous", "Black Hats Team"], ("incidents:1#actor", "incidents:3#actor"))
    assert uc.groups_sentence(matched) == (
        "Of the five groups the paper names as attackers of the government, 2 (Anonymous and Black Hats Team) are "
        "matched to at least one dated incident or campaign in the table; Brothers Team, NullCrew and Young Geek "
        "appear only as names.")


def test_chinas_law_is_dated_as_the_data_date_it():
    assert uc.law_date_sentence(attack.first_fact(FACTS, "CHN", "cybersecurity_law")) == (
        "China's \u201cCybersecurity Law\u201d was passed by the Standing Committee of its legislature on 7 November 2016")
    assert uc.law_date_sentence(attack.first_fact(FACTS, "JPN", "cybersecurity_law")).endswith("no date for it")


def test_illegal_access_offences_of_the_focus_and_its_comparators():
    # 427 (dishonest intent not known), draft Art. 21 (no), Singapore s 3 (no)
    found = acc.dishonest_intent(TABLES, ["KHM", "SGP"])
    assert {k: m.value for k, m in found.items()} == {"offences": 3, "yes": 0, "no": 2, "unknown": 1}
    assert found["unknown"].rows == ("provisions:KHM-CC2009-427#dishonest_intent",)
    result = uc.understanding(TABLES, "KHM", "SGP", PAPER)
    assert result.cyber_access_sentence == (
        "Of the 3 illegal-access offences in force or in draft on 30 June 2019 that we code for Cambodia and Singapore, "
        "none requires a dishonest intent, 2 are known not to, and for 1 the text we hold does not tell.")
    table = uc.access_table(TABLES, "KHM", "SGP")
    assert table.to_dict("records")[0] == {
        "country": "Cambodia", "provision": "Article 427 of the Criminal Code", "status": "in force",
        "text read": "parts quoted", "intent": "yes", "without right": "no", "dishonest intent": "not known",
        "source": "code"}
    assert list(table["provision"])[1:] == ["Article 21 of the Draft Law on Cybercrime V.1",
                                            "Section 3 of the Computer Misuse Act"]
    assert list(table["intent"]) == ["yes", "not known", "yes"]  # Art. 5 governs the Code's own offences


def test_targets_by_sector():
    assert cr.targets_sentence(ic.counted(INCIDENTS, "target_sector"), ic.by_code(INCIDENTS, "target_sector"),
                               ic.unrecorded(INCIDENTS, "target_sector"), PAPER) == (
        "Of the 5 incidents and campaigns in the table as of 30 June 2019, by the sector of their target: 3 government "
        "and 2 several sectors.")


def test_parties_named_counted_and_latest():
    # Parties, not "ratified"; each named Party with the act the data record (the Philippines acceded, Art. 37)
    acts = typed("country_facts", {"iso3": "PHL", "indicator": "budapest_accession", "year": 2018, "date": "2018-03-28",
                                   "source": "s", "locator": "l", "basis": "primary"})
    result = cr.conclusions({**TABLES, "country_facts": acts}, "KHM", PAPER)
    assert result.concl_parties_sentence == (
        "As of March 2019, by the paper's count, the Convention had 63 Parties (the paper says they had \u201cratified\u201d "
        "it; a signatory becomes a Party by ratification, acceptance or approval, any other State by accession); the "
        "paper names two of them, listed here alphabetically with the act by which each became a Party where our data "
        "record it: Canada and the Philippines (accession, 28 March 2018)")
    # Canada records no act: the second Party listed, the Philippines, carries the date
    assert (result.concl_party_1_act_date, result.concl_party_2_act_date) == (None, "28 March 2018")
    assert cr.latest_parties_sentence(pty.latest_count(PARTIES), PAPER) == (
        "The paper's count is the latest in the data this edition uses as of 30 June 2019.")
    later = pd.concat([PARTIES, typed("convention_parties", {"date": "2024-10", "parties": 76, "source": "s",
                                                             "locator": "l", "basis": "paper"})])
    assert cr.latest_parties_sentence(pty.latest_count(later), LATER) == (
        "By October 2024, the latest count in the data this edition uses, the Convention had 76 Parties.")
    assert pty.count_at(later) == Measure(63, ("convention_parties:2019-03",))
    assert pty.latest_count(later.iloc[:0]) == Measure(None)


def test_status_under_the_convention_dated_to_the_list_read():
    assert cr.conclusions(TABLES, "KHM", PAPER).concl_status_sentence == (
        "By the Council of Europe's list of Parties as our data read it for March 2019, Cambodia was not a Party, and our "
        "data record no signature, ratification, acceptance, approval or accession by it up to 30 June 2019.")
    assert cr.conclusions(TABLES, "SGP", PAPER).concl_status_sentence.startswith(
        "Singapore's status under the Convention is not verified in our data")
    step = typed("country_facts", {"iso3": "KHM", "indicator": "budapest_signature", "year": 2025, "date": "2025-05-01",
                                   "source": "s", "locator": "l", "basis": "paper"})
    assert "(1 May 2025) up to 1 December 2026." in cr.status_sentence(
        "Cambodia", pty.status(COUNTRIES, "KHM"), pty.steps(step, "KHM"), LATER)


# The counts by code (moved from the tests of the deleted attack_type_counts and impact_totals) ----------------------

def test_codes_are_counted_most_frequent_first_ties_by_name_claims_apart():
    frame = typed("incidents", *({"incident_id": str(i), "entry_type": kind, "actor_type": "hacktivist",
                                  "victim_country": "KHM", "summary": "s", "attack_types": types, "cia_impact": cia,
                                  "source": "s", "locator": "l", "basis": "paper"}
                                 for i, (kind, types, cia) in enumerate([
                                     ("incident", "defacement;ddos", "availability;integrity"),
                                     ("campaign", "phishing", "confidentiality"),
                                     ("incident", None, None),
                                     ("incident", "defacement", None),
                                     ("incident", "ddos", None),
                                     ("claim", "phishing", "confidentiality")], 1)))
    techniques = ic.by_code(frame, "attack_types")
    # defacement 2, ddos 2 (a tie: ddos sorts first by name), phishing 1 (the claim's is not counted)
    assert {k: m.value for k, m in techniques.items()} == {"ddos": 2, "defacement": 2, "phishing": 1}
    assert list(techniques) == ["ddos", "defacement", "phishing"]
    assert techniques["ddos"].rows == ("incidents:1#attack_types", "incidents:5#attack_types")
    assert {k: m.value for k, m in ic.by_code(frame, "cia_impact").items()} == {
        "availability": 1, "confidentiality": 1, "integrity": 1}
    assert ic.recorded(frame, "attack_types") == Measure(4, tuple(f"incidents:{i}#attack_types" for i in (1, 2, 4, 5)))
    assert ic.unrecorded(frame, "attack_types") == Measure(1, ("incidents:3#attack_types",))
    assert ic.by_code(frame[frame["attack_types"].isna()], "attack_types") == {}
    assert ic.by_code(frame.iloc[:0], "attack_types") == {}
