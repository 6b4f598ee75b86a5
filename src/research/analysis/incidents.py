"""Incidents: counts by year and actor type, and actor type against confidentiality/integrity/availability."""

from __future__ import annotations

import pandas as pd

from research.analysis.asof import PAPER_DATE, incidents_known
from research.analysis.common import split_list

CIA = ["confidentiality", "integrity", "availability"]
COUNTED = ("incident", "campaign")  # claims (general statements, groups named with no incident) are not incidents
BY_PAPER, LATER = "by the paper's date", "reported later"


def counted(incidents: pd.DataFrame) -> pd.DataFrame:
    """The incidents and campaigns, without general claims."""
    return incidents[incidents["entry_type"].astype(str).isin(COUNTED)]


def known_by(incidents: pd.DataFrame, date: str = PAPER_DATE) -> pd.Series:
    """Whether each row was reported by ``date`` (its report date, else its own date or year; see
    :func:`research.analysis.asof.incidents_known`)."""
    return incidents_known(incidents, date)


def incidents_by_year(incidents: pd.DataFrame, date: str = PAPER_DATE) -> pd.DataFrame:
    """Count dated incidents and campaigns per year, actor type and whether they were reported by ``date``.

    Returns
    -------
    DataFrame
        One row per year from the first to the last dated incident (years without incidents as zeros); columns a
        MultiIndex (``period``: ``by the paper's date`` / ``reported later``, ``actor_type``) for the types that
        occur; empty if nothing is dated.
    """
    rows = counted(incidents)
    dated = rows.dropna(subset=["year"])
    if dated.empty:
        return pd.DataFrame(index=pd.Index([], name="year", dtype="int64"))
    period = known_by(dated, date).map({True: BY_PAPER, False: LATER})
    counts = pd.crosstab(dated["year"].astype(int), [period, dated["actor_type"].astype(str)])
    years = range(int(dated["year"].min()), int(dated["year"].max()) + 1)
    levels = [c for c in _levels(incidents["actor_type"]) if c in set(dated["actor_type"].astype(str))]
    columns = pd.MultiIndex.from_product([[BY_PAPER, LATER], levels], names=["period", "actor_type"])
    table = counts.reindex(index=years, columns=columns, fill_value=0)
    table.index.name = "year"
    return table.astype(int)


def _levels(series: pd.Series) -> list[str]:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [str(c) for c in series.cat.categories]
    return sorted(series.dropna().astype(str).unique())


def actor_impact(incidents: pd.DataFrame) -> pd.DataFrame:
    """Count incidents per actor type that breached each of confidentiality, integrity and availability.

    An incident that breached two properties counts once in each. Actor types with no coded impact are left out.
    """
    incidents = counted(incidents)
    items = split_list(incidents["cia_impact"])
    if items.empty:
        return pd.DataFrame(columns=CIA, dtype="int64")
    actors = incidents.loc[items.index, "actor_type"].astype(str)
    table = pd.crosstab(actors.values, items.values).reindex(columns=CIA, fill_value=0)
    order = [c for c in _levels(incidents["actor_type"]) if c in table.index]
    table = table.reindex(order)
    table.index.name = "actor_type"
    table.columns.name = "impact"
    return table.astype(int)
