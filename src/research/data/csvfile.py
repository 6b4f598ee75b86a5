"""Read one CSV file strictly: encoding, BOM, delimiter, header and row shape, with line numbers kept."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from research.data.filekind import file_kind_problem
from research.data.problems import Problem

_OTHER_DELIMITERS = {";": "semicolon", "\t": "tab", "|": "pipe"}
CELL_LIMIT = 131_072  # characters in one cell (the csv module's own default field limit)
_READ_LIMIT = 1 << 26  # what the reader takes, so that a longer cell is reported where it is, with its column


@dataclass
class RawTable:
    """The cells of a CSV file as strings, with the 1-based line on which each record starts.

    ``complete`` is False when some records could not be read (file missing or undecodable, wrong delimiter,
    malformed CSV, rows of the wrong width); ``missing`` lists the expected columns the header lacks.
    """

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True
    missing: list[str] = field(default_factory=list)


def _decode(name: str, data: bytes) -> tuple[str | None, list[Problem]]:
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [Problem(name, 1, None, None, "starts with a UTF-8 byte-order mark (BOM); save it as UTF-8 without BOM")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(name, 1, None, None, "is UTF-16 encoded; save it as UTF-8")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start : exc.start + 1].hex()
        return None, [
            Problem(name, line, None, None, f"is not valid UTF-8: byte 0x{byte} at character {col} (re-save the file as UTF-8)")
        ]


def read_csv_strict(path: Path, expected: list[str]) -> RawTable:
    """Read a CSV file and check its structure against the expected column names.

    Parameters
    ----------
    path : Path
        The CSV file.
    expected : list of str
        Column names in the order the schema gives them.

    Returns
    -------
    RawTable
        Rows aligned to ``expected`` (a missing column reads as empty, an extra column is dropped) and every
        structural problem found. Rows whose field count differs from the header are reported and dropped.
    """
    path = Path(path)
    name = path.name
    refused = file_kind_problem(path)
    if refused:
        return unread([Problem(name, None, None, None, refused)], expected)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return unread([Problem(name, None, None, None, "file is missing")], expected)
    except OSError as exc:
        return unread([Problem(name, None, None, None, f"cannot be read ({exc.strerror})")], expected)
    if not data.strip():
        return unread([Problem(name, None, None, None, "is empty: expected a header row and data")], expected)
    text, problems = _decode(name, data)
    if text is None:
        return unread(problems, expected)
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return unread([Problem(name, line, None, None, "contains a NUL byte: not a text CSV file")], expected)

    if csv.field_size_limit() < _READ_LIMIT:
        csv.field_size_limit(_READ_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    complete = True
    try:
        for record in reader:
            if header is None:
                header = record
                start = reader.line_num + 1
                continue
            if not record or record == [""]:
                start = reader.line_num + 1
                continue
            rows.append(record)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        # Report the line the broken record starts on (an unclosed quote is only noticed lines later).
        end = reader.line_num
        rule = f"is not well-formed CSV ({exc})"
        if end > start:
            rule += f" in the record running from this line to line {end}"
        rule += "; the rest of the file was not read"
        problems.append(Problem(name, start, None, None, rule))
        complete = False
    if header is None:
        return unread(problems + [Problem(name, 1, None, None, "has no header row")], expected)

    stripped = [h.strip() for h in header]
    if len(header) == 1 and len(expected) > 1:
        for delim, label in _OTHER_DELIMITERS.items():
            if delim in header[0]:
                problems.append(
                    Problem(name, 1, None, None, f"uses {label} as delimiter; expected comma-separated values")
                )
                return RawTable(header, [], [], problems, complete=False, missing=list(expected))
    for raw, clean in zip(header, stripped):
        if raw != clean:
            problems.append(Problem(name, 1, clean, raw, "header has surrounding white space"))
    missing = [c for c in expected if c not in stripped]
    extra = [c for c in stripped if c not in expected]
    dupes = sorted({c for c in stripped if stripped.count(c) > 1})
    if missing:
        problems.append(Problem(name, 1, None, None, f"missing column(s): {', '.join(missing)}"))
    if extra:
        problems.append(
            Problem(name, 1, None, None, f"unexpected column(s): {', '.join(extra)} (expected: {', '.join(expected)})")
        )
    if dupes:
        problems.append(Problem(name, 1, None, None, f"duplicate column name(s): {', '.join(dupes)}"))
    if not missing and not extra and stripped != expected:
        problems.append(Problem(name, 1, None, None, f"columns are out of order; expected: {', '.join(expected)}"))

    index = {c: stripped.index(c) for c in expected if c in stripped}
    width = len(header)
    aligned: list[list[str]] = []
    kept_lines: list[int] = []
    for record, line in zip(rows, lines):
        if len(record) != width:
            problems.append(Problem(name, line, None, None, f"has {len(record)} fields; the header has {width}"))
            complete = False
            continue
        long = [(header[i].strip(), len(cell)) for i, cell in enumerate(record) if len(cell) > CELL_LIMIT]
        for column, size in long:
            problems.append(Problem(name, line, column, None, f"is {size:,} characters long: a cell holds at most "
                                    f"{CELL_LIMIT:,} (is a quote left open?)"))
        if long:
            complete = False
            continue
        aligned.append([record[index[c]] if c in index else "" for c in expected])
        kept_lines.append(line)
    return RawTable(stripped, aligned, kept_lines, problems, complete=complete, missing=missing)


def unread(problems: list[Problem], expected: list[str]) -> RawTable:
    """A table none of whose rows could be read, for the ``problems`` that say why."""
    return RawTable([], [], [], problems, complete=False, missing=list(expected))
