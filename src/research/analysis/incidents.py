"""Incidents: counts by year and actor type, and actor type against confidentiality/integrity/availability."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.asof import PAPER_DATE, incidents_known
from research.analysis.basis import Basis, basis_field, rows_of, traced
from research.analysis.common import shown_as, split_list
from research.data.labels import label

CIA = ["confidentiality", "integrity", "availability"]
COUNTED = ("incident", "campaign")  # claims (general statements, groups named with no incident) are not incidents
UNTYPED = ("not_identified", "named_untyped")
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


@dataclass(frozen=True)
class IncidentSummary:
    """Headline numbers about the incidents and campaigns (general claims apart), as the prose quotes them.

    ``first_year`` and ``last_year`` are ``None`` when nothing is dated; ``top_actor_type`` is the commonest type a
    source gives (unidentified and untyped actors excluded) in words, or ``none``; ``n_attributed_foreign`` counts
    those attributed to a state other than the victim; ``n_by_paper`` those reported by the paper's date.
    """

    n_incidents: int
    n_campaigns: int
    n_claims: int
    n_dated: int
    n_undated: int
    first_year: int | None = shown_as("d")
    last_year: int | None = shown_as("d")
    top_actor_type: str = ""
    n_top_actor_type: int = 0
    max_records_leaked: int = 0
    n_attributed_foreign: int = 0
    n_by_paper: int = 0
    n_later: int = 0
    basis: Basis = basis_field()


@traced
def incident_summary(incidents: pd.DataFrame, date: str = PAPER_DATE) -> IncidentSummary:
    """Headline numbers about the incidents, for the prose (see :class:`IncidentSummary`)."""
    rows = counted(incidents)
    dated = rows["year"].dropna()
    actor = rows["actor_type"].astype(str)
    counts = actor[~actor.isin(UNTYPED)].value_counts()
    foreign = rows["actor_country"].notna() & (rows["actor_country"].astype(str) != rows["victim_country"].astype(str))
    leaked = rows["records_leaked"].dropna()
    known = known_by(rows, date)
    early = int(known.sum())
    years = rows["year"]
    top = counts.index[0] if len(counts) else None

    def of(mask) -> tuple[str, ...]:
        return rows_of("incidents", rows[pd.Series(mask, index=rows.index).astype("boolean").fillna(False).astype(bool)])

    basis = Basis({
        "n_incidents": rows_of("incidents", rows), "n_campaigns": of(rows["entry_type"].astype(str) == "campaign"),
        "n_claims": rows_of("incidents", incidents[~incidents.index.isin(rows.index)]),
        "n_dated": of(years.notna()), "n_undated": of(years.isna()),
        "first_year": of(years == dated.min()) if dated.size else (), "last_year": of(years == dated.max()) if dated.size else (),
        "top_actor_type": of(actor == top), "n_top_actor_type": of(actor == top),
        "max_records_leaked": of(rows["records_leaked"] == leaked.max()) if leaked.size else (),
        "n_attributed_foreign": of(foreign), "n_by_paper": of(known), "n_later": of(~known),
    })
    return IncidentSummary(
        n_incidents=int(len(rows)),
        n_campaigns=int((rows["entry_type"].astype(str) == "campaign").sum()),
        n_claims=int(len(incidents) - len(rows)),
        n_dated=int(dated.size),
        n_undated=int(len(rows) - dated.size),
        first_year=int(dated.min()) if dated.size else None,
        last_year=int(dated.max()) if dated.size else None,
        top_actor_type=label("incidents", "actor_type", counts.index[0]) if len(counts) else "none",
        n_top_actor_type=int(counts.iloc[0]) if len(counts) else 0,
        max_records_leaked=int(leaked.max()) if leaked.size else 0,
        n_attributed_foreign=int(foreign.sum()),
        n_by_paper=early,
        n_later=int(len(rows) - early),
        basis=basis,
    )


@dataclass(frozen=True)
class ActorCounts:
    """Incidents and campaigns of the actor types the prose names; ``n_not_identified``: no source identifies the
    attacker; ``n_named_untyped``: a group is named but no source gives its type."""

    n_hacktivist: int
    n_state_sponsored: int
    n_social_media_hacker: int
    n_not_identified: int
    n_named_untyped: int
    basis: Basis = basis_field()


ACTOR_FIELDS = {"n_hacktivist": "hacktivist", "n_state_sponsored": "state_sponsored",
                "n_social_media_hacker": "social_media_hacker", "n_not_identified": "not_identified",
                "n_named_untyped": "named_untyped"}


@traced
def actor_counts(incidents: pd.DataFrame) -> ActorCounts:
    """How many incidents and campaigns each actor type the prose names accounts for."""
    rows = counted(incidents)
    basis = Basis({name: rows_of("incidents", rows[rows["actor_type"].astype(str) == a])
                   for name, a in ACTOR_FIELDS.items()})
    return ActorCounts(*(count_actor_type(rows, a) for a in ACTOR_FIELDS.values()), basis=basis)


@dataclass(frozen=True)
class TopAttackType:
    """The commonest attack type in words (``n/a`` when none is coded) and its number of incidents."""

    top_attack_type: str
    n_top_attack_type: int
    basis: Basis = basis_field()


@traced
def top_attack_type(incidents: pd.DataFrame) -> TopAttackType:
    """The commonest attack type (ties by name), see :func:`attack_type_counts`."""
    rows = counted(incidents)
    attacks = attack_type_counts(rows)
    if not len(attacks):
        return TopAttackType("n/a", 0, Basis({"top_attack_type": (), "n_top_attack_type": ()}))
    items = split_list(rows["attack_types"])
    used = rows_of("incidents", rows.loc[items[items == attacks.index[0]].index.unique()], "attack_types")
    return TopAttackType(str(attacks.index[0]).replace("_", " "), int(attacks.iloc[0]),
                         Basis({"top_attack_type": used, "n_top_attack_type": used}))


@dataclass(frozen=True)
class ImpactTotals:
    """Incidents that breached each security property (one incident can count in several)."""

    n_confidentiality: int
    n_integrity: int
    n_availability: int
    basis: Basis = basis_field()


@traced
def impact_totals(incidents: pd.DataFrame) -> ImpactTotals:
    """Totals of :func:`actor_impact` per property (0 for a property nothing breached)."""
    impact = actor_impact(incidents)
    rows = counted(incidents)
    items = split_list(rows["cia_impact"])
    basis = Basis({f"n_{p}": rows_of("incidents", rows.loc[items[items == p].index.unique()], "cia_impact") for p in CIA})
    return ImpactTotals(*(int(impact[p].sum()) if p in impact else 0 for p in CIA), basis=basis)


def count_actor_type(incidents: pd.DataFrame, actor_type: str) -> int:
    """Number of incidents of one actor type."""
    return int((incidents["actor_type"].astype(str) == actor_type).sum())


def attack_type_counts(incidents: pd.DataFrame) -> pd.Series:
    """How many incidents involved each attack type, most frequent first (ties by name)."""
    items = split_list(incidents["attack_types"])
    counts = items.value_counts()
    return counts.sort_index().sort_values(ascending=False, kind="stable")
