"""Each measure carries the rows it counted (research.analysis.basis.Measure): the value and its trace come from one
selection. Expected values and rows are read off the small frames of report_frames by hand."""

from __future__ import annotations

from report_frames import INCIDENTS, TABLES

from research.analysis import attack
from research.analysis import gaps as gp
from research.analysis.basis import Measure, trace


def test_a_sentence_is_traced_to_the_union_of_its_measures_in_order_once_each():
    assert trace(Measure(1, ("a:1", "a:2")), Measure(2, ("a:2", "b:1")), Measure(None)) == ("a:1", "a:2", "b:1")


def test_entry_counts_count_every_entry_and_carry_every_entry_type_cell():
    counts = attack.entry_counts(INCIDENTS)
    assert counts.value == {"entries": 6, "incident": 4, "campaign": 1, "claim": 1}
    assert counts.rows == tuple(f"incidents:{i}#entry_type" for i in "123456")


def test_undated_and_dating_carry_the_year_cells_they_read_and_later_reports_only_in_a_later_edition():
    # rows 1-5 are incidents or campaigns; row 5 has no year; row 4 (2021) was first reported in December 2021
    assert attack.undated(INCIDENTS) == Measure(1, ("incidents:5#year",))
    on_paper = attack.dating(INCIDENTS, "2019-06-30")
    assert on_paper.value == {"counted": 5, "dated": 4, "span": (2010, 2021), "later": None}
    assert on_paper.rows == ("incidents:1#year", "incidents:2#year", "incidents:3#year", "incidents:4#year")
    later = attack.dating(INCIDENTS, "2026-12-01")
    assert later.value["later"] == 1 and later.rows[-1] == "incidents:4#reported"


def test_origins_abroad_count_each_origin_from_the_rows_they_carry():
    origins = attack.origins_abroad(INCIDENTS)
    assert origins.value == {"counted": 5, "origins": {"CHN": 2, "IRN": 1}}
    assert origins.rows == ("incidents:2#actor_country", "incidents:3#actor_country", "incidents:4#actor_country")


def test_the_leak_and_the_founding_fact_carry_the_one_row_they_read():
    assert attack.records_leaked(INCIDENTS, "Anonymous", "Foreign Affairs") == Measure(5000, ("incidents:1#records_leaked",))
    assert attack.records_leaked(INCIDENTS, "Nobody", "Foreign Affairs") == Measure(None, ())
    founded = attack.first_fact(TABLES["country_facts"], "KHM", "cert_established")
    assert founded.value["label"] == "CamCERT" and len(founded.rows) == 1
    assert founded.rows[0].startswith("country_facts:KHM/cert_established/")


def test_each_gap_is_measured_with_the_rows_of_its_own_selection():
    measured = gp.gaps(TABLES, "KHM")
    assert list(measured) == ["overlap_and_vagueness", "draft_offences", "authorities", "security_measures",
                              "cooperation", "awareness", "convention"]
    # the state targets: rows 1, 3 and 5 (government) of the five incidents and campaigns; every target cell counted
    assert measured["security_measures"] == Measure((3, 5), tuple(f"incidents:{i}#target_sector" for i in "12345"))
    for key, measure in measured.items():
        assert all(":" in row for row in measure.rows), key
