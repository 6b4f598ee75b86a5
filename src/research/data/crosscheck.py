"""Check what one table's schema cannot: foreign keys, list references, bibliography keys, ranges and dates."""

from __future__ import annotations

import datetime as _dt

import pandas as pd

from research.data.problems import Problem
from research.data.schema import Table


def _today() -> _dt.date:
    return _dt.date.today()


def _unknown_keys(file, where, f, column: pd.Series, bib_keys: set[str]) -> list[Problem]:
    # Vectorised like the date checks: only the cells holding an unknown key are visited.
    cells = column.dropna().astype(str)
    if not f.list_delimiter:
        return [Problem(file, where[i], f.name, v, "is not a key in references.bib") for i, v in cells[~cells.isin(bib_keys)].items()]
    items = cells.str.split(f.list_delimiter).explode()
    bad = items[~items.isin(bib_keys)]
    return [Problem(file, where[i], f.name, cells[i], f"names {', '.join(bad.loc[[i]])}: not a key in references.bib")
            for i in dict.fromkeys(bad.index)]


def cross_problems(
    tables: dict[str, Table],
    typed: dict[str, pd.DataFrame],
    lines: dict[str, list[int]],
    bib_keys: set[str] | None,
    files: dict[str, str],
    incomplete=(),
    missing_columns=None,
) -> list[Problem]:
    """Check what one table's schema cannot: foreign keys, list references, bib keys, ranges and dates.

    ``incomplete`` names tables some of whose rows could not be read (file missing or malformed, rows of the wrong
    width): references into them are not checked, since a key may sit on an unreadable line and the table's own
    problems are already reported. ``missing_columns`` maps a table to the columns its header lacks; rules on those
    columns are skipped for the same reason.
    """
    problems: list[Problem] = []
    today = _today()
    incomplete = set(incomplete)
    missing_columns = missing_columns or {}
    for name, frame in typed.items():
        table, file, where = tables[name], files[name], lines[name]
        absent = set(missing_columns.get(name, ()))
        for fields, ref_resource, ref_fields in table.foreign_keys:
            fields = [fields] if isinstance(fields, str) else fields
            ref_fields = [ref_fields] if isinstance(ref_fields, str) else ref_fields
            if ref_resource not in typed or ref_resource in incomplete:
                continue
            if ref_fields[0] in missing_columns.get(ref_resource, ()):
                continue
            allowed = set(typed[ref_resource][ref_fields[0]].dropna().astype(str))
            col = frame[fields[0]].dropna().astype(str)
            for idx, value in col[~col.isin(allowed)].items():
                problems.append(
                    Problem(file, where[idx], fields[0], value, f"has no matching {ref_fields[0]} in {files[ref_resource]}")
                )
        for f in table.fields:
            if f.item_reference and f.item_reference[0] in typed and f.item_reference[0] not in incomplete:
                ref_name, ref_field = f.item_reference
                if ref_field in missing_columns.get(ref_name, ()):
                    continue
                allowed = set(typed[ref_name][ref_field].dropna().astype(str))
                for idx, value in frame[f.name].dropna().items():
                    unknown = [i for i in str(value).split(f.list_delimiter or ";") if i not in allowed]
                    if unknown:
                        problems.append(
                            Problem(file, where[idx], f.name, str(value),
                                    f"names {', '.join(unknown)}: no such {ref_field} in {files[ref_name]}")
                        )
        if bib_keys is not None:
            for f in table.fields:
                if (f.citekey or f.name == "source") and f.name in frame:
                    problems += _unknown_keys(file, where, f, frame[f.name], bib_keys)
        rule = table.rules
        for low, high in rule.get("ranges", []):
            both = frame[[low, high]].dropna()
            for idx, row in both[both[low] > both[high]].iterrows():
                problems.append(
                    Problem(file, where[idx], low, str(row[low]), f"is greater than {high} ({row[high]})")
                )
        for needs, required in rule.get("requires", {}).items():
            if required in absent:
                continue
            bad = frame[frame[needs].notna() & frame[required].isna()]
            for idx in bad.index:
                problems.append(Problem(file, where[idx], required, None, f"is required when {needs} is given"))
        for col in rule.get("notAfterToday", []):
            # Vectorised: a 100,000-row file must validate in seconds, so only flagged rows are visited.
            text = frame[col].dropna().astype(str)
            years = pd.to_numeric(text.str[:4].where(text.str[:4].str.fullmatch(r"\d{4}")), errors="coerce")
            late = years > today.year
            full = (text.str.len() == 10) & ~late
            dates = pd.to_datetime(text.where(full), format="%Y-%m-%d", errors="coerce")
            invalid = full & dates.isna()
            late = late | (full & (dates > pd.Timestamp(today)))
            for idx, value in text[invalid].items():
                problems.append(Problem(file, where[idx], col, value, "is not a real calendar date"))
            for idx, value in text[late].items():
                problems.append(Problem(file, where[idx], col, value, f"is after today ({today.isoformat()})"))
        pair = rule.get("dateMatchesYear")
        if pair:
            date_col, year_col = pair
            both = frame[[date_col, year_col]].dropna()
            stated = both[date_col].astype(str).str[:4]
            wrong = stated != both[year_col].astype(int).astype(str)
            for idx, row in both[wrong].iterrows():
                problems.append(
                    Problem(file, where[idx], date_col, str(row[date_col]), f"does not fall in {year_col} {row[year_col]}")
                )
    return problems
