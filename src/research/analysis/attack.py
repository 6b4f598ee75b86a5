"""The incident record of one country, measured for section 1: entries by type, dating, origins abroad, a leak, the
first founding date of its response team; each measure carries the rows it counts."""

from __future__ import annotations

import pandas as pd

from research.analysis import incidents as inc
from research.analysis.asof import PAPER_DATE
from research.analysis.basis import Measure, merge, rows_of

ENTRY_TYPES = ("incident", "campaign", "claim")


def victim_of(incidents: pd.DataFrame, focus: str) -> pd.DataFrame:
    """The entries of the incident table whose victim is ``focus``."""
    return incidents[incidents["victim_country"].astype(str) == focus]


def entry_counts(incidents: pd.DataFrame) -> Measure:
    """How many entries, and how many of each type (``entries``, ``incident``, ``campaign``, ``claim``)."""
    kinds = incidents["entry_type"].astype(str)
    return Measure({"entries": len(incidents), **{k: int((kinds == k).sum()) for k in ENTRY_TYPES}},
                   rows_of("incidents", incidents, "entry_type"))


def undated(incidents: pd.DataFrame) -> Measure:
    """How many incidents and campaigns have no year."""
    rows = inc.counted(incidents)
    missing = rows[rows["year"].isna()]
    return Measure(len(missing), rows_of("incidents", missing, "year"))


def dating(incidents: pd.DataFrame, as_of: str | None) -> Measure:
    """The incidents and campaigns: how many, how many dated, the first and last year (``None`` if none is
    dated) and, for an edition after the paper's date, how many were first reported after it (else ``None``)."""
    rows = inc.counted(incidents)
    years = rows["year"].dropna().astype(int)
    after = as_of is not None and as_of > PAPER_DATE
    later = rows[~inc.known_by(rows, PAPER_DATE)] if after else rows.iloc[:0]
    return Measure({"counted": len(rows), "dated": len(years),
                    "span": (int(years.min()), int(years.max())) if len(years) else None,
                    "later": len(later) if after else None},
                   merge(rows_of("incidents", rows.dropna(subset=["year"]), "year"),
                         rows_of("incidents", later, "reported")))


def origins_abroad(incidents: pd.DataFrame) -> Measure:
    """The incidents and campaigns a source attributes to actors outside the victim country: how many are counted,
    and the count per attributed origin (ISO3 to count, commonest first)."""
    rows = inc.counted(incidents)
    origin = rows["actor_country"].astype("string")
    abroad = (origin.notna() & (origin != rows["victim_country"].astype("string"))).fillna(False).astype(bool)
    counts = origin[abroad].value_counts()
    return Measure({"counted": len(rows), "origins": {str(k): int(v) for k, v in counts.items()}},
                   rows_of("incidents", rows[abroad], "actor_country"))


def records_leaked(incidents: pd.DataFrame, actor: str, target_word: str) -> Measure:
    """The largest number of records leaked that the table records for ``actor`` against a target whose name holds
    ``target_word`` (``None`` when none is recorded)."""
    rows = inc.counted(incidents)
    hit = ((rows["actor"].astype("string") == actor)
           & rows["target"].astype("string").str.contains(target_word)).fillna(False).astype(bool)
    leaked = rows.loc[hit, "records_leaked"].dropna()
    return Measure(int(leaked.max()) if len(leaked) else None, rows_of("incidents", rows[hit], "records_leaked"))


def first_fact(facts: pd.DataFrame, focus: str, indicator: str) -> Measure:
    """The earliest dated fact of one kind for ``focus`` (a row of country_facts, ``None`` when none has a year)."""
    rows = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == indicator)]
    first = rows.dropna(subset=["year"]).sort_values("year", kind="stable").iloc[:1]
    return Measure(first.iloc[0] if len(first) else None, rows_of("country_facts", first))
