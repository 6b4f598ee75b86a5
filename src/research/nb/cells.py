"""Cell conventions of the project's notebooks: the tags that hide cells from readers, and a cell's source text."""

from __future__ import annotations

PARAMETERS_TAG = "parameters"  # the one cell papermill overrides
INJECTED_TAG = "injected-parameters"  # the cell papermill adds with the values a run sets
NOTEBOOK_ONLY_TAG = "notebook-only"  # the question/inputs/outputs cell an author reads, not the report
HIDDEN_TAGS = frozenset({NOTEBOOK_ONLY_TAG, PARAMETERS_TAG, INJECTED_TAG})


def cell_source(cell: dict) -> str:
    """The source of a notebook cell as one string (nbformat allows a list of lines or a string)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def cell_tags(cell: dict) -> list[str]:
    """The tags of a notebook cell (none if it has no metadata)."""
    return cell.get("metadata", {}).get("tags", [])
