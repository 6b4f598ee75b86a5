"""Make executed notebooks reproducible byte for byte: drop timings, kernel ids and other volatile metadata."""

from __future__ import annotations

_VOLATILE_NB = ("widgets",)
_VOLATILE_PAPERMILL = ("start_time", "end_time", "duration", "environment_variables", "version", "input_path", "output_path")


def _placeholder_paths(source) -> str:
    text = "".join(source) if isinstance(source, list) else source
    lines = []
    for line in text.splitlines():
        name = line.split("=", 1)[0].strip()
        lines.append(f'{name} = "<{name}>"' if name in _PATH_PARAMETERS and "=" in line else line)
    return "\n".join(lines)


_PATH_PARAMETERS = ("data_dir", "output_dir", "references")


def normalise(nb: dict) -> dict:
    """Strip volatile metadata from an executed notebook, in place, and return it.

    Removes papermill's start/end times, durations and paths, per-cell execution timestamps and
    the kernel's ``execution`` metadata; keeps parameters, outputs and tags.
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
            for key in _PATH_PARAMETERS:
                if key in params:
                    params[key] = "<" + key + ">"
    for cell in nb.get("cells", []):
        cmeta = cell.get("metadata", {})
        if "injected-parameters" in cmeta.get("tags", []):
            # papermill gives this cell a random id and the run's absolute paths; neither says anything about results
            cell["id"] = "injected-parameters"
            cell["source"] = _placeholder_paths(cell.get("source", ""))
        cmeta.pop("execution", None)
        pmc = cmeta.get("papermill")
        if isinstance(pmc, dict):
            for key in ("start_time", "end_time", "duration", "exception"):
                pmc.pop(key, None)
            pmc.setdefault("status", "completed")
    return nb
