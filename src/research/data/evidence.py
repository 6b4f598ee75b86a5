"""Check that every coded cell has its quotation in codings.csv, and that every quotation matches its cell."""

from __future__ import annotations

import pandas as pd

from research.data.problems import Problem

PROVISION_FIELDS = ("intent_required", "without_right", "dishonest_intent", "independent_supervision",
                    "grounds_required", "scope_duration_limited", "proportionality", "vague_terms")
PENALTY_FIELDS = ("prison_min_months", "prison_max_months", "fine_min", "fine_max", "fine_unspecified", "combination")
ELEMENT_PREFIX = "element:"
# Coded only in codings.csv (no column of their own): their values are checked against their domains by x-rules.
CODINGS_ONLY = ("narrowing:", "ordered_by")


def _cell_text(value) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool) or str(value) in ("True", "False"):
        return str(value).lower()
    return str(value)


def _coded_cells(frame: pd.DataFrame, key: str, fields) -> dict[tuple, int]:
    """(record, field, value) of every non-empty coded cell, with the frame index of its row."""
    cells = {}
    for idx, row in frame.iterrows():
        for f in fields:
            if f not in frame:
                continue
            text = _cell_text(row[f])
            if text is None:
                continue
            values = text.split(";") if f == "vague_terms" else [text]
            for v in values:
                cells[(str(row[key]), f, v)] = idx
    return cells


def evidence_problems(typed: dict, lines: dict, files: dict, incomplete=()) -> list[Problem]:
    """Located problems between provisions, penalties, convention_elements, general_rules and codings.

    Each coded cell of provisions.csv or penalties.csv needs a codings row with the same value; each codings row
    must name an existing record and field, hold the cell's value, and (for ``element:<id>``) an element of one of
    the Convention articles its provision corresponds to. Tables that could not be read completely are skipped.
    """
    needed = {"provisions", "penalties", "codings"}
    if not needed <= set(typed) or needed & set(incomplete):
        return []
    prov, pen, cod = typed["provisions"], typed["penalties"], typed["codings"]
    cells = _coded_cells(prov, "provision_id", PROVISION_FIELDS)
    cells.update(_coded_cells(pen, "penalty_id", PENALTY_FIELDS))
    articles = {str(r["provision_id"]): set(str(r["convention_articles"] or "").split(";")) - {""}
                for _, r in prov.astype(object).where(prov.notna(), None).iterrows()}
    elements = {}
    if "convention_elements" in typed:
        for _, e in typed["convention_elements"].iterrows():
            elements.setdefault(str(e["element"]), set()).add(str(e["article"]))
    problems, quoted = [], set()
    cfile, cwhere = files["codings"], lines["codings"]
    for idx, row in cod.iterrows():
        record, field, value = str(row["record_id"]), str(row["field"]), str(row["value"])
        key = (record, field, value)
        quoted.add(key)
        if record not in articles and record not in set(pen["penalty_id"].astype(str)):
            problems.append(Problem(cfile, cwhere[idx], "record_id", record,
                                    f"is neither a provision_id in {files['provisions']} nor a penalty_id in {files['penalties']}"))
        elif field.startswith(ELEMENT_PREFIX):
            element = field[len(ELEMENT_PREFIX):]
            if record not in articles:
                problems.append(Problem(cfile, cwhere[idx], "field", field, "codes a Convention element of a penalty"))
            elif not elements.get(element, set()) & articles[record]:
                problems.append(Problem(cfile, cwhere[idx], "field", field,
                                        f"is not an element of the Convention articles {record} corresponds to "
                                        f"({', '.join(sorted(articles[record])) or 'none'})"))
            elif value not in ("true", "false"):
                problems.append(Problem(cfile, cwhere[idx], "value", value, "is not true or false"))
        elif field.startswith(CODINGS_ONLY):
            if record not in articles:
                problems.append(Problem(cfile, cwhere[idx], "field", field, "codes a provision's variable for a penalty"))
        elif key not in cells:
            problems.append(Problem(cfile, cwhere[idx], "value", value,
                                    f"does not match {record}'s {field} cell"))
    for (record, field, value), idx in cells.items():
        if (record, field, value) not in quoted:
            table = "provisions" if record in articles else "penalties"
            problems.append(Problem(files[table], lines[table][idx], field, value,
                                    f"has no quotation in {cfile} (a coded cell without one stays empty)"))
    problems += _general_rule_problems(typed, lines, files)
    problems += _party_option_problems(typed, lines, files)
    return problems


def _party_option_problems(typed, lines, files) -> list[Problem]:
    """An option a Party took is an optional element or reservation of that article (or a named reservation)."""
    if "party_options" not in typed or "convention_elements" not in typed:
        return []
    elements = typed["convention_elements"]
    optional = set(zip(elements["article"].astype(str), elements["element"].astype(str),
                       elements["requirement"].astype(str)))
    allowed = {(a, e) for a, e, req in optional if req in ("optional", "reservation")}
    problems = []
    for idx, r in typed["party_options"].iterrows():
        article, option = str(r["article"]), str(r["option"])
        if option.startswith("reservation:"):
            if not option.startswith(f"reservation:{article}("):
                problems.append(Problem(files["party_options"], lines["party_options"][idx], "option", option,
                                        f"names a reservation to another article than {article}"))
        elif (article, option) not in allowed:
            problems.append(Problem(files["party_options"], lines["party_options"][idx], "option", option,
                                    f"is not an optional element or reservation of Article {article} in "
                                    f"{files['convention_elements']}"))
    return problems


def _general_rule_problems(typed, lines, files) -> list[Problem]:
    if "general_rules" not in typed:
        return []
    prov = typed["provisions"]
    known = set(zip(prov["country"].astype(str), prov["instrument"].astype(str)))
    return [Problem(files["general_rules"], lines["general_rules"][idx], "instrument", str(r["instrument"]),
                    f"is not an instrument of {r['country']} in {files['provisions']}")
            for idx, r in typed["general_rules"].iterrows() if (str(r["country"]), str(r["instrument"])) not in known]
