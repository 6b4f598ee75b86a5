"""The basis of a result: which data rows each recorded value, and each table row, was computed from.

A row is named ``table:key`` (``provisions:KHM-TEL2015-80``, ``incidents:INC-016``, ``convention_parties:2019-03``),
the key being the table's primary key in ``datapackage.json`` (parts joined by ``/``); ``country_facts``, which has
none, is keyed ``iso3/indicator/date`` (the year, else the label, where there is no date). A row may name the one
cell that decided it: ``provisions:KHM-CC2009-427#vague_terms`` (the report then quotes that cell's evidence from
codings.csv).

An analysis function returns each value as a :class:`Measure` (the value and its rows); a sentence's rows are the
union of the measures it uses (:func:`trace`). A result dataclass declares ``basis: Basis = basis_field()``; its function fills ``Basis.rows`` (field name -> rows)
and :func:`traced` stamps the function's name, so the functions stay pure. A table (a DataFrame) carries the rows of
each of its rows in ``frame.attrs["rows"]`` (:func:`with_rows`). ``research.nb.glue.glue_all`` and
``research.nb.tables.save_table`` record both with the values and tables.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

FACT_KEY = ("iso3", "indicator", "when")  # country_facts has no primary key


@dataclass(frozen=True)
class Basis:
    """Rows (``table:key`` strings) per field of a result, and the function that computed it.

    ``uses`` gives, for a sentence field whose shown values depend on the data (which counts it lists, in what
    order), the names of the values this instance shows, in order; it overrides the field's own ``uses``
    (:func:`research.analysis.common.sentence`).
    """

    rows: dict = field(default_factory=dict)
    function: str = ""
    uses: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Measure:
    """A value computed from the data, carrying the rows it was computed from (``table:key``, as :func:`rows_of`
    names them): the number and its trace come from one selection, so they cannot drift apart."""

    value: object
    rows: tuple[str, ...] = ()

    def map(self, func) -> Measure:
        """The same rows with ``func`` of the value (``None`` stays ``None``): a count or date as the prose shows it."""
        return Measure(None if self.value is None else func(self.value), self.rows)


def trace(*measures: Measure) -> tuple[str, ...]:
    """The rows of a sentence that uses ``measures``: the union of theirs, in order, once each."""
    return merge(*(m.rows for m in measures))


def basis_field():
    """The dataclass field that carries a result's :class:`Basis`; never recorded as a value, never compared."""
    return field(default_factory=Basis, compare=False, repr=False, metadata={"basis": True})


@functools.lru_cache(maxsize=1)
def primary_keys() -> dict[str, tuple[str, ...]]:
    """Each table's key columns, from the project's datapackage.json."""
    from research.data.descriptor import project_descriptor as descriptor

    keys = {r["name"]: tuple(r["schema"].get("primaryKey") or ()) for r in descriptor()["resources"]}
    keys["country_facts"] = FACT_KEY
    return keys


def _text(value) -> str:
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _column_texts(frame: pd.DataFrame, column: str) -> list[str]:
    # a column at a time: a Series per row (iterrows) costs more than the key itself on a large table
    if column not in frame.columns:
        return [""] * len(frame)
    return [_text(v) for v in frame[column].tolist()]


def row_keys(table: str, frame: pd.DataFrame) -> list[str]:
    """The key of every row of ``frame`` (rows of ``table``), in order, without the table's name: its primary key's
    parts joined by ``/`` (``country_facts``: ``iso3/indicator/date``, the year or else the label standing in for a
    missing date)."""
    if table == "country_facts":
        dates, years, labels = (_column_texts(frame, c) for c in ("date", "year", "label"))
        whens = [d or y or lab for d, y, lab in zip(dates, years, labels)]
        parts = [_column_texts(frame, "iso3"), _column_texts(frame, "indicator"), whens]
    else:
        parts = [_column_texts(frame, c) for c in primary_keys()[table]]
    if not parts:
        return [""] * len(frame)
    return ["/".join(p) for p in zip(*parts)]


def rows_of(table: str, frame: pd.DataFrame, column: str | None = None) -> tuple[str, ...]:
    """The ``table:key`` names of every row of ``frame`` (rows of ``table``), in order, once each; with ``column``,
    each names that cell (``table:key#column``)."""
    if frame is None or len(frame) == 0:
        return ()
    cell = f"#{column}" if column else ""
    return tuple(dict.fromkeys(f"{table}:{key}{cell}" for key in row_keys(table, frame)))


def ids(table: str, keys: Iterable, column: str | None = None) -> tuple[str, ...]:
    """``table:key`` names from key values already at hand (a one-column key, such as provision ids)."""
    cell = f"#{column}" if column else ""
    return tuple(dict.fromkeys(f"{table}:{k}{cell}" for k in keys))


def merge(*groups: Iterable[str]) -> tuple[str, ...]:
    """Several groups of rows as one, in order, once each."""
    return tuple(dict.fromkeys(r for g in groups for r in g))


def with_rows(frame: pd.DataFrame, rows: list) -> pd.DataFrame:
    """``frame`` carrying, for each of its rows, the data rows it was computed from (``frame.attrs["rows"]``)."""
    if len(rows) != len(frame):
        raise ValueError(f"{len(rows)} row bases for a table of {len(frame)} rows")
    frame.attrs["rows"] = [list(r) for r in rows]
    return frame


def traced(func):
    """Decorate an analysis function: its result (a dataclass with a basis, or a table) names the function.

    The outermost decorated function names a result that it returns from another one.
    """
    name = f"{func.__module__}.{func.__qualname__}"

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        result = func(*args, **kwargs)
        if isinstance(result, pd.DataFrame):
            result.attrs["function"] = name
        elif dataclasses.is_dataclass(result) and isinstance(getattr(result, "basis", None), Basis):
            result = dataclasses.replace(result, basis=dataclasses.replace(result.basis, function=name))
        return result

    return wrapper
