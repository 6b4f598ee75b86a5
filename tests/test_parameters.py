"""The one parameter declaration (research.engine.parameters) and the checks every build applies before it starts."""

from __future__ import annotations

from datetime import date

import pytest

from research.cli import main
from research.engine.parameters import PARAMETERS, PATH_PARAMETERS, check_domains, coerce, parse_assignments, resolve
from research.errors import ParameterError

COUNTRIES = ["KHM", "CHN", "JPN", "SGP"]
SECTION = {"data_dir": "", "output_dir": "", "references": "", "khr_per_usd": 4000, "focus": "KHM"}


def test_path_parameters_are_the_three_folders():
    assert PATH_PARAMETERS == ("data_dir", "output_dir", "references")


@pytest.mark.parametrize("text, value", [("4100", 4100), ("-3", -3), (4100, 4100)])
def test_coerce_integers(text, value):
    assert coerce("khr_per_usd", text) == value


@pytest.mark.parametrize("text", ["abc", "4100.5", "inf", ""])
def test_coerce_refuses_what_is_not_an_integer_naming_parameter_and_value(text):
    with pytest.raises(ParameterError, match=rf"khr_per_usd={text!r}: expected int \(default 4000\)"):
        coerce("khr_per_usd", text)


def test_coerce_keeps_text_for_text_parameters():
    assert coerce("focus", "VNM") == "VNM"


def test_parse_assignments_splits_on_the_first_equals_sign():
    assert parse_assignments(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(ParameterError, match="not of the form name=value"):
        parse_assignments(["focus"])
    with pytest.raises(ParameterError, match="not a valid name"):
        parse_assignments(["2focus=KHM"])


def test_resolve_types_values_and_gives_each_notebook_only_its_own():
    declared = {"01": SECTION, "profile": {"iso3": "KHM", "focus": "KHM"}}
    assert resolve({"khr_per_usd": "4100", "iso3": "VNM"}, declared) == {"01": {"khr_per_usd": 4100},
                                                                          "profile": {"iso3": "VNM"}}


def test_resolve_refuses_unknown_names_and_paths():
    with pytest.raises(ParameterError, match="unknown parameter.*khr_per_eur"):
        resolve({"khr_per_eur": "1"}, {"01": SECTION})
    with pytest.raises(ParameterError, match="data_dir are paths set by the build"):
        resolve({"data_dir": "/etc"}, {"01": SECTION})


@pytest.mark.parametrize("changes, message", [
    ({"focus": "XXX"}, "parameter focus='XXX' is not a country in countries.csv"),
    ({"khr_per_usd": 0}, "parameter khr_per_usd=0 must be a positive number"),
    ({"khr_per_usd": -1}, "parameter khr_per_usd=-1 must be a positive number"),
])
def test_check_domains_names_the_parameter_and_the_value(changes, message):
    with pytest.raises(ParameterError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_domains({**SECTION, **changes}, COUNTRIES)


def test_check_domains_accepts_the_defaults_and_leaves_countries_to_validation_when_unreadable():
    check_domains(SECTION, COUNTRIES)
    check_domains({**SECTION, "focus": "XXX"}, [])  # countries.csv unreadable: validation will say why


def test_every_declared_default_is_of_its_declared_type_and_in_its_domain():
    for p in PARAMETERS.values():
        assert type(p.default) is (str if p.type is date else p.type), p.name  # a date is held as its ISO text
        if p.domain is not None:
            assert p.domain(p.default, COUNTRIES) is None, p.name


@pytest.mark.parametrize("argument, named", [("focus=XXX", "unknown parameter(s): focus"), ("comparators=KHM", "unknown parameter(s): comparators"),
                                              ("khr_per_usd=0", "khr_per_usd=0")])
def test_a_bad_value_stops_the_build_in_one_line_before_anything_is_written(argument, named, data_copy,
                                                                             references_copy, tmp_path, capsys):
    out = tmp_path / "out"
    status = main(["build", "--data-dir", str(data_copy), "--references", str(references_copy), "--output-dir",
                   str(out), "-p", argument])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.err.count("\n") == 1 and named in captured.err and "Traceback" not in captured.err
    assert captured.out == "" and not out.exists()


def test_a_broken_countries_table_is_reported_as_such_not_as_a_bad_focus(data_copy, references_copy, tmp_path,
                                                                          capsys):
    path = data_copy / "countries.csv"
    text = path.read_text(encoding="utf-8")
    assert "\nKHM," in text
    path.write_text(text.replace("\nKHM,", "\nKh,", 1), encoding="utf-8")  # the focus country's code, broken
    line = text[: text.index("\nKHM,")].count("\n") + 2
    status = main(["build", "--data-dir", str(data_copy), "--references", str(references_copy), "--output-dir",
                   str(tmp_path / "out"), "--no-report"])
    err = capsys.readouterr().err
    assert status == 1 and f"countries.csv:{line}: iso3" in err and "parameter" not in err, err
