"""Validate raw cells against the Table Schema with pandera, and give them their types; collect every failing cell."""

from __future__ import annotations

import math
import re

import pandas as pd
import pandera.pandas as pa

from research.data.problems import Problem
from research.data.schema import Field, Table

_TYPE_NAMES = {"integer": "an integer", "number": "a number"}

# Table Schema lexical forms: an optional sign and ASCII digits; a decimal with an optional exponent. Python's own
# int()/float() would also take " 12", "1_000", non-ASCII digits, "nan" and "inf", none of which a CSV cell may hold.
_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_INT64 = (-(2**63), 2**63 - 1)


def parse_integer(value) -> int | None:
    """Return the integer a cell holds, or None if it is empty, not an integer, or outside the 64-bit range."""
    if not isinstance(value, str) or not _INTEGER.fullmatch(value.strip()):
        return None
    number = int(value.strip())
    return number if _INT64[0] <= number <= _INT64[1] else None


def parse_number(value) -> float | None:
    """Return the finite number a cell holds, or None if it is empty or not a finite decimal number."""
    if not isinstance(value, str) or not _NUMBER.fullmatch(value.strip()):
        return None
    number = float(value.strip())
    return number if math.isfinite(number) else None


_PARSERS = {"integer": (parse_integer, "Int64"), "number": (parse_number, "Float64")}


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


def _type_rule(field: Field, value: str) -> str:
    """Why a cell is not of its field's type; an integer too large for 64 bits says so."""
    if field.type == "integer" and _INTEGER.fullmatch(value.strip()):
        return f"is outside the range of a 64-bit integer ({_INT64[0]} to {_INT64[1]})"
    return _rule_text("dtype(", field)


def _rule_text(check: str, field: Field | None) -> str:
    if check.startswith(("coerce_dtype", "dtype(")):
        return f"is not {_TYPE_NAMES.get(field.type, field.type) if field else 'of the right type'}"
    if check == "not_nullable":
        return "is required but empty"
    if check in ("field_uniqueness", "multiple_fields_uniqueness"):
        return "is a duplicate key"
    return check


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _line_list(numbers: list[int], cap: int = 5) -> str:
    if len(numbers) == 1:
        return f"line {numbers[0]}"
    shown = ", ".join(str(n) for n in numbers[:cap])
    return f"lines {shown}" + (f" and {len(numbers) - cap} more" if len(numbers) > cap else "")


def _lines_by_key(frame: pd.DataFrame, keys: list[str], lines: list[int]) -> dict[tuple, list[int]]:
    found: dict[tuple, list[int]] = {}
    for idx, key in zip(frame.index, frame[keys].itertuples(index=False, name=None)):
        found.setdefault(tuple(key), []).append(lines[idx])
    return found


def schema_problems(
    name: str, table: Table, frame: pd.DataFrame, lines: list[int], missing_columns=()
) -> list[Problem]:
    """Validate ``frame`` against the table's schema; return every failing cell as a :class:`Problem`.

    Integer and number cells are parsed here (strictly, as the Table Schema writes them); a cell that does not
    parse is reported once and then left out of the remaining checks. Columns in ``missing_columns`` were absent
    from the file's header, which has already been reported, so their (empty) cells are not checked again.
    """
    problems: list[Problem] = []
    missing_columns = set(missing_columns)
    done: set[tuple[str, object]] = set()  # (column, row index) already reported: no follow-on checks
    checked = frame.copy()
    for f in table.fields:
        if f.name not in frame or f.name in missing_columns:
            continue
        col = frame[f.name].dropna()
        bad = col[col.str.strip() != col]
        for idx, value in bad.items():
            problems.append(Problem(name, lines[idx], f.name, value, "has leading or trailing white space"))
        if f.type in _PARSERS:
            parse, dtype = _PARSERS[f.type]
            parsed = [None if _blank(v) else parse(v) for v in frame[f.name]]
            for idx, value, number in zip(frame.index, frame[f.name], parsed):
                if not _blank(value) and number is None:
                    problems.append(Problem(name, lines[idx], f.name, value, _type_rule(f, value)))
                    done.add((f.name, idx))
            checked[f.name] = pd.array(parsed, dtype=dtype)
    if frame.empty:
        return problems
    groups: dict[tuple, dict[tuple, list[int]]] = {}
    try:
        pandera_schema(table).validate(checked, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        for row in cases.itertuples(index=False):
            column = row.column if isinstance(row.column, str) else None
            idx = row.index
            idx = None if idx is None or pd.isna(idx) else int(idx)
            line = lines[idx] if idx is not None else None
            if column in missing_columns or (column, idx) in done:
                continue
            field = table.get(column) if column in table.field_names else None
            value = row.failure_case
            if column is None and table.primary_key:
                column = "+".join(table.primary_key)
            check = str(row.check)
            if line is None and check in ("column_in_dataframe", "column_in_schema"):
                continue
            if idx is not None and column in frame:
                value = frame.at[idx, column]  # the cell as written, not as parsed
            text = None if _blank(value) else str(value)
            if check == "not_nullable":
                text = None
            rule = _rule_text(check, field)
            if rule == "is a duplicate key" and idx is not None:
                keys = tuple(table.primary_key) if check == "multiple_fields_uniqueness" else (column,)
                if all(k in checked for k in keys):
                    if keys not in groups:
                        groups[keys] = _lines_by_key(checked, list(keys), lines)
                    mine = tuple(checked.loc[idx, list(keys)])
                    others = [n for n in groups[keys].get(mine, []) if n != lines[idx]]
                    if others:
                        rule = f"is a duplicate key (also on {_line_list(others)})"
            problems.append(Problem(name, line, column, text, rule))
    return list(dict.fromkeys(problems))


def typed_frame(table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Convert validated raw cells into typed columns: nullable integers, booleans, categoricals, strings.

    Cells that fail their type become missing values; validation has already reported them.
    """
    out = {}
    for f in table.fields:
        col = frame[f.name]
        if f.type in _PARSERS:
            parse, dtype = _PARSERS[f.type]
            out[f.name] = pd.array([None if _blank(v) else parse(v) for v in col], dtype=dtype)
        elif f.type == "boolean":
            mapping = {**{t: True for t in f.true_values}, **{v: False for v in f.false_values}}
            out[f.name] = pd.array([mapping.get(v) for v in col], dtype="boolean")
        elif f.enum is not None:
            out[f.name] = pd.Categorical(col.where(col.isin(f.enum), None), categories=list(f.enum))
        else:
            out[f.name] = col.astype("string")
    return pd.DataFrame(out, index=frame.index)
