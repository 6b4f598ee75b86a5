"""Every user mistake is one clear line naming the file, line, column or option, and never a traceback: each case
issue 12 met, and the obvious neighbours, through the command line (`research.cli.main`, as the `research` script runs
it). A case whose output is a list of data problems must carry the located line; every other case is one line."""

from __future__ import annotations

import csv
import errno
import subprocess
import sys
from pathlib import Path

import pytest

from research import paths
from research.cli import main

ONE_LINE, LOCATED = "one line", "located"


def _set_cell(data: Path, column: str, value: str) -> int:
    path = data / "incidents.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows[3][rows[0].index(column)] = value
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return 4  # rows[3] starts on line 4: the cells written before it hold no line break


def _duplicate_field(bib: Path) -> int:
    text = bib.read_text(encoding="utf-8")
    start = text.index("@misc{")
    head = text.index(",\n", start) + 2
    bib.write_text(text[:head] + "  url = {https://a.example},\n  url = {https://b.example},\n" + text[head:],
                   encoding="utf-8")
    return text[:head].count("\n") + 2


# name -> (arguments from (tmp, data, references), what the error must say, kind)
CASES = {
    "build -j -1": (lambda t, d, r: ["build", "-j", "-1", *_io(t, d, r)], "argument -j/--jobs: '-1' is negative",
                    ONE_LINE),
    "build -j x": (lambda t, d, r: ["build", "-j", "x", *_io(t, d, r)], "'x' is not a whole number", ONE_LINE),
    "build --csl missing": (lambda t, d, r: ["build", "--csl", str(t / "no.csl"), *_io(t, d, r)],
                            "--csl {t}/no.csl does not exist", ONE_LINE),
    "build --csl a folder": (lambda t, d, r: ["build", "--csl", str(t), *_io(t, d, r)],
                             "is a folder, not a CSL style file", ONE_LINE),
    "build --output-dir a file": (lambda t, d, r: ["build", *_io(t, d, r, out=r)],
                                  "output directory {r} is a file, not a folder", ONE_LINE),
    "build --output-dir a folder of other files": (lambda t, d, r: ["build", *_io(t, d, r, out=t / "mine")],
                                                   "holds files that no build wrote", ONE_LINE),
    "build --output-dir inside the data": (lambda t, d, r: ["build", *_io(t, d, r, out=d / "out")],
                                           "is inside {d}, an input: choose another", ONE_LINE),
    "build --references a folder": (lambda t, d, r: ["build", *_io(t, d, t)],
                                    "references file {t} is a folder, not a BibTeX file", ONE_LINE),
    "build --references missing": (lambda t, d, r: ["build", *_io(t, d, t / "none.bib")],
                                   "references file {t}/none.bib does not exist", ONE_LINE),
    "build --data-dir a file": (lambda t, d, r: ["build", *_io(t, r, r)], "data directory {r} is a file", ONE_LINE),
    "build --data-dir missing": (lambda t, d, r: ["build", *_io(t, t / "nowhere", r)],
                                 "data directory {t}/nowhere does not exist", ONE_LINE),
    "build -p without a value": (lambda t, d, r: ["build", "-p", "focus", *_io(t, d, r)],
                                 "parameter 'focus' is not of the form name=value", ONE_LINE),
    "validate a file": (lambda t, d, r: ["validate", str(r)], "data directory {r} is a file, not a folder", ONE_LINE),
    "validate a missing folder": (lambda t, d, r: ["validate", str(t / "nowhere")], "does not exist", ONE_LINE),
    "validate --references a folder": (lambda t, d, r: ["validate", str(d), "--references", str(t)],
                                       "is a folder, not a BibTeX file", LOCATED),
    "validate --max-problems -1": (lambda t, d, r: ["validate", str(d), "--max-problems", "-1"],
                                   "argument --max-problems: '-1' is negative", ONE_LINE),
    "a 1 MB cell": (lambda t, d, r: ["validate", str(d), "--references", str(r)],
                    "incidents.csv:{line}: summary: is 1,000,000 characters long: a cell holds at most 131,072",
                    LOCATED),
    "an integer beyond 64 bits": (lambda t, d, r: ["validate", str(d), "--references", str(r)],
                                  'incidents.csv:{line}: records_leaked: "99999999999999999999999" is outside the '
                                  "range of a 64-bit integer", LOCATED),
    "a BibTeX field given twice": (lambda t, d, r: ["validate", str(d), "--references", str(r)],
                                   "references.bib:{line}: url: is given twice in entry", LOCATED),
    "sweep --countries ''": (lambda t, d, r: ["sweep", "--countries", "", *_io(t, d, r)],
                             "--countries: give at least one ISO3 code", ONE_LINE),
    "sweep --countries ','": (lambda t, d, r: ["sweep", "--countries", ",", *_io(t, d, r)],
                              "--countries: give at least one ISO3 code", ONE_LINE),
    "sweep -j -2": (lambda t, d, r: ["sweep", "-j", "-2", *_io(t, d, r)], "'-2' is negative", ONE_LINE),
    "sweep --output-dir a file": (lambda t, d, r: ["sweep", "--countries", "KHM", *_io(t, d, r, out=r)],
                                  "is a file, not a folder", ONE_LINE),
    "an unknown command": (lambda t, d, r: ["bogus"], "invalid choice: 'bogus'", ONE_LINE),
    "datadoc without a descriptor": (lambda t, d, r: ["datadoc", str(t)], "datapackage.json does not exist",
                                     ONE_LINE),
    "cite-check on a missing folder": (lambda t, d, r: ["cite-check", "--data-dir", str(t / "x"), "--references",
                                                        str(r)], "data directory {t}/x does not exist", ONE_LINE),
    "verify without its reference": (lambda t, d, r: ["verify", "--reference", str(t / "m.json")],
                                     "no reference manifest at", ONE_LINE),
    "manifest of no build": (lambda t, d, r: ["manifest", "--output-dir", str(t / "none")], "does not exist: run",
                             ONE_LINE),
    "clean the data folder": (lambda t, d, r: ["clean", "--output-dir", str(d), "--data-dir", str(d)],
                              "an input: refusing to delete it", ONE_LINE),
    "import a missing file": (lambda t, d, r: ["import-incidents", "eurepoc", str(t / "x.csv"), "--data-dir", str(d),
                                               "--references", str(r)], "{t}/x.csv: no such file", ONE_LINE),
    "import into the project's data": (lambda t, d, r: ["import-incidents", "eurepoc", str(t), "--append",
                                                        "--data-dir", str(paths.DATA_DIR)],
                                       "is the project's own data: copy it", ONE_LINE),
}


