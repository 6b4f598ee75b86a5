"""Make executed notebooks reproducible byte for byte: drop timings, kernel ids and run-specific paths."""

from __future__ import annotations

from research.engine.parameters import PATH_PARAMETERS
from research.nb.cells import INJECTED_TAG, cell_source, cell_tags

_VOLATILE_NB = ("widgets",)
_VOLATILE_PAPERMILL = ("start_time", "end_time", "duration", "environment_variables", "version", "input_path",
                       "output_path")
_VOLATILE_CELL = ("start_time", "end_time", "duration", "exception")


def _placeholder_paths(source: str) -> str:
    lines = []
    for line in source.splitlines():
        name = line.split("=", 1)[0].strip()
        lines.append(f'{name} = "<{name}>"' if name in PATH_PARAMETERS and "=" in line else line)
    return "\n".join(lines)


def normalise(nb: dict) -> dict:
    """Strip volatile metadata from an executed notebook, in place, and return it.

    Removes papermill's start/end times, durations and paths, per-cell execution timestamps and the kernel's
    ``execution`` metadata, and writes path parameters as ``<name>``; keeps parameters, outputs and tags.
    """
    meta = nb.setdefault("metadata", {})
    for key in _VOLATILE_NB:
        meta.pop(key, None)
    pm = meta.get("papermill")
    if isinstance(pm, dict):
        for key in _VOLATILE_PAPERMILL:
            pm.pop(key, None)
        params = pm.get("parameters")
        if isinstance(params, dict):
            for key in PATH_PARAMETERS:
                if key in params:
                    params[key] = "<" + key + ">"
    for cell in nb.get("cells", []):
        cmeta = cell.get("metadata", {})
        if INJECTED_TAG in cell_tags(cell):
            # papermill gives this cell a random id and the run's absolute paths; neither says anything about results
            cell["id"] = INJECTED_TAG
            cell["source"] = _placeholder_paths(cell_source(cell))
        cmeta.pop("execution", None)
        pmc = cmeta.get("papermill")
        if isinstance(pmc, dict):
            for key in _VOLATILE_CELL:
                pmc.pop(key, None)
            pmc.setdefault("status", "completed")
    return nb
