"""Whether an input may be opened at all: a regular file with one name, never a FIFO, a device or a socket."""

from __future__ import annotations

import os
import stat
from pathlib import Path

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def file_kind_problem(path, single_link: bool = True) -> str | None:
    """Why ``path`` must not be opened as an input, or None (also None when it does not exist: the reader says so).

    Checked with ``stat`` before any ``open``: opening a FIFO for reading would wait for a writer forever. A file
    with more than one hard link (``single_link``) is refused too: another name elsewhere can change it unseen.
    """
    try:
        info = os.stat(Path(path))
    except FileNotFoundError:
        return None
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    for test, kind in _KINDS:
        if test(info.st_mode):
            return f"is {kind}, not a regular file: refusing to open it"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file: refusing to open it"
    if single_link and info.st_nlink > 1:
        return (f"has {info.st_nlink} hard links (another name elsewhere can change it): refusing to read it; "
                "copy the file in instead")
    return None