def _io(tmp: Path, data: Path, references: Path, out: Path | None = None) -> list[str]:
    return ["--data-dir", str(data), "--references", str(references), "--output-dir", str(out or tmp / "out")]


@pytest.mark.parametrize("name", list(CASES))
def test_a_mistake_is_reported_plainly(name, tmp_path, data_copy, references_copy, capsys):
    arguments, expected, kind = CASES[name]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("someone's own work")
    line = None
    if name == "a 1 MB cell":
        line = _set_cell(data_copy, "summary", "x" * 1_000_000)
    elif name == "an integer beyond 64 bits":
        line = _set_cell(data_copy, "records_leaked", "99999999999999999999999")
    elif name == "a BibTeX field given twice":
        line = _duplicate_field(references_copy)
    try:
        status = main(arguments(tmp_path, data_copy, references_copy))
    except SystemExit as exc:  # argparse's way out
        status = exc.code
    err = capsys.readouterr().err
    assert status not in (0, None), err
    assert "Traceback" not in err
    assert expected.format(t=tmp_path, d=data_copy, r=references_copy, line=line) in err, err
    if kind == ONE_LINE:
        assert err.count("\n") == 1, f"not one line:\n{err}"
    assert not (tmp_path / "out").exists()


def test_a_read_only_output_folder_is_one_line(tmp_path, data_copy, references_copy, capsys, monkeypatch):
    target = tmp_path / "ro"

    def refuse(self, *args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    status = main(["build", *_io(tmp_path, data_copy, references_copy, out=target)])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert f"{target}: Read-only file system (choose a folder you can write to" in err


def test_an_output_folder_another_build_holds_is_one_line(tmp_path, data_copy, references_copy, capsys):
    from research.engine.lock import OutputLock

    out = tmp_path / "out"
    with OutputLock(out):
        status = main(["build", *_io(tmp_path, data_copy, references_copy, out=out)])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1 and "a build or a sweep is writing to" in err


def test_the_research_script_prints_no_traceback_either(tmp_path):
    run = subprocess.run([sys.executable, "-m", "research", "build", "-j", "-1"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 2 and "Traceback" not in run.stderr and run.stderr.count("\n") == 1, run.stderr
