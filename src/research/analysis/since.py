"""Since the paper: the same measures at the paper's date and at the date of the latest dated row in the data."""

from __future__ import annotations

import pandas as pd

from research.analysis import asof
from research.analysis import countries as cty
from research.analysis import parties as pty
from research.analysis.basis import Measure, merge, rows_of
from research.analysis.incidents import counted
from research.analysis.provisions import SAFEGUARDS

CYBERCRIME = "cybercrime"  # an instrument whose name says so is a cybercrime law or draft
UN_SIGNATURE = "un_cybercrime_signature"  # the country facts' indicator of a signature of the UN convention


def measures(tables: dict, focus: str) -> dict[str, Measure]:
    """The measures the since-the-paper table compares, each with the rows it counts: provisions, instruments and
    drafts of ``focus``; provisions relying on an undefined broad term; procedural powers with any Art. 15 safeguard
    (``(shown, of)``); incidents and campaigns; the latest count of Parties (a :class:`PartiesCount` or ``None``);
    the latest GCI score (``(score, edition)`` or ``None``)."""
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == focus]
    force = mine[asof.enacted(mine)]
    drafts = mine[mine["status"].astype(str) == "draft"]
    powers = force[force["kind"].astype(str) == "procedural_power"]
    safeguarded = powers[list(SAFEGUARDS)].notna().any(axis=1) if len(powers) else pd.Series(dtype=bool)
    vague = force[force["vague_terms"].notna()]
    label = cty.latest_gci_label(tables["country_facts"], focus)
    scores = tables["country_facts"]
    score = scores[(scores["iso3"].astype(str) == focus) & (scores["label"].astype("string") == label)
                   & (scores["indicator"].astype(str) == "gci_score")]["value"]
    return {
        "provisions_in_force": Measure(len(force), rows_of("provisions", force, "status")),
        "instruments_in_force": Measure(int(force["instrument"].nunique()), rows_of("provisions", force, "instrument")),
        "drafts": Measure(int(drafts["instrument"].nunique()), rows_of("provisions", drafts, "status")),
        "vague": Measure(len(vague), rows_of("provisions", vague, "vague_terms")),
        "safeguarded_powers": Measure((int(safeguarded.sum()), len(powers)), rows_of("provisions", powers, "kind")),
        "incidents": incident_count(tables),
        "parties": parties(tables),
        "gci": Measure((float(score.iloc[0]), label) if len(score) else None,
                       cty.gci_rows(tables["country_facts"], [focus], label) if label else ()),
    }


def incident_count(tables: dict) -> Measure:
    """How many incidents and campaigns the incident table counts (general claims apart)."""
    incidents = counted(tables["incidents"])
    return Measure(len(incidents), rows_of("incidents", incidents))


def parties(tables: dict) -> Measure:
    """The latest count of Parties to the Convention (a :class:`research.analysis.countries.PartiesCount`, ``None``
    when none is recorded), with the report it is read from."""
    reports = tables["convention_parties"]
    latest = pty.latest_parties(reports)
    return Measure(latest, rows_of("convention_parties", reports[reports["date"].astype(str) == latest.date])
                   if latest else ())


def cybercrime_laws_in_force(tables: dict, focus: str) -> Measure:
    """The focus country's instruments in force whose name says they are cybercrime laws (sorted), traced to the
    status of every provision of it in force (those the search read)."""
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == focus]
    force = mine[asof.enacted(mine)]
    return Measure(sorted({i for i in force["instrument"].astype(str) if CYBERCRIME in i.lower()}),
                   rows_of("provisions", force, "status"))


def fact_date(tables: dict, focus: str, indicator: str) -> Measure:
    """The date of the focus country's first fact of one kind (``None`` when none is recorded)."""
    facts = tables["country_facts"]
    found = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == indicator)]
    return Measure(str(found["date"].iloc[0]) if len(found) else None, rows_of("country_facts", found))


def latest_date(tables: dict) -> Measure:
    """The date of the latest dated row in the data (:func:`research.analysis.asof.latest_date`), with those rows."""
    return Measure(asof.latest_date(tables), latest_rows(tables))


def instruments_after(tables: dict, focus: str, paper_date: str) -> Measure:
    """The provisions of ``focus`` that begin after ``paper_date`` (:func:`after_paper`), a frame, traced to the
    dates they begin on."""
    after = after_paper(tables, focus, paper_date)
    return Measure(after, rows_of("provisions", after, "valid_from"))


def after_paper(tables: dict, focus: str, paper_date: str) -> pd.DataFrame:
    """The provisions of ``focus`` that begin after ``paper_date`` (``valid_from``, else the instrument's year)."""
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == focus]
    return mine[~asof.on_or_before(mine["valid_from"].astype("string").fillna(
        mine["instrument_year"].astype("Int64").astype("string")), paper_date)]


def latest_rows(tables: dict) -> tuple[str, ...]:
    """The rows dated on the latest date in the data (:func:`research.analysis.asof.latest_date`)."""
    latest, found = asof.latest_date(tables), []
    for name, columns in asof.DATED_COLUMNS:
        frame = tables.get(name)
        if frame is None:
            continue
        for col in columns:
            hit = frame[col].astype("string").map(asof.period_start, na_action="ignore") == latest
            found.append(rows_of(name, frame[hit.fillna(False).astype(bool)], col))
    return merge(*found)
