"""What a references.bib entry may hold: keys of the one citation-key rule, LaTeX that only formats text, web links.

A bibliography is untrusted input: Pandoc reads its fields as LaTeX, so ``\\includegraphics{/etc/passwd}`` in a title
would embed that file in the report and ``\\href{javascript:...}`` would become a live link. Every command is checked
against a list of the ones that format text; the targets of ``\\url``, ``\\href`` and the ``url`` and ``doi`` fields
must be ``http``, ``https`` or ``doi`` addresses. Each problem is located: ``references.bib:NN: title: ...``.
"""

from __future__ import annotations

import functools
import json
import re
from urllib.parse import urlsplit

from research.data.descriptor import project_descriptor
from research.data.problems import Problem
from research.errors import DataValidationError

# The key rule of Pandoc and BibTeX alike; the project's datapackage.json states it once (``x-citekey``).
DEFAULT_CITEKEY = r"[A-Za-z0-9_](?:[A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])?"
SAFE_SCHEMES = ("http", "https", "doi")

# Commands that only format text: emphasis and font changes, accents, letters, escaped specials, spaces, quotes.
_FORMATTING_NAMES = (
    "emph textit textbf textsc textsl texttt textup textrm textsf textmd textnormal textsuperscript textsubscript "
    "underline em it bf sc sl tt rm sf up md itshape bfseries scshape slshape ttfamily rmfamily sffamily upshape "
    "mdseries normalfont nocase mkbibquote enquote mkbibemph mkbibitalic mkbibbold "
    "i j o O l L ss SS aa AA ae AE oe OE dh DH th TH ng NG "
    "u v H c d b t r k G U h "
    "textendash textemdash ldots dots textellipsis textquoteleft textquoteright textquotedblleft textquotedblright "
    "guillemotleft guillemotright textasciitilde textasciicircum textbackslash textbar textless textgreater "
    "textunderscore textdollar textpercent textampersand textbullet textperiodcentered textdegree textsection "
    "S P copyright textcopyright textregistered texttrademark euro texteuro pounds textsterling yen "
    "LaTeX TeX BibTeX relax space nobreakspace quad qquad hspace"
)
FORMATTING = frozenset(_FORMATTING_NAMES.split())
SYMBOLS = frozenset("'`^\"~=.&%$#_{} ,;:!-/\\@()[]|\n\t")  # control symbols: accents, escaped specials, spaces, \\ (line break)
LINK_COMMANDS = ("url", "href")
_COMMAND = re.compile(r"\\(?:([A-Za-z@]+)|(.))", re.DOTALL)
_UNSAFE_CHARACTER = re.compile(r"[\s\x00-\x1f\x7f]")
_DOI = re.compile(r"(?:doi:|https?://(?:dx\.)?doi\.org/)?10\.[0-9]{4,9}/\S+", re.IGNORECASE)


def citekey_pattern() -> str:
    """The citation-key rule stated once in the project's ``datapackage.json`` (``x-citekey``), else Pandoc's."""
    try:
        return str(project_descriptor()["x-citekey"]["pattern"])
    except (DataValidationError, KeyError, TypeError):
        return DEFAULT_CITEKEY


def safe_target(target: str) -> bool:
    """True for an absolute ``http``, ``https`` or ``doi`` address with no white space or control characters."""
    target = target.strip()
    if not target or _UNSAFE_CHARACTER.search(target):
        return False
    try:
        parts = urlsplit(target)
    except ValueError:
        return False
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return False
    return bool(parts.netloc) if parts.scheme.lower() != "doi" else bool(parts.path)


def _argument(text: str, start: int) -> tuple[str | None, int]:
    """The brace-delimited argument at ``start`` (after spaces) and the index after it; None without one."""
    i = start
    while i < len(text) and text[i] in " \t\n":
        i += 1
    if i >= len(text) or text[i] != "{":
        return None, start
    depth, j = 0, i
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i + 1 : j], j + 1
        j += 1
    return None, start


def command_problems(value: str) -> list[str]:
    """What is wrong with the LaTeX in one field value: each command that does more than format text."""
    if "\\" not in value:
        return []
    found = []
    for match in _COMMAND.finditer(value):
        name, symbol = match.groups()
        if symbol is not None:
            if symbol not in SYMBOLS:
                found.append(f"\\{symbol} is not allowed")
            continue
        if name in LINK_COMMANDS:
            target, _ = _argument(value, match.end())
            if target is None:
                found.append(f"\\{name} needs its target in braces")
            elif not safe_target(target.replace("\\", "")):
                found.append(f'\\{name} target "{target[:60]}" is not allowed: only http, https and doi links')
        elif name not in FORMATTING:
            found.append(f"\\{name} is not allowed")
    return list(dict.fromkeys(found))


def field_problems(field: str, value: str) -> list[str]:
    """Every problem of one field: its LaTeX, and for ``url`` and ``doi`` the address itself."""
    found = command_problems(value)
    if field not in ("url", "doi"):
        return found
    bare = value.strip()
    link = re.fullmatch(r"\\url\s*\{(.*)\}", bare, re.DOTALL)
    if link:
        bare = link.group(1).strip()
    if field == "url" and not link and not safe_target(bare.replace("\\", "")):
        found.append(f'"{bare[:60]}" is not allowed: only http, https and doi links')
    if field == "doi" and not _DOI.fullmatch(bare):
        found.append(f'"{bare[:60]}" is not a DOI (10.NNNN/...)')
    return found


