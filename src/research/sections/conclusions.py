"""Section 6, conclusions: targets, the Convention's Parties and Cambodia's status, each recommendation's gap."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import countries as cty
from research.analysis import gaps as gp
from research.analysis import incidents as inc
from research.analysis.basis import Basis, basis_field, ids, merge, rows_of, traced, with_rows
from research.analysis.common import missing, sentence, shown_as
from research.analysis.countries import country_names
from research.analysis.law_framework import TELECOM
from research.data.labels import label
from research.sections import words

PAPER_KEY = "nguon2019cambodia"  # the Parties the paper names carry it as their source

RECOMMENDATIONS = [  # the paper's infographic, in its order and words
    ("Review existing laws to ensure that they do not overlap with each other and are applicable.", "overlap_and_vagueness"),
    ("The current draft law should address cyber security properly.", "draft_offences"),
    ("Determine the responsible authorities.", "authorities"),
    ("Establish security measures for the nation more effectively.", "security_measures"),
    ("Actively involve in international and regional cyber engagement and cooperation.", "cooperation"),
    ("Provide cyber awareness programs to government officials, citizens, and schools.", "awareness"),
    ("Cambodia should consider signing and ratifying the convention on cybercrime.", "convention"),
]


def targets_sentence(incidents: pd.DataFrame, as_of: str | None) -> str:
    """The incidents and campaigns by the sector of their target, most frequent first (ties by name)."""
    rows = inc.counted(incidents)
    if rows.empty:
        return "The incident table holds no incident or campaign."
    sectors = rows["target_sector"].astype("string")
    counts = sectors.dropna().value_counts().sort_index().sort_values(ascending=False, kind="stable")
    items = [f"{words.number(int(n))} {label('incidents', 'target_sector', s)}" for s, n in counts.items()]
    none = int(sectors.isna().sum())
    if none:
        items.append(f"{words.number(none)} no sector")
    when = f" as of {words.date_text(as_of)}" if as_of else ""
    return (f"Of the {words.number(len(rows))} incidents and campaigns in the table{when}, by the sector of their "
            f"target: {words.join(items)}.")


# The legal act by which a State became a Party (Art. 36: ratification, acceptance or approval by a signatory;
# Art. 37: accession by an invited State), as country_facts.csv records it.
PARTY_ACTS = {act: act.removeprefix("budapest_") for act in gp.PARTY_ACTS}  # the act named in words


def party_act(facts: pd.DataFrame | None, iso3: str) -> str | None:
    """The act by which ``iso3`` became a Party, with its date (``"accession, 30 November 2012"``), or None."""
    if facts is None:
        return None
    mine = facts[(facts["iso3"].astype(str) == iso3) & facts["indicator"].astype(str).isin(PARTY_ACTS)]
    if mine.empty:
        return None
    first = mine.sort_values("year", kind="stable").iloc[0]
    when = first["date"] if not missing(first["date"]) else str(int(first["year"]))
    return f"{PARTY_ACTS[str(first['indicator'])]}, {words.date_text(str(when))}"


def parties_sentence(countries: pd.DataFrame, parties: pd.DataFrame, facts: pd.DataFrame | None = None) -> str:
    """The paper's count of Parties, its date, and the Parties it names, each with the act by which it became one
    where the data record it (without its full stop: the prose cites the paper, then stops)."""
    count = cty.parties_by(parties, cty.PAPER_DATE)
    rows = countries[(countries["budapest_status"].astype(str) == "party") & (countries["source"].astype(str) == PAPER_KEY)]
    rows = rows.assign(_name=[words.country_name(n) for n in rows["name"].astype(str)]).sort_values("_name")
    names = [n + (f" ({act})" if (act := party_act(facts, str(c))) else "")
             for n, c in zip(rows["_name"], rows["iso3"].astype(str))]
    named = (f"; the paper names {words.number_word(len(names))} of them, listed here alphabetically with the act by "
             f"which each became a Party where our data record it: {words.join(names)}" if names else "")
    if count is None:
        return f"Our data do not hold the paper's count of Parties{named}"
    return (f"As of {words.date_text(cty.PAPER_DATE)}, by the paper's count, the Convention had {count} Parties (the "
            f"paper says they had \u201cratified\u201d it; a signatory becomes a Party by ratification, acceptance or "
            f"approval, any other State by accession){named}")


def latest_parties_sentence(parties: pd.DataFrame, as_of: str | None) -> str:
    """The latest count of Parties in the data as of ``as_of``, or that the paper's count is the latest."""
    latest = cty.latest_parties(parties)
    when = f" as of {words.date_text(as_of)}" if as_of else ""
    if latest is None:
        return f"Our data hold no count of Parties{when}."
    if latest.date == cty.PAPER_DATE:
        return f"The paper's count is the latest in the data this edition uses{when}."
    return f"By {words.date_text(latest.date)}, the latest count in the data this edition uses, the Convention had {latest.parties} Parties."


