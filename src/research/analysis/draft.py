"""The draft cybercrime law against the Convention: its coverage, its Article 23, its silence on intent."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.common import format_ranges, sentence, shown_as
from research.analysis.provisions import (
    COVERED,
    ELEMENTS,
    NOT_COVERED,
    WITHOUT_QUALIFIERS,
    articles_covered_by_any,
    coverage_counts,
    element_comparison,
)

PAPER_DRAFT = "Draft Law on Cybercrime V.1"  # the draft the paper examines
DRAFT_ARTICLE, CONVENTION_ARTICLE = "23", 3  # the paper's sharpest example: draft Art. 23 against Convention Art. 3


@dataclass(frozen=True)
class DraftCoverage:
    """The benchmark articles, and how many the draft covers with, without and lacking the Convention's qualifiers.

    The three draft counts are ``None`` when the data hold no provision of the draft.
    """

    n_benchmark_articles: int
    benchmark_articles: str
    n_draft_covered: int | None
    n_draft_without_qualifiers: int | None
    n_draft_not_covered: int | None
    n_any_covered: int
    draft_coverage_sentence: str = sentence()


def draft_coverage(matrix: pd.DataFrame, draft: str = PAPER_DRAFT) -> DraftCoverage:
    """Summarise a country's coverage matrix (:func:`coverage_matrix`) for the draft and for all instruments."""
    counts = coverage_counts(matrix)
    articles = format_ranges(list(matrix.columns))
    covered_any = len(articles_covered_by_any(matrix))
    if draft not in counts.index:
        return DraftCoverage(matrix.shape[1], articles, None, None, None, covered_any,
                             "The data code no provision of the draft law, so none of its counterparts is counted.")
    row = counts.loc[draft]
    full, partial, none = int(row[COVERED]), int(row[WITHOUT_QUALIFIERS]), int(row[NOT_COVERED])
    text = (f"The draft has a counterpart for {full} of them with the Convention\u2019s qualifiers and for {partial} "
            f"more without them; {none} have none.")
    return DraftCoverage(matrix.shape[1], articles, full, partial, none, covered_any, text)


def draft_article_comparison(provisions: pd.DataFrame, convention: pd.DataFrame, draft: str = PAPER_DRAFT,
                             article: str = DRAFT_ARTICLE, against: int = CONVENTION_ARTICLE) -> pd.DataFrame:
    """One draft article against one Convention article, element by element, ``gap`` as ``yes``/``no``.

    When the data hold no such draft article (or no such Convention article), every element reads as not coded
    and no gap is counted, so the table exists for any valid data.
    """
    rows = provisions[(provisions["instrument"].astype(str) == draft) & (provisions["article"].astype(str) == article)]
    known = convention["article"].astype(int).eq(int(against)).any()
    if len(rows) and known:
        table = element_comparison(provisions, convention, str(rows["provision_id"].iloc[0]), against)
    else:
        table = pd.DataFrame({"element": [e for e, _, _ in ELEMENTS], "convention": "not coded",
                              "provision": f"not coded: the data hold no draft Article {article}", "gap": False})
    return table.assign(gap=table["gap"].map({True: "yes", False: "no"}))


@dataclass(frozen=True)
class DraftArticleGaps:
    """How many elements of the compared draft article fall short (``None`` when the data do not code it)."""

    n_art23_gaps: int | None
    art23_sentence: str = sentence()


def draft_article_gaps(provisions: pd.DataFrame, convention: pd.DataFrame, draft: str = PAPER_DRAFT,
                       article: str = DRAFT_ARTICLE) -> DraftArticleGaps:
    """Count the gaps of :func:`draft_article_comparison`, with the clause the prose quotes."""
    rows = provisions[(provisions["instrument"].astype(str) == draft) & (provisions["article"].astype(str) == article)]
    if rows.empty:
        return DraftArticleGaps(None, f"the data code no draft Article {article}, so no element is compared")
    gaps = int((draft_article_comparison(provisions, convention, draft, article)["gap"] == "yes").sum())
    return DraftArticleGaps(gaps, f"the draft falls short on {gaps} of the elements compared")


@dataclass(frozen=True)
class DraftQualifiers:
    """The draft's offence provisions and the share silent on intent (``None`` when not known)."""

    draft_n_offences: int | None
    draft_silent_intent_pct: float | None = shown_as(".0f")
    draft_intent_sentence: str = sentence()


def draft_qualifiers(gaps: pd.DataFrame, draft: str = PAPER_DRAFT) -> DraftQualifiers:
    """The draft's row of :func:`qualifier_gaps`, with the sentence the prose quotes."""
    if draft not in gaps.index:
        return DraftQualifiers(None, None, "The data code no offence provision of the draft law")
    row = gaps.loc[draft]
    n, share = int(row["n_offences"]), float(row["silent_on_intent"]) * 100
    if share != share:  # NaN: no offence of the draft has a coded intent element
        return DraftQualifiers(n, None, f"Of the draft\u2019s {n} offence provisions, none has a coded intent element")
    return DraftQualifiers(n, share, f"Of the draft\u2019s {n} offence provisions, {share:.0f} per cent are silent on intent")
