"""The basis of the section-prose results (research.sections.*): each recorded value names the data rows it
is computed from. Expected rows are worked out here from the shipped CSV files, read with pandas alone."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from research.analysis import asof
from research.data import load
from research.sections import incidents as ap
from research.sections import under_attack as ua
from research.sections import understanding_cybersecurity as uc

DATA = Path(__file__).resolve().parents[1] / "data"
PAPER = "2019-06-30"


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


def _end(text: str) -> str:
    """The last day (or later) of a date given to the year, month or day; "" (undated) sorts before any date."""
    return {4: f"{text}-12-31", 7: f"{text}-31"}.get(len(text), text)


def _known_incidents(focus: str = "KHM", date: str = PAPER) -> pd.DataFrame:
    """The focus country's incident rows reported by ``date`` (report date, else own date, else year, the whole period
    having passed); rows with no date at all are kept."""
    rows = _csv("incidents")
    when = rows["reported"].where(rows["reported"] != "", rows["date"].where(rows["date"] != "", rows["year"]))
    return rows[(rows["victim_country"] == focus) & (when.map(_end) <= date)]


@pytest.fixture(scope="module")
def tables():
    full = load()
    return asof.as_of(full, PAPER), asof.as_of(full, asof.reading_date(PAPER))


def test_attack_counts_name_every_entry_counted_and_the_penalty_its_rows(tables):
    data, paper = tables
    result = ua.under_attack(data, paper, "KHM", PAPER)
    known = _known_incidents()
    rows = result.basis.rows
    assert result.basis.function == "research.sections.under_attack.under_attack"
    assert set(rows["attack_counts_sentence"]) == {f"incidents:{i}#entry_type" for i in known["incident_id"]}
    counted = known[known["entry_type"] != "claim"]
    assert set(rows["attack_n_undated"]) == {f"incidents:{i}#year" for i in counted.loc[counted["year"] == "", "incident_id"]}
    assert len(rows["attack_n_undated"]) == result.attack_n_undated
    art28 = _csv("provisions")
    art28 = art28[(art28["instrument"].str.contains("Draft")) & (art28["article"] == "28") & (art28["country"] == "KHM")]
    assert f"provisions:{art28['provision_id'].iloc[0]}" in rows["attack_art28_penalty"]
    assert any(r.startswith("penalties:") for r in rows["attack_art28_penalty"])
    facts = _csv("country_facts")
    cert = facts[(facts["iso3"] == "KHM") & (facts["indicator"] == "cert_established")].sort_values("year")
    assert rows["attack_cert_sentence"] == (f"country_facts:KHM/cert_established/{cert['date'].iloc[0] or cert['year'].iloc[0]}",)
    assert all(r.startswith("country_facts:") or r.startswith("countries:") for r in rows["attack_gci_sentence"])
    assert any("/gci_score/" in r for r in rows["attack_gci_sentence"])


def test_attack_sentences_count_what_the_csv_files_hold(tables):
    # Counted here from incidents.csv alone: entries known by the paper's date, claims kept apart, and the years.
    data, paper = tables
    result = ua.under_attack(data, paper, "KHM", PAPER)
    known = _known_incidents()
    kinds = known["entry_type"].value_counts()
    assert (f"the incident table holds {len(known)} entries on attacks against Cambodia: {kinds['incident']} single "
            f"incidents, {kinds['campaign']} campaigns and {kinds['claim']} general claims") in result.attack_counts_sentence
    counted = known[known["entry_type"] != "claim"]
    years = counted.loc[counted["year"] != "", "year"].astype(int)
    assert result.attack_dating_sentence == (f"Of the {len(counted)} incidents and campaigns, {len(years)} can be "
                                             f"dated, from {years.min()} to {years.max()}.")


def test_understanding_names_the_incidents_typed_and_the_access_offences(tables):
    data, _ = tables
    result = uc.understanding(data, "KHM", "THA,VNM", PAPER)
    rows = result.basis.rows
    counted = _known_incidents()
    counted = counted[counted["entry_type"] != "claim"]
    assert set(rows["cyber_actor_sentence"]) == {f"incidents:{i}#actor_type" for i in counted["incident_id"]}
    impact = counted[counted["cia_impact"] != ""]
    assert set(rows["cyber_impact_sentence"]) == {f"incidents:{i}#cia_impact" for i in impact["incident_id"]}
    assert rows["cyber_csl_sentence"][0].startswith("country_facts:CHN/cybersecurity_law/")
    table = uc.access_table(data, "KHM", "THA,VNM")
    assert table.attrs["rows"] == [[f"provisions:{p.split('#')[0].split(':')[1]}"]
                                   for p in rows["cyber_access_sentence"]]


def test_incident_appendix_and_table_carry_their_rows(tables):
    data, _ = tables
    mine = data["incidents"][data["incidents"]["victim_country"].astype(str) == "KHM"]
    known = set(_known_incidents()["incident_id"])
    result = ap.incident_appendix(mine, PAPER)
    assert {r.split(":")[1].split("#")[0] for r in result.basis.rows["appx_table_sentence"]} == known
    table = ap.incident_table(mine, data["countries"])
    assert len(table.attrs["rows"]) == len(table)
    assert {r[0].split(":")[1] for r in table.attrs["rows"]} == known
    assert table.attrs["function"] == "research.sections.incidents.incident_table"


def _valid_on(rows: pd.DataFrame, date: str = PAPER) -> pd.DataFrame:
    """Provisions valid on ``date`` (from on or before it, not ended before it)."""
    start = rows["valid_from"].map(lambda t: t or "0000")
    end = rows["valid_to"].map(lambda t: t or "9999")
    return rows[(start <= date) & (end > date)]


def test_existing_law_names_the_provisions_and_penalties_it_quotes(tables):
    from research.sections import existing_law as el

    data, _ = tables
    result = el.existing_law(data, "KHM", 4000.0, PAPER)
    rows = result.basis.rows
    pens = _csv("penalties")
    basic = pens[(pens["tier"] == "basic") & pens["provisions"].str.split(";").map(lambda p: el.CC437 in p)]
    assert rows["law_cc437_penalty"] == (f"provisions:{el.CC437}", f"penalties:{basic['penalty_id'].iloc[0]}")
    assert "law_khr_per_usd" not in rows  # a parameter, not a data row
    force = _valid_on(_csv("provisions"))
    force = force[(force["country"] == "KHM") & (force["status"] == "in_force")]
    assert set(rows["law_in_force_sentence"]) == {f"provisions:{p}#status" for p in force["provision_id"]}
    vague = force[force["vague_terms"] != ""]
    assert {r for r in rows["law_vague_sentence"] if r.endswith("#vague_terms")} == {
        f"provisions:{p}#vague_terms" for p in vague["provision_id"]}


def test_conclusions_name_the_incidents_parties_and_status_rows(tables):
    from research.sections import conclusions as cr

    data, _ = tables
    rows = cr.conclusions(data, "KHM", PAPER).basis.rows
    counted = _known_incidents()
    counted = counted[counted["entry_type"] != "claim"]
    assert set(rows["concl_targets_sentence"]) == {f"incidents:{i}#target_sector" for i in counted["incident_id"]}
    parties = _csv("convention_parties")
    parties = parties[parties["date"] <= PAPER[:7]]
    assert rows["concl_latest_parties_sentence"] == (f"convention_parties:{max(parties['date'])}",)
    named = _csv("countries")
    named = named[(named["budapest_status"] == "party") & (named["source"] == cr.PAPER_KEY)]
    assert {r for r in rows["concl_parties_sentence"] if r.startswith("countries:")} == {
        f"countries:{i}#budapest_status" for i in named["iso3"]}
    assert "concl_n_recommendations" not in rows  # the paper's list, not a data row


def test_draft_law_names_the_drafts_rows_and_its_penalties(tables):
    from research.analysis.draft import PAPER_DRAFT
    from research.sections import draft_cybercrime_law as dl

    _, paper = tables
    result = dl.draft_law(paper, "KHM", PAPER)
    rows = result.basis.rows
    assert result.basis.function == "research.sections.draft_cybercrime_law.draft_law"
    draft = _valid_on(_csv("provisions"), asof.reading_date(PAPER))
    draft = draft[draft["instrument"] == PAPER_DRAFT]
    offences = draft[draft["kind"] == "offence"]
    assert set(rows["v1_offences_sentence"]) == {f"provisions:{p}#text_basis" for p in offences["provision_id"]}
    vague = draft[draft["vague_terms"] != ""]
    assert set(rows["v1_vague_sentence"]) == {f"provisions:{p}#vague_terms" for p in vague["provision_id"]}
    pens = _csv("penalties")
    group = pens[(pens["tier"] == "basic") & (pens["provisions"].str.contains(";"))
                 & pens["provisions"].str.split(";").map(lambda ps: set(ps) <= set(draft["provision_id"]))]
    assert rows["v1_group_penalty"][0] == f"penalties:{group['penalty_id'].iloc[0]}"
    assert rows["v1_art28_penalty"][0].endswith("-28")


def test_each_recommendation_row_names_the_rows_its_gap_was_measured_on(tables):
    from research.sections import conclusions as cr
    from research.sections import recommendations as rec

    data, _ = tables
    table = rec.recommendation_table(data, "KHM", PAPER)
    assert table.attrs["function"] == "research.sections.recommendations.recommendation_table"
    assert len(table.attrs["rows"]) == len(table) and all(table.attrs["rows"])
    by_gap = dict(zip([key for _, key in cr.RECOMMENDATIONS], table.attrs["rows"]))
    # the responsible authorities: which of the country's provisions are coded as institutions (every kind cell read)
    # (a row without valid_from counts from the end of its instrument's year, as the codebook dates it)
    every = _csv("provisions")
    every["valid_from"] = [f or f"{y}-12-31" for f, y in zip(every["valid_from"], every["instrument_year"])]
    mine = _valid_on(every)
    mine = mine[mine["country"] == "KHM"]
    assert set(by_gap["authorities"]) == {f"provisions:{p}#kind" for p in mine["provision_id"]}
    counted = _known_incidents()
    counted = counted[counted["entry_type"] != "claim"]
    assert set(by_gap["security_measures"]) == {f"incidents:{i}#target_sector" for i in counted["incident_id"]}
    assert by_gap["convention"][0] == "countries:KHM#budapest_status"
