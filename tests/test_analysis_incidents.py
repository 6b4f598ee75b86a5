"""Tests for research.analysis.incidents on small frames typed like research.data.load() output."""

from __future__ import annotations

import pandas as pd
import pytest
from typed_frames import typed

import research.data
from research.analysis import incidents as inc


def incidents(*rows: dict) -> pd.DataFrame:
    """Incidents defaulting to entry_type incident (a claim must say so)."""
    return typed("incidents", *({"entry_type": "incident", **row} for row in rows))


def test_helper_builds_the_dtypes_that_load_returns(data_copy):
    real = research.data.load(data_copy, data_copy.parent / "references.bib", tables=["incidents"])["incidents"]
    mine = incidents({"incident_id": "INC-001"})
    assert mine.dtypes.to_dict() == real.dtypes.to_dict()
    assert list(mine["actor_type"].cat.categories) == list(real["actor_type"].cat.categories)


# incidents_by_year ------------------------------------------------------------------------------------------------


def test_incidents_by_year_spans_first_to_last_year_splits_by_report_date_and_keeps_schema_order():
    frame = incidents(
        {"year": 2012, "actor_type": "hacktivist", "reported": "2012-09"},
        {"year": 2010, "actor_type": "hacktivist"},  # no report date: placed by its year, 2010
        {"year": 2012, "actor_type": "state_sponsored", "reported": "2023-12"},  # reported after the paper
        {"year": 2012, "actor_type": "not_identified", "date": "2012-05"},
        {"year": None, "actor_type": "insider"},  # undated: not counted, and insider gets no column
        {"year": 2011, "actor_type": "hacktivist", "entry_type": "claim"},  # a claim is not an incident
    )
    table = inc.incidents_by_year(frame)
    # Schema order is state_sponsored, hacktivist, ..., not_identified (not alphabetical); 2011 has no incident.
    assert table.index.tolist() == [2010, 2011, 2012]
    assert table[inc.BY_PAPER].columns.tolist() == ["state_sponsored", "hacktivist", "not_identified"]
    assert table[inc.BY_PAPER].values.tolist() == [[0, 1, 0], [0, 0, 0], [0, 1, 1]]
    assert table[inc.LATER].values.tolist() == [[0, 0, 0], [0, 0, 0], [1, 0, 0]]


def test_known_by_compares_at_the_precision_given():
    # a year or month counts only once it is wholly past: "2019" may have been after June 2019, "2019-03" was not
    frame = incidents({"reported": "2019"}, {"reported": "2019-07"}, {"date": "2019-06-30"}, {"year": 2020}, {},
                      {"reported": "2019-03"}, {"year": 2018})
    assert inc.known_by(frame, "2019-06-30").tolist() == [False, False, True, False, True, True, True]  # {}: undated


def test_incidents_by_year_counts_only_dated_incidents():
    frame = incidents(
        {"year": 2015, "actor_type": "cybercriminal"},
        {"year": None, "actor_type": "cybercriminal"},
        {"year": None, "actor_type": "cybercriminal"},
    )
    table = inc.incidents_by_year(frame)
    assert table.index.tolist() == [2015]
    assert table.loc[2015, (inc.BY_PAPER, "cybercriminal")] == 1


@pytest.mark.parametrize(
    "frame",
    [incidents(), incidents({"year": None, "actor_type": "hacktivist"}, {"year": None, "actor_type": "not_identified"})],
    ids=["empty", "all-undated"],
)
def test_incidents_by_year_is_empty_when_nothing_is_dated(frame):
    table = inc.incidents_by_year(frame)
    assert table.empty
    assert table.index.name == "year"


# actor_impact -----------------------------------------------------------------------------------------------------


def test_actor_impact_counts_an_incident_once_in_each_property_it_breached():
    table = inc.actor_impact(incidents({"actor_type": "insider", "cia_impact": "confidentiality;availability"}))
    assert table.loc["insider"].tolist() == [1, 0, 1]


def test_actor_impact_table_order_and_omissions():
    frame = incidents(
        {"actor_type": "hacktivist", "cia_impact": "integrity;availability"},
        {"actor_type": "hacktivist", "cia_impact": "integrity"},
        {"actor_type": "not_identified", "cia_impact": None},  # no coded impact: unknown gets no row
        {"actor_type": "state_sponsored", "cia_impact": "confidentiality"},
    )
    # hacktivist: integrity twice, availability once; state_sponsored comes first in the schema's order.
    expected = pd.DataFrame(
        [[1, 0, 0], [0, 2, 1]],
        index=pd.Index(["state_sponsored", "hacktivist"], name="actor_type"),
        columns=pd.Index(["confidentiality", "integrity", "availability"], name="impact"),
    )
    pd.testing.assert_frame_equal(inc.actor_impact(frame), expected)


@pytest.mark.parametrize(
    "frame", [incidents(), incidents({"actor_type": "hacktivist"}, {"actor_type": "not_identified"})], ids=["empty", "no-impact"]
)
def test_actor_impact_is_empty_with_the_three_columns_when_no_impact_is_coded(frame):
    table = inc.actor_impact(frame)
    assert table.empty
    assert table.columns.tolist() == inc.CIA
