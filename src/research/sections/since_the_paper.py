"""Section 7, since the paper: the measures compared, what changed in words, and the captions of its tables."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import asof, since
from research.analysis.basis import Basis, Measure, basis_field, merge, rows_of, trace, traced, with_rows
from research.analysis.common import sentence
from research.analysis.countries import country_names
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
    return instruments_table(since.instruments_after(tables, focus, paper_date))


def instruments_table(after: Measure) -> pd.DataFrame:
    """:func:`new_instruments` from the provisions that begin after the paper's date (``after``:
    :func:`research.analysis.since.instruments_after`)."""
    rows, bases = [], []
    for instrument, part in after.value.groupby(after.value["instrument"].astype(str), sort=False):
        first = part["valid_from"].dropna().astype(str).min() if part["valid_from"].notna().any() else None
        rows.append({"instrument": instrument, "from": date_text(first) if first else str(int(part["instrument_year"].iloc[0])),
                     "status": str(part["status"].iloc[0]).replace("_", " "), "provisions coded": str(len(part)),
                     "source": str(part["source"].iloc[0])})
        bases.append(rows_of("provisions", part, "valid_from"))
    return with_rows(pd.DataFrame(rows, columns=["instrument", "from", "status", "provisions coded", "source"]), bases)


def new_instruments_sentence(new: pd.DataFrame, name: str, paper_date: str) -> str:
    """The instruments of ``name`` that begin after the paper's date (``new``: :func:`instruments_table`)."""
    listed = join(f"the {r['instrument']} ({r['status']}, from {r['from']})" for _, r in new.iterrows())
    return (f"After {date_text(paper_date)} the data record {count(len(new), 'new instrument')} for {name}: "
            f"{listed}." if len(new) else f"The data record no instrument of {name} dated after {date_text(paper_date)}.")


def cybercrime_law_sentence(laws: Measure, latest: Measure, name: str) -> str:
    """Whether a cybercrime law of ``name`` is in force on the date of the latest row (``laws``:
    :func:`research.analysis.since.cybercrime_laws_in_force`)."""
    when = date_text(latest.value)
    return (f"On {when} {name} has a cybercrime law in force in the data: {join(laws.value)}." if laws.value else
            f"On {when}, the date of the latest row in the data, no cybercrime law of {name} is recorded "
            f"as in force; the cybercrime texts recorded are drafts.")


def parties_sentence(then: Measure, now: Measure) -> str:
    """The count of Parties to the Convention on the paper's date and on the latest (``then``, ``now``:
    :func:`research.analysis.since.parties`)."""
    p_then, p_now = then.value, now.value
    return (f"The Convention's Parties rose from {p_then.parties} ({date_text(p_then.date)}) to {p_now.parties} "
            f"({date_text(p_now.date)})." if p_then and p_now else "The data hold no count of Parties to compare.")


def incidents_sentence(then: Measure, now: Measure, paper_date: str, latest: Measure) -> str:
    """How many incidents and campaigns were known by the paper's date and by the latest row's."""
    return (f"The incident record grows from {count(then.value, 'incident or campaign', 'incidents and campaigns')} "
            f"known by {date_text(paper_date)} to {now.value} by {date_text(latest.value)}.")


def un_convention_sentence(signed: Measure, name: str) -> str:
    """When ``name`` signed the United Nations Convention against Cybercrime, if the data record it."""
    return (f"{name} signed the United Nations Convention against Cybercrime, a treaty distinct from the Council of "
            f"Europe's, on {date_text(signed.value)}." if signed.value is not None else
            f"The data record no step of {name} under the United Nations Convention against Cybercrime.")


@dataclass(frozen=True)
class SinceThePaper:
    """The dates compared and what changed between them, as the report's sentences, with every number and date from
    the data they show (the paper's date is the edition's constant, not a data row)."""

    paper_date_text: str
    data_date_text: str
    since_n_new_instruments: int
    since_parties_then: int | None
    since_parties_then_date: str
    since_parties_now: int | None
    since_parties_now_date: str
    since_incidents_then: int
    since_incidents_now: int
    since_un_signed_date: str
    new_instruments_sentence: str = sentence(uses=("paper_date_text", "since_n_new_instruments"))
    cybercrime_law_sentence: str = sentence(uses=("data_date_text",))
    parties_change_sentence: str = sentence(uses=("since_parties_then", "since_parties_then_date", "since_parties_now",
                                                  "since_parties_now_date"))
    incidents_change_sentence: str = sentence(uses=("since_incidents_then", "paper_date_text", "since_incidents_now",
                                                    "data_date_text"))
    un_convention_sentence: str = sentence(uses=("since_un_signed_date",))
    basis: Basis = basis_field()


def _count_of(parties: Measure) -> Measure:
    return Measure(parties.value.parties if parties.value else None, parties.rows)


def _date_of(parties: Measure) -> Measure:
    return Measure(date_text(parties.value.date) if parties.value else "", parties.rows)


@traced
def since_the_paper(tables: dict, focus: str, paper_date: str = asof.PAPER_DATE) -> SinceThePaper:
    """Sentences on what the data record between the paper's date and the latest dated row; each value and sentence
    traced to the rows of the measures it uses."""
    latest = since.latest_date(tables)
    then, now = asof.as_of(tables, paper_date), asof.as_of(tables, latest.value)
    after = since.instruments_after(tables, focus, paper_date)
    new = instruments_table(after)
    name = country_names(tables["countries"]).get(focus, focus)
    laws = since.cybercrime_laws_in_force(now, focus)
    parties_then, parties_now = since.parties(then), since.parties(now)
    incidents_then, incidents_now = since.incident_count(then), since.incident_count(now)
    signed = since.fact_date(now, focus, since.UN_SIGNATURE)
    n_new = Measure(len(new), after.rows)
    values = {"since_n_new_instruments": n_new,
              "since_parties_then": _count_of(parties_then), "since_parties_then_date": _date_of(parties_then),
              "since_parties_now": _count_of(parties_now), "since_parties_now_date": _date_of(parties_now),
              "since_incidents_then": incidents_then, "since_incidents_now": incidents_now,
              "since_un_signed_date": Measure(date_text(signed.value) if signed.value is not None else "", signed.rows)}
    return SinceThePaper(
        paper_date_text=date_text(paper_date), data_date_text=date_text(latest.value),
        **{k: m.value for k, m in values.items()},
        new_instruments_sentence=new_instruments_sentence(new, name, paper_date),
        cybercrime_law_sentence=cybercrime_law_sentence(laws, latest, name),
        parties_change_sentence=parties_sentence(parties_then, parties_now),
        incidents_change_sentence=incidents_sentence(incidents_then, incidents_now, paper_date, latest),
        un_convention_sentence=un_convention_sentence(signed, name),
        basis=Basis({"data_date_text": trace(latest), **{k: trace(m) for k, m in values.items()},
                     "new_instruments_sentence": trace(n_new),
                     "cybercrime_law_sentence": trace(latest, laws),
                     "parties_change_sentence": trace(parties_then, parties_now),
                     "incidents_change_sentence": trace(incidents_then, incidents_now, latest),
                     "un_convention_sentence": trace(signed)}))
