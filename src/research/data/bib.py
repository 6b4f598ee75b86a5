"""Read references.bib with bibtexparser 2 and report malformed or duplicate entries by line."""

from __future__ import annotations

import logging
from pathlib import Path

from research.data.bibcheck import entry_problems, fields_problems, pandoc_problems
from research.data.filekind import file_kind_problem
from research.data.problems import Problem
from research.errors import BibliographyError


def read_library(path: Path, key_pattern: str | None = None):
    """Parse a BibTeX file and check what its entries may hold (:mod:`research.data.bibcheck`).

    Parameters
    ----------
    path : Path
        The ``.bib`` file.
    key_pattern : str, optional
        The citation-key rule (default: the project's ``x-citekey``).

    Returns
    -------
    bibtexparser.Library
        The parsed library.

    Raises
    ------
    BibliographyError
        If the file is missing, not UTF-8, or any block fails to parse, repeats a key or a field, has a key
        outside the citation-key rule, LaTeX that does more than format text or a link that is not http, https
        or doi; the message lists every such problem with its 1-based line.
    """
    import bibtexparser

    path = Path(path)
    refused = file_kind_problem(path, single_link=False)
    if refused and not path.is_dir():
        raise _error(f"{path}: {refused}", [Problem(path.name, None, None, None, refused)])
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise _error(f"{path.name}: file is missing", [Problem(path.name, None, None, None, "file is missing")]) from None
    except IsADirectoryError:
        rule = "is a folder, not a BibTeX file"
        raise _error(f"{path}: {rule}", [Problem(path.name, None, None, None, rule)]) from None
    except OSError as exc:
        rule = f"cannot be read ({exc.strerror})"
        raise _error(f"{path.name}: {rule}", [Problem(path.name, None, None, None, rule)]) from None
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text() would
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        rule = f"is not valid UTF-8 ({exc.reason} at byte {exc.start})"
        raise _error(f"{path.name}: {rule}", [Problem(path.name, line, None, None, rule)]) from None
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        library = bibtexparser.parse_string(text)
    finally:
        logger.setLevel(level)
    problems = entry_problems(library, path.name, key_pattern)
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        kind = type(block).__name__
        if kind == "DuplicateBlockKeyBlock":
            problems.append(Problem(path.name, line, "key", block.key, "is a duplicate entry key"))
        elif kind == "DuplicateFieldKeyBlock":  # named, with the rest of the entry's problems
            entry = block.ignore_error_block
            problems += fields_problems(path.name, entry.key, entry.fields)
        else:
            first = block.raw.strip().splitlines()[0] if block.raw.strip() else ""
            problems.append(Problem(path.name, line, None, first[:60], "is not a well-formed BibTeX entry"))
    if not problems:  # the file as Pandoc reads it (strings expanded, parts joined), once it is well-formed
        problems = pandoc_problems(text, library, path.name)
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise _error(f"{len(problems)} problem(s) in {path.name}:\n" + "\n".join(f"  {p}" for p in problems), problems)
    return library


def _error(message: str, problems: list[Problem]) -> BibliographyError:
    # The problems ride along on the exception so that data validation can list them with the rest.
    return BibliographyError(message, problems)


def bib_keys(path: Path) -> set[str]:
    """Return the set of entry keys in a BibTeX file (see :func:`read_library` for errors)."""
    return {entry.key for entry in read_library(path).entries}
