"""Every project path, anchored on this file so that nothing depends on the working directory."""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parents[1]
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
OUTPUT_DIR = ROOT / "output"
REFERENCES = ROOT / "references.bib"
REPRODUCIBILITY_DIR = ROOT / "reproducibility"
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


def resolve_output(output_dir: str | Path | None) -> Path:
    """Return the output folder a notebook should write to: ``output_dir`` if given, else the project's ``output/``."""
    return Path(output_dir) if output_dir else OUTPUT_DIR


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
