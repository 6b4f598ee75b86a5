"""Row rules a Table Schema cannot state, declared under `x-rules` in datapackage.json and checked here."""

from __future__ import annotations

import re

import pandas as pd

from research.data.problems import Problem
from research.data.schema import Table

# "A Party may require ..." / "may reserve the right ..." is how the Convention marks what a Party is free to add.
_OPTION_WORDS = re.compile(r"\bmay\s+(?:require|reserve)\b", re.IGNORECASE)


def _text(frame: pd.DataFrame, col: str) -> pd.Series:
    return frame[col].astype("string")


def allowed_pairs(file, where, frame, rule) -> list[Problem]:
    """``{"kind": col, "pairs": {value: [allowed values of the other column]}}``: e.g. only offences take offence categories."""
    (key, other), pairs = next((k, v) for k, v in rule.items() if k != "pairs"), rule["pairs"]
    problems = []
    for idx, row in frame[[key, other]].dropna().iterrows():
        allowed = pairs.get(str(row[key]))
        if allowed is not None and str(row[other]) not in allowed:
            problems.append(Problem(file, where[idx], other, str(row[other]),
                                    f"is not allowed when {key} is {row[key]} (allowed: {', '.join(allowed)})"))
    return problems


def only_when(file, where, frame, rule) -> list[Problem]:
    """``{"column": c, "values": [...], "fields": [...]}``: the fields may hold a value only on rows whose c is listed."""
    outside = ~_text(frame, rule["column"]).isin(rule["values"]).fillna(False)
    problems = []
    for col in rule["fields"]:
        for idx, value in frame.loc[outside & frame[col].notna(), col].items():
            problems.append(Problem(file, where[idx], col, str(value).lower(),
                                    f"may only be given when {rule['column']} is {' or '.join(rule['values'])}"))
    return problems


def unique_items_with(file, where, frame, rule) -> list[Problem]:
    """``{"list": col, "with": other}``: an item of the list appears once per value of ``other`` across all rows."""
    seen: dict[tuple, int] = {}
    problems = []
    for idx, row in frame[[rule["list"], rule["with"]]].dropna().iterrows():
        for item in str(row[rule["list"]]).split(";"):
            key = (item, str(row[rule["with"]]))
            if key in seen:
                problems.append(Problem(file, where[idx], rule["list"], item,
                                        f"already has a {row[rule['with']]} penalty on line {seen[key]}: a penalty "
                                        f"given for a group is not repeated for one of its articles"))
            else:
                seen[key] = where[idx]
    return problems


def max_words(file, where, frame, rule) -> list[Problem]:
    """``{col: n}``: at most n words (a text without spaces, e.g. Chinese, at most 2n characters)."""
    problems = []
    for col, limit in rule.items():
        for idx, value in frame[col].dropna().astype(str).items():
            words = len(value.split())
            long = words > limit if words > 1 else len(value) > 2 * limit
            if long:
                problems.append(Problem(file, where[idx], col, value[:40] + "...",
                                        f"is longer than {limit} words ({words}): quote only the words that decided it"))
    return problems


def option_words(file, where, frame, rule) -> list[Problem]:
    """``{"column": requirement, "text": text}``: an element whose words say a Party "may require/reserve" it is never mandatory."""
    problems = []
    for idx, row in frame[[rule["column"], rule["text"]]].dropna().iterrows():
        says_may = bool(_OPTION_WORDS.search(str(row[rule["text"]])))
        if says_may and row[rule["column"]] == "mandatory":
            problems.append(Problem(file, where[idx], rule["column"], "mandatory",
                                    "the Convention's text makes this an option (\"may require\"/\"may reserve\"): "
                                    "an option is optional or a reservation, never a shortfall"))
    return problems


def same_within(file, where, frame, rule) -> list[Problem]:
    """``{"key": col, "columns": [...]}``: rows sharing a key agree on the columns (one actor, one type and origin)."""
    problems = []
    key = rule["key"]
    rows = frame[frame[key].notna()]
    for col in rule["columns"]:
        values = rows[col].astype("string").fillna("")
        first = values.groupby(rows[key].astype(str)).transform("first")
        for idx in rows.index[values != first]:
            problems.append(Problem(file, where[idx], col, values[idx] or None,
                                    f"differs from the other rows of {key} {rows.at[idx, key]!r} ({first[idx] or 'empty'})"))
    return problems


def empty_when(file, where, frame, rule) -> list[Problem]:
    """``{"column": c, "values": [...], "fields": [...]}``: the fields stay empty on rows whose c is listed.

    An ``in_force`` provision has no end date and no successor: a text that ended or was replaced is history.
    """
    inside = _text(frame, rule["column"]).isin(rule["values"]).fillna(False)
    problems = []
    for col in rule["fields"]:
        for idx, value in frame.loc[inside & frame[col].notna(), col].items():
            problems.append(Problem(file, where[idx], col, str(value),
                                    f"must be empty when {rule['column']} is {' or '.join(rule['values'])} "
                                    f"(a provision that ended or was replaced is amended or repealed)"))
    return problems


def value_domains(file, where, frame, rule) -> list[Problem]:
    """``{"field": f, "value": v, "domains": {pattern: [values]}}``: a coded value lies in its variable's domain."""
    domains = [(re.compile(f"(?:{pattern})\\Z"), list(values)) for pattern, values in rule["domains"].items()]
    problems = []
    for idx, row in frame[[rule["field"], rule["value"]]].dropna().iterrows():
        name, value = str(row[rule["field"]]), str(row[rule["value"]])
        allowed = next((values for pattern, values in domains if pattern.match(name)), None)
        if allowed is not None and value not in allowed:
            problems.append(Problem(file, where[idx], rule["value"], value,
                                    f"is not a value of {name} (allowed: {', '.join(allowed)})"))
    return problems


CHECKS = {"allowedPairs": allowed_pairs, "onlyWhen": only_when, "emptyWhen": empty_when, "uniqueItemsWith": unique_items_with,
          "maxWords": max_words, "optionWords": option_words, "sameWithin": same_within, "valueDomains": value_domains}


def rule_problems(file: str, table: Table, frame: pd.DataFrame, where: list[int], absent=()) -> list[Problem]:
    """Check every row rule the table declares, skipping rules on columns its header lacks."""
    problems = []
    for name, check in CHECKS.items():
        rule = table.rules.get(name)
        if rule is None:
            continue
        columns = _columns(name, rule)
        if any(c in absent or c not in frame for c in columns):
            continue
        problems += check(file, where, frame, rule)
    return problems


def _columns(name: str, rule: dict) -> list[str]:
    if name == "allowedPairs":
        return [next(k for k in rule if k != "pairs"), next(v for k, v in rule.items() if k != "pairs")]
    if name in ("onlyWhen", "emptyWhen"):
        return [rule["column"], *rule["fields"]]
    if name == "uniqueItemsWith":
        return [rule["list"], rule["with"]]
    if name == "maxWords":
        return list(rule)
    if name == "valueDomains":
        return [rule["field"], rule["value"]]
    if name == "optionWords":
        return [rule["column"], rule["text"]]
    return [rule["key"], *rule["columns"]]
