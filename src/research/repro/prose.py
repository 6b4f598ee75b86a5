"""The report's sentences as a reader sees them, for `research diff`: Markdown rendered, citations formatted."""

# A change's context is the sentence of the notebook's prose it sits in, as Pandoc Markdown ("[@key, p. 3]",
# "@tbl-x", "**bold**"). Each is rendered to plain text by Pandoc with citeproc and the bibliography (sandboxed,
# one run for the whole diff), with every {{value}} slot kept as a token the caller fills and marks.

from __future__ import annotations

import re
from pathlib import Path

from research.report.markdown import VALUE, XREF

SEPARATOR = "ZZSEPARATORZZ"
_TOKEN = re.compile(r"ZZVALUE(\d+)ZZ")


def _tokenised(template: str, names: list[str]) -> str:
    def replace(match):
        if match.group(1) not in names:
            names.append(match.group(1))
        return f"ZZVALUE{names.index(match.group(1))}ZZ"

    text = VALUE.sub(replace, template)
    kinds = {"fig": "Figure", "tbl": "Table"}
    return XREF.sub(lambda m: f"{kinds[m.group(1)[:3]]} {m.group(1)}", text)


def render_templates(templates: list[str], references: Path | None) -> dict[str, str]:
    """Each Markdown template rendered to plain text, its ``{{name}}`` slots kept as ``{{name}}``.

    Falls back to the Markdown itself when Pandoc cannot render them (the diff is still written).
    """
    from research.report.sandbox import run_pandoc

    unique = list(dict.fromkeys(t for t in templates if t))
    if not unique:
        return {}
    names: list[str] = []
    source = f"\n\n{SEPARATOR}\n\n".join(_tokenised(t, names) for t in unique)
    args = ["--sandbox", "--wrap=none", "--metadata=suppress-bibliography:true"]
    if references is not None and Path(references).is_file():
        args += ["--citeproc", f"--bibliography={references}"]
    try:
        plain = run_pandoc(source, "plain", "markdown", args)
    except (RuntimeError, OSError):
        return {t: t for t in unique}
    parts = [p.strip() for p in plain.split(SEPARATOR)]
    if len(parts) != len(unique):
        return {t: t for t in unique}
    back = [_TOKEN.sub(lambda m: "{{" + names[int(m.group(1))] + "}}", " ".join(p.split())) for p in parts]
    return dict(zip(unique, back))
