"""The law in force: offence categories, what the provisions in force contain, the general intent rule."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from research.analysis import elements as el
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


def offence_categories(provisions: pd.DataFrame, country: str) -> OffenceCategories:
    """Count a country's offence provisions by category, and its ancillary provisions apart."""
    mine = provisions[provisions["country"].astype(str) == country]
    offences = mine[mine["kind"].astype(str) == "offence"]
    counts = offences["category"].astype(str).value_counts()
    return OffenceCategories(len(offences), *(int(counts.get(c, 0)) for c in
                                              ("cia", "computer_related", "content_related", "other")),
                             int((mine["kind"].astype(str) == "ancillary").sum()))


def in_force(provisions: pd.DataFrame, country: str) -> pd.DataFrame:
    """A country's provisions in force, in data order."""
    mine = provisions[provisions["country"].astype(str) == country]
    return mine[mine["status"].astype(str) == "in_force"]


@dataclass(frozen=True)
class LawInForce:
    """What the prose says of a country's law in force; ``cc427_intent`` completes "its wording ... intent"."""

    n_provisions_in_force: int
    n_instruments_in_force: int
    n_vague_in_force: int
    n_vague_terms: int
    cc427_intent: str


def law_in_force(provisions: pd.DataFrame, country: str) -> LawInForce:
    """Counts of the provisions in force, their instruments and undefined terms, and Art. 427's own intent words."""
    force = in_force(provisions, country)
    mine = provisions[provisions["country"].astype(str) == country]
    access = mine[mine["provision_id"].astype(str).str.endswith(ACCESS_OFFENCE)]["intent_required"]
    if access.empty or access.isna().all():
        intent = "leaves unknown whether it requires"
    else:
        intent = "requires" if bool(access.iloc[0]) else "does not itself state"
    return LawInForce(len(force), int(force["instrument"].nunique()), int(force["vague_terms"].notna().sum()),
                      len(vague_term_counts(force, country)), intent)


IN_FORCE_COLUMNS = ["instrument", "article", "heading", "kind", "category", "convention_articles", "source"]


def in_force_table(provisions: pd.DataFrame, country: str) -> pd.DataFrame:
    """The provisions in force as the report lists them: labels instead of codes, headings in words."""
    table = in_force(provisions, country)[IN_FORCE_COLUMNS].astype("string").fillna("")
    for col in ("kind", "category"):
        table[col] = [label("provisions", col, v) for v in table[col]]
    table["convention_articles"] = table["convention_articles"].str.replace(";", ", ")
    return table.rename(columns={c: column_label(c) for c in table.columns})


@dataclass(frozen=True)
class GeneralIntentRule:
    """The Criminal Code's general intent rule, and what it changes for the Code's offences."""

    general_rule_article: str
    general_rule_quote: str
    n_code_offences: int
    n_code_intent_own: int
    n_code_intent_with_rule: int
    general_rule_sentence: str = sentence()


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
    if rules.empty:
        return GeneralIntentRule("n/a", "", len(rows), n_own, n_ruled,
                                 f"The data record no general rule on intent for the {instrument}.")
    rule = rules.iloc[0]
    applied = f"all {n_ruled} do" if n_ruled == len(rows) else f"{n_ruled} do"
    text = (f"Read article by article, {n_own} of the Code's {len(rows)} coded offences state an intent element; "
            f"with Art. {rule['article']} applied, {applied}.")
    return GeneralIntentRule(str(rule["article"]), str(rule["quote"]), len(rows), n_own, n_ruled, text)
