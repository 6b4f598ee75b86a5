"""What a screen reader needs from the page: the document's language and a heading outline it can follow.

The title is the page's one h1; sections are h2, their parts h3, and so on, never skipping a level (a notebook's
prose starts its headings at ``##``). The build checks the HTML it renders and stops with one line naming the
first heading out of order.
"""

from __future__ import annotations

from research.errors import ReportError
from research.report.page import read_page


def heading_outline(page: str) -> list[tuple[int, str]]:
    """The headings of an HTML page in order, as (level, text), read with html.parser
    (:func:`research.report.page.read_page`)."""
    return list(read_page(page).headings)


def heading_problems(outline: list[tuple[int, str]]) -> list[str]:
    """Where an outline breaks the rules: exactly one h1, first; no heading deeper than one below the one before."""
    problems = []
    h1 = [text for level, text in outline if level == 1]
    if len(h1) != 1:
        problems.append(f"the page has {len(h1)} h1 headings ({'; '.join(h1) or 'none'}); only the title may be one "
                        "(section headings start at ##)")
    if outline and outline[0][0] != 1:
        problems.append(f"the first heading is {outline[0][1]!r} (h{outline[0][0]}), not the title")
    for (before, before_text), (level, text) in zip(outline, outline[1:]):
        if level > before + 1:
            problems.append(f"heading {text!r} (h{level}) follows {before_text!r} (h{before}), skipping a level")
    return problems


def page_language(page: str) -> str | None:
    """The ``lang`` of the page's ``<html>`` element, or None."""
    return read_page(page).lang


def check_page(page: str) -> None:
    """Raise :class:`ReportError` with one line for the first accessibility problem of the rendered page, if any."""
    if not page_language(page):
        raise ReportError("the report's HTML has no lang attribute (set lang in the title metadata)")
    problems = heading_problems(heading_outline(page))
    if problems:
        raise ReportError(f"heading order: {problems[0]}")
