"""UNCTAD's Global Cyberlaw Tracker (data.csv, document_links.json) to law_status.csv rows; nothing guessed.

The tracker's 2026 release (``unctad-infovis/2026-cyberlaw_tracker``, ``public/assets/data/data.csv``) has one row per
country: its UN M49 numeric code, its name, one status per area ("Legislation", "Draft Legislation", "No Legislation",
"No Data") and 0/1 flags for regional and development groups. ``document_links.json`` maps each code to the
instruments linked per area, as ``[address, title]`` pairs, or ``false``, ``""`` or ``"No Data"``. M49 codes become
ISO3 with ``country_converter``'s table; a code it does not know, a "No Data" status and an address that fails the
bibliography's URL checks are left out and counted, one line each. The tracker grants no licence for its data: every
row says so, and ``research dist`` refuses a data folder holding such rows.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from research.errors import LawImportError

AREAS = {"Electronic Transactions": "electronic_transactions", "Consumer Protection": "consumer_protection",
         "Privacy and Data Protection": "data_protection", "Cybercrime": "cybercrime",
         "Indirect Taxation": "indirect_taxation"}
STATUSES = {"Legislation": "legislation", "Draft Legislation": "draft", "No Legislation": "none"}
NO_DATA = "No Data"
REGIONS = ("Africa", "Latin America and Caribbean", "Asia and Oceania")
DEVELOPMENT = ("Developing countries", "Developed countries", "Least developed countries",
               "Landlocked developing countries", "Small island developing states")
REQUIRED = ("code", "country", *AREAS, *REGIONS, *DEVELOPMENT)
FORMULA_START = ("=", "+", "@", "\t", "\r")  # what a spreadsheet would run; "-" only before a letter (below)
M49_REGIONS = {"Africa": "Africa", "America": "Americas", "Asia": "Asia", "Europe": "Europe", "Oceania": "Oceania"}
KNOWN_RELEASES = json.loads(Path(__file__).with_name("unctad_releases.json").read_text(encoding="utf-8"))


@dataclass
class Release:
    """Which tracker release a file is: its date, version (e.g. a commit), address and the file's SHA-256."""

    date: str
    version: str
    url: str
    sha256: str


@dataclass
class Converted:
    """What an import gave: rows by (iso3, area), new countries, and each thing left out with its reason."""

    rows: list = field(default_factory=list)
    countries: dict = field(default_factory=dict)  # iso3 -> (name, M49 sub-region) of every country read
    left_out: list = field(default_factory=list)  # one line each
    notes: list = field(default_factory=list)  # what was read otherwise than given, one line each
    read: int = 0


def is_formula(value: str) -> bool:
    """True for a cell a spreadsheet would run as a formula (``=HYPERLINK(...)``, ``+1``, ``@x``, ``-cmd``)."""
    return value.startswith(FORMULA_START) or (value.startswith("-") and value[1:2].isalpha())


def read_table(path: Path) -> tuple[list[dict], str]:
    """The tracker's data.csv as rows (dicts) and the file's SHA-256, every cell checked.

    Raises
    ------
    LawImportError
        For a file that cannot be read, is not UTF-8 CSV, lacks a column, has a ragged row, or holds a formula cell;
        the message names the file, line and column.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except FileNotFoundError:
        raise LawImportError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise LawImportError(f"{path}: is a folder, not the tracker's data.csv") from None
    except UnicodeDecodeError as exc:
        raise LawImportError(f"{path}: is not UTF-8 text (byte {exc.start})") from None
    reader = csv.DictReader(text.splitlines(), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise LawImportError(f"{path}:{reader.line_num}: is not well-formed CSV ({exc})") from None
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise LawImportError(f"{path}:1: has no column {', '.join(repr(c) for c in missing)} (the tracker's data.csv "
                             f"has code, country, the five areas and the group flags)")
    for line, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            raise LawImportError(f"{path}:{line}: has not as many fields as the header")
        for column, value in row.items():
            if is_formula(value.strip()):
                raise LawImportError(f"{path}:{line}: column {column}: {value[:40]!r} would run as a spreadsheet "
                                     "formula: not imported")
    return rows, hashlib.sha256(data).hexdigest()


def read_links(path: Path | None) -> dict:
    """``document_links.json`` as a dict by M49 code (empty without a file).

    Raises
    ------
    LawImportError
        For a file that cannot be read or is not a JSON object.
    """
    if path is None:
        return {}
    try:
        links = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LawImportError(f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LawImportError(f"{path}:{getattr(exc, 'lineno', 1)}: is not JSON text ({exc})") from None
    if not isinstance(links, dict):
        raise LawImportError(f"{path}: is not a JSON object keyed by M49 code")
    return links


def release_of(sha256: str, meta: Path | None) -> Release:
    """The release a data file is: from ``meta`` (JSON with ``date``, ``version``, ``url``), else from its SHA-256.

    Raises
    ------
    LawImportError
        If neither ``meta`` nor a known release (``unctad_releases.json``) says which release the file is.
    """
    if meta is not None:
        try:
            given = json.loads(Path(meta).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise LawImportError(f"{meta}: cannot be read as JSON ({exc})") from None
        lacking = [k for k in ("date", "version", "url") if not isinstance(given.get(k), str) or not given[k]]
        if lacking:
            raise LawImportError(f"{meta}: gives no {', '.join(lacking)} (a JSON object with the release's date, "
                                 "version and url)")
        return Release(given["date"], given["version"], given["url"], sha256)
    known = KNOWN_RELEASES.get(sha256)
    if known is None:
        raise LawImportError(f"a data file with SHA-256 {sha256} is no release we know: give --meta FILE, a JSON "
                             'object {"date": "YYYY-MM-DD", "version": "...", "url": "https://..."}')
    return Release(known["date"], known["version"], known["url"], sha256)


def iso3_of(codes: list[str]) -> dict[str, tuple[str, str, str, str]]:
    """M49 code -> (ISO3, short name, M49 sub-region, M49 region) by country_converter's table; codes it lacks are
    absent."""
    import pandas as pd
    from country_converter.country_converter import COUNTRY_DATA_FILE

    # Read as text: the library's own reader turns Namibia's ISO2 "NA" into a missing value under pandas 3.
    table = pd.read_csv(COUNTRY_DATA_FILE, sep="\t", dtype=str, keep_default_na=False)
    table = table[table["obsolete"] == ""]
    by_code = {row.UNcode: (row.ISO3, row.name_short, row.UNregion, M49_REGIONS.get(row.continent, ""))
               for row in table.itertuples() if row.UNcode}
    return {code: by_code[str(int(code))] for code in codes if code.isdigit() and str(int(code)) in by_code}


def _instruments(entry, code: str, name: str, area: str, out: Converted, safe) -> tuple[str, str]:
    """The linked instruments' titles (text) and their safe addresses; junk is counted in ``out``."""
    if entry in (False, None, "", NO_DATA) or entry == []:
        return "", ""
    if not isinstance(entry, list):
        out.left_out.append(f"links of {code} {name}, {area}: {str(entry)[:60]!r} is no list of [address, title]")
        return "", ""
    titles, addresses = [], []
    for item in entry:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)):
            out.left_out.append(f"link of {code} {name}, {area}: {str(item)[:60]!r} is no [address, title] pair")
            continue
        address, title = (x.strip() for x in item)
        if title and not is_formula(title):
            titles.append(" ".join(title.replace("<br>", " ").split()))
        elif title:
            out.left_out.append(f"title of {code} {name}, {area}: {title[:40]!r} would run as a formula")
        if safe(address):
            addresses.append(address)
        else:
            out.left_out.append(f"link of {code} {name}, {area}: {address[:60]!r} is no safe http(s) address "
                                f"(title kept as text)")
    return " | ".join(titles), " ".join(dict.fromkeys(addresses))


