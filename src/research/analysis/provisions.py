"""Provisions: Convention coverage, qualifier gaps, penalty ranges and element-by-element comparison."""

from __future__ import annotations

import pandas as pd

from research.analysis.common import parse_list

COVERED = "covered"
WITHOUT_QUALIFIERS = "covered without qualifiers"
NOT_COVERED = "not covered"
COVERAGE_LEVELS = [COVERED, WITHOUT_QUALIFIERS, NOT_COVERED]
BENCHMARK_ARTICLES = tuple(range(2, 12)) + tuple(range(16, 22))


def instruments(provisions: pd.DataFrame, country: str) -> list[str]:
    """The instruments of one country, in order of first appearance in the data."""
    rows = provisions[provisions["country"].astype(str) == country]
    return list(dict.fromkeys(rows["instrument"].astype(str)))


def _cell_status(rows: pd.DataFrame, article: pd.Series) -> str:
    if rows.empty:
        return NOT_COVERED
    best = NOT_COVERED
    for _, row in rows.iterrows():
        lacks = (bool(article["requires_intent"]) and row["intent_required"] is False) or (
            bool(article["requires_without_right"]) and row["without_right"] is False
        )
        status = WITHOUT_QUALIFIERS if lacks else COVERED
        if COVERAGE_LEVELS.index(status) < COVERAGE_LEVELS.index(best):
            best = status
    return best


def coverage_matrix(
    provisions: pd.DataFrame, convention: pd.DataFrame, country: str, articles=BENCHMARK_ARTICLES
) -> pd.DataFrame:
    """Classify each instrument of a country against each benchmark article of ETS 185.

    A cell is ``covered`` when some provision of the instrument corresponds to the article and does not drop a
    qualifier the article requires; ``covered without qualifiers`` when every corresponding provision is known to
    be silent on intent or on "without right" where the article requires it; ``not covered`` when no provision
    corresponds. An unknown qualifier (text not available) is not counted as missing.

    Returns
    -------
    DataFrame
        Index: instruments; columns: article numbers; values: one of :data:`COVERAGE_LEVELS`.
    """
    conv = convention.set_index(convention["article"].astype(int))
    rows = provisions[provisions["country"].astype(str) == country].copy()
    rows["_articles"] = rows["convention_articles"].map(lambda v: [int(a) for a in parse_list(v)])
    rows["intent_required"] = rows["intent_required"].astype(object).where(rows["intent_required"].notna(), None)
    rows["without_right"] = rows["without_right"].astype(object).where(rows["without_right"].notna(), None)
    table = {}
    for instrument in instruments(provisions, country):
        mine = rows[rows["instrument"].astype(str) == instrument]
        table[instrument] = {
            a: _cell_status(mine[mine["_articles"].map(lambda arts, a=a: a in arts)], conv.loc[a]) for a in articles
        }
    matrix = pd.DataFrame.from_dict(table, orient="index", columns=list(articles))
    matrix.index.name = "instrument"
    matrix.columns.name = "article"
    return matrix


def coverage_counts(matrix: pd.DataFrame) -> pd.DataFrame:
    """Count, per instrument, the benchmark articles in each coverage level."""
    counts = matrix.apply(lambda row: row.value_counts(), axis=1).reindex(columns=COVERAGE_LEVELS).fillna(0).astype(int)
    counts.index.name = "instrument"
    return counts


def articles_covered_by_any(matrix: pd.DataFrame) -> list[int]:
    """Benchmark articles that at least one instrument covers (with or without qualifiers)."""
    return [int(a) for a in matrix.columns if (matrix[a] != NOT_COVERED).any()]


def qualifier_gaps(provisions: pd.DataFrame, country: str) -> pd.DataFrame:
    """Per instrument, the share of offence provisions silent on intent, on "without right", and using vague terms.

    Shares are over the offence provisions whose text is available for that qualifier (unknown values are left
    out of the denominator); ``n_offences`` counts every offence provision of the instrument.
    """
    rows = provisions[(provisions["country"].astype(str) == country) & (provisions["kind"].astype(str) == "offence")]
    records = []
    for instrument in instruments(provisions, country):
        mine = rows[rows["instrument"].astype(str) == instrument]
        if mine.empty:
            continue
        intent = mine["intent_required"].dropna()
        right = mine["without_right"].dropna()
        known_text = mine[mine["intent_required"].notna() | mine["without_right"].notna()]
        records.append(
            {
                "instrument": instrument,
                "n_offences": int(len(mine)),
                "silent_on_intent": float((~intent.astype(bool)).mean()) if len(intent) else float("nan"),
                "silent_on_without_right": float((~right.astype(bool)).mean()) if len(right) else float("nan"),
                "vague_terms": float(known_text["vague_terms"].notna().mean()) if len(known_text) else float("nan"),
            }
        )
    return pd.DataFrame.from_records(
        records, columns=["instrument", "n_offences", "silent_on_intent", "silent_on_without_right", "vague_terms"]
    ).set_index("instrument")


