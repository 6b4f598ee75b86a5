"""The one place the command line becomes folders: an option, else its environment variable, else the default."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from research import paths

FOLDERS = {  # option -> (environment variable, default)
    "data_dir": ("DATA_DIR", paths.DATA_DIR),
    "output_dir": ("OUTPUT_DIR", paths.OUTPUT_DIR),
    "references": ("REFERENCES", paths.REFERENCES),
}


def folders(args, *names: str) -> dict[str, Path]:
    """The folders a command works on, from ``args`` (argparse), the environment or the project's defaults.

    Parameters
    ----------
    args : argparse.Namespace
    names : str
        Which of ``data_dir``, ``output_dir``, ``references`` to give (all three by default).

    Returns
    -------
    dict of str to Path
    """
    out = {}
    for name in names or FOLDERS:
        variable, fallback = FOLDERS[name]
        given = getattr(args, name, None) or os.environ.get(variable)
        out[name] = Path(given) if given else fallback
    return out


def add_folder_options(parser, *names: str, what: str = "") -> None:
    """Add ``--data-dir``, ``--output-dir`` and/or ``--references`` with their environment variables in the help."""
    helps = {
        "data_dir": "folder with datapackage.json and the CSVs (env DATA_DIR; default data/)",
        "output_dir": what or "where everything generated goes (env OUTPUT_DIR; default output/)",
        "references": "BibTeX file (env REFERENCES; default references.bib)",
    }
    for name in names or FOLDERS:
        parser.add_argument("--" + name.replace("_", "-"), help=helps[name])


def count(text: str) -> int:
    """An argparse type: a whole number, 0 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is negative: give 0 or more")
    return value


SCHEDULER_SCHEMES = ("tcp", "tls", "ucx", "ws", "wss")
_HOST = re.compile(r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                   r"[A-Za-z0-9])?)*$")


def scheduler_address(text: str) -> str:
    """An argparse type: a Dask scheduler's address, ``[SCHEME://]HOST:PORT`` (checked here, before any wait)."""
    import ipaddress
    from urllib.parse import urlsplit

    shown = text if len(text) <= 80 else text[:77] + "..."
    rule = f"{shown!r} is not a scheduler address: give SCHEME://HOST:PORT, e.g. tcp://127.0.0.1:8786"
    given = text if "://" in text else f"tcp://{text}"
    try:
        parts = urlsplit(given)
        port = parts.port
    except ValueError:
        raise argparse.ArgumentTypeError(rule) from None
    host = parts.hostname or ""
    if parts.scheme not in SCHEDULER_SCHEMES or port is None or not 0 < port < 65536 or parts.path not in ("", "/") \
            or parts.query or parts.fragment or parts.username or parts.password or not host:
        raise argparse.ArgumentTypeError(rule)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not _HOST.match(host) or len(host) > 253:
            raise argparse.ArgumentTypeError(rule) from None
    return text
