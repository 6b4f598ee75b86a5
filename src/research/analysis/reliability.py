"""How reproducible the coding is: the first coding against an independent second one, variable by variable."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis.basis import Basis, basis_field, ids, merge, rows_of, traced, with_rows

QUALIFIERS = ("intent_required", "without_right", "dishonest_intent")
VAGUE = "vague_terms"
VARIABLES = (*QUALIFIERS, VAGUE)
EMPTY = "empty"
# The variables issue 20 adds to both codings: compared, per variable, over the provisions the second coder coded
# whose kind the variable applies to (a power's safeguards and who orders it; an offence's restrictions and elements).
POWER_FIELDS = ("independent_supervision", "grounds_required", "scope_duration_limited", "proportionality",
                "ordered_by")
POWER_KINDS, OFFENCE_KINDS = ("procedural_power",), ("offence", "ancillary")


def extra_variables(second: pd.DataFrame) -> list[str]:
    """The variables of the second coding beyond :data:`VARIABLES`, in the order it first codes them."""
    return [f for f in dict.fromkeys(second["field"].astype(str)) if f not in VARIABLES]


def _applies(variable: str, kind: str) -> bool:
    if variable == "convention_articles":
        return True
    return kind in (POWER_KINDS if variable in POWER_FIELDS else OFFENCE_KINDS)


VARIABLE_NAMES = {"vague terms": "relies on an undefined term"}  # variables the report names otherwise


def variable_words(field: str) -> str:
    """A coded variable as the report names it ("narrowing:sector" -> "narrowing by sector")."""
    words = str(field).replace("narrowing:", "narrowing by ").replace("_", " ")
    return VARIABLE_NAMES.get(words, words)


def _cell(value) -> str:
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return EMPTY
    if isinstance(value, bool) or str(value) in ("True", "False"):
        return str(value).lower()
    return ";".join(sorted(str(value).split(";")))


def _extra_first(provisions: pd.DataFrame, codings: pd.DataFrame | None, ids: list[str], variable: str) -> list:
    rows = provisions.set_index(provisions["provision_id"].astype(str)).reindex(ids)
    if variable in provisions.columns:
        values = [_cell(v) for v in rows[variable]]
    else:
        coded: dict[str, list[str]] = {}
        if codings is not None:
            for r, f, v in zip(codings["record_id"], codings["field"], codings["value"]):
                if str(f) == variable:  # a field coded once per source (two authorities) is one ';' cell
                    coded.setdefault(str(r), []).append(str(v))
        values = [_cell(";".join(coded[i])) if i in coded else EMPTY for i in ids]
    return [v if _applies(variable, str(k)) else pd.NA for v, k in zip(values, rows["kind"].astype(str))]


def items(provisions: pd.DataFrame, second: pd.DataFrame) -> list[str]:
    """The items both coders coded: every offence provision and every provision the second coding names."""
    offences = provisions.loc[provisions["kind"].astype(str) == "offence", "provision_id"].astype(str)
    named = second["provision_id"].astype(str)
    return list(dict.fromkeys([*offences, *named]))


def first_coding(provisions: pd.DataFrame, ids: list[str], codings: pd.DataFrame | None = None,
                 extra: list[str] | tuple = (), coded: set | None = None) -> pd.DataFrame:
    """The first coding of the items: ``true``/``false``/``empty`` per qualifier; vague terms as a sorted ``;`` list;
    each of ``extra`` (from provisions.csv or codings.csv) for the items in ``coded`` it applies to, else NA."""
    rows = provisions.set_index(provisions["provision_id"].astype(str)).reindex(ids)
    out = pd.DataFrame(index=pd.Index(ids, name="provision_id"))
    for q in QUALIFIERS:
        out[q] = [EMPTY if pd.isna(v) else str(bool(v)).lower() for v in rows[q]]
    out[VAGUE] = [";".join(sorted(str(v).split(";"))) if pd.notna(v) else "" for v in rows[VAGUE]]
    for variable in extra:
        values = _extra_first(provisions, codings, ids, variable)
        out[variable] = pd.array([v if coded is None or i in coded else pd.NA for v, i in zip(values, ids)],
                                 dtype=object)
    return out


def second_coding(second: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    """The second coding in the same shape as :func:`first_coding` (an item without a row for a field: empty)."""
    out = pd.DataFrame(index=pd.Index(ids, name="provision_id"))
    rows = second.assign(provision_id=second["provision_id"].astype(str), field=second["field"].astype(str),
                         value=second["value"].astype(str))
    for q in QUALIFIERS:
        mine = rows[rows["field"] == q].drop_duplicates("provision_id").set_index("provision_id")["value"]
        out[q] = [mine.get(i, EMPTY) for i in ids]
    terms = rows[rows["field"] == VAGUE].groupby("provision_id")["value"].apply(lambda v: ";".join(sorted(v)))
    out[VAGUE] = [terms.get(i, "") for i in ids]
    return out


def second_extra(second: pd.DataFrame, first: pd.DataFrame, extra: list[str]) -> pd.DataFrame:
    """The second coding of ``extra``, where the first coding (:func:`first_coding`) has a cell for it."""
    out = pd.DataFrame(index=first.index)
    rows = second.assign(provision_id=second["provision_id"].astype(str), field=second["field"].astype(str))
    for variable in extra:
        mine = rows[rows["field"] == variable].groupby("provision_id")["value"].apply(
            lambda v: _cell(";".join(str(x) for x in v)))
        out[variable] = pd.array([pd.NA if pd.isna(f) else mine.get(i, EMPTY)
                                  for i, f in zip(first.index, first[variable])], dtype=object)
    return out


def _categories(first: pd.Series, second: pd.Series, variable: str) -> tuple[pd.Series, pd.Series]:
    if variable == VAGUE:  # agreement on whether an item relies on an undefined term at all
        return first.ne("").map({True: "yes", False: "no"}), second.ne("").map({True: "yes", False: "no"})
    return first, second


def agreement(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Per variable: items, items agreed, percent agreement and Cohen's kappa (scikit-learn's ``cohen_kappa_score``).

    Qualifiers are compared in three categories (true, false, empty); vague terms as relying on any term or not.
    Kappa is undefined (NaN) when both coders used a single, identical category throughout.
    """
    from sklearn.metrics import cohen_kappa_score

    records = []
    for variable in first.columns:
        keep = first[variable].notna() & second[variable].notna()
        a, b = _categories(first.loc[keep, variable], second.loc[keep, variable], variable)
        agreed = int((a == b).sum())
        labels = sorted(set(a) | set(b))
        kappa = float("nan") if len(labels) < 2 else float(cohen_kappa_score(a, b, labels=labels))
        records.append({"variable": variable, "items": len(a), "agreed": agreed,
                        "percent agreement": 100.0 * agreed / len(a) if len(a) else float("nan"), "kappa": kappa})
    return pd.DataFrame(records)


