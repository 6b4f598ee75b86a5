"""Tests for research.analysis.profiles on small frames typed like research.data.load() output."""

from __future__ import annotations

import pytest
from typed_frames import typed

from research.analysis import profiles as pr
from research.analysis.levels import MEETS, NARROWER, NOT_CODED
from research.errors import ResearchError
from research.sections import country_profile as profile_words


def fact(iso3, indicator, year, date=None, value=None, label=None) -> dict:
    return {"iso3": iso3, "indicator": indicator, "year": year, "date": date, "value": value, "label": label}


def incident(i, victim, origin=None, year=None) -> dict:
    return {"incident_id": f"INC-{i:03d}", "victim_country": victim, "actor_country": origin, "year": year,
            "actor_type": "not_identified", "entry_type": "incident", "source": "k"}


COUNTRIES = typed(
    "countries",
    {"iso3": "KHM", "name": "Cambodia", "region": "South-eastern Asia", "asean_member": True, "budapest_status": "none"},
    {"iso3": "JPN", "name": "Japan", "region": "Eastern Asia", "asean_member": False, "budapest_status": "party"},
    {"iso3": "LAO", "name": "Lao PDR", "asean_member": True},
)


# ---------------------------------------------------------------------------------------------- countries


@pytest.mark.parametrize("code", ["KHM", "XAA"])
def test_check_iso3_accepts_three_capital_letters(code):
    assert pr.check_iso3(code) == code


@pytest.mark.parametrize("code", ["khm", "KH", "KHMR", "K1M", "../", "", None, 123])
def test_check_iso3_rejects_anything_else_with_a_research_error(code):
    with pytest.raises(pr.UnknownCountryError):
        pr.check_iso3(code)
    assert issubclass(pr.UnknownCountryError, ResearchError)


def test_country_record_gives_plain_values_and_none_for_empty_cells():
    assert pr.country_record(COUNTRIES, "JPN") == pr.Country("JPN", "Japan", "Eastern Asia", False, "party")
    lao = pr.country_record(COUNTRIES, "LAO")
    assert lao.region is None and lao.budapest_status is None and lao.asean_member is True


def test_country_record_of_an_unknown_country_names_it():
    with pytest.raises(pr.UnknownCountryError, match="no country VNM"):
        pr.country_record(COUNTRIES, "VNM")


def test_group_sets_the_focus_beside_the_country_once():
    assert pr.group("JPN", "KHM") == ["JPN", "KHM"]
    assert pr.group("KHM", "KHM") == ["KHM"]


def test_beside_sentence_differs_for_the_focus_itself():
    assert "beside Cambodia" in profile_words.beside_sentence("Japan", "Cambodia", same=False)
    assert "on its own" in profile_words.beside_sentence("Cambodia", "Cambodia", same=True)


# ---------------------------------------------------------------------------------------------- Convention


def test_convention_steps_take_the_earliest_date_or_the_year():
    facts = typed("country_facts",
                  fact("JPN", "budapest_ratification", 2013, "2013-01"),
                  fact("JPN", "budapest_ratification", 2012, "2012-07-03"),
                  fact("JPN", "budapest_signature", 2001),
                  fact("KHM", "budapest_in_force", 2020, "2020"))
    assert pr.convention_steps(facts, "JPN") == {
        "signature": "2001", "ratification": "2012-07-03", "acceptance": None, "approval": None, "accession": None,
        "entry into force": None}


def test_convention_sentence_states_status_steps_and_what_is_missing():
    text = profile_words.convention_sentence("Japan", "party", {"signature": "2001", "ratification": None,
                                                     "entry into force": "2012-11-01"})
    assert text == ("As of March 2019, Japan was a Party to the Convention. "
                    "Recorded steps: signature 2001; entry into force 2012-11-01.")
    unknown = profile_words.convention_sentence("Lao PDR", None, dict.fromkeys(["signature", "ratification"]))
    assert "not verified" in unknown and "No signature, ratification, acceptance, approval, accession or entry into force is recorded." in unknown
    assert "neither a Party" in profile_words.convention_sentence("Cambodia", "none", {})


# ---------------------------------------------------------------------------------------------- events and index


def test_profile_timeline_keeps_country_order_then_year_and_drops_other_indicators():
    from research.analysis.countries import timeline_events

    facts = typed("country_facts",
                  fact("KHM", "cert_established", 2007, label="CamCERT"),
                  fact("JPN", "strategy", 2015),
                  fact("JPN", "cert_established", 1996, label="JPCERT/CC"),
                  fact("JPN", "gci_score", 2018, value=0.88),
                  fact("LAO", "cert_established", 2012))
    events = timeline_events(facts, COUNTRIES, ["JPN", "KHM"], pr.PROFILE_INDICATORS)
    assert events[["iso3", "indicator", "year"]].values.tolist() == [
        ["JPN", "cert_established", 1996], ["JPN", "strategy", 2015], ["KHM", "cert_established", 2007]]
    assert events["label"].fillna("").tolist() == ["JPCERT/CC", "", "CamCERT"]


