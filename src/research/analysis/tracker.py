"""An imported law tracker (law_status.csv) beside our coded provisions, and the world in its terms, on its date.

What our data must hold for each of the tracker's cybercrime statuses is defined in the codebook (the notes of
law_status in datapackage.json): ``legislation`` = an in-force offence answering one of the Convention's Arts 2-6, or
a dated cybercrime_law fact, on the tracker's date; ``draft`` = no such law, but a coded draft applying on that date;
``none`` = coded provisions and neither. A country we do not code is not compared. Disagreements are listed with
both sources, never resolved. Without imported rows every function returns an empty table or an empty sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from research.analysis.basis import Measure, rows_of

AREA = "cybercrime"
CORE_ARTICLES = {2, 3, 4, 5, 6}  # the Convention's offences against, and by means of, computer systems and data
STATUS_TEXT = {"legislation": "legislation", "draft": "a draft", "none": "no legislation"}
IN_FORCE = ("in_force", "amended")
GENERIC_WORDS = {"law", "laws", "act", "code", "draft", "bill", "with", "from", "english", "official", "unofficial",
                 "translation", "republic", "people", "peoples", "amendment", "chapter", "section", "article"}


def latest(law_status: pd.DataFrame, area: str = AREA) -> pd.DataFrame:
    """The tracker's rows of one area, of the latest release imported for each country (by date)."""
    rows = law_status[law_status["area"].astype(str) == area]
    if rows.empty:
        return rows
    rows = rows.assign(_d=rows["date"].astype(str)).sort_values(["iso3", "_d"], kind="stable")
    return rows.drop_duplicates("iso3", keep="last").drop(columns="_d").reset_index(drop=True)


def applies(valid_from, valid_to, as_of: str) -> bool:
    """True if a row applies on ``as_of``: begun by then (or start unknown) and not ended by then (or end unknown).

    Dates compare at the precision recorded: a row dated ``2024`` has begun by ``2026-04-27`` and ended before it.
    """
    start = "" if pd.isna(valid_from) else str(valid_from)
    end = "" if pd.isna(valid_to) else str(valid_to)
    return start[:len(as_of)] <= as_of and (not end or end[:len(as_of)] > as_of[:len(end)])


def _articles(value) -> set[int]:
    if pd.isna(value):
        return set()
    return {int(a) for a in str(value).split(";") if a.strip().isdigit()}


@dataclass(frozen=True)
class OurStatus:
    """What our coded rows say of a country's cybercrime law on a date, with the rows' instruments and sources."""

    status: str  # legislation, draft or none
    names: list  # the instruments' names alone
    in_force: list  # "instrument (ids)" of in-force Arts 2-6 offences and cybercrime_law facts
    drafts: list  # "instrument" of drafts applying
    open_ended: bool  # every row in force or pending with no end known
    undated: int  # rows with no start known
    sources: list


def our_status(tables: dict, iso3: str, as_of: str) -> OurStatus | None:
    """Our coding's status of ``iso3``'s cybercrime law on ``as_of``, or None when we code nothing of it."""
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == iso3]
    facts = tables["country_facts"]
    laws = facts[(facts["iso3"].astype(str) == iso3) & (facts["indicator"].astype(str) == "cybercrime_law")]
    if mine.empty and laws.empty:
        return None
    on = mine[pd.Series([applies(f, t, as_of) for f, t in zip(mine["valid_from"], mine["valid_to"])], index=mine.index,
                        dtype=bool)]
    offences = on[on["status"].astype(str).isin(IN_FORCE) & (on["kind"].astype(str) == "offence")
                  & on["convention_articles"].map(lambda a: bool(_articles(a) & CORE_ARTICLES)).astype(bool)]
    drafts = on[on["status"].astype(str) == "draft"]
    dated = laws[pd.Series([str(d if pd.notna(d) else y) <= as_of for d, y in zip(laws["date"], laws["year"])],
                           index=laws.index, dtype=bool)]
    in_force = [f"{name} ({', '.join(group['provision_id'].astype(str))})"
                for name, group in offences.groupby("instrument", sort=True)]
    in_force += [f"{label} ({date if pd.notna(date) else year})"
                 for label, date, year in zip(dated["label"], dated["date"], dated["year"])]
    status = "legislation" if in_force else ("draft" if len(drafts) else "none")
    used = pd.concat([offences, drafts])
    sources = list(dict.fromkeys([*used["source"].astype(str), *dated["source"].astype(str)]))
    undated = int(used["valid_from"].isna().sum())
    open_ended = bool(len(used)) and bool(used["valid_to"].isna().all())
    names = [*offences["instrument"].astype(str), *dated["label"].astype(str), *drafts["instrument"].astype(str)]
    return OurStatus(status, list(dict.fromkeys(names)), in_force, sorted(drafts["instrument"].astype(str).unique()),
                     open_ended, undated, sources)


def distinctive_words(text) -> set[str]:
    """The distinctive words of instrument names (lower case, four letters or more, generic words left out)."""
    if pd.isna(text):
        return set()
    return {w for w in re.findall(r"[a-z]{4,}", str(text).lower()) if w not in GENERIC_WORDS}


REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")  # UN M49, as imported (the tracker's flags overlap)
DEVELOPMENT = ("Developed countries", "Developing countries", "Least developed countries",
               "Landlocked developing countries", "Small island developing states")
WORLD = "all countries"
STATUSES = ("legislation", "draft", "none")


def world_counts(law_status: pd.DataFrame, area: str = AREA) -> pd.DataFrame:
    """Countries by the tracker's status in ``area``, overall, by M49 region and by the tracker's development groups.

    Returns
    -------
    DataFrame
        Index ``group`` (:data:`WORLD`, the M49 regions, then the development groups as the tracker flags them; a
        country may be in several of these); columns ``legislation``, ``draft``, ``none`` and ``countries``. Empty
        without imported rows.
    """
    rows = latest(law_status, area)
    columns = [*STATUSES, "countries"]
    if rows.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="group"), dtype="int64")
    flags = rows["groups"].astype("string").fillna("").str.split(";")
    region = rows["m49_region"].astype("string").fillna("")
    members = {WORLD: pd.Series(True, index=rows.index)}
    members.update({r: (region == r).astype(bool) for r in REGIONS})
    members.update({g: flags.map(lambda f, g=g: g in f).astype(bool) for g in DEVELOPMENT})
    table = pd.DataFrame({group: [int(((rows["status"].astype(str) == s) & m).sum()) for s in STATUSES]
                          for group, m in members.items()}, index=list(STATUSES)).T
    table["countries"] = table.sum(axis=1)
    table.index.name = "group"
    return table.astype("int64")


def compared(tables: dict) -> pd.DataFrame:
    """The tracker's latest cybercrime rows of the countries our coding describes, each with ``ours`` (our status on
    the tracker's date, :func:`our_status`) and ``alike`` (whether the instruments share a distinctive word)."""
    rows = latest(tables["law_status"])
    kept, ours, alike = [], [], []
    for index, row in rows.iterrows():
        status = our_status(tables, str(row["iso3"]), str(row["date"]))
        if status is None:
            continue
        kept.append(index)
        ours.append(status.status)
        alike.append(bool(distinctive_words(" ".join(status.names)) & distinctive_words(row["instruments"])))
    return rows.loc[kept].assign(ours=pd.Series(ours, index=kept, dtype=object),
                                 alike=pd.Series(alike, index=kept, dtype=bool))


def agreement_measures(tables: dict) -> dict[str, Measure]:
    """How many countries are compared (``compared``), agree (``agree``), disagree (``disagree``) and have
    instruments named with no distinctive word in common (``apart``), each with its tracker rows."""
    both = compared(tables)
    agree = (both["status"].astype(str) == both["ours"].astype(str)).astype(bool)
    apart = ~both["alike"].astype(bool)
    return {"compared": Measure(len(both), rows_of("law_status", both, "status")),
            "agree": Measure(int(agree.sum()), rows_of("law_status", both[agree], "status")),
            "disagree": Measure(int((~agree).sum()), rows_of("law_status", both[~agree], "status")),
            "apart": Measure(int(apart.sum()), rows_of("law_status", both[apart], "instruments"))}


def release_dates(law_status: pd.DataFrame) -> Measure:
    """The dates of the tracker's latest releases (sorted, once each), with the rows dated so."""
    rows = latest(law_status)
    return Measure(sorted(set(rows["date"].astype(str))), rows_of("law_status", rows, "date"))


def _members(rows: pd.DataFrame, group: str) -> pd.Series:
    """Which of the tracker's rows are in ``group`` (:data:`WORLD`, a region, or a development group)."""
    if group == WORLD:
        return pd.Series(True, index=rows.index)
    if group in REGIONS:
        return (rows["m49_region"].astype("string").fillna("") == group).astype(bool)
    return rows["groups"].astype("string").fillna("").str.split(";").map(lambda f: group in f).astype(bool)


def group_count(law_status: pd.DataFrame, group: str, status: str | None = None) -> Measure:
    """How many countries of ``group`` the tracker classes (with ``status``: as that), with their status cells."""
    rows = latest(law_status)
    hit = rows[_members(rows, group) & ((rows["status"].astype(str) == status) if status else True)]
    return Measure(len(hit), rows_of("law_status", hit, "status"))


def legislation_share(law_status: pd.DataFrame, group: str) -> Measure:
    """The share (per cent) of ``group``'s countries the tracker classes as having legislation (``None`` for a
    group with none), with the status cells of the group's countries."""
    every, legislation = group_count(law_status, group), group_count(law_status, group, "legislation")
    return Measure(legislation.value / every.value * 100 if every.value else None, every.rows)


def without_data(law_status: pd.DataFrame) -> Measure:
    """How many countries the tracker's latest releases list with no cybercrime row, with their rows."""
    latest_rows = latest(law_status)
    same = law_status[law_status["release"].isin(set(latest_rows["release"]))]
    missing = same[~same["iso3"].isin(set(latest_rows["iso3"]))]
    return Measure(missing["iso3"].nunique(), rows_of("law_status", missing))
