"""Write data/codebook.md, the codebook, from datapackage.json and the quotations of our own rows."""

from __future__ import annotations

import csv
from pathlib import Path

from research import paths
from research.data.descriptor import read_descriptor

HEADER = """# {title}

<!-- Generated from datapackage.json and codings.csv by `research datadoc`; edit the descriptor, not this file. -->

{intro}
"""


def _rows(data_dir: Path, descriptor: dict, name: str) -> list[dict]:
    path = next((Path(data_dir) / r["path"] for r in descriptor["resources"] if r["name"] == name), None)
    if path is None or not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _values(field: dict) -> str:
    labels = field.get("x-labels")
    if labels:
        return "; ".join(f"`{code}` ({label})" for code, label in labels.items())
    if field.get("type") == "boolean":
        return "`true`, `false`, or empty (not known)"
    return "text"


def _example(record: str, column: str, provisions: dict, codings: list[dict]) -> str | None:
    row = provisions.get(record)
    quotes = [c for c in codings if c["record_id"] == record and c["field"] == column]
    if row is None or not quotes:
        return None
    c = quotes[0]
    where = f"{row['instrument']} Art. {row['article']}" if row.get("article") else row["instrument"]
    return (f"- {record} ({where}): `{column}` = `{c['value']}`, decided by \u201c{c['quote']}\u201d "
            f"[{c['source']}, {c['locator']}]")


def render(descriptor: dict, data_dir: Path) -> str:
    """Return the Markdown codebook: general rules, then every coded variable with its rule and worked examples."""
    book = descriptor.get("x-codebook", {})
    out = [HEADER.format(title=book.get("title", "Codebook"), intro=book.get("intro", ""))]
    for heading, text in [*book.get("sections", []), *book.get("data_sections", [])]:
        out += [f"## {heading}\n", text + "\n"]
    provisions = {r["provision_id"]: r for r in _rows(data_dir, descriptor, "provisions")}
    codings = _rows(data_dir, descriptor, "codings")
    fields = next(r for r in descriptor["resources"] if r["name"] == "provisions")["schema"]["fields"]
    out.append("## Variables of provisions.csv\n")
    for f in fields:
        entry = f.get("x-codebook")
        if not entry:
            continue
        out += [f"### `{f['name']}`\n", f"**Definition.** {f.get('description', '')}\n",
                f"**Values.** {_values(f)}\n", f"**Decision rule.** {entry['rule']}\n",
                f"**Unknown against false.** {entry['unknown']}\n"]
        examples = [e for e in (_example(r, c, provisions, codings) for r, c in entry.get("examples", [])) if e]
        if examples:
            out += ["**Examples from our rows.**\n", *examples, ""]
    rules = _rows(data_dir, descriptor, "general_rules")
    if rules:
        out.append("## General-part rules in the data\n")
        out += [f"- {r['instrument']} ({r['country']}) Art. {r['article']}: \u201c{r['quote']}\u201d "
                f"[{r['source']}, {r['locator']}]" for r in rules]
        out.append("")
    elements = _rows(data_dir, descriptor, "convention_elements")
    options = [e for e in elements if e["requirement"] != "mandatory"]
    if options:
        out.append("## The Convention's options and reservations\n")
        out.append("Never counted as a shortfall: a provision that does not use one is broader than the Convention's option.\n")
        out += ["| article | element | requirement | the Convention's words |", "|---|---|---|---|"]
        out += [f"| {e['article']} | {e['label']} | {e['requirement']} | {e['text']} |" for e in options]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def write(data_dir: Path, check: bool = False) -> bool:
    """Write (or with ``check``, compare) ``codebook.md`` beside ``datapackage.json``; return True if up to date."""
    from research.data.datadoc import write_generated

    descriptor = read_descriptor(Path(data_dir) / paths.DATAPACKAGE_NAME)
    if "x-codebook" not in descriptor:
        return True
    return write_generated(Path(data_dir) / "codebook.md", render(descriptor, Path(data_dir)), check)
