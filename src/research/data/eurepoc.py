"""EuRepoC's dashboard tables to incidents.csv rows, by the crosswalk in eurepoc_crosswalk.json; nothing guessed.

The European Repository of Cyber Incidents publishes its dashboard data (``swp-berlin/EuRepoC_Cyber_Incident_Dashboard``,
``app/data/dashboard_*_data.csv``) as long tables: one row per incident, receiver country, incident type and initiator.
An incident-country pair becomes one row of ours, with EuRepoC's id (``EUREPOC-<ID>``), sourced to the dataset's entry
in references.bib. A value the crosswalk does not map is left empty and counted; an incident the data already record,
whose victim is not a country of countries.csv, or whose actor would be coded two ways, is not imported, and counted.
``docs/eurepoc.md`` documents the crosswalk.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from research.errors import IncidentImportError

CROSSWALK = json.loads(Path(__file__).with_name("eurepoc_crosswalk.json").read_text(encoding="utf-8"))
NULL = frozenset(CROSSWALK["null_tokens"])
ISO3 = {k: v for k, v in CROSSWALK["country_iso3"]["map"].items() if v}
ATTACK_ORDER = CROSSWALK["enum_order"]["attack_types"]
CIA_ORDER = CROSSWALK["enum_order"]["cia_impact"]
NOT_ATTRIBUTED = "Unknown - not attributed"
KINDS = {  # what each dashboard table must hold to be used; the others are recognised and left aside
    "initiators": {"ID", "start_date", "receiver_country", "incident_type", "initiator_country", "initiator_category",
                   "initiator_name"},
    "targeted_sectors": {"ID", "receiver_country", "receiver_category", "receiver_category_subcode"},
}
NO_COLUMN = ("date_end", "target", "records_leaked", "reported", "other_sources")  # no dashboard table has them


@dataclass
class Imported:
    """What an import gave: the new rows, what was not imported and why, and what was left empty and why."""

    rows: list = field(default_factory=list)
    skipped: Counter = field(default_factory=Counter)  # reason -> incident-country pairs
    examples: dict = field(default_factory=dict)  # reason -> a few of them
    empty: Counter = field(default_factory=Counter)  # (column, reason) -> imported rows
    pairs: int = 0  # incident-country pairs read

    def skip(self, reason: str, example: str) -> None:
        """Count one pair not imported, keeping a few examples for the report."""
        self.skipped[reason] += 1
        shown = self.examples.setdefault(reason, [])
        if len(shown) < 6 and example not in shown:
            shown.append(example)


def read_tables(files: list[Path]) -> dict[str, list[dict]]:
    """Read the dashboard CSV files given (or the folders holding them), each recognised by its columns.

    Raises
    ------
    IncidentImportError
        For a file that cannot be read, is not CSV, or is no dashboard table; or when the initiators table is missing.
    """
    tables: dict[str, list[dict]] = {}
    for given in files:
        given = Path(given)
        for path in sorted(given.glob("*.csv")) if given.is_dir() else [given]:
            kind, rows = _read(path)
            if kind is not None:
                tables.setdefault(kind, []).extend(rows)
    if "initiators" not in tables:
        raise IncidentImportError("no dashboard_initiators_data.csv among the files given: it holds the incidents "
                                  "(ID, start_date, receiver_country, initiator_...)")
    return tables


def _read(path: Path) -> tuple[str | None, list[dict]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise IncidentImportError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise IncidentImportError(f"{path}: is a folder") from None
    except UnicodeDecodeError as exc:
        raise IncidentImportError(f"{path}: is not UTF-8 text (byte {exc.start})") from None
    reader = csv.DictReader(text.splitlines(), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise IncidentImportError(f"{path}:{reader.line_num}: is not well-formed CSV ({exc})") from None
    header = set(reader.fieldnames or [])
    if "ID" not in header or "receiver_country" not in header:
        raise IncidentImportError(f"{path}: is not a EuRepoC dashboard table (no ID and receiver_country columns)")
    ragged = next((i for i, row in enumerate(rows) if None in row or None in row.values()), None)
    if ragged is not None:
        raise IncidentImportError(f"{path}:{ragged + 2}: has not as many fields as the header")
    kind = next((k for k, need in KINDS.items() if need <= header), None)
    return kind, rows


def _name(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value in NULL else value


def _trim_date(start: str) -> tuple[str, bool]:
    # EuRepoC pads an unknown day (and month) with 01: claim no more than the month (or the year).
    if start[5:] == "01-01":
        return start[:4], True
    if start[8:] == "01":
        return start[:7], True
    return start, False


def _sector(category: str, sub: str) -> str | None:
    table = CROSSWALK["receiver_category"].get(category)
    if not isinstance(table, dict):
        return None
    return table["*"] if "*" in table else table.get(sub)


def convert(tables: dict, countries: set, known: dict, actors: dict, source: str, victims=None) -> Imported:
    """Map EuRepoC's incident-country pairs to new incidents.csv rows (dicts by column).

    Parameters
    ----------
    tables : dict
        From :func:`read_tables`.
    countries : set of str
        ISO3 codes of countries.csv: a victim must be one of them.
    known : dict
        ``EuRepoC <ID>`` and ``EUREPOC-<ID>`` of incidents the data already record, to their incident_id.
    actors : dict
        Actor name to ``(actor_type, actor_country)`` as the data already code it.
    source : str
        The references.bib key of the EuRepoC dataset, every row's source.
    victims : set of str, optional
        Only these victim countries (ISO3).
    """
    out = Imported()
    pairs: dict[tuple[str, str], list[dict]] = {}
    receivers: Counter = Counter()
    for row in tables["initiators"]:
        key = (row["ID"].strip(), row["receiver_country"])
        receivers[key[0]] += key not in pairs
        pairs.setdefault(key, []).append(row)
    sectors: dict[tuple[str, str], set] = {}
    for row in tables.get("targeted_sectors", []):
        sectors.setdefault((row["ID"].strip(), row["receiver_country"]), set()).add(
            (row["receiver_category"], row["receiver_category_subcode"]))
    out.pairs = len(pairs)
    candidates = []
    for (number, receiver), rows in sorted(pairs.items(), key=lambda item: (_int(item[0][0]), item[0][1])):
        label = f"{number} / {receiver or 'no receiver'}"
        victim = ISO3.get(receiver)
        if victim is None:
            out.skip("the receiver is not a country (a region, an organisation or none)", label)
        elif victim not in countries:
            out.skip("the victim country is not in countries.csv", f"{label} ({victim})")
        elif victims and victim not in victims:
            out.skip("the victim country was not asked for (--victims)", f"{label} ({victim})")
        elif f"EuRepoC {number}" in known or f"EUREPOC-{number}" in known:
            out.skip("the data already record it", f"{label} = {known.get(f'EuRepoC {number}', f'EUREPOC-{number}')}")
        else:
            notes = Counter()
            row = _row(number, victim, receiver, rows, sectors.get((number, receiver)), "targeted_sectors" in tables,
                       source, out, notes)
            if row is not None:
                if row["target_sector"] and receivers[number] > 1:
                    notes[("target_sector", "filled: from EuRepoC's categories for the whole incident (it has "
                                            "several receiver countries)")] += 1
                candidates.append((row, notes))
    _keep_consistent(candidates, actors, out)
    return out


def _int(text: str) -> int:
    return int(text) if text.isdigit() else -1


def _row(number: str, victim: str, receiver: str, rows: list[dict], pairs, have_sectors: bool, source: str,
         out: Imported, notes: Counter) -> dict | None:
    """One pair's row, or None (counted in ``out``) when it cannot be imported; ``notes`` counts its empty cells."""
    starts = {r["start_date"].strip() for r in rows} - {""}
    initiators = {}
    for r in rows:
        name = _name(r["initiator_name"])
        category = r["initiator_category"].strip()
        mapped = (CROSSWALK["actor_category"].get(category) or {}).get("actor_type")
        initiators[name] = (mapped or ("named_untyped" if name else "not_identified"), category,
                            _name(r["initiator_country"]))
    types = {t for t, _, _ in initiators.values()}
    label = f"{number} / {receiver}"
    if len(types) > 1:
        out.skip("its initiators are of different types (a coder must decide)", label)
        return None
    if len(starts) > 1:
        out.skip("it has more than one start date", label)
        return None
    row = dict.fromkeys(["entry_type", "year", "date", "date_end", "actor", "actor_type", "actor_country", "target",
                         "target_sector", "attack_types", "cia_impact", "records_leaked", "reported", "other_sources"],
                        "")
    row.update(incident_id=f"EUREPOC-{number}", entry_type="incident", victim_country=victim, actor_type=types.pop(),
               reported_as=f"EuRepoC {number}", source=source, locator=f"ID {number}", basis="secondary")
    for column in NO_COLUMN:
        notes[(column, "no dashboard table has it")] += 1
    if starts:
        start = starts.pop()
        row["year"] = start[:4]
        row["date"], padded = _trim_date(start)
        if padded:
            notes[("date", "day (or month) 01 taken as EuRepoC's padding: shown to the month (or year)")] += 1
    else:
        notes[("year, date", "EuRepoC gives no start date")] += 1
    names = [n for n in initiators if n]
    if len(names) == 1:
        row["actor"] = names[0]
    else:
        notes[("actor", "several initiators named" if names else "no initiator named")] += 1
    origins = {c for _, _, c in initiators.values() if c}
    if any(category == NOT_ATTRIBUTED for _, category, _ in initiators.values()) and origins:
        notes[("actor_country", f"a country is given but the initiator is '{NOT_ATTRIBUTED}'")] += 1
    elif len(origins) == 1 and ISO3.get(next(iter(origins))):
        row["actor_country"] = ISO3[next(iter(origins))]
    else:
        reason = "several initiator countries" if len(origins) > 1 else (
            "the initiator country is not a country" if origins else "no initiator country")
        notes[("actor_country", reason)] += 1
    attacks, cia, unknown = set(), set(), []
    incident_types = sorted({r["incident_type"].strip() for r in rows} - NULL)
    for kind in incident_types:
        mapped = CROSSWALK["incident_type"].get(kind)
        if mapped is None:
            unknown.append(kind)
            continue
        attacks.update(mapped["attack_types"])
        cia.update(mapped["cia_impact"])
    row["attack_types"] = ";".join(a for a in ATTACK_ORDER if a in attacks)
    row["cia_impact"] = ";".join(c for c in CIA_ORDER if c in cia)
    for column in ("attack_types", "cia_impact"):
        if not row[column]:
            notes[(column, f"not stated by {', '.join(incident_types) or 'no incident type'}")] += 1
    if unknown:
        notes[("attack_types", f"incident type not in the crosswalk: {', '.join(unknown)}")] += 1
    row["target_sector"] = _sectors(pairs, have_sectors, notes)
    row["summary"] = _summary(number, receiver, incident_types, initiators, pairs)
    return row


