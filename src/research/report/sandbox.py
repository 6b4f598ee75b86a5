"""The renderers' sandbox: the CSL style Pandoc gets is a local, independent file, and Pandoc has no network."""

# Pandoc's --sandbox keeps it to the files its command line names, but a dependent CSL style names its parent by URL
# (<link rel="independent-parent" href="http://...">) and Pandoc fetches that parent over HTTP regardless. So a
# dependent style is refused unless its parent is given as a local file (--csl-parent), which is then the style
# Pandoc gets (a dependent style only points at its parent); and every Pandoc run is pointed at a proxy that does
# not exist, so that nothing else it might fetch can reach the network either.

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from research.errors import ParameterError

CSL = "{http://purl.org/net/xbiblio/csl}"
NO_PROXY = "http://127.0.0.1:9"  # the discard port: a connection there fails at once
_ENV_LOCK = threading.Lock()
_USERS = [0]


def _style_links(path: Path, option: str) -> tuple[list[str], bool]:
    """The ``independent-parent`` links of a CSL style file, and whether it holds a citation layout."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError, UnicodeDecodeError) as exc:
        raise ParameterError(f"{option} {path}: is not a CSL style (not readable as XML: {exc})") from None
    if root.tag != f"{CSL}style":
        raise ParameterError(f"{option} {path}: is not a CSL style (its root element is not <style> in the CSL "
                             "namespace)")
    links = [link.get("href", "") for link in root.iter(f"{CSL}link") if link.get("rel") == "independent-parent"]
    return links, root.find(f"{CSL}citation") is not None


def effective_style(csl: Path | None, parent: Path | None = None) -> Path | None:
    """The CSL file Pandoc is given for ``--csl`` (and ``--csl-parent``), checked before anything runs.

    An independent style is used as it is. A dependent style (one naming an ``independent-parent``) is refused
    unless ``parent`` is given: a local, independent style, which is then used (what a dependent style means).

    Raises
    ------
    ParameterError
        In one line naming the file and the rule.
    """
    if csl is None:
        if parent is not None:
            raise ParameterError(f"--csl-parent {parent}: given without --csl (it is the parent of a dependent style)")
        return None
    links, _ = _style_links(Path(csl), "--csl")
    if not links:
        return Path(csl)
    if parent is None:
        raise ParameterError(f"--csl {csl}: is a dependent style (its independent-parent is {links[0][:120]}), which "
                             "would be fetched over the network: give that parent as a local file with --csl-parent")
    if not Path(parent).is_file():
        raise ParameterError(f"--csl-parent {parent}: does not exist or is not a file")
    parent_links, has_citation = _style_links(Path(parent), "--csl-parent")
    if parent_links or not has_citation:
        raise ParameterError(f"--csl-parent {parent}: is not an independent style (it names a parent of its own or "
                             "has no citation layout)")
    return Path(parent)


@contextlib.contextmanager
def no_network():
    """Run the block with every proxy variable pointing to a closed port, so that a child (Pandoc) cannot fetch.

    The variables are set while any thread is in such a block (the HTML and the DOCX are rendered at once) and
    restored when the last one leaves.
    """
    names = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
    with _ENV_LOCK:
        if _USERS[0] == 0:
            _saved.clear()
            _saved.update({n: os.environ.get(n) for n in (*names, "no_proxy", "NO_PROXY")})
            os.environ.update(dict.fromkeys(names, NO_PROXY))
            for n in ("no_proxy", "NO_PROXY"):
                os.environ.pop(n, None)
        _USERS[0] += 1
    try:
        yield
    finally:
        with _ENV_LOCK:
            _USERS[0] -= 1
            if _USERS[0] == 0:
                for n, value in _saved.items():
                    if value is None:
                        os.environ.pop(n, None)
                    else:
                        os.environ[n] = value


_saved: dict = {}