def disagreements(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Every item and variable on which the two codings differ (vague terms: the term lists), in item order."""
    records = []
    for pid in first.index:
        for variable in first.columns:
            a, b = first.at[pid, variable], second.at[pid, variable]
            if pd.notna(a) and pd.notna(b) and a != b:
                records.append({"provision_id": pid, "field": variable, "first": a or EMPTY, "second": b or EMPTY})
    return pd.DataFrame(records, columns=["provision_id", "field", "first", "second"])


def _second_rows(second: pd.DataFrame | None, pid: str, field: str) -> tuple[str, ...]:
    if second is None:
        return ()
    return rows_of("coding_second", second[(second["provision_id"].astype(str) == pid) & (second["field"].astype(str) == field)])


@traced
def agreement_table(first: pd.DataFrame, second: pd.DataFrame, second_rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`agreement` as the report prints it: variable names in words, one decimal, kappa to two; each row traced
    to the first coding's cells of its variable and, given coding_second.csv as ``second_rows``, the second's rows."""
    table = agreement(first, second)
    second_of = (second_rows.assign(_f=second_rows["field"].astype(str)) if second_rows is not None
                 else pd.DataFrame({"_f": []}))
    bases = [merge(ids("provisions", first.index, v),
                   rows_of("coding_second", second_of[second_of["_f"] == v]) if second_rows is not None else ())
             for v in table["variable"]]
    return with_rows(pd.DataFrame({
        "variable": table["variable"].map(variable_words),
        "items": table["items"].astype(str), "agreed": table["agreed"].astype(str),
        "agreement (per cent)": table["percent agreement"].map(lambda v: f"{v:.1f}"),
        "Cohen's kappa": table["kappa"].map(lambda v: "undefined" if pd.isna(v) else f"{v:.2f}"),
    }), bases)


def original_first(final: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """The first coding as the first coder made it: the final coding, with every cell the decision log settled in
    favour of the second coding set back to the first coder's value."""
    out = final.copy()
    for _, d in decisions[decisions["kept"].astype(str) == "second"].iterrows():
        pid, field = str(d["provision_id"]), str(d["field"])
        if pid in out.index and field in out.columns and pd.notna(out.at[pid, field]):
            value = str(d["first_value"])
            out.at[pid, field] = "" if field == VAGUE and value == EMPTY else value
    return out


def final_coding(tables: dict) -> pd.DataFrame:
    """The first coding as the data now hold it (after the decision log), over every item of the two codings."""
    second = tables["coding_second"]
    ids = items(tables["provisions"], second)
    extra = extra_variables(second)
    # The added variables are compared over the provisions coded under them (an older second coding of the
    # qualifiers alone says nothing about, say, a provision's Convention article).
    under_extra = second.loc[second["field"].astype(str).isin(extra), "provision_id"].astype(str)
    return first_coding(tables["provisions"], ids, tables.get("codings"), extra, set(under_extra))


def codings(tables: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two codings of every item, as the two coders made them (see :func:`original_first`)."""
    second = tables["coding_second"]
    final = final_coding(tables)
    theirs = second_coding(second, list(final.index))
    extra = extra_variables(second)
    if extra:
        theirs = theirs.join(second_extra(second, final, extra))
    return original_first(final, tables["decisions"]), theirs


def unsettled(tables: dict) -> pd.DataFrame:
    """Disagreements of the two codings that the decision log does not settle (an empty frame when all are)."""
    first, second = codings(tables)
    found = disagreements(first, second)
    logged = set(zip(tables["decisions"]["provision_id"].astype(str), tables["decisions"]["field"].astype(str)))
    return found[[(p, f) not in logged for p, f in zip(found["provision_id"], found["field"])]]


@traced
def decision_table(decisions: pd.DataFrame, provisions: pd.DataFrame) -> pd.DataFrame:
    """The decision log as the report prints it, each provision named by its instrument and article (each row traced
    to its decision and the provision's cell it settles)."""
    rows = provisions.set_index(provisions["provision_id"].astype(str))
    named = [f"{rows.at[p, 'instrument']} {'s' if str(rows.at[p, 'country']) == 'SGP' else 'Art.'} {rows.at[p, 'article']}"
             if p in rows.index and pd.notna(rows.at[p, "article"]) else (rows.at[p, "instrument"] if p in rows.index else p)
             for p in decisions["provision_id"].astype(str)]
    bases = [merge(ids("decisions", [f"{p}/{f}"]), ids("provisions", [p], f))
             for p, f in zip(decisions["provision_id"].astype(str), decisions["field"].astype(str))]
    return with_rows(pd.DataFrame({"provision": named,
                         "variable": decisions["field"].astype(str).map(variable_words),
                         "first coding": decisions["first_value"].astype(str),
                         "second coding": decisions["second_value"].astype(str),
                         "kept": decisions["kept"].astype(str), "why": decisions["reason"].astype(str),
                         "source": decisions["source"].astype(str)}), bases)


@dataclass(frozen=True)
class ReliabilitySummary:
    """The size of the reliability study and of its decision log."""

    n_items: int
    n_disagreements: int
    n_second_kept: int
    basis: Basis = basis_field()


@traced
def reliability_summary(tables: dict) -> ReliabilitySummary:
    """Items coded twice, cells on which the two codings differ, and decisions that kept the second coding."""
    first, second = codings(tables)
    decisions = tables["decisions"]
    found = disagreements(first, second)
    kept = decisions[decisions["kept"].astype(str) == "second"]
    differ = merge(*(merge(ids("provisions", [p], f), _second_rows(tables["coding_second"], p, f))
                     for p, f in zip(found["provision_id"], found["field"])))
    basis = Basis({"n_items": ids("provisions", first.index), "n_disagreements": differ,
                   "n_second_kept": rows_of("decisions", kept, "kept")})
    return ReliabilitySummary(len(first), len(found), int(len(kept)), basis)
