"""The law in force: offence categories, what the provisions in force contain, and the heaviest penalties."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.common import shown_as
from research.analysis.provisions import penalties, vague_term_counts

ACCESS_OFFENCE = "CC2009-427"  # Criminal Code Art. 427, the access offence the paper criticises


@dataclass(frozen=True)
class OffenceCategories:
    """The focus country's offence provisions in each of the paper's three categories of cybercrime."""

    n_offences_cia: int
    n_offences_computer_related: int
    n_offences_content_related: int


def offence_categories(provisions: pd.DataFrame, country: str) -> OffenceCategories:
    """Count a country's offence provisions by category (against the CIA triad, computer-related, content-related)."""
    mine = provisions[(provisions["country"].astype(str) == country) & (provisions["kind"].astype(str) == "offence")]
    counts = mine["category"].astype(str).value_counts()
    return OffenceCategories(*(int(counts.get(c, 0)) for c in ("cia", "computer_related", "content_related")))


def in_force(provisions: pd.DataFrame, country: str) -> pd.DataFrame:
    """A country's provisions in force, in data order."""
    mine = provisions[provisions["country"].astype(str) == country]
    return mine[mine["status"].astype(str) == "in_force"]


@dataclass(frozen=True)
class LawInForce:
    """What the prose says of a country's law in force; ``cc427_intent`` completes "its wording ... intent"."""

    n_provisions_in_force: int
    n_instruments_in_force: int
    n_vague_in_force: int
    n_vague_terms: int
    cc427_intent: str


def law_in_force(provisions: pd.DataFrame, country: str) -> LawInForce:
    """Counts of the provisions in force, their instruments and undefined terms, and Art. 427's intent element."""
    force = in_force(provisions, country)
    mine = provisions[provisions["country"].astype(str) == country]
    access = mine[mine["provision_id"].astype(str).str.endswith(ACCESS_OFFENCE)]["intent_required"]
    if access.empty or access.isna().all():
        intent = "leaves unknown whether it requires"
    else:
        intent = "requires" if bool(access.iloc[0]) else "does not require"
    return LawInForce(len(force), int(force["instrument"].nunique()), int(force["vague_terms"].notna().sum()),
                      len(vague_term_counts(force, country)), intent)


IN_FORCE_COLUMNS = ["provision_id", "instrument", "article", "heading", "kind", "category", "convention_articles",
                    "source"]


def in_force_table(provisions: pd.DataFrame, country: str) -> pd.DataFrame:
    """The provisions in force as the report lists them: text columns, empty cells as empty text."""
    return in_force(provisions, country)[IN_FORCE_COLUMNS].astype("string").fillna("")


@dataclass(frozen=True)
class HeaviestPenalty:
    """The heaviest prison term in force (its instrument and first undefined term) and the largest fine coded."""

    max_prison_years: float | None = shown_as("g")
    max_prison_instrument: str = "n/a"
    max_prison_vague_term: str = "no coded term"
    max_fine_usd: float | None = shown_as(",.0f")


def heaviest_penalty(provisions: pd.DataFrame, country: str, khr_per_usd: float) -> HeaviestPenalty:
    """The longest maximum prison term among the provisions in force, and the largest fine of any offence.

    Raises
    ------
    ValueError
        If ``khr_per_usd`` is not a positive number.
    """
    table = penalties(provisions, khr_per_usd, country)
    force = in_force(provisions, country)
    top = (table[table["provision_id"].isin(force["provision_id"].astype(str))]
           .sort_values("prison_max_years", ascending=False, kind="stable").dropna(subset=["prison_max_years"]))
    fine = float(table["fine_max_usd"].max()) if table["fine_max_usd"].notna().any() else None
    if top.empty:
        return HeaviestPenalty(None, "n/a", "no coded term", fine)
    terms = force.loc[force["provision_id"].astype(str) == str(top["provision_id"].iloc[0]), "vague_terms"]
    term = str(terms.iloc[0]).split(";")[0] if len(terms) and terms.notna().iloc[0] else "no coded term"
    return HeaviestPenalty(float(top["prison_max_years"].iloc[0]), str(top["instrument"].iloc[0]), term, fine)
