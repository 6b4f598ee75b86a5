"""research.analysis.asof: the data as known on a date, at every precision a date may have (expected values by hand)."""

from __future__ import annotations

import pytest
from typed_frames import typed

from research.analysis import asof


@pytest.mark.parametrize("value, start, end", [("2019", "2019-01-01", "2019-12-31"), ("2019-02", "2019-02-01", "2019-02-28"),
                                               ("2020-02", "2020-02-01", "2020-02-29"), ("2019-06-30", "2019-06-30", "2019-06-30")])
def test_a_date_names_a_period(value, start, end):
    assert (asof.period_start(value), asof.period_end(value)) == (start, end)


def provisions(*rows):
    base = {"country": "KHM", "instrument": "Law", "instrument_year": 2014, "status": "draft", "kind": "offence",
            "category": "cia", "text_basis": "quoted", "summary": "s", "source": "s", "locator": "l", "basis": "paper"}
    return typed("provisions", *({**base, **r} for r in rows))


PROVISIONS = provisions(
    {"provision_id": "year", "valid_from": "2019"},  # some day in 2019
    {"provision_id": "month", "valid_from": "2019-06"},
    {"provision_id": "day", "valid_from": "2019-07-01"},
    {"provision_id": "ended", "valid_from": "2014-04-09", "valid_to": "2019-05"},
    {"provision_id": "ends-later", "valid_from": "2014-04-09", "valid_to": "2020"},
    {"provision_id": "no-date"},  # counts from its instrument year, 2014
)


@pytest.mark.parametrize("date, expected", [
    ("2019-06-29", ["ends-later", "no-date"]),
    ("2019-06-30", ["month", "ends-later", "no-date"]),
    ("2019-12-31", ["year", "month", "day", "ends-later", "no-date"]),
    ("2020-12-31", ["year", "month", "day", "no-date"]),
])
def test_provisions_valid_on_a_date_at_each_precision(date, expected):
    assert PROVISIONS.loc[asof.valid_on(PROVISIONS, date), "provision_id"].tolist() == expected


def test_as_of_keeps_penalties_and_quotations_only_of_the_provisions_kept():
    pens = typed("penalties",
                 {"penalty_id": "p-month", "provisions": "month", "tier": "basic", "source": "s", "locator": "l", "basis": "paper"},
                 {"penalty_id": "p-group", "provisions": "month;day", "tier": "basic", "source": "s", "locator": "l", "basis": "paper"})
    cods = typed("codings", *({"record_id": r, "field": "fine_max", "value": "1", "quote": "q", "source": "s", "locator": "l"}
                              for r in ("p-month", "p-group", "day", "month")))
    out = asof.as_of({"provisions": PROVISIONS, "penalties": pens, "codings": cods}, "2019-06-30")
    assert out["penalties"]["penalty_id"].tolist() == ["p-month"]  # the group holds a provision not yet valid
    assert out["codings"]["record_id"].tolist() == ["p-month", "month"]
    assert len(PROVISIONS) == 6  # the input is not changed


def test_facts_parties_and_incidents_as_of_a_date():
    facts = typed("country_facts", {"iso3": "KHM", "indicator": "strategy", "year": 2019},
                  {"iso3": "KHM", "indicator": "strategy", "year": 2019, "date": "2019-03"},
                  {"iso3": "KHM", "indicator": "strategy", "year": 2018})
    parties = typed("convention_parties", {"date": "2019-03", "parties": 63}, {"date": "2019", "parties": 64})
    incidents = typed("incidents", {"incident_id": "a", "entry_type": "incident", "year": 2021, "reported": "2019-05"},
                      {"incident_id": "b", "entry_type": "incident", "year": 2018, "reported": "2023-12"},
                      {"incident_id": "c", "entry_type": "incident", "year": 2018},
                      {"incident_id": "d", "entry_type": "incident"})  # no date at all: kept, counted as undated
    out = asof.as_of({"country_facts": facts, "convention_parties": parties, "incidents": incidents}, "2019-06-30")
    assert out["country_facts"]["date"].fillna("").tolist() == ["2019-03", ""]  # the bare 2019 is not yet past
    assert out["convention_parties"]["parties"].tolist() == [63]
    assert out["incidents"]["incident_id"].tolist() == ["a", "c", "d"]  # b was first reported in 2023


def test_no_date_leaves_the_tables_and_latest_date_reads_the_data_not_the_clock():
    tables = {"provisions": PROVISIONS}
    assert asof.as_of(tables, None)["provisions"] is PROVISIONS
    assert asof.latest_date(tables) == "2019-07-01"
