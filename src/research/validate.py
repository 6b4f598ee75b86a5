"""Validate raw tables against the Table Schema (with pandera) and cross-check them; collect every problem."""

from __future__ import annotations

import datetime as _dt
import re

import pandas as pd
import pandera.pandas as pa

from research.problems import Problem
from research.schema import Field, Table

_TYPE_NAMES = {"integer": "an integer", "number": "a number"}


def _checks(field: Field) -> list[pa.Check]:
    checks = []
    if field.type == "boolean":
        allowed = list(field.true_values + field.false_values)
        checks.append(pa.Check.isin(allowed, name="boolean", error=f"is not a boolean ({' or '.join(allowed)})"))
    if field.enum is not None:
        checks.append(pa.Check.isin(list(field.enum), name="enum", error="is not one of: " + ", ".join(field.enum)))
    if field.item_enum is not None:
        items, delim = set(field.item_enum), field.list_delimiter
        checks.append(
            pa.Check(
                lambda v, items=items, delim=delim: all(i in items for i in v.split(delim)),
                element_wise=True,
                name="item_enum",
                error=f"has an item that is not one of: {', '.join(field.item_enum)} ({delim!r}-separated, no spaces)",
            )
        )
    elif field.pattern is not None:
        checks.append(
            pa.Check.str_matches(f"(?:{field.pattern})\\Z", name="pattern", error=f"does not match the pattern {field.pattern}")
        )
    if field.minimum is not None:
        checks.append(pa.Check.ge(field.minimum, name="minimum", error=f"is below the minimum {field.minimum}"))
    if field.maximum is not None:
        checks.append(pa.Check.le(field.maximum, name="maximum", error=f"is above the maximum {field.maximum}"))
    return checks


def pandera_schema(table: Table) -> pa.DataFrameSchema:
    """Translate a table's Table Schema into a pandera schema over the raw string cells.

    Integers and numbers are coerced (a cell that cannot be is reported); booleans, enums, lists and patterns
    are checked on the text as written. No rule is restated here: each comes from ``datapackage.json``.
    """
    columns = {}
    for f in table.fields:
        dtype = {"integer": "Int64", "number": "Float64"}.get(f.type)
        columns[f.name] = pa.Column(
            dtype,
            checks=_checks(f),
            nullable=not f.required,
            unique=f.unique or list(table.primary_key) == [f.name],
            coerce=dtype is not None,
            required=True,
        )
    unique = list(table.primary_key) if len(table.primary_key) > 1 else None
    return pa.DataFrameSchema(columns, unique=unique, strict=False)


def raw_frame(rows: list[list[str]], columns: list[str]) -> pd.DataFrame:
    """Build an all-text frame from CSV cells; empty cells become missing values."""
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return frame.where(frame != "", None)


def _rule_text(check: str, field: Field | None) -> str:
    if check.startswith("coerce_dtype") or check.startswith("dtype("):
        return f"is not {_TYPE_NAMES.get(field.type, field.type) if field else 'of the right type'}"
    if check == "not_nullable":
        return "is required but empty"
    if check in ("field_uniqueness", "multiple_fields_uniqueness"):
        return "is a duplicate key"
    return check


def schema_problems(name: str, table: Table, frame: pd.DataFrame, lines: list[int]) -> list[Problem]:
    """Validate ``frame`` against the table's schema; return every failing cell as a :class:`Problem`."""
    problems: list[Problem] = []
    for f in table.fields:
        if f.type in ("string",) and f.name in frame:
            col = frame[f.name].dropna()
            bad = col[col.str.strip() != col]
            for idx, value in bad.items():
                problems.append(Problem(name, lines[idx], f.name, value, "has leading or trailing white space"))
    if frame.empty:
        return problems
    try:
        pandera_schema(table).validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        for row in cases.itertuples(index=False):
            column = row.column if isinstance(row.column, str) else None
            idx = row.index
            line = lines[int(idx)] if idx is not None and not pd.isna(idx) else None
            field = table.get(column) if column in table.field_names else None
            value = row.failure_case
            if column is None and table.primary_key:
                column = "+".join(table.primary_key)
            check = str(row.check)
            if line is None and check in ("column_in_dataframe", "column_in_schema"):
                continue
            text = None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)
            if check == "not_nullable":
                text = None
            rule = _rule_text(check, field)
            if rule == "is a duplicate key" and column in frame:
                first = frame.index[frame[column] == value]
                if len(first):
                    rule = f"is a duplicate key (also on line {lines[first[0]]})"
            problems.append(Problem(name, line, column, text, rule))
    return problems


