"""The works each table of the data rests on, so that the reference list holds every source a row names."""

from __future__ import annotations

import pandas as pd

from research.analysis.common import parse_list

# What each table holds, in the reader's words, in the order the report describes the data.
TABLES = {
    "provisions": "provisions of law and of drafts, with their status and coding",
    "codings": "the words that decided each coded cell",
    "penalties": "penalties of the coded offences",
    "general_rules": "general-part rules (intent)",
    "convention": "the Convention's benchmark articles",
    "convention_elements": "the elements of the Convention's offence articles",
    "coding_second": "the independent second coding",
    "decisions": "the decisions on disagreements between the codings",
    "countries": "countries and their standing under the Convention",
    "country_facts": "dated facts of each country (teams, laws, strategies, scores)",
    "convention_parties": "the number of Parties to the Convention over time",
    "incidents": "incidents, campaigns and claims (listed in full in the incident appendix)",
}

COLUMNS = ["table", "what it holds", "rows", "sources"]


def data_sources(tables: dict) -> pd.DataFrame:
    """One row per table read: what it holds, its number of rows, and the keys of the works its rows name.

    Parameters
    ----------
    tables : dict of str to DataFrame
        The loaded tables; those not in :data:`TABLES` are left out.

    Returns
    -------
    DataFrame
        :data:`COLUMNS`; ``sources`` is a semicolon list of ``references.bib`` keys, each once, in alphabetical
        order, which the report renders as citations.
    """
    rows = []
    for name, holds in TABLES.items():
        frame = tables.get(name)
        if frame is None:
            continue
        keys: set[str] = set()
        for column in ("source", "other_sources"):
            if column in frame:
                for value in frame[column].dropna().astype(str):
                    keys.update(k for k in parse_list(value) if k)
        rows.append({"table": name.replace("_", " "), "what it holds": holds, "rows": len(frame),
                     "sources": ";".join(sorted(keys))})
    return pd.DataFrame.from_records(rows, columns=COLUMNS)
