"""What a build ran from: the source commit and its date (never the clock), and the versions that shape outputs."""

from __future__ import annotations

import datetime as _dt
import os
import platform
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from research import paths

KEY_PACKAGES = ["pandas", "matplotlib", "papermill", "nbclient", "nbconvert", "pandera", "bibtexparser",
                "pypandoc_binary", "weasyprint"]
# What lays out and draws the PDF's text besides WeasyPrint: the system's text libraries and the fonts the report's
# CSS names (Debian packages, which `make` installs). A newer one changes the PDF's bytes and nothing else, so a
# verification on another machine names it beside the PDF that differs.
PRINT_PACKAGES = ["libpango-1.0-0", "libharfbuzz0b", "libfreetype6", "libfontconfig1", "fonts-dejavu-core",
                  "fonts-noto-cjk"]


@dataclass
class Provenance:
    """The commit a build runs from, its date (``None`` when unknown) and the versions of what shapes the outputs."""

    commit: str
    when: _dt.datetime | None
    versions: dict = field(default_factory=dict)
    origin: str = "checkout"  # "checkout" (git), "bundle" (a `make dist` bundle's record) or "unknown"

    @property
    def epoch(self) -> int | None:
        """The date as seconds since 1970 (what ``SOURCE_DATE_EPOCH`` holds)."""
        return int(self.when.timestamp()) if self.when else None


def source_commit(root: Path = paths.ROOT) -> Provenance:
    """The commit the build runs from and its date (no versions); ``SOURCE_DATE_EPOCH`` overrides the date.

    Never the clock. ``RESEARCH_SOURCE_COMMIT`` overrides the commit: `research verify` rebuilds as of the
    reference's commit, so that the title block can match byte for byte.
    """
    commit, when, origin = "unknown (not a git checkout)", None, "unknown"
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%H %ct"], capture_output=True,
                             text=True, timeout=10, check=True).stdout.split()
        if len(out) == 2:
            commit, when, origin = out[0], _dt.datetime.fromtimestamp(int(out[1]), _dt.UTC), "checkout"
    except (OSError, subprocess.SubprocessError):
        pass
    if origin == "unknown":  # a bundle: the commit and date it records were those of the edition it ships
        recorded = bundle_record(root)
        if recorded is not None:
            commit, origin = recorded["commit"], "bundle"
            when = _dt.datetime.fromtimestamp(recorded["source_date_epoch"], _dt.UTC) \
                if recorded["source_date_epoch"] is not None else None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        when = _dt.datetime.fromtimestamp(int(epoch), _dt.UTC)
    return Provenance(os.environ.get("RESEARCH_SOURCE_COMMIT") or commit, when, origin=origin)


BUNDLE_RECORD = "reproducibility/source.json"  # in a `make dist` bundle: the commit its edition was built from


def bundle_record(root: Path = paths.ROOT) -> dict | None:
    """The source commit and date a bundle records (:data:`BUNDLE_RECORD`), or None outside a bundle or if unreadable."""
    import json

    try:
        record = json.loads((Path(root) / BUNDLE_RECORD).read_text(encoding="utf-8"))
        commit, epoch = record["commit"], record.get("source_date_epoch")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if not isinstance(commit, str) or not (epoch is None or (isinstance(epoch, int) and not isinstance(epoch, bool))):
        return None
    return {"commit": commit, "source_date_epoch": epoch}


def package_versions() -> dict[str, str]:
    """Versions of Python, Pandoc, the packages that shape the outputs and the system's printing packages."""
    import pypandoc

    versions = {"python": platform.python_version(), "pandoc": pypandoc.get_pandoc_version()}
    for name in KEY_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return {**versions, **system_versions()}


def system_versions(packages: list[str] = PRINT_PACKAGES) -> dict[str, str]:
    """The installed version of each of ``packages`` (Debian's, by ``dpkg-query``), keyed ``system:<package>``;
    "not installed" for one it does not know, "unknown" for all where there is no dpkg."""
    try:
        found = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", *packages], capture_output=True,
                               text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return {f"system:{p}": "unknown" for p in packages}
    versions = {}
    for line in found.splitlines():
        name, _, version = line.partition(" ")
        versions[name.split(":")[0]] = version.strip()
    return {f"system:{p}": versions.get(p) or "not installed" for p in packages}


def current() -> Provenance:
    """The provenance of a build starting now from this checkout."""
    found = source_commit()
    return Provenance(found.commit, found.when, package_versions(), found.origin)
