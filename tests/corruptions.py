"""The registry of corrupted copies of the real data, each with the problem it must produce (not a test module).

Every corrupted variant is the real data with exactly one thing changed, written into a temporary copy. The
expected problem (file, 1-based line, column, rule) is worked out from where the corruption was put and from
datapackage.json, never from a run of the loader.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from research import paths

DESCRIPTOR = json.loads((paths.DATA_DIR / paths.DATAPACKAGE_NAME).read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}


# --------------------------------------------------------------------------------------------------------------
# Helpers: the schema as datapackage.json states it, and CSV edits made with the csv module
# --------------------------------------------------------------------------------------------------------------


def field(table: str, name: str) -> dict:
    return next(f for f in RESOURCES[table]["schema"]["fields"] if f["name"] == name)


def csv_path(data_dir: Path, table: str) -> Path:
    return data_dir / RESOURCES[table]["path"]


def read_rows(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def write_rows(path: Path, rows: list[list[str]], delimiter: str = ",") -> None:
    path.write_text(csv_text(rows, delimiter), encoding="utf-8")


def line_of(rows: list[list[str]], index: int) -> int:
    """1-based line on which record ``rows[index]`` starts once written (rows[0] is the header, line 1)."""
    return csv_text(rows[:index]).count("\n") + 1


def set_cell(data_dir: Path, table: str, index: int, column: str, value: str) -> int:
    """Overwrite one cell (``index`` counts the header as 0) and return the line the record starts on."""
    path = csv_path(data_dir, table)
    rows = read_rows(path)
    rows[index][rows[0].index(column)] = value
    write_rows(path, rows)
    return line_of(rows, index)


def find_row(data_dir: Path, table: str, test, start: int = 3) -> int:
    """Index (header = 0) of the first data row at or after ``start`` for which ``test(dict of cells)`` holds."""
    rows = read_rows(csv_path(data_dir, table))
    for i in range(start, len(rows)):
        if test(dict(zip(rows[0], rows[i]))):
            return i
    raise AssertionError(f"no row in {table} fits this corruption")


def cell(data_dir: Path, table: str, index: int, column: str) -> str:
    rows = read_rows(csv_path(data_dir, table))
    return rows[index][rows[0].index(column)]


@dataclass
class Expected:
    file: str
    line: int | None
    column: str | None
    rule: str | re.Pattern
    value: object = ...  # ... = any value

    def matches(self, p) -> bool:
        if (p.file, p.line, p.column) != (self.file, self.line, self.column):
            return False
        if self.value is not ... and p.value != self.value:
            return False
        if isinstance(self.rule, re.Pattern):
            return self.rule.fullmatch(p.rule) is not None
        return p.rule == self.rule


def assert_reported(problems, expected: Expected) -> None:
    assert any(expected.matches(p) for p in problems), (
        f"expected {expected}\n got:\n" + "\n".join(f"  {p!r}" for p in problems)
    )



CASES = {}


def case(name):
    def register(fn):
        CASES[name] = fn
        return fn

    return register


# ---- encoding and file-level --------------------------------------------------------------------------------


@case("latin-1 byte")
def _(d, bib):
    path = csv_path(d, "incidents")
    lines = path.read_bytes().split(b"\n")
    line = 7
    assert lines[line - 1][:10].isascii()
    lines[line - 1] = lines[line - 1][:10] + "é".encode("latin-1") + lines[line - 1][10:]
    path.write_bytes(b"\n".join(lines))
    return Expected("incidents.csv", line, None, "is not valid UTF-8: byte 0xe9 at character 11 (re-save the file as UTF-8)")


@case("utf-8 BOM")
def _(d, bib):
    path = csv_path(d, "provisions")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    return Expected("provisions.csv", 1, None, re.compile(r".*byte-order mark \(BOM\).*"))


@case("utf-16")
def _(d, bib):
    path = csv_path(d, "countries")
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    return Expected("countries.csv", 1, None, "is UTF-16 encoded; save it as UTF-8")


@case("empty file")
def _(d, bib):
    csv_path(d, "convention_parties").write_bytes(b"")
    return Expected("convention_parties.csv", None, None, "is empty: expected a header row and data")


@case("semicolon delimiter")
def _(d, bib):
    path = csv_path(d, "incidents")
    write_rows(path, read_rows(path), delimiter=";")
    return Expected("incidents.csv", 1, None, "uses semicolon as delimiter; expected comma-separated values")


@case("tab delimiter")
def _(d, bib):
    path = csv_path(d, "country_facts")
    write_rows(path, read_rows(path), delimiter="\t")
    return Expected("country_facts.csv", 1, None, "uses tab as delimiter; expected comma-separated values")


@case("missing csv file")
def _(d, bib):
    csv_path(d, "incidents").unlink()
    return Expected("incidents.csv", None, None, "file is missing")


# ---- header ------------------------------------------------------------------------------------------------


def _drop_column(d, table, column):
    path = csv_path(d, table)
    rows = read_rows(path)
    j = rows[0].index(column)
    write_rows(path, [r[:j] + r[j + 1 :] for r in rows])


@case("missing column")
def _(d, bib):
    _drop_column(d, "incidents", "target")
    return Expected("incidents.csv", 1, None, "missing column(s): target")


@case("missing required column")
def _(d, bib):
    _drop_column(d, "incidents", "summary")
    return Expected("incidents.csv", 1, None, "missing column(s): summary")


@case("extra column")
def _(d, bib):
    path = csv_path(d, "provisions")
    rows = read_rows(path)
    write_rows(path, [r + (["notes"] if i == 0 else ["x"]) for i, r in enumerate(rows)])
    expected = ", ".join(f["name"] for f in RESOURCES["provisions"]["schema"]["fields"])
    return Expected("provisions.csv", 1, None, f"unexpected column(s): notes (expected: {expected})")


@case("duplicated column")
def _(d, bib):
    path = csv_path(d, "countries")
    rows = read_rows(path)
    j = rows[0].index("region")
    write_rows(path, [r + [r[j]] for r in rows])
    return Expected("countries.csv", 1, None, "duplicate column name(s): region")


@case("columns out of order")
def _(d, bib):
    path = csv_path(d, "convention_parties")
    rows = read_rows(path)
    for r in rows:
        r[0], r[1] = r[1], r[0]
    write_rows(path, rows)
    expected = ", ".join(f["name"] for f in RESOURCES["convention_parties"]["schema"]["fields"])
    return Expected("convention_parties.csv", 1, None, f"columns are out of order; expected: {expected}")


# ---- row shape and CSV syntax --------------------------------------------------------------------------------


@case("row with too many fields")
def _(d, bib):
    path = csv_path(d, "incidents")
    rows = read_rows(path)
    rows[8].append("surplus")
    write_rows(path, rows)
    width = len(rows[0])
    return Expected("incidents.csv", line_of(rows, 8), None, f"has {width + 1} fields; the header has {width}")


@case("row with too few fields")
def _(d, bib):
    path = csv_path(d, "convention")
    rows = read_rows(path)
    rows[20].pop()
    write_rows(path, rows)
    width = len(rows[0])
    return Expected("convention.csv", line_of(rows, 20), None, f"has {width - 1} fields; the header has {width}")


@case("unterminated quote")
def _(d, bib):
    # Open a quote in a line that holds none: the field swallows the following lines until some later quote, so
    # the reader trips lines further down. The problem must still point at the line where the record starts.
    path = csv_path(d, "country_facts")
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i in range(4, len(lines)) if lines[i] and '"' not in lines[i] and '"' not in lines[i + 1])
    lines[index] = lines[index].replace(",", ',"', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return Expected("country_facts.csv", index + 1, None, re.compile(r"is not well-formed CSV \(.*\) in the record running .*"))


@case("unterminated quote at the end")
def _(d, bib):
    path = csv_path(d, "convention_parties")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[-1] == "" and '"' not in lines[-2]
    lines[-2] = '"' + lines[-2]
    path.write_text("\n".join(lines), encoding="utf-8")
    return Expected("convention_parties.csv", len(lines) - 1, None, re.compile(r"is not well-formed CSV \(.*\).*"))


# ---- types ---------------------------------------------------------------------------------------------------


@case("non-integer in integer column")
def _(d, bib):
    i = find_row(d, "penalties", lambda r: r["prison_max_months"] != "")
    return Expected("penalties.csv", set_cell(d, "penalties", i, "prison_max_months", "15y"), "prison_max_months",
                    "is not an integer", "15y")


@case("float in integer column")
def _(d, bib):
    return Expected("incidents.csv", set_cell(d, "incidents", 12, "year", "2012.5"), "year", "is not an integer", "2012.5")


@case("integer too large for 64 bits")
def _(d, bib):
    value = str(2**64)
    return Expected("incidents.csv", set_cell(d, "incidents", 9, "records_leaked", value), "records_leaked",
                    f"is outside the range of a 64-bit integer ({-2**63} to {2**63 - 1})", value)


@case("a cell of a megabyte")
def _(d, bib):
    line = set_cell(d, "incidents", 4, "summary", "x" * 1_000_000)
    return Expected("incidents.csv", line, "summary",
                    "is 1,000,000 characters long: a cell holds at most 131,072 (is a quote left open?)")


@case("integer with digit separator")
def _(d, bib):
    return Expected("convention_parties.csv", set_cell(d, "convention_parties", 4, "parties", "1_000"), "parties",
                    "is not an integer", "1_000")


@case("non-number in number column")
def _(d, bib):
    i = find_row(d, "country_facts", lambda r: r["value"] != "")
    return Expected("country_facts.csv", set_cell(d, "country_facts", i, "value", "0,5"), "value", "is not a number", "0,5")


@case("bad boolean")
def _(d, bib):
    f = field("provisions", "intent_required")
    allowed = " or ".join(f["trueValues"] + f["falseValues"])
    return Expected("provisions.csv", set_cell(d, "provisions", 6, "intent_required", "yes"), "intent_required",
                    f"is not a boolean ({allowed})", "yes")


# ---- constraints ---------------------------------------------------------------------------------------------


@case("enum value outside the list")
def _(d, bib):
    enum = field("incidents", "actor_type")["constraints"]["enum"]
    return Expected("incidents.csv", set_cell(d, "incidents", 10, "actor_type", "alien"), "actor_type",
                    "is not one of: " + ", ".join(enum), "alien")


def _item_rule(table, column):
    listing = field(table, column)["x-list"]
    return f"has an item that is not one of: {', '.join(listing['itemEnum'])} ({listing['delimiter']!r}-separated, no spaces)"


@case("list item outside the list")
def _(d, bib):
    return Expected("incidents.csv", set_cell(d, "incidents", 5, "attack_types", "ddos;bogus"), "attack_types",
                    _item_rule("incidents", "attack_types"), "ddos;bogus")


@case("list with a space")
def _(d, bib):
    return Expected("incidents.csv", set_cell(d, "incidents", 14, "attack_types", "ddos; defacement"), "attack_types",
                    _item_rule("incidents", "attack_types"), "ddos; defacement")


@case("pattern violation")
def _(d, bib):
    pattern = field("countries", "iso3")["constraints"]["pattern"]
    return Expected("countries.csv", set_cell(d, "countries", 7, "iso3", "Kh"), "iso3",
                    f"does not match the pattern {pattern}", "Kh")


@case("required field empty")
def _(d, bib):
    return Expected("incidents.csv", set_cell(d, "incidents", 11, "summary", ""), "summary", "is required but empty", None)


@case("below the minimum")
def _(d, bib):
    minimum = field("provisions", "instrument_year")["constraints"]["minimum"]
    return Expected("provisions.csv", set_cell(d, "provisions", 9, "instrument_year", "1885"), "instrument_year",
                    f"is below the minimum {minimum}", "1885")


@case("duplicate primary key")
def _(d, bib):
    path = csv_path(d, "incidents")
    rows = read_rows(path)
    rows[15][0] = rows[4][0]
    write_rows(path, rows)
    first, second = line_of(rows, 4), line_of(rows, 15)
    return Expected("incidents.csv", second, "incident_id", f"is a duplicate key (also on line {first})", rows[4][0])


@case("duplicate integer primary key")
def _(d, bib):
    path = csv_path(d, "convention")
    rows = read_rows(path)
    rows[30][0] = rows[3][0]
    write_rows(path, rows)
    first, second = line_of(rows, 3), line_of(rows, 30)
    return Expected("convention.csv", first, "article", f"is a duplicate key (also on line {second})", rows[3][0])


@case("white space around a cell")
def _(d, bib):
    i = find_row(d, "incidents", lambda r: r["actor"] != "")
    value = " " + cell(d, "incidents", i, "actor") + " "
    return Expected("incidents.csv", set_cell(d, "incidents", i, "actor", value), "actor",
                    "has leading or trailing white space", value)


@case("white space around an integer")
def _(d, bib):
    value = cell(d, "country_facts", 6, "year") + " "
    return Expected("country_facts.csv", set_cell(d, "country_facts", 6, "year", value), "year",
                    "has leading or trailing white space", value)


# ---- cross-checks --------------------------------------------------------------------------------------------


@case("broken foreign key")
def _(d, bib):
    return Expected("provisions.csv", set_cell(d, "provisions", 12, "country", "XXX"), "country",
                    "has no matching iso3 in countries.csv", "XXX")


@case("list reference not in convention.csv")
def _(d, bib):
    return Expected("provisions.csv", set_cell(d, "provisions", 4, "convention_articles", "99"), "convention_articles",
                    "names 99: no such article in convention.csv", "99")


@case("source key not in references.bib")
def _(d, bib):
    return Expected("country_facts.csv", set_cell(d, "country_facts", 40, "source", "nosuchwork2020"), "source",
                    "is not a key in references.bib", "nosuchwork2020")


@case("min greater than max")
def _(d, bib):
    i = find_row(d, "penalties", lambda r: r["prison_max_months"] not in ("", "0") and r["prison_min_months"] == "")
    big = str(int(cell(d, "penalties", i, "prison_max_months")) + 1)
    return Expected("penalties.csv", set_cell(d, "penalties", i, "prison_min_months", big), "prison_min_months",
                    f"is greater than prison_max_months ({cell(d, 'penalties', i, 'prison_max_months')})", big)


@case("fine without currency")
def _(d, bib):
    i = find_row(d, "penalties", lambda r: r["fine_min"] != "" and r["fine_currency"] != "", start=1)
    return Expected("penalties.csv", set_cell(d, "penalties", i, "fine_currency", ""), "fine_currency",
                    "is required when fine_min is given", None)


@case("year after today")
def _(d, bib):
    year = str(dt.date.today().year + 1)
    return Expected("provisions.csv", set_cell(d, "provisions", 15, "instrument_year", year), "instrument_year",
                    f"is after today ({dt.date.today().isoformat()})", year)


@case("date after today")
def _(d, bib):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    i = find_row(d, "country_facts", lambda r: r["date"] != "")
    set_cell(d, "country_facts", i, "year", str(tomorrow.year))
    return Expected("country_facts.csv", set_cell(d, "country_facts", i, "date", tomorrow.isoformat()), "date",
                    f"is after today ({dt.date.today().isoformat()})", tomorrow.isoformat())


@case("date does not match its year")
def _(d, bib):
    year = cell(d, "incidents", 6, "year")
    other = f"{int(year) - 3}-05"
    return Expected("incidents.csv", set_cell(d, "incidents", 6, "date", other), "date",
                    f"does not fall in year {year}", other)


@case("impossible calendar date")
def _(d, bib):
    set_cell(d, "incidents", 8, "year", "2019")
    return Expected("incidents.csv", set_cell(d, "incidents", 8, "date", "2019-02-30"), "date",
                    "is not a real calendar date", "2019-02-30")


# ---- the descriptor and the bibliography ----------------------------------------------------------------------


@case("broken datapackage.json")
def _(d, bib):
    path = d / paths.DATAPACKAGE_NAME
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, s in enumerate(lines) if s.strip().startswith('"name": "cambodia-cyberlaw"'))
    lines[index] = lines[index].rstrip(",")  # the next key, one line down, now lacks its comma
    path.write_text("\n".join(lines), encoding="utf-8")
    return Expected("datapackage.json", index + 2, None, re.compile(r"is not valid JSON \(Expecting ',' delimiter.*\)"))


@case("datapackage.json copy with an enumeration removed")
def _(d, bib):
    path = d / paths.DATAPACKAGE_NAME
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    fields = next(r for r in descriptor["resources"] if r["name"] == "incidents")["schema"]["fields"]
    loosened = next(f for f in fields if "enum" in f.get("constraints", {}))
    dropped = loosened["constraints"]["enum"].pop(0)
    path.write_text(json.dumps(descriptor, indent=1), encoding="utf-8")
    return Expected("datapackage.json", None, None, "differs from the project's schema at resources[incidents].schema"
                    f".fields[{loosened['name']}].constraints.enum: lacks {dropped}")


def _bib_entry(bib: Path, key: str) -> tuple[list[str], int, int]:
    lines = bib.read_text(encoding="utf-8").split("\n")
    start = next(i for i, s in enumerate(lines) if re.match(r"@\w+\{" + re.escape(key) + ",", s))
    end = next(i for i in range(start, len(lines)) if lines[i] == "}")
    return lines, start, end


@case("unbalanced brace in references.bib")
def _(d, bib):
    lines, start, end = _bib_entry(bib, "ymac2016cybersecurity")
    del lines[end]  # the entry's closing brace
    bib.write_text("\n".join(lines), encoding="utf-8")
    return Expected("references.bib", start + 1, None, "is not a well-formed BibTeX entry", lines[start])


@case("duplicate key in references.bib")
def _(d, bib):
    text = bib.read_text(encoding="utf-8")
    assert text.endswith("\n")
    bib.write_text(text + "\n@misc{nguon2019cambodia,\n  title = {Again}\n}\n", encoding="utf-8")
    return Expected("references.bib", text.count("\n") + 2, "key", "is a duplicate entry key", "nguon2019cambodia")


@case("references.bib not UTF-8")
def _(d, bib):
    lines, start, _ = _bib_entry(bib, "fh2013fotn")
    lines[start + 2] = lines[start + 2].replace("Freedom", "Libert\xe9", 1)
    bib.write_bytes("\n".join(lines).encode("latin-1", errors="replace"))
    return Expected("references.bib", start + 3, None, re.compile(r"is not valid UTF-8 \(.*\)"))


@case("references.bib missing")
def _(d, bib):
    bib.unlink()
    return Expected("references.bib", None, None, "file is missing")


# ---- the legal coding: codebook rules, evidence per cell, the Convention's options, one penalty per group -------


@case("safeguard value on a row that is not a procedural power")
def _(d, bib):
    i = find_row(d, "provisions", lambda r: r["kind"] == "offence")
    return Expected("provisions.csv", set_cell(d, "provisions", i, "proportionality", "false"), "proportionality",
                    "may only be given when kind is procedural_power", "false")


@case("offence category on a non-offence")
def _(d, bib):
    i = find_row(d, "provisions", lambda r: r["kind"] == "institution")
    return Expected("provisions.csv", set_cell(d, "provisions", i, "category", "cia"), "category",
                    "is not allowed when kind is institution (allowed: institutional)", "cia")


@case("optional Convention element coded as mandatory")
def _(d, bib):
    # An element the Convention makes an option ("A Party may require ...") coded mandatory would be counted as a
    # shortfall; validation refuses it.
    i = find_row(d, "convention_elements", lambda r: r["requirement"] == "optional" and "may require" in r["text"],
                 start=1)
    return Expected("convention_elements.csv", set_cell(d, "convention_elements", i, "requirement", "mandatory"),
                    "requirement", re.compile(r"the Convention's text makes this an option .*never a shortfall"),
                    "mandatory")


@case("penalty on both a group and one of its articles")
def _(d, bib):
    path = csv_path(d, "penalties")
    rows = read_rows(path)
    header = rows[0]
    group = next(i for i in range(1, len(rows)) if ";" in rows[i][header.index("provisions")])
    member = rows[group][header.index("provisions")].split(";")[1]
    copy = list(rows[group])
    copy[header.index("penalty_id")] = "PEN-DUPLICATE"
    copy[header.index("provisions")] = member
    rows.append(copy)
    write_rows(path, rows)
    return Expected("penalties.csv", line_of(rows, len(rows) - 1), "provisions",
                    re.compile(r"already has a basic penalty on line \d+: a penalty given for a group is not repeated "
                               r"for one of its articles"), member)


@case("coded cell without a quotation")
def _(d, bib):
    i = find_row(d, "provisions", lambda r: r["kind"] == "offence" and r["intent_required"] == "", start=1)
    return Expected("provisions.csv", set_cell(d, "provisions", i, "intent_required", "false"), "intent_required",
                    "has no quotation in codings.csv (a coded cell without one stays empty)", "false")


@case("quotation whose value differs from its cell")
def _(d, bib):
    i = find_row(d, "codings", lambda r: r["field"] == "dishonest_intent" and r["value"] == "false", start=1)
    record = cell(d, "codings", i, "record_id")
    return Expected("codings.csv", set_cell(d, "codings", i, "value", "true"), "value",
                    f"does not match {record}'s dishonest_intent cell", "true")


@case("Convention element that is not one of its provision's articles")
def _(d, bib):
    i = find_row(d, "codings", lambda r: r["field"] == "element:technical_means", start=1)
    return Expected("codings.csv", set_cell(d, "codings", i, "field", "element:serious_harm"), "field",
                    re.compile(r"is not an element of the Convention articles .* corresponds to \(.*\)"),
                    "element:serious_harm")


@case("quotation longer than 30 words")
def _(d, bib):
    i = find_row(d, "codings", lambda r: " " in r["quote"], start=1)
    long = " ".join(["word"] * 31)
    return Expected("codings.csv", set_cell(d, "codings", i, "quote", long), "quote",
                    re.compile(r"is longer than 30 words \(31\).*"))


@case("same actor typed two ways")
def _(d, bib):
    path = csv_path(d, "incidents")
    rows = read_rows(path)
    h = rows[0]
    actors = [r[h.index("actor")] for r in rows[1:]]
    twice = next(a for a in actors if a and actors.count(a) > 1)
    second = [i for i in range(1, len(rows)) if rows[i][h.index("actor")] == twice][1]
    current = rows[second][h.index("actor_type")]
    other = "cybercriminal" if current != "cybercriminal" else "insider"
    return Expected("incidents.csv", set_cell(d, "incidents", second, "actor_type", other), "actor_type",
                    re.compile(rf"differs from the other rows of actor '{re.escape(twice)}' \(.*\)"), other)


@case("general rule for an instrument the provisions do not hold")
def _(d, bib):
    return Expected("general_rules.csv", set_cell(d, "general_rules", 1, "instrument", "Civil Code"), "instrument",
                    "is not an instrument of KHM in provisions.csv", "Civil Code")


@case("other_sources key not in references.bib")
def _(d, bib):
    i = find_row(d, "incidents", lambda r: r["other_sources"] != "", start=1)
    return Expected("incidents.csv", set_cell(d, "incidents", i, "other_sources", "nosuchwork2020"), "other_sources",
                    "names nosuchwork2020: not a key in references.bib", "nosuchwork2020")


# ---- issue 20: history rows, coded values and their domains, options and searches -----------------------------
# The expected rules are the words of the checks' declarations in datapackage.json (emptyWhen, valueDomains, the
# enums), written out here; the lines are where the corruption was put.

_IN_FORCE_RULE = ("must be empty when status is in_force "
                  "(a provision that ended or was replaced is amended or repealed)")


@case("in_force provision with an end date")
def _(d, bib):
    i = find_row(d, "provisions", lambda r: r["status"] == "in_force" and r["valid_to"] == "", start=1)
    return Expected("provisions.csv", set_cell(d, "provisions", i, "valid_to", "2018-12-31"), "valid_to",
                    _IN_FORCE_RULE, "2018-12-31")


@case("in_force provision with a successor")
def _(d, bib):
    i = find_row(d, "provisions", lambda r: r["status"] == "in_force" and r["superseded_by"] == "", start=1)
    return Expected("provisions.csv", set_cell(d, "provisions", i, "superseded_by", "KHM-CC2009-5"), "superseded_by",
                    _IN_FORCE_RULE, "KHM-CC2009-5")


@case("superseded_by naming no provision")
def _(d, bib):
    i = find_row(d, "provisions", lambda r: r["status"] == "amended", start=1)
    return Expected("provisions.csv", set_cell(d, "provisions", i, "superseded_by", "JPN-NOSUCH-1"), "superseded_by",
                    "has no matching provision_id in provisions.csv", "JPN-NOSUCH-1")


@case("ordered_by outside its domain")
def _(d, bib):
    i = find_row(d, "codings", lambda r: r["field"] == "ordered_by", start=1)
    return Expected("codings.csv", set_cell(d, "codings", i, "value", "minister"), "value",
                    "is not a value of ordered_by (allowed: judge, prosecutor, police, executive, other)", "minister")


@case("narrowing value that is not true or false")
def _(d, bib):
    i = find_row(d, "codings", lambda r: r["field"] == "narrowing:threshold", start=1)
    return Expected("codings.csv", set_cell(d, "codings", i, "value", "yes"), "value",
                    "is not a value of narrowing:threshold (allowed: true, false)", "yes")


@case("second coding's safeguard value outside its domain")
def _(d, bib):
    path = csv_path(d, "coding_second")
    rows = read_rows(path)
    rows.append(["KHM-DRAFT2014-17", "grounds_required", "maybe", "for the purpose of gathering evidence",
                 "nguon2019cambodia", "text at fn 79", "paper"])
    write_rows(path, rows)
    return Expected("coding_second.csv", line_of(rows, len(rows) - 1), "value",
                    "is not a value of grounds_required (allowed: true, false)", "maybe")


@case("unknown coded field")
def _(d, bib):
    i = find_row(d, "codings", lambda r: r["field"] == "ordered_by", start=1)
    return Expected("codings.csv", set_cell(d, "codings", i, "field", "ordered_by_whom"), "field",
                    re.compile(r"does not match the pattern .*narrowing:\(\?:sector\|result\|threshold\)\|ordered_by\)"),
                    "ordered_by_whom")


@case("general rule scope outside its list")
def _(d, bib):
    return Expected("general_rules.csv", set_cell(d, "general_rules", 1, "scope", "region"), "scope",
                    "is not one of: instrument, country", "region")


@case("party option that is not an option of its article")
def _(d, bib):
    i = find_row(d, "party_options", lambda r: r["article"] == "2", start=1)
    return Expected("party_options.csv", set_cell(d, "party_options", i, "option", "without_right"), "option",
                    "is not an optional element or reservation of Article 2 in convention_elements.csv", "without_right")


@case("party option taken that is not a boolean")
def _(d, bib):
    return Expected("party_options.csv", set_cell(d, "party_options", 1, "taken", "partly"), "taken",
                    "is not a boolean (true or false)", "partly")


@case("law search result outside its list")
def _(d, bib):
    return Expected("law_searches.csv", set_cell(d, "law_searches", 1, "result", "not_covered"), "result",
                    "is not one of: counterpart_coded, none_found", "not_covered")


@case("treaty act outside the indicators")
def _(d, bib):
    i = find_row(d, "country_facts", lambda r: r["indicator"] == "budapest_acceptance", start=1)
    return Expected("country_facts.csv", set_cell(d, "country_facts", i, "indicator", "budapest_adhesion"), "indicator",
                    re.compile(r"is not one of: .*budapest_acceptance, budapest_approval.*"), "budapest_adhesion")
