"""The draft cybercrime law against the Convention: coverage, its Article 23 element by element, its qualifiers."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import elements as el
from research.analysis import provisions as prov
from research.analysis.basis import Basis, basis_field, ids, merge, rows_of, traced, with_rows
from research.analysis.common import format_ranges, sentence
from research.data.labels import label

PAPER_DRAFT = "Draft Law on Cybercrime V.1"  # the draft the paper examines
DRAFT_ARTICLE, CONVENTION_ARTICLE = "23", 3  # the paper's sharpest example: draft Art. 23 against Convention Art. 3


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@dataclass(frozen=True)
class DraftCoverage:
    """The benchmark articles, and how many the draft reaches at each coverage level (``None``: no draft coded)."""

    n_benchmark_articles: int
    benchmark_articles: str
    n_draft_covered: int | None
    n_draft_without_qualifiers: int | None
    n_draft_without_safeguards: int | None
    n_draft_named_only: int | None
    n_draft_not_covered: int | None
    n_any_covered: int
    draft_coverage_sentence: str = sentence()
    basis: Basis = basis_field()


LEVEL_FIELDS = ("n_draft_covered", "n_draft_without_qualifiers", "n_draft_without_safeguards", "n_draft_named_only",
                "n_draft_not_covered")


def _coverage_basis(matrix: pd.DataFrame, draft: str) -> Basis:
    articles = ids("convention", [int(a) for a in matrix.columns])
    any_rows = merge(*(prov.cell_rows(matrix, i, a) for a in prov.articles_covered_by_any(matrix) for i in matrix.index
                       if matrix.at[i, a] != prov.NOT_COVERED))
    rows = {"n_benchmark_articles": articles, "benchmark_articles": articles, "n_any_covered": any_rows}
    if draft in matrix.index:
        for name, level in zip(LEVEL_FIELDS, prov.COVERAGE_LEVELS):
            rows[name] = merge(*(prov.cell_rows(matrix, draft, a) for a in matrix.columns if matrix.at[draft, a] == level))
        rows["draft_coverage_sentence"] = merge(*(prov.cell_rows(matrix, draft, a) for a in matrix.columns))
    return Basis(rows)


@traced
def draft_coverage(matrix: pd.DataFrame, draft: str = PAPER_DRAFT) -> DraftCoverage:
    """Summarise a country's coverage matrix (:func:`research.analysis.provisions.coverage_matrix`) for the draft."""
    counts = prov.coverage_counts(matrix)
    articles = format_ranges(list(matrix.columns))
    covered_any = len(prov.articles_covered_by_any(matrix))
    basis = _coverage_basis(matrix, draft)
    if draft not in counts.index:
        return DraftCoverage(matrix.shape[1], articles, None, None, None, None, None, covered_any,
                             "The data code no provision of the draft law, so none of its counterparts is counted.",
                             basis)
    row = counts.loc[draft]
    n = [int(row[level]) for level in prov.COVERAGE_LEVELS]
    text = (f"Of these {matrix.shape[1]} articles, the draft has a counterpart whose known text meets the Convention's "
            f"definition for {n[0]}; for {n[1]} every counterpart lacks a mandatory element, and {n[2]} "
            f"{'power is' if n[2] == 1 else 'powers are'} granted without the Convention's safeguards being shown. "
            f"{n[3]} more {'is' if n[3] == 1 else 'are'} named in the draft's table of contents only, with no text "
            f"to judge, and {n[4]} {'has' if n[4] == 1 else 'have'} no counterpart.")
    return DraftCoverage(matrix.shape[1], articles, *n, covered_any, text, basis)


def _draft_row(provisions: pd.DataFrame, draft: str, article: str):
    rows = provisions[(provisions["instrument"].astype(str) == draft) & (provisions["article"].astype(str) == article)]
    return rows.iloc[0] if len(rows) else None


@traced
def draft_article_comparison(tables: dict, draft: str = PAPER_DRAFT, article: str = DRAFT_ARTICLE,
                             against: int = CONVENTION_ARTICLE) -> pd.DataFrame:
    """One draft article against one Convention article, element by element, as the report's table.

    Columns: ``element`` (the Convention's element), ``requirement`` (in words), ``the Convention's words``,
    ``the draft`` (what the draft is known to say), ``assessment``. When the data hold no such article, one row says
    so, so that the table (and the report's reference to it) exists for any valid data. Each row is traced to the
    element and the cell that decides it (:func:`research.analysis.elements.element_rows`).
    """
    row = _draft_row(tables["provisions"], draft, article)
    columns = ["element", "requirement", "the Convention's words", "the draft", "assessment"]
    if row is None:
        return with_rows(pd.DataFrame([["not coded", "", "", f"the data hold no draft Article {article}", ""]],
                                      columns=columns), [()])
    intent = el.effective_intent(tables["provisions"], tables.get("general_rules"), el.NOT_APPLIED)
    table = el.comparison(row, against, tables["convention_elements"], tables["codings"], intent.get(str(row["provision_id"])))
    said = table["value"].map(lambda v: "not known" if v is None else ("has it" if v else "does not have it"))
    out = pd.DataFrame({"element": table["label"], "requirement": [label("convention_elements", "requirement", r)
                                                                   for r in table["requirement"]],
                        "the Convention's words": table["text"], "the draft": said, "assessment": table["assessment"]})
    return with_rows(out, el.element_rows(row, against, tables["convention_elements"], tables["codings"]))


