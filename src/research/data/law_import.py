"""``research import-laws``: a published law tracker as law_status.csv rows of the user's data folder, checked.

The rows, the countries the folder lacks and the release's references.bib entry are written only after a copy of the
folder with them has passed validation, so a data folder is never left invalid or half-written. The project's own
data and bibliography are never written: the tracker grants no licence, and the project must not ship it.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from research import paths
from research.data import contained, unctad
from research.data.incident_import import csv_text
from research.errors import DataValidationError, LawImportError

TABLE = "law_status"
COUNTRY_COLUMNS = ["iso3", "name", "region", "asean_member", "budapest_status", "source", "locator", "basis"]


def check_writable(data_dir: Path, references: Path) -> None:
    """Refuse the project's own data folder or bibliography (or anything inside the package).

    Raises
    ------
    LawImportError
    """
    if Path(data_dir).resolve() == paths.DATA_DIR.resolve() or contained.is_contained(data_dir, paths.PACKAGE_DIR):
        raise LawImportError(f"{data_dir} is the project's own data: copy it (cp -r data mydata) and import into "
                             "the copy; the tracker's data may not be shipped with the project")
    if Path(references).resolve() == paths.REFERENCES.resolve():
        raise LawImportError(f"{references} is the project's own bibliography: copy it (cp references.bib "
                             "mydata/references.bib) and give the copy with --references")


def citekey(release: unctad.Release) -> str:
    """The release's references.bib key, e.g. ``unctad2026cyberlaw``."""
    return f"unctad{release.date[:4]}cyberlaw"


def bib_entry(key: str, release: unctad.Release) -> str:
    """The release's references.bib entry: address, version, the file's SHA-256, and that no licence is granted."""
    return (f"\n@dataset{{{key},\n  author = {{{{UNCTAD}}}},\n  title = {{Global Cyberlaw Tracker}},\n"
            f"  year = {{{release.date[:4]}}},\n  date = {{{release.date}}},\n  url = {{{release.url}}},\n"
            f"  version = {{{release.version}}},\n"
            f"  note = {{Data file SHA-256 {release.sha256}. No licence is granted for the data: not for "
            f"redistribution}},\n}}\n")


def import_unctad(data_csv: Path, links: Path | None, meta: Path | None, data_dir: Path, references: Path):
    """Import the tracker into ``data_dir`` (and its release into ``references``); return what was converted.

    Returns
    -------
    converted, added, written
        The :class:`research.data.unctad.Converted` import, the ISO3 codes of the countries added to
        countries.csv, and the files written.

    Raises
    ------
    LawImportError
        For the project's own folder or bibliography, or a file that cannot be imported (located).
    DataValidationError
        If the folder is invalid before, or would be after, the import (nothing is written).
    """
    from research.data.bib import bib_keys
    from research.data.loader import check

    data_dir, references = Path(data_dir), Path(references)
    check_writable(data_dir, references)
    dataset = check(data_dir, references, tables=["countries", TABLE])
    if dataset.problems:
        raise DataValidationError(dataset.problems)
    rows, sha256 = unctad.read_table(Path(data_csv))
    release = unctad.release_of(sha256, meta)
    key = citekey(release)
    converted = unctad.convert(rows, unctad.read_links(links), release, key, Path(data_csv).name)
    countries = dataset.tables["countries"]
    have = set(countries["iso3"].astype(str))
    added = [c for c in converted.countries if c not in have]
    tables, _ = contained.project_package(data_dir)
    files = {name: contained.resource_file(data_dir, tables[name])[0] for name in ("countries", TABLE)}
    new = {files["countries"]: _appended(files["countries"], [_country_row(c, converted.countries[c], key)
                                                              for c in added], COUNTRY_COLUMNS)}
    kept = [r for r in _rows(files[TABLE]) if r["release"] != release.version]  # a re-import replaces its release
    new[files[TABLE]] = csv_text(kept + converted.rows, tables[TABLE].field_names)
    bib = references.read_text(encoding="utf-8")
    if key not in bib_keys(references):
        new[references] = bib + bib_entry(key, release)
    _trial(data_dir, references, new)
    from research.files import write_atomic

    return converted, added, [write_atomic(path, text) for path, text in new.items()]


def _country_row(iso3: str, known: tuple[str, str], key: str) -> dict:
    name, region = known
    # ASEAN had ten members in March 2019, all in the shipped countries.csv: any other country was not one then.
    return {"iso3": iso3, "name": name, "region": region, "asean_member": "false", "budapest_status": "",
            "source": key, "locator": "added by research import-laws: name and M49 sub-region from country_converter; "
            "not one of ASEAN's ten members of March 2019 (all in the shipped countries.csv); Convention status not "
            "verified", "basis": "secondary"}


def _rows(path: Path) -> list[dict]:
    import csv

    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines())) if path.exists() else []


def _appended(path: Path, rows: list[dict], columns: list[str]) -> str:
    text = path.read_text(encoding="utf-8")
    return (text if text.endswith("\n") or not text else text + "\n") + csv_text(rows, columns, header=False)


def _trial(data_dir: Path, references: Path, new: dict) -> None:
    """Validate a copy of the folder with the new files; raise with the problems if it fails."""
    from research.data.loader import check

    with tempfile.TemporaryDirectory(prefix="research-import-") as tmp:
        trial = Path(tmp) / "data"
        trial.mkdir()
        for path in data_dir.iterdir():
            if path.is_file() and contained.is_contained(path, data_dir):
                shutil.copy2(path, trial / path.name)
        bib = Path(tmp) / "references.bib"
        shutil.copy2(references, bib)
        for path, text in new.items():
            (bib if path == references else trial / path.name).write_text(text, encoding="utf-8")
        problems = check(trial, bib, tables=["countries", TABLE]).problems
    if problems:
        raise DataValidationError(problems)


def report_lines(converted, added: list[str], written: list[Path]) -> list[str]:
    """The command's report: rows read and imported, countries added, each thing left out, where it went."""
    from collections import Counter

    by_status = Counter((r["area"], r["status"]) for r in converted.rows)
    cyber = ", ".join(f"{s} {by_status[('cybercrime', s)]}" for s in ("legislation", "draft", "none"))
    lines = [f"UNCTAD Global Cyberlaw Tracker: {converted.read} row(s) read; {len(converted.rows)} country-area "
             f"row(s) imported for {len(converted.countries)} countries (cybercrime: {cyber}); "
             f"{len(added)} countr{'y' if len(added) == 1 else 'ies'} added to countries.csv"
             f" -> {', '.join(str(p) for p in written)}",
             "  the tracker grants no licence for its data: research dist refuses this data folder"]
    lines += [f"  note: {line}" for line in converted.notes]
    lines += [f"  left out: {line}" for line in converted.left_out]
    return lines
