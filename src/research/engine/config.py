"""What a build reads and writes (``BuildConfig``), the section notebooks, and the checks that protect the inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from research import paths
from research.errors import BuildError, ParameterError

SECTION_GLOB = "[0-9][0-9]-*.ipynb"


@dataclass
class BuildConfig:
    """Where a build reads and writes, and how."""

    data_dir: Path = paths.DATA_DIR
    output_dir: Path = paths.OUTPUT_DIR
    references: Path = paths.REFERENCES
    notebooks_dir: Path = paths.NOTEBOOKS_DIR
    parameters: dict = field(default_factory=dict)
    jobs: int = 0
    force: bool = False
    report: bool = True
    csl: Path | None = None
    csl_parent: Path | None = None  # the local parent of a dependent --csl style (never fetched)
    stream: object = None  # where progress goes; None means standard output

    def resolved(self) -> BuildConfig:
        """This configuration with its folders made absolute (so notebooks and caches never depend on the cwd)."""
        self.data_dir = Path(self.data_dir).resolve()
        self.output_dir = Path(self.output_dir).resolve()
        self.references = Path(self.references).resolve()
        self.notebooks_dir = Path(self.notebooks_dir).resolve()
        return self


def section_notebooks(notebooks_dir: Path) -> list[Path]:
    """Return the section notebooks in the paper's order (their file names start with a two-digit number).

    Raises
    ------
    BuildError
        If there are none.
    """
    found = sorted(Path(notebooks_dir).glob(SECTION_GLOB))
    if not found:
        raise BuildError(f"no section notebooks in {notebooks_dir}")
    return found


def _inside(child: Path, parent: Path) -> bool:
    return Path(child).resolve().is_relative_to(Path(parent).resolve())


def check_inputs(data_dir: Path, references: Path | None = None) -> None:
    """Refuse a data folder that is not a folder, or a bibliography that is not a file, in one line naming it.

    Raises
    ------
    ParameterError
    """
    data_dir = Path(data_dir)
    if not data_dir.exists():
        raise ParameterError(f"data directory {data_dir} does not exist")
    if not data_dir.is_dir():
        raise ParameterError(f"data directory {data_dir} is a file, not a folder")
    if references is not None:
        references = Path(references)
        if references.is_dir():
            raise ParameterError(f"references file {references} is a folder, not a BibTeX file")
        if references.exists() and not references.is_file():  # a FIFO would block the first read forever
            raise ParameterError(f"references file {references} is not a regular file: refusing to open it")
        if not references.is_file():
            raise ParameterError(f"references file {references} does not exist")


def check_csl(csl: Path | None) -> None:
    """Refuse a ``--csl`` style that is not an existing file (before anything runs).

    Raises
    ------
    ParameterError
    """
    if csl is not None and not Path(csl).is_file():
        state = "is a folder, not a CSL style file" if Path(csl).is_dir() else "does not exist"
        raise ParameterError(f"--csl {csl} {state}")


def check_output(output_dir: Path, data_dir: Path | None, notebooks_dir: Path | None, deleting: bool = False) -> None:
    """Refuse an output folder that could damage inputs or someone's files (``deleting``: for ``clean``).

    Raises
    ------
    ParameterError
        If the output folder is a file, holds files no build made, or is, is inside, or contains the data folder,
        the notebooks folder, the project's data, the package or the reference manifests.
    """
    output_dir = Path(output_dir)
    guarded = [f for f in (data_dir, notebooks_dir) if f is not None]
    guarded += [paths.DATA_DIR, paths.NOTEBOOKS_DIR, paths.PACKAGE_DIR, paths.REPRODUCIBILITY_DIR]
    refusal = "refusing to delete it" if deleting else "choose another"
    for folder in dict.fromkeys(guarded):
        if _inside(output_dir, folder):
            where = "is" if Path(output_dir).resolve() == Path(folder).resolve() else "is inside"
            raise ParameterError(f"output directory {output_dir} {where} {folder}, an input: {refusal}")
    for folder in dict.fromkeys(guarded):
        if _inside(folder, output_dir):
            what = "deleting it would delete" if deleting else "the build would write over"
            raise ParameterError(f"output directory {output_dir} contains {folder}: {what} its own inputs")
    if output_dir.exists() and not output_dir.is_dir():
        raise ParameterError(f"output directory {output_dir} is a file, not a folder")
    from research.engine.ownership import check_owned

    check_owned(output_dir, deleting)


def check_new_file(path: Path, data_dir: Path | None = None) -> None:
    """Refuse a file a command would write that is an input, lies among the inputs, or exists already.

    Raises
    ------
    ParameterError
    """
    from research.engine.ownership import guarded_inputs

    path = Path(path)
    for folder in guarded_inputs(data_dir):
        if _inside(path, folder):
            raise ParameterError(f"{path} is inside {folder}, an input: write it elsewhere")
    if path.exists() or path.is_symlink():
        raise ParameterError(f"{path} exists already: choose a new file (nothing is overwritten)")
    if not path.parent.is_dir():
        raise ParameterError(f"{path.parent} is not a folder: the file cannot be written there")


def check_paths(data_dir: Path, output_dir: Path, references: Path, notebooks_dir: Path) -> None:
    """Refuse folders that could damage inputs (:func:`check_inputs`, then :func:`check_output`).

    Raises
    ------
    ParameterError
        If an input is missing or of the wrong kind, or the output folder is unsafe.
    """
    check_inputs(data_dir, references)
    check_output(output_dir, data_dir, notebooks_dir)


def remove_output(output_dir: Path, data_dir: Path | None = None) -> bool:
    """Delete an output folder (``make clean``) after the build's folder checks; return whether there was one.

    Raises
    ------
    ParameterError
        As :func:`check_output` (the data folder given, the project's folders, a folder of someone's own files).
    BuildError
        If a build or sweep is writing to it.
    """
    import contextlib

    from research.engine.ownership import check_owned, remove_owned

    output_dir = Path(output_dir).resolve()
    check_output(output_dir, Path(data_dir).resolve() if data_dir else None, None, deleting=True)
    if not output_dir.exists():
        return False
    try:
        from research.engine.lock import OutputLock

        lock = OutputLock(output_dir)
    except ImportError:  # `make clean` before the environment exists: then no build can be running either
        lock = contextlib.nullcontext()
    with lock:
        check_owned(output_dir, deleting=True)  # again, now that no build or sweep can be adding to it
        remove_owned(output_dir)
    (output_dir / ".lock").unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # only an empty folder goes
        output_dir.rmdir()
    return True
