"""Since the paper: the same measures at the paper's date and at the date of the latest dated row in the data."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import asof
from research.analysis import countries as cty
from research.analysis.basis import Basis, basis_field, merge, rows_of, traced, with_rows
from research.analysis.common import sentence
from research.analysis.incidents import counted
from research.analysis.provisions import SAFEGUARDS
from research.sections.words import count, date_text, join


def _measures(tables: dict, focus: str) -> dict[str, object]:
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == focus]
    force = mine[asof.enacted(mine)]
    drafts = mine[mine["status"].astype(str) == "draft"]
    powers = force[force["kind"].astype(str) == "procedural_power"]
    safeguarded = powers[list(SAFEGUARDS)].notna().any(axis=1) if len(powers) else pd.Series(dtype=bool)
    latest = cty.latest_parties(tables["convention_parties"])
    label = cty.latest_gci_label(tables["country_facts"], focus)
    scores = tables["country_facts"]
    score = scores[(scores["iso3"].astype(str) == focus) & (scores["label"].astype("string") == label)
                   & (scores["indicator"].astype(str) == "gci_score")]["value"]
    return {
        "provisions in force": len(force),
        "instruments in force": int(force["instrument"].nunique()),
        "drafts on record": int(drafts["instrument"].nunique()),
        "provisions in force relying on an undefined broad term": int(force["vague_terms"].notna().sum()),
        "procedural powers in force with any Art. 15 safeguard shown": f"{int(safeguarded.sum())} of {len(powers)}",
        "incidents and campaigns recorded": len(counted(tables["incidents"])),
        "Parties to the Convention (latest count)": f"{latest.parties} ({date_text(latest.date)})" if latest else "none recorded",
        "latest Global Cybersecurity Index score": f"{float(score.iloc[0]):g} ({label})" if len(score) else "none recorded",
    }


def _measure_rows(tables: dict, focus: str) -> list[tuple[str, ...]]:
    """The rows behind each of :func:`_measures`, in its order."""
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == focus]
    force = mine[asof.enacted(mine)]
    powers = force[force["kind"].astype(str) == "procedural_power"]
    parties = tables["convention_parties"]
    latest = cty.latest_parties(parties)
    label = cty.latest_gci_label(tables["country_facts"], focus)
    return [rows_of("provisions", force, "status"), rows_of("provisions", force, "instrument"),
            rows_of("provisions", mine[mine["status"].astype(str) == "draft"], "status"),
            rows_of("provisions", force[force["vague_terms"].notna()], "vague_terms"),
            rows_of("provisions", powers, "kind"), rows_of("incidents", counted(tables["incidents"])),
            rows_of("convention_parties", parties[parties["date"].astype(str) == latest.date]) if latest else (),
            cty.gci_rows(tables["country_facts"], [focus], label) if label else ()]


@traced
def since_table(tables: dict, focus: str, paper_date: str = asof.PAPER_DATE) -> pd.DataFrame:
    """One row per measure: its value on the paper's date and on the date of the latest dated row in the data (each
    row traced to the rows it counts on either date)."""
    latest = asof.latest_date(tables)
    old, new = asof.as_of(tables, paper_date), asof.as_of(tables, latest)
    then, now = _measures(old, focus), _measures(new, focus)
    table = pd.DataFrame({"measure": list(then), f"on {date_text(paper_date)}": [str(v) for v in then.values()],
                          f"on {date_text(latest)}": [str(now[k]) for k in then]})
    return with_rows(table, [merge(a, b) for a, b in zip(_measure_rows(old, focus), _measure_rows(new, focus))])


def _after(tables: dict, focus: str, paper_date: str) -> pd.DataFrame:
    provisions = tables["provisions"]
    mine = provisions[provisions["country"].astype(str) == focus]
    return mine[~asof.on_or_before(mine["valid_from"].astype("string").fillna(
        mine["instrument_year"].astype("Int64").astype("string")), paper_date)]


@traced
def new_instruments(tables: dict, focus: str, paper_date: str = asof.PAPER_DATE) -> pd.DataFrame:
    """The focus country's instruments that begin after the paper's date: name, first date, status, provisions coded,
    and the source of the earliest row (as a citation); each row traced to the instrument's provisions."""
    after = _after(tables, focus, paper_date)
    rows, bases = [], []
    for instrument, part in after.groupby(after["instrument"].astype(str), sort=False):
        first = part["valid_from"].dropna().astype(str).min() if part["valid_from"].notna().any() else None
        rows.append({"instrument": instrument, "from": date_text(first) if first else str(int(part["instrument_year"].iloc[0])),
                     "status": str(part["status"].iloc[0]).replace("_", " "), "provisions coded": str(len(part)),
                     "source": str(part["source"].iloc[0])})
        bases.append(rows_of("provisions", part, "valid_from"))
    return with_rows(pd.DataFrame(rows, columns=["instrument", "from", "status", "provisions coded", "source"]), bases)


