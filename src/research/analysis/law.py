"""The law in force: offence categories, what the provisions in force contain, the general intent rule."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import asof
from research.analysis import elements as el
from research.analysis.basis import Basis, basis_field, ids, merge, rows_of, traced, with_rows
from research.analysis.common import sentence
from research.analysis.provisions import vague_term_counts
from research.data.labels import column_label, label

ACCESS_OFFENCE = "CC2009-427"  # Criminal Code Art. 427, the access offence the paper criticises
CRIMINAL_CODE = "Criminal Code"


@dataclass(frozen=True)
class OffenceCategories:
    """The focus country's offence provisions in each category (the paper's three and offences outside them)."""

    n_offences: int
    n_offences_cia: int
    n_offences_computer_related: int
    n_offences_content_related: int
    n_offences_other: int
    n_ancillary: int
    basis: Basis = basis_field()


CATEGORIES = ("cia", "computer_related", "content_related", "other")


@traced
def offence_categories(provisions: pd.DataFrame, country: str) -> OffenceCategories:
    """Count a country's offence provisions by category, and its ancillary provisions apart."""
    mine = provisions[provisions["country"].astype(str) == country]
    offences = mine[mine["kind"].astype(str) == "offence"]
    counts = offences["category"].astype(str).value_counts()
    category = offences["category"].astype(str)
    basis = Basis({"n_offences": rows_of("provisions", offences, "category"),
                   **{f"n_offences_{c}": rows_of("provisions", offences[category == c], "category") for c in CATEGORIES},
                   "n_ancillary": rows_of("provisions", mine[mine["kind"].astype(str) == "ancillary"], "kind")})
    return OffenceCategories(len(offences), *(int(counts.get(c, 0)) for c in CATEGORIES),
                             int((mine["kind"].astype(str) == "ancillary").sum()), basis)


def in_force(provisions: pd.DataFrame, country: str) -> pd.DataFrame:
    """A country's provisions in force, in data order."""
    mine = provisions[provisions["country"].astype(str) == country]
    return mine[asof.enacted(mine)]


@dataclass(frozen=True)
class LawInForce:
    """What the prose says of a country's law in force; ``cc427_intent`` completes "its wording ... intent"."""

    n_provisions_in_force: int
    n_instruments_in_force: int
    n_vague_in_force: int
    n_vague_terms: int
    cc427_intent: str
    basis: Basis = basis_field()


@traced
def law_in_force(provisions: pd.DataFrame, country: str) -> LawInForce:
    """Counts of the provisions in force, their instruments and undefined terms, and Art. 427's own intent words."""
    force = in_force(provisions, country)
    mine = provisions[provisions["country"].astype(str) == country]
    access_rows = mine[mine["provision_id"].astype(str).str.endswith(ACCESS_OFFENCE)]
    access = access_rows["intent_required"]
    if access.empty or access.isna().all():
        intent = "leaves unknown whether it requires"
    else:
        intent = "requires" if bool(access.iloc[0]) else "does not itself state"
    vague = rows_of("provisions", force[force["vague_terms"].notna()], "vague_terms")
    basis = Basis({"n_provisions_in_force": rows_of("provisions", force, "status"),
                   "n_instruments_in_force": rows_of("provisions", force, "instrument"),
                   "n_vague_in_force": vague, "n_vague_terms": vague,
                   "cc427_intent": rows_of("provisions", access_rows, "intent_required")})
    return LawInForce(len(force), int(force["instrument"].nunique()), int(force["vague_terms"].notna().sum()),
                      len(vague_term_counts(force, country)), intent, basis)


IN_FORCE_COLUMNS = ["instrument", "article", "heading", "kind", "category", "convention_articles", "source"]


@traced
def in_force_table(provisions: pd.DataFrame, country: str) -> pd.DataFrame:
    """The provisions in force as the report lists them: labels instead of codes, headings in words (each row
    traced to its provision)."""
    force = in_force(provisions, country)
    table = force[IN_FORCE_COLUMNS].astype("string").fillna("")
    for col in ("kind", "category"):
        table[col] = [label("provisions", col, v) for v in table[col]]
    table["convention_articles"] = table["convention_articles"].str.replace(";", ", ")
    table = table.rename(columns={c: column_label(c) for c in table.columns})
    return with_rows(table, [ids("provisions", [p]) for p in force["provision_id"].astype(str)])


@dataclass(frozen=True)
class GeneralIntentRule:
    """The Criminal Code's general intent rule, and what it changes for the Code's offences."""

    general_rule_article: str
    general_rule_quote: str
    n_code_offences: int
    n_code_intent_own: int
    n_code_intent_with_rule: int
    general_rule_sentence: str = sentence()
    basis: Basis = basis_field()


@traced
def general_intent_rule(provisions: pd.DataFrame, general_rules: pd.DataFrame, country: str,
                        instrument: str = CRIMINAL_CODE) -> GeneralIntentRule:
    """What the instrument's intent_default rule says, and how many of its offences require intent without and with it."""
    rules = general_rules[(general_rules["country"].astype(str) == country)
                          & (general_rules["instrument"].astype(str) == instrument)]
    rows = provisions[(provisions["country"].astype(str) == country) & (provisions["instrument"].astype(str) == instrument)
                      & (provisions["kind"].astype(str) == "offence")]
    own = el.effective_intent(rows, general_rules, el.NOT_APPLIED)
    ruled = el.effective_intent(rows, general_rules, el.OWN_INSTRUMENT)
    n_own, n_ruled = int(sum(v is True for v in own)), int(sum(v is True for v in ruled))
    rule_rows = rows_of("general_rules", rules.iloc[:1])
    code = rows_of("provisions", rows, "intent_required")
    with_own = ids("provisions", [p for p, v in own.items() if v is True], "intent_required")
    with_rule = merge(rule_rows, ids("provisions", [p for p, v in ruled.items() if v is True], "intent_required"))
    basis = Basis({"general_rule_article": rule_rows, "general_rule_quote": rule_rows, "n_code_offences": code,
                   "n_code_intent_own": with_own, "n_code_intent_with_rule": with_rule,
                   "general_rule_sentence": merge(rule_rows, code)})
    if rules.empty:
        return GeneralIntentRule("n/a", "", len(rows), n_own, n_ruled,
                                 f"The data record no general rule on intent for the {instrument}.", basis)
    rule = rules.iloc[0]
    applied = f"all {n_ruled} do" if n_ruled == len(rows) else f"{n_ruled} do"
    text = (f"Read article by article, {n_own} of the Code's {len(rows)} coded offences state an intent element; "
            f"with Art. {rule['article']} applied, {applied}.")
    return GeneralIntentRule(str(rule["article"]), str(rule["quote"]), len(rows), n_own, n_ruled, text, basis)
