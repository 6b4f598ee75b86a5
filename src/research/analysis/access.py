"""Illegal access (Convention Art. 2) in the offences of a group of countries: which offences answer it, with intent
after each country's general part, and how many require a dishonest intent; each count carries its rows."""

from __future__ import annotations

import pandas as pd

from research.analysis import elements as el
from research.analysis.basis import Measure, rows_of

ACCESS_ARTICLE = 2  # the Convention's illegal-access offence


def access_offences(data: dict, iso3s: list[str]) -> pd.DataFrame:
    """The illegal-access counterparts (Convention Art. 2) among the offences of the given countries, with intent
    after each country's general-part rule (its own instrument), in the order of ``iso3s`` then of the data."""
    provisions = data["provisions"]
    rows = provisions[provisions["country"].astype(str).isin(iso3s) & (provisions["kind"].astype(str) == "offence")]
    rows = rows[el.corresponds(rows, ACCESS_ARTICLE)]
    intent = el.effective_intent(provisions, data.get("general_rules"))
    order = {c: i for i, c in enumerate(iso3s)}
    rows = rows.assign(_o=rows["country"].astype(str).map(order)).sort_values("_o", kind="stable").drop(columns="_o")
    return rows.assign(intent=[intent.get(str(p)) for p in rows["provision_id"]])


def dishonest_intent(data: dict, iso3s: list[str]) -> dict[str, Measure]:
    """The illegal-access offences of ``iso3s`` (``"offences"``) and how many of them require a dishonest intent
    (``"yes"``), are known not to (``"no"``) and do not tell (``"unknown"``); the rows are their dishonest-intent cells."""
    rows = access_offences(data, iso3s)
    said = [el._value(v) for v in rows["dishonest_intent"]]
    out = {"offences": Measure(len(rows), rows_of("provisions", rows, "dishonest_intent"))}
    for key, value in (("yes", True), ("no", False), ("unknown", None)):
        hit = rows[pd.Series([v is value for v in said], index=rows.index, dtype=bool)]
        out[key] = Measure(len(hit), rows_of("provisions", hit, "dishonest_intent"))
    return out
