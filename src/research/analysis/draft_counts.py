"""The numbers and dates section 4's sentences show, each a Measure of its own with the rows it counts; keyed as the
section names its values (without ``v1_``)."""

# The sentences' own measures (research.analysis.draft) carry the rows of their whole selection; these carry the rows of
# each number a sentence shows, so that the report links that number to its own rows.

from __future__ import annotations

import dataclasses

import pandas as pd

from research.analysis import draft as dr
from research.analysis import elements as el
from research.analysis import law
from research.analysis import levels as lv
from research.analysis import provisions as prov
from research.analysis.basis import Measure, ids, merge, rows_of

ELEMENT_TALLIES = ("mandatory", "met", "missing", "unknown", "options", "used")  # the keys of draft.element_counts
COVERAGE_TALLIES = ("shown", "at_most", "narrower", "named_only", "not_coded", "no_counterpart")


def _article(provisions: pd.DataFrame, article: str, draft: str) -> pd.DataFrame:
    rows = dr.draft_rows(provisions, draft)
    return rows[rows["article"].astype("string") == article].iloc[:1]


def reading_dates(paper: dict, draft: str = dr.PAPER_DRAFT) -> dict[str, Measure]:
    """When the draft became public (``public_date``) and when our data record it superseded (``superseded_date``):
    ISO dates, ``None`` when the data give none; each with the cells that give it."""
    rows = dr.draft_rows(paper["provisions"], draft)
    out = {}
    for name, column, pick in (("public_date", "valid_from", min), ("superseded_date", "valid_to", max)):
        dates = rows[column].dropna().astype(str)
        when = pick(dates) if len(dates) else None
        out[name] = Measure(when, rows_of("provisions", rows[rows[column].astype(str) == when], column) if when else ())
    return out


def category_counts(provisions: pd.DataFrame, focus: str) -> dict[str, Measure]:
    """:func:`research.analysis.law.offence_categories` as Measures (``n_offences``, ``n_offences_cia``, ...,
    ``n_ancillary``), each with the rows of its own count."""
    counts = law.offence_categories(provisions, focus)
    return {f.name: Measure(getattr(counts, f.name), counts.basis.rows.get(f.name, ()))
            for f in dataclasses.fields(counts) if f.name != "basis"}


def group_articles(paper: dict, draft: str = dr.PAPER_DRAFT) -> Measure:
    """The articles a group penalty (:func:`research.analysis.draft.group_penalty`) covers, with their rows (``None``
    without one)."""
    group = dr.group_penalty(paper, draft).value
    return Measure(group["articles"], ids("provisions", group["provisions"])) if group else Measure(None)


def offence_counts(provisions: pd.DataFrame, draft: str = dr.PAPER_DRAFT) -> dict[str, Measure]:
    """The draft's offence articles (``offence_articles``), those known by their heading only (``heading_only``), and
    those known to make no reference to dishonest intent (``no_dishonest``), known to lack intent (``no_intent``)
    and of unknown intent (``unknown_intent``), each with the cells that decide it."""
    rows = dr.draft_rows(provisions, draft)
    rows = rows[rows["kind"].astype(str) == "offence"]

    def counted(hit, column: str) -> Measure:
        return Measure(int(sum(hit)), rows_of("provisions", rows.loc[list(hit)], column))

    dishonest = [el._value(v) for v in rows["dishonest_intent"]]
    intent = [el._value(v) for v in rows["intent_required"]]
    return {"offence_articles": Measure(len(rows), rows_of("provisions", rows, "kind")),
            "heading_only": counted(rows["text_basis"].astype(str) == "heading", "text_basis"),
            "no_dishonest": counted([v is False for v in dishonest], "dishonest_intent"),
            "no_intent": counted([v is False for v in intent], "intent_required"),
            "unknown_intent": counted([v is None for v in intent], "intent_required")}


