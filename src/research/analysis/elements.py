"""A provision against a Convention article, element by element; general-part rules applied in named variants."""

from __future__ import annotations

import pandas as pd

from research.analysis.common import parse_list

# The variants in which a general-part intent rule (Criminal Code Art. 5) enters article-level coding: by default as
# far as the rule's own words reach (its ``scope`` in general_rules.csv), and, for the sensitivity table, never, to
# its own instrument only, or to every offence of the country.
NOT_APPLIED, OWN_INSTRUMENT, EVERY_OFFENCE = "not applied", "its own instrument", "every offence of the country"
AS_SCOPED = "as far as its own words reach"
GENERAL_RULE_VARIANTS = (AS_SCOPED, NOT_APPLIED, OWN_INSTRUMENT, EVERY_OFFENCE)
DEFAULT_VARIANT = AS_SCOPED
INSTRUMENT_SCOPE, COUNTRY_SCOPE = "instrument", "country"

MEETS, SHORTFALL, UNKNOWN = "meets it", "falls short", "unknown"
USES_OPTION, BROADER = "uses the option", "broader than the Convention's option"
ELEMENT_PREFIX = "element:"


def _value(cell):
    if cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell):
        return None
    return bool(cell)


def rule_scopes(rules: pd.DataFrame, variant: str = AS_SCOPED) -> list[str]:
    """The scope each general rule is applied with: its ``scope`` cell under ``as far as its own words reach``
    (``instrument`` where the data have no such column or cell), or the variant's own."""
    if variant == OWN_INSTRUMENT:
        return [INSTRUMENT_SCOPE] * len(rules)
    if variant == EVERY_OFFENCE:
        return [COUNTRY_SCOPE] * len(rules)
    if "scope" not in rules.columns:
        return [INSTRUMENT_SCOPE] * len(rules)
    return [COUNTRY_SCOPE if str(v) == COUNTRY_SCOPE else INSTRUMENT_SCOPE for v in rules["scope"]]


def governed(provisions: pd.DataFrame, rules: pd.DataFrame, variant: str = AS_SCOPED) -> pd.Series:
    """Whether some rule of ``rules`` reaches each provision (by provision_id), each rule with its scope."""
    ids = provisions["provision_id"].astype(str).values
    if rules is None or rules.empty:
        return pd.Series(False, index=ids)
    instrument_wide, country_wide = set(), set()
    for c, i, scope in zip(rules["country"].astype(str), rules["instrument"].astype(str), rule_scopes(rules, variant)):
        (country_wide.add(c) if scope == COUNTRY_SCOPE else instrument_wide.add((c, i)))
    pairs = zip(provisions["country"].astype(str), provisions["instrument"].astype(str))
    return pd.Series([c in country_wide or (c, i) in instrument_wide for c, i in pairs], index=ids)


def effective_intent(provisions: pd.DataFrame, general_rules: pd.DataFrame | None,
                     variant: str = DEFAULT_VARIANT) -> pd.Series:
    """Each provision's intent element once a general-part rule is applied: True, False or None, by provision_id.

    ``as far as its own words reach`` (the default) applies each ``intent_default`` rule with its ``scope``
    (``instrument``: the offences of the instrument that states it; ``country``: every offence and ancillary
    provision of that country, whichever statute); ``not applied`` keeps the article's own words; ``its own
    instrument`` and ``every offence of the country`` give every rule that scope. A rule never removes an intent the
    article itself requires; it supplies intent where the article's words state none (empty or ``false``: the
    codebook's ``false`` is "its full text has none", which is what a general part completes).
    """
    if variant not in GENERAL_RULE_VARIANTS:
        raise ValueError(f"unknown general-rule variant {variant!r}; one of {', '.join(GENERAL_RULE_VARIANTS)}")
    ids = provisions["provision_id"].astype(str)
    own = pd.Series([_value(v) for v in provisions["intent_required"]], index=ids.values, dtype=object)
    if variant == NOT_APPLIED or general_rules is None or general_rules.empty:
        return own
    rules = general_rules[general_rules["rule"].astype(str) == "intent_default"]
    liable = pd.Series(provisions["kind"].astype(str).isin(["offence", "ancillary"]).values, index=ids.values)
    applies = governed(provisions, rules, variant) & liable
    return own.where(~applies, True)


