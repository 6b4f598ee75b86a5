"""Penalties as their sources give them: per article or per group of articles, in years and US dollars."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.basis import Basis, basis_field, ids, merge, traced
from research.analysis.common import format_ranges, parse_list, shown_as

NO_TERM = "no coded term"  # the heaviest penalty attaches to no undefined term


def usd_rates(khr_per_usd: float, others: dict | None = None) -> dict[str, float]:
    """US dollars per unit of each currency: riels from ``khr_per_usd``, US dollars 1, others as given per USD.

    Raises
    ------
    ValueError
        If a rate is not a positive number.
    """
    per_usd = {"KHR": khr_per_usd, **(others or {})}
    for code, rate in per_usd.items():
        if rate is None or not rate > 0:  # also rejects NaN
            raise ValueError(f"{code.lower()}_per_usd must be positive, got {rate!r}")
    return {"USD": 1.0, **{code: 1.0 / rate for code, rate in per_usd.items()}}


SECTION_COUNTRIES = ("SGP",)  # statutes divided into sections, cited "s 3", "ss 3-4"


def _is_range(number: str) -> bool:
    parts = number.split("-")
    return len(parts) == 2 and all(p.isdigit() for p in parts) and int(parts[1]) > int(parts[0])


def _articles(ids: list[str], provisions: pd.DataFrame) -> str:
    rows = provisions.set_index(provisions["provision_id"].astype(str)).reindex(ids)
    numbers = [str(a) for a in rows["article"].dropna()]
    if not numbers:
        return ""
    sections = str(rows["country"].iloc[0]) in SECTION_COUNTRIES
    one, many = ("s ", "ss ") if sections else ("Art. ", "Arts ")
    if len(numbers) > 1 and all(n.isdigit() for n in numbers):
        return many + format_ranges([int(n) for n in numbers]).replace(" and ", ", ")
    return (many if len(numbers) > 1 or _is_range(numbers[0]) else one) + ", ".join(numbers)


def penalty_table(tables: dict, khr_per_usd: float, country: str | None = None, tiers=("basic",),
                  other_rates: dict | None = None) -> pd.DataFrame:
    """One row per penalty: what it covers, in years and US dollars.

    Returns
    -------
    DataFrame
        ``penalty_id``, ``provisions`` (list of ids), ``instrument``, ``label`` (instrument and articles; a group
        range is marked ``(group range)``), ``group`` (bool), ``status``, ``tier``, ``prison_min_years``,
        ``prison_max_years``, ``fine_min_usd``, ``fine_max_usd``, ``fine_currency``, ``maximum_only`` (the source
        states a maximum only). A fine in a currency without a rate has no US dollar value.
    """
    rates = usd_rates(khr_per_usd, other_rates)
    provisions, pen = tables["provisions"], tables["penalties"]
    by_id = provisions.set_index(provisions["provision_id"].astype(str))
    records = []
    for _, p in pen[pen["tier"].astype(str).isin(tiers)].iterrows():
        ids = parse_list(p["provisions"])
        first = by_id.loc[ids[0]]
        if country is not None and str(first["country"]) != country:
            continue
        rate = rates.get(str(p["fine_currency"])) if pd.notna(p["fine_currency"]) else None
        group = len(ids) > 1
        label = f"{first['instrument']} {_articles(ids, provisions)}".strip() + (" (group range)" if group else "")
        records.append({
            "penalty_id": str(p["penalty_id"]), "provisions": ids, "instrument": str(first["instrument"]),
            "label": label, "group": group, "status": str(first["status"]), "tier": str(p["tier"]),
            "prison_min_years": p["prison_min_months"] / 12 if pd.notna(p["prison_min_months"]) else None,
            "prison_max_years": p["prison_max_months"] / 12 if pd.notna(p["prison_max_months"]) else None,
            "fine_min_usd": p["fine_min"] * rate if rate and pd.notna(p["fine_min"]) else None,
            "fine_max_usd": p["fine_max"] * rate if rate and pd.notna(p["fine_max"]) else None,
            "fine_currency": None if pd.isna(p["fine_currency"]) else str(p["fine_currency"]),
            "maximum_only": pd.isna(p["prison_min_months"]) and pd.isna(p["fine_min"]),
        })
    columns = ["penalty_id", "provisions", "instrument", "label", "group", "status", "tier", "prison_min_years",
               "prison_max_years", "fine_min_usd", "fine_max_usd", "fine_currency", "maximum_only"]
    out = pd.DataFrame.from_records(records, columns=columns)
    for col in ("prison_min_years", "prison_max_years", "fine_min_usd", "fine_max_usd"):
        out[col] = out[col].astype("Float64")
    return out


@dataclass(frozen=True)
class HeaviestPenalty:
    """The heaviest prison term among penalties in force, the article(s) and first undefined term it attaches to."""

    max_prison_years: float | None = shown_as("g")
    max_prison_instrument: str = "n/a"
    max_prison_articles: str = "n/a"
    max_prison_vague_term: str = NO_TERM
    max_fine_usd: float | None = shown_as(",.0f")
    basis: Basis = basis_field()


@traced
def heaviest_penalty(tables: dict, country: str, khr_per_usd: float) -> HeaviestPenalty:
    """The longest maximum prison term in force (basic tier), and the largest basic fine in force, in US dollars."""
    table = penalty_table(tables, khr_per_usd, country)
    force = table[table["status"] != "draft"]  # the law of the edition's date, selected by dates
    fine = float(force["fine_max_usd"].max()) if force["fine_max_usd"].notna().any() else None
    fined = force[force["fine_max_usd"] == fine] if fine is not None else force.iloc[:0]
    fine_rows = merge(ids("penalties", fined["penalty_id"], "fine_max"),
                      *(ids("provisions", p) for p in fined["provisions"]))
    top = force.dropna(subset=["prison_max_years"]).sort_values("prison_max_years", ascending=False, kind="stable")
    if top.empty:
        return HeaviestPenalty(None, "n/a", "n/a", NO_TERM, fine,
                               Basis({"max_fine_usd": fine_rows, "max_prison_years": ()}))
    best = top.iloc[0]
    provisions = tables["provisions"]
    rows = provisions[provisions["provision_id"].astype(str).isin(best["provisions"])]
    terms = [t for v in rows["vague_terms"].dropna() for t in parse_list(v)]
    prison = merge(ids("penalties", [best["penalty_id"]], "prison_max_months"), ids("provisions", best["provisions"]))
    with_term = rows[rows["vague_terms"].notna()]["provision_id"].astype(str)
    basis = Basis({"max_prison_years": prison, "max_prison_instrument": prison, "max_prison_articles": prison,
                   "max_prison_vague_term": ids("provisions", list(with_term)[:1], "vague_terms"),
                   "max_fine_usd": fine_rows})
    return HeaviestPenalty(float(best["prison_max_years"]), best["instrument"],
                           _articles(best["provisions"], provisions), terms[0] if terms else NO_TERM, fine,
                           basis)


def penalties_of(penalties: pd.DataFrame, provision_id: str, tier: str = "basic") -> pd.DataFrame:
    """The penalties rows of one tier that list ``provision_id`` (alone or in a group)."""
    listed = penalties["provisions"].astype(str).str.split(";").map(lambda ids: provision_id in ids)
    return penalties[listed.astype(bool) & (penalties["tier"].astype(str) == tier)]
