"""Rebuild from scratch in a temporary folder and compare with the published reference manifest."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

from research import paths
from research.errors import ResearchError
from research.files import write_atomic
from research.repro.manifest import MANIFEST, REFERENCE, compare, read_manifest


@contextlib.contextmanager
def _env(**values):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update({k: v for k, v in values.items() if v is not None})
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def verify(rebuild, reference: Path = REFERENCE, keep: Path | None = None, stream=None, jobs: int = 0,
           certificate_dir: Path | None = None) -> int:
    """Rebuild everything in a temporary folder and compare its manifest with ``reference``.

    The rebuild is labelled with the reference's commit and date (so the title block can match byte for byte);
    everything else comes from the current checkout. Prints one line per output and per changed value. With
    ``certificate_dir``, writes the certificate there (``verification.html`` and ``verification.pdf``, see
    :mod:`research.repro.certificate`).

    Parameters
    ----------
    rebuild : callable
        :func:`research.build.build`, given by the caller: building sits above this layer, which only compares.
    reference : Path
        The reference manifest.
    keep : Path, optional
        Rebuild into this folder and keep it (default: a temporary folder, removed).
    stream : file, optional
        Where the lines go (default: standard output).
    jobs : int
        Notebooks run at once (0: the build's default).
    certificate_dir : Path, optional
        Where to write the certificate.

    Returns
    -------
    int
        0 when every output and every recorded value matches, 1 otherwise.
    """
    from research.engine.config import BuildConfig

    stream = stream if stream is not None else sys.stdout  # the one in use when called, not at import
    if certificate_dir is not None:  # refused now, not after the rebuild
        from research.repro.certificate import check_certificate_dir

        check_certificate_dir(Path(certificate_dir))
    reference = Path(reference)
    if not reference.exists():
        raise ResearchError(f"no reference manifest at {reference}: run `make manifest` to create one")
    ref = read_manifest(reference, "a reference manifest")
    verified = verified_source()  # before the rebuild is labelled with the reference's commit
    folder = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="research-verify-"))
    shipped = []
    try:
        epoch = ref.get("source_date_epoch")
        with _env(SOURCE_DATE_EPOCH=str(epoch) if epoch is not None else None,
                  RESEARCH_SOURCE_COMMIT=ref.get("commit")):
            log = io.StringIO()
            rebuild(BuildConfig(output_dir=folder, force=True, jobs=jobs, stream=log))
        current = read_manifest(folder / MANIFEST)
        if verified["built_from"] == "bundle":
            shipped = shipped_differences(folder)
    finally:
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    comparison = compare(ref, current)
    if shipped:
        comparison.ok = False
        comparison.lines += shipped
    print(f"verify against {reference.relative_to(paths.ROOT) if reference.is_relative_to(paths.ROOT) else reference}"
          f" (reference commit {str(ref.get('commit'))[:12]})", file=stream)
    for line in comparison.lines:
        print(line, file=stream)
    print("all outputs and values match" if comparison.ok else "outputs differ from the reference", file=stream)
    if certificate_dir is not None:
        from research.repro.certificate import write_certificate

        shown = reference.relative_to(paths.ROOT).as_posix() if reference.is_relative_to(paths.ROOT) else reference.name
        page, pdf = write_certificate(Path(certificate_dir), ref, current, shown, verified, shipped)
        print(f"certificate: {page} and {pdf.name}", file=stream)
    return 0 if comparison.ok else 1


def verified_source() -> dict:
    """What a verification checks: the source's commit, whether it is a git checkout or a bundle, and its lock file."""
    from research.files import sha256_file
    from research.repro.manifest import LOCK_FILE
    from research.repro.provenance import source_commit

    saved = os.environ.pop("RESEARCH_SOURCE_COMMIT", None)  # the commit as it is, not as a label says
    try:
        found = source_commit()
    finally:
        if saved is not None:
            os.environ["RESEARCH_SOURCE_COMMIT"] = saved
    lock = sha256_file(LOCK_FILE) if LOCK_FILE.is_file() else None
    return {"commit": found.commit, "built_from": found.origin, "lock": lock}


def shipped_differences(folder: Path, root: Path = paths.ROOT) -> list[str]:
    """In a bundle: each shipped report file (paper.html, paper.pdf) the rebuild in ``folder`` does not match."""
    from research.files import sha256_file

    lines = []
    for name in ("paper.html", "paper.pdf"):
        shipped, rebuilt = Path(root) / name, Path(folder) / name
        if not shipped.is_file() or not rebuilt.is_file() or sha256_file(shipped) != sha256_file(rebuilt):
            lines.append(f"  different  {name}: the rebuilt file differs from the one the bundle ships")
    return lines


def update_reference(output_dir: Path = paths.OUTPUT_DIR, reference: Path = REFERENCE) -> Path:
    """Copy a build's manifest to the reference location (after an intended change to the analysis)."""
    source = Path(output_dir) / MANIFEST
    if not source.exists():
        raise ResearchError(f"{source} does not exist: run `make paper` first")
    write_atomic(reference, source.read_bytes())
    return reference
