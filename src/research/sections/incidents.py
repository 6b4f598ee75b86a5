"""Appendix, the incident table: every incident, campaign and claim with its date, actor, target and sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import attack
from research.analysis.asof import period_start
from research.analysis.basis import Basis, basis_field, ids, trace, traced, with_rows
from research.analysis.common import missing, parse_list, sentence
from research.analysis.countries import country_names
from research.data.labels import label
from research.sections import words

COLUMNS = ["entry", "date", "actor", "actor type", "attributed origin", "target", "sector", "techniques",
           "also reported as", "sources"]


def when(row) -> str:
    """An entry's date in words at the source's precision, a campaign's as a span; "undated" without one (``row`` a
    Series or a mapping)."""
    start = row["date"] if not missing(row["date"]) else (None if missing(row["year"]) else str(int(row["year"])))
    if start is None:
        return "undated"
    text = words.date_text(start)
    end = row.get("date_end")
    return text if missing(end) else f"{text} to {words.date_text(end)}"


def ordered(incidents: pd.DataFrame) -> pd.DataFrame:
    """Incidents and campaigns by date (undated ones last, each group in data order), then the claims likewise."""
    start = incidents["date"].astype("string").fillna(incidents["year"].astype("Int64").astype("string"))
    key = start.map(period_start, na_action="ignore").fillna("9999")
    claim = incidents["entry_type"].astype(str) == "claim"
    frame = incidents.assign(_claim=claim.values, _key=key.values, _pos=range(len(incidents)))
    return frame.sort_values(["_claim", "_key", "_pos"], kind="stable").drop(columns=["_claim", "_key", "_pos"])


@traced
def incident_table(incidents: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """The incident table as the appendix prints it: labels for every code, country names, sources as keys.

    Returns
    -------
    DataFrame
        :data:`COLUMNS`; ``sources`` holds the row's ``source`` and ``other_sources`` keys (semicolon list), which
        the report renders as citations.
    """
    names = country_names(countries)
    records, bases = [], []
    for r in ordered(incidents).to_dict("records"):  # mappings, not a Series per row: 50,000 rows stay cheap
        bases.append(ids("incidents", [r["incident_id"]]))
        origin = "" if missing(r["actor_country"]) else names.get(str(r["actor_country"]), str(r["actor_country"]))
        records.append({
            "entry": label("incidents", "entry_type", str(r["entry_type"])),
            "date": when(r),
            "actor": "" if missing(r["actor"]) else str(r["actor"]),
            "actor type": label("incidents", "actor_type", str(r["actor_type"])),
            "attributed origin": origin,
            "target": "" if missing(r["target"]) else str(r["target"]),
            "sector": "" if missing(r["target_sector"]) else label("incidents", "target_sector", str(r["target_sector"])),
            "techniques": ", ".join(label("incidents", "attack_types", t) for t in parse_list(r["attack_types"])),
            "also reported as": ", ".join(parse_list(r["reported_as"])),
            "sources": ";".join([str(r["source"]), *parse_list(r["other_sources"])]),
        })
    return with_rows(pd.DataFrame.from_records(records, columns=COLUMNS), bases)


@dataclass(frozen=True)
class IncidentAppendix:
    """The appendix's sentence: what the table lists, in what order, and what is kept apart; and the counts it shows."""

    appx_n_entries: int = 0
    appx_n_incidents: int = 0
    appx_n_campaigns: int = 0
    appx_n_claims: int = 0
    appx_table_sentence: str = sentence(uses=("appx_n_entries", "appx_n_incidents", "appx_n_campaigns",
                                              "appx_n_claims"))
    basis: Basis = basis_field()


@traced
def incident_appendix(incidents: pd.DataFrame, as_of: str | None) -> IncidentAppendix:
    """What the appendix table lists, as of ``as_of``."""
    every = attack.entries(incidents)
    n_inc, n_camp, n_claim = (attack.entries(incidents, k) for k in ("incident", "campaign", "claim"))
    known = f" known by {words.date_text(as_of)}" if as_of else ""
    return IncidentAppendix(
        every.value, n_inc.value, n_camp.value, n_claim.value,
        f"The table lists the {words.count(every.value, 'entry')}{known}: {words.count(n_inc.value, 'incident')} and "
        f"{words.count(n_camp.value, 'campaign')}, in order of date with the undated ones last, then "
        f"{words.count(n_claim.value, 'general claim')}, kept apart because "
        f"{'it is not an incident and is not counted as one' if n_claim.value == 1 else 'they are not incidents and are not counted as such'}.",
        Basis({"appx_n_entries": every.rows, "appx_n_incidents": n_inc.rows, "appx_n_campaigns": n_camp.rows,
               "appx_n_claims": n_claim.rows, "appx_table_sentence": trace(every, n_inc, n_camp, n_claim)}))


def caption(as_of: str | None) -> str:
    """The caption of the appendix table, dated."""
    known = f" known by {words.date_text(as_of)}" if as_of else ""
    return (f"Every incident, campaign and general claim of the incident table{known}, with the source the counts rest "
            f"on and the other reports of it.")
