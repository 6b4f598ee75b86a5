"""Read references.bib with bibtexparser 2 and report malformed or duplicate entries by line."""

from __future__ import annotations

import logging
from pathlib import Path

from research.errors import BibliographyError
from research.problems import Problem


def read_library(path: Path):
    """Parse a BibTeX file.

    Parameters
    ----------
    path : Path
        The ``.bib`` file.

    Returns
    -------
    bibtexparser.Library
        The parsed library.

    Raises
    ------
    BibliographyError
        If the file is missing, not UTF-8, or any block fails to parse or repeats a key; the message lists
        every such block with its 1-based line.
    """
    import bibtexparser

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BibliographyError(f"{path.name}: file is missing") from None
    except UnicodeDecodeError as exc:
        raise BibliographyError(f"{path.name}: is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(text)
    finally:
        logger.setLevel(level)
    problems = []
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        kind = type(block).__name__
        if kind == "DuplicateBlockKeyBlock":
            problems.append(Problem(path.name, line, "key", block.key, "is a duplicate entry key"))
        else:
            first = block.raw.strip().splitlines()[0] if block.raw.strip() else ""
            problems.append(Problem(path.name, line, None, first[:60], "is not a well-formed BibTeX entry"))
    if problems:
        raise BibliographyError(
            f"{len(problems)} problem(s) in {path.name}:\n" + "\n".join(f"  {p}" for p in problems)
        )
    return library


def bib_keys(path: Path) -> set[str]:
    """Return the set of entry keys in a BibTeX file (see :func:`read_library` for errors)."""
    return {entry.key for entry in read_library(path).entries}
