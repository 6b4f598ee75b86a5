"""The renderers' sandbox: the CSL style Pandoc gets is a local, independent file, and Pandoc has no network."""

# Pandoc's --sandbox keeps it to the files its command line names, but a dependent CSL style names its parent by URL
# (<link rel="independent-parent" href="http://...">) and Pandoc fetches that parent over HTTP regardless. So a
# dependent style is refused unless its parent is given as a local file (--csl-parent), which is then the style
# Pandoc gets (a dependent style only points at its parent); and every Pandoc run is pointed at a proxy that does
# not exist, so that nothing else it might fetch can reach the network either.

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from research.errors import ParameterError

CSL = "{http://purl.org/net/xbiblio/csl}"
NO_PROXY = "http://127.0.0.1:9"  # the discard port: a connection there fails at once


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


def _die_with_parent() -> None:
    # In the child, between fork and exec: ask the kernel for SIGKILL when the parent dies (even by SIGKILL).
    # Only the prctl call, resolved in the parent: nothing here may take a lock or allocate.
    _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)


def _prctl():
    import ctypes
    import ctypes.util

    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux: the build's own handlers still end the child
        return None


_PR_SET_PDEATHSIG = 1
_PRCTL = _prctl() if sys.platform.startswith("linux") else None


def sandbox_env() -> dict:
    """The environment Pandoc runs in: ours, with every proxy pointing to a closed port and none bypassed."""
    names = ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
    env = {k: v for k, v in os.environ.items() if k not in ("no_proxy", "NO_PROXY")}
    env.update(dict.fromkeys(names, NO_PROXY))
    return env


def run_pandoc(text: str, to: str, fmt: str, args: list[str], cwd: str | None = None, on_start=None) -> str:
    """Run Pandoc on ``text`` (``--sandbox`` is for the caller to give) and return what it wrote to standard output.

    The child dies with the build: it is killed if the build is interrupted (Ctrl-C, or SIGTERM taken as Ctrl-C)
    while it runs, and the kernel kills it if the build is killed outright (parent-death signal). ``on_start`` is
    called with its process id (tests use it).

    Raises
    ------
    RuntimeError
        With Pandoc's message, when it fails (as :func:`pypandoc.convert_text` does).
    """
    import pypandoc

    command = [pypandoc.get_pandoc_path(), f"--from={fmt}", f"--to={to}", *args]
    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                            env=sandbox_env(), preexec_fn=_die_with_parent if _PRCTL else None)
    try:
        if on_start is not None:
            on_start(proc.pid)
        out, err = proc.communicate(text.encode("utf-8"))
    finally:
        if proc.poll() is None:  # interrupted: do not leave Pandoc running
            proc.kill()
            proc.wait()
    if proc.returncode != 0:
        raise RuntimeError(f"Pandoc died with exitcode \"{proc.returncode}\" during conversion: "
                           f"{err.decode('utf-8', errors='replace').strip()}")
    return out.decode("utf-8")
