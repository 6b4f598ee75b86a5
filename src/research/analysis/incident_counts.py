"""The incidents and campaigns of a table counted by a coded column (actor type, security property breached,
technique, target sector) and by the groups a source names; each count a measure carrying the rows it counts."""

from __future__ import annotations

import pandas as pd

from research.analysis import incidents as inc
from research.analysis.basis import Measure, rows_of
from research.analysis.common import split_list


def counted(incidents: pd.DataFrame, column: str) -> Measure:
    """How many incidents and campaigns there are (claims apart); the rows are their ``column`` cells."""
    rows = inc.counted(incidents)
    return Measure(len(rows), rows_of("incidents", rows, column))


def recorded(incidents: pd.DataFrame, column: str) -> Measure:
    """How many incidents and campaigns have ``column`` recorded."""
    rows = inc.counted(incidents)
    rows = rows[rows[column].notna()]
    return Measure(len(rows), rows_of("incidents", rows, column))


def unrecorded(incidents: pd.DataFrame, column: str) -> Measure:
    """How many incidents and campaigns have ``column`` empty."""
    rows = inc.counted(incidents)
    rows = rows[rows[column].isna()]
    return Measure(len(rows), rows_of("incidents", rows, column))


def by_code(incidents: pd.DataFrame, column: str) -> dict[str, Measure]:
    """How many incidents and campaigns record each code of ``column`` (a code or a list of codes), most frequent
    first, ties by code; each count carries the rows that record the code."""
    rows = inc.counted(incidents)
    items = split_list(rows[column])
    counts = items.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    return {str(code): Measure(int(n), rows_of("incidents", rows.loc[items[items == code].index.unique()], column))
            for code, n in counts.items()}


def named_groups_matched(incidents: pd.DataFrame, groups) -> Measure:
    """Which of ``groups`` (names of actors) the dated incidents and campaigns name as their actor, in name order."""
    rows = inc.counted(incidents).dropna(subset=["year"])
    hit = rows[rows["actor"].astype("string").isin(list(groups)).fillna(False).astype(bool)]
    return Measure(sorted(set(hit["actor"].astype(str))), rows_of("incidents", hit, "actor"))
