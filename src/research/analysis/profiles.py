"""Country profiles: one state's Convention status, institutions, index scores, provisions and incidents."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from research.analysis import provisions as prov
from research.errors import UnknownCountryError

PROFILE_INDICATORS = [
    "cert_established", "cybercrime_law", "cybersecurity_law", "data_protection_law", "strategy",
    "budapest_signature", "budapest_ratification", "budapest_acceptance", "budapest_approval", "budapest_accession",
    "budapest_in_force",
]
# Each legal act apart (Art. 36 ratification, acceptance or approval; Art. 37 accession), dated.
CONVENTION_STEPS = {"budapest_signature": "signature", "budapest_ratification": "ratification",
                    "budapest_acceptance": "acceptance", "budapest_approval": "approval",
                    "budapest_accession": "accession", "budapest_in_force": "entry into force"}
VICTIM, ORIGIN = "victim", "attributed origin"
ISO3 = re.compile(r"[A-Z]{3}")


def check_iso3(code: str) -> str:
    """Return ``code`` if it is three capital letters (an ISO 3166-1 alpha-3 shape).

    Raises
    ------
    UnknownCountryError
        For anything else, which could not name a country nor a safe file name.
    """
    if not isinstance(code, str) or not ISO3.fullmatch(code):
        raise UnknownCountryError(f"{code!r} is not a three-letter ISO 3166-1 alpha-3 code")
    return code


@dataclass(frozen=True)
class Country:
    """One row of the countries table as plain values (``None`` for an empty cell; unknown membership is False)."""

    iso3: str
    name: str
    region: str | None
    asean_member: bool
    budapest_status: str | None


def country_record(countries: pd.DataFrame, iso3: str) -> Country:
    """The countries-table row of one state as plain values.

    Raises
    ------
    UnknownCountryError
        If ``iso3`` is malformed or not in ``countries``.
    """
    check_iso3(iso3)
    rows = countries[countries["iso3"].astype(str) == iso3]
    if rows.empty:
        raise UnknownCountryError(f"no country {iso3} in countries.csv")
    row = rows.iloc[0]

    def plain(value):
        return None if pd.isna(value) else str(value)

    return Country(iso3, str(row["name"]), plain(row["region"]),
                   bool(row["asean_member"]) if pd.notna(row["asean_member"]) else False, plain(row["budapest_status"]))


def group(iso3: str, focus: str) -> list[str]:
    """The countries a profile shows: the country, then the focus country beside it (once if they are the same)."""
    return [iso3] if iso3 == focus else [iso3, focus]


def convention_steps(country_facts: pd.DataFrame, iso3: str) -> dict[str, str | None]:
    """The earliest recorded date (or year) of signature, ratification and entry into force of ETS 185.

    Returns
    -------
    dict
        ``signature``, ``ratification``, ``accession``, ``entry into force``: ISO date at the precision recorded,
        or ``None``.
    """
    rows = country_facts[country_facts["iso3"].astype(str) == iso3]
    out = {}
    for indicator, step in CONVENTION_STEPS.items():
        mine = rows[rows["indicator"].astype(str) == indicator].sort_values("year", kind="stable")
        if mine.empty:
            out[step] = None
            continue
        first = mine.iloc[0]
        out[step] = str(first["date"]) if pd.notna(first["date"]) else str(int(first["year"]))
    return out


def gci_history(country_facts: pd.DataFrame, iso3s: list[str]) -> pd.DataFrame:
    """ITU Global Cybersecurity Index scores and ranks by edition for the given countries.

    Returns
    -------
    DataFrame
        One row per country and scored edition: ``iso3``, ``edition`` (label), ``year``, ``score`` (as
        published), ``scale`` (``"0-1"`` before 2020, ``"0-100"`` from 2020) and ``rank`` (``<NA>`` if none is
        recorded for that year); countries in the order given, editions by year.
    """
    facts = country_facts[country_facts["iso3"].astype(str).isin(iso3s)]
    kind = facts["indicator"].astype(str)
    scores = facts[(kind == "gci_score") & facts["value"].notna()]
    ranks = facts[(kind == "gci_rank") & facts["value"].notna()]
    rank_of = {(str(r.iso3), int(r.year)): int(r.value) for r in ranks.itertuples()}
    out = pd.DataFrame({
        "iso3": scores["iso3"].astype(str),
        "edition": scores["label"].astype("string").fillna("").astype(str),
        "year": scores["year"].astype(int),
        "score": scores["value"].astype(float),
    })
    out["scale"] = ["0-1" if year < 2020 else "0-100" for year in out["year"]]
    out["rank"] = pd.array([rank_of.get((c, y)) for c, y in zip(out["iso3"], out["year"])], dtype="Int64")
    order = {code: i for i, code in enumerate(iso3s)}
    out = out.assign(_o=out["iso3"].map(order)).sort_values(["_o", "year"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def country_incidents(incidents: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """Incidents where the country is the victim or the attributed origin, with its ``role`` in each.

    Returns
    -------
    DataFrame
        ``incident_id``, ``year`` (nullable), ``role`` (``victim``, ``attributed origin`` or both joined by
        ``" and "``), ``actor``, ``actor_type``, ``actor_country``, ``victim_country``, ``attack_types``,
        ``source``; in data order. General claims are not incidents and are left out.
    """
    incidents = incidents[incidents["entry_type"].astype(str) != "claim"]
    victim = incidents["victim_country"].astype("string").eq(iso3).fillna(False)
    origin = incidents["actor_country"].astype("string").eq(iso3).fillna(False)
    rows = incidents[victim | origin]
    roles = [" and ".join(r for r, on in ((VICTIM, v), (ORIGIN, o)) if on) for v, o in zip(victim[victim | origin],
                                                                                             origin[victim | origin])]
    out = pd.DataFrame({
        "incident_id": rows["incident_id"].astype(str),
        "year": rows["year"].astype("Int64"),
        "role": pd.array(roles, dtype=object),
        "actor": rows["actor"].astype("string"),
        "actor_type": rows["actor_type"].astype(str),
        "actor_country": rows["actor_country"].astype("string"),
        "victim_country": rows["victim_country"].astype(str),
        "attack_types": rows["attack_types"].astype("string"),
        "source": rows["source"].astype(str),
    })
    return out.reset_index(drop=True)


def incidents_by_role(mine: pd.DataFrame) -> pd.DataFrame:
    """Dated incidents per year as victim and as attributed origin (``mine`` from :func:`country_incidents`).

    An incident in which the country is both victim and origin counts in both columns.

    Returns
    -------
    DataFrame
        Index ``year`` (every year from the first to the last dated incident); columns ``victim`` and
        ``attributed origin``; empty when nothing is dated.
    """
    dated = mine.dropna(subset=["year"])
    columns = [VICTIM, ORIGIN]
    if dated.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="year", dtype="int64"), dtype="int64")
    years = range(int(dated["year"].min()), int(dated["year"].max()) + 1)
    table = pd.DataFrame({role: dated[dated["role"].str.contains(role, regex=False)]["year"].astype(int)
                         .value_counts().reindex(years, fill_value=0) for role in columns})
    table.index.name = "year"
    return table.astype("int64")


def coverage_rows(tables: dict, iso3s: list[str]) -> pd.DataFrame:
    """The Convention coverage matrices of several countries stacked, rows labelled ``ISO3: instrument``.

    Countries without coded provisions contribute no rows; see
    :func:`research.analysis.provisions.coverage_matrix` for the cell values.
    """
    parts = []
    for code in iso3s:
        matrix = prov.coverage_matrix(tables, code)
        if not matrix.empty:
            matrix.index = [f"{code}: {instrument}" for instrument in matrix.index]
            parts.append(matrix)
    if not parts:
        return pd.DataFrame(columns=pd.Index(list(prov.BENCHMARK_ARTICLES), name="article"), dtype=object)
    out = pd.concat(parts)
    out.index.name = "instrument"
    out.columns.name = "article"
    return out
