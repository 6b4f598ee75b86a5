"""Small helpers shared by the analysis modules."""

from __future__ import annotations

from dataclasses import field

import pandas as pd


def split_list(series: pd.Series, delimiter: str = ";") -> pd.Series:
    """Explode a column of delimited lists into one row per item, keeping the original index.

    Missing values produce no rows.
    """
    items = series.dropna().astype(str).str.split(delimiter).explode()
    return items[items != ""]


def parse_list(value, delimiter: str = ";") -> list[str]:
    """Return the items of one delimited cell (an empty list for a missing value)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return []
    return [item for item in str(value).split(delimiter) if item]


def country_list(text: str) -> list[str]:
    """Parse a comma-separated ISO3 list parameter such as ``"CHN,JPN,SGP"`` (spaces and case forgiven)."""
    return [code.strip().upper() for code in str(text).split(",") if code.strip()]


def format_ranges(numbers: list[int]) -> str:
    """Write integers as ranges for prose: ``[2, 3, 4, 16, 17]`` -> ``"2-4 and 16-17"``; ``[5]`` -> ``"5"``."""
    values = sorted({int(n) for n in numbers})
    runs: list[list[int]] = []
    for n in values:
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    parts = [str(a) if a == b else f"{a}-{b}" for a, b in runs]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def shown_as(spec: str, default=None):
    """A dataclass field that the prose shows with the format spec ``spec`` (``research.nb.glue.glue_all`` reads it)."""
    return field(default=default, metadata={"format": spec})


def sentence(default: str = "", uses: tuple[str, ...] = ()):
    """A dataclass field holding a computed sentence of the prose, recorded as a sentence rather than a value.

    ``uses`` names the recorded values whose texts the sentence shows, in the order it shows them: the report links
    each of them, where it reads, to that value's own trace (``research.nb.glue.glue_sentence``).
    """
    return field(default=default, metadata={"sentence": True, "uses": tuple(uses)})


def missing(value) -> bool:
    """Whether a cell is empty (None, NA or NaN)."""
    return value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value))



def plain(value):
    """A numpy or pandas scalar as the Python number it holds (the prose's number words take plain numbers only)."""
    return value.item() if hasattr(value, "item") else value