@dataclass(frozen=True)
class SinceThePaper:
    """The dates compared and what changed between them, as the report's sentences."""

    paper_date_text: str
    data_date_text: str
    new_instruments_sentence: str = sentence()
    cybercrime_law_sentence: str = sentence()
    parties_change_sentence: str = sentence()
    incidents_change_sentence: str = sentence()
    un_convention_sentence: str = sentence()
    basis: Basis = basis_field()


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


@traced
def since_the_paper(tables: dict, focus: str, paper_date: str = asof.PAPER_DATE) -> SinceThePaper:
    """Sentences on what the data record between the paper's date and the latest dated row."""
    latest = asof.latest_date(tables)
    then, now = asof.as_of(tables, paper_date), asof.as_of(tables, latest)
    new = new_instruments(tables, focus, paper_date)
    names = dict(zip(tables["countries"]["iso3"].astype(str), tables["countries"]["name"].astype(str)))
    name = names.get(focus, focus)
    listed = join(f"the {r['instrument']} ({r['status']}, from {r['from']})" for _, r in new.iterrows())
    new_sentence = (f"After {date_text(paper_date)} the data record {count(len(new), 'new instrument')} for {name}: "
                    f"{listed}." if len(new) else f"The data record no instrument of {name} dated after {date_text(paper_date)}.")
    force = now["provisions"][(now["provisions"]["country"].astype(str) == focus) & asof.enacted(now["provisions"])]
    enacted = sorted({i for i in force["instrument"].astype(str) if "cybercrime" in i.lower()})
    law = (f"On {date_text(latest)} {name} has a cybercrime law in force in the data: {join(enacted)}." if enacted else
           f"On {date_text(latest)}, the date of the latest row in the data, no cybercrime law of {name} is recorded "
           f"as in force; the cybercrime texts recorded are drafts.")
    p_then, p_now = cty.latest_parties(then["convention_parties"]), cty.latest_parties(now["convention_parties"])
    parties = (f"The Convention's Parties rose from {p_then.parties} ({date_text(p_then.date)}) to {p_now.parties} ({date_text(p_now.date)})."
               if p_then and p_now else "The data hold no count of Parties to compare.")
    n_then, n_now = len(counted(then["incidents"])), len(counted(now["incidents"]))
    incidents = (f"The incident record grows from {count(n_then, 'incident or campaign', 'incidents and campaigns')} "
                 f"known by {date_text(paper_date)} to {n_now} by {date_text(latest)}.")
    facts = now["country_facts"]
    signed = facts[(facts["iso3"].astype(str) == focus) & (facts["indicator"].astype(str) == "un_cybercrime_signature")]
    un = (f"{name} signed the United Nations Convention against Cybercrime, a treaty distinct from the Council of "
          f"Europe's, on {date_text(signed['date'].iloc[0])}." if len(signed) else
          f"The data record no step of {name} under the United Nations Convention against Cybercrime.")
    parties_rows = [rows_of("convention_parties", t["convention_parties"][t["convention_parties"]["date"].astype(str) == p.date])
                    for t, p in ((then, p_then), (now, p_now)) if p]
    basis = Basis({"data_date_text": latest_rows(tables),
                   "new_instruments_sentence": rows_of("provisions", _after(tables, focus, paper_date), "valid_from"),
                   "cybercrime_law_sentence": rows_of("provisions", force, "status"),
                   "parties_change_sentence": merge(*parties_rows),
                   "incidents_change_sentence": rows_of("incidents", counted(now["incidents"])),
                   "un_convention_sentence": rows_of("country_facts", signed)})
    return SinceThePaper(date_text(paper_date), date_text(latest), new_sentence, law, parties, incidents, un, basis)
