"""The data as known on a date: provisions valid then, facts, Party counts and incidents reported by then."""

from __future__ import annotations

import pandas as pd

PAPER_DATE = "2019-06-30"  # the paper's latest statements are of mid-2019; also research.engine.parameters


def period_start(value) -> str | None:
    """The first day of the period an ISO date names: ``2019`` -> ``2019-01-01``; ``2019-07`` -> ``2019-07-01``."""
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)
    return text + "-01-01" if len(text) == 4 else text + "-01" if len(text) == 7 else text


def period_end(value) -> str | None:
    """The last day of the period an ISO date names: ``2019`` -> ``2019-12-31``; ``2019-02`` -> ``2019-02-28``."""
    import calendar

    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value)
    if len(text) == 4:
        return text + "-12-31"
    if len(text) == 7:
        return f"{text}-{calendar.monthrange(int(text[:4]), int(text[5:7]))[1]:02d}"
    return text


def _starts(series: pd.Series) -> pd.Series:
    return series.astype("string").map(period_start, na_action="ignore").astype("string")


def _ends(series: pd.Series) -> pd.Series:
    return series.astype("string").map(period_end, na_action="ignore").astype("string")


def on_or_before(series: pd.Series, date: str) -> pd.Series:
    """Whether each date certainly lies on or before ``date``: its whole period does (``2019`` is not on or before
    ``2019-06-30``, since the event may fall later that year; ``2019-03`` is). False where the date is missing."""
    return (_ends(series) <= date).fillna(False).astype(bool)


def valid_on(provisions: pd.DataFrame, date: str) -> pd.Series:
    """Whether each provision applied on ``date``: it began by then and had not ceased.

    Both ends are read as :func:`on_or_before` reads a date: a provision counts from the end of the period its
    ``valid_from`` names (or, without one, its ``instrument_year``), and has ceased (a draft superseded, a law
    repealed) once the period its ``valid_to`` names lies wholly on or before ``date``.
    """
    begun = provisions["valid_from"].astype("string").fillna(provisions["instrument_year"].astype("Int64").astype("string"))
    started = on_or_before(begun, date)
    ended = on_or_before(provisions["valid_to"], date)
    return started & ~ended


def incidents_known(incidents: pd.DataFrame, date: str) -> pd.Series:
    """Whether each incident was known on ``date``: its report date, else its own date or year, lies on or before it.

    An entry that carries no date at all (neither a report date nor a date or year of its own) cannot be placed in
    time: it is kept in every edition, where the prose counts it as undated.
    """
    when = incidents["reported"].astype("string").fillna(incidents["date"].astype("string"))
    when = when.fillna(incidents["year"].astype("Int64").astype("string"))
    return on_or_before(when, date) | when.isna()


def as_of(tables: dict, date: str | None) -> dict:
    """The tables as they stood on ``date`` (ISO ``YYYY-MM-DD``); ``None`` leaves them as they are.

    Provisions valid on the date, with their penalties and quotations; incidents reported by then; country facts and
    Party counts dated by then. Reference tables (the Convention, its elements, countries) are unchanged. The
    frames themselves are not modified.
    """
    if not date:
        return dict(tables)
    out = dict(tables)
    if "provisions" in tables:
        provisions = tables["provisions"]
        kept = provisions[valid_on(provisions, date)]
        out["provisions"] = kept
        ids = set(kept["provision_id"].astype(str))
        if "penalties" in tables:
            pen = tables["penalties"]
            keep = pen["provisions"].astype(str).map(lambda v: set(v.split(";")) <= ids)
            out["penalties"] = pen[keep]
            ids |= set(out["penalties"]["penalty_id"].astype(str))
        if "codings" in tables:
            out["codings"] = tables["codings"][tables["codings"]["record_id"].astype(str).isin(ids)]
        if "coding_second" in tables:
            second = tables["coding_second"]
            out["coding_second"] = second[second["provision_id"].astype(str).isin(ids)]
    if "incidents" in tables:
        out["incidents"] = tables["incidents"][incidents_known(tables["incidents"], date)]
    if "country_facts" in tables:
        facts = tables["country_facts"]
        when = facts["date"].astype("string").fillna(facts["year"].astype("Int64").astype("string"))
        out["country_facts"] = facts[on_or_before(when, date)]
    if "convention_parties" in tables:
        parties = tables["convention_parties"]
        out["convention_parties"] = parties[on_or_before(parties["date"], date)]
    return out


# The columns that date a row, per table: what "the latest dated row in the data" is read from.
DATED_COLUMNS = (("provisions", ("valid_from",)), ("incidents", ("reported", "date")), ("country_facts", ("date",)),
                 ("convention_parties", ("date",)))


def latest_date(tables: dict) -> str:
    """The date of the latest dated row in the data (never the clock): the end of the record the data describe."""
    candidates = []
    for name, columns in DATED_COLUMNS:
        frame = tables.get(name)
        if frame is None:
            continue
        for col in columns:
            starts = _starts(frame[col]).dropna()
            if len(starts):
                candidates.append(str(starts.max()))
    return max(candidates) if candidates else PAPER_DATE


DRAFT = "draft"


def enacted(provisions: pd.DataFrame) -> pd.Series:
    """Whether each provision is enacted law rather than a draft. Which version of the law is meant is decided by
    dates (:func:`as_of` keeps the provisions valid on the edition's date), never by ``status``: a row marked
    ``amended`` or ``repealed`` is the law of any date before its ``valid_to``."""
    return provisions["status"].astype(str) != DRAFT


def is_draft(provisions: pd.DataFrame) -> pd.Series:
    """Whether each provision belongs to a draft (status ``draft``)."""
    return provisions["status"].astype(str) == DRAFT


def reading_date(as_of: str | None) -> str:
    """The date at which the sections read the law the paper examined: the paper's date, or ``as_of`` if earlier.

    The paper's own draft (Draft V.1) is read as it stood when the paper was written, whatever later date the
    edition describes; an edition of an earlier date reads it as it stood then.
    """
    return min(str(as_of), PAPER_DATE) if as_of else PAPER_DATE


# The dated columns latest_entry reads, each date as written (latest_date reads the start of each period).
ENTRY_COLUMNS = (("provisions", "valid_from"), ("incidents", "reported"), ("incidents", "date"),
                 ("country_facts", "date"), ("convention_parties", "date"))


def latest_entry(tables: dict) -> str | None:
    """The latest date any row of the tables carries, at the precision it is written (the end of the record the
    data describe, never the clock); ``None`` when nothing is dated. Dates compare by the day their period starts."""
    found = []
    for name, column in ENTRY_COLUMNS:
        frame = tables.get(name)
        if frame is not None and column in frame:
            found += [(period_start(v), str(v)) for v in frame[column].dropna()]
    return max(found)[1] if found else None
