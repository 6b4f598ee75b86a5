"""Build small frames with exactly the dtypes research.data.load() returns, read from datapackage.json."""

from __future__ import annotations

import json

import pandas as pd

from research import paths

FIELDS = {
    r["name"]: r["schema"]["fields"]
    for r in json.loads((paths.DATA_DIR / paths.DATAPACKAGE_NAME).read_text())["resources"]
}


def typed(table: str, *rows: dict) -> pd.DataFrame:
    """A frame of ``table`` with load()'s dtypes; columns a row does not mention are missing (NA)."""
    names = [f["name"] for f in FIELDS[table]]
    for row in rows:
        assert set(row) <= set(names), set(row) - set(names)
    columns = {}
    for field in FIELDS[table]:
        values = [row.get(field["name"]) for row in rows]
        enum = field.get("constraints", {}).get("enum")
        if field["type"] == "integer":
            columns[field["name"]] = pd.array(values, dtype="Int64")
        elif field["type"] == "number":
            columns[field["name"]] = pd.array(values, dtype="Float64")
        elif field["type"] == "boolean":
            columns[field["name"]] = pd.array(values, dtype="boolean")
        elif enum is not None:
            assert all(v is None or v in enum for v in values), values
            columns[field["name"]] = pd.Categorical(values, categories=enum)
        else:
            columns[field["name"]] = pd.array(values, dtype="string")
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))
