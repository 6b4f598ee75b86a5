"""The words of the law tracker (law_status.csv), which the since-the-paper section and the country profiles share:
its release named, its status beside our coding as a table and a paragraph, the world in its terms, a profile's
paragraph on it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from research.analysis import tracker
from research.analysis.basis import Basis, Measure, basis_field, trace, traced
from research.analysis.common import sentence, shown_as
from research.data.labels import label
from research.sections import words

LDC = "Least developed countries"  # the tracker's development group the world paragraph names
AGREEMENT_COLUMNS = ["country", "UNCTAD status", "UNCTAD instruments", "UNCTAD source", "our status",
                     "our in-force law (Arts 2-6)", "our drafts", "our dates", "our sources", "status agrees",
                     "instruments named alike"]


def dates_text(ours: tracker.OurStatus) -> str:
    """What the dates of our rows allow us to say: open-ended, rows with no start known, or dated."""
    notes = ["in force or pending, no end known"] if ours.open_ended else []
    notes += [f"{words.count(ours.undated, 'row')} with no start known"] if ours.undated else []
    return "; ".join(notes) or "dated"


def agreement_table(tables: dict) -> pd.DataFrame:
    """UNCTAD's cybercrime status beside ours, for each country both describe, on the tracker's date.

    Returns
    -------
    DataFrame
        :data:`AGREEMENT_COLUMNS`; ``UNCTAD source`` and ``our sources`` hold references.bib keys; ``agree`` is
        ``yes`` or ``no``. Empty without an imported tracker or a country both describe.
    """
    names = dict(zip(tables["countries"]["iso3"].astype(str), tables["countries"]["name"].astype(str)))
    rows = []
    for row in tracker.latest(tables["law_status"]).itertuples():
        ours = tracker.our_status(tables, str(row.iso3), str(row.date))
        if ours is None:
            continue
        rows.append([names.get(str(row.iso3), str(row.iso3)), tracker.STATUS_TEXT[row.status],
                     "" if pd.isna(row.instruments) else str(row.instruments), str(row.source),
                     tracker.STATUS_TEXT[ours.status], "; ".join(ours.in_force), "; ".join(ours.drafts), dates_text(ours),
                     "; ".join(ours.sources), "yes" if ours.status == row.status else "no",
                     "yes" if tracker.distinctive_words(" ".join(ours.names)) & tracker.distinctive_words(row.instruments) else "no"])
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS, dtype=object)


def agreement_shown(tables: dict) -> pd.DataFrame:
    """:func:`agreement_table` as the report prints it: each side in one cell, instruments by name, sources cited."""
    table = agreement_table(tables)
    if table.empty:
        return table

    def ours(row) -> str:
        law = re.sub(r" \(([^()]*[A-Z]{3}-[^()]*)\)", lambda m: f" ({words.count(m.group(1).count(', ') + 1, 'offence')})",
                     row["our in-force law (Arts 2-6)"])
        return "; ".join(p for p in (f"{row['our status']}" + (f": {law}" if law else ""),
                                     f"drafts pending: {row['our drafts']}" if row["our drafts"] else "") if p)

    return pd.DataFrame({
        "country": table["country"],
        "UNCTAD": [f"{s}: {i}" if i else s for s, i in zip(table["UNCTAD status"], table["UNCTAD instruments"])],
        "our coding": [ours(r) for _, r in table.iterrows()],
        "our dates": table["our dates"],
        "sources": [f"{u}; {o}" if o else u for u, o in zip(table["UNCTAD source"], table["our sources"])],
        "status agrees": table["status agrees"],
        "names alike": table["instruments named alike"],
    })


def release_text(law_status: pd.DataFrame) -> str:
    """The tracker's release as the prose names it ("UNCTAD's Global Cyberlaw Tracker of 2026-04-27")."""
    dates = sorted(set(tracker.latest(law_status)["date"].astype(str)))
    return f"UNCTAD's Global Cyberlaw Tracker of {words.join(map(words.date_text, dates))}" if dates else ""