def _sectors(pairs, have_sectors: bool, notes: Counter) -> str:
    if not have_sectors:
        notes[("target_sector", "no dashboard_targeted_sectors_data.csv given")] += 1
        return ""
    pairs = pairs or set()
    mapped = {_sector(c, s) for c, s in pairs} - {None}
    unmapped = sorted(f"{c} / {s}" if s else c for c, s in pairs if _sector(c, s) is None)
    if len(mapped) >= 2:
        return "multiple"
    if len(mapped) == 1 and not unmapped:
        return mapped.pop()
    notes[("target_sector", "a receiver category without a sector of ours" if unmapped else
               "no receiver category")] += 1
    return ""


def _summary(number: str, receiver: str, incident_types: list, initiators: dict, pairs) -> str:
    """One sentence of EuRepoC's own coded values, so that the row says what its source says and no more."""
    who = "; ".join(f"{name or 'no name'} ({category or 'no category'}, {country or 'no country'})"
                    for name, (_, category, country) in sorted(initiators.items()))
    whom = "; ".join(sorted(f"{c} / {s}" if s else c for c, s in (pairs or set()))) or "none given"
    kinds = ", ".join(incident_types) or "no incident type"
    return (f"EuRepoC incident {number} against {receiver}, as its dashboard tables code it: {kinds}; initiator(s) "
            f"{who}; receiver categories {whom}.")


def _keep_consistent(candidates: list, actors: dict, out: Imported) -> None:
    """Keep the rows whose actor is coded as the data (and the other imported rows) code it; count the others."""
    coded: dict[str, set] = {}
    for row, _ in candidates:
        if row["actor"]:
            coded.setdefault(row["actor"], set()).add((row["actor_type"], row["actor_country"]))
    for row, notes in candidates:
        name, mine = row["actor"], (row["actor_type"], row["actor_country"])
        label = f"{row['reported_as']} ({name})"
        if name and name in actors and tuple(actors[name]) != mine:
            out.skip("its actor is coded otherwise in incidents.csv (one type and origin per actor)", label)
        elif name and len(coded[name]) > 1:
            out.skip("EuRepoC gives its actor another type or origin elsewhere (one type and origin per actor)",
                     label)
        else:
            out.rows.append(row)
            out.empty.update(notes)
