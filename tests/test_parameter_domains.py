"""Every parameter is checked before any notebook runs, by its one declaration: each bad value the issue met (and its
neighbours) stops `research build` with one line naming the parameter and the value, and nothing is written."""

from __future__ import annotations

from datetime import date

import pytest

from research.cli import main
from research.engine import parameters
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
