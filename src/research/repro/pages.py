"""The Jinja2 templates of the pages repro writes (certificate, diff), with the one filter they share."""

from __future__ import annotations

from research.report.templates import environment


def shown(value) -> str:
    """A value as a page shows it: ``(none)`` for None, else its text (escaped by the template)."""
    return "(none)" if value is None else str(value)


TEMPLATES = environment("research.repro")
TEMPLATES.filters["shown"] = shown
