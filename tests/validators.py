"""Validators with pins of their own (cffconvert, roc-validator), each in a virtual environment of its own.

Made once from PyPI by the test set-up and kept in ``.venv/validators/<name>`` (beside the project's environment,
which they would break: cffconvert pins an old jsonschema), then reused; the validators themselves run offline.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / ".venv" / "validators"


def validator_bin(name: str, *requirements: str) -> Path:
    """The ``bin`` folder of the environment ``name`` with ``requirements`` installed (made on first use)."""
    folder = HOME / name
    done = folder / ".installed"
    wanted = " ".join(requirements)
    if not done.is_file() or done.read_text() != wanted:
        venv.EnvBuilder(with_pip=True, clear=True).create(folder)
        subprocess.run([str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", *requirements],
                       check=True, stdout=sys.stderr)
        done.write_text(wanted)
    return folder / "bin"
