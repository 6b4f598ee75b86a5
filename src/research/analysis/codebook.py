"""The codebook as the report prints it: each coded variable's rule with an example quoted from our own rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from research.analysis.basis import Basis, Measure, basis_field, ids, merge, rows_of, traced, with_rows
from research.analysis.common import sentence
from research.data.descriptor import project_descriptor as descriptor

_TABLE_FILE = re.compile(r"\b([a-z]+(?:_[a-z0-9]+)*)\.csv\b")
_IDENTIFIER = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")


def readable(text: str) -> str:
    """Codebook text as a reader sees it: ``convention_elements.csv`` -> "the convention elements table", and any
    other ``snake_case`` name in words ("independent supervision"), so that no internal identifier reaches the page."""
    text = _TABLE_FILE.sub(lambda m: f"the {m.group(1).replace('_', ' ')} table", text)
    return _IDENTIFIER.sub(lambda m: m.group(0).replace("_", " "), text)


def _fields() -> list[dict]:
    return next(r for r in descriptor()["resources"] if r["name"] == "provisions")["schema"]["fields"]


@traced
def variable_table(tables: dict) -> pd.DataFrame:
    """One row per coded variable: its definition, decision rule, rule for unknown, and a worked example whose
    words are quoted from codings.csv (the example's row and field are named in the codebook)."""
    provisions = tables["provisions"].set_index(tables["provisions"]["provision_id"].astype(str))
    codings = tables["codings"]
    rows, bases = [], []
    for f in _fields():
        entry = f.get("x-codebook")
        if not entry:
            continue
        example, basis = "", ()
        for record, column in entry.get("examples", []):
            quote = codings[(codings["record_id"].astype(str) == record) & (codings["field"].astype(str) == column)]
            if record in provisions.index and len(quote):
                row, q = provisions.loc[record], quote.iloc[0]
                example = (f"{row['instrument']} Art. {row['article']}: {q['value']}, from \u201c{q['quote']}\u201d "
                           f"({q['locator']})")
                basis = merge(ids("provisions", [record], column), rows_of("codings", quote.iloc[:1]))
                break
        rows.append({"variable": f["name"].replace("_", " "), "definition": readable(f.get("description", "")),
                     "decision rule": readable(entry["rule"]), "unknown against false": readable(entry["unknown"]),
                     "example": example})
        bases.append(basis)
    table = pd.DataFrame(rows, columns=["variable", "definition", "decision rule", "unknown against false", "example"])
    return with_rows(table, bases)


@traced
def options_table(elements: pd.DataFrame) -> pd.DataFrame:
    """The Convention's options and reservations among the benchmark articles, in the Convention's words (each row
    traced to its element)."""
    rows = elements[elements["requirement"].astype(str) != "mandatory"]
    table = pd.DataFrame({"article": rows["article"].astype(int).astype(str), "element": rows["label"].astype(str),
                          "requirement": rows["requirement"].astype(str), "the Convention's words": rows["text"].astype(str)})
    return with_rows(table.reset_index(drop=True), [rows_of("convention_elements", rows.loc[[i]]) for i in rows.index])


def quote_word_limit() -> Measure:
    """The most words a coding's quotation may have (the ``maxWords`` rule of codings.csv in the descriptor, which
    validation enforces): a rule of the data, so no row counts towards it."""
    codings = next(r for r in descriptor()["resources"] if r["name"] == "codings")
    return Measure(int(codings["schema"]["x-rules"]["maxWords"]["quote"]), ())


@dataclass(frozen=True)
class CodebookSections:
    """The codebook's general rules (evidence, general-part rules, without right, dishonest intent, comparison,
    coverage levels, reliability), each a sentence of the report, and the number the rule on evidence shows."""

    codebook_quote_words: int = 0
    codebook_evidence: str = sentence(uses=("codebook_quote_words",))
    codebook_general_part: str = sentence()
    codebook_without_right: str = sentence()
    codebook_dishonest_intent: str = sentence()
    codebook_comparison: str = sentence()
    codebook_coverage_levels: str = sentence()
    codebook_reliability: str = sentence()
    basis: Basis = basis_field()


@traced
def codebook_sections() -> CodebookSections:
    """The codebook's general sections, in the order the descriptor gives them (their article numbers are the
    codebook's fixed words, not values)."""
    texts = [readable(text) for _, text in descriptor()["x-codebook"]["sections"]]
    limit = quote_word_limit()
    # Only the limit has rows (none): the sections are the descriptor's words, recorded without rows as before.
    return CodebookSections(limit.value, *texts, basis=Basis({"codebook_quote_words": limit.rows}))
