"""The law in force: offence categories, and the provisions in force as the report lists them."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import asof
from research.analysis.basis import Basis, basis_field, ids, rows_of, traced, with_rows
from research.data.labels import column_label, label


@dataclass(frozen=True)
class OffenceCategories:
    """The focus country's offence provisions in each category (the paper's three and offences outside them)."""

    n_offences: int
    n_offences_cia: int
    n_offences_computer_related: int
    n_offences_content_related: int
    n_offences_other: int
    n_ancillary: int
    basis: Basis = basis_field()


CATEGORIES = ("cia", "computer_related", "content_related", "other")


@traced
def offence_categories(provisions: pd.DataFrame, country: str) -> OffenceCategories:
    """Count a country's offence provisions by category, and its ancillary provisions apart."""
    mine = provisions[provisions["country"].astype(str) == country]
    offences = mine[mine["kind"].astype(str) == "offence"]
    counts = offences["category"].astype(str).value_counts()
    category = offences["category"].astype(str)
    basis = Basis({"n_offences": rows_of("provisions", offences, "category"),
                   **{f"n_offences_{c}": rows_of("provisions", offences[category == c], "category") for c in CATEGORIES},
                   "n_ancillary": rows_of("provisions", mine[mine["kind"].astype(str) == "ancillary"], "kind")})
    return OffenceCategories(len(offences), *(int(counts.get(c, 0)) for c in CATEGORIES),
                             int((mine["kind"].astype(str) == "ancillary").sum()), basis)


def in_force(provisions: pd.DataFrame, country: str) -> pd.DataFrame:
    """A country's provisions in force, in data order."""
    mine = provisions[provisions["country"].astype(str) == country]
    return mine[asof.enacted(mine)]


IN_FORCE_COLUMNS = ["instrument", "article", "heading", "kind", "category", "convention_articles", "source"]


@traced
def in_force_table(provisions: pd.DataFrame, country: str) -> pd.DataFrame:
    """The provisions in force as the report lists them: labels instead of codes, headings in words (each row
    traced to its provision)."""
    force = in_force(provisions, country)
    table = force[IN_FORCE_COLUMNS].astype("string").fillna("")
    for col in ("kind", "category"):
        table[col] = [label("provisions", col, v) for v in table[col]]
    table["convention_articles"] = table["convention_articles"].str.replace(";", ", ")
    table = table.rename(columns={c: column_label(c) for c in table.columns})
    return with_rows(table, [ids("provisions", [p]) for p in force["provision_id"].astype(str)])


