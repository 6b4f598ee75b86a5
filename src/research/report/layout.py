"""How a table is set: column widths from its content, a long value repeated down a column said once, wide tables."""

# The printer lays tables out fixed (its automatic layout measured every cell and cost the PDF some 20 seconds), so
# each table carries its own column widths, computed here from its text at build time: Pandoc gives a pipe table the
# relative widths of the dashes under its header when a line of it is longer than its column setting.

from __future__ import annotations

import re

SEPARATOR_WIDTH = 120  # dashes under the header: longer than Pandoc's 72 columns, so the widths are always used
REPEAT_LENGTH = 30  # a value this long, the same as the cell above, is printed once and then "as above"
AS_ABOVE = "as above"
WIDE_COLUMNS = 9  # a table of this many columns prints on a landscape page
PORTRAIT_LINE, LANDSCAPE_LINE = 130, 195  # characters of table text (7.5 pt) across an A4 page, portrait, landscape
PADDING = 3  # characters' worth of a cell's padding
WIDE_LETTERS = 1.15  # a long word's letters are wider than the average character the line is counted in
KEEP_CHARACTERS = 2400  # a table with no more text than this fits on a page: it is never broken (caption kept with it)


def _words(text: str) -> list[str]:
    return re.split(r"[\s/]+", str(text).strip()) if str(text).strip() else []


CITATION = 24  # characters of a printed author-date citation ("(Kingdom of Cambodia 2014)"), whatever its key


def column_weights(header: list[str], rows: list[list[str]], line: int | None = None,
                   citations: set | frozenset = frozenset()) -> list[float]:
    """A width per column, in characters of a line of ``line`` (a portrait or, for a wide table, landscape line).

    Each column first gets its longest word (which cannot wrap; header words too) and a little padding; what is
    left of the line goes to the columns whose cells are longer on average, in proportion to what they lack of their
    mean length (at most the line: longer text wraps). A column in ``citations`` holds keys, which print as
    author-date citations of about :data:`CITATION` characters each.
    """
    line = line or (LANDSCAPE_LINE if is_wide(header) else PORTRAIT_LINE)
    least, wanted = [], []
    for i, head in enumerate(header):
        cells = [str(row[i]) for row in rows if i < len(row)]
        if i in citations:  # a key prints as a citation: short words, about CITATION characters per key
            cells = [" ".join(["x" * 9] * (CITATION // 10) * len(c.split(";"))) for c in cells]
        longest_word = max((len(w) for text in [head, *cells] for w in _words(text)), default=1)
        mean = sum(len(c) for c in cells) / len(cells) if cells else len(head)
        least.append(longest_word * WIDE_LETTERS + PADDING)
        wanted.append(max(longest_word, min(mean, line)) + PADDING)
    spare = line - sum(least)
    lacking = [w - m for w, m in zip(wanted, least)]
    if spare <= 0 or not sum(lacking):
        return least
    share = min(1.0, spare / sum(lacking))
    return [m + share * lack for m, lack in zip(least, lacking)]


def separator(weights: list[float]) -> str:
    """A pipe table's header rule whose dashes share :data:`SEPARATOR_WIDTH` in proportion to ``weights``."""
    total = sum(weights) or 1
    return "|" + "|".join("-" * max(3, round(SEPARATOR_WIDTH * w / total)) for w in weights) + "|"


def said_once(rows: list[list[str]], keep: set | frozenset = frozenset()) -> list[list[str]]:
    """The rows with a long value that repeats the cell above it replaced by :data:`AS_ABOVE`: a penalty range that
    covers six articles is printed once. Columns in ``keep`` (citations) are left whole."""
    out = [list(row) for row in rows]
    for r in range(1, len(rows)):
        for c, cell in enumerate(rows[r]):
            if c not in keep and len(str(cell)) >= REPEAT_LENGTH and c < len(rows[r - 1]) and rows[r - 1][c] == cell:
                out[r][c] = AS_ABOVE
    return out


def is_wide(header: list[str]) -> bool:
    """Whether a table has too many columns for a portrait page."""
    return len(header) >= WIDE_COLUMNS


def fits_a_page(header: list[str], rows: list[list[str]]) -> bool:
    """Whether a table is short enough to be printed whole on one page (so its caption never stands alone)."""
    return sum(len(str(c)) for row in [header, *rows] for c in row) <= KEEP_CHARACTERS and len(rows) <= 20
