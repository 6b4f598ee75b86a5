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

from research.sections import words as wording

AREA = "cybercrime"
CORE_ARTICLES = {2, 3, 4, 5, 6}  # the Convention's offences against, and by means of, computer systems and data
STATUS_TEXT = {"legislation": "legislation", "draft": "a draft", "none": "no legislation"}
IN_FORCE = ("in_force", "amended")
AGREEMENT_COLUMNS = ["country", "UNCTAD status", "UNCTAD instruments", "UNCTAD source", "our status",
                     "our in-force law (Arts 2-6)", "our drafts", "our dates", "our sources", "status agrees",
                     "instruments named alike"]
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
    dates: str  # what the rows' dates allow us to say
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
    notes = []
    if open_ended:
        notes.append("in force or pending, no end known")
    if undated:
        notes.append(f"{wording.count(undated, 'row')} with no start known")
    names = [*offences["instrument"].astype(str), *dated["label"].astype(str), *drafts["instrument"].astype(str)]
    return OurStatus(status, list(dict.fromkeys(names)), in_force, sorted(drafts["instrument"].astype(str).unique()),
                     "; ".join(notes) or "dated", sources)


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
    for row in latest(tables["law_status"]).itertuples():
        ours = our_status(tables, str(row.iso3), str(row.date))
        if ours is None:
            continue
        rows.append([names.get(str(row.iso3), str(row.iso3)), STATUS_TEXT[row.status],
                     "" if pd.isna(row.instruments) else str(row.instruments), str(row.source),
                     STATUS_TEXT[ours.status], "; ".join(ours.in_force), "; ".join(ours.drafts), ours.dates,
                     "; ".join(ours.sources), "yes" if ours.status == row.status else "no",
                     "yes" if _words(" ".join(ours.names)) & _words(row.instruments) else "no"])
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS, dtype=object)


def _words(text) -> set[str]:
    """The distinctive words of instrument names (lower case, four letters or more, generic words left out)."""
    if pd.isna(text):
        return set()
    return {w for w in re.findall(r"[a-z]{4,}", str(text).lower()) if w not in GENERIC_WORDS}


def agreement_shown(tables: dict) -> pd.DataFrame:
    """:func:`agreement_table` as the report prints it: each side in one cell, instruments by name, sources cited."""
    table = agreement_table(tables)
    if table.empty:
        return table

    def ours(row) -> str:
        law = re.sub(r" \(([^()]*[A-Z]{3}-[^()]*)\)", lambda m: f" ({wording.count(m.group(1).count(', ') + 1, 'offence')})",
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
    dates = sorted(set(latest(law_status)["date"].astype(str)))
    return f"UNCTAD's Global Cyberlaw Tracker of {wording.join(map(wording.date_text, dates))}" if dates else ""


def agreement_paragraph(tables: dict) -> str:
    """The paragraph that sets the tracker beside our coding and names every disagreement; empty without one."""
    table = agreement_table(tables)
    if table.empty:
        return ""
    against = table[table["status agrees"] == "no"]
    other = table[table["instruments named alike"] == "no"]
    text = (f"{release_text(tables['law_status'])} classes each country's cybercrime law as legislation, a draft or "
            f"none. The table after this paragraph sets its class beside what our coded provisions say on the same "
            f"date, for the {wording.count(len(table), 'country', 'countries')} both describe; we count as "
            "legislation an in-force offence answering one of the Convention's Arts 2-6 (or a dated cybercrime law), "
            f"as a draft a coded draft still pending. They agree for {wording.count(len(table) - len(against), 'country', 'countries')}")
    names = ("" if other.empty else
             f" For {wording.count(len(other), 'country', 'countries')} the instruments UNCTAD links share no "
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
    return (text + f" and disagree for {wording.count(len(against), 'country', 'countries')}, each reported here "
            "and not resolved: " + "; ".join(each) + "." + names)


def _quoted(titles: str) -> str:
    return wording.join(f"\u201c{t.strip().rstrip('.')}\u201d" for t in titles.split(" | ") if t.strip()) or "nothing"


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


def world_paragraph(law_status: pd.DataFrame) -> str:
    """The paper's question in world terms on the tracker's date; empty without an imported tracker."""
    counts = world_counts(law_status)
    if counts.empty:
        return ""
    world = counts.loc[WORLD]
    release = latest(law_status)
    same_release = law_status[law_status["release"].isin(set(release["release"]))]
    no_data = len(set(same_release["iso3"]) - set(release["iso3"]))
    share = counts["legislation"] / counts["countries"]
    regions = share.loc[[g for g in REGIONS if counts.loc[g, "countries"]]]
    lowest, highest = regions.idxmin(), regions.idxmax()
    text = (f"The paper asked whether a country has a cybercrime law, a draft or nothing. For the world, "
            f"{release_text(law_status)} answers: of {wording.count(int(world['countries']), 'country', 'countries')} "
            f"it classes, {wording.number(int(world['legislation']))} have cybercrime legislation, "
            f"{wording.number(int(world['draft']))} a draft and {wording.number(int(world['none']))} none")
    text += (f"; for {wording.count(no_data, 'other country', 'other countries')} it has no data." if no_data else ".")
    text += (f" The share with legislation is lowest in {lowest} ({wording.percent(regions[lowest] * 100)}) and highest in "
             f"{highest} ({wording.percent(regions[highest] * 100)})")
    ldc = "Least developed countries"
    if counts.loc[ldc, "countries"]:
        text += (f"; among the least developed countries it is {wording.percent(share[ldc] * 100)}, with "
                 f"{wording.count(int(counts.loc[ldc, 'draft']), 'draft')}")
    return text + ". The figure after this paragraph shows every group, and its data table is written beside it."
