"""The environment key: what the notebooks and the report depend on, and nothing else that happens to be installed."""

# A key over every installed distribution made `make lab` (JupyterLab and its hundred dependencies) look like a new
# environment, and the next build re-ran every notebook. The key is now the requirement graph of the package itself,
# walked from its metadata, with the lock file, Pandoc's version and the font files the report and figures resolve.

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from research import paths
from research.files import sha256_file, sha256_json, sha256_tree

DISTRIBUTION = "cambodia-cyberlaw"  # the distribution that installs `research`
LOCK_FILE = paths.ROOT / "requirements.lock"
STYLE_FILE = paths.PACKAGE_DIR / "report" / "report.css"
FIGURE_FONTS = ("DejaVu Sans",)  # matplotlib's default sans-serif family, which the figures' style keeps
_FAMILY = re.compile(r"font(?:-family)?\s*:\s*([^;}]+)")
_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _installed() -> dict[str, tuple[str, list[str]]]:
    """Each installed distribution by canonical name: its version and ``Requires-Dist`` lines.

    Read from the METADATA headers in one pass over the path (the first found wins, as importlib's own lookup):
    asking importlib for each distribution by name and parsing its whole METADATA took a second for a hundred.
    """
    found: dict[str, tuple[str, list[str]]] = {}
    for dist in metadata.distributions():
        text = dist.read_text("METADATA") or dist.read_text("PKG-INFO") or ""
        name = version = None
        requires = []
        for line in text.split("\n\n", 1)[0].splitlines():
            key, _, value = line.partition(":")
            if key == "Name" and name is None:
                name = value.strip()
            elif key == "Version" and version is None:
                version = value.strip()
            elif key == "Requires-Dist":
                requires.append(value.strip())
        if name:
            found.setdefault(_canonical(name), (version, requires))
    return found


def _may_apply(spec: str, extra: str) -> bool:
    """False for a requirement only an extra not asked for brings in (most of them: parsing each costs time)."""
    marker = spec.partition(";")[2]
    return "extra" not in marker or (bool(extra) and extra in marker)


def required_distributions() -> dict[str, str | None]:
    """Every distribution the package needs, transitively, by canonical name: its version (None if not installed).

    The graph starts at the package's own requirements (its installed metadata; pyproject.toml when it is run
    from a source tree without being installed) and follows each distribution's ``Requires-Dist``; environment
    markers are evaluated, and a requirement that asks for extras (``dask[distributed]``) brings in those extras'
    requirements too. The package's own optional extras (``lab``, ``test``) are not followed: installing them
    leaves the key as it was.
    """
    from packaging.requirements import Requirement

    installed = _installed()
    own = installed.get(DISTRIBUTION)
    if own is None:
        import tomllib

        roots = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    else:
        roots = own[1]
    found: dict[str, str | None] = {}
    done: set[tuple[str, str]] = set()
    todo = [(Requirement(spec), "") for spec in roots]
    while todo:
        requirement, asked_by_extra = todo.pop()
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": asked_by_extra}):
            continue
        name = _canonical(requirement.name)
        if name not in installed:
            found[name] = None
            continue
        version, requires = installed[name]
        found[name] = version
        for extra in ["", *sorted(requirement.extras)]:
            if (name, extra) not in done:
                done.add((name, extra))
                todo += [(Requirement(spec), extra) for spec in requires if _may_apply(spec, extra)]
    return dict(sorted(found.items()))


def _pandoc_binary() -> str | None:
    spec = importlib.util.find_spec("pypandoc")
    if spec is not None and spec.origin:
        bundled = Path(spec.origin).parent / "files" / "pandoc"  # pypandoc-binary's Pandoc, which pypandoc prefers
        if bundled.is_file():
            return str(bundled)
    return shutil.which("pandoc")


@functools.cache
def pandoc_version() -> str | None:
    """The first line of ``pandoc --version`` for the Pandoc the report runs (None without one)."""
    binary = _pandoc_binary()
    if binary is None:
        return None
    try:
        run = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return None
    return run.stdout.splitlines()[0] if run.stdout else None


def font_families() -> list[str]:
    """The font families the report's stylesheet names (WeasyPrint's) and the figures' family (matplotlib's)."""
    families = set(FIGURE_FONTS)
    for declaration in _FAMILY.findall(STYLE_FILE.read_text(encoding="utf-8")):
        for family in declaration.split(","):
            family = re.sub(r"^\s*(?:[\d.]+(?:pt|px|em|rem)\s+)?", "", family).strip().strip("\"'")
            if family and family not in _GENERIC:
                families.add(family)
    return sorted(families)


def resolved_fonts() -> dict[str, list | None]:
    """Each family's file as fontconfig resolves it (the lookup WeasyPrint's Pango makes), with its size and mtime.

    None for every family where fontconfig is not installed.
    """
    families = font_families()
    if shutil.which("fc-match") is None:
        return dict.fromkeys(families)
    # one fc-match per family, all at once: each spends most of its time loading fontconfig's cache
    runs = [subprocess.Popen(["fc-match", "-f", "%{file}", family], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True) for family in families]
    out: dict[str, list | None] = {}
    for family, run in zip(families, runs):
        file = run.communicate(timeout=30)[0].strip()
        try:
            stat = Path(file).stat()
            out[family] = [file, stat.st_size, stat.st_mtime_ns]
        except OSError:
            out[family] = None
    return out


def environment_parts() -> dict:
    """What the environment key hashes, as a dict (for a reader asking why a build re-ran)."""
    return {
        "python": sys.version,
        "package": sha256_tree(paths.PACKAGE_DIR),
        "distributions": required_distributions(),
        "lock": sha256_file(LOCK_FILE) if LOCK_FILE.is_file() else None,
        "pandoc": pandoc_version(),
        "fonts": resolved_fonts(),
    }


def environment_key() -> str:
    """Return one hash over :func:`environment_parts`: Python, the package source, the distributions it needs
    (transitively), the lock file, Pandoc's version and the fonts the report and the figures resolve."""
    return sha256_json(environment_parts())
