"""The coded comparison of the focus country with its comparators: coverage, qualifiers and penalties side by side."""

from __future__ import annotations

import pandas as pd

from research.analysis import asof
from research.analysis import penalties as pen
from research.analysis import provisions as prov
from research.analysis.basis import merge, rows_of, traced, with_rows
from research.analysis.common import country_list

OFFENCE_ARTICLES = tuple(range(2, 12))  # the Convention's offence and ancillary articles, Arts 2-11
LAW, DRAFTS = "law", "draft"
PART_LABELS = {LAW: "law in force", DRAFTS: "drafts"}  # the focus country's rows: "Cambodia: law in force"
QUALIFIER_COLUMNS = {"intent": "intent required", "without_right": '"without right" required',
                     "dishonest_intent": "dishonest intent required"}


def groups(tables: dict, focus: str, comparators: str) -> list[tuple[str, str, str]]:
    """The rows of the comparison: ``(label, iso3, part)``, part ``law`` or ``draft``; the focus country's law and
    its drafts apart, each comparator's law as one row (countries without an offence provision are left out). Which
    version of a law is meant is decided by dates (the tables as of the edition's date), never by ``status``."""
    provisions, names = tables["provisions"], dict(zip(tables["countries"]["iso3"].astype(str),
                                                        tables["countries"]["name"].astype(str)))
    offences = provisions[provisions["kind"].astype(str) == "offence"]
    out = []
    for code in [focus, *country_list(comparators)]:
        mine = offences[offences["country"].astype(str) == code]
        for part, words in PART_LABELS.items():
            if (asof.is_draft(mine) == (part == DRAFTS)).any():
                out.append((f"{names.get(code, code)}: {words}" if code == focus else names.get(code, code), code, part))
    return out


def _subset(tables: dict, code: str, part: str) -> dict:
    rows = tables["provisions"]
    keep = (rows["country"].astype(str) == code) & (asof.is_draft(rows) == (part == DRAFTS))
    return {**tables, "provisions": rows[keep]}


def regional_coverage(tables: dict, focus: str, comparators: str) -> pd.DataFrame:
    """The level each row of :func:`groups` reaches for each offence article of the Convention: the union of its
    provisions (:func:`research.analysis.provisions.coverage_matrix` by country); ``attrs`` as there."""
    records, cells, broader = {}, {}, set()
    for label, code, part in groups(tables, focus, comparators):
        matrix = prov.coverage_matrix(_subset(tables, code, part), code, OFFENCE_ARTICLES, by="country")
        records[label] = {a: matrix.at[code, a] for a in OFFENCE_ARTICLES}
        cells[label] = matrix.attrs["cells"][code]
        broader |= {(label, a) for _, a in matrix.attrs["broader"]}
    out = pd.DataFrame.from_dict(records, orient="index", columns=list(OFFENCE_ARTICLES))
    out.index.name, out.columns.name = "country", "article"
    out.attrs.update(cells=cells, broader=broader)
    return out


@traced
def regional_qualifiers(tables: dict, focus: str, comparators: str) -> pd.DataFrame:
    """Per row of :func:`groups`: offences coded, and for intent (each country's general rule applied to its own
    code), "without right" and dishonest intent how many require it, of how many whose text shows it (each row
    traced to its offence provisions and the general rules of its country)."""
    records, bases = [], []
    rules = tables.get("general_rules")
    for label, code, status in groups(tables, focus, comparators):
        sub = _subset(tables, code, status)["provisions"]
        offences = sub[sub["kind"].astype(str) == "offence"]
        mine = rules[rules["country"].astype(str) == code] if rules is not None else None
        bases.append(merge(rows_of("provisions", offences), rows_of("general_rules", mine)))
        table = prov.qualifier_table(sub, tables.get("general_rules"), code)
        total = table.sum(numeric_only=True) if len(table) else pd.Series(dtype=int)
        row = {"country": label, "offences coded": int(total.get("n_offences", 0))}
        for q, words in QUALIFIER_COLUMNS.items():
            known = int(total.get(f"{q}_required", 0) + total.get(f"{q}_absent", 0))
            row[words] = f"{int(total.get(f'{q}_required', 0))} of {known} shown" if known else "none shown"
        records.append(row)
    return with_rows(pd.DataFrame(records), bases)


def regional_penalties(tables: dict, focus: str, comparators: str, rates: dict) -> pd.DataFrame:
    """The basic penalty of every offence of the rows of :func:`groups`, in years and US dollars, labelled by country.

    ``rates`` maps currency codes to units per US dollar (``KHR``, ``SGD``, ``CNY``, ``JPY``).
    """
    names = dict(zip(tables["countries"]["iso3"].astype(str), tables["countries"]["name"].astype(str)))
    parts = []
    for code in dict.fromkeys(c for _, c, _ in groups(tables, focus, comparators)):
        table = pen.penalty_table(tables, rates["KHR"], code, other_rates={k: v for k, v in rates.items() if k != "KHR"})
        table = table.assign(country=names.get(code, code), label=names.get(code, code) + ", " + table["label"])
        parts.append(table)
    columns = ["country", *pen.penalty_table({"provisions": tables["provisions"].iloc[:0],
                                              "penalties": tables["penalties"].iloc[:0]}, 1).columns]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
