"""How much the headline measures depend on coding choices: each recomputed under every alternative the codebook names."""

from __future__ import annotations

import pandas as pd

from research.analysis import elements as el
from research.analysis import levels as lv
from research.analysis import provisions as prov
from research.analysis.basis import Measure, merge, rows_of, traced, with_rows
from research.analysis.draft import PAPER_DRAFT
from research.analysis.law import offence_categories
from research.analysis.penalties import heaviest_penalty
from research.analysis.reliability import QUALIFIERS, codings, extra_variables

DEFAULT = "as reported (each general rule applied as far as its own words reach)"
UNKNOWN_AS_ABSENT, SECOND_CODING = "unknown qualifiers counted as absent", "the second coding"
VARIANTS = (DEFAULT, "general rules not applied", "general rules applied to their own instrument only",
            "general rules applied to every offence of the country", UNKNOWN_AS_ABSENT, SECOND_CODING)
NO_DRAFT = "draft not on record on this date"
RULE_OF = {DEFAULT: el.AS_SCOPED, "general rules not applied": el.NOT_APPLIED,
           "general rules applied to their own instrument only": el.OWN_INSTRUMENT,
           "general rules applied to every offence of the country": el.EVERY_OFFENCE}


def _unknown_as_absent(provisions: pd.DataFrame) -> pd.DataFrame:
    out = provisions.copy()
    offences = out["kind"].astype(str) == "offence"
    for q in QUALIFIERS:
        out.loc[offences & out[q].isna(), q] = False
    return out


def _second(tables: dict) -> pd.DataFrame:
    _, second = codings(tables)
    out = tables["provisions"].copy()
    ids = out["provision_id"].astype(str)
    for q in QUALIFIERS:
        values = ids.map(second[q]) if len(second) else pd.Series(index=out.index, dtype=object)
        coded = values.notna()
        out.loc[coded, q] = values[coded].map({"true": True, "false": False, "empty": pd.NA})
    for q in (v for v in second.columns if v not in QUALIFIERS and v in out.columns and out[v].dtype == "boolean"):
        values = ids.map(second[q])  # a power's safeguards, where the second coder coded the power
        coded = values.notna()
        out.loc[coded, q] = values[coded].map({"true": True, "false": False, "empty": pd.NA})
    return out


def _second_cells(tables: dict) -> pd.DataFrame | None:
    """codings.csv with the second coder's cells of the variables beyond the qualifiers (restrictions, elements, who
    orders a power) in place of the first coder's, for the provisions the second coder coded."""
    second, cells = tables.get("coding_second"), tables.get("codings")
    if second is None or cells is None or not len(second):
        return cells
    extra = [f for f in extra_variables(second) if f not in tables["provisions"].columns]
    coded = set(second["provision_id"].astype(str))
    keep = ~(cells["record_id"].astype(str).isin(coded) & cells["field"].astype(str).isin(extra))
    theirs = second[second["field"].astype(str).isin(extra)].rename(columns={"provision_id": "record_id"})
    return pd.concat([cells[keep], theirs[[c for c in cells.columns if c in theirs.columns]]], ignore_index=True)


def variant_tables(tables: dict, variant: str) -> tuple[dict, str]:
    """The tables and the general-rule variant under which a measure is recomputed for ``variant``."""
    if variant == UNKNOWN_AS_ABSENT:
        return {**tables, "provisions": _unknown_as_absent(tables["provisions"])}, el.DEFAULT_VARIANT
    if variant == SECOND_CODING:
        return {**tables, "provisions": _second(tables), "codings": _second_cells(tables)}, el.DEFAULT_VARIANT
    return tables, RULE_OF[variant]


def _alternatives(tables: dict) -> tuple[str, ...]:
    """The rows the variants read besides the measures' own: the general rules and the second coding of the
    provisions coded."""
    provisions, second = tables["provisions"], tables.get("coding_second")
    return merge(rows_of("general_rules", tables.get("general_rules")),
                 rows_of("coding_second", second[second["provision_id"].astype(str).isin(
                     provisions["provision_id"].astype(str))]) if second is not None else ())


def measures(tables: dict, focus: str, khr_per_usd: float, variant: str) -> dict[str, Measure]:
    """The headline measures under one variant, as text, each with the rows it counts (the provisions, with the
    general rules and second coding the variants read, and the penalty)."""
    data, rule = variant_tables(tables, variant)
    provisions = data["provisions"]
    draft = provisions[(provisions["instrument"].astype(str) == PAPER_DRAFT) & (provisions["kind"].astype(str) == "offence")]
    intent = el.effective_intent(draft, data.get("general_rules"), rule)
    mine = provisions[(provisions["country"].astype(str) == focus) & (provisions["kind"].astype(str) == "offence")]
    own = el.effective_intent(mine, data.get("general_rules"), rule)
    matrix = prov.coverage_matrix(data, focus, variant=rule)
    row = lv.bounds({a: matrix.at[PAPER_DRAFT, a] for a in matrix.columns}) if PAPER_DRAFT in matrix.index else None
    cats = offence_categories(provisions, focus)
    heavy = heaviest_penalty(data, focus, khr_per_usd)
    alternatives = _alternatives(data)
    drafts = merge(*(prov.cell_rows(matrix, PAPER_DRAFT, a) for a in matrix.columns)) if row is not None else ()
    every = merge(*(prov.cell_rows(matrix, i, a) for i in matrix.index for a in matrix.columns))
    return {
        "draft offences known to require no intent": Measure(
            f"{sum(v is False for v in intent)} of {len(draft)}",
            merge(rows_of("provisions", draft, "intent_required"), alternatives)),
        "draft offences known to require no dishonest intent": Measure(
            f"{sum(el._value(v) is False for v in draft['dishonest_intent'])} of {len(draft)}",
            merge(rows_of("provisions", draft, "dishonest_intent"), alternatives)),
        "Cambodian offences requiring intent": Measure(
            f"{sum(v is True for v in own)} of {len(mine)}",
            merge(rows_of("provisions", mine, "intent_required"), alternatives)),
        "Convention articles the draft is shown to meet (lower bound; upper bound if every unknown element were present)":
            Measure(NO_DRAFT if row is None else f"{row.shown}; at most {row.at_most}", merge(drafts, alternatives)),
        "articles with a counterpart of known text": Measure(
            str(len(prov.articles_covered_by_any(matrix))), merge(every, alternatives)),
        "offences by category (CIA, computer-related, content, other)": Measure(
            f"{cats.n_offences_cia}, {cats.n_offences_computer_related}, {cats.n_offences_content_related}, "
            f"{cats.n_offences_other}", rows_of("provisions", mine, "category")),
        "heaviest penalty in force": Measure(
            f"{heavy.max_prison_years:g} years" if heavy.max_prison_years else "none",
            heavy.basis.rows.get("max_prison_years", ())),
    }


@traced
def sensitivity_table(tables: dict, focus: str, khr_per_usd: float) -> pd.DataFrame:
    """One row per headline measure, one column per variant of :data:`VARIANTS` (each row traced to the rows its
    measure counts as reported)."""
    columns = {v: measures(tables, focus, khr_per_usd, v) for v in VARIANTS}
    names = list(columns[DEFAULT])
    table = pd.DataFrame({"measure": names, **{v: [columns[v][n].value for n in names] for v in VARIANTS}})
    return with_rows(table, [columns[DEFAULT][n].rows for n in names])