def agreement_paragraph(tables: dict) -> str:
    """The paragraph that sets the tracker beside our coding and names every disagreement; empty without one."""
    table = agreement_table(tables)
    if table.empty:
        return ""
    against = table[table["status agrees"] == "no"]
    other = table[table["instruments named alike"] == "no"]
    text = (f"{release_text(tables['law_status'])} classes each country's cybercrime law as legislation, a draft or "
            f"none. The table after this paragraph sets its class beside what our coded provisions say on the same "
            f"date, for the {words.count(len(table), 'country', 'countries')} both describe; we count as "
            "legislation an in-force offence answering one of the Convention's Arts 2-6 (or a dated cybercrime law), "
            f"as a draft a coded draft still pending. They agree for {words.count(len(table) - len(against), 'country', 'countries')}")
    names = ("" if other.empty else
             f" For {words.count(len(other), 'country', 'countries')} the instruments UNCTAD links share no "
             "distinctive word of their names with those we code: " + "; ".join(
                 f"{r['country']} (UNCTAD: {_quoted(r['UNCTAD instruments'])}; ours: "
                 f"{r['our in-force law (Arts 2-6)'] or r['our drafts']})" for _, r in other.iterrows()) + ".")
    if against.empty:
        return text + "." + names
    each = [f"{r['country']}: UNCTAD records {r['UNCTAD status']}"
            + (f" (it links {_quoted(r['UNCTAD instruments'])})" if r["UNCTAD instruments"] else "")
            + f", our rows {r['our status']}"
            + (f" ({r['our in-force law (Arts 2-6)']})" if r["our in-force law (Arts 2-6)"] else "")
            + (f", with pending drafts ({r['our drafts']})" if r["our drafts"] else "")
            for _, r in against.iterrows()]
    return (text + f" and disagree for {words.count(len(against), 'country', 'countries')}, each reported here "
            "and not resolved: " + "; ".join(each) + "." + names)


def _quoted(titles: str) -> str:
    return words.join(f"\u201c{t.strip().rstrip('.')}\u201d" for t in titles.split(" | ") if t.strip()) or "nothing"


def world_paragraph(law_status: pd.DataFrame) -> str:
    """The paper's question in world terms on the tracker's date; empty without an imported tracker."""
    counts = tracker.world_counts(law_status)
    if counts.empty:
        return ""
    world = counts.loc[tracker.WORLD]
    release = tracker.latest(law_status)
    same_release = law_status[law_status["release"].isin(set(release["release"]))]
    no_data = len(set(same_release["iso3"]) - set(release["iso3"]))
    share = counts["legislation"] / counts["countries"]
    regions = share.loc[[g for g in tracker.REGIONS if counts.loc[g, "countries"]]]
    lowest, highest = regions.idxmin(), regions.idxmax()
    text = (f"The paper asked whether a country has a cybercrime law, a draft or nothing. For the world, "
            f"{release_text(law_status)} answers: of {words.count(int(world['countries']), 'country', 'countries')} "
            f"it classes, {words.number(int(world['legislation']))} have cybercrime legislation, "
            f"{words.number(int(world['draft']))} a draft and {words.number(int(world['none']))} none")
    text += (f"; for {words.count(no_data, 'other country', 'other countries')} it has no data." if no_data else ".")
    text += (f" The share with legislation is lowest in {lowest} ({words.percent(regions[lowest] * 100)}) and highest in "
             f"{highest} ({words.percent(regions[highest] * 100)})")
    ldc = LDC
    if counts.loc[ldc, "countries"]:
        text += (f"; among the least developed countries it is {words.percent(share[ldc] * 100)}, with "
                 f"{words.count(int(counts.loc[ldc, 'draft']), 'draft')}")
    return text + ". The figure after this paragraph shows every group, and its data table is written beside it."


