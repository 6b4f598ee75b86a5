"""Which folders and files the build wrote: its ownership mark, and the checks before anything is deleted or replaced.

A folder is the build's when it holds the mark (:data:`MARKER`, written by ``build`` and ``sweep`` when they take a
folder) and nothing else than what a build, a sweep, ``verify`` or ``make diff`` write there. A folder written by
the previous version has no mark: it is recognised by its layout exactly (nothing but those names, and a build's
cache of nothing but the build's files), and marked by the next build. Anything else found there (a home folder's
``.cache`` of other programs, a web project's ``manifest.json`` beside its own files, a file dropped in
``figures/``) makes ``build``, ``sweep`` and ``clean`` refuse, in one line naming it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from research.engine.publish import REPORT
from research.errors import ParameterError

MARKER = ".research-output.json"
MARK = {"written_by": "research (cambodia-cyberlaw)", "purpose": "build output: `research clean` may delete it"}
# What a build, a sweep, `research verify` (its certificate) and `make diff` write at the top of an output folder.
TOP_LEVEL = frozenset({"notebooks", "figures", "tables", "values", *REPORT, "manifest.json", ".cache", ".failed",
                       ".staging", ".lock", "profiles", "verification.html", "verification.pdf", "diff.html", MARKER})
CACHE_ENTRIES = frozenset({"notebooks", "report.json", "published.json"})  # what the build keeps in .cache/
PUBLISHED_FOLDERS = ("notebooks", "figures", "tables", "values")  # replaced by a build: each file must be the tools'
# What a notebook run writes there (a build's, or a notebook run on its own in Jupyter, which writes to output/).
OUTPUT_NAMES = {"notebooks": re.compile(r"[\w.-]+\.ipynb"), "figures": re.compile(r"fig-[\w-]+\.(?:svg|png|csv)"),
                "tables": re.compile(r"(?:tbl|fig)-[\w-]+\.csv"), "values": re.compile(r"[\w.-]+\.json")}
GENERATOR = '<meta name="generator" content="research">'  # in every HTML page the tools write on their own


def _leftover(name: str) -> bool:
    # write_atomic's temporary names, left by a process killed mid-write.
    return name.startswith(".") and name.endswith(".tmp")


def is_marked(output_dir: Path) -> bool:
    """True when ``output_dir`` holds the build's ownership mark (as the build wrote it)."""
    try:
        return json.loads((Path(output_dir) / MARKER).read_text(encoding="utf-8")).get("written_by") == \
            MARK["written_by"]
    except (OSError, ValueError, AttributeError):
        return False


def is_tool_page(path: Path) -> bool:
    """True when ``path`` is an HTML page one of the tools wrote (it carries :data:`GENERATOR` in its head)."""
    try:
        with open(path, "rb") as fh:
            return GENERATOR.encode() in fh.read(4096)
    except OSError:
        return False


def foreign_entry(output_dir: Path) -> str | None:
    """The first thing in ``output_dir`` that no build, sweep or review tool wrote, or None.

    An absent or empty folder has none. A folder without the mark must be laid out exactly as the previous
    version left it: only the build's names, a build's cache (``.cache/`` with nothing but the build's entries, or
    ``profiles/.cache``), or only pages the tools wrote.
    """
    output_dir = Path(output_dir)
    if not output_dir.is_dir():
        return None
    names = sorted(p.name for p in output_dir.iterdir())
    strangers = [n for n in names if n not in TOP_LEVEL and not _leftover(n)]
    if strangers:
        return strangers[0]
    cache = output_dir / ".cache"
    if cache.is_dir():
        extra = sorted(p.name for p in cache.iterdir() if p.name not in CACHE_ENTRIES and not _leftover(p.name))
        if extra:
            return f".cache/{extra[0]}"
    listed = _published_files(output_dir) or set()
    for sub in PUBLISHED_FOLDERS:
        folder = output_dir / sub
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return sub
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            rel = path.relative_to(output_dir).as_posix()
            ours = rel in listed or (path.parent == folder and OUTPUT_NAMES[sub].fullmatch(path.name)
                                     and not path.is_symlink()) or _leftover(path.name)
            if not ours:
                return rel
    if set(names) <= {".lock"} or is_marked(output_dir):  # empty, or being taken by a build right now
        return None
    if set(names) <= {*PUBLISHED_FOLDERS, ".lock"}:  # a notebook run on its own, before any build
        return None
    legacy = cache.is_dir() and any((cache / n).exists() for n in CACHE_ENTRIES) or \
        (output_dir / "profiles" / ".cache").is_dir()
    if legacy:
        return None
    pages = [n for n in names if n in ("verification.html", "diff.html")]
    if pages and all(is_tool_page(output_dir / n) for n in pages) and \
            set(names) <= {"verification.html", "verification.pdf", "diff.html", ".lock"}:
        return None
    return names[0]


