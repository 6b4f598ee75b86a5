"""Countries: institutional timelines, Convention status, index scores (the Parties over time: :mod:`parties`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.basis import Basis, Measure, basis_field, merge, rows_of, trace, traced, with_rows
from research.analysis.common import country_list, shown_as
from research.analysis.parties import PAPER_DATE, latest_parties, parties_by

CHINA = "CHN"  # the prose dates China's Cybersecurity Law
# The Convention's legal acts are kept apart (Art. 36: ratification, acceptance or approval by a signatory; Art. 37:
# accession by an invited State); an act the data do not yet define is simply absent.
TIMELINE_INDICATORS = ["cert_established", "cybercrime_law", "cybersecurity_law", "strategy", "budapest_signature",
                       "budapest_ratification", "budapest_acceptance", "budapest_approval", "budapest_accession",
                       "budapest_in_force"]


def timeline_events(
    country_facts: pd.DataFrame, countries: pd.DataFrame, iso3s: list[str], indicators=TIMELINE_INDICATORS
) -> pd.DataFrame:
    """Dated institutional events of the given countries: in the order given, then by year, then in the order of
    ``indicators``. Facts without a year are left out; the paper's timeline and the profiles' both draw these.

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
    rank = {name: i for i, name in enumerate(indicators)}
    out = out.assign(_o=out["iso3"].map(order), _i=out["indicator"].map(rank))
    out = out.sort_values(["_o", "year", "_i"], kind="stable")
    return out.drop(columns=["_o", "_i"]).reset_index(drop=True)


def gci_rows(country_facts: pd.DataFrame, iso3s, label: str | None = None) -> tuple[str, ...]:
    """The Global Cybersecurity Index rows of some states (of one edition, if ``label`` is given)."""
    facts = country_facts
    keep = (facts["indicator"].astype(str) == "gci_score") & facts["iso3"].astype(str).isin(list(iso3s))
    if label is not None:
        keep &= facts["label"].astype(str) == label
    return rows_of("country_facts", facts[keep])


def first_event(country_facts: pd.DataFrame, iso3: str, indicator: str) -> Measure:
    """The earliest year of one indicator for one country (``None`` if no such fact has a year), with the fact rows
    of that kind in that year."""
    rows = country_facts[(country_facts["iso3"].astype(str) == iso3) & (country_facts["indicator"].astype(str) == indicator)]
    years = rows["year"].dropna()
    if not len(years):
        return Measure(None)
    year = int(years.min())
    return Measure(year, rows_of("country_facts", rows[(rows["year"] == year).fillna(False).astype(bool)]))


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


@dataclass(frozen=True)
class Rank:
    """A position in a group (1 is the highest score; ties share a position) and the number of the group scored."""

    position: int
    of: int
    score: float | None = None


def gci_rank_among(country_facts: pd.DataFrame, iso3: str, label: str, among: list[str]) -> Measure:
    """Position of a country's score in one GCI edition among a group and the number of the group scored.

    The position is 1 plus the number of members scoring strictly higher (so tied countries share a position).
    Members without a score are left out; the value is ``None`` if ``iso3`` has no score in that edition. The rows
    are the scores compared.
    """
    rows = country_facts[
        (country_facts["indicator"].astype(str) == "gci_score")
        & (country_facts["label"].astype(str) == label)
        & country_facts["iso3"].astype(str).isin(among)
        & country_facts["value"].notna()
    ]
    if iso3 not in set(rows["iso3"].astype(str)):
        return Measure(None)
    scores = rows.set_index(rows["iso3"].astype(str))["value"].astype(float)
    rank = Rank(int((scores > scores[iso3]).sum()) + 1, int(len(scores)), float(scores[iso3]))
    return Measure(rank, rows_of("country_facts", rows))


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


def asean_members(countries: pd.DataFrame) -> list[str]:
    """ISO3 codes of the ASEAN members, in data order (an unknown membership counts as not a member)."""
    return countries.loc[countries["asean_member"].fillna(False).astype(bool), "iso3"].astype(str).tolist()


@dataclass(frozen=True)
class ResponseCapacity:
    """The focus country's CERT year and its first Global Cybersecurity Index edition, score and ASEAN position."""

    cert_year: int | None = shown_as("d")
    gci_first_label: str = "n/a"
    gci_first_score: float | None = shown_as(".3f")
    gci_first_position: int | None = None
    gci_first_group: int | None = None
    basis: Basis = basis_field()


@traced
def response_capacity(country_facts: pd.DataFrame, countries: pd.DataFrame, focus: str) -> ResponseCapacity:
    """When the focus country's CERT was set up, and how it scored in the first index edition recorded."""
    facts = country_facts
    editions = facts[(facts["indicator"].astype(str) == "gci_score") & (facts["iso3"].astype(str) == focus)]
    editions = editions.sort_values("year")
    label = str(editions["label"].iloc[0]) if len(editions) else None
    score = float(editions["value"].iloc[0]) if len(editions) else None
    asean = asean_members(countries)
    ranked = gci_rank_among(facts, focus, label, asean) if label else Measure(None)
    rank, cert = ranked.value, first_event(facts, focus, "cert_established")
    first = rows_of("country_facts", editions.iloc[:1])
    group = merge(ranked.rows, rows_of("countries", countries[countries["iso3"].astype(str).isin(asean)],
                                       "asean_member")) if label else ()
    basis = Basis({"cert_year": cert.rows, "gci_first_label": first,
                   "gci_first_score": first, "gci_first_position": group, "gci_first_group": group})
    return ResponseCapacity(cert.value, label or "n/a", score, rank.position if rank else None,
                            rank.of if rank else None, basis)


