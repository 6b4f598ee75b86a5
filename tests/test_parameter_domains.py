"""Every parameter is checked before any notebook runs, by its one declaration: each bad value the issue met (and its
neighbours) stops `research build` with one line naming the parameter and the value, and nothing is written."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from research.build import build
from research.cli import main
from research.engine import parameters
from research.engine.config import BuildConfig
from research.engine.parameters import Parameter, check_domains, coerce, iso_date
from research.errors import ParameterError

SECTION = {"khr_per_usd": 4000, "focus": "KHM"}  # focus as the profile notebook declares it
COUNTRIES = ["KHM", "CHN", "JPN", "SGP", "VNM"]

BAD = {  # -p argument -> what the one line must say
    # the section notebooks reproduce the paper's own scope: neither is a parameter of theirs, and the line says why
    "focus=VNM": "unknown parameter(s): focus; the notebooks declare",
    "comparators=CHN": "(comparators: the section notebooks reproduce the paper's own scope",
    "khr_per_usd=0": "parameter khr_per_usd=0 must be a positive number",
    "khr_per_usd=-4000": "parameter khr_per_usd=-4000 must be a positive number",
    "khr_per_usd=abc": "parameter khr_per_usd='abc': expected int (default 4000)",
    "khr_per_usd=4e3": "parameter khr_per_usd='4e3': expected int (default 4000)",
    "khr_per_eur=4400": "unknown parameter(s): khr_per_eur",
    "as_of=2019-02-30": "parameter as_of='2019-02-30': expected a date written YYYY-MM-DD",
    "as_of=30/06/2019": "parameter as_of='30/06/2019': expected a date written YYYY-MM-DD",
    "as_of=2999-01-01": "parameter as_of='2999-01-01' is after today",
    "data_dir=/etc": "data_dir are paths set by the build",
    "focus": "parameter 'focus' is not of the form name=value",
}


@pytest.mark.parametrize("argument", list(BAD))
def test_a_bad_value_is_one_line_before_anything_runs(argument, data_copy, references_copy, tmp_path, capsys):
    out = tmp_path / "out"
    status = main(["build", "--data-dir", str(data_copy), "--references", str(references_copy), "--output-dir",
                   str(out), "-p", argument])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.err.count("\n") == 1 and BAD[argument] in captured.err, captured.err
    assert "Traceback" not in captured.err and captured.out == "" and not out.exists()


@pytest.mark.parametrize("values", [{"focus": "VNM"}, {"khr_per_usd": 1}])
def test_values_inside_their_domains_pass(values):
    check_domains({**SECTION, **values}, COUNTRIES)


@pytest.fixture
def as_of(monkeypatch):
    """A date parameter as the declaration holds one, with no domain of its own beyond being a real date."""
    declared = Parameter("as_of", date, "2019-07-01", "the date the analysis is as of")
    monkeypatch.setitem(parameters.PARAMETERS, "as_of", declared)
    return declared


@pytest.mark.parametrize("text", ["2019-07-01", "2024-02-29", " 2019-07-01 "])
def test_a_date_parameter_takes_real_iso_dates(as_of, text):
    assert coerce("as_of", text) == text.strip()
    check_domains({"as_of": text.strip()}, COUNTRIES)


@pytest.mark.parametrize("text", ["2019-02-30", "2023-02-29", "2019-13-01", "2019-7-1", "20190701", "yesterday", "",
                                  "2019-07-01T00:00"])
def test_a_date_parameter_refuses_what_is_not_a_real_date(as_of, text):
    with pytest.raises(ParameterError, match=r"as_of=.*: expected a date written YYYY-MM-DD \(default '2019-07-01'\)"):
        coerce("as_of", text)


def test_a_notebook_default_that_is_not_a_real_date_is_refused(as_of):
    with pytest.raises(ParameterError, match=r"parameter as_of='2019-02-30' must be a real date written YYYY-MM-DD"):
        check_domains({"as_of": "2019-02-30"}, COUNTRIES)


def test_iso_date_is_strict():
    assert iso_date("2000-02-29") == "2000-02-29"
    assert iso_date("1900-02-29") is None and iso_date(20000229) is None


def test_every_rate_is_declared_positive():
    rates = [p for p in parameters.PARAMETERS.values() if p.name.endswith("_per_usd") or "rate" in p.name]
    assert len(rates) >= 4 and all(p.domain is parameters.positive for p in rates)


def test_the_as_of_date_is_declared_a_date():
    assert parameters.PARAMETERS["as_of"].type is date
    with pytest.raises(ParameterError, match=r"as_of='2019-02-30': expected a date written YYYY-MM-DD"):
        coerce("as_of", "2019-02-30")


# ---- through the build function and the command, as test_build.py once checked them on its built folder: refused
# before anything runs, with nothing printed and no output folder made.

RESEARCH = Path(sys.executable).parent / "research"


@pytest.mark.parametrize(
    "parameters, words",
    [({"nosuch": "1"}, ["nosuch"]), ({"khr_per_usd": "abc"}, ["khr_per_usd", "abc"]),
     ({"focus": "XXX"}, ["focus", "the paper's own scope"]), ({"comparators": "CHN,KHM"}, ["comparators"]),
     ({"khr_per_usd": "0"}, ["khr_per_usd", "0"])],
    ids=["unknown", "wrong-type", "focus-not-a-section-parameter", "comparators-not-a-section-parameter", "rate-not-positive"],
)
def test_bad_parameter_is_refused_before_anything_runs(data_copy, references_copy, tmp_path, parameters, words):
    config = BuildConfig(data_dir=data_copy, references=references_copy, output_dir=tmp_path / "out",
                         parameters=parameters, report=False, stream=io.StringIO())
    with pytest.raises(ParameterError) as info:
        build(config)
    for word in words:
        assert word in str(info.value)
    assert config.stream.getvalue() == "", "progress was printed before the parameter was checked"
    assert not (tmp_path / "out").exists(), "the output folder was created before the parameter was checked"


def test_bad_parameter_on_the_command_line(data_copy, references_copy, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [str(RESEARCH), "build", "--data-dir", str(data_copy), "--references", str(references_copy),
         "--output-dir", str(out), "--no-report", "-p", "khr_per_usd=abc"],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "khr_per_usd" in proc.stderr and "abc" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not out.exists()


def test_output_dir_inside_the_data_dir_is_refused(data_copy, references_copy):
    listing = sorted(p.name for p in data_copy.iterdir())
    inside = data_copy / "out"
    with pytest.raises(ParameterError) as info:
        build(BuildConfig(data_dir=data_copy, references=references_copy, output_dir=inside, report=False,
                          stream=io.StringIO()))
    assert str(data_copy) in str(info.value)
    assert not inside.exists()
    assert sorted(p.name for p in data_copy.iterdir()) == listing
