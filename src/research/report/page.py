"""Read a rendered HTML page with a parser (the standard library's): its language, headings, link targets, text runs."""

# The accessibility check (a11y), the link check (links) and the CJK marking (render) each need part of what one pass
# of html.parser finds; a page is read once and the reading kept for the next check of the same page, since the
# supplement of a large data set is megabytes of HTML.

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser

RAW_TEXT = ("script", "style")  # elements whose content is code, not text a reader sees
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
LINK_ATTRIBUTES = ("href", "xlink:href")
RESOURCE_ATTRIBUTES = ("src", "srcset", "poster", "data", "action", "formaction", "background")
TARGET_ATTRIBUTES = LINK_ATTRIBUTES + RESOURCE_ATTRIBUTES


@dataclass
class Reading:
    """What a page holds, in document order.

    Attributes
    ----------
    lang : str or None
        The ``lang`` of the ``<html>`` element.
    headings : list of (int, str)
        Each heading's level and its text (tags dropped, character references resolved, white space collapsed).
    targets : list of (str, str, str)
        ``(tag, attribute, value)`` for every attribute of :data:`TARGET_ATTRIBUTES` that has a value.
    text_runs : list of (int, int)
        Where each run of text between two pieces of markup starts and ends in the page (offsets into the string,
        character references included as written), outside :data:`RAW_TEXT` elements.
    """

    lang: str | None = None
    headings: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    text_runs: list = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.reading = Reading()
        # offset of each line's start, so that the parser's (line, column) positions become offsets into the page
        self._lines = [0]
        end = page.find("\n")
        while end >= 0:
            self._lines.append(end + 1)
            end = page.find("\n", end + 1)
        self._run_start: int | None = None
        self._raw = False
        self._heading: tuple[int, list] | None = None
        self._size = len(page)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    def _markup(self) -> None:
        """Any piece of markup ends the text run being read."""
        if self._run_start is not None:
            self.reading.text_runs.append((self._run_start, self._offset()))
            self._run_start = None

    def handle_data(self, data):
        if self._raw:
            return
        if self._run_start is None:
            self._run_start = self._offset()
        if self._heading is not None:
            self._heading[1].append(data)

    def handle_starttag(self, tag, attrs):
        self._markup()
        if tag == "html" and self.reading.lang is None:
            self.reading.lang = dict(attrs).get("lang") or None
        for name, value in attrs:
            if name in TARGET_ATTRIBUTES and value is not None:
                self.reading.targets.append((tag, name, value))
        if tag in HEADINGS and self._heading is None:
            self._heading = (int(tag[1]), [])
        self._raw = tag in RAW_TEXT

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._raw = False

    def handle_endtag(self, tag):
        self._markup()
        if self._heading is not None and tag == f"h{self._heading[0]}":
            level, parts = self._heading
            self.reading.headings.append((level, " ".join("".join(parts).split())))
            self._heading = None
        if tag in RAW_TEXT:
            self._raw = False

    def handle_comment(self, data):
        self._markup()

    handle_decl = handle_pi = unknown_decl = handle_comment

    def close(self):
        super().close()
        if self._run_start is not None:
            self.reading.text_runs.append((self._run_start, self._size))
            self._run_start = None


@functools.lru_cache(maxsize=4)
def read_page(page: str) -> Reading:
    """The :class:`Reading` of ``page`` (kept for the last few pages read: do not change what it returns)."""
    reader = _Reader(page)
    reader.feed(page)
    reader.close()
    return reader.reading
