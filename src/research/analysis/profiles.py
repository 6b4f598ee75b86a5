"""Country profiles: one state's Convention status, institutions, index scores, provisions and incidents."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from research.analysis import levels as lv
from research.analysis import provisions as prov
from research.errors import UnknownCountryError
from research.sections import words as wording

PROFILE_INDICATORS = [
    "cert_established", "cybercrime_law", "cybersecurity_law", "data_protection_law", "strategy",
    "budapest_signature", "budapest_ratification", "budapest_acceptance", "budapest_approval", "budapest_accession",
    "budapest_in_force",
]
# Each legal act apart (Art. 36 ratification, acceptance or approval; Art. 37 accession), dated.
CONVENTION_STEPS = {"budapest_signature": "signature", "budapest_ratification": "ratification",
                    "budapest_acceptance": "acceptance", "budapest_approval": "approval",
                    "budapest_accession": "accession", "budapest_in_force": "entry into force"}
STATUS_TEXT = {
    "party": "a Party to the Convention",
    "signatory": "a signatory of the Convention, not yet a Party",
    "invited": "invited to accede to the Convention, not yet a Party",
    "none": "neither a Party to nor a signatory of the Convention",
}
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


def beside_sentence(name: str, focus_name: str, same: bool) -> str:
    """How the profile compares: beside the focus country, or, for the focus country itself, on its own."""
    if same:
        return f"{name} is the paper's focus country, so this profile shows it on its own."
    return f"Each section sets {name} beside {focus_name}, the paper's focus country."


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


def convention_sentence(name: str, status: str | None, steps: dict[str, str | None], as_of: str | None = None) -> str:
    """One sentence on a state's standing under the Convention, saying plainly what is not recorded.

    ``status`` is as of March 2019 (countries.csv); it is left unsaid for a profile dated before then, whose
    ``steps`` are those recorded by its date.
    """
    if as_of is not None and as_of < "2019-03-31":
        standing = ""
    elif status in STATUS_TEXT:
        standing = f"As of March 2019, {name} was {STATUS_TEXT[status]}. "
    else:
        standing = f"{name}'s status under the Convention as of March 2019 is not verified in our sources. "
    known = [f"{step} {date}" for step, date in steps.items() if date]
    by = f" by {wording.date_text(as_of)}" if as_of else ""
    dates = (f"Recorded steps{by}: " + "; ".join(known) + ".") if known else (
        f"No signature, ratification, acceptance, approval, accession or entry into force is recorded{by}.")
    return f"{standing}{dates}"


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


def gci_sentence(history: pd.DataFrame, iso3: str, name: str) -> str:
    """The latest edition's score (and rank, if recorded) of one country, or that none is recorded."""
    mine = history[history["iso3"] == iso3]
    if mine.empty:
        return f"No Global Cybersecurity Index score of {name} is recorded."
    last = mine.iloc[-1]
    rank = f", rank {int(last['rank'])}" if pd.notna(last["rank"]) else ""
    return (f"{name} has {wording.count(len(mine), 'scored edition')} of the Global Cybersecurity Index; in the latest, "
            f"{last['edition']}, it scored {last['score']:g} on a {last['scale']} scale{rank}.")


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


def incident_sentence(mine: pd.DataFrame, name: str) -> str:
    """How many incidents name the country as victim and as attributed origin, and over which years."""
    if mine.empty:
        return f"No incident in the data names {name} as victim or as attributed origin."
    as_victim = int(mine["role"].str.contains(VICTIM, regex=False).sum())
    as_origin = int(mine["role"].str.contains(ORIGIN, regex=False).sum())
    years = mine["year"].dropna()
    span = (f", dated {int(years.min())}" + (f" to {int(years.max())}" if years.max() != years.min() else "")
            if len(years) else (", none of them dated" if len(mine) > 1 else ", not dated"))
    undated = len(mine) - len(years)
    more = f" ({undated} undated)" if len(years) and undated else ""
    verb = "involves" if len(mine) == 1 else "involve"
    return (f"{wording.count(len(mine), 'incident')} {verb} {name}: {as_victim} as victim and {as_origin} as "
            f"attributed origin{span}{more}.")


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


def provisions_sentence(tables: dict, iso3: str, name: str) -> str:
    """What the coded provisions of one country cover among the Convention's benchmark articles."""
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == iso3]
    if mine.empty:
        return f"No provision of {name}'s law is coded against the Convention in provisions.csv."
    matrix = prov.coverage_matrix(tables, iso3)
    covered = prov.articles_covered_by_any(matrix)
    full = [int(a) for a in matrix.columns if (matrix[a] == lv.MEETS).any()]
    n, k = len(mine), len(matrix)
    verb, they = ("is", "it has") if n == 1 else ("are", "they have")
    return (f"{wording.count(n, 'provision')} of {name} in {wording.count(k, 'instrument')} {verb} coded; {they} a "
            f"counterpart with known text to {len(covered)} of the {len(matrix.columns)} benchmark articles of the "
            f"Convention, {len(full)} of them "
            f"shown to meet the Convention's definition or safeguards (every mandatory element shown in the text "
            f"read).")


def events_sentence(n: int, name: str) -> str:
    """How many dated institutional or Convention events the data record for the state ("no", "1 ... event")."""
    if n == 0:
        return f"The data record no dated institutional or Convention event for {name}."
    return f"The data record {wording.count(n, 'dated institutional or Convention event')} for {name}."