def element_values(provision: pd.Series, article: int, elements: pd.DataFrame, codings: pd.DataFrame,
                   intent: bool | None = None) -> pd.DataFrame:
    """Every element of one Convention article and what one provision says of it.

    Parameters
    ----------
    provision : Series
        One row of provisions.csv.
    article : int
        The Convention article.
    elements, codings : DataFrame
        convention_elements.csv and codings.csv.
    intent : bool or None, optional
        The provision's intent element after a general-part rule (:func:`effective_intent`); default its own cell.

    Returns
    -------
    DataFrame
        ``element``, ``label``, ``requirement``, ``text`` and ``value`` (True, False or None), in the table's order.
    """
    rows = elements[elements["article"].astype(int) == int(article)]
    pid = str(provision["provision_id"])
    mine = codings[(codings["record_id"].astype(str) == pid)]
    coded = {str(f)[len(ELEMENT_PREFIX):]: str(v) == "true"
             for f, v in zip(mine["field"], mine["value"]) if str(f).startswith(ELEMENT_PREFIX)}
    values = []
    for _, e in rows.iterrows():
        field = e["field"] if isinstance(e["field"], str) else None
        if field == "intent_required" and intent is not None:
            values.append(intent)
        elif field:
            values.append(_value(provision.get(field)))
        else:
            values.append(coded.get(str(e["element"])))
    return pd.DataFrame({"element": rows["element"].astype(str).values, "label": rows["label"].astype(str).values,
                         "requirement": rows["requirement"].astype(str).values, "text": rows["text"].astype(str).values,
                         "value": pd.Series(values, dtype=object).values})


def element_rows(provision: pd.Series, article: int, elements: pd.DataFrame, codings: pd.DataFrame) -> list[tuple[str, ...]]:
    """The basis of each row of :func:`element_values`: the Convention's element (``convention_elements``) and the
    cell that says what the provision has of it (``provisions:ID#field``, or its ``element:`` row in codings)."""
    rows = elements[elements["article"].astype(int) == int(article)]
    pid = str(provision["provision_id"])
    mine = codings[codings["record_id"].astype(str) == pid]
    coded = {str(f)[len(ELEMENT_PREFIX):]: f"codings:{pid}/{f}/{v}" for f, v in zip(mine["field"], mine["value"])
             if str(f).startswith(ELEMENT_PREFIX)}
    out = []
    for _, e in rows.iterrows():
        field = e["field"] if isinstance(e["field"], str) else None
        cell = f"provisions:{pid}#{field}" if field else coded.get(str(e["element"]), f"provisions:{pid}")
        out.append((f"convention_elements:{int(e['article'])}/{e['element']}", cell))
    return out


def assess(requirement: str, value) -> str:
    """What a provision's value means against one element: a mandatory element missing is a shortfall; an option
    (or reservation) not used leaves the provision broader than the Convention's option, never a shortfall."""
    if value is None:
        return UNKNOWN
    if requirement == "mandatory":
        return MEETS if value else SHORTFALL
    return USES_OPTION if value else BROADER


def comparison(provision: pd.Series, article: int, elements: pd.DataFrame, codings: pd.DataFrame,
               intent: bool | None = None) -> pd.DataFrame:
    """:func:`element_values` with each element's assessment (:func:`assess`) in column ``assessment``."""
    table = element_values(provision, article, elements, codings, intent)
    table["assessment"] = [assess(r, v) for r, v in zip(table["requirement"], table["value"])]
    return table


def corresponds(provisions: pd.DataFrame, article: int) -> pd.Series:
    """Boolean mask of the provisions that correspond to a Convention article (their convention_articles)."""
    return provisions["convention_articles"].map(lambda v: str(int(article)) in parse_list(v)).astype(bool)
