"""Every project path, anchored on this file so that nothing depends on the working directory."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parents[1]
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
OUTPUT_DIR = ROOT / "output"
REFERENCES = ROOT / "references.bib"
REPRODUCIBILITY_DIR = ROOT / "reproducibility"
SCRATCH_DIR = ROOT / "scratch"  # where a notebook run outside a build writes; RESEARCH_SCRATCH moves it
DATAPACKAGE_NAME = "datapackage.json"


def output_layout(output_dir: Path) -> dict[str, Path]:
    """Return the standard sub-folders of an output directory.

    Parameters
    ----------
    output_dir : Path
        The build's output directory.

    Returns
    -------
    dict of str to Path
        ``notebooks``, ``figures``, ``tables``, ``values`` and ``cache`` folders.
    """
    output_dir = Path(output_dir)
    return {
        "notebooks": output_dir / "notebooks",
        "figures": output_dir / "figures",
        "tables": output_dir / "tables",
        "values": output_dir / "values",
        "cache": output_dir / ".cache",
    }


def scratch_dir() -> Path:
    """The folder a notebook run outside a build writes to: ``$RESEARCH_SCRATCH``, else the project's ``scratch/``."""
    return Path(os.environ.get("RESEARCH_SCRATCH") or SCRATCH_DIR)


def resolve_output(output_dir: str | Path | None) -> Path:
    """Return the output folder a notebook should write to: ``output_dir`` if given, else the scratch folder.

    A build always gives ``output_dir`` (its staging folder). A notebook run on its own (JupyterLab, papermill,
    nbconvert) gives none, and must not write into the published ``output/``, which would then disagree with its
    ``paper.html`` and ``manifest.json``: it writes to :func:`scratch_dir` and says so in one printed line.
    """
    if output_dir:
        return Path(output_dir)
    scratch = scratch_dir()
    print(f"standalone run: figures and tables go to {scratch} (the published edition, output/, changes only "
          f"through `make paper`)")
    return scratch


def portable(path) -> str:
    """A path as recorded in executed notebooks: relative to the project when inside it, so that two checkouts
    record the same text; absolute otherwise."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(ROOT).as_posix()
    except ValueError:
        return str(resolved)


def from_portable(text: str) -> Path:
    """The file a :func:`portable` path names."""
    path = Path(text)
    return path if path.is_absolute() else ROOT / path
