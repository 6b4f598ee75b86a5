"""Profiles dated and in house style; `research sweep --countries` checked before anything runs; the tracker in a
profile. Expected sentences are written out by hand from the made rows."""

from __future__ import annotations

import pandas as pd

from research.cli import main
from research.sections import country_profile as profile_words
from research.sections import tracker_words
from research.sweep.sweep import SweepConfig, latest_row_date, make_plan


def test_a_code_outside_the_data_is_refused_before_anything_runs(data_copy, references_copy, tmp_path, capsys):
    output = tmp_path / "out"
    status = main(["sweep", "--countries", "KHM,XYZ", "--data-dir", str(data_copy), "--references",
                   str(references_copy), "--output-dir", str(output)])
    err = capsys.readouterr().err
    assert status == 1
    assert err == "error: parameter iso3='XYZ' is not a country in countries.csv\n"  # the same line as --focus XYZ
    assert not output.exists()  # no index, no failed row, no folder


def test_the_sweep_dates_every_profile_by_the_latest_row_unless_told(data_copy, references_copy, tmp_path):
    with (data_copy / "country_facts.csv").open("a", encoding="utf-8") as f:
        f.write("KHM,strategy,2030,2030-01-02,,A strategy,nguon2019cambodia,p. 1,paper\n")
    assert latest_row_date(data_copy) == "2030-01-02"
    config = SweepConfig(data_dir=data_copy, references=references_copy, output_dir=tmp_path / "o",
                         countries=["KHM"], as_of="2019-06-30")
    assert make_plan(config)[0].parameters["as_of"] == "2019-06-30"


def test_profile_sentences_agree_in_number():
    assert profile_words.events_sentence(0, "Laos") == "The data record no dated institutional or Convention event for Laos."
    assert profile_words.events_sentence(1, "Laos") == "The data record 1 dated institutional or Convention event for Laos."
    assert profile_words.convention_sentence("Laos", "none", {"signature": None}, "2018-01-01") == (
        "No signature, ratification, acceptance, approval, accession or entry into force is recorded by 1 January 2018.")
    assert profile_words.convention_sentence("Laos", "none", {"signature": "2020"}, "2021-01-01") == (
        "As of March 2019, Laos was neither a Party to nor a signatory of the Convention. Recorded steps by 1 January "
        "2021: signature 2020.")


def law_row(iso3, area, status, date, instruments):
    return {"iso3": iso3, "area": area, "status": status, "date": date, "instruments": instruments,
            "release": "r", "source": "unctadtest", "groups": "", "m49_region": "Asia"}


def test_a_profile_gives_the_tracker_known_by_its_date_and_our_coding_beside_it():
    tables = {
        "law_status": pd.DataFrame([law_row("AAA", "cybercrime", "draft", "2026-04-27", "Draft Cybercrime law, 2023."),
                                    law_row("AAA", "consumer_protection", "none", "2026-04-27", pd.NA)]),
        "provisions": pd.DataFrame([{"provision_id": "AAA-1", "country": "AAA", "instrument": "Penal Code",
                                     "status": "in_force", "kind": "offence", "convention_articles": "2",
                                     "valid_from": "2010-01-01", "valid_to": pd.NA, "source": "aaapenal"}]),
        "country_facts": pd.DataFrame(columns=["iso3", "indicator", "year", "date", "label", "source"]),
        "countries": pd.DataFrame({"iso3": ["AAA"], "name": ["Aland"]}),
    }
    section = tracker_words.tracker_section(tables, "AAA", "Aland", "2026-12-31")
    assert section.unctad_cybercrime == "a draft"
    assert section.tracker_sentence.startswith(
        "UNCTAD's Global Cyberlaw Tracker of 27 April 2026 records for Aland: cybercrime, a draft (\u201cDraft "
        "Cybercrime law, 2023\u201d); consumer protection, no legislation (titles as the tracker gives them).")
    assert section.tracker_agreement_sentence == (
        "On the same date our coded provisions say legislation (Penal Code (AAA-1)); dates: in force or pending, no "
        "end known. This disagrees with UNCTAD's status (a draft); the disagreement is reported, not resolved. The "
        "instruments UNCTAD links share no distinctive word of their names with those we code.")
    before = tracker_words.tracker_section(tables, "AAA", "Aland", "2019-06-30")
    assert before == tracker_words.TrackerSection("", "", "")  # the release is later than the profile's date


def test_without_a_tracker_the_profile_says_nothing_of_one():
    from research.data import load

    assert tracker_words.tracker_section(load(), "KHM", "Cambodia", "2026-01-01") == (
        tracker_words.TrackerSection("", "", ""))
