"""The words readers see instead of the data's codes, declared once as `x-labels` in the project's datapackage.json."""

from __future__ import annotations

import json
from functools import lru_cache

from research import paths


@lru_cache(maxsize=1)
def descriptor() -> dict:
    """The project's datapackage.json (the one schema every data folder is validated against)."""
    return _read()


def _read() -> dict:
    return json.loads((paths.DATA_DIR / paths.DATAPACKAGE_NAME).read_text(encoding="utf-8"))


def labels(table: str, column: str) -> dict[str, str]:
    """Code -> label for one column (empty when the column declares none)."""
    for resource in descriptor()["resources"]:
        if resource["name"] == table:
            for field in resource["schema"]["fields"]:
                if field["name"] == column:
                    return dict(field.get("x-labels", {}))
    return {}


def label(table: str, column: str, code) -> str:
    """The label of one code; a code without a label is shown as itself with underscores as spaces."""
    text = str(code)
    return labels(table, column).get(text, text.replace("_", " "))


def column_label(column: str) -> str:
    """A table heading for a column name (``x-column-labels``), else the name with spaces."""
    return descriptor().get("x-column-labels", {}).get(column, column.replace("_", " "))
