"""What the country-profile notebook quotes and draws, section by section: one call per value, figure or table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import profiles as pr
from research.analysis.common import shown_as
from research.sections import words


@dataclass(frozen=True)
class ProfileGroup:
    """The countries a profile shows (the country, then the focus unless they are one), their names, in words."""

    iso3s: list
    names: dict
    in_words: str  # "Viet Nam and Cambodia"


def profile_group(countries: pd.DataFrame, iso3: str, focus: str) -> ProfileGroup:
    """The group of :func:`research.analysis.profiles.group`, with names from the countries table.

    Raises
    ------
    research.errors.UnknownCountryError
        If either code is malformed or not in the countries table.
    """
    iso3s = pr.group(iso3, focus)
    names = {code: pr.country_record(countries, code).name for code in iso3s}
    return ProfileGroup(iso3s, names, " and ".join(names[c] for c in iso3s))


@dataclass(frozen=True)
class ProfileHeader:
    """The profile's title values: the state, its region, ASEAN membership, Convention status, the comparison."""

    name: str
    iso3: str
    region: str
    asean_member: bool
    budapest_status: str
    beside_sentence: str
    as_of_text: str  # "30 June 2019"


def profile_header(countries: pd.DataFrame, iso3: str, focus: str, as_of: str) -> ProfileHeader:
    """What the profile's opening states; empty cells read ``not recorded`` or ``not verified``."""

    country, other = pr.country_record(countries, iso3), pr.country_record(countries, focus)
    return ProfileHeader(country.name, iso3, country.region or "not recorded", country.asean_member,
                         country.budapest_status or "not verified",
                         pr.beside_sentence(country.name, other.name, iso3 == focus), words.date_text(as_of))


def _beside(iso3: str, focus: str, text) -> str:
    # The focus country's own sentence, set beside the profiled one's; empty when the profile is of the focus.
    return "" if iso3 == focus else text()


@dataclass(frozen=True)
class ConventionSection:
    """The standing of the state, and of the focus country, under the Convention."""

    convention_sentence: str
    focus_convention_sentence: str


def convention_section(countries: pd.DataFrame, facts: pd.DataFrame, iso3: str, focus: str,
                       as_of: str | None = None) -> ConventionSection:
    """One sentence per country on its status and recorded steps under the Convention (``facts`` as of ``as_of``)."""
    def say(code):
        record = pr.country_record(countries, code)
        return pr.convention_sentence(record.name, record.budapest_status, pr.convention_steps(facts, code), as_of)

    return ConventionSection(say(iso3), _beside(iso3, focus, lambda: say(focus)))


@dataclass(frozen=True)
class EventCounts:
    """Dated institutional and Convention events of the state and of the focus country, and the sentence on them."""

    n_events: int
    focus_n_events: int
    events_sentence: str


def event_counts(events: pd.DataFrame, countries: pd.DataFrame, iso3: str, focus: str) -> EventCounts:
    """Count the rows of :func:`research.analysis.countries.timeline_events` per country."""
    n = int((events["iso3"] == iso3).sum())
    return EventCounts(n, int((events["iso3"] == focus).sum()),
                       pr.events_sentence(n, pr.country_record(countries, iso3).name))


@dataclass(frozen=True)
class GciSection:
    """The state's scored index editions, its latest score, and a sentence each for it and the focus country."""

    n_gci_editions: int
    latest_gci_score: float | None = shown_as("g")
    gci_sentence: str = ""
    focus_gci_sentence: str = ""


def gci_section(history: pd.DataFrame, countries: pd.DataFrame, iso3: str, focus: str) -> GciSection:
    """Summarise :func:`research.analysis.profiles.gci_history` for the profile."""
    mine = history[history["iso3"] == iso3]
    latest = float(mine["score"].iloc[-1]) if len(mine) else None

    def say(code):
        return pr.gci_sentence(history, code, pr.country_record(countries, code).name)

    return GciSection(len(mine), latest, say(iso3), _beside(iso3, focus, lambda: say(focus)))


