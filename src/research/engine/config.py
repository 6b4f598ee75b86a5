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


def check_paths(data_dir: Path, output_dir: Path, references: Path, notebooks_dir: Path) -> None:
    """Refuse folders that could damage inputs.

    Raises
    ------
    ParameterError
        If an input is missing, or the output folder is, is inside, or contains the data folder, the
        notebooks folder or the package.
    """
    if not Path(data_dir).is_dir():
        raise ParameterError(f"data directory {data_dir} does not exist")
    if not Path(references).is_file():
        raise ParameterError(f"references file {references} does not exist")
    guarded = (data_dir, notebooks_dir, paths.PACKAGE_DIR)
    for folder in guarded:
        if _inside(output_dir, folder):
            raise ParameterError(f"output directory {output_dir} is inside {folder}: choose another")
    for folder in guarded:
        if _inside(folder, output_dir):
            raise ParameterError(
                f"output directory {output_dir} contains {folder}: the build would write over its own inputs"
            )
