"""The one publisher, used by the build and the sweep: a successful run's files replace the old ones, cache last."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from research.engine import cache
from research.engine.normalise import normalise
from research.files import write_atomic
from research.nb.glue import recorded_inputs

RESULT_FOLDERS = ("figures", "tables")


@dataclass
class Outputs:
    """A finished run's files as bytes, by name relative to the folder they are published in, and its inputs.

    The executed notebook is ``notebooks/<name>.ipynb``, normalised; ``inputs`` maps each data file the
    notebook read (portable path) to its SHA-256. Bytes travel: a Dask worker returns them to the sweep.
    """

    files: dict = field(default_factory=dict)
    inputs: dict = field(default_factory=dict)


def collect(name: str, executed: Path, staging: Path) -> Outputs:
    """Read what a successful run wrote under ``staging`` (figures, tables) and its executed notebook, normalised."""
    nb = normalise(json.loads(Path(executed).read_text(encoding="utf-8")))
    files = {f"{sub}/{f.name}": f.read_bytes() for sub in RESULT_FOLDERS if (Path(staging) / sub).is_dir()
             for f in sorted((Path(staging) / sub).iterdir()) if f.is_file()}
    files[f"notebooks/{name}.ipynb"] = (json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return Outputs(files, recorded_inputs(nb))


def failed_name(name: str) -> str:
    """Where the partly executed notebook of a failed run is kept, relative to the published folder."""
    return f"notebooks/{name}.failed.ipynb"


def publish(target: Path, name: str, outputs: Outputs, key: str, last: str | None = None) -> list[str]:
    """Write a successful run's files into ``target``, then its cache entry; return the names written.

    Parameters
    ----------
    target : Path
        The published folder (the output folder, or ``profiles/`` for the sweep); cache entries go to
        ``target/.cache``.
    name : str
        The notebook (or country) the run was for.
    outputs : Outputs
        From :func:`collect` (and anything the caller added, such as a profile's HTML page).
    key : str
        The run's static cache key.
    last : str, optional
        The file to write last, because its presence marks the result as there (a profile's page).

    Returns
    -------
    list of str
        The relative names written, sorted.
    """
    for rel in sorted(outputs.files, key=lambda rel: rel == last):
        write_atomic(Path(target) / rel, outputs.files[rel])
    (Path(target) / failed_name(name)).unlink(missing_ok=True)  # it no longer describes this run's outputs
    written = sorted(outputs.files)
    cache.write_entry(Path(target) / ".cache", name, key, outputs.inputs, written)
    return written


def keep_failure(target: Path, name: str, partial: bytes | None) -> Path:
    """Keep a failed run's partly executed notebook as ``notebooks/<name>.failed.ipynb``; nothing else is touched."""
    path = Path(target) / failed_name(name)
    if partial is not None:
        write_atomic(path, partial)
    return path
