"""Section 6, conclusions: targets, the Convention's Parties and Cambodia's status, each recommendation's gap."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import asof
from research.analysis import countries as cty
from research.analysis import elements as el
from research.analysis import incidents as inc
from research.analysis.basis import Basis, basis_field, ids, merge, rows_of, traced, with_rows
from research.analysis.common import missing, parse_list, sentence, shown_as
from research.analysis.countries import country_names
from research.data.labels import label
from research.sections import words
from research.sections.existing_law import CYBERCRIME, TELECOM

STATE_SECTORS = ("government", "election", "military", "judiciary")
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
PARTY_ACTS = {"budapest_ratification": "ratification", "budapest_acceptance": "acceptance",
              "budapest_approval": "approval", "budapest_accession": "accession"}


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


def _latest_draft(provisions: pd.DataFrame, focus: str) -> pd.DataFrame:
    mine = provisions[(provisions["country"].astype(str) == focus) & (provisions["status"].astype(str) == "draft")]
    named = mine[mine["instrument"].astype(str).str.lower().str.contains(CYBERCRIME)]
    if named.empty:
        return named
    latest = named.sort_values("instrument_year", kind="stable")["instrument"].astype(str).iloc[-1]
    return named[named["instrument"].astype(str) == latest]


def gaps(data: dict, focus: str, as_of: str | None) -> dict[str, str]:
    """The gap each of the infographic's recommendations answers, measured in the data as of ``as_of`` and stated as
    what is missing; where the data show nothing missing, or hold no measure, the cell says so."""
    provisions, incidents, facts = data["provisions"], inc.counted(data["incidents"]), data["country_facts"]
    on = f" on {words.date_text(as_of)}" if as_of else ""
    mine = provisions[provisions["country"].astype(str) == focus]
    force = mine[asof.enacted(mine)]
    out = {"overlap_and_vagueness": overlap_gap(force, on)}
    draft = _latest_draft(provisions, focus)
    offences = draft[draft["kind"].astype(str) == "offence"]
    no_d = sum(el._value(v) is False for v in offences["dishonest_intent"])
    no_i = sum(el._value(v) is False for v in offences["intent_required"])
    terms = {t for v in draft["vague_terms"].dropna() for t in parse_list(v)}
    n = len(offences)
    found = ([f"{words.share(no_d, n, 'offence article')} {'is' if no_d == 1 else 'are'} reported to make no "
              f"reference to a dishonest intent"] if no_d else [])
    found += [f"{words.share(no_i, n, 'offence article') if not no_d else words.number(no_i)} "
              f"{'is' if no_i == 1 else 'are'} reported to lack an intent element"] if no_i else []
    found += [f"its provisions use {words.count(len(terms), 'broad, open-ended term')}"] if terms else []
    if draft.empty:
        out["draft_offences"] = f"not measured: our data hold no cybercrime draft{on}"
    elif found:
        out["draft_offences"] = (f"in the latest cybercrime draft in our data{on}, the {draft['instrument'].iloc[0]}, "
                                 + "; ".join(found))
    else:
        out["draft_offences"] = f"no gap measured in the {draft['instrument'].iloc[0]}, the latest cybercrime draft{on}"
    out["authorities"] = authorities_gap(mine, on)
    state = incidents[incidents["target_sector"].astype(str).isin(STATE_SECTORS)]
    by = f" by {words.date_text(as_of)}" if as_of else ""
    out["security_measures"] = (f"{NOT_MEASURABLE}: they record attacks ({words.number(len(state))} of the "
                                f"{words.count(len(incidents), 'incident or campaign', 'incidents and campaigns')} "
                                f"recorded{by} struck government, electoral, military or judicial targets), not the "
                                f"security measures the nation has taken")
    coop = mine[mine["kind"].astype(str) == "cooperation"]
    coop_force = coop[asof.enacted(coop)]
    drafts = list(dict.fromkeys(coop.loc[coop["status"].astype(str) == "draft", "instrument"].astype(str)))
    out["cooperation"] = (
        f"none of the {words.count(len(force), 'provision')} in force{on} provides for international co-operation"
        + (f"; the co-operation articles coded are in drafts only ({words.join(drafts)})" if drafts else "")
        if coop_force.empty else f"no gap measured: {words.count(len(coop_force), 'co-operation provision')} in force{on}")
    out["awareness"] = (f"{NOT_MEASURABLE}: they hold no count of awareness programmes; the ITU Global Cybersecurity "
                        f"Index, whose scores they hold, measures far more than awareness")
    status = data["countries"].set_index(data["countries"]["iso3"].astype(str))["budapest_status"]
    joined = str(status.get(focus)) == "party" or facts[(facts["iso3"].astype(str) == focus)
                                                        & facts["indicator"].astype(str).isin(
                                                            list(PARTY_ACTS))].shape[0]
    said = status_sentence(data, focus, as_of).rstrip(".")
    out["convention"] = "no gap measured: the data record the country as a Party" if joined else said[0].lower() + said[1:]
    return out


NOT_MEASURABLE = "not measurable from the data"


def overlap_gap(force: pd.DataFrame, on: str) -> str:
    """Overlap between the laws in force: the Convention articles that provisions of more than one instrument answer
    (whether the laws are "applicable" the data cannot show)."""
    rows = force[force["convention_articles"].notna()]
    by_article: dict[str, set[str]] = {}
    for instrument, articles in zip(rows["instrument"].astype(str), rows["convention_articles"]):
        for a in parse_list(articles):
            by_article.setdefault(a, set()).add(instrument)
    shared = sorted((a for a, i in by_article.items() if len(i) > 1), key=int)
    if not shared:
        return (f"no overlap measured: no Convention article is answered by provisions of more than one instrument "
                f"in force{on} (whether the laws are applicable is {NOT_MEASURABLE})")
    arts = f"Art. {shared[0]}" if len(shared) == 1 else f"Arts {', '.join(shared)}"
    return (f"{words.count(len(shared), 'Convention article')} ({arts}) "
            f"{'is' if len(shared) == 1 else 'are'} answered by provisions of more than one instrument in force{on}; "
            f"whether the laws are applicable is {NOT_MEASURABLE}")


def authorities_gap(mine: pd.DataFrame, on: str) -> str:
    """The responsible authorities the law in force and the drafts establish (provisions coded as institutions)."""
    institutions = mine[mine["kind"].astype(str) == "institution"]
    enacted = institutions[asof.enacted(institutions)]
    drafts = institutions[asof.is_draft(institutions)]
    in_drafts = list(dict.fromkeys(drafts["instrument"].astype(str)))
    tail = (f"; the drafts{on} hold {words.count(len(drafts), 'such provision')} ({words.join(in_drafts)})"
            if len(drafts) else "; nor does any draft")
    if enacted.empty:
        return f"no provision in force{on} is coded as establishing or naming a responsible authority{tail}"
    return f"no gap measured: {words.count(len(enacted), 'provision')} in force{on} establish a responsible authority"


def gap_rows(data: dict, focus: str) -> dict[str, tuple[str, ...]]:
    """The data rows each of :func:`gaps` was measured on, by the same selections (the cells that decided it named)."""
    provisions, incidents, facts, countries = (data["provisions"], inc.counted(data["incidents"]), data["country_facts"],
                                               data["countries"])
    mine = provisions[provisions["country"].astype(str) == focus]
    force = mine[asof.enacted(mine)]
    draft = _latest_draft(provisions, focus)
    offences = draft[draft["kind"].astype(str) == "offence"]
    steps = facts[(facts["iso3"].astype(str) == focus) & facts["indicator"].astype(str).str.startswith("budapest_")]
    return {
        "overlap_and_vagueness": rows_of("provisions", force, "convention_articles"),
        "draft_offences": merge(rows_of("provisions", offences, "dishonest_intent"),
                                rows_of("provisions", offences, "intent_required"),
                                rows_of("provisions", draft.dropna(subset=["vague_terms"]), "vague_terms")),
        "authorities": rows_of("provisions", mine, "kind"),  # every provision's kind: which are institutions
        "security_measures": rows_of("incidents", incidents, "target_sector"),
        "cooperation": merge(rows_of("provisions", force, "status"),
                             rows_of("provisions", mine[mine["kind"].astype(str) == "cooperation"], "kind")),
        # not measurable: the rows are the index scores the sentence says measure more than awareness
        "awareness": rows_of("country_facts", facts[(facts["iso3"].astype(str) == focus)
                                                    & (facts["indicator"].astype(str) == "gci_score")]),
        "convention": merge(rows_of("countries", countries[countries["iso3"].astype(str) == focus], "budapest_status"),
                            rows_of("country_facts", steps)),
    }


@traced
def recommendation_table(data: dict, focus: str, as_of: str | None) -> pd.DataFrame:
    """The infographic's recommendations, in its order and words, each beside the gap the data measure for it (each
    row carries the data rows its gap was measured on)."""
    found, rows = gaps(data, focus, as_of), gap_rows(data, focus)
    when = f" (as of {words.date_text(as_of)})" if as_of else ""
    frame = pd.DataFrame([{"recommendation (the paper's words)": text, f"what the data measure as missing{when}": found[key]}
                          for text, key in RECOMMENDATIONS])
    return with_rows(frame, [rows[key] for _, key in RECOMMENDATIONS])


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
    steps = facts[(facts["iso3"].astype(str) == focus) & facts["indicator"].astype(str).str.startswith("budapest_")]
    return Basis({
        "concl_telecom_year": rows_of("provisions", first, "instrument_year"),
        "concl_targets_sentence": rows_of("incidents", mine, "target_sector"),
        "concl_parties_sentence": merge(rows_of("convention_parties", paper.iloc[-1:]),
                                        rows_of("country_facts", facts[facts["iso3"].astype(str).isin(
                                            named["iso3"].astype(str)) & facts["indicator"].astype(str).isin(PARTY_ACTS)]),
                                        rows_of("countries", named, "budapest_status")),
        "concl_latest_parties_sentence": ids("convention_parties", [latest.date]) if latest else (),
        "concl_status_sentence": merge(rows_of("countries", countries[countries["iso3"].astype(str) == focus],
                                               "budapest_status"), rows_of("country_facts", steps)),
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
