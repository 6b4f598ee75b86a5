"""Helpers the tests share (not a test module): copies of the real inputs, and running a build into a folder."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from research import paths
from research.engine.config import BuildConfig


def copy_inputs(root: Path) -> tuple[Path, Path]:
    """Copy data/ (without its README) and references.bib under ``root``; return the two copies."""
    root.mkdir(parents=True, exist_ok=True)
    data_dir = root / "data"
    shutil.copytree(paths.DATA_DIR, data_dir, ignore=shutil.ignore_patterns("README.md"))
    references = root / "references.bib"
    shutil.copy(paths.REFERENCES, references)
    return data_dir, references


def _read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _rewrite_rows(path: Path, rows: list[dict]) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def drop_provisions(data_dir: Path, drop) -> set[str]:
    """Remove from a copy of the data the provisions ``drop(row)`` picks (at least one), and what rests on them: their
    penalties, quotations and second codings. Return the ids of the provisions and penalties removed."""
    provisions = data_dir / "provisions.csv"
    rows = _read_rows(provisions)
    kept = [r for r in rows if not drop(r)]
    assert len(kept) < len(rows)
    gone = {r["provision_id"] for r in rows if drop(r)}
    _rewrite_rows(provisions, kept)
    penalties = _read_rows(data_dir / "penalties.csv")
    left = [p for p in penalties if not set(p["provisions"].split(";")) & gone]
    _rewrite_rows(data_dir / "penalties.csv", left)
    gone |= {p["penalty_id"] for p in penalties} - {p["penalty_id"] for p in left}
    _rewrite_rows(data_dir / "codings.csv", [c for c in _read_rows(data_dir / "codings.csv") if c["record_id"] not in gone])
    for name in ("coding_second.csv", "decisions.csv"):
        _rewrite_rows(data_dir / name, [c for c in _read_rows(data_dir / name) if c["provision_id"] not in gone])
    return gone


@dataclass
class Built:
    """Where an end-to-end build read and wrote, with its summary and progress log."""

    data_dir: Path
    references: Path
    output_dir: Path
    summary: dict
    log: str
    commit: str = ""  # the git commit checked out when the build ran ("" outside a git checkout)

    def config(self, **changes) -> BuildConfig:
        """A BuildConfig for the same folders, without the report unless ``changes`` (fields) say otherwise.

        Its progress lines go to a buffer (``config.stream``).
        """
        fields = {"data_dir": self.data_dir, "references": self.references, "output_dir": self.output_dir,
                  "report": False}
        fields.update(changes)
        return BuildConfig(**fields, stream=io.StringIO())


def run_build(config: BuildConfig) -> tuple[dict, str]:
    """Run :func:`research.build.build` and return its summary and the progress lines it printed."""
    from research.build import build

    if not isinstance(config.stream, io.StringIO):
        config.stream = io.StringIO()
    summary = build(config)
    return summary, config.stream.getvalue()


def build_copy(root: Path, **changes) -> Built:
    """Copy the real inputs under ``root`` and execute the section notebooks (no report) into ``root/output``."""
    data_dir, references = copy_inputs(root)
    config = BuildConfig(data_dir=data_dir, references=references, output_dir=root / "output", report=False)
    for name, value in changes.items():
        setattr(config, name, value)
    summary, log = run_build(config)
    return Built(data_dir, references, root / "output", summary, log)


def warm_copy(output_dir: Path, target: Path) -> Path:
    """Copy a built output folder, its cache included, to ``target`` (which must not exist); return ``target``.

    A build into the copy from the same data and bibliography starts warm: only what a test changes runs again.
    """
    shutil.copytree(output_dir, target, symlinks=True, ignore=shutil.ignore_patterns(".lock"))
    return Path(target)


def head_commit() -> str:
    """The commit checked out in the project ("" outside a git checkout)."""
    try:
        git = subprocess.run(["git", "-C", str(paths.ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                             check=False)
    except OSError:  # no git at all
        return ""
    return git.stdout.strip() if git.returncode == 0 else ""


def elements_by_id(page) -> dict:
    """Each element of a parsed page (BeautifulSoup) that has an id, by its id (the first, if an id repeats).

    One pass over the page: ``page.find(id=...)`` walks the whole tree each time, which over the thousands of links
    of the supplement costs more than building the report did.
    """
    found = {}
    for element in page.find_all(id=True):
        found.setdefault(element["id"], element)
    return found
