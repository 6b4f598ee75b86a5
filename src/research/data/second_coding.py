"""Warnings, not errors: offence provisions that enter the reliability appendix without a second coding."""

# The reliability appendix compares the first coding with the second for every offence provision (and every
# provision coding_second.csv names). An offence row with no second coding still enters it, as an item the second
# coder left empty, so a new offence row silently moves the agreement figures: `research validate` says so.

from __future__ import annotations

import csv
from pathlib import Path

from research.data import contained
from research.data.problems import Problem

RULE = ("is an offence provision with no second coding in coding_second.csv: the reliability appendix counts it "
        "as left empty by the second coder")


def missing_second_coding(data_dir: Path, tables: dict) -> list[Problem]:
    """One located warning for each offence provision that no row of ``coding_second`` codes, in file order."""
    if "provisions" not in tables or "coding_second" not in tables:
        return []
    provisions, second = tables["provisions"], tables["coding_second"]
    coded = set(second["provision_id"].astype(str))
    offences = provisions.loc[provisions["kind"].astype(str) == "offence", "provision_id"].astype(str)
    missing = [p for p in offences if p not in coded]
    if not missing:
        return []
    package, _ = contained.project_package(data_dir)
    path, refused = contained.resource_file(data_dir, package["provisions"]) if package else (None, True)
    lines = {} if refused else _lines(path)
    name = Path(str(package["provisions"].path)).name if package else "provisions.csv"
    return [Problem(name, lines.get(p), "provision_id", p, RULE) for p in missing]


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
