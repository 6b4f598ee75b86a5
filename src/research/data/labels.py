"""The words readers see instead of the data's codes, declared once as `x-labels` in the project's datapackage.json."""

from __future__ import annotations

from research.data.descriptor import project_descriptor


def labels(table: str, column: str) -> dict[str, str]:
    """Code -> label for one column (empty when the column declares none)."""
    for resource in project_descriptor()["resources"]:
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
    return project_descriptor().get("x-column-labels", {}).get(column, column.replace("_", " "))