@dataclass(frozen=True)
class AgreementPart:
    """The agreement paragraph (:func:`agreement_paragraph`) and the numbers and dates it shows, each with its rows."""

    tracker_agreement_release: str | None = None
    tracker_n_compared: int = 0
    tracker_n_agree: int = 0
    tracker_n_disagree: int = 0
    tracker_n_named_apart: int = 0
    tracker_agreement_paragraph: str = sentence(uses=("tracker_agreement_release", "tracker_n_compared",
                                                      "tracker_n_agree", "tracker_n_disagree",
                                                      "tracker_n_named_apart"))
    basis: Basis = basis_field()


def _release(law_status: pd.DataFrame) -> tuple[str | None, Measure]:
    """The dates of the tracker's latest releases as :func:`release_text` writes them, and their measure."""
    dates = tracker.release_dates(law_status)
    return (words.join(map(words.date_text, dates.value)) if dates.value else None), dates


@traced
def agreement_part(tables: dict) -> AgreementPart:
    """:func:`agreement_paragraph` with the values it shows (the paragraph empty, and nothing else, without a
    tracker compared with our coding)."""
    release, dates = _release(tables["law_status"])
    n = tracker.agreement_measures(tables)
    measures = {"tracker_agreement_release": dates, "tracker_n_compared": n["compared"], "tracker_n_agree": n["agree"],
                "tracker_n_disagree": n["disagree"], "tracker_n_named_apart": n["apart"]}
    return AgreementPart(release, n["compared"].value, n["agree"].value, n["disagree"].value, n["apart"].value,
                         agreement_paragraph(tables),
                         Basis({**{k: m.rows for k, m in measures.items()},
                                "tracker_agreement_paragraph": trace(*measures.values())}))


@dataclass(frozen=True)
class WorldPart:
    """The world paragraph (:func:`world_paragraph`) and the numbers and dates it shows, each with its rows."""

    tracker_world_release: str | None = None
    tracker_world_countries: int = 0
    tracker_world_legislation: int = 0
    tracker_world_draft: int = 0
    tracker_world_none: int = 0
    tracker_world_no_data: int | None = None
    tracker_lowest_share: float | None = shown_as("per cent")
    tracker_highest_share: float | None = shown_as("per cent")
    tracker_ldc_share: float | None = shown_as("per cent")
    tracker_ldc_drafts: int = 0
    tracker_world_paragraph: str = sentence(uses=(
        "tracker_world_release", "tracker_world_countries", "tracker_world_legislation", "tracker_world_draft",
        "tracker_world_none", "tracker_world_no_data", "tracker_lowest_share", "tracker_highest_share",
        "tracker_ldc_share", "tracker_ldc_drafts"))
    basis: Basis = basis_field()



@traced
def world_part(law_status: pd.DataFrame) -> WorldPart:
    """:func:`world_paragraph` with the values it shows (the paragraph empty without an imported tracker)."""
    release, dates = _release(law_status)
    counts = tracker.world_counts(law_status)
    regions = [g for g in tracker.REGIONS if len(counts) and counts.loc[g, "countries"]]
    shares = [tracker.legislation_share(law_status, g) for g in regions]
    # the first of equal shares, as world_paragraph's idxmin and idxmax pick them
    lowest = min(shares, key=lambda m: m.value, default=Measure(None))
    highest = max(shares, key=lambda m: m.value, default=Measure(None))
    measures = {"tracker_world_release": dates,
                "tracker_world_countries": tracker.group_count(law_status, tracker.WORLD),
                **{f"tracker_world_{s}": tracker.group_count(law_status, tracker.WORLD, s) for s in tracker.STATUSES},
                "tracker_world_no_data": tracker.without_data(law_status),
                "tracker_lowest_share": lowest, "tracker_highest_share": highest,
                "tracker_ldc_share": tracker.legislation_share(law_status, LDC),
                "tracker_ldc_drafts": tracker.group_count(law_status, LDC, "draft")}
    values = {**{k: m.value for k, m in measures.items()}, "tracker_world_release": release}
    # none without data is not said, so not shown: its 0 would otherwise be looked for in "0 per cent"
    values["tracker_world_no_data"] = values["tracker_world_no_data"] or None
    return WorldPart(**values, tracker_world_paragraph=world_paragraph(law_status),
                     basis=Basis({**{k: m.rows for k, m in measures.items()},
                                  "tracker_world_paragraph": trace(*measures.values())}))


