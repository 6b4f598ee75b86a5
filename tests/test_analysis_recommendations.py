"""Tests for research.analysis.recommendations on small frames typed like research.data.load() output; every
expected sentence is counted by hand from the rows below."""

from __future__ import annotations

import dataclasses

import pandas as pd
from typed_frames import typed

from research.analysis import recommendations as rec
from research.analysis.draft import PAPER_DRAFT

TABLES = ["provisions", "codings", "general_rules", "convention", "convention_elements", "countries",
          "country_facts", "convention_parties", "incidents"]


def row(pid: str, **fields) -> dict:
    return {"provision_id": pid, "country": "KHM", "instrument": "Criminal Code", "status": "in_force",
            "kind": "offence", "category": "cia", "text_basis": "quoted", **fields}


def small_tables(status: str = "none") -> dict[str, pd.DataFrame]:
    provisions = typed(
        "provisions",
        row("i1", vague_terms="public order"), row("i2", instrument="Press Law", vague_terms="security"), row("i3"),
        row("d1", instrument=PAPER_DRAFT, status="draft", dishonest_intent=False),
        row("d2", instrument=PAPER_DRAFT, status="draft", text_basis="heading"),
        row("c1", instrument=PAPER_DRAFT, status="draft", kind="cooperation", category="cooperation", text_basis="heading"),
        row("p1", kind="procedural_power", category="procedural", independent_supervision=True),
        row("p2", kind="procedural_power", category="procedural"),
        row("t1", country="THA", instrument="T", vague_terms="x"),
    )
    countries = typed("countries", {"iso3": "KHM", "name": "Cambodia", "asean_member": True, "budapest_status": status},
                      {"iso3": "THA", "name": "Thailand", "asean_member": True})
    facts = typed("country_facts", *({"iso3": c, "indicator": "gci_score", "year": 2018, "label": "GCI 2018", "value": v}
                                     for c, v in [("KHM", 0.3), ("THA", 0.8)]))
    parties = typed("convention_parties", {"date": "2019-03", "parties": 63}, {"date": "2024-10", "parties": 76})
    incidents = typed("incidents",
                      {"incident_id": "a", "entry_type": "incident", "actor_type": "hacktivist", "target_sector": "government"},
                      {"incident_id": "b", "entry_type": "campaign", "actor_type": "hacktivist", "target_sector": "election"},
                      {"incident_id": "c", "entry_type": "claim", "actor_type": "not_identified", "target_sector": "government"},
                      {"incident_id": "d", "entry_type": "incident", "actor_type": "hacktivist", "target_sector": "business"})
    return {"provisions": provisions, "countries": countries, "country_facts": facts, "convention_parties": parties,
            "incidents": incidents}


def test_measured_gaps_state_each_gap_counted_from_the_rows():
    gaps = rec.measured_gaps(small_tables(), "KHM")
    # in force: i1, i2, i3, p1, p2 (5); vague i1 and i2, in two instruments
    assert gaps.overlap_and_vagueness == "2 of the 5 provisions in force rely on an undefined broad term, in 2 instruments"
    assert gaps.draft_offences == ("1 of the draft's 2 offence articles are known to make no reference to dishonest "
                                   "intent; 1 are known only by their headings")
    assert gaps.authorities == "1 of the 2 procedural powers coded shows independent supervision of the authority that uses it"
    assert gaps.security_measures.startswith("2 incidents and campaigns")  # the claim and the business target left out
    assert gaps.cooperation.startswith("1 of the draft's 1 international co-operation articles")
    assert gaps.awareness == "GCI 2018: score 0.3, position 2 of the 2 ASEAN members scored"
    assert gaps.convention == "Cambodia is not recorded as a Party; the Convention had 76 Parties by October 2024"


def test_a_gap_the_data_show_closed_is_stated_as_met():
    assert rec.measured_gaps(small_tables("party"), "KHM").convention.startswith("met: Cambodia is recorded as a Party")


def test_the_table_quotes_the_seven_infographic_recommendations_each_with_its_gap():
    table = rec.recommendation_table(rec.measured_gaps(small_tables(), "KHM"))
    assert len(table) == 7 == len({f.name for f in dataclasses.fields(rec.MeasuredGaps) if f.name != "basis"})
    assert table.iloc[-1, 0] == "Cambodia should consider signing and ratifying the convention on cybercrime."
    assert table["what the data measure"].str.len().gt(0).all()