def test_gci_history_labels_the_scale_by_edition_year_and_joins_ranks():
    facts = typed("country_facts",
                  fact("KHM", "gci_score", 2020, value=19.12, label="GCI 2020"),
                  fact("KHM", "gci_score", 2018, value=0.161, label="GCI 2018"),
                  fact("KHM", "gci_rank", 2018, value=131, label="GCI 2018"),
                  fact("JPN", "gci_score", 2024, value=97.58, label="GCI 2024"),
                  fact("JPN", "gci_score", 2017, value=None, label="GCI 2017"))
    history = pr.gci_history(facts, ["JPN", "KHM"])
    assert history["iso3"].tolist() == ["JPN", "KHM", "KHM"]
    assert history["edition"].tolist() == ["GCI 2024", "GCI 2018", "GCI 2020"]
    assert history["scale"].tolist() == ["0-100", "0-1", "0-100"]
    assert history["rank"].tolist()[1] == 131 and history["rank"].isna().tolist() == [True, False, True]


def test_gci_sentence_quotes_the_latest_edition_or_says_none_is_recorded():
    facts = typed("country_facts",
                  fact("KHM", "gci_score", 2018, value=0.161, label="GCI 2018"),
                  fact("KHM", "gci_rank", 2018, value=131, label="GCI 2018"),
                  fact("KHM", "gci_score", 2024, value=37.02, label="GCI 2024"))
    history = pr.gci_history(facts, ["KHM"])
    assert profile_words.gci_sentence(history, "KHM", "Cambodia") == (
        "Cambodia has 2 scored editions of the Global Cybersecurity Index; in the latest, GCI 2024, it scored "
        "37.02 on a 0-100 scale.")
    assert "rank 131" in profile_words.gci_sentence(history[history["year"] == 2018], "KHM", "Cambodia")
    assert profile_words.gci_sentence(history, "LAO", "Lao PDR") == "No Global Cybersecurity Index score of Lao PDR is recorded."


# ---------------------------------------------------------------------------------------------- incidents

INCIDENTS = typed("incidents",
                  incident(1, "KHM", "VNM", 2017),
                  incident(2, "KHM", None, 2013),
                  incident(3, "VNM", "VNM", 2015),
                  incident(4, "KHM", "CHN", None),
                  incident(5, "VNM", None, 2013))


def test_country_incidents_name_the_role_in_each():
    mine = pr.country_incidents(INCIDENTS, "VNM")
    assert mine["incident_id"].tolist() == ["INC-001", "INC-003", "INC-005"]
    assert mine["role"].tolist() == ["attributed origin", "victim and attributed origin", "victim"]
    assert pr.country_incidents(INCIDENTS, "LAO").empty


def test_incidents_by_role_fills_missing_years_and_counts_both_roles():
    table = pr.incidents_by_role(pr.country_incidents(INCIDENTS, "VNM"))
    assert table.index.tolist() == [2013, 2014, 2015, 2016, 2017]
    assert table["victim"].tolist() == [1, 0, 1, 0, 0]
    assert table["attributed origin"].tolist() == [0, 0, 1, 0, 1]


def test_incidents_by_role_is_empty_when_nothing_is_dated():
    table = pr.incidents_by_role(pr.country_incidents(INCIDENTS, "CHN"))
    assert table.empty and list(table.columns) == ["victim", "attributed origin"]


def test_incident_sentence_counts_roles_span_and_undated():
    assert profile_words.incident_sentence(pr.country_incidents(INCIDENTS, "VNM"), "Viet Nam") == (
        "3 incidents involve Viet Nam: 2 as victim and 2 as attributed origin, dated 2013 to 2017.")
    assert profile_words.incident_sentence(pr.country_incidents(INCIDENTS, "KHM"), "Cambodia") == (
        "3 incidents involve Cambodia: 3 as victim and 0 as attributed origin, dated 2013 to 2017 (1 undated).")
    assert profile_words.incident_sentence(pr.country_incidents(INCIDENTS, "CHN"), "China") == (
        "1 incident involves China: 0 as victim and 1 as attributed origin, not dated.")
    assert profile_words.incident_sentence(pr.country_incidents(INCIDENTS, "LAO"), "Lao PDR") == (
        "No incident in the data names Lao PDR as victim or as attributed origin.")


# ---------------------------------------------------------------------------------------------- provisions

CONVENTION = typed("convention", *({"article": a, "kind": "offence", "title": "t", "chapter": "II"} for a in (2, 3)))
ELEMENTS = typed("convention_elements", *({"article": a, "element": e, "label": e, "requirement": "mandatory",
                                           "field": e if e == "without_right" else "intent_required", "text": e,
                                           "source": "s", "locator": "l", "basis": "primary"}
                                          for a in (2, 3) for e in ("intentionally", "without_right")))