def agreement_caption(law_status: pd.DataFrame) -> str:
    """The caption of the table that sets the tracker's status beside ours."""
    return (f"{release_text(law_status)}: its cybercrime status beside what our coded provisions say on its date, for "
            "the countries both describe.")


def world_caption(law_status: pd.DataFrame) -> str:
    """The caption of the world figure."""
    return (f"Countries with cybercrime legislation, a draft or none in {release_text(law_status)}, overall, by UN M49 "
            "region and by the tracker's development groups.")


def world_alt(counts: pd.DataFrame) -> str:
    """The alt text of the world figure, from its counts (:func:`research.analysis.tracker.world_counts`)."""
    world = counts.loc[tracker.WORLD]
    return (f"Stacked bars for {len(counts)} groups of countries; of {int(world['countries'])} countries in all, "
            f"{int(world['legislation'])} have cybercrime legislation, {int(world['draft'])} a draft and "
            f"{int(world['none'])} none.")


@dataclass(frozen=True)
class TrackerSection:
    """The tracker's statuses for one country, and whether our coding agrees for cybercrime; empty without one."""

    unctad_cybercrime: str  # the index's column: "legislation", "a draft", "no legislation" or ""
    tracker_sentence: str
    tracker_agreement_sentence: str


def known_by(law_status: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """The tracker's rows dated on or before ``as_of`` (a profile describes nothing later)."""
    return law_status[law_status["date"].astype(str) <= as_of]


def tracker_section(tables: dict, iso3: str, name: str, as_of: str) -> TrackerSection:
    """What the latest release known on ``as_of`` records for ``iso3``, and our coding's status beside it."""
    known = known_by(tables["law_status"], as_of)
    mine = known[known["iso3"].astype(str) == iso3]
    if mine.empty:
        return TrackerSection("", "", "")
    areas = [tracker.latest(mine, area) for area in dict.fromkeys(mine["area"].astype(str))]
    parts = []
    for row in pd.concat(areas).itertuples():
        titles = "" if pd.isna(row.instruments) else "; ".join(
            f"\u201c{t.strip().rstrip('.')}\u201d" for t in str(row.instruments).split(" | "))
        parts.append(f"{label('law_status', 'area', row.area)}, {tracker.STATUS_TEXT[row.status]}"
                     + (f" ({titles})" if titles else ""))
    cyber = tracker.latest(mine)
    status = tracker.STATUS_TEXT[cyber["status"].iloc[0]] if len(cyber) else ""
    sentence = (f"{release_text(mine)} records for {name}: " + "; ".join(parts) + " (titles as "
                "the tracker gives them). The tracker grants no licence for its data, which stay in the user's own "
                "data folder.")
    agreement = agreement_table({**tables, "law_status": cyber})
    if agreement.empty:
        said = (f"Our coded provisions say nothing of {name}'s cybercrime law, so the tracker's status is not "
                "checked against them." if len(cyber) else "")
        return TrackerSection(status, sentence, said)
    row = agreement.iloc[0]
    ours = row["our in-force law (Arts 2-6)"] or row["our drafts"]
    said = (f"On the same date our coded provisions say {row['our status']}" + (f" ({ours})" if ours else "")
            + f"; dates: {row['our dates']}. "
            + ("This agrees with UNCTAD." if row["status agrees"] == "yes" else
               f"This disagrees with UNCTAD's status ({row['UNCTAD status']}); the disagreement is reported, not "
               "resolved.")
            + ("" if row["instruments named alike"] == "yes" else
               " The instruments UNCTAD links share no distinctive word of their names with those we code."))
    return TrackerSection(status, sentence, said)

