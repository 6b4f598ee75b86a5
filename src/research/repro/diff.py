"""``research diff``: what changed between two editions, value by value and cell by cell, and which input rows did it."""

# An edition is an output folder (its manifest.json, and its figures beside it) or a manifest file alone. Every
# change names the input rows of its trace that differ between the two builds (research.data.rows.changed_rows over
# the manifests' row digests); a change none of whose rows differs says so (a parameter, the code, an untraced value).

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from research.data.rows import changed_rows, touches
from research.errors import ResearchError
from research.repro.attribution import causes, changed_parameters
from research.repro.manifest import MANIFEST, read_manifest


@dataclass
class Edition:
    """One build to compare: where it is, its manifest, and its output folder when there is one."""

    where: str
    manifest: dict
    folder: Path | None


def load_edition(path: Path) -> Edition:
    """An output folder or a manifest as an :class:`Edition`.

    Raises
    ------
    ResearchError
        If ``path`` is neither a folder with a manifest.json nor a readable manifest file.
    """
    path = Path(path)
    file = path / MANIFEST if path.is_dir() else path
    if not file.is_file():
        raise ResearchError(f"{path}: not an output folder with a {MANIFEST} nor a manifest file")
    manifest = read_manifest(file)
    folder = file.parent if (file.parent / "figures").is_dir() else None
    return Edition(str(path), manifest, folder)


@dataclass(frozen=True)
class Change:
    """One difference: a value, sentence, table cell, figure or reference, and the input rows behind it."""

    kind: str  # value, sentence, cell, figure, reference
    name: str
    old: str | None
    new: str | None
    column: str = ""
    rows: tuple = ()  # the changed input rows (table:key) its trace names, in either build
    context: tuple = ()  # (old sentence, new sentence) for a value shown in the prose
    because: tuple = ()  # what explains it: rows, parameters, code (research.repro.attribution.causes)


@dataclass
class EditionDiff:
    """Every change between two editions, and every input row that differs."""

    old: Edition
    new: Edition
    changes: list = field(default_factory=list)
    rows: dict = field(default_factory=dict)  # table:key -> added, removed or changed
    traced: bool = True  # False when a manifest predates traces (rows cannot be named)
    texts: tuple = ({}, {})  # every value's and sentence's text in the old and the new build
    parameters: dict = field(default_factory=dict)  # name -> (old, new, notebooks), listed first

    def of(self, kind: str) -> list:
        """The changes of one kind."""
        return [c for c in self.changes if c.kind == kind]


def _behind(names, old: dict, new: dict, changed: dict) -> tuple:
    rows = [r for n in names for r in (*old.get("traces", {}).get(n, ()), *new.get("traces", {}).get(n, ()))]
    return tuple(dict.fromkeys(r for r in rows if touches(r, changed)))


def _texts(m: dict) -> dict:
    return {**m.get("values", {}), **m.get("sentences", {})}


def _cells(label: str, old: list, new: list, a: dict, b: dict, changed: dict) -> list[Change]:
    out = []
    header = (new or old)[0] if (new or old) else []
    for r in range(1, max(len(old), len(new))):
        x = old[r] if r < len(old) else None
        y = new[r] if r < len(new) else None
        if x == y:
            continue
        rows = _behind([f"{label}/{r}"], a, b, changed)
        for c, column in enumerate(header):
            vx = x[c] if x is not None and c < len(x) else None
            vy = y[c] if y is not None and c < len(y) else None
            if vx != vy:
                out.append(Change("cell", f"{label}/{r}", vx, vy, column, rows))
    return out