def status_sentence(data: dict, focus: str, as_of: str | None) -> str:
    """The focus country's status under the Convention as of the paper, and any step towards it recorded since."""
    countries, facts = data["countries"], data["country_facts"]
    row = countries[countries["iso3"].astype(str) == focus]
    name = country_names(countries).get(focus, focus)
    status = None if row.empty or missing(row["budapest_status"].iloc[0]) else str(row["budapest_status"].iloc[0])
    said = (f"{name}'s status under the Convention is not verified in our data" if status is None else
            f"By the Council of Europe's list of Parties as our data read it for {words.date_text(cty.PAPER_DATE)}, "
            f"{name} was {'a Party' if status == 'party' else label('countries', 'budapest_status', status)}")
    steps = facts[(facts["iso3"].astype(str) == focus) & facts["indicator"].astype(str).str.startswith("budapest_")]
    until = f" up to {words.date_text(as_of)}" if as_of else ""
    if steps.empty:
        return f"{said}, and our data record no signature, ratification, acceptance, approval or accession by it{until}."
    done = [f"{label('country_facts', 'indicator', i)} ({words.date_text(d if not missing(d) else y)})"
            for i, d, y in zip(steps["indicator"].astype(str), steps["date"], steps["year"].astype(str))]
    return f"{said}; our data record {words.join(done)}{until}."


def _draft_offences_gap(found: dict | None, on: str) -> str:
    if found is None:
        return f"not measured: our data hold no cybercrime draft{on}"
    no_d, no_i, n = found["no_dishonest_intent"], found["no_intent"], found["offences"]
    said = ([f"{words.share(no_d, n, 'offence article')} {'is' if no_d == 1 else 'are'} reported to make no "
             f"reference to a dishonest intent"] if no_d else [])
    said += [f"{words.share(no_i, n, 'offence article') if not no_d else words.number(no_i)} "
             f"{'is' if no_i == 1 else 'are'} reported to lack an intent element"] if no_i else []
    said += [f"its provisions use {words.count(found['terms'], 'broad, open-ended term')}"] if found["terms"] else []
    if said:
        return f"in the latest cybercrime draft in our data{on}, the {found['instrument']}, " + "; ".join(said)
    return f"no gap measured in the {found['instrument']}, the latest cybercrime draft{on}"


def gap_words(measured: dict, data: dict, focus: str, as_of: str | None) -> dict[str, str]:
    """Each gap of :func:`research.analysis.gaps.gaps` stated as what is missing; where the data show nothing
    missing, or hold no measure, the cell says so."""
    on = f" on {words.date_text(as_of)}" if as_of else ""
    by = f" by {words.date_text(as_of)}" if as_of else ""
    n_state, n_incidents = measured["security_measures"].value
    n_force, n_coop, coop_drafts = measured["cooperation"].value
    said = status_sentence(data, focus, as_of).rstrip(".")
    return {
        "overlap_and_vagueness": overlap_gap(measured["overlap_and_vagueness"].value, on),
        "draft_offences": _draft_offences_gap(measured["draft_offences"].value, on),
        "authorities": authorities_gap(measured["authorities"].value, on),
        "security_measures": (f"{NOT_MEASURABLE}: they record attacks ({words.number(n_state)} of the "
                              f"{words.count(n_incidents, 'incident or campaign', 'incidents and campaigns')} "
                              f"recorded{by} struck government, electoral, military or judicial targets), not the "
                              f"security measures the nation has taken"),
        "cooperation": (
            f"none of the {words.count(n_force, 'provision')} in force{on} provides for international co-operation"
            + (f"; the co-operation articles coded are in drafts only ({words.join(coop_drafts)})" if coop_drafts else "")
            if not n_coop else f"no gap measured: {words.count(n_coop, 'co-operation provision')} in force{on}"),
        "awareness": (f"{NOT_MEASURABLE}: they hold no count of awareness programmes; the ITU Global Cybersecurity "
                      f"Index, whose scores they hold, measures far more than awareness"),
        "convention": ("no gap measured: the data record the country as a Party" if measured["convention"].value
                       else said[0].lower() + said[1:]),
    }


def gaps(data: dict, focus: str, as_of: str | None) -> dict[str, str]:
    """The gap each of the infographic's recommendations answers, measured in the data as of ``as_of``, in words."""
    return gap_words(gp.gaps(data, focus), data, focus, as_of)


NOT_MEASURABLE = "not measurable from the data"


def overlap_gap(shared: list[str], on: str) -> str:
    """Overlap between the laws in force: the Convention articles that provisions of more than one instrument answer
    (whether the laws are "applicable" the data cannot show)."""
    if not shared:
        return (f"no overlap measured: no Convention article is answered by provisions of more than one instrument "
                f"in force{on} (whether the laws are applicable is {NOT_MEASURABLE})")
    arts = f"Art. {shared[0]}" if len(shared) == 1 else f"Arts {', '.join(shared)}"
    return (f"{words.count(len(shared), 'Convention article')} ({arts}) "
            f"{'is' if len(shared) == 1 else 'are'} answered by provisions of more than one instrument in force{on}; "
            f"whether the laws are applicable is {NOT_MEASURABLE}")