@dataclass(frozen=True)
class DraftArticleAssessment:
    """How draft Art. 23 compares with Convention Art. 3 (counts ``None`` when the data do not code it)."""

    n_art23_elements: int | None
    n_art23_meets: int | None
    n_art23_shortfalls: int | None
    n_art23_broader: int | None
    n_art23_unknown: int | None
    art23_sentence: str = sentence()
    basis: Basis = basis_field()


@traced
def draft_article_assessment(tables: dict, draft: str = PAPER_DRAFT, article: str = DRAFT_ARTICLE) -> DraftArticleAssessment:
    """Counts of :func:`draft_article_comparison` by assessment, with the sentence the prose quotes."""
    if _draft_row(tables["provisions"], draft, article) is None:
        return DraftArticleAssessment(None, None, None, None, None,
                                      f"the data code no draft Article {article}, so no element is compared",
                                      Basis({"art23_sentence": rows_of("provisions", tables["provisions"].iloc[:0])}))
    table = draft_article_comparison(tables, draft, article)
    a = table["assessment"]
    n = (len(table), int((a == el.MEETS).sum()), int((a == el.SHORTFALL).sum()), int((a == el.BROADER).sum()),
         int((a == el.UNKNOWN).sum()))
    per_row = table.attrs["rows"]

    def where(mask) -> tuple[str, ...]:
        return merge(*(r for r, keep in zip(per_row, mask) if keep))

    every = where([True] * len(table))
    basis = Basis({"n_art23_elements": every, "n_art23_meets": where(a == el.MEETS),
                   "n_art23_shortfalls": where(a == el.SHORTFALL), "n_art23_broader": where(a == el.BROADER),
                   "n_art23_unknown": where(a == el.UNKNOWN), "art23_sentence": every})
    text = (f"of its {_count(n[0], 'element')}, the draft is known to meet {n[1]} and to fall short on {n[2]}; it "
            f"leaves unused {n[3]} of the options a Party may adopt, which keeps the offence broader than the "
            f"Convention allows a Party to make it; on {n[4]} the text is not known")
    return DraftArticleAssessment(*n, text, basis)


@dataclass(frozen=True)
class DraftQualifiers:
    """The draft's offence provisions and what is known of their intent and dishonest-intent elements."""

    draft_n_offences: int | None
    draft_n_heading_only: int | None
    draft_n_dishonest_absent: int | None
    draft_n_intent_absent: int | None
    draft_n_intent_unknown: int | None
    draft_intent_sentence: str = sentence()
    basis: Basis = basis_field()


@traced
def draft_qualifiers(provisions: pd.DataFrame, draft: str = PAPER_DRAFT) -> DraftQualifiers:
    """Of the draft's offences: how many are known by heading only, known to lack dishonest intent, or intent."""
    rows = provisions[(provisions["instrument"].astype(str) == draft) & (provisions["kind"].astype(str) == "offence")]
    if rows.empty:
        return DraftQualifiers(None, None, None, None, None, "The data code no offence provision of the draft law.",
                               Basis({"draft_intent_sentence": ()}))
    dishonest = [el._value(v) for v in rows["dishonest_intent"]]
    intent = [el._value(v) for v in rows["intent_required"]]
    pids = list(rows["provision_id"].astype(str))

    def where(values, wanted, column) -> tuple[str, ...]:
        return ids("provisions", [p for p, v in zip(pids, values) if v is wanted], column)

    heading = ids("provisions", [p for p, b in zip(pids, rows["text_basis"].astype(str)) if b == "heading"], "text_basis")
    basis = Basis({"draft_n_offences": ids("provisions", pids, "kind"), "draft_n_heading_only": heading,
                   "draft_n_dishonest_absent": where(dishonest, False, "dishonest_intent"),
                   "draft_n_intent_absent": where(intent, False, "intent_required"),
                   "draft_n_intent_unknown": where(intent, None, "intent_required")})
    basis.rows["draft_intent_sentence"] = merge(*basis.rows.values())
    n = (len(rows), int((rows["text_basis"].astype(str) == "heading").sum()), sum(v is False for v in dishonest),
         sum(v is False for v in intent), sum(v is None for v in intent))
    text = (f"Of the draft's {n[0]} offence articles, {n[2]} are known to make no reference to a dishonest, "
            f"fraudulent or malicious intent, {n[3]} {'is' if n[3] == 1 else 'are'} reported to lack an intent element "
            f"altogether, and for {n[4]} the text does not show whether intent is required ({n[1]} are known only by "
            f"their headings).")
    return DraftQualifiers(*n, text, basis)
