"""Warnings, not errors: offence provisions that enter the reliability appendix without a second coding."""

# The reliability appendix compares the first coding with the second for every offence provision (and every
# provision coding_second.csv names). A provision with no row there counts as left empty by the second coder: the
# second coder's "all empty" is written that way, so absence alone is no fault. It becomes one when the first coding
# has a value there and no row of the decision log (decisions.csv) records the disagreement: then a new offence row
# silently moves the agreement figures, and `research validate` says so.

from __future__ import annotations

import csv
from pathlib import Path

from research.data import contained
from research.data.problems import Problem

RULE = ("is an offence provision coded {fields} with no second coding in coding_second.csv and no decision in "
        "decisions.csv: the reliability appendix counts it as a disagreement")
VARIABLES = ("intent_required", "without_right", "dishonest_intent", "vague_terms")


def missing_second_coding(data_dir: Path, tables: dict) -> list[Problem]:
    """One located warning for each offence provision that no row of ``coding_second`` codes, in file order."""
    if "provisions" not in tables or "coding_second" not in tables:
        return []
    provisions, second = tables["provisions"], tables["coding_second"]
    coded = set(second["provision_id"].astype(str))
    decided = set()
    if "decisions" in tables:
        decided = set(zip(tables["decisions"]["provision_id"].astype(str), tables["decisions"]["field"].astype(str)))
    offences = provisions[provisions["kind"].astype(str) == "offence"]
    missing = {}
    for _, row in offences.iterrows():
        pid = str(row["provision_id"])
        fields = [v for v in VARIABLES if v in row.index and not _empty(row[v]) and (pid, v) not in decided]
        if pid not in coded and fields:
            missing[pid] = fields
    if not missing:
        return []
    package, _ = contained.project_package(data_dir)
    path, refused = contained.resource_file(data_dir, package["provisions"]) if package else (None, True)
    lines = {} if refused else _lines(path)
    name = Path(str(package["provisions"].path)).name if package else "provisions.csv"
    return [Problem(name, lines.get(p), "provision_id", p, RULE.format(fields=", ".join(f)))
            for p, f in missing.items()]


def _empty(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value)) or str(value) == ""


def _lines(path: Path) -> dict[str, int]:
    # The line each provision's record starts on (a quoted cell may span lines).
    out = {}
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            column = header.index("provision_id") if "provision_id" in header else 0
            start = reader.line_num + 1
            for row in reader:
                if row and column < len(row):
                    out.setdefault(row[column], start)
                start = reader.line_num + 1
    except (OSError, ValueError, csv.Error):
        return {}
    return out
