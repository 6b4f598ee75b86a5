"""The one publisher, used by the build and the sweep: a successful run's files replace the old ones, cache last.

The sweep publishes each country as it finishes (:func:`publish`); the build publishes all or nothing
(:func:`store`, :func:`assemble`, :func:`swap`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import threading
from dataclasses import dataclass, field
from pathlib import Path

from research.engine import cache
from research.engine.normalise import normalise
from research.files import sha256_file, write_atomic
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
    cache.write_entry(Path(target) / ".cache", name, key, outputs.inputs, written, hashes=_hashes(outputs),
                      output_dir=Path(target))
    return written


def keep_failure(target: Path, name: str, partial: bytes | None) -> Path:
    """Keep a failed run's partly executed notebook as ``notebooks/<name>.failed.ipynb``; nothing else is touched."""
    path = Path(target) / failed_name(name)
    if partial is not None:
        write_atomic(path, partial)
    return path


# --------------------------------------------------------------------------------------------------------------
# The build publishes all or nothing. A successful notebook's files go to its store in the cache (so the next build
# is quick), never straight into the output folder; once every notebook has succeeded, the published tree is put
# together in the staging folder (each notebook's stored files, then the report and the manifest) and swapped in,
# with a journal that lets an interrupted swap be finished by the next build.
# --------------------------------------------------------------------------------------------------------------

# the report's files, kept or rebuilt together
REPORT = ("paper.html", "paper.pdf", "paper.docx", ".paper.md", "supplement.html", ".supplement.md")
PUBLISHED = ("notebooks", "figures", "tables", *REPORT, "manifest.json")
CACHE_PUBLISHED = ("report.json", "published.json")  # cache files that describe the published tree
STAGING = ".staging"  # inside the output folder; removed whenever a build ends
FAILED = ".failed"  # the partly executed notebooks of the last failed runs
TREE, JOURNAL = "tree", "swap.json"


def store_root(output_dir: Path) -> Path:
    """Where the build's notebooks keep their last good files and cache entries: ``<output>/.cache/notebooks``."""
    return Path(output_dir) / ".cache" / "notebooks"


def stored_failure(output_dir: Path, name: str) -> Path:
    """Where a build keeps a failed notebook's partly executed copy: ``<output>/.failed/<name>.failed.ipynb``."""
    return Path(output_dir) / FAILED / f"{name}.failed.ipynb"


def store(output_dir: Path, name: str, outputs: Outputs, key: str) -> list[str]:
    """Keep a successful run's files in its store (replacing the last ones whole), then its cache entry.

    Nothing in the published part of the output folder changes; :func:`assemble` and :func:`swap` publish.
    Returns the relative names stored, sorted.
    """
    from research.files import sha256_json

    root = store_root(output_dir)
    folder, fresh = root / name, root / f".{name}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    for rel, data in outputs.files.items():
        write_atomic(fresh / rel, data)
    shutil.rmtree(folder, ignore_errors=True)
    os.replace(fresh, folder)
    stored_failure(output_dir, name).unlink(missing_ok=True)
    written = sorted(outputs.files)
    hashes = _hashes(outputs)
    cache.write_entry(root, name, key, {**outputs.inputs}, written, digest=sha256_json(hashes), hashes=hashes)
    return written


def _hashes(outputs: Outputs) -> dict:
    """The SHA-256 of each output's bytes, by its relative name (recorded in the cache entry, checked on reuse)."""
    return {rel: hashlib.sha256(outputs.files[rel]).hexdigest() for rel in sorted(outputs.files)}


def keep_failed(output_dir: Path, name: str, partial: bytes | None) -> Path:
    """Keep a failed run's partly executed notebook beside the cache (the published notebooks stay as they were)."""
    path = stored_failure(output_dir, name)
    if partial is not None:
        write_atomic(path, partial)
    return path


def staging_dir(output_dir: Path) -> Path:
    """The build's staging folder: ``run/<name>/`` for executions, ``tree/`` for the tree about to be published."""
    return Path(output_dir) / STAGING


def assemble(output_dir: Path, names: list[str]) -> Path:
    """Put the stored files of ``names`` together as the tree to publish, in the staging folder; return it.

    The published report, its stamp and the marker are copied along: the report's own cache then keeps or rebuilds
    them (a report whose inputs changed is dropped or rebuilt, never published with other results).
    """
    tree = staging_dir(output_dir) / TREE
    shutil.rmtree(tree, ignore_errors=True)
    for name in names:
        shutil.copytree(store_root(output_dir) / name, tree, dirs_exist_ok=True)
    for rel in REPORT:
        if (Path(output_dir) / rel).is_file():
            shutil.copy2(Path(output_dir) / rel, tree / rel)
    if (Path(output_dir) / ".cache" / "report.json").is_file():
        (tree / ".cache").mkdir(parents=True, exist_ok=True)
        shutil.copy2(Path(output_dir) / ".cache" / "report.json", tree / ".cache" / "report.json")
    return tree


