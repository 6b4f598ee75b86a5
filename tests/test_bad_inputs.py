"""Bad input never costs the last good report: each corrupted copy of the real data, and each bad parameter, stops
`research build` with a non-zero status and a message naming the file, line and column (or the parameter), and leaves
the previous paper.html, paper.pdf, manifest and executed notebooks byte for byte as they were."""

from __future__ import annotations

import hashlib

import corruptions as corrupt  # the registry of corrupted variants, each with its expected problem
import pytest
from support import copy_inputs, run_build, warm_copy

from research import paths
from research.cli import main
from research.engine.config import BuildConfig

pytestmark = pytest.mark.slow


def _digests(out):
    files = [out / "paper.html", out / "paper.pdf", out / "manifest.json", *sorted((out / "notebooks").glob("*.ipynb")),
             *sorted((out / "figures").glob("*")), *sorted((out / "tables").glob("*"))]
    return {f.relative_to(out).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


@pytest.fixture(scope="module")
def good_build(report_build, tmp_path_factory):
    """A copy of the session's complete build (its cache included): the report that bad input must not touch.

    Returns the folder, the digests of its published files, and the data and bibliography it was built from (the
    project's own, only read)."""
    out = warm_copy(report_build.output_dir, tmp_path_factory.mktemp("good") / "output")
    return out, _digests(out), report_build.data_dir, report_build.references


def _build(data_dir, references, out, *extra):
    return main(["build", "--data-dir", str(data_dir), "--references", str(references), "--output-dir", str(out), *extra])


# One corruption of each kind (see corruptions.py) through `research build`. Every case, these included, is checked
# in the fast tier (test_data_validation.test_corruption_is_reported) against research.data.load, which is the
# gate the build passes (validate_or_raise) and whose message the command prints.
BUILD_CASES = ["latin-1 byte", "missing csv file", "missing required column", "unterminated quote",
               "non-integer in integer column", "enum value outside the list", "duplicate primary key",
               "broken foreign key", "date after today", "broken datapackage.json",
               "unbalanced brace in references.bib", "references.bib missing",
               "quotation whose value differs from its cell"]


def test_each_build_case_is_a_registered_corruption():
    assert set(BUILD_CASES) <= set(corrupt.CASES)


@pytest.mark.parametrize("name", BUILD_CASES)
def test_corrupted_data_stops_the_build_and_keeps_the_report(name, good_build, data_copy, references_copy, capsys):
    out, before, *_ = good_build
    expected = corrupt.CASES[name](data_copy, references_copy)
    status = _build(data_copy, references_copy, out)
    err = capsys.readouterr().err
    assert status == 1
    where = expected.file if expected.line is None else f"{expected.file}:{expected.line}"
    if expected.column:
        where += f": {expected.column}"
    assert where in err, err
    assert "Traceback" not in err
    assert _digests(out) == before


# One bad parameter of each kind through `research build` (unknown, ill-typed, out of its domain, a path, malformed,
# a parameter the sections do not take). Each of these and more is refused in the fast tier: by the parser and the
# resolver (test_parameters.py, test_parameter_domains.py) and on the command line (test_user_mistakes.py).
BAD_PARAMETERS = {
    "unknown parameter": (["-p", "khr_per_eur=4400"], "khr_per_eur"),
    "float parameter given text": (["-p", "khr_per_usd=abc"], "khr_per_usd"),
    "float parameter given infinity": (["-p", "khr_per_usd=inf"], "khr_per_usd"),
    "path parameter through -p": (["-p", "data_dir=/etc"], "data_dir"),
    "parameter without a value": (["-p", "focus"], "focus"),
    "focus, which the sections do not take": (["-p", "focus=XXX"], "unknown parameter(s): focus"),
    "exchange rate not positive": (["-p", "khr_per_usd=-4000"], "khr_per_usd=-4000"),
}


@pytest.mark.parametrize("name", list(BAD_PARAMETERS))
def test_bad_parameter_stops_the_build_and_keeps_the_report(name, good_build, data_copy, references_copy, capsys):
    out, before, *_ = good_build
    extra, named = BAD_PARAMETERS[name]
    status = _build(data_copy, references_copy, out, *extra)
    err = capsys.readouterr().err
    assert status == 1
    assert named in err and "Traceback" not in err, err
    assert len(err.strip().splitlines()) == 1, f"not one line: {err}"
    assert _digests(out) == before


def test_output_inside_the_data_folder_is_refused(data_copy, references_copy, capsys):
    status = _build(data_copy, references_copy, data_copy / "output")
    err = capsys.readouterr().err
    assert status == 1 and "inside" in err and str(data_copy) in err
    assert not (data_copy / "output" / "paper.html").exists()


def test_output_that_contains_the_inputs_is_refused(good_build, data_copy, references_copy, capsys):
    status = _build(data_copy, references_copy, data_copy.parent)
    err = capsys.readouterr().err
    assert status == 1 and "contains" in err


def test_missing_data_folder_names_it(good_build, tmp_path, references_copy, capsys):
    out, before, *_ = good_build
    status = _build(tmp_path / "nowhere", references_copy, out)
    err = capsys.readouterr().err
    assert status == 1 and "nowhere" in err
    assert _digests(out) == before


def test_a_parameter_is_never_run_as_code(data_copy, references_copy, tmp_path, capsys):
    marker = tmp_path / "pwned"
    payload = f"__import__('pathlib').Path({str(marker)!r}).touch()"
    # as_of is the section notebooks' one text parameter: papermill writes it into the notebook as a string literal
    status = _build(data_copy, references_copy, tmp_path / "out2", "--no-report", "-p",
                    f"as_of=2019-06-30\"; {payload}; \"")
    err = capsys.readouterr().err
    assert status == 1 and "as_of=" in err and "expected a date written YYYY-MM-DD" in err, err
    assert not marker.exists() and not (tmp_path / "out2").exists()


# ---- hostile input (issue 12): nothing from a data cell or a bibliography field reaches the file system, a live link
# or a spreadsheet formula, and the last good report stays byte for byte as it was. Each fails before issue 12.

SECRET = "the first line of a file outside the data folder"


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "elsewhere" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def _cited_field(bib, line: str) -> int:
    """Put ``line`` into the entry of the paper itself (always cited) and return its 1-based line."""
    text = bib.read_text(encoding="utf-8")
    start = text.index("{nguon2019cambodia,")
    head = text.index("\n", start) + 1
    bib.write_text(text[:head] + line + "\n" + text[head:], encoding="utf-8")
    return text[:head].count("\n") + 1


HOSTILE_FIELDS = {
    "includegraphics in a title": ("  note = {{\\includegraphics{{{secret}}}}},", "note: \\includegraphics is not allowed"),
    "javascript href": ("  note = {{\\href{{javascript:alert(1)}}{{here}}}},",
                        'note: \\href target "javascript:alert(1)" is not allowed: only http, https and doi links'),
    "javascript url": ("  howpublished = {{\\url{{javascript://%0aalert(1)}}}},",
                       'howpublished: \\url target "javascript://%0aalert(1)" is not allowed'),
}


@pytest.mark.parametrize("name", list(HOSTILE_FIELDS))
def test_a_hostile_bibliography_field_stops_the_build_at_its_line(name, good_build, data_copy, references_copy,
                                                                  secret, capsys):
    out, before, *_ = good_build
    field, rule = HOSTILE_FIELDS[name]
    line = _cited_field(references_copy, field.format(secret=secret))
    status = _build(data_copy, references_copy, out)
    err = capsys.readouterr().err
    assert status == 1 and f"references.bib:{line}: {rule}" in err and "Traceback" not in err, err
    assert _digests(out) == before
    assert not any(SECRET in p.read_text(errors="ignore") for p in out.rglob("*") if p.is_file())


def _descriptor_with(data_dir, change) -> None:
    import json

    path = data_dir / paths.DATAPACKAGE_NAME
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(next(r for r in descriptor["resources"] if r["name"] == "countries"))
    path.write_text(json.dumps(descriptor, indent=1), encoding="utf-8")


@pytest.mark.parametrize("name", ["absolute resource path", "resource path climbing out", "symlink to outside",
                                  "a looser copy of the schema"])
def test_a_data_folder_that_reaches_outside_is_refused(name, good_build, data_copy, references_copy, secret, capsys):
    out, before, *_ = good_build
    if name == "absolute resource path":
        _descriptor_with(data_copy, lambda r: r.update(path=str(secret)))
    elif name == "resource path climbing out":
        _descriptor_with(data_copy, lambda r: r.update(path="../elsewhere/secret.txt"))
    elif name == "symlink to outside":
        (data_copy / "countries.csv").unlink()
        (data_copy / "countries.csv").symlink_to(secret)
    else:
        _descriptor_with(data_copy, lambda r: r["schema"]["fields"][0].get("constraints", {}).pop("pattern", None))
    status = _build(data_copy, references_copy, out)
    err = capsys.readouterr().err
    assert status == 1 and "Traceback" not in err
    expected = ("countries.csv: is a symbolic link to a file outside the data folder" if name == "symlink to outside"
                else "datapackage.json: differs from the project's schema at resources[countries]")
    assert expected in err, err
    assert SECRET not in err
    assert _digests(out) == before


# Hostile but valid data, built once with its report: Python in an incident's summary, markup in the heading of a
# provision the provisions table shows, and spreadsheet formulas in every other Cambodian heading.

HOSTILE_MARKUP = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The report built from a copy of the data with code, markup and formulas in its cells.

    Returns the output folder, the marker file the code would create, the provision row given the markup (as it was
    before) and the formulas written."""
    import csv
    import io
    import re

    root = tmp_path_factory.mktemp("hostile")
    data_dir, references = copy_inputs(root)
    marker = root / "pwned"
    corrupt.set_cell(data_dir, "incidents", 1, "summary", f"__import__('pathlib').Path({str(marker)!r}).touch()")
    path = data_dir / "provisions.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    records = [dict(zip(header, row)) for row in rows]
    # A provision that tbl-provisions shows (Cambodian, in force on the report's default date, mid-2019), whose
    # heading appears once, unquoted: it gets the markup.
    marked = next(i for i, r in enumerate(records[1:], 1) if r["country"] == "KHM" and r["status"] == "in_force"
                  and r["valid_from"][:4] <= "2018" and re.fullmatch(r"[A-Za-z ]+", r["heading"])
                  and text.count(f",{r['heading']},") == 1)
    formulas = []
    for i, row in enumerate(rows[1:], 1):  # every other Cambodian heading: some are shown in the provisions table
        if row[header.index("country")] == "KHM":
            row[header.index("heading")] = HOSTILE_MARKUP if i == marked else f'=HYPERLINK("http://x","{i}")'
            if i != marked:
                formulas.append(row[header.index("heading")])
    out_text = io.StringIO()
    csv.writer(out_text, lineterminator="\n").writerows(rows)
    path.write_text(out_text.getvalue(), encoding="utf-8")
    out = root / "output"
    summary, log = run_build(BuildConfig(data_dir=data_dir, references=references, output_dir=out))
    assert summary.failed == 0 and summary.report is True, log
    return out, marker, records[marked], formulas


def test_code_and_formulas_in_data_cells_stay_text(hostile_build):
    # Python in an incident's summary is never run, and a spreadsheet formula in a provision's heading is written to
    # the tables as text.
    import csv
    import io

    out, marker, _, formulas = hostile_build
    assert not marker.exists()
    cells = [cell for table in (out / "tables").glob("*.csv")
             for row in csv.reader(io.StringIO(table.read_bytes().decode("utf-8"), newline="")) for cell in row]
    assert any("'" + f in cells for f in formulas), "no formula cell reached a table (the test needs one that does)"
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not c.lstrip("+-")[:1].isdigit()]
    assert dangerous == []


def test_markup_in_the_data_is_shown_as_text(hostile_build):
    from bs4 import BeautifulSoup
    from pypdf import PdfReader

    out, _, row, _ = hostile_build
    page = BeautifulSoup((out / "paper.html").read_text(encoding="utf-8"), "html.parser")
    assert not [s for s in page.find_all("script") if "alert" in s.get_text()], "the data's <script> became an element"
    table = page.find(id="tbl-provisions")
    cells = [" ".join(td.get_text().split()) for td in table.find_all("td")]
    assert HOSTILE_MARKUP in cells, "the heading is not shown as text in Table 'tbl-provisions'"
    row_cells = [" ".join(td.get_text().split()) for td in next(tr for tr in table.find_all("tr")
                                                                 if HOSTILE_MARKUP in tr.get_text()).find_all("td")]
    assert row_cells[:3] == [row["instrument"], row["article"], HOSTILE_MARKUP]  # in its own row, beside its article

    reader = PdfReader(str(out / "paper.pdf"))
    assert len(reader.pages) > 1
    assert "alert(1)" in "".join("\n".join(p.extract_text() for p in reader.pages).split())


def test_a_full_disk_while_the_report_is_written_keeps_the_last_good_output(good_build, tmp_path, capsys,
                                                                            monkeypatch):
    import errno

    import research.report.assemble as report_assembly

    out, before, data_dir, references = good_build
    style = tmp_path / "numbered.csl"  # a new style: the report (only) is rebuilt
    style.write_text("""<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Numbered</title><id>numbered</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="[" suffix="]" delimiter=", "><text variable="citation-number"/></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>
""")
    real = report_assembly.write_atomic

    def full(path, data):
        if str(path).endswith("paper.pdf"):
            (path.parent / ".paper.pdf.tmp").write_bytes(b"%PDF-1.7 half")
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(report_assembly, "write_atomic", full)
    status = _build(data_dir, references, out, "--csl", str(style))
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "No space left on device (free some space" in err, err
    assert _digests(out) == before
    left = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.name.endswith((".tmp", ".rendering"))
            or ".staging" in p.parts]
    assert left == []
