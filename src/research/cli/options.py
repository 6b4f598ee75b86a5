"""The one place the command line becomes folders: an option, else its environment variable, else the default."""

from __future__ import annotations

import argparse
import os
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
