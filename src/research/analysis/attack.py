"""The incident record of one country, measured for section 1: entries by type, dating, origins abroad, a leak, the
first founding date of its response team; each measure carries the rows it counts."""

from __future__ import annotations

import pandas as pd

from research.analysis import incidents as inc
from research.analysis.asof import PAPER_DATE, latest_entry
from research.analysis.basis import Measure, rows_of, trace
from research.analysis.since import latest_rows

ENTRY_TYPES = ("incident", "campaign", "claim")


def victim_of(incidents: pd.DataFrame, focus: str) -> pd.DataFrame:
    """The entries of the incident table whose victim is ``focus``."""
    return incidents[incidents["victim_country"].astype(str) == focus]


def entries(incidents: pd.DataFrame, kind: str | None = None) -> Measure:
    """How many entries of ``kind`` (one of :data:`ENTRY_TYPES`; every entry without it), with their type cells."""
    rows = incidents if kind is None else incidents[incidents["entry_type"].astype(str) == kind]
    return Measure(len(rows), rows_of("incidents", rows, "entry_type"))


def entry_counts(incidents: pd.DataFrame) -> Measure:
    """How many entries, and how many of each type (``entries``, ``incident``, ``campaign``, ``claim``)."""
    every, kinds = entries(incidents), {k: entries(incidents, k) for k in ENTRY_TYPES}
    return Measure({"entries": every.value, **{k: m.value for k, m in kinds.items()}}, trace(every, *kinds.values()))


def undated(incidents: pd.DataFrame) -> Measure:
    """How many incidents and campaigns have no year."""
    rows = inc.counted(incidents)
    missing = rows[rows["year"].isna()]
    return Measure(len(missing), rows_of("incidents", missing, "year"))


def counted(incidents: pd.DataFrame) -> Measure:
    """How many incidents and campaigns (the entries counted; claims are not), with their type cells."""
    rows = inc.counted(incidents)
    return Measure(len(rows), rows_of("incidents", rows, "entry_type"))


def dated(incidents: pd.DataFrame) -> Measure:
    """How many incidents and campaigns have a year, with their year cells."""
    rows = inc.counted(incidents).dropna(subset=["year"])
    return Measure(len(rows), rows_of("incidents", rows, "year"))


def year_bound(incidents: pd.DataFrame, last: bool = False) -> Measure:
    """The first (``last``: the last) year of the incidents and campaigns, with the year cells of the entries of
    that year (``None`` if none is dated)."""
    rows = inc.counted(incidents).dropna(subset=["year"])
    if not len(rows):
        return Measure(None)
    years = rows["year"].astype(int)
    year = int(years.max() if last else years.min())
    return Measure(year, rows_of("incidents", rows[years == year], "year"))


def reported_after(incidents: pd.DataFrame, as_of: str | None) -> Measure:
    """For an edition after the paper's date, how many incidents and campaigns were first reported after it, with
    their report dates (``None`` for an edition on or before it)."""
    if as_of is None or as_of <= PAPER_DATE:
        return Measure(None)
    rows = inc.counted(incidents)
    later = rows[~inc.known_by(rows, PAPER_DATE)]
    return Measure(len(later), rows_of("incidents", later, "reported"))


def dating(incidents: pd.DataFrame, as_of: str | None) -> Measure:
    """The incidents and campaigns: how many (:func:`counted`), how many dated (:func:`dated`), the first and last
    year (``span``, ``None`` if none is dated: :func:`year_bound`) and, for an edition after the paper's date, how
    many were first reported after it (else ``None``: :func:`reported_after`); the rows of the dated and the later."""
    first, last, years, later = year_bound(incidents), year_bound(incidents, True), dated(incidents), \
        reported_after(incidents, as_of)
    return Measure({"counted": counted(incidents).value, "dated": years.value,
                    "span": (first.value, last.value) if years.value else None, "later": later.value},
                   trace(years, later))


def _abroad(rows: pd.DataFrame) -> pd.Series:
    """Which rows a source attributes to actors outside the victim country."""
    origin = rows["actor_country"].astype("string")
    return (origin.notna() & (origin != rows["victim_country"].astype("string"))).fillna(False).astype(bool)


def origins_abroad(incidents: pd.DataFrame) -> Measure:
    """The incidents and campaigns a source attributes to actors outside the victim country: how many are counted,
    and the count per attributed origin (ISO3 to count, commonest first)."""
    rows = inc.counted(incidents)
    abroad = _abroad(rows)
    counts = rows["actor_country"].astype("string")[abroad].value_counts()
    return Measure({"counted": len(rows), "origins": {str(k): int(v) for k, v in counts.items()}},
                   rows_of("incidents", rows[abroad], "actor_country"))


def attributed_abroad(incidents: pd.DataFrame) -> Measure:
    """How many incidents and campaigns a source attributes to actors outside the victim country."""
    rows = inc.counted(incidents)
    abroad = rows[_abroad(rows)]
    return Measure(len(abroad), rows_of("incidents", abroad, "actor_country"))


def commonest_origin(incidents: pd.DataFrame) -> Measure:
    """How many incidents and campaigns the commonest attributed origin abroad has (``None`` if none is attributed
    abroad), with the rows of that origin (of every origin that has as many)."""
    rows = inc.counted(incidents)
    abroad = rows[_abroad(rows)]
    counts = abroad["actor_country"].astype(str).value_counts()
    if not len(counts):
        return Measure(None)
    top = abroad[abroad["actor_country"].astype(str).isin(counts[counts == counts.max()].index)]
    return Measure(int(counts.max()), rows_of("incidents", top, "actor_country"))


def records_leaked(incidents: pd.DataFrame, actor: str, target_word: str) -> Measure:
    """The largest number of records leaked that the table records for ``actor`` against a target whose name holds
    ``target_word`` (``None`` when none is recorded)."""
    rows = inc.counted(incidents)
    hit = ((rows["actor"].astype("string") == actor)
           & rows["target"].astype("string").str.contains(target_word)).fillna(False).astype(bool)
    leaked = rows.loc[hit, "records_leaked"].dropna()
    return Measure(int(leaked.max()) if len(leaked) else None, rows_of("incidents", rows[hit], "records_leaked"))


def latest_dated(tables: dict) -> Measure:
    """The latest date any row of ``tables`` carries, as written (``None`` when nothing is dated), with the rows
    dated on the data's latest date."""
    return Measure(latest_entry(tables), latest_rows(tables))


def first_fact(facts: pd.DataFrame, focus: str, indicator: str) -> Measure:
    """The earliest dated fact of one kind for ``focus`` (a row of country_facts, ``None`` when none has a year)."""
    rows = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == indicator)]
    first = rows.dropna(subset=["year"]).sort_values("year", kind="stable").iloc[:1]
    return Measure(first.iloc[0] if len(first) else None, rows_of("country_facts", first))
