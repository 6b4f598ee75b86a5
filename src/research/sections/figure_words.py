"""The words of the section figures (research.nb.figures): alt text computed from each figure's data, legend words."""

from __future__ import annotations

import numpy as np
import pandas as pd

from research.analysis import levels as lv
from research.analysis.asof import PAPER_DATE
from research.analysis.incidents import LATER
from research.data.labels import label

# The paper's latest statements are of mid-year (research.analysis.asof.PAPER_DATE); the figures say it so.
PAPER_TIME = f"mid-{PAPER_DATE[:4]}"
LATER_LEGEND = f"reported after {PAPER_TIME}"
BROADER_LEGEND = "+  a provision broader than the Convention"
LEVEL_LEGEND = {lv.MEETS: "M  meets (every mandatory element shown)",
                lv.NOT_SHOWN: "?  not shown (text read; some element unknown)",
                lv.NAMED_ONLY: "h  named only (heading known)", lv.NARROWER: "N  narrower than the Convention",
                lv.NO_COUNTERPART: "0  no counterpart found (the whole law read)",
                lv.NOT_CODED: "blank  not coded (no counterpart coded: not a finding that none exists)"}
QUALIFIER_NAMES = {"intent": "intent", "without_right": '"without right"', "dishonest_intent": "dishonest intent"}
QUALIFIER_STATE_NAMES = {"required": "required", "absent": "known to be absent",
                         "unknown": "not shown by the text available"}


def incidents_alt(table: pd.DataFrame, undated: int, place: str) -> str:
    """The alt text of the incidents-per-year figure: how many are drawn, their span and peak, and how many are
    later or undated."""
    years = table.sum(axis=1) if not table.empty else pd.Series(dtype=int)
    later = int(table[LATER].to_numpy().sum()) if not table.empty else 0
    if not len(years):
        return "No dated incident to draw."
    return (f"Stacked bar chart of {int(years.sum())} dated incidents and campaigns against {place} from "
            f"{years.index.min()} to {years.index.max()}, most in {years.idxmax()} ({int(years.max())}); {later} of them "
            f"first reported after {PAPER_TIME}; {undated} undated entries are not drawn.")


def actor_impact_alt(table: pd.DataFrame) -> str:
    """The alt text of the actor-impact heat map: its size and its largest cell."""
    if table.empty:
        return "No incident has a coded security impact."
    r, c = np.unravel_index(int(table.to_numpy().argmax()), table.shape)
    actor = label("incidents", "actor_type", table.index[r])
    return (f"Heat map of {len(table)} actor types against confidentiality, integrity and availability; the largest "
            f"cell is {actor} against {table.columns[c]}, {int(table.iat[r, c])} incidents.")


def coverage_alt(matrix: pd.DataFrame, levels) -> str:
    """The alt text of a coverage grid: its size and the cells of each level (in the order of ``levels``)."""
    counts = {level: int((matrix == level).to_numpy().sum()) for level in levels}
    n_broader = len(matrix.attrs.get("broader", set()))
    return (f"Grid of {len(matrix)} rows by {matrix.shape[1]} Convention articles: "
            + "; ".join(f"{n} cells {level}" for level, n in counts.items() if n)
            + (f"; {n_broader} cells marked broader than the Convention" if n_broader else "") + ".")


def qualifier_gaps_alt(table: pd.DataFrame) -> str:
    """The alt text of the qualifier figure: instruments, offences, and how many leave intent unknown."""
    total = int(table["n_offences"].sum()) if len(table) else 0
    unknown = int(table["intent_unknown"].sum()) if len(table) else 0
    return (f"Stacked bars for {len(table)} instruments with {total} offence provisions in all, three bars each (intent, "
            f"without right, dishonest intent) split into required, known absent and not known; intent is not known "
            f"for {unknown} of the {total}.")


def penalties_alt(table: pd.DataFrame) -> str:
    """The alt text of a penalties chart: how many penalties, how many for a group, and the longest maximum term."""
    prison = table.dropna(subset=["prison_max_years"])
    top = prison.sort_values("prison_max_years", ascending=False, kind="stable").head(1)
    if not len(top):
        return f"Range chart of {len(table)} penalties; none states a prison term."
    return (f"Range chart of {len(table)} penalties ({int(table['group'].sum())} given for a group of articles): "
            f"imprisonment in years on the left, fines in US dollars on a log scale on the right; the longest maximum "
            f"term is {float(top['prison_max_years'].iloc[0]):g} years ({top['label'].iloc[0]}).")
