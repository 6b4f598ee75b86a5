"""Provisions against the Convention: coverage by instrument and article, qualifiers coded, undefined terms."""

from __future__ import annotations

import pandas as pd

from research.analysis import elements as el
from research.analysis.basis import ids, merge, traced, with_rows

COVERED = "covered"
WITHOUT_QUALIFIERS = "covered without the Convention's qualifiers"
WITHOUT_SAFEGUARDS = "covered without the Convention's safeguards"
NAMED_ONLY = "named only, text not available"
NOT_COVERED = "not covered"
COVERAGE_LEVELS = [COVERED, WITHOUT_QUALIFIERS, WITHOUT_SAFEGUARDS, NAMED_ONLY, NOT_COVERED]
BENCHMARK_ARTICLES = tuple(range(2, 14)) + tuple(range(15, 22))
SAFEGUARDS = ("independent_supervision", "grounds_required", "scope_duration_limited", "proportionality")
PROCEDURAL_KINDS = ("procedural_power", "safeguard")
CRIMINAL_KINDS = ("offence", "ancillary")  # only these can implement an offence, ancillary or sanction article


def instruments(provisions: pd.DataFrame, country: str) -> list[str]:
    """The instruments of one country, in order of first appearance in the data."""
    rows = provisions[provisions["country"].astype(str) == country]
    return list(dict.fromkeys(rows["instrument"].astype(str)))


def procedural_articles(convention: pd.DataFrame) -> set[int]:
    """The Convention articles that grant powers or set their safeguards (judged with Art. 15's safeguards)."""
    kinds = convention["kind"].astype(str)
    return set(convention.loc[kinds.isin(PROCEDURAL_KINDS), "article"].astype(int))


def safeguards_shown(row: pd.Series) -> list[str]:
    """The Art. 15 safeguards a provision's text is shown to provide (true cells)."""
    return [s for s in SAFEGUARDS if el._value(row.get(s)) is True]


def cell_level(rows: pd.DataFrame, article: int, procedural: bool, tables: dict, intent: pd.Series) -> str:
    """The coverage level of one instrument for one article, from the provisions that correspond to it.

    Offence articles: ``covered`` when some provision whose text is known lacks no mandatory element; otherwise
    ``covered without the Convention's qualifiers``. Procedural articles: ``covered`` only when a provision shows
    all four Art. 15 safeguards (a safeguard article's own counterpart needs only its text); otherwise ``covered
    without the Convention's safeguards``. Provisions known by heading alone give ``named only``. Only offences and
    ancillary provisions count for offence articles (a duty without a known penalty criminalises nothing), only
    powers and safeguard provisions for procedural ones (:func:`coverage_matrix` selects them).
    """
    if rows.empty:
        return NOT_COVERED
    known = rows[rows["text_basis"].astype(str) != "heading"]
    if known.empty:
        return NAMED_ONLY
    if procedural:
        ok = any(str(r["kind"]) == "safeguard" or len(safeguards_shown(r)) == len(SAFEGUARDS)
                 for _, r in known.iterrows())
        return COVERED if ok else WITHOUT_SAFEGUARDS
    for _, row in known.iterrows():
        if not el.shortfalls(row, article, tables["convention_elements"], tables["codings"],
                             intent.get(str(row["provision_id"]))):
            return COVERED
    return WITHOUT_QUALIFIERS


def coverage_matrix(tables: dict, country: str, articles=BENCHMARK_ARTICLES,
                    variant: str = el.DEFAULT_VARIANT) -> pd.DataFrame:
    """Classify each instrument of a country against each benchmark article of ETS 185.

    Parameters
    ----------
    tables : dict of str to DataFrame
        At least provisions, codings, convention, convention_elements (general_rules if any).
    country : str
        ISO3 of the state.
    articles : iterable of int
        The benchmark articles (default 2-13 and 15-21).
    variant : str
        How a general-part intent rule is applied (:data:`research.analysis.elements.GENERAL_RULE_VARIANTS`).

    Returns
    -------
    DataFrame
        Index: instruments; columns: article numbers; values: one of :data:`COVERAGE_LEVELS`. ``attrs["cells"]``
        holds, per instrument and article, the ids of the provisions that correspond (the basis of the cell).
    """
    provisions = tables["provisions"]
    intent = el.effective_intent(provisions, tables.get("general_rules"), variant)
    procedural = procedural_articles(tables["convention"])
    mine = provisions[provisions["country"].astype(str) == country]
    table, cells = {}, {}
    for instrument in instruments(provisions, country):
        rows = mine[mine["instrument"].astype(str) == instrument]
        kinds = rows["kind"].astype(str)
        chosen = {a: rows[el.corresponds(rows, a) & kinds.isin(PROCEDURAL_KINDS if a in procedural else CRIMINAL_KINDS)]
                  for a in articles}
        table[instrument] = {a: cell_level(chosen[a], a, a in procedural, tables, intent) for a in articles}
        cells[instrument] = {a: list(chosen[a]["provision_id"].astype(str)) for a in articles}
    matrix = pd.DataFrame.from_dict(table, orient="index", columns=list(articles))
    matrix.index.name = "instrument"
    matrix.columns.name = "article"
    matrix.attrs["cells"] = cells
    return matrix