def published_marker(output_dir: Path, names: list[str]) -> dict:
    """What a published tree is made of: each notebook's cache entry (its key, inputs and output digests)."""
    root = store_root(output_dir)
    return {"notebooks": [[name, sha256_file(cache.entry_path(root, name))] for name in names]}


def is_published(output_dir: Path, names: list[str]) -> bool:
    """True when the published tree was assembled from exactly the notebooks' current stores, and is all there."""
    try:
        marker = json.loads((Path(output_dir) / ".cache" / "published.json").read_text(encoding="utf-8"))
        if marker.get("notebooks") != published_marker(output_dir, names)["notebooks"]:
            return False
        files = [str(rel) for rel in marker.get("files", [])]
    except (OSError, ValueError, AttributeError, TypeError, RecursionError):  # damaged: publish again
        return False
    return all((Path(output_dir) / rel).exists() for rel in files + ["manifest.json"])


def swap(output_dir: Path, names: list[str]) -> None:
    """Replace the published tree by the assembled one: each entry renamed in, the old ones out, then the marker.

    A journal written first lists what to install and what to remove, so that a build killed half way through is
    finished by the next one (:func:`recover`); Ctrl-C and SIGTERM wait until the swap is done.
    """
    tree = staging_dir(output_dir) / TREE
    install = [rel for rel in PUBLISHED if (tree / rel).exists()]
    files = sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file() and ".cache" not in
                   p.relative_to(tree).parts)
    write_atomic(tree / ".cache" / "published.json", json.dumps({**published_marker(output_dir, names),
                                                                 "files": files}, indent=1))
    journal = {"install": install, "remove": [rel for rel in PUBLISHED if rel not in install]}
    write_atomic(staging_dir(output_dir) / JOURNAL, json.dumps(journal))
    with signals_deferred():
        _apply(output_dir, journal)
    shutil.rmtree(staging_dir(output_dir), ignore_errors=True)  # the old tree, and what is left of the new one


def recover(output_dir: Path) -> None:
    """Finish a swap a killed build left half done, then remove whatever else its staging folder holds."""
    staging = staging_dir(output_dir)
    journal = staging / JOURNAL
    if journal.is_file():
        with contextlib.suppress(ValueError, OSError, RecursionError):
            entries = json.loads(journal.read_text(encoding="utf-8"))
            # A damaged journal is ignored: only the build's own names are ever moved (never "../x" or a user's file).
            if isinstance(entries, dict) and all(isinstance(entries.get(k), list) and
                                                 all(rel in PUBLISHED for rel in entries[k]) for k in ("install",
                                                                                                       "remove")):
                _apply(output_dir, entries)
    shutil.rmtree(staging, ignore_errors=True)


def _apply(output_dir: Path, journal: dict) -> None:
    # Idempotent: an entry still in the tree is not yet installed; one listed for removal is old wherever it is.
    output_dir, staging = Path(output_dir), staging_dir(output_dir)
    tree, old = staging / TREE, staging / "old"
    old.mkdir(parents=True, exist_ok=True)
    for rel in journal["install"]:
        if (tree / rel).exists() or (tree / rel).is_symlink():
            if (output_dir / rel).exists() or (output_dir / rel).is_symlink():
                os.replace(output_dir / rel, old / rel)
            os.replace(tree / rel, output_dir / rel)
    for rel in journal["remove"]:
        if (output_dir / rel).exists() or (output_dir / rel).is_symlink():
            os.replace(output_dir / rel, old / rel)
    (output_dir / ".cache").mkdir(exist_ok=True)
    for rel in CACHE_PUBLISHED:
        if (tree / ".cache" / rel).is_file():
            os.replace(tree / ".cache" / rel, output_dir / ".cache" / rel)
        elif rel == "report.json":
            (output_dir / ".cache" / rel).unlink(missing_ok=True)
    (staging / JOURNAL).unlink(missing_ok=True)


@contextlib.contextmanager
def signals_deferred():
    """Hold Ctrl-C and SIGTERM until the block is done (in the main thread; elsewhere nothing is changed)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught, saved = [], {}
    for sig in (signal.SIGINT, signal.SIGTERM):
        saved[sig] = signal.signal(sig, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        if caught:
            signal.raise_signal(caught[0])