def authorities_gap(found: tuple, on: str) -> str:
    """The responsible authorities the law in force and the drafts establish (provisions coded as institutions)."""
    enacted, n_drafts, in_drafts = found
    tail = (f"; the drafts{on} hold {words.count(n_drafts, 'such provision')} ({words.join(in_drafts)})"
            if n_drafts else "; nor does any draft")
    if not enacted:
        return f"no provision in force{on} is coded as establishing or naming a responsible authority{tail}"
    return f"no gap measured: {words.count(enacted, 'provision')} in force{on} establish a responsible authority"


@traced
def recommendation_table(data: dict, focus: str, as_of: str | None) -> pd.DataFrame:
    """The infographic's recommendations, in its order and words, each beside the gap the data measure for it (each
    row carries the data rows its gap was measured on: the rows of its measure)."""
    measured = gp.gaps(data, focus)
    found = gap_words(measured, data, focus, as_of)
    when = f" (as of {words.date_text(as_of)})" if as_of else ""
    frame = pd.DataFrame([{"recommendation (the paper's words)": text, f"what the data measure as missing{when}": found[key]}
                          for text, key in RECOMMENDATIONS])
    return with_rows(frame, [measured[key].rows for _, key in RECOMMENDATIONS])


@dataclass(frozen=True)
class Conclusions:
    """The values and sentences of section 6."""

    concl_telecom_year: int | None = shown_as("d")
    concl_n_recommendations: int = shown_as("words")
    concl_targets_sentence: str = sentence()
    concl_parties_sentence: str = sentence()
    concl_latest_parties_sentence: str = sentence()
    concl_status_sentence: str = sentence()
    basis: Basis = basis_field()


def _conclusions_basis(data: dict, focus: str) -> Basis:
    """The rows of each value of :class:`Conclusions` (the number of recommendations is the paper's, not data)."""
    provisions, countries, parties, facts = (data[k] for k in ("provisions", "countries", "convention_parties",
                                                               "country_facts"))
    telecom = provisions[(provisions["instrument"].astype(str) == TELECOM) & provisions["instrument_year"].notna()]
    first = telecom[telecom["instrument_year"] == telecom["instrument_year"].min()].iloc[:1]
    mine = inc.counted(data["incidents"][data["incidents"]["victim_country"].astype(str) == focus])
    paper = parties[parties["date"].astype(str).str.startswith(cty.PAPER_DATE)].sort_values("date", kind="stable")
    named = countries[(countries["budapest_status"].astype(str) == "party") & (countries["source"].astype(str) == PAPER_KEY)]
    latest = cty.latest_parties(parties)
    return Basis({
        "concl_telecom_year": rows_of("provisions", first, "instrument_year"),
        "concl_targets_sentence": rows_of("incidents", mine, "target_sector"),
        "concl_parties_sentence": merge(rows_of("convention_parties", paper.iloc[-1:]),
                                        rows_of("country_facts", facts[facts["iso3"].astype(str).isin(
                                            named["iso3"].astype(str)) & facts["indicator"].astype(str).isin(PARTY_ACTS)]),
                                        rows_of("countries", named, "budapest_status")),
        "concl_latest_parties_sentence": ids("convention_parties", [latest.date]) if latest else (),
        "concl_status_sentence": gp.convention_steps(countries, facts, focus).rows,
    })


@traced
def conclusions(data: dict, focus: str, as_of: str | None) -> Conclusions:
    """Section 6's values from the data as of ``as_of``."""
    provisions, countries, parties = data["provisions"], data["countries"], data["convention_parties"]
    years = provisions.loc[provisions["instrument"].astype(str) == TELECOM, "instrument_year"].dropna()
    incidents = data["incidents"]
    return Conclusions(
        concl_telecom_year=int(years.min()) if len(years) else None,
        concl_n_recommendations=len(RECOMMENDATIONS),
        concl_targets_sentence=targets_sentence(incidents[incidents["victim_country"].astype(str) == focus], as_of),
        concl_parties_sentence=parties_sentence(countries, parties, data.get("country_facts")),
        concl_latest_parties_sentence=latest_parties_sentence(parties, as_of),
        concl_status_sentence=status_sentence(data, focus, as_of),
        basis=_conclusions_basis(data, focus),
    )


def recommendations_caption(as_of: str | None) -> str:
    """The caption of the recommendations table."""
    when = f" on {words.date_text(as_of)}" if as_of else ""
    return (f"The {words.number_word(len(RECOMMENDATIONS))} recommendations of the paper's infographic, in its order "
            f"and words, each beside what the data{when} measure as missing for it.")
