"""The build manifest: SHA-256 of every input and output, recorded values, parameters and versions."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from research import paths
from research.data.contained import is_contained
from research.data.rows import read_index
from research.files import sha256_file, sha256_tree, write_json
from research.nb.glue import read_records
from research.report.assemble import REPORT_FILES
from research.report.markdown import value_sentences
from research.report.trace import collect as collect_traces

MANIFEST = "manifest.json"
REFERENCE = paths.REPRODUCIBILITY_DIR / MANIFEST
LOCK_FILE = paths.ROOT / "requirements.lock"


def _outputs(output_dir: Path) -> dict[str, str]:
    out = {}
    for sub in ("notebooks", "figures", "tables"):
        folder = Path(output_dir) / sub
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                if f.is_file() and not f.name.startswith(".") and not f.name.endswith(".failed.ipynb"):
                    out[f"{sub}/{f.name}"] = sha256_file(f)
    for name in REPORT_FILES:
        f = Path(output_dir) / name
        if f.exists():
            out[name] = sha256_file(f)
    return out


def _tables(output_dir: Path) -> dict[str, list[list[str]]]:
    folder = Path(output_dir) / "tables"
    if not folder.is_dir():
        return {}
    return {f.stem: list(csv.reader(io.StringIO(f.read_text(encoding="utf-8")))) for f in sorted(folder.glob("*.csv"))}


def collect(config, names: list[str], provenance) -> dict:
    """Build the manifest for a finished build (see :func:`write`)."""
    inputs = {}
    for f in sorted(Path(config.data_dir).iterdir()):
        if f.is_file() and not f.name.startswith(".") and is_contained(f, config.data_dir):  # never beyond a link
            inputs[f"data/{f.name}"] = sha256_file(f)
    inputs["references.bib"] = sha256_file(config.references)
    for name in names:
        inputs[f"notebooks/{name}.ipynb"] = sha256_file(Path(config.notebooks_dir) / f"{name}.ipynb")
    abstract = Path(config.notebooks_dir) / "abstract.md"
    if abstract.exists():
        inputs["notebooks/abstract.md"] = sha256_file(abstract)
    inputs["package:src/research"] = sha256_tree(paths.PACKAGE_DIR)
    if LOCK_FILE.exists():
        inputs["requirements.lock"] = sha256_file(LOCK_FILE)
    values, sentences, parameters, prose, notebooks, recorded_by = {}, {}, {}, {}, [], {}
    for name in names:
        nb = json.loads((Path(config.output_dir) / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        notebooks.append((name, nb))
        parameters[name] = nb.get("metadata", {}).get("papermill", {}).get("parameters", {})
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "markdown":
                for key, sentence in value_sentences("".join(cell.get("source", ""))).items():
                    prose.setdefault(key, sentence)
        for record in read_records(nb):
            if record["kind"] in ("value", "sentence", "table", "figure"):
                recorded_by[record["name"]] = name  # what `research diff` attributes a change's parameters by
            if record["kind"] == "value":
                values[record["name"]] = record["text"]
            elif record["kind"] == "sentence":
                sentences[record["name"]] = record["text"]
    return {
        "commit": provenance.commit,
        "built_from": getattr(provenance, "origin", "checkout"),  # a git checkout, or a `make dist` bundle
        "source_date_epoch": provenance.epoch,
        "inputs": inputs,
        "outputs": _outputs(config.output_dir),
        "values": dict(sorted(values.items())),
        "sentences": dict(sorted(sentences.items())),
        "tables": _tables(config.output_dir),
        "parameters": parameters,
        "recorded_by": dict(sorted(recorded_by.items())),
        "versions": provenance.versions,
        "traces": {t.name: list(t.rows) for t in collect_traces(notebooks).values() if t.traced},
        "rows": read_index(config.data_dir).digests,
        "prose": dict(sorted(prose.items())),
        "references": cited_references(Path(config.output_dir) / "paper.html"),
    }


_CITES = re.compile(r'data-cites="([^"]*)"')


def cited_references(page: Path) -> list[str] | None:
    """The bibliography keys a built paper.html cites, sorted (None when there is no paper.html)."""
    if not Path(page).exists():
        return None
    return sorted({k for m in _CITES.finditer(Path(page).read_text(encoding="utf-8")) for k in m.group(1).split()})


def write(config, names: list[str], provenance) -> Path:
    """Write ``<output_dir>/manifest.json`` atomically and return its path."""
    return write_json(Path(config.output_dir) / MANIFEST, collect(config, names, provenance))


@dataclass
class Comparison:
    """Whether every output, value and sentence of a build matches a reference (``ok``), and a readable report."""

    ok: bool
    lines: list


def compare(reference: dict, current: dict) -> Comparison:
    """Compare two manifests, output by output (a changed table cell by cell), value by value, sentence by sentence."""
    lines, ok = [], True
    changed_inputs = [k for k in sorted(set(reference["inputs"]) | set(current["inputs"]))
                      if reference["inputs"].get(k) != current["inputs"].get(k)]
    if changed_inputs:
        lines.append("inputs that differ from the reference: " + ", ".join(changed_inputs))
    old_versions, new_versions = reference.get("versions", {}), current.get("versions", {})
    changed_versions = [f"{k} {old_versions.get(k, 'not recorded')} -> {new_versions.get(k, 'not recorded')}"
                        for k in sorted(set(old_versions) | set(new_versions)) if old_versions.get(k) != new_versions.get(k)]
    if changed_versions:  # e.g. a newer Pango or font changes the PDF's bytes and nothing else
        lines.append("versions that differ from the reference: " + "; ".join(changed_versions))
    for name in sorted(set(reference["outputs"]) | set(current["outputs"])):
        old, new = reference["outputs"].get(name), current["outputs"].get(name)
        if old == new:
            lines.append(f"  identical  {name}")
            continue
        ok = False
        state = "missing" if new is None else "new" if old is None else "different"
        lines.append(f"  {state:<10} {name}")
        label = Path(name).stem
        if name.startswith("tables/") and old and new:
            lines += [f"      {change}" for change in table_changes(reference["tables"].get(label, []),
                                                                     current["tables"].get(label, []))]
    for kind, plural in (("value", "values"), ("sentence", "sentences")):
        old_all, new_all = reference.get(plural, {}), current.get(plural, {})
        for name in sorted(set(old_all) | set(new_all)):
            old, new = old_all.get(name), new_all.get(name)
            if old != new:
                ok = False
                lines.append(f"  {kind} {name}: {old!r} -> {new!r}")
    return Comparison(ok, lines)


def table_changes(old: list[list[str]], new: list[list[str]], cap: int = 20) -> list[str]:
    """Cell-level differences between two CSV tables given as rows (header first)."""
    changes = []
    if not old or not new:
        return ["table missing on one side"]
    if old[0] != new[0]:
        changes.append(f"columns {old[0]} -> {new[0]}")
    header = new[0]
    for r in range(1, max(len(old), len(new))):
        a = old[r] if r < len(old) else None
        b = new[r] if r < len(new) else None
        if a == b:
            continue
        if a is None or b is None:
            changes.append(f"row {r}: {'added' if a is None else 'removed'} {b or a}")
            continue
        for c, column in enumerate(header):
            va = a[c] if c < len(a) else ""
            vb = b[c] if c < len(b) else ""
            if va != vb:
                changes.append(f"row {r}, {column}: {va!r} -> {vb!r}")
    if len(changes) > cap:
        changes = changes[:cap] + [f"... and {len(changes) - cap} more change(s)"]
    return changes


def _is_map(value, of) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and of(v) for k, v in value.items())


def _is_str_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


_SHAPE = {  # key -> (whether a manifest must have it, test of its value)
    "commit": (False, lambda v: v is None or isinstance(v, str)),
    "built_from": (False, lambda v: isinstance(v, str)),
    "source_date_epoch": (False, lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool))),
    "inputs": (True, lambda v: _is_map(v, lambda x: isinstance(x, str))),
    "outputs": (True, lambda v: _is_map(v, lambda x: isinstance(x, str))),
    "values": (True, lambda v: _is_map(v, lambda x: isinstance(x, str))),
    "sentences": (False, lambda v: _is_map(v, lambda x: isinstance(x, str))),
    "prose": (False, lambda v: _is_map(v, lambda x: isinstance(x, str))),
    "tables": (False, lambda v: _is_map(v, lambda t: isinstance(t, list) and all(_is_str_list(r) for r in t))),
    "traces": (False, lambda v: _is_map(v, _is_str_list)),
    "rows": (False, lambda v: _is_map(v, lambda x: isinstance(x, str))),
    "versions": (False, lambda v: _is_map(v, lambda x: isinstance(x, str))),
    "parameters": (False, lambda v: _is_map(v, lambda x: isinstance(x, dict))),
    "recorded_by": (False, lambda v: _is_map(v, lambda x: isinstance(x, str))),
    "references": (False, lambda v: v is None or _is_str_list(v)),
}


def read_manifest(path: Path, what: str = "a build manifest") -> dict:
    """Read a manifest and check its shape (every field :func:`collect` writes, of its type), or say in one line
    which file and which field is wrong.

    Raises
    ------
    research.errors.UnreadableFileError
    """
    from research.errors import UnreadableFileError
    from research.files import read_json

    manifest = read_json(path, what)
    for key, (required, ok) in _SHAPE.items():
        if key not in manifest:
            if required:
                raise UnreadableFileError(f"{path}: is not {what}: it has no {key!r}")
            continue
        if not ok(manifest[key]):
            raise UnreadableFileError(f"{path}: is not {what}: {key!r} is not of the shape a build writes")
    return manifest
