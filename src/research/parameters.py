"""Read a notebook's `parameters` cell and check user-given parameters against it."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from research.errors import ParameterError

PATH_PARAMETERS = ("data_dir", "output_dir", "references")


def notebook_parameters(path: Path) -> dict[str, object]:
    """Return the names and default values of the plain assignments in a notebook's `parameters` cell.

    Raises
    ------
    ParameterError
        If the notebook has no cell tagged ``parameters``, or it holds anything but ``name = literal``.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [c for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(cells) != 1:
        raise ParameterError(f"{Path(path).name}: expected exactly one cell tagged 'parameters', found {len(cells)}")
    source = "".join(cells[0]["source"]) if isinstance(cells[0]["source"], list) else cells[0]["source"]
    defaults: dict[str, object] = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            raise ParameterError(f"{Path(path).name}: the parameters cell may only hold 'name = value' lines")
        try:
            defaults[node.targets[0].id] = ast.literal_eval(node.value)
        except ValueError:
            raise ParameterError(
                f"{Path(path).name}: parameter {node.targets[0].id} must default to a plain literal"
            ) from None
    return defaults


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """Split ``name=value`` strings from the command line (values stay text until :func:`coerce`)."""
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise ParameterError(f"parameter {pair!r} is not of the form name=value")
        name, value = pair.split("=", 1)
        name = name.strip()
        if not name.isidentifier():
            raise ParameterError(f"parameter name {name!r} is not a valid name")
        out[name] = value
    return out


def coerce(name: str, text, default):
    """Convert a command-line value to the type of the parameter's default.

    Raises
    ------
    ParameterError
        If the text is not a value of that type (e.g. ``khr_per_usd=abc``).
    """
    if not isinstance(text, str):
        return text
    kind = type(default)
    try:
        if kind is bool:
            lowered = text.strip().lower()
            if lowered not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError
            return lowered in ("true", "1", "yes")
        if kind is int:
            return int(text)
        if kind is float:
            value = float(text)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError
            return value
    except ValueError:
        raise ParameterError(f"parameter {name}={text!r}: expected {kind.__name__} (default {default!r})") from None
    return text


def resolve(user: dict[str, str], declared: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """Check user parameters against every notebook's declared ones and return each notebook's values.

    Parameters
    ----------
    user : dict
        ``name -> text`` from ``-p name=value``.
    declared : dict
        ``notebook -> {name: default}``.

    Returns
    -------
    dict
        ``notebook -> {name: value}`` holding only the user's values that the notebook declares, typed.

    Raises
    ------
    ParameterError
        For a name no notebook declares, or a value of the wrong type.
    """
    paths_given = sorted(set(user) & set(PATH_PARAMETERS))
    if paths_given:
        raise ParameterError(
            f"parameter(s) {', '.join(paths_given)} are paths set by the build: use --data-dir, --output-dir and "
            "--references (or DATA_DIR, OUTPUT_DIR, REFERENCES), which are checked before anything runs"
        )
    known = {name for params in declared.values() for name in params}
    unknown = sorted(set(user) - known)
    if unknown:
        raise ParameterError(
            f"unknown parameter(s): {', '.join(unknown)}; the notebooks declare: {', '.join(sorted(known))}"
        )
    out = {}
    for notebook, params in declared.items():
        out[notebook] = {n: coerce(n, user[n], params[n]) for n in params if n in user}
    return out
