"""Data text for matplotlib: drawn as written, never read as mathtext (a "$...$" in a country's name is text)."""

from __future__ import annotations


def plain(text) -> str:
    """``text`` with each ``$`` escaped, so that matplotlib draws it literally instead of parsing it as math.

    Axis formatters keep their own mathtext (a log axis's 10²): only the strings passed here are escaped.
    """
    return str(text).replace("$", r"\$")


def plain_all(texts) -> list[str]:
    """:func:`plain` of each text, as a list (for tick labels)."""
    return [plain(t) for t in texts]