def comparison_group(countries: pd.DataFrame, focus: str, comparators: str) -> list[str]:
    """The focus country, its comparators (a comma list), then the other Parties the data name, once each."""
    peers = country_list(comparators)
    named = [c for c in status_members(countries, "party") if c not in peers and c != focus]
    return [focus, *peers, *named]


@dataclass(frozen=True)
class RegionalComparison:
    """What the regional comparison quotes: CERTs set up before the focus country's, China's law, the latest index."""

    n_comparator_cert_before_focus: int
    chn_csl_year: int | None = shown_as("d")
    focus_gci_latest: float | None = shown_as("g")
    focus_gci_latest_label: str = "n/a"
    basis: Basis = basis_field()


@traced
def regional_comparison(country_facts: pd.DataFrame, countries: pd.DataFrame, focus: str,
                        comparators: str) -> RegionalComparison:
    """Compare the focus country with its comparators (see :class:`RegionalComparison`)."""
    facts = country_facts
    focus_cert = first_event(facts, focus, "cert_established")
    certs = {c: first_event(facts, c, "cert_established") for c in country_list(comparators)}
    earlier = [c for c, m in certs.items()
               if m.value is not None and focus_cert.value is not None and m.value < focus_cert.value]
    csl = first_event(facts, CHINA, "cybersecurity_law")
    label = latest_gci_label(facts, focus)
    scores = gci_scores(facts, countries, comparison_group(countries, focus, comparators))
    name = dict(zip(countries["iso3"].astype(str), countries["name"].astype(str), strict=True)).get(focus, focus)
    latest = float(scores.loc[name, label]) if label and name in scores.index else None
    gci = gci_rows(facts, [focus], label) if label else ()
    basis = Basis({"n_comparator_cert_before_focus": trace(focus_cert, *(certs[c] for c in earlier)),
                   "chn_csl_year": csl.rows, "focus_gci_latest": gci, "focus_gci_latest_label": gci})
    return RegionalComparison(len(earlier), csl.value, latest, label or "n/a", basis)


@traced
def gci_table(country_facts: pd.DataFrame, countries: pd.DataFrame, iso3s: list[str]) -> pd.DataFrame:
    """:func:`gci_scores` as the report lists it: a country column, scores to three decimals, as text (each row
    traced to the country's index rows)."""
    table = gci_scores(country_facts, countries, iso3s).reset_index().round(3).astype("string").fillna("")
    codes = dict(zip(countries["name"].astype(str), countries["iso3"].astype(str)))
    return with_rows(table, [gci_rows(country_facts, [codes.get(n, n)]) for n in table["country"].astype(str)])


@dataclass(frozen=True)
class ConventionReach:
    """Parties to the Convention when the paper was written and lately, and the Parties the data name."""

    parties_at_paper: int | None
    parties_latest: int | None
    parties_latest_date: str | None
    n_named_parties: int
    named_parties: str
    basis: Basis = basis_field()


@traced
def convention_reach(countries: pd.DataFrame, convention_parties: pd.DataFrame) -> ConventionReach:
    """Counts of Parties at :data:`PAPER_DATE` and at the latest date recorded, and the named Parties in words."""
    latest = latest_parties(convention_parties)
    names = countries.loc[countries["budapest_status"].astype(str) == "party", "name"].astype(str).tolist()
    parties = convention_parties
    at_paper = parties[parties["date"].astype(str).str.startswith(PAPER_DATE)]
    last = rows_of("convention_parties", parties[parties["date"].astype(str) == latest.date]) if latest else ()
    named = rows_of("countries", countries[countries["budapest_status"].astype(str) == "party"], "budapest_status")
    basis = Basis({"parties_at_paper": rows_of("convention_parties", at_paper), "parties_latest": last,
                   "parties_latest_date": last, "n_named_parties": named, "named_parties": named})
    return ConventionReach(parties_by(convention_parties, PAPER_DATE), latest.parties if latest else None,
                           latest.date if latest else None, len(names), ", ".join(names), basis)


# Attributed origins of incidents that countries.csv does not list: their English short names.
ORIGINS_NOT_IN_COUNTRIES = {"IRN": "Iran"}


def country_names(countries: pd.DataFrame) -> dict[str, str]:
    """ISO3 -> English short name, from countries.csv, with the few attributed origins it does not list."""
    names = dict(ORIGINS_NOT_IN_COUNTRIES)
    names.update(dict(zip(countries["iso3"].astype(str), countries["name"].astype(str))))
    return names