def _integer_or_none(value) -> int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def typed_frame(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Convert validated raw cells into typed columns: nullable integers, booleans, categoricals, strings.

    Cells that fail their type become missing values; validation has already reported them.
    """
    out = {}
    for f in table.fields:
        col = frame[f.name]
        if f.type == "integer":
            out[f.name] = pd.array([_integer_or_none(v) for v in col], dtype="Int64")
        elif f.type == "number":
            out[f.name] = pd.to_numeric(col, errors="coerce").astype("Float64")
        elif f.type == "boolean":
            mapping = {**{t: True for t in f.true_values}, **{v: False for v in f.false_values}}
            out[f.name] = pd.array([mapping.get(v) for v in col], dtype="boolean")
        elif f.enum is not None:
            out[f.name] = pd.Categorical(col.where(col.isin(f.enum), None), categories=list(f.enum))
        else:
            out[f.name] = col.astype("string")
    return pd.DataFrame(out, index=frame.index)


def _today() -> _dt.date:
    return _dt.date.today()


def _year_of(value) -> int | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    match = re.match(r"^(\d{4})", str(value))
    return int(match.group(1)) if match else None


def cross_problems(
    tables: dict[str, Table],
    typed: dict[str, pd.DataFrame],
    lines: dict[str, list[int]],
    bib_keys: set[str] | None,
    files: dict[str, str],
) -> list[Problem]:
    """Check what one table's schema cannot: foreign keys, list references, bib keys, ranges and dates."""
    problems: list[Problem] = []
    today = _today()
    for name, frame in typed.items():
        table, file, where = tables[name], files[name], lines[name]
        for fields, ref_resource, ref_fields in table.foreign_keys:
            fields = [fields] if isinstance(fields, str) else fields
            ref_fields = [ref_fields] if isinstance(ref_fields, str) else ref_fields
            if ref_resource not in typed:
                continue
            allowed = set(typed[ref_resource][ref_fields[0]].dropna().astype(str))
            col = frame[fields[0]].dropna().astype(str)
            for idx, value in col[~col.isin(allowed)].items():
                problems.append(
                    Problem(file, where[idx], fields[0], value, f"has no matching {ref_fields[0]} in {files[ref_resource]}")
                )
        for f in table.fields:
            if f.item_reference and f.item_reference[0] in typed:
                ref_name, ref_field = f.item_reference
                allowed = set(typed[ref_name][ref_field].dropna().astype(str))
                for idx, value in frame[f.name].dropna().items():
                    unknown = [i for i in str(value).split(f.list_delimiter or ";") if i not in allowed]
                    if unknown:
                        problems.append(
                            Problem(file, where[idx], f.name, str(value),
                                    f"names {', '.join(unknown)}, not a {ref_field} in {files[ref_name]}")
                        )
        if bib_keys is not None and "source" in frame:
            for idx, value in frame["source"].dropna().items():
                if value not in bib_keys:
                    problems.append(Problem(file, where[idx], "source", value, "is not a key in references.bib"))
        rule = table.rules
        for low, high in rule.get("ranges", []):
            both = frame[[low, high]].dropna()
            for idx, row in both[both[low] > both[high]].iterrows():
                problems.append(
                    Problem(file, where[idx], low, str(row[low]), f"is greater than {high} ({row[high]})")
                )
        for needs, required in rule.get("requires", {}).items():
            bad = frame[frame[needs].notna() & frame[required].isna()]
            for idx in bad.index:
                problems.append(Problem(file, where[idx], required, None, f"is required when {needs} is given"))
        for col in rule.get("notAfterToday", []):
            for idx, value in frame[col].dropna().items():
                year = _year_of(value)
                late = year is not None and year > today.year
                if not late and isinstance(value, str) and len(value) == 10:
                    try:
                        late = _dt.date.fromisoformat(value) > today
                    except ValueError:
                        problems.append(Problem(file, where[idx], col, value, "is not a real calendar date"))
                if late:
                    problems.append(Problem(file, where[idx], col, str(value), f"is after today ({today.isoformat()})"))
        pair = rule.get("dateMatchesYear")
        if pair:
            date_col, year_col = pair
            both = frame[[date_col, year_col]].dropna()
            for idx, row in both.iterrows():
                if _year_of(row[date_col]) != int(row[year_col]):
                    problems.append(
                        Problem(file, where[idx], date_col, str(row[date_col]), f"does not fall in {year_col} {row[year_col]}")
                    )
    return problems
