"""The coded comparison measured for section 5's findings: articles met per row, the comparators' offences, their
intent, penalties and headings, and the focus country's standing under the Convention; each measure carries its rows."""

from __future__ import annotations

import pandas as pd

from research.analysis import asof
from research.analysis import elements as el
from research.analysis import levels as lv
from research.analysis.basis import Measure, ids, merge, rows_of
from research.analysis.common import country_list, split_list
from research.analysis.comparison import DRAFTS, groups, regional_coverage

# The counts of one row of the coverage comparison, as the findings give them (see coverage_counts).
SHOWN, AT_MOST, NARROWER, NOT_CODED, NO_COUNTERPART = "shown", "at_most", "narrower", "not_coded", "no_counterpart"
COVERAGE_COUNTS = (SHOWN, AT_MOST, NARROWER, NOT_CODED, NO_COUNTERPART)
_LEVEL_OF = {NARROWER: lv.NARROWER, NOT_CODED: lv.NOT_CODED, NO_COUNTERPART: lv.NO_COUNTERPART}


def _article_rows(tables: dict, coverage: pd.DataFrame, label: str, iso3: str, articles) -> tuple[str, ...]:
    # an article's count rests on the provisions that answer it and on what law_searches.csv records for it
    cells = coverage.attrs["cells"][label]
    searches = tables.get("law_searches")
    found = [ids("provisions", cells.get(a, []), "convention_articles") for a in articles]
    if searches is not None and len(searches):
        hit = (searches["country"].astype(str) == iso3) & searches["convention_article"].astype(str).isin(
            [str(a) for a in articles])
        found.append(rows_of("law_searches", searches[hit]))
    return merge(*found)


def coverage_counts(tables: dict, focus: str, comparators: str) -> list[tuple[str, str, str, dict[str, Measure]]]:
    """Per row of :func:`research.analysis.comparison.groups` (``(label, iso3, part, counts)``, in order), how many of
    the Convention's offence articles its law is shown to meet, at most meets (:func:`research.analysis.levels.bounds`),
    is narrower for, has not been coded for, and has no counterpart found for; each count carries the provisions
    answering its articles and the law_searches rows recorded for them (the articles not coded: the row's offence
    provisions, none of which answers them)."""
    coverage, provisions = regional_coverage(tables, focus, comparators), tables["provisions"]
    out = []
    for label, iso3, part in groups(tables, focus, comparators):
        read = provisions[(provisions["country"].astype(str) == iso3) & (provisions["kind"].astype(str) == "offence")
                          & (asof.is_draft(provisions) == (part == DRAFTS))]
        levels = {a: coverage.at[label, a] for a in coverage.columns}
        bound = lv.bounds(levels)
        articles = {SHOWN: bound.shown_articles, AT_MOST: bound.possible_articles,
                    **{k: tuple(a for a, v in levels.items() if v == level) for k, level in _LEVEL_OF.items()}}
        counts = {k: Measure(len(articles[k]), _article_rows(tables, coverage, label, iso3, articles[k]))
                  for k in COVERAGE_COUNTS}
        if articles[NOT_CODED]:
            counts[NOT_CODED] = Measure(len(articles[NOT_CODED]), rows_of("provisions", read, "convention_articles"))
        out.append((label, iso3, part, counts))
    return out


def _offences(tables: dict, comparators: str) -> pd.DataFrame:
    provisions = tables["provisions"]
    return provisions[provisions["country"].astype(str).isin(country_list(comparators))
                      & (provisions["kind"].astype(str) == "offence")]


def _intent_rules(tables: dict, comparators: str) -> pd.DataFrame:
    rules = tables.get("general_rules")
    if rules is None:
        return pd.DataFrame(columns=["rule_id", "country", "instrument", "article", "rule", "scope"])
    rules = rules[rules["country"].astype(str).isin(country_list(comparators))]
    return rules[rules["rule"].astype(str) == "intent_default"] if "rule" in rules.columns else rules


def comparator_offences(tables: dict, comparators: str) -> Measure:
    """How many offence provisions the comparators' law has in the data."""
    offences = _offences(tables, comparators)
    return Measure(len(offences), rows_of("provisions", offences, "kind"))


def _requiring_intent(tables: dict, comparators: str, variant: str) -> pd.DataFrame:
    offences = _offences(tables, comparators)
    intent = el.effective_intent(offences, tables.get("general_rules"), variant)
    return offences[[v is True for v in intent]]


def intent_in_own_words(tables: dict, comparators: str) -> Measure:
    """How many of the comparators' offence provisions state an intent element in their own words."""
    own = _requiring_intent(tables, comparators, el.NOT_APPLIED)
    return Measure(len(own), rows_of("provisions", own, "intent_required"))


def intent_with_rules(tables: dict, comparators: str) -> Measure:
    """How many of the comparators' offence provisions require intent with each general rule on intent applied as far
    as its own words reach (the provisions, and the rules applied)."""
    ruled = _requiring_intent(tables, comparators, el.DEFAULT_VARIANT)
    return Measure(len(ruled), merge(rows_of("provisions", ruled, "intent_required"),
                                     rows_of("general_rules", _intent_rules(tables, comparators))))


def intent_rules(tables: dict, comparators: str) -> Measure:
    """The comparators' general rules on intent and how far each reaches: ``{"rules": [(iso3, instrument, article,
    scope)], "unruled": [iso3 of a comparator with offences and no such rule]}``; scope as
    :func:`research.analysis.elements.rule_scopes` gives it."""
    rules = _intent_rules(tables, comparators)
    scopes = el.rule_scopes(rules) if len(rules) else []
    listed = [(str(r.country), str(r.instrument), str(r.article), scope) for r, scope in zip(rules.itertuples(), scopes)]
    offences = _offences(tables, comparators)
    unruled = sorted(set(offences["country"].astype(str)) - set(rules["country"].astype(str)))
    return Measure({"rules": listed, "unruled": unruled},
                   merge(rows_of("general_rules", rules),
                         rows_of("provisions", offences[offences["country"].astype(str).isin(unruled)], "kind")))


def without_penalty(tables: dict, comparators: str) -> Measure:
    """The comparators' offence provisions that no penalty row covers: ``[(provision_id, iso3)]``."""
    offences = _offences(tables, comparators)
    penalised = set(split_list(tables["penalties"]["provisions"]))
    bare = offences[~offences["provision_id"].astype(str).isin(penalised)]
    return Measure(list(zip(bare["provision_id"].astype(str), bare["country"].astype(str))),
                   rows_of("provisions", bare))


def heading_only(tables: dict, comparators: str) -> Measure:
    """How many of the comparators' offence provisions are known by their heading only."""
    offences = _offences(tables, comparators)
    heading = offences[offences["text_basis"].astype(str) == "heading"]
    return Measure(len(heading), rows_of("provisions", heading, "text_basis"))


def convention_status(countries: pd.DataFrame, facts: pd.DataFrame, focus: str) -> Measure:
    """The focus country's status under the Convention as countries.csv records it (``None`` when not recorded) and
    whether the country facts record any step of it towards the Convention: ``{"status": ..., "steps": bool}``."""
    row = countries[countries["iso3"].astype(str) == focus]
    status = row["budapest_status"].iloc[0] if len(row) else None
    steps = facts[(facts["iso3"].astype(str) == focus) & facts["indicator"].astype(str).str.startswith("budapest_")]
    return Measure({"status": None if status is None or pd.isna(status) else str(status), "steps": bool(len(steps))},
                   merge(rows_of("countries", row, "budapest_status"), rows_of("country_facts", steps)))