def _published_files(output_dir: Path) -> set[str] | None:
    # The files the last swap published (.cache/published.json), or None when there is no readable record.
    try:
        files = json.loads((Path(output_dir) / ".cache" / "published.json").read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return {f for f in files if isinstance(f, str)} if isinstance(files, list) else None


def check_owned(output_dir: Path, deleting: bool = False) -> None:
    """Refuse, in one line, an output folder holding anything the build did not write.

    Raises
    ------
    ParameterError
        Naming the first such file or folder.
    """
    found = foreign_entry(output_dir)
    if found is not None:
        why = "refusing to delete them" if deleting else "choose a new or empty folder (a build replaces what it " \
                                                           "publishes there)"
        raise ParameterError(f"output directory {output_dir} holds files that no build wrote ({found}): {why}")


def claim(output_dir: Path) -> None:
    """Mark ``output_dir`` as the build's (call with the folder checked and locked)."""
    from research.files import write_json

    if not is_marked(output_dir):
        write_json(Path(output_dir) / MARKER, MARK)


def remove_owned(output_dir: Path) -> None:
    """Delete what the build wrote in ``output_dir`` (checked, and locked by the caller), name by name."""
    import shutil

    for child in sorted(Path(output_dir).iterdir()):
        if child.name in (".lock", MARKER):
            continue
        if child.name in TOP_LEVEL or _leftover(child.name):
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    (Path(output_dir) / MARKER).unlink(missing_ok=True)


def check_overwrite(path: Path, ours) -> None:
    """Refuse to write ``path`` over a file that is not ``ours(path)`` (a file of someone's, or not a file).

    Raises
    ------
    ParameterError
    """
    path = Path(path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ParameterError(f"{path} is not a regular file: refusing to write over it")
    if path.exists() and not ours(path):
        raise ParameterError(f"{path} exists and was not written by this tool: refusing to overwrite it "
                             "(choose a new file)")


def check_output_file(path: Path, ours, data_dir: Path | None = None) -> None:
    """Refuse a file a command would write that is an input, lies among the inputs, or is someone else's file.

    ``ours(path)`` says whether an existing file is one this command wrote (then it is replaced).

    Raises
    ------
    ParameterError
    """
    path = Path(path)
    for folder in guarded_inputs(data_dir):
        if path.resolve() == folder or path.resolve().is_relative_to(folder):
            raise ParameterError(f"{path} is an input or inside one ({folder}): refusing to write there")
    check_overwrite(path, ours)


def guarded_inputs(data_dir: Path | None = None) -> list[Path]:
    """The inputs nothing may write into, resolved: the data folder given, and the project's data, notebooks,
    package, reference manifests and bibliography."""
    from research import paths

    guarded = [f for f in (data_dir,) if f is not None]
    guarded += [paths.DATA_DIR, paths.NOTEBOOKS_DIR, paths.PACKAGE_DIR, paths.REPRODUCIBILITY_DIR, paths.REFERENCES]
    return list(dict.fromkeys(Path(f).resolve() for f in guarded))
