"""Countries: institutional timelines, Convention status and Parties over time, index scores."""

from __future__ import annotations

import pandas as pd

TIMELINE_INDICATORS = ["cert_established", "cybercrime_law", "cybersecurity_law", "strategy", "budapest_in_force"]


def timeline_events(
    country_facts: pd.DataFrame, countries: pd.DataFrame, iso3s: list[str], indicators=TIMELINE_INDICATORS
) -> pd.DataFrame:
    """Dated institutional events for the given countries, in the order given, then by year and indicator.

    Facts without a year are left out.

    Returns
    -------
    DataFrame
        ``iso3``, ``name``, ``indicator``, ``year``, ``date``, ``label``.
    """
    names = dict(zip(countries["iso3"].astype(str), countries["name"].astype(str)))
    facts = country_facts[
        country_facts["iso3"].astype(str).isin(iso3s)
        & country_facts["indicator"].astype(str).isin(indicators)
        & country_facts["year"].notna()
    ]
    out = pd.DataFrame(
        {
            "iso3": facts["iso3"].astype(str),
            "name": facts["iso3"].astype(str).map(names),
            "indicator": facts["indicator"].astype(str),
            "year": facts["year"].astype(int),
            "date": facts["date"].astype("string"),
            "label": facts["label"].astype("string"),
        }
    )
    order = {code: i for i, code in enumerate(iso3s)}
    out = out.assign(_o=out["iso3"].map(order)).sort_values(["_o", "year", "indicator"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def first_event_year(country_facts: pd.DataFrame, iso3: str, indicator: str) -> int | None:
    """The earliest year of one indicator for one country, or ``None`` if no such fact has a year."""
    rows = country_facts[(country_facts["iso3"].astype(str) == iso3) & (country_facts["indicator"].astype(str) == indicator)]
    years = rows["year"].dropna()
    return int(years.min()) if len(years) else None


def parties_over_time(convention_parties: pd.DataFrame) -> pd.DataFrame:
    """Parties counts sorted by date, with a fractional ``year`` for plotting partial dates.

    ``YYYY`` maps to mid-year, ``YYYY-MM`` to mid-month, ``YYYY-MM-DD`` to the day.
    """
    frame = convention_parties.copy()
    frame["year"] = frame["date"].astype(str).map(decimal_year)
    return frame.sort_values("year", kind="stable").reset_index(drop=True)


def decimal_year(date: str) -> float:
    """Convert an ISO date of any precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) to a fractional year."""
    parts = [int(p) for p in str(date).split("-")]
    if len(parts) == 1:
        return parts[0] + 0.5
    if len(parts) == 2:
        return parts[0] + (parts[1] - 0.5) / 12
    return parts[0] + (parts[1] - 1) / 12 + (parts[2] - 1) / 365


def parties_by(convention_parties: pd.DataFrame, date_prefix: str) -> int | None:
    """The Parties count recorded for a date (exact ISO prefix match, e.g. ``"2019-03"``), or ``None``.

    If several dates match, the count of the latest one is returned.
    """
    frame = parties_over_time(convention_parties)
    rows = frame[frame["date"].astype(str).str.startswith(date_prefix)]
    return int(rows["parties"].iloc[-1]) if len(rows) else None


def latest_parties(convention_parties: pd.DataFrame) -> tuple[str, int]:
    """The most recent recorded count of Parties and its date.

    Raises
    ------
    ValueError
        If no count is recorded.
    """
    if convention_parties.empty:
        raise ValueError("no count of Parties is recorded")
    frame = parties_over_time(convention_parties)
    last = frame.iloc[-1]
    return str(last["date"]), int(last["parties"])


def status_members(countries: pd.DataFrame, status: str) -> list[str]:
    """ISO3 codes of the countries with a given Budapest status, in data order."""
    return countries.loc[countries["budapest_status"].astype(str) == status, "iso3"].astype(str).tolist()


def gci_scores(country_facts: pd.DataFrame, countries: pd.DataFrame, iso3s: list[str]) -> pd.DataFrame:
    """ITU Global Cybersecurity Index scores by edition for the given countries.

    Returns
    -------
    DataFrame
        Index: country names (in the order given); columns: edition labels; values: scores as published
        (0-1 before 2020, 0-100 from 2020).
    """
    names = dict(zip(countries["iso3"].astype(str), countries["name"].astype(str)))
    rows = country_facts[
        (country_facts["indicator"].astype(str) == "gci_score") & country_facts["iso3"].astype(str).isin(iso3s)
    ]
    table = rows.pivot_table(index="iso3", columns="label", values="value", aggfunc="first", observed=True)
    table = table.reindex([c for c in iso3s if c in table.index])
    table.index = [names.get(c, c) for c in table.index]
    table.index.name = "country"
    table.columns = [str(c) for c in table.columns]
    return table.astype(float)


def gci_rank_among(country_facts: pd.DataFrame, iso3: str, label: str, among: list[str]) -> tuple[int, int] | None:
    """Position of a country's score in one GCI edition among a group and the number of the group scored.

    The position is 1 plus the number of members scoring strictly higher (so tied countries share a position).
    Members without a score are left out; ``None`` if ``iso3`` has no score in that edition.
    """
    rows = country_facts[
        (country_facts["indicator"].astype(str) == "gci_score")
        & (country_facts["label"].astype(str) == label)
        & country_facts["iso3"].astype(str).isin(among)
        & country_facts["value"].notna()
    ]
    if iso3 not in set(rows["iso3"].astype(str)):
        return None
    scores = rows.set_index(rows["iso3"].astype(str))["value"].astype(float)
    position = int((scores > scores[iso3]).sum()) + 1
    return position, int(len(scores))


def latest_gci_label(country_facts: pd.DataFrame, iso3: str) -> str | None:
    """The label of the latest dated GCI edition with a score for ``iso3``, or ``None``."""
    rows = country_facts[
        (country_facts["indicator"].astype(str) == "gci_score")
        & (country_facts["iso3"].astype(str) == iso3)
        & country_facts["year"].notna()
        & country_facts["value"].notna()
    ]
    if rows.empty:
        return None
    return str(rows.sort_values("year", kind="stable")["label"].iloc[-1])
