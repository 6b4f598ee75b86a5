"""Write data/README.md, the data dictionary, from datapackage.json (so the two never disagree)."""

from __future__ import annotations

from pathlib import Path

from research import paths
from research.data.descriptor import read_descriptor
from research.files import write_atomic

HEADER = """# Data dictionary

<!-- Generated from datapackage.json by `research datadoc`; edit the descriptor, not this file. -->

{description}

Every row names its evidence in three columns: `source` (a key in `references.bib`), `locator` (footnote, page,
article or URL anchor) and `basis`:

{basis}

An empty cell means *not stated or not known*, never a guess. Values that the project's fact sheet marks
`memory, unverified` or `not-found` are never entered. Enumerations are closed lists; a new level needs a reason
recorded here. Semicolon lists have no spaces (`ddos;defacement`). Dates are ISO 8601 at the precision the source
gives (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`). The tables a build writes (`output/tables/*.csv`) are safe to open in a
spreadsheet: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a line break (which a spreadsheet would
run as a formula) is written with a leading `'`, and the report shows it as it was.
"""


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _rules(field: dict) -> str:
    cons = field.get("constraints", {})
    parts = []
    if cons.get("required"):
        parts.append("required")
    if "enum" in cons:
        parts.append("one of " + ", ".join(f"`{v}`" for v in cons["enum"]))
    listing = field.get("x-list")
    if listing and "itemEnum" in listing:
        parts.append(f"`{listing['delimiter']}`-list of " + ", ".join(f"`{v}`" for v in listing["itemEnum"]))
    elif listing and "itemReference" in listing:
        ref = listing["itemReference"]
        parts.append(f"`{listing['delimiter']}`-list of `{ref['resource']}.{ref['field']}`")
    elif "pattern" in cons:
        parts.append(f"pattern `{cons['pattern']}`")
    if "minimum" in cons:
        parts.append(f">= {cons['minimum']}")
    if "maximum" in cons:
        parts.append(f"<= {cons['maximum']}")
    return "; ".join(parts)


def render(descriptor: dict) -> str:
    """Return the Markdown data dictionary for a data package descriptor."""
    basis = "\n".join(f"- `{k}`: {v}" for k, v in descriptor.get("x-basis", {}).items())
    out = [HEADER.format(description=descriptor.get("description", ""), basis=basis)]
    for res in descriptor["resources"]:
        schema = res["schema"]
        out.append(f"## `{res['path']}`\n")
        out.append(res.get("description", "") + "\n")
        if res.get("x-provenance"):
            out.append(f"**Provenance.** {res['x-provenance']}\n")
        pk = schema.get("primaryKey")
        if pk:
            out.append(f"**Primary key:** `{', '.join(pk if isinstance(pk, list) else [pk])}`.  ")
        for fk in schema.get("foreignKeys", []):
            out.append(f"**Foreign key:** `{fk['fields']}` -> `{fk['reference']['resource']}.{fk['reference']['fields']}`.  ")
        rules = schema.get("x-rules", {})
        for low, high in rules.get("ranges", []):
            out.append(f"**Range:** `{low}` <= `{high}`.  ")
        for col in rules.get("notAfterToday", []):
            out.append(f"**Not after today:** `{col}`.  ")
        out.append("")
        out.append("| column | type | rules | meaning |")
        out.append("|---|---|---|---|")
        for f in schema["fields"]:
            out.append(f"| `{f['name']}` | {f.get('type', 'string')} | {_cell(_rules(f))} | {_cell(f.get('description', ''))} |")
        out.append("")
        notes = res.get("x-notes", [])
        if notes:
            out.append("**Coding decisions.**\n")
            out += [f"- {n}" for n in notes]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def write_generated(target: Path, text: str, check: bool = False) -> bool:
    """Write ``text`` to a generated file unless it is already there; with ``check`` only compare. True if current."""
    current = target.read_text(encoding="utf-8") if target.exists() else None
    if check:
        return current == text
    if current != text:
        write_atomic(target, text)
    return True


def write(data_dir: Path, check: bool = False) -> bool:
    """Write (or with ``check``, compare) ``README.md`` beside ``datapackage.json``; return True if up to date."""
    descriptor = read_descriptor(Path(data_dir) / paths.DATAPACKAGE_NAME)
    return write_generated(Path(data_dir) / "README.md", render(descriptor), check)
