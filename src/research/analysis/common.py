"""Small helpers shared by the analysis modules."""

from __future__ import annotations

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
