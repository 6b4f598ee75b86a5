"""Incidents: counts by year and actor type, and actor type against confidentiality/integrity/availability."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.common import shown_as, split_list

CIA = ["confidentiality", "integrity", "availability"]


def incidents_by_year(incidents: pd.DataFrame) -> pd.DataFrame:
    """Count dated incidents per year and actor type.

    Parameters
    ----------
    incidents : DataFrame
        With ``year`` (nullable int) and ``actor_type`` (categorical) columns.

    Returns
    -------
    DataFrame
        One row per year from the first to the last dated incident (years without incidents included, as
        zeros), one column per actor type that occurs; empty if nothing is dated.
    """
    dated = incidents.dropna(subset=["year"])
    if dated.empty:
        return pd.DataFrame(index=pd.Index([], name="year", dtype="int64"))
    counts = pd.crosstab(dated["year"].astype(int), dated["actor_type"].astype(str))
    years = range(int(dated["year"].min()), int(dated["year"].max()) + 1)
    levels = [c for c in _levels(incidents["actor_type"]) if c in counts.columns]
    table = counts.reindex(index=years, columns=levels, fill_value=0)
    table.index.name = "year"
    table.columns.name = "actor_type"
    return table.astype(int)


def _levels(series: pd.Series) -> list[str]:
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [str(c) for c in series.cat.categories]
    return sorted(series.dropna().astype(str).unique())


def actor_impact(incidents: pd.DataFrame) -> pd.DataFrame:
    """Count incidents per actor type that breached each of confidentiality, integrity and availability.

    An incident that breached two properties counts once in each. Actor types with no coded impact are left out.
    """
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


@dataclass(frozen=True)
class IncidentSummary:
    """Headline numbers about the incidents, as the prose quotes them.

    ``first_year`` and ``last_year`` are ``None`` when nothing is dated; ``top_actor_type`` is the commonest
    identified type (``unknown`` excluded) in words, or ``unknown``; ``max_records_leaked`` is 0 when none is
    counted; ``n_attributed_foreign`` counts incidents attributed to a state other than the victim.
    """

    n_incidents: int
    n_dated: int
    n_undated: int
    first_year: int | None = shown_as("d")
    last_year: int | None = shown_as("d")
    top_actor_type: str = ""
    n_top_actor_type: int = 0
    max_records_leaked: int = 0
    n_attributed_foreign: int = 0


def incident_summary(incidents: pd.DataFrame) -> IncidentSummary:
    """Headline numbers about the incidents, for the prose (see :class:`IncidentSummary`)."""
    dated = incidents["year"].dropna()
    actor = incidents["actor_type"].astype(str)
    counts = actor[actor != "unknown"].value_counts()
    foreign = incidents["actor_country"].notna() & (
        incidents["actor_country"].astype(str) != incidents["victim_country"].astype(str)
    )
    leaked = incidents["records_leaked"].dropna()
    return IncidentSummary(
        n_incidents=int(len(incidents)),
        n_dated=int(dated.size),
        n_undated=int(len(incidents) - dated.size),
        first_year=int(dated.min()) if dated.size else None,
        last_year=int(dated.max()) if dated.size else None,
        top_actor_type=str(counts.index[0]).replace("_", " ") if len(counts) else "unknown",
        n_top_actor_type=int(counts.iloc[0]) if len(counts) else 0,
        max_records_leaked=int(leaked.max()) if leaked.size else 0,
        n_attributed_foreign=int(foreign.sum()),
    )


@dataclass(frozen=True)
class ActorCounts:
    """Incidents of the actor types the prose names (``unknown``: no source identifies the attacker)."""

    n_hacktivist: int
    n_state_sponsored: int
    n_social_media_hacker: int
    n_unknown_actor: int


def actor_counts(incidents: pd.DataFrame) -> ActorCounts:
    """How many incidents each actor type the prose names accounts for."""
    return ActorCounts(*(count_actor_type(incidents, a)
                         for a in ("hacktivist", "state_sponsored", "social_media_hacker", "unknown")))


@dataclass(frozen=True)
class TopAttackType:
    """The commonest attack type in words (``n/a`` when none is coded) and its number of incidents."""

    top_attack_type: str
    n_top_attack_type: int


def top_attack_type(incidents: pd.DataFrame) -> TopAttackType:
    """The commonest attack type (ties by name), see :func:`attack_type_counts`."""
    attacks = attack_type_counts(incidents)
    if not len(attacks):
        return TopAttackType("n/a", 0)
    return TopAttackType(str(attacks.index[0]).replace("_", " "), int(attacks.iloc[0]))


@dataclass(frozen=True)
class ImpactTotals:
    """Incidents that breached each security property (one incident can count in several)."""

    n_confidentiality: int
    n_integrity: int
    n_availability: int


def impact_totals(incidents: pd.DataFrame) -> ImpactTotals:
    """Totals of :func:`actor_impact` per property (0 for a property nothing breached)."""
    impact = actor_impact(incidents)
    return ImpactTotals(*(int(impact[p].sum()) if p in impact else 0 for p in CIA))


def count_actor_type(incidents: pd.DataFrame, actor_type: str) -> int:
    """Number of incidents of one actor type."""
    return int((incidents["actor_type"].astype(str) == actor_type).sum())


def attack_type_counts(incidents: pd.DataFrame) -> pd.Series:
    """How many incidents involved each attack type, most frequent first (ties by name)."""
    items = split_list(incidents["attack_types"])
    counts = items.value_counts()
    return counts.sort_index().sort_values(ascending=False, kind="stable")
