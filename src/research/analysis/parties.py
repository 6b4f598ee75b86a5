"""The Convention's Parties: their counts over time, the paper's count and the latest, the Parties a source names with
the act by which each became one, and a country's status and steps; each measure carries the rows it counts."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.basis import Measure, rows_of
from research.analysis.common import missing

PAPER_DATE = "2019-03"  # when the paper was written: the Parties it counts, the date its figures mark
# The acts by which a State becomes a Party (Art. 36: ratification, acceptance or approval by a signatory; Art. 37:
# accession by an invited State), as country_facts.csv records them; an act the data do not yet define is absent.
PARTY_ACTS = ("budapest_ratification", "budapest_acceptance", "budapest_approval", "budapest_accession")
STEP_PREFIX = "budapest_"  # every step under the Convention (signature, the acts above, entry into force)


def parties_over_time(convention_parties: pd.DataFrame) -> pd.DataFrame:
    """Parties counts sorted by date, with a fractional ``year`` for plotting partial dates.

    ``YYYY`` maps to mid-year, ``YYYY-MM`` to mid-month, ``YYYY-MM-DD`` to the day.
    """
    frame = convention_parties.copy()
    frame["year"] = frame["date"].astype(str).map(decimal_year)
    return frame.sort_values("year", kind="stable").reset_index(drop=True)


def decimal_year(date: str) -> float:
    """Convert an ISO date of any precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) to a fractional year."""
    parts = [int(p) for p in str(date).split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 1) / 365


def _count_at(convention_parties: pd.DataFrame, date_prefix: str) -> pd.DataFrame:
    # the latest of the counts whose date starts with date_prefix (none, or one row)
    frame = parties_over_time(convention_parties)
    return frame[frame["date"].astype(str).str.startswith(date_prefix)].iloc[-1:]


def parties_by(convention_parties: pd.DataFrame, date_prefix: str) -> int | None:
    """The Parties count recorded for a date (exact ISO prefix match, e.g. ``"2019-03"``), or ``None``.

    If several dates match, the count of the latest one is returned.
    """
    return count_at(convention_parties, date_prefix).value


def count_at(convention_parties: pd.DataFrame, date_prefix: str = PAPER_DATE) -> Measure:
    """:func:`parties_by` with the row it reads (the paper's count by default)."""
    row = _count_at(convention_parties, date_prefix)
    return Measure(int(row["parties"].iloc[0]) if len(row) else None, rows_of("convention_parties", row))


@dataclass(frozen=True)
class PartiesCount:
    """A recorded count of Parties to the Convention and its date."""

    date: str
    parties: int


def latest_parties(convention_parties: pd.DataFrame) -> PartiesCount | None:
    """The most recent recorded count of Parties and its date, or ``None`` if no count is recorded."""
    return latest_count(convention_parties).value


def latest_count(convention_parties: pd.DataFrame) -> Measure:
    """:func:`latest_parties` (a :class:`PartiesCount` or ``None``) with the row it reads."""
    if convention_parties.empty:
        return Measure(None)
    last = parties_over_time(convention_parties).iloc[-1:]
    return Measure(PartiesCount(str(last["date"].iloc[0]), int(last["parties"].iloc[0])),
                   rows_of("convention_parties", last))


def named_parties(countries: pd.DataFrame, source: str) -> Measure:
    """The Parties that ``source`` names (countries.csv's status ``party`` on that source): ``(iso3, name)`` pairs in
    data order; the rows are their status cells."""
    named = countries[(countries["budapest_status"].astype(str) == "party") & (countries["source"].astype(str) == source)]
    return Measure(list(zip(named["iso3"].astype(str), named["name"].astype(str))),
                   rows_of("countries", named, "budapest_status"))


def _when(fact: pd.Series) -> str:
    return str(fact["date"]) if not missing(fact["date"]) else str(int(fact["year"]))


def party_act(facts: pd.DataFrame | None, iso3: str) -> Measure:
    """The act by which ``iso3`` became a Party, its earliest recorded: ``(indicator, ISO date or year)`` or ``None``."""
    if facts is None:
        return Measure(None)
    mine = facts[(facts["iso3"].astype(str) == iso3) & facts["indicator"].astype(str).isin(PARTY_ACTS)]
    first = mine.sort_values("year", kind="stable").iloc[:1]
    if first.empty:
        return Measure(None)
    return Measure((str(first["indicator"].iloc[0]), _when(first.iloc[0])), rows_of("country_facts", first))


def status(countries: pd.DataFrame, iso3: str) -> Measure:
    """The Convention status countries.csv records for ``iso3`` (``None`` when it records none)."""
    row = countries[countries["iso3"].astype(str) == iso3]
    value = None if row.empty or missing(row["budapest_status"].iloc[0]) else str(row["budapest_status"].iloc[0])
    return Measure(value, rows_of("countries", row, "budapest_status"))


def steps(facts: pd.DataFrame, iso3: str) -> list[Measure]:
    """Each step of ``iso3`` under the Convention that the data record, in data order: ``(indicator, ISO date or
    year)``, each with its row."""
    mine = facts[(facts["iso3"].astype(str) == iso3) & facts["indicator"].astype(str).str.startswith(STEP_PREFIX)]
    return [Measure((str(mine["indicator"].iloc[i]), _when(mine.iloc[i])), rows_of("country_facts", mine.iloc[i:i + 1]))
            for i in range(len(mine))]