def convert(rows: list[dict], links: dict, release: Release, source: str, where: str) -> Converted:
    """Map the tracker's rows (from :func:`read_table`) to law_status rows, dated by the release.

    Parameters
    ----------
    rows : list of dict
    links : dict
        From :func:`read_links`.
    release : Release
    source : str
        The references.bib key of the release, every row's source.
    where : str
        The data file's name, for the messages.
    """
    from research.data.bibcheck import safe_target

    out = Converted(read=len(rows))
    codes = iso3_of([row["code"].strip() for row in rows])
    seen, overlapping = {}, []
    for line, row in enumerate(rows, start=2):
        code, name = row["code"].strip(), " ".join(row["country"].split())
        if code not in codes:
            out.left_out.append(f"{where}:{line}: code {code!r} ({name}) is no UN M49 country code known to "
                                "country_converter: not imported")
            continue
        iso3, short, region, m49_region = codes[code]
        if iso3 in seen:
            out.left_out.append(f"{where}:{line}: code {code} ({name}) repeats line {seen[iso3]}: not imported")
            continue
        seen[iso3] = line
        out.countries[iso3] = (short, region)
        groups = ";".join(g for g in (*REGIONS, *DEVELOPMENT) if row[g].strip() == "1")
        if sum(row[g].strip() == "1" for g in REGIONS) > 1:
            overlapping.append(f"{name} ({' and '.join(g for g in REGIONS if row[g].strip() == '1')})")
        entry = links.get(code) if isinstance(links.get(code), dict) else {}
        for column, area in AREAS.items():
            value = row[column].strip()
            if value == NO_DATA:
                out.left_out.append(f"{where}:{line}: {name} ({iso3}), {column}: No Data")
                continue
            if value not in STATUSES:
                out.left_out.append(f"{where}:{line}: {name} ({iso3}), {column}: {value[:40]!r} is no status of the "
                                    f"tracker ({', '.join(STATUSES)}, {NO_DATA})")
                continue
            titles, addresses = _instruments(entry.get(column), code, name, column, out, safe_target)
            out.rows.append({
                "iso3": iso3, "area": area, "status": STATUSES[value], "year": release.date[:4], "date": release.date,
                "instruments": titles, "links": addresses, "m49_region": m49_region, "groups": groups,
                "release": release.version,
                "file_sha256": release.sha256, "licence": "none", "source": source,
                "locator": f"data.csv code {code} ({name}), column {column}", "basis": "secondary",
            })
    if overlapping:
        out.notes.append(f"{where}: the regional flags overlap for {len(overlapping)} countries (e.g. "
                            f"{'; '.join(overlapping[:3])}): kept as given in groups; regions are read from M49")
    unknown = sorted(set(links) - {row["code"].strip() for row in rows})
    if unknown:
        out.left_out.append(f"links for code(s) {', '.join(unknown[:10])} with no row in {where}: not imported")
    return out
