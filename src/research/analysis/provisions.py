"""Provisions against the Convention: coverage by instrument and article, qualifiers coded, undefined terms."""

from __future__ import annotations

import pandas as pd

from research.analysis import elements as el
from research.analysis import levels as lv
from research.analysis.basis import ids, merge, traced, with_rows

# The coverage levels of the codebook (research.analysis.levels), worst first and as figures list them.
COVERAGE_LEVELS = list(lv.LEVELS)
BENCHMARK_ARTICLES = tuple(range(2, 14)) + tuple(range(15, 22))
SAFEGUARDS = ("independent_supervision", "grounds_required", "scope_duration_limited", "proportionality")
SAFEGUARD_RULE = "safeguard:"  # general_rules.csv: a general procedural provision supplying an Art. 15 safeguard
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


def safeguards_shown(row: pd.Series, general_rules: pd.DataFrame | None = None, variant: str = el.DEFAULT_VARIANT,
                     ) -> list[str]:
    """The Art. 15 safeguards shown for a power from any source: its own true cells, and general procedural rules
    (general_rules.csv ``safeguard:<field>``) whose scope reaches it (Art. 15(1): "conditions and safeguards provided
    for under its domestic law")."""
    shown = {s for s in SAFEGUARDS if el._value(row.get(s)) is True}
    if general_rules is not None and len(general_rules):
        frame = row.to_frame().T
        for s in SAFEGUARDS:
            rules = general_rules[general_rules["rule"].astype(str) == SAFEGUARD_RULE + s]
            if len(rules) and bool(el.governed(frame, rules, variant).iloc[0]):
                shown.add(s)
    return [s for s in SAFEGUARDS if s in shown]


def power_level(row: pd.Series, general_rules: pd.DataFrame | None, variant: str = el.DEFAULT_VARIANT) -> lv.Level:
    """A power against its article: ``meets`` when all four Art. 15(2) safeguards are shown from some source, else
    ``not shown`` (which of them a power needs is "as appropriate in view of the nature of the procedure or power",
    which the texts read cannot settle); a safeguard article's own counterpart needs only its text read."""
    if str(row.get("text_basis")) == "heading":
        return lv.Level(lv.NAMED_ONLY)
    if str(row.get("kind")) == "safeguard":
        return lv.Level(lv.MEETS)
    shown = safeguards_shown(row, general_rules, variant)
    missing = tuple(lv.Reason(lv.UNKNOWN, s) for s in SAFEGUARDS if s not in shown)
    return lv.Level(lv.NOT_SHOWN if missing else lv.MEETS, unknown=missing)


def cell_level(rows: pd.DataFrame, article: int, procedural: bool, tables: dict, intent: pd.Series,
               variant: str = el.DEFAULT_VARIANT) -> tuple[str, bool]:
    """The coverage level of a set of provisions (an instrument's, or a country's) for one article, and whether
    one of them is broader than the Convention: the codebook's rule (:mod:`research.analysis.levels`).

    Only offences and ancillary provisions count for offence articles (a duty without a known penalty criminalises
    nothing), only powers and safeguard provisions for procedural ones (:func:`coverage_matrix` selects them).
    Without any, the level is ``no counterpart found`` or ``not coded`` (law_searches.csv).
    """
    if rows.empty:
        return "", False
    country = str(rows["country"].iloc[0])
    if procedural:
        found = [power_level(r, tables.get("general_rules"), variant) for _, r in rows.iterrows()]
        return max((f.level for f in found), key=lv.RANK.get), False
    party, taken = lv.is_party(tables, country), lv.options_taken(tables, country)
    found = [lv.provision_level(r, article, tables, intent.get(str(r["provision_id"])), party, taken)
             for _, r in rows.iterrows()]
    return lv.union_level(found, lv.mandatory(tables["convention_elements"], article)), any(f.broader for f in found)