def compare_editions(old: Edition, new: Edition) -> EditionDiff:
    """Every recorded value, sentence, table cell, figure and reference that differs between two editions."""
    a, b = old.manifest, new.manifest
    changed = changed_rows(a.get("rows", {}), b.get("rows", {}))
    texts_a, texts_b = _texts(a), _texts(b)
    diff = EditionDiff(old, new, rows=changed, traced="rows" in a and "rows" in b, texts=(texts_a, texts_b))
    prose = {**a.get("prose", {}), **b.get("prose", {})}
    for kind, plural in (("value", "values"), ("sentence", "sentences")):
        for name in sorted(set(a.get(plural, {})) | set(b.get(plural, {}))):
            x, y = a.get(plural, {}).get(name), b.get(plural, {}).get(name)
            if x != y:
                context = ((a.get("prose", {}).get(name, ""), b.get("prose", {}).get(name, ""))
                           if name in prose else ())
                diff.changes.append(Change(kind, name, x, y, rows=_behind([name], a, b, changed), context=context))
    tables_a, tables_b = a.get("tables", {}), b.get("tables", {})
    for label in sorted(set(tables_a) | set(tables_b)):
        diff.changes += _cells(label, tables_a.get(label, []), tables_b.get(label, []), a, b, changed)
    figures: dict[str, list] = {}  # a figure's renderings (SVG for the screen, PNG for print) are one figure
    for name in sorted(set(a["outputs"]) | set(b["outputs"])):
        if name.startswith("figures/") and a["outputs"].get(name) != b["outputs"].get(name):
            figures.setdefault(Path(name).stem, []).append(name)
    for stem, files in figures.items():
        diff.changes.append(Change("figure", stem, *(("; ".join(f"{f} {m['outputs'].get(f)}" for f in files))
                                                      for m in (a, b))))
    # a build without the report records no references (None): only two reports' bibliographies are compared
    both = a.get("references") is not None and b.get("references") is not None
    refs_a, refs_b = set(a.get("references") or ()), set(b.get("references") or ())
    for key in sorted(refs_a ^ refs_b if both else ()):
        diff.changes.append(Change("reference", key, key if key in refs_a else None, key if key in refs_b else None))
    diff.parameters = changed_parameters(a, b)
    diff.changes = [dataclasses.replace(c, because=causes(c, a, b, diff.parameters)) for c in diff.changes]
    return diff


def rendered(diff: EditionDiff, references: Path | None = None) -> EditionDiff:
    """The diff with each change's sentences rendered as a reader sees them (Markdown and citations formatted)."""
    from research import paths
    from research.repro.prose import render_templates

    texts = render_templates([t for c in diff.changes for t in c.context], references or paths.REFERENCES)
    diff.changes = [dataclasses.replace(c, context=tuple(texts.get(t, t) for t in c.context)) if c.context else c
                    for c in diff.changes]
    return diff


def _show(value) -> str:
    return "(none)" if value is None else repr(value)


def summary_lines(diff: EditionDiff) -> list[str]:
    """The printed summary: each change on a line, with the input rows behind it."""
    from research.report.markdown import fill_plain

    lines = [f"diff {diff.old.where} -> {diff.new.where}"]
    if not diff.traced:
        lines.append("  (a manifest without row digests: the input rows behind each change cannot be named)")
    lines.append(f"  parameters that differ: {len(diff.parameters)}")
    lines += [f"    {name}: {old!r} -> {new!r} ({', '.join(notebooks)})"
              for name, (old, new, notebooks) in diff.parameters.items()]
    lines.append(f"  input rows that differ: {len(diff.rows)}")
    lines += [f"    {state:<8} {ref}" for ref, state in diff.rows.items()]
    texts_a, texts_b = diff.texts
    for c in diff.changes:
        what = f"cell {c.name} [{c.column}]" if c.kind == "cell" else f"{c.kind} {c.name}"
        if c.kind == "reference":
            lines.append(f"  reference {'added' if c.old is None else 'removed'}: {c.name}")
            continue
        lines.append(f"  {what}: " + ("its bytes changed" if c.kind == "figure" else f"{_show(c.old)} -> {_show(c.new)}"))
        if c.context:
            mark = lambda n, t, name=c.name: f"[{t}]" if n == name else t  # noqa: E731
            lines.append(f"      was: {fill_plain(c.context[0], texts_a, mark)}")
            lines.append(f"      now: {fill_plain(c.context[1], texts_b, mark)}")
        lines.append("      because of: " + "; ".join(c.because))
    counts = {k: len(diff.of(k)) for k in ("value", "sentence", "cell", "figure", "reference")}
    lines.append("  " + ", ".join(f"{n} {k}{'s' if n != 1 else ''} changed" for k, n in counts.items()))
    return lines


def diff_editions(old: Path, new: Path, html_file: Path) -> EditionDiff:
    """Compare two editions, write ``html_file`` (see :mod:`research.repro.diff_html`) and return the diff."""
    from research.engine.ownership import check_output_file, is_tool_page
    from research.files import write_atomic
    from research.repro.diff_html import diff_page

    check_output_file(Path(html_file), is_tool_page)  # never over an input or a file of someone's
    diff = rendered(compare_editions(load_edition(old), load_edition(new)))
    write_atomic(Path(html_file), diff_page(diff))
    return diff