def gci_table(history: pd.DataFrame, names: dict) -> pd.DataFrame:
    """The index history as the profile lists it: country name, edition, score, scale and rank, as text."""
    table = history.assign(country=history["iso3"].map(names))[["country", "edition", "score", "scale", "rank"]]
    return table.astype("string").fillna("")


@dataclass(frozen=True)
class ProvisionsSection:
    """How many provisions of the state are coded, and what they (and the focus country's) cover."""

    n_provisions: int
    provisions_sentence: str
    focus_provisions_sentence: str


def provisions_section(tables: dict, countries: pd.DataFrame, iso3: str, focus: str) -> ProvisionsSection:
    """Counts and sentences of :func:`research.analysis.profiles.provisions_sentence` for the profile."""
    def say(code):
        return pr.provisions_sentence(tables, code, pr.country_record(countries, code).name)

    return ProvisionsSection(int((tables["provisions"]["country"].astype(str) == iso3).sum()), say(iso3),
                             _beside(iso3, focus, lambda: say(focus)))


@dataclass(frozen=True)
class IncidentsSection:
    """Incidents involving the state, as victim and as attributed origin, and a sentence each for the two states."""

    n_incidents: int
    n_as_victim: int
    n_as_origin: int
    incident_sentence: str
    focus_incident_sentence: str


def incidents_section(incidents: pd.DataFrame, countries: pd.DataFrame, iso3: str, focus: str) -> IncidentsSection:
    """Counts by role and the sentences of :func:`research.analysis.profiles.incident_sentence`."""
    mine = pr.country_incidents(incidents, iso3)
    roles = mine["role"]

    def say(code):
        return pr.incident_sentence(pr.country_incidents(incidents, code), pr.country_record(countries, code).name)

    return IncidentsSection(len(mine), int(roles.str.contains(pr.VICTIM, regex=False).sum()),
                            int(roles.str.contains(pr.ORIGIN, regex=False).sum()), say(iso3),
                            _beside(iso3, focus, lambda: say(focus)))


def incidents_by_role_of(incidents: pd.DataFrame, iso3s: list[str]) -> dict[str, pd.DataFrame]:
    """:func:`research.analysis.profiles.incidents_by_role` for each country, in the order given."""
    return {code: pr.incidents_by_role(pr.country_incidents(incidents, code)) for code in iso3s}


def incident_table(incidents: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """The incidents involving the state, as the profile lists them (text, empty cells empty)."""
    return pr.country_incidents(incidents, iso3).astype("string").fillna("")


def timeline_caption(shown: ProfileGroup) -> str:
    """The caption of the profile's timeline of events."""
    return f"Institutional and Convention events of {shown.in_words}, by year."


def timeline_alt(events: pd.DataFrame) -> str:
    """The alt text of the profile's timeline, counting its events."""
    return f"Timeline with one row per country; {words.count(len(events), 'dated event')} in all."


GCI_CAPTION = "ITU Global Cybersecurity Index score by edition (0-1 scale to 2018, 0-100 from 2020)."
GCI_TABLE_CAPTION = "Global Cybersecurity Index scores and ranks by edition."
COVERAGE_CAPTION = "Coded instruments against the Convention's benchmark articles, by coverage level."
INCIDENTS_CAPTION = "Dated incidents per year in which each country is the victim or the attributed origin."


def gci_alt(n_editions: int, name: str) -> str:
    """The alt text of the profile's GCI figure."""
    return f"Grouped bars: {words.count(n_editions, 'scored edition')} of {name}."


def coverage_alt(matrix: pd.DataFrame) -> str:
    """The alt text of the profile's coverage matrix, with its size."""
    return f"Matrix of {words.count(len(matrix), 'instrument')} by {len(matrix.columns)} articles."


def incidents_alt(n_incidents: int, name: str) -> str:
    """The alt text of the profile's incidents figure."""
    return f"Bars per year; {words.count(n_incidents, 'incident')} involving {name}."


def incident_table_caption(name: str) -> str:
    """The caption of the profile's incident table."""
    return f"Incidents in which {name} is the victim or the attributed origin."
