"""Find every quotation of the coded data word for word in the legal texts it cites (`research check-quotes`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from research.data.csvfile import read_csv_strict
from research.data.descriptor import folder_descriptor
from research.data.problems import Problem

# (table, quotation column): every table whose cells quote a source.
QUOTED = (("codings", "quote"), ("general_rules", "quote"), ("coding_second", "quote"), ("convention_elements", "text"))
_PAIRS = (("\u201c", '"'), ("\u201d", '"'), ("\u2018", "'"), ("\u2019", "'"), ("\u00a0", " "))


def normalise(text: str) -> str:
    """Text as compared: typographic quotes straight, line breaks, `>` quote marks, footnote markers and markdown
    emphasis gone, runs of white space one space. Words, their order, case and punctuation are kept."""
    text = re.sub(r"<sup>.*?</sup>", " ", text)
    text = re.sub(r"(?m)^\s*>\s?", " ", text)
    for typographic, plain in _PAIRS:
        text = text.replace(typographic, plain)
    text = text.replace("*", "").replace("\\", "")
    text = re.sub(r"(?<!\w)_|_(?!\w)", "", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class QuoteReport:
    """What a check found: quotations not found (each a located problem), and how many were checked or could not be."""

    missing: list = field(default_factory=list)
    checked: int = 0
    unchecked: dict = field(default_factory=dict)  # source key -> quotations whose source has no text here


def check_quotes(data_dir: Path, text_dirs: list[Path]) -> QuoteReport:
    """Look up each quotation in the text its source key names (``x-texts`` in datapackage.json).

    Parameters
    ----------
    data_dir : Path
        The data folder (its ``datapackage.json`` maps source keys to text file names).
    text_dirs : list of Path
        Folders holding those text files; the first folder holding a file is used.

    Returns
    -------
    QuoteReport
    """
    descriptor = folder_descriptor(data_dir)
    texts = descriptor.get("x-texts", {}).get("files", {})
    cache: dict[str, str | None] = {}
    report = QuoteReport()
    paths = {r["name"]: r["path"] for r in descriptor["resources"]}
    for table, column in QUOTED:
        if table not in paths or not (Path(data_dir) / paths[table]).exists():
            continue
        header = [f["name"] for r in descriptor["resources"] if r["name"] == table for f in r["schema"]["fields"]]
        raw = read_csv_strict(Path(data_dir) / paths[table], header)
        for row, line in zip(raw.rows, raw.lines):
            cells = dict(zip(header, row))
            quote, source = cells.get(column) or "", cells.get("source") or ""
            if not quote:
                continue
            text = _text_of(texts.get(source), text_dirs, cache)
            if text is None:
                report.unchecked[source] = report.unchecked.get(source, 0) + 1
                continue
            report.checked += 1
            if normalise(quote) not in text:
                name = " or ".join(_names(texts.get(source)))
                report.missing.append(Problem(paths[table], line, column, quote[:60],
                                              f"is not found word for word in {name} (source {source})"))
    return report


def _names(entry) -> list[str]:
    # A source key names one text file, or a list when the instrument's stored extracts are split across files.
    if not entry:
        return []
    return [entry] if isinstance(entry, str) else [str(n) for n in entry]


def _text_of(entry, text_dirs: list[Path], cache: dict) -> str | None:
    """The normalised text of the file(s) a source key names, joined; None when none is present."""
    parts = []
    for name in _names(entry):
        if name not in cache:
            found = next((d / name for d in text_dirs if (d / name).is_file()), None)
            cache[name] = normalise(found.read_text(encoding="utf-8")) if found else None
        if cache[name] is not None:
            parts.append(cache[name])
    return "\n".join(parts) if parts else None