def coverage_matrix(tables: dict, country: str, articles=BENCHMARK_ARTICLES,
                    variant: str = el.DEFAULT_VARIANT, by: str = "instrument") -> pd.DataFrame:
    """Classify each instrument of a country (or, ``by="country"``, its law as a whole) against each benchmark
    article of ETS 185, by the codebook's coverage levels.

    Parameters
    ----------
    tables : dict of str to DataFrame
        At least provisions, codings, convention, convention_elements (general_rules, countries, party_options and
        law_searches if any: a missing table counts as empty).
    country : str
        ISO3 of the state.
    articles : iterable of int
        The benchmark articles (default 2-13 and 15-21).
    variant : str
        How a general-part intent rule is applied (:data:`research.analysis.elements.GENERAL_RULE_VARIANTS`).
    by : str
        ``instrument`` (a row per instrument) or ``country`` (one row, the union of the country's provisions).

    Returns
    -------
    DataFrame
        Index: instruments (or the country); columns: article numbers; values: one of :data:`COVERAGE_LEVELS`.
        ``attrs["cells"]`` holds, per row and article, the ids of the provisions that correspond (the basis of the
        cell); ``attrs["broader"]`` the ``(row, article)`` pairs where a provision is broader than the Convention.
    """
    provisions = tables["provisions"]
    intent = el.effective_intent(provisions, tables.get("general_rules"), variant)
    procedural = procedural_articles(tables["convention"])
    mine = provisions[provisions["country"].astype(str) == country]
    groups = [(country, mine)] if by == "country" and len(mine) else [
        (i, mine[mine["instrument"].astype(str) == i]) for i in instruments(provisions, country)]
    table, cells, broader = {}, {}, set()
    for name, rows in groups:
        kinds = rows["kind"].astype(str)
        chosen = {a: rows[el.corresponds(rows, a) & kinds.isin(PROCEDURAL_KINDS if a in procedural else CRIMINAL_KINDS)]
                  for a in articles}
        table[name] = {}
        for a in articles:
            level, wider = cell_level(chosen[a], a, a in procedural, tables, intent, variant)
            table[name][a] = level or lv.searched(tables, country, a)
            if wider:
                broader.add((name, a))
        cells[name] = {a: list(chosen[a]["provision_id"].astype(str)) for a in articles}
    matrix = pd.DataFrame.from_dict(table, orient="index", columns=list(articles))
    matrix.index.name = "instrument"
    matrix.columns.name = "article"
    matrix.attrs["cells"] = cells
    matrix.attrs["broader"] = broader
    return matrix


def cell_rows(matrix: pd.DataFrame, instrument: str, article: int) -> tuple[str, ...]:
    """The basis of one cell of :func:`coverage_matrix`: the Convention article and the provisions that correspond."""
    found = matrix.attrs.get("cells", {}).get(instrument, {}).get(article, [])
    return merge(ids("convention", [int(article)]), ids("provisions", found, "convention_articles"))


def articles_covered_by_any(matrix: pd.DataFrame, levels=(lv.MEETS, lv.NOT_SHOWN, lv.NARROWER)) -> list[int]:
    """Benchmark articles that at least one instrument reaches at one of ``levels`` (default: a counterpart whose
    text was read)."""
    return [int(a) for a in matrix.columns if matrix[a].isin(levels).any()]


@traced
def coverage_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The coverage matrix as the report's table: one row per instrument, one column per article, levels in words
    (each row traced to the Convention's articles and the instrument's provisions that correspond)."""
    out = matrix.copy()
    for i, a in matrix.attrs.get("broader", set()):
        if i in out.index and a in out.columns:
            out.at[i, a] = f"{out.at[i, a]}; {lv.BROADER}"
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


ORDERED_BY = {"judge": "a judge", "prosecutor": "the prosecutor", "police": "the police",
              "executive": "an executive body", "other": "another authority"}


def ordered_by(codings: pd.DataFrame | None, provision_id: str) -> str | None:
    """Who orders or authorises a power by its words (codings.csv ``ordered_by``), or None when not coded."""
    if codings is None or not len(codings):
        return None
    rows = codings[(codings["record_id"].astype(str) == provision_id) & (codings["field"].astype(str) == "ordered_by")]
    return str(rows["value"].iloc[0]) if len(rows) else None