def cell_rows(matrix: pd.DataFrame, instrument: str, article: int) -> tuple[str, ...]:
    """The basis of one cell of :func:`coverage_matrix`: the Convention article and the provisions that correspond."""
    found = matrix.attrs.get("cells", {}).get(instrument, {}).get(article, [])
    return merge(ids("convention", [int(article)]), ids("provisions", found, "convention_articles"))


def coverage_counts(matrix: pd.DataFrame) -> pd.DataFrame:
    """Count, per instrument, the benchmark articles in each coverage level."""
    counts = matrix.apply(lambda row: row.value_counts(), axis=1).reindex(columns=COVERAGE_LEVELS).fillna(0).astype(int)
    counts.index.name = "instrument"
    return counts


def articles_covered_by_any(matrix: pd.DataFrame, levels=(COVERED, WITHOUT_QUALIFIERS, WITHOUT_SAFEGUARDS)) -> list[int]:
    """Benchmark articles that at least one instrument reaches at one of ``levels`` (any counterpart with text)."""
    return [int(a) for a in matrix.columns if matrix[a].isin(levels).any()]


@traced
def coverage_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The coverage matrix as the report's table: one row per instrument, one column per article, levels in words
    (each row traced to the Convention's articles and the instrument's provisions that correspond)."""
    out = matrix.copy()
    out.columns = [f"Art. {a}" for a in matrix.columns]
    out = out.reset_index()
    return with_rows(out, [merge(*(cell_rows(matrix, i, a) for a in matrix.columns)) for i in matrix.index])


def qualifier_table(provisions: pd.DataFrame, general_rules: pd.DataFrame | None, country: str,
                    variant: str = el.DEFAULT_VARIANT) -> pd.DataFrame:
    """Per instrument, how many offence provisions are known to require, or to lack, each qualifier.

    Returns
    -------
    DataFrame
        Index: instruments with offences. Columns: ``n_offences``; for intent (after ``variant``), without right and
        dishonest intent, ``<q>_required``, ``<q>_absent``, ``<q>_unknown``; ``with_vague_terms``.
    """
    intent = el.effective_intent(provisions, general_rules, variant)
    rows = provisions[(provisions["country"].astype(str) == country) & (provisions["kind"].astype(str) == "offence")]
    records = []
    for instrument in instruments(rows, country):
        mine = rows[rows["instrument"].astype(str) == instrument]
        values = {"intent": [intent.get(str(p)) for p in mine["provision_id"]],
                  "without_right": [el._value(v) for v in mine["without_right"]],
                  "dishonest_intent": [el._value(v) for v in mine["dishonest_intent"]]}
        record = {"instrument": instrument, "n_offences": len(mine)}
        for q, vals in values.items():
            record[f"{q}_required"] = sum(v is True for v in vals)
            record[f"{q}_absent"] = sum(v is False for v in vals)
            record[f"{q}_unknown"] = sum(v is None for v in vals)
        record["with_vague_terms"] = int(mine["vague_terms"].notna().sum())
        records.append(record)
    columns = ["instrument", "n_offences"] + [f"{q}_{s}" for q in ("intent", "without_right", "dishonest_intent")
                                             for s in ("required", "absent", "unknown")] + ["with_vague_terms"]
    return pd.DataFrame.from_records(records, columns=columns).set_index("instrument")


def vague_term_counts(provisions: pd.DataFrame, country: str) -> pd.Series:
    """How many of a country's provisions rely on each undefined broad term, most frequent first."""
    rows = provisions[provisions["country"].astype(str) == country]
    items = rows["vague_terms"].dropna().astype(str).str.split(";").explode()
    return items.value_counts().sort_index().sort_values(ascending=False, kind="stable")
