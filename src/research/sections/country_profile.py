"""What the country-profile notebook quotes and draws, section by section: one call per value, figure or table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import levels as lv
from research.analysis import profiles as pr
from research.analysis import provisions as prov
from research.analysis.common import shown_as
from research.sections import words

STATUS_TEXT = {
    "party": "a Party to the Convention",
    "signatory": "a signatory of the Convention, not yet a Party",
    "invited": "invited to accede to the Convention, not yet a Party",
    "none": "neither a Party to nor a signatory of the Convention",
}


def beside_sentence(name: str, focus_name: str, same: bool) -> str:
    """How the profile compares: beside the focus country, or, for the focus country itself, on its own."""
    if same:
        return f"{name} is the paper's focus country, so this profile shows it on its own."
    return f"Each section sets {name} beside {focus_name}, the paper's focus country."


def convention_sentence(name: str, status: str | None, steps: dict[str, str | None], as_of: str | None = None) -> str:
    """One sentence on a state's standing under the Convention, saying plainly what is not recorded.

    ``status`` is as of March 2019 (countries.csv); it is left unsaid for a profile dated before then, whose
    ``steps`` are those recorded by its date.
    """
    if as_of is not None and as_of < "2019-03-31":
        standing = ""
    elif status in STATUS_TEXT:
        standing = f"As of March 2019, {name} was {STATUS_TEXT[status]}. "
    else:
        standing = f"{name}'s status under the Convention as of March 2019 is not verified in our sources. "
    known = [f"{step} {date}" for step, date in steps.items() if date]
    by = f" by {words.date_text(as_of)}" if as_of else ""
    dates = (f"Recorded steps{by}: " + "; ".join(known) + ".") if known else (
        f"No signature, ratification, acceptance, approval, accession or entry into force is recorded{by}.")
    return f"{standing}{dates}"


def gci_sentence(history: pd.DataFrame, iso3: str, name: str) -> str:
    """The latest edition's score (and rank, if recorded) of one country, or that none is recorded."""
    mine = history[history["iso3"] == iso3]
    if mine.empty:
        return f"No Global Cybersecurity Index score of {name} is recorded."
    last = mine.iloc[-1]
    rank = f", rank {int(last['rank'])}" if pd.notna(last["rank"]) else ""
    return (f"{name} has {words.count(len(mine), 'scored edition')} of the Global Cybersecurity Index; in the latest, "
            f"{last['edition']}, it scored {last['score']:g} on a {last['scale']} scale{rank}.")


def incident_sentence(mine: pd.DataFrame, name: str) -> str:
    """How many incidents name the country as victim and as attributed origin, and over which years."""
    if mine.empty:
        return f"No incident in the data names {name} as victim or as attributed origin."
    as_victim = int(mine["role"].str.contains(pr.VICTIM, regex=False).sum())
    as_origin = int(mine["role"].str.contains(pr.ORIGIN, regex=False).sum())
    years = mine["year"].dropna()
    span = (f", dated {int(years.min())}" + (f" to {int(years.max())}" if years.max() != years.min() else "")
            if len(years) else (", none of them dated" if len(mine) > 1 else ", not dated"))
    undated = len(mine) - len(years)
    more = f" ({undated} undated)" if len(years) and undated else ""
    verb = "involves" if len(mine) == 1 else "involve"
    return (f"{words.count(len(mine), 'incident')} {verb} {name}: {as_victim} as victim and {as_origin} as "
            f"attributed origin{span}{more}.")


def provisions_sentence(tables: dict, iso3: str, name: str) -> str:
    """What the coded provisions of one country cover among the Convention's benchmark articles."""
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == iso3]
    if mine.empty:
        return f"No provision of {name}'s law is coded against the Convention in provisions.csv."
    matrix = prov.coverage_matrix(tables, iso3)
    covered = prov.articles_covered_by_any(matrix)
    full = [int(a) for a in matrix.columns if (matrix[a] == lv.MEETS).any()]
    n, k = len(mine), len(matrix)
    verb, they = ("is", "it has") if n == 1 else ("are", "they have")
    return (f"{words.count(n, 'provision')} of {name} in {words.count(k, 'instrument')} {verb} coded; {they} a "
            f"counterpart with known text to {len(covered)} of the {len(matrix.columns)} benchmark articles of the "
            f"Convention, {len(full)} of them "
            f"shown to meet the Convention's definition or safeguards (every mandatory element shown in the text "
            f"read).")


def events_sentence(n: int, name: str) -> str:
    """How many dated institutional or Convention events the data record for the state ("no", "1 ... event")."""
    if n == 0:
        return f"The data record no dated institutional or Convention event for {name}."
    return f"The data record {words.count(n, 'dated institutional or Convention event')} for {name}."


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
                         beside_sentence(country.name, other.name, iso3 == focus), words.date_text(as_of))


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
        return convention_sentence(record.name, record.budapest_status, pr.convention_steps(facts, code), as_of)

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
                       events_sentence(n, pr.country_record(countries, iso3).name))


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
        return gci_sentence(history, code, pr.country_record(countries, code).name)

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
        return provisions_sentence(tables, code, pr.country_record(countries, code).name)

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
        return incident_sentence(pr.country_incidents(incidents, code), pr.country_record(countries, code).name)

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
