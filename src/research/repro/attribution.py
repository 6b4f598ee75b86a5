"""What explains each change between two editions: the parameters of the notebook that made it, input rows, or code."""

from __future__ import annotations

PATH_PARAMETERS = ("data_dir", "output_dir", "references")  # where a build read and wrote: not what it computed
PACKAGE = "package:src/research"


def changed_parameters(a: dict, b: dict) -> dict[str, tuple]:
    """Each parameter whose value differs between two manifests: ``name -> (old, new, notebooks)``."""
    found: dict[str, tuple] = {}
    pa, pb = a.get("parameters", {}), b.get("parameters", {})
    for notebook in sorted(set(pa) | set(pb)):
        old, new = pa.get(notebook, {}), pb.get(notebook, {})
        for name in sorted(set(old) | set(new)):
            if name in PATH_PARAMETERS or old.get(name) == new.get(name):
                continue
            before = found.get(name, (old.get(name), new.get(name), ()))
            found[name] = (before[0], before[1], (*before[2], notebook))
    return found


def _label(change) -> str:
    # A table cell's change is named "tbl-x/3": the record is the table's.
    return change.name.split("/")[0] if change.kind == "cell" else change.name


def causes(change, a: dict, b: dict, parameters: dict) -> tuple[str, ...]:
    """What explains one change, most specific first: its input rows, the changed parameters of the notebook that
    recorded it, and the code (that notebook, or the package) when it changed; else that nothing recorded does.

    A manifest older than ``recorded_by`` cannot say which notebook made what: every changed parameter is named.
    """
    out = []
    if change.rows:
        out.append("input rows: " + ", ".join(change.rows))
    made_by = {**a.get("recorded_by", {}), **b.get("recorded_by", {})}.get(_label(change))
    for name, (old, new, notebooks) in parameters.items():
        if made_by is None or made_by in notebooks:
            where = made_by or ", ".join(notebooks)
            out.append(f"parameter {name}: {old!r} -> {new!r} ({where})")
    ia, ib = a.get("inputs", {}), b.get("inputs", {})
    if made_by is not None and ia.get(f"notebooks/{made_by}.ipynb") != ib.get(f"notebooks/{made_by}.ipynb"):
        out.append(f"code: the notebook {made_by} changed")
    if ia.get(PACKAGE) != ib.get(PACKAGE):
        out.append("code: the package (src/research) changed")
    return tuple(out) or ("nothing recorded explains it (an untraced value)",)