def element_tallies(paper: dict, article: str = dr.DRAFT_ARTICLE, against: int = dr.CONVENTION_ARTICLE,
                    draft: str = dr.PAPER_DRAFT) -> dict[str, Measure]:
    """:func:`research.analysis.draft.element_counts` as Measures (``art23_mandatory``, ``art23_met``,
    ``art23_missing``, ``art23_unknown``, ``art23_options``, ``art23_used``), each with the elements it counts and the
    cells that decide them (``None`` values when the data hold no such article)."""
    counts, one = dr.element_counts(paper, article, against, draft), _article(paper["provisions"], article, draft)
    if counts.value is None:
        return {f"art23_{k}": Measure(None) for k in ELEMENT_TALLIES}
    row = one.iloc[0]
    elements = paper["convention_elements"]
    table = el.comparison(row, against, elements, paper["codings"], el._value(row["intent_required"]))
    rows = el.element_rows(row, against, elements, paper["codings"])
    mandatory = (table["requirement"] == "mandatory").tolist()
    chosen = {"mandatory": mandatory, "options": [not m for m in mandatory]}
    chosen |= {k: (table["assessment"] == level).tolist() for k, level in
               (("met", el.MEETS), ("missing", el.SHORTFALL), ("unknown", el.UNKNOWN), ("used", el.USES_OPTION))}
    chosen["unknown"] = [u and m for u, m in zip(chosen["unknown"], mandatory)]
    return {f"art23_{k}": Measure(counts.value[k], merge(*(r for r, hit in zip(rows, chosen[k]) if hit)))
            for k in ELEMENT_TALLIES}


def vague_counts(provisions: pd.DataFrame, draft: str = dr.PAPER_DRAFT) -> dict[str, Measure]:
    """The distinct broad terms of the draft (``vague_terms``) and the articles that use them (``vague_articles``)."""
    terms = dr.broad_terms(provisions, draft)
    return {"vague_terms": Measure(len(terms.value["terms"]), terms.rows),
            "vague_articles": Measure(terms.value["articles"] or None, terms.rows)}


def coverage_counts(coverage: Measure, draft: str = dr.PAPER_DRAFT) -> dict[str, Measure]:
    """The benchmark articles the draft is shown to meet (``coverage_shown``), could meet at most
    (``coverage_at_most``), and finds at each level short of it (``coverage_narrower``, ``coverage_named_only``,
    ``coverage_not_coded``, ``coverage_no_counterpart``), each with the draft's counterparts of those articles."""
    matrix = coverage.value
    if draft not in matrix.index:
        return {f"coverage_{k}": Measure(None) for k in COVERAGE_TALLIES}
    levels = {a: matrix.at[draft, a] for a in matrix.columns}
    cells = matrix.attrs.get("cells", {}).get(draft, {})
    bounds = lv.bounds(levels)
    chosen = {"shown": bounds.shown_articles, "at_most": bounds.possible_articles}
    chosen |= {k: [a for a, v in levels.items() if v == level] for k, level in
               (("narrower", lv.NARROWER), ("named_only", lv.NAMED_ONLY), ("not_coded", lv.NOT_CODED),
                ("no_counterpart", lv.NO_COUNTERPART))}
    return {f"coverage_{k}": Measure(len(articles), merge(*(ids("provisions", cells.get(a, []), "convention_articles")
                                                            for a in articles)))
            for k, articles in chosen.items()}


def preservation_counts(provisions: pd.DataFrame, draft: str = dr.PAPER_DRAFT, codings: pd.DataFrame | None = None,
                        general_rules: pd.DataFrame | None = None) -> dict[str, Measure]:
    """Of the Art. 15 safeguards, those draft Art. 17 is shown to carry (``art17_shown``), reported to lack
    (``art17_lacking``) or not known (``art17_unknown``): :func:`research.analysis.draft.preservation_safeguards`, each
    with its safeguard cells (and the general rules, for one shown by a rule), ``None`` values without the article."""
    found = dr.preservation_safeguards(provisions, draft, codings, general_rules)
    if found.value is None:
        return {f"art17_{k}": Measure(None) for k in ("shown", "lacking", "unknown")}
    one = _article(provisions, dr.PRESERVATION_ARTICLE, draft)
    rules = () if general_rules is None else rows_of("general_rules", general_rules[general_rules["rule"].astype(
        str).str.startswith(prov.SAFEGUARD_RULE)])
    values = found.value["values"]

    def counted(value) -> Measure:
        hit = [s for s, v in values.items() if v is value]
        by_rule = value is True and any(el._value(one.iloc[0].get(s)) is not True for s in hit)
        return Measure(len(hit), merge(*(rows_of("provisions", one, s) for s in hit), rules if by_rule else ()))

    return {"art17_shown": counted(True), "art17_lacking": counted(False), "art17_unknown": counted(None)}


def safeguard_article_number(provisions: pd.DataFrame, draft: str = dr.PAPER_DRAFT) -> Measure:
    """The article number of the draft's own conditions-and-safeguards article
    (:func:`research.analysis.draft.safeguard_article`)."""
    found = dr.safeguard_article(provisions, draft)
    return Measure(None if found.value is None else str(found.value["article"]), found.rows)
