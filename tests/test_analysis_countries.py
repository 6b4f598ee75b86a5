"""Tests for research.analysis.countries on small frames typed like research.data.load() output."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from typed_frames import typed

import research.data
from research.analysis import countries as cty
from research.analysis import parties as pty


def countries(*rows: dict) -> pd.DataFrame:
    return typed("countries", *rows)


def facts(*rows: dict) -> pd.DataFrame:
    return typed("country_facts", *rows)


def parties(*pairs: tuple[str, int]) -> pd.DataFrame:
    return typed("convention_parties", *({"date": d, "parties": n} for d, n in pairs))


def gci(iso3: str, label: str, value, year=...) -> dict:
    """A gci_score fact; the year defaults to the one in the label ("GCI 2018" -> 2018)."""
    return {"iso3": iso3, "indicator": "gci_score", "label": label, "value": value,
            "year": int(label.split()[-1]) if year is ... else year}


NAMES = countries(
    {"iso3": "KHM", "name": "Cambodia", "asean_member": True, "budapest_status": "none"},
    {"iso3": "THA", "name": "Thailand", "asean_member": True},
    {"iso3": "AUS", "name": "Australia", "asean_member": False, "budapest_status": "party"},
    {"iso3": "JPN", "name": "Japan", "asean_member": False, "budapest_status": "party"},
)


def test_helper_builds_the_dtypes_that_load_returns(data_copy):
    real = research.data.load(
        data_copy, data_copy.parent / "references.bib", tables=["country_facts", "convention_parties"]
    )
    assert NAMES.dtypes.to_dict() == real["countries"].dtypes.to_dict()
    assert facts(gci("KHM", "GCI 2018", 0.5)).dtypes.to_dict() == real["country_facts"].dtypes.to_dict()
    assert parties(("2019", 1)).dtypes.to_dict() == real["convention_parties"].dtypes.to_dict()


# timeline_events and first_event -----------------------------------------------------------------------------


def test_timeline_events_in_the_order_given_then_by_year_then_indicator():
    frame = facts(
        {"iso3": "KHM", "indicator": "strategy", "year": 2019},
        {"iso3": "KHM", "indicator": "cybercrime_law", "year": 2008},
        {"iso3": "KHM", "indicator": "cert_established", "year": 2008, "date": "2008-04", "label": "CamCERT"},
        {"iso3": "THA", "indicator": "cert_established", "year": 2000},
        {"iso3": "KHM", "indicator": "gci_score", "year": 2018, "value": 0.3},  # not a timeline indicator
        {"iso3": "AUS", "indicator": "strategy", "year": 2010},  # country not asked for
        {"iso3": "THA", "indicator": "strategy", "year": None},  # undated
    )
    events = cty.timeline_events(frame, NAMES, ["THA", "KHM"])
    assert events.columns.tolist() == ["iso3", "name", "indicator", "year", "date", "label"]
    assert list(events[["iso3", "name", "indicator", "year"]].itertuples(index=False, name=None)) == [
        ("THA", "Thailand", "cert_established", 2000),
        ("KHM", "Cambodia", "cert_established", 2008),  # same year as cybercrime_law: the indicators' order decides
        ("KHM", "Cambodia", "cybercrime_law", 2008),
        ("KHM", "Cambodia", "strategy", 2019),
    ]
    assert (events.loc[1, "date"], events.loc[1, "label"]) == ("2008-04", "CamCERT")
    assert pd.isna(events.loc[0, "date"]) and pd.isna(events.loc[0, "label"])


def test_timeline_events_indicator_subset_and_empty_input():
    frame = facts({"iso3": "KHM", "indicator": "strategy", "year": 2019},
                  {"iso3": "KHM", "indicator": "cert_established", "year": 2008})
    assert cty.timeline_events(frame, NAMES, ["KHM"], indicators=["strategy"])["indicator"].tolist() == ["strategy"]
    empty = cty.timeline_events(facts(), NAMES, ["KHM"])
    assert empty.empty and empty.columns.tolist() == ["iso3", "name", "indicator", "year", "date", "label"]


def test_first_event_year_and_its_rows():
    frame = facts(
        {"iso3": "KHM", "indicator": "cert_established", "year": 2010},
        {"iso3": "KHM", "indicator": "cert_established", "year": 2008},
        {"iso3": "THA", "indicator": "cert_established", "year": 2000},
        {"iso3": "KHM", "indicator": "strategy", "year": None},
    )
    assert cty.first_event(frame, "KHM", "cert_established").value == 2008
    assert cty.first_event(frame, "KHM", "cybercrime_law").value is None
    assert cty.first_event(frame, "KHM", "strategy").value is None  # only an undated fact
    assert cty.first_event(facts(), "KHM", "strategy").value is None
    # the rows are the facts of that kind in that year: KHM's CERT of 2008, not of 2010 nor THA's
    assert cty.first_event(frame, "KHM", "cert_established").rows == ("country_facts:KHM/cert_established/2008",)


# decimal_year, parties_over_time, parties_by, latest_parties ------------------------------------------------------


@pytest.mark.parametrize(
    "date, expected",
    [
        ("2019", 2019.5),  # mid-year
        ("2019-03", 2019 + 2.5 / 12),  # mid-March: two full months plus half of the third
        ("2019-03-01", 2019 + 2 / 12),  # first day of March
        ("2020-12-31", 2020 + 11 / 12 + 30 / 365),
    ],
)
def test_decimal_year(date, expected):
    assert pty.decimal_year(date) == pytest.approx(expected)


def test_decimal_year_is_increasing_across_precisions():
    ordered = ["2019-01-01", "2019-01", "2019-01-31", "2019-02-01", "2019", "2019-12-31", "2020-01-01"]
    values = [pty.decimal_year(d) for d in ordered]
    assert values == sorted(values) and len(set(values)) == len(values)


PARTIES = parties(("2019-03", 63), ("2015-05-29", 46), ("2006", 15), ("2015-05", 45), ("2024-10", 76))


def test_parties_over_time_sorted_by_fractional_year():
    frame = pty.parties_over_time(PARTIES)
    # 2006 -> 2006.5; 2015-05 -> 2015.375 (mid-May); 2015-05-29 -> 2015.41; 2019-03 -> 2019.21; 2024-10 -> 2024.79
    assert frame["date"].tolist() == ["2006", "2015-05", "2015-05-29", "2019-03", "2024-10"]
    assert frame["parties"].tolist() == [15, 45, 46, 63, 76]
    assert frame["year"].tolist() == pytest.approx([2006.5, 2015 + 4.5 / 12, 2015 + 4 / 12 + 28 / 365,
                                                   2019 + 2.5 / 12, 2024 + 9.5 / 12])
    assert PARTIES["date"].tolist()[0] == "2019-03"  # the input is not reordered


def test_parties_by_prefix():
    assert pty.parties_by(PARTIES, "2019-03") == 63
    assert pty.parties_by(PARTIES, "2006") == 15
    assert pty.parties_by(PARTIES, "2015-05") == 46  # two dates match: 2015-05-29 is later than mid-May
    assert pty.parties_by(PARTIES, "2010") is None
    assert pty.parties_by(parties(), "2019") is None


def test_latest_parties():
    assert pty.latest_parties(PARTIES) == pty.PartiesCount("2024-10", 76)
    assert pty.latest_parties(parties(("2024-06-20", 75))) == pty.PartiesCount("2024-06-20", 75)
    assert pty.latest_parties(parties()) is None


# status_members ---------------------------------------------------------------------------------------------------


def test_status_members_in_data_order():
    assert cty.status_members(NAMES, "party") == ["AUS", "JPN"]
    assert cty.status_members(NAMES, "none") == ["KHM"]  # THA has no recorded status
    assert cty.status_members(NAMES, "signatory") == []
    assert cty.status_members(countries(), "party") == []


# gci_scores, gci_rank_among, latest_gci_label ---------------------------------------------------------------------


def test_gci_scores_table():
    frame = facts(
        gci("KHM", "GCI 2014", 0.2),
        gci("KHM", "GCI 2018", 0.3),
        gci("THA", "GCI 2014", 0.6),
        gci("MMR", "GCI 2014", 0.1),  # not in the countries table: shown by its code
        gci("AUS", "GCI 2014", 0.9),  # not asked for
        {"iso3": "KHM", "indicator": "gci_rank", "year": 2014, "value": 120.0, "label": "GCI 2014"},
    )
    scores = cty.gci_scores(frame, NAMES, ["THA", "KHM", "MMR", "LAO"])  # LAO has no score: no row
    assert scores.index.tolist() == ["Thailand", "Cambodia", "MMR"]
    assert scores.index.name == "country"
    assert scores.columns.tolist() == ["GCI 2014", "GCI 2018"]
    assert scores.loc["Cambodia"].tolist() == [0.2, 0.3]
    assert scores.loc["Thailand", "GCI 2014"] == 0.6 and math.isnan(scores.loc["Thailand", "GCI 2018"])
    assert scores.dtypes.tolist() == ["float64", "float64"]


def test_gci_scores_empty():
    assert cty.gci_scores(facts(), NAMES, ["KHM"]).empty


RANKED = facts(
    gci("AAA", "GCI 2020", 50.0),
    gci("BBB", "GCI 2020", 70.0),
    gci("CCC", "GCI 2020", 70.0),
    gci("DDD", "GCI 2020", 30.0),
    gci("EEE", "GCI 2020", None),  # listed but not scored
    gci("FFF", "GCI 2020", 99.0),  # not in the group
    gci("DDD", "GCI 2018", 0.99),  # another edition
)
GROUP = ["AAA", "BBB", "CCC", "DDD", "EEE"]
RANKED_SCORES = {"AAA": 50.0, "BBB": 70.0, "CCC": 70.0, "DDD": 30.0}  # the GCI 2020 scores above


@pytest.mark.parametrize(
    "iso3, expected",
    [
        ("AAA", (3, 4)),  # BBB and CCC score strictly higher; four of the group are scored
        ("BBB", (1, 4)),  # tied with CCC: nobody strictly higher
        ("CCC", (1, 4)),
        ("DDD", (4, 4)),
        ("EEE", None),  # no score in this edition
        ("ZZZ", None),  # no row at all
    ],
)
def test_gci_rank_among(iso3, expected):
    assert cty.gci_rank_among(RANKED, iso3, "GCI 2020", GROUP).value == (cty.Rank(*expected, RANKED_SCORES[iso3]) if expected else None)


def test_gci_rank_among_other_edition_and_empty():
    assert cty.gci_rank_among(RANKED, "DDD", "GCI 2018", GROUP).value == cty.Rank(1, 1, 0.99)
    assert cty.gci_rank_among(RANKED, "AAA", "GCI 2018", GROUP).value is None
    assert cty.gci_rank_among(facts(), "AAA", "GCI 2020", GROUP).value is None


def test_latest_gci_label():
    frame = facts(
        gci("KHM", "GCI 2014", 0.1),
        gci("KHM", "GCI 2020", 20.0),
        gci("KHM", "GCI 2017", 0.2),
        gci("KHM", "GCI 2024", None),  # no score
        gci("KHM", "GCI undated", 0.3, year=None),
        {"iso3": "KHM", "indicator": "gci_rank", "year": 2024, "value": 150.0, "label": "GCI 2024"},
        gci("THA", "GCI 2024", 60.0),
    )
    assert cty.latest_gci_label(frame, "KHM") == "GCI 2020"
    assert cty.latest_gci_label(frame, "THA") == "GCI 2024"
    assert cty.latest_gci_label(frame, "LAO") is None
    assert cty.latest_gci_label(facts(), "KHM") is None


@pytest.mark.parametrize(
    "numbers,text",
    [([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21], "2-11 and 16-21"), ([5], "5"), ([], ""),
     ([1, 3, 4, 9], "1, 3-4 and 9"), ([4, 2, 3, 3], "2-4")],
)
def test_format_ranges(numbers, text):
    from research.analysis.common import format_ranges

    assert format_ranges(numbers) == text