def provision(pid, country, instrument, articles, intent=None, right=None) -> dict:
    return {"provision_id": pid, "country": country, "instrument": instrument, "convention_articles": articles,
            "intent_required": intent, "without_right": right, "kind": "offence", "category": "cia",
            "text_basis": "quoted"}


PROVISIONS = typed("provisions",
                   provision("KHM-CC2009-1", "KHM", "Criminal Code", "2;3", intent=False, right=False),
                   provision("KHM-DL2019-1", "KHM", "Draft Law", "2", intent=True, right=True),
                   provision("JPN-UCA1999-1", "JPN", "Unauthorized Access Act", "2", intent=True, right=True),
                   provision("JPN-UCA1999-2", "JPN", "Unauthorized Access Act", None))
# The Code's offence is also restricted to some systems (a narrowing the Convention does not allow); its missing
# intent and "without right" alone would leave it broader, never short.
TABLES = {"provisions": PROVISIONS, "convention": CONVENTION, "convention_elements": ELEMENTS,
          "codings": typed("codings", {"record_id": "KHM-CC2009-1", "field": "narrowing:sector", "value": "true",
                                       "quote": "q", "source": "s", "locator": "l"}), "general_rules": None}


def test_coverage_rows_stack_countries_with_prefixed_instruments():
    rows = pr.coverage_rows(TABLES, ["JPN", "LAO", "KHM"])
    assert rows.index.tolist() == ["JPN: Unauthorized Access Act", "KHM: Criminal Code", "KHM: Draft Law"]
    # the Code's offence is narrowed by sector (narrower); the draft's shows both elements (meets); nothing for Art. 3
    assert rows.loc["KHM: Criminal Code", 2] == NARROWER and rows.loc["KHM: Draft Law", 2] == MEETS
    assert rows.loc["KHM: Draft Law", 3] == NOT_CODED


def test_coverage_rows_without_any_provision_is_empty_with_the_benchmark_articles():
    rows = pr.coverage_rows(TABLES, ["LAO"])
    assert rows.empty and list(rows.columns) == list(range(2, 14)) + list(range(15, 22))


def test_provisions_sentence_counts_counterparts_and_qualified_ones():
    # Art 2: the Code is narrowed, the draft shows both elements (meets); Art 3: the Code only (narrower)
    assert profile_words.provisions_sentence(TABLES, "KHM", "Cambodia") == (
        "2 provisions of Cambodia in 2 instruments are coded; they have a counterpart with known text to 2 of the "
        "19 benchmark articles of the Convention, 1 of them shown to meet the Convention's definition or safeguards "
        "(every mandatory element shown in the text read).")
    assert profile_words.provisions_sentence(TABLES, "LAO", "Lao PDR") == (
        "No provision of Lao PDR's law is coded against the Convention in provisions.csv.")


# ---------------------------------------------------------------------------------------------- profile sections


def test_profile_group_and_header_name_the_country_and_the_focus_beside_it():
    from research.sections import country_profile as ps

    assert ps.profile_group(COUNTRIES, "LAO", "KHM") == ps.ProfileGroup(["LAO", "KHM"], {"LAO": "Lao PDR",
                                                                                       "KHM": "Cambodia"},
                                                                        "Lao PDR and Cambodia")
    header = ps.profile_header(COUNTRIES, "LAO", "KHM", "2019-06-30")
    assert (header.name, header.region, header.asean_member, header.budapest_status, header.as_of_text) == (
        "Lao PDR", "not recorded", True, "not verified", "30 June 2019")
    with pytest.raises(pr.UnknownCountryError, match="no country XXX"):
        ps.profile_group(COUNTRIES, "XXX", "KHM")


def test_profile_sections_leave_the_focus_sentence_empty_for_the_focus_itself():
    from research.sections import country_profile as ps

    incidents = typed("incidents", incident(1, "KHM", "JPN", 2012), incident(2, "JPN", None, 2014),
                      incident(3, "KHM", "KHM"))
    of_japan = ps.incidents_section(incidents, COUNTRIES, "JPN", "KHM")
    assert (of_japan.n_incidents, of_japan.n_as_victim, of_japan.n_as_origin) == (2, 1, 1)
    assert of_japan.focus_incident_sentence.startswith("2 incidents involve Cambodia")
    assert ps.incidents_section(incidents, COUNTRIES, "KHM", "KHM").focus_incident_sentence == ""
    from research.analysis.countries import timeline_events

    events = timeline_events(typed("country_facts", fact("KHM", "strategy", 2015), fact("JPN", "strategy", 2013),
                                   fact("JPN", "cybercrime_law", 1999)), COUNTRIES, ["JPN", "KHM"],
                             pr.PROFILE_INDICATORS)
    assert ps.event_counts(events, COUNTRIES, "JPN", "KHM") == ps.EventCounts(
        2, 1, "The data record 2 dated institutional or Convention events for Japan.")
    assert ps.event_counts(events, COUNTRIES, "LAO", "KHM").events_sentence == (
        "The data record no dated institutional or Convention event for Lao PDR.")