def entry_problems(library, file: str, key_pattern: str | None = None) -> list[Problem]:
    """Every problem of the parsed entries: keys breaking the citation-key rule, unsafe LaTeX or links, a field twice.

    Parameters
    ----------
    library : bibtexparser.Library
        The parsed file.
    file : str
        Its name, for the problems' locations.
    key_pattern : str, optional
        The citation-key rule (default: :func:`citekey_pattern`).

    Returns
    -------
    list of Problem
        Located at the line of the key or field (1-based).
    """
    rule = re.compile(f"(?:{key_pattern or citekey_pattern()})\\Z")
    problems = []
    for entry in library.entries:
        line = (entry.start_line or 0) + 1
        if not rule.match(entry.key):
            problems.append(Problem(file, line, "key", entry.key,
                                    "is not a valid citation key (letters, digits and _, with :.#$%&-+?<>~/ inside)"))
        problems += fields_problems(file, entry.key, entry.fields)
    for string in getattr(library, "strings", []):
        for rule_text in command_problems(str(string.value)):
            problems.append(Problem(file, (string.start_line or 0) + 1, string.key, None, rule_text))
    for preamble in getattr(library, "preambles", []):
        for rule_text in command_problems(str(preamble.value)):
            problems.append(Problem(file, (preamble.start_line or 0) + 1, "preamble", None, rule_text))
    return problems


def _unenclosed(value: str) -> str:
    # Entries that failed to parse keep their values as written, in braces or quotes.
    value = value.strip()
    if len(value) >= 2 and (value[0], value[-1]) in (("{", "}"), ('"', '"')):
        return value[1:-1]
    return value


def fields_problems(file: str, key: str, fields) -> list[Problem]:
    """The problems of one entry's fields, a field given twice (BibTeX field names ignore case) among them."""
    problems, seen = [], set()
    for field in fields:
        name = field.key.lower()
        line = (field.start_line or 0) + 1
        if name in seen:
            problems.append(Problem(file, line, field.key, None, f"is given twice in entry {key}: keep one"))
        seen.add(name)
        value = _unenclosed(str(field.value))
        problems += [Problem(file, line, field.key, None, text) for text in field_problems(name, value)]
    return problems


def pandoc_problems(text: str, library, file: str) -> list[Problem]:
    """What Pandoc itself reads from the file: each entry's link and DOI after ``@string`` expansion and ``#``
    concatenation, and each key it can read (one it drops is a problem at the entry's line).

    Pandoc's own parse (``-f bibtex -t csljson``, sandboxed) is what the report will use, so a ``javascript:`` link
    assembled from strings is refused here, before any notebook runs, at the line of its entry.
    """
    items = _pandoc_items(text)
    if items is None:
        return [Problem(file, None, None, None, "cannot be read by Pandoc's BibTeX reader")]
    lines = {entry.key: entry for entry in library.entries}
    problems, read = [], set()
    for item in items:
        key = str(item.get("id", "")) if isinstance(item, dict) else ""
        read.add(key)
        entry = lines.get(key)
        for field, check in (("URL", lambda v: safe_target(v)), ("DOI", lambda v: bool(_DOI.fullmatch(v)))):
            value = item.get(field) if isinstance(item, dict) else None
            if isinstance(value, str) and not check(value):
                line = _field_line(entry, field.lower())
                problems.append(Problem(file, line, field.lower(), key or None,
                                        f'reads as "{value[:60]}" once Pandoc expands it: only http, https and doi '
                                        "links" if field == "URL" else f'reads as "{value[:60]}": not a DOI'))
        for field, value in _strings(item):
            if _SCHEME_IN_TEXT.search(value):
                problems.append(Problem(file, _field_line(entry, field.lower()), field.lower(), key or None,
                                        f'reads as "{value[:60]}" once Pandoc expands it: a link that is not http, '
                                        "https or doi"))
    for key, entry in lines.items():
        if key not in read:
            problems.append(Problem(file, (entry.start_line or 0) + 1, "key", key,
                                    "is a key Pandoc cannot read: the report could not cite it"))
    return problems


_SCHEME_IN_TEXT = re.compile(r"(?i)\b(?:javascript|vbscript|file|data)\s*:\S")


def _strings(item, field: str = ""):
    # Every text in a CSL JSON item (names and dates included), with the top-level field it is in.
    if isinstance(item, str):
        yield field, item
    elif isinstance(item, dict):
        for key, value in item.items():
            yield from _strings(value, field or str(key))
    elif isinstance(item, list):
        for value in item:
            yield from _strings(value, field)


def _field_line(entry, name: str) -> int | None:
    if entry is None:
        return None
    for field in entry.fields:
        if field.key.lower() == name:
            return (field.start_line or 0) + 1
    return (entry.start_line or 0) + 1


@functools.lru_cache(maxsize=4)
def _pandoc_items(text: str) -> list | None:
    import pypandoc

    try:
        out = pypandoc.convert_text(text, "csljson", format="bibtex", extra_args=["--sandbox"])
        items = json.loads(out)
    except (RuntimeError, OSError, ValueError):
        return None
    return items if isinstance(items, list) else None
