"""The data rows a result names (``table:key``, ``table:key#column``), looked up as the CSVs hold them."""

# A row is named as research.analysis.basis names it: the table's primary key in datapackage.json, parts joined by
# "/"; country_facts, which has none, is keyed iso3/indicator/(date, else year, else label). Everything here is read
# from the CSV text itself (no typing), so that a key is the text the data file holds and a row's digest changes
# exactly when its line does.

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from research.data.descriptor import project_descriptor
from research.files import sha256_json

FACT_KEY = ("iso3", "indicator", "when")
CODINGS = "codings"  # the per-cell evidence table: record_id, field, value, quote, source, locator


@dataclass(frozen=True)
class Quote:
    """A quotation from the per-cell evidence table, with the source and place it comes from."""

    value: str
    quote: str
    source: str
    locator: str


@dataclass(frozen=True)
class RowInfo:
    """One named row: where it is, what it rests on, and the quotations that code the cell it names."""

    ref: str
    table: str
    key: str
    column: str
    found: bool
    label: str = ""
    source: str = ""
    locator: str = ""
    basis: str = ""
    quotes: tuple = ()


def split_ref(ref: str) -> tuple[str, str, str]:
    """``table:key#column`` as its three parts (``column`` empty when the ref names a whole row)."""
    table, _, rest = str(ref).partition(":")
    key, _, column = rest.partition("#")
    return table, key, column


def _key(table: str, keys: tuple, row: dict) -> str:
    if table == "country_facts":
        when = row.get("date") or row.get("year") or row.get("label") or ""
        return "/".join((row.get("iso3", ""), row.get("indicator", ""), when))
    return "/".join(row.get(c, "") for c in keys)


LABEL_WIDTH = 90  # a row's label is its heading, title or name (a summary cut to this many characters)
LABEL_COLUMNS = ("heading", "title", "name", "label", "summary", "rule", "reason")


@dataclass
class RowIndex:
    """Every row of a data folder by ``table:key`` (its cells as text, and the SHA-256 of its values)."""

    rows: dict = field(default_factory=dict)
    digests: dict = field(default_factory=dict)
    quotes: dict = field(default_factory=dict)  # (record_id, field) -> [Quote]

    def describe(self, ref: str) -> RowInfo:
        """What the index knows of ``ref``: its source, locator, basis, a label, and the coded cell's quotations."""
        table, key, column = split_ref(ref)
        row = self.rows.get(f"{table}:{key}")
        if row is None:
            return RowInfo(ref, table, key, column, False)
        label = next((row[c] for c in LABEL_COLUMNS if row.get(c)), "")
        label = label if len(label) <= LABEL_WIDTH else label[:LABEL_WIDTH - 1].rstrip() + "\u2026"
        quotes = tuple(self.quotes.get((key, column), ())) if column else ()
        if not quotes and row.get("quote"):
            quotes = (Quote(row.get("value", ""), row["quote"], row.get("source", ""), row.get("locator", "")),)
        return RowInfo(ref, table, key, column, True, label, row.get("source", ""), row.get("locator", ""),
                       row.get("basis", ""), quotes)


def read_index(data_dir: Path) -> RowIndex:
    """Read every table that the project's ``datapackage.json`` declares from ``data_dir`` into a :class:`RowIndex`.

    Parameters
    ----------
    data_dir : Path
        A data folder (datapackage.json and the CSV files); a table whose file is missing is left out.

    Returns
    -------
    RowIndex
    """
    data_dir = Path(data_dir)
    descriptor = project_descriptor()  # the schema every data folder is read under, whether or not it holds a copy
    index = RowIndex()
    for resource in descriptor["resources"]:
        table, file = resource["name"], data_dir / resource["path"]
        if not file.is_file():
            continue
        keys = tuple(resource["schema"].get("primaryKey") or ()) or FACT_KEY
        with file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                row = {k: (v or "") for k, v in row.items() if k is not None}
                ref = f"{table}:{_key(table, keys, row)}"
                index.rows[ref] = row
                index.digests[ref] = sha256_json(row)
                if table == CODINGS:
                    index.quotes.setdefault((row.get("record_id", ""), row.get("field", "")), []).append(
                        Quote(row.get("value", ""), row.get("quote", ""), row.get("source", ""), row.get("locator", "")))
    return index


def changed_rows(old: dict, new: dict) -> dict[str, str]:
    """Rows whose digest differs between two :attr:`RowIndex.digests`: ``table:key`` -> added, removed or changed."""
    out = {}
    for ref in sorted(set(old) | set(new)):
        if old.get(ref) != new.get(ref):
            out[ref] = "added" if ref not in old else "removed" if ref not in new else "changed"
    return out


def touches(ref: str, changed: dict) -> bool:
    """Whether the row (or cell) ``ref`` names is among ``changed`` (a cell is touched when its row is)."""
    table, key, _ = split_ref(ref)
    return f"{table}:{key}" in changed
