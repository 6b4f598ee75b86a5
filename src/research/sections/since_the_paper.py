"""Section 7, since the paper: the measures compared, what changed in words, and the captions of its tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import asof, since
from research.analysis import parties as pty
from research.analysis.basis import Basis, basis_field, merge, rows_of, traced, with_rows
from research.analysis.common import sentence
from research.analysis.incidents import counted
from research.sections.words import count, date_text, join

SINCE_TABLE_CAPTION = "The same measures on the paper's date and on the date of the latest dated row in the data."
NEW_INSTRUMENTS_CAPTION = "Instruments of the focus country that begin after the paper's date."
NONE_RECORDED = "none recorded"


def _parties(latest) -> str:
    return f"{latest.parties} ({date_text(latest.date)})" if latest else NONE_RECORDED


def _gci(found) -> str:
    return f"{found[0]:g} ({found[1]})" if found else NONE_RECORDED


# The table's rows: each measure of research.analysis.since.measures, named as the table names it and shown as text.
MEASURE_WORDS = {
    "provisions_in_force": ("provisions in force", str),
    "instruments_in_force": ("instruments in force", str),
    "drafts": ("drafts on record", str),
    "vague": ("provisions in force relying on an undefined broad term", str),
    "safeguarded_powers": ("procedural powers in force with any Art. 15 safeguard shown", lambda v: f"{v[0]} of {v[1]}"),
    "incidents": ("incidents and campaigns recorded", str),
    "parties": ("Parties to the Convention (latest count)", _parties),
    "gci": ("latest Global Cybersecurity Index score", _gci),
}


@traced
def since_table(tables: dict, focus: str, paper_date: str = asof.PAPER_DATE) -> pd.DataFrame:
    """One row per measure: its value on the paper's date and on the date of the latest dated row in the data (each
    row traced to the rows it counts on either date)."""
    latest = asof.latest_date(tables)
    then = since.measures(asof.as_of(tables, paper_date), focus)
    now = since.measures(asof.as_of(tables, latest), focus)
    table = pd.DataFrame({"measure": [name for name, _ in MEASURE_WORDS.values()],
                          f"on {date_text(paper_date)}": [shown(then[k].value) for k, (_, shown) in MEASURE_WORDS.items()],
                          f"on {date_text(latest)}": [shown(now[k].value) for k, (_, shown) in MEASURE_WORDS.items()]})
    return with_rows(table, [merge(then[k].rows, now[k].rows) for k in MEASURE_WORDS])


@traced
def new_instruments(tables: dict, focus: str, paper_date: str = asof.PAPER_DATE) -> pd.DataFrame:
    """The focus country's instruments that begin after the paper's date: name, first date, status, provisions coded,
    and the source of the earliest row (as a citation); each row traced to the instrument's provisions."""
    after = since.after_paper(tables, focus, paper_date)
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
    p_then, p_now = pty.latest_parties(then["convention_parties"]), pty.latest_parties(now["convention_parties"])
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
    basis = Basis({"data_date_text": since.latest_rows(tables),
                   "new_instruments_sentence": rows_of("provisions", since.after_paper(tables, focus, paper_date), "valid_from"),
                   "cybercrime_law_sentence": rows_of("provisions", force, "status"),
                   "parties_change_sentence": merge(*parties_rows),
                   "incidents_change_sentence": rows_of("incidents", counted(now["incidents"])),
                   "un_convention_sentence": rows_of("country_facts", signed)})
    return SinceThePaper(date_text(paper_date), date_text(latest), new_sentence, law, parties, incidents, un, basis)