def penalties(provisions: pd.DataFrame, khr_per_usd: float, country: str | None = None) -> pd.DataFrame:
    """Penalty ranges of offence provisions, imprisonment in years and fines in US dollars.

    Parameters
    ----------
    provisions : DataFrame
    khr_per_usd : float
        Riels per US dollar for converting KHR fines (must be positive).
    country : str, optional
        Keep only this country's provisions.

    Returns
    -------
    DataFrame
        ``provision_id``, ``instrument``, ``article``, ``category``, ``prison_min_years``, ``prison_max_years``,
        ``fine_min_usd``, ``fine_max_usd``, for offence provisions with any penalty coded. A fine whose currency
        is not coded has no US dollar value.

    Raises
    ------
    ValueError
        If ``khr_per_usd`` is not a positive number.
    """
    if khr_per_usd is None or not khr_per_usd > 0:  # also rejects NaN
        raise ValueError(f"khr_per_usd must be positive, got {khr_per_usd!r}")
    rows = provisions[provisions["kind"].astype(str) == "offence"]
    if country is not None:
        rows = rows[rows["country"].astype(str) == country]
    has_penalty = rows[["prison_min_months", "prison_max_months", "fine_min", "fine_max"]].notna().any(axis=1)
    rows = rows[has_penalty]
    rate = rows["fine_currency"].astype(str).map({"KHR": 1.0 / khr_per_usd, "USD": 1.0})
    out = pd.DataFrame(
        {
            "provision_id": rows["provision_id"].astype(str),
            "instrument": rows["instrument"].astype(str),
            "article": rows["article"].astype("string"),
            "category": rows["category"].astype(str),
            "prison_min_years": rows["prison_min_months"].astype("Float64") / 12,
            "prison_max_years": rows["prison_max_months"].astype("Float64") / 12,
            "fine_min_usd": rows["fine_min"].astype("Float64") * rate.astype("Float64"),
            "fine_max_usd": rows["fine_max"].astype("Float64") * rate.astype("Float64"),
        }
    )
    return out.reset_index(drop=True)


ELEMENTS = [
    ("committed intentionally", "requires_intent", "intent_required"),
    ('committed "without right"', "requires_without_right", "without_right"),
    ("dishonest intent", "allows_dishonest_intent", "dishonest_intent"),
]


def _yes_no(value) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "unknown (text not available)"
    return "required" if bool(value) else "not required"


def element_comparison(provisions: pd.DataFrame, convention: pd.DataFrame, provision_id: str, article: int) -> pd.DataFrame:
    """Compare one provision with one Convention article, element by element.

    Returns
    -------
    DataFrame
        One row per element (``element``): what the Convention article says (``convention``: ``required`` or
        ``not required``; for dishonest intent, ``a Party may require it`` or ``not provided for``), what the
        provision says (``provision``: ``required``, ``not required`` or ``unknown (text not available)``), and
        whether the provision falls short (``gap``): the Convention requires the element, or offers it as an
        option, and the provision is known not to require it. An unknown provision value is never a gap.
    """
    prov = provisions.set_index(provisions["provision_id"].astype(str)).loc[provision_id]
    conv = convention.set_index(convention["article"].astype(int)).loc[int(article)]
    records = []
    for element, conv_col, prov_col in ELEMENTS:
        conv_value = bool(conv[conv_col])
        if conv_col == "allows_dishonest_intent":
            conv_text = "a Party may require it" if conv_value else "not provided for"
        else:
            conv_text = "required" if conv_value else "not required"
        prov_value = prov[prov_col]
        known = not (prov_value is None or prov_value is pd.NA)
        records.append(
            {
                "element": element,
                "convention": conv_text,
                "provision": _yes_no(prov_value),
                "gap": bool(conv_value and known and not bool(prov_value)),
            }
        )
    return pd.DataFrame.from_records(records)


def vague_term_counts(provisions: pd.DataFrame, country: str) -> pd.Series:
    """How many of a country's provisions rely on each undefined broad term, most frequent first."""
    rows = provisions[provisions["country"].astype(str) == country]
    items = rows["vague_terms"].dropna().astype(str).str.split(";").explode()
    return items.value_counts().sort_index().sort_values(ascending=False, kind="stable")
