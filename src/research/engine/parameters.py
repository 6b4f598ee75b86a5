"""The notebooks' parameters, declared once (name, type, default, domain), and the checks a build applies to them."""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from research.errors import ParameterError
from research.nb.cells import PARAMETERS_TAG, cell_source, cell_tags


def positive(value, countries: list[str]) -> str | None:
    """The domain of a rate (riels per dollar and the like): a problem text unless ``value`` is above zero."""
    return None if value > 0 else "must be a positive number"


def iso_date(text) -> str | None:
    """``text`` if it is a real calendar date written ``YYYY-MM-DD``, else None."""
    if not (isinstance(text, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text)):
        return None
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def _date(value, countries: list[str]) -> str | None:
    return None if iso_date(value) else "must be a real date written YYYY-MM-DD"


def _country(value, countries: list[str]) -> str | None:
    if not countries or value in countries:
        return None
    hint = f" (ISO3 codes are upper case: {value.upper()})" if str(value).upper() in countries else ""
    return "is not a country in countries.csv" + hint


def _iso_date(value, countries: list[str]) -> str | None:
    import datetime as dt

    try:
        day = dt.date.fromisoformat(str(value))
    except ValueError:
        return "must be a date written YYYY-MM-DD"
    if len(str(value)) != 10:
        return "must be a date written YYYY-MM-DD"
    return "is after today" if day > dt.date.today() else None


PAPER_DATE = "2019-06-30"  # the paper's latest statements are of mid-2019 ("As of mid-2019 ..."); see README


@dataclass(frozen=True)
class Parameter:
    """One parameter a notebook may declare in its ``parameters`` cell.

    ``type`` is ``int``, ``float``, ``bool``, ``str`` or ``datetime.date``; a date is held as its ISO text
    (``"2019-07-01"``, which papermill can inject), and is checked to be a real date. ``domain`` returns a problem
    text (or None) for a typed value, given the ISO3 codes of countries.csv (an empty list when that file cannot be
    read: validation reports why, and country checks wait for it). A rate's domain is :func:`positive`.
    """

    name: str
    type: type
    default: object
    meaning: str
    domain: Callable | None = None
    path: bool = False  # set by the build from --data-dir, --output-dir, --references; never by -p


PARAMETERS = {
    p.name: p
    for p in (
        Parameter("data_dir", str, "", "folder with datapackage.json and the CSV files", path=True),
        Parameter("output_dir", str, "", "folder the notebook writes its figures and tables to", path=True),
        Parameter("references", str, "", "the BibTeX file", path=True),
        Parameter("khr_per_usd", int, 4000, "riels per US dollar, for converting fines", positive),
        Parameter("focus", str, "KHM", "ISO3 code of the country a profile is set beside", _country),
        Parameter("iso3", str, "KHM", "ISO3 code of the country a profile shows", _country),
        Parameter("as_of", date, PAPER_DATE, "the date the analysis describes: only what was known by then counts",
                  _iso_date),
        # 2019 annual averages, Federal Reserve Board G.5A, via datasets/exchange-rates (see README)
        Parameter("sgd_per_usd", float, 1.3641, "Singapore dollars per US dollar, for converting fines", positive),
        Parameter("cny_per_usd", float, 6.9081, "yuan per US dollar, for converting fines", positive),
        Parameter("jpy_per_usd", float, 109.0188, "yen per US dollar, for converting fines", positive),
    )
}
PATH_PARAMETERS = tuple(name for name, p in PARAMETERS.items() if p.path)


def notebook_parameters(path: Path) -> dict[str, object]:
    """Return the names and default values of the plain assignments in a notebook's ``parameters`` cell.

    Read with ``ast`` rather than ``papermill.inspect_notebook``: importing papermill costs half a second, which
    a build with nothing to do would pay for this alone (a test checks that both readings agree).

    Raises
    ------
    ParameterError
        If the notebook has not exactly one cell tagged ``parameters``, the cell holds anything but
        ``name = literal`` lines, or a name is not declared in :data:`PARAMETERS`.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = [c for c in nb.get("cells", []) if PARAMETERS_TAG in cell_tags(c)]
    if len(cells) != 1:
        raise ParameterError(f"{Path(path).name}: expected exactly one cell tagged 'parameters', found {len(cells)}")
    defaults: dict[str, object] = {}
    for node in ast.parse(cell_source(cells[0])).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            raise ParameterError(f"{Path(path).name}: the parameters cell may only hold 'name = value' lines")
        name = node.targets[0].id
        try:
            defaults[name] = ast.literal_eval(node.value)
        except ValueError:
            raise ParameterError(f"{Path(path).name}: parameter {name} must default to a plain literal") from None
        if name not in PARAMETERS:
            raise ParameterError(f"{Path(path).name}: parameter {name} is not declared in research.engine.parameters")
    return defaults


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """Split ``name=value`` strings from the command line (values stay text until :func:`coerce`)."""
    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise ParameterError(f"parameter {pair!r} is not of the form name=value")
        name, value = pair.split("=", 1)
        name = name.strip()
        if not name.isidentifier():
            raise ParameterError(f"parameter name {name!r} is not a valid name")
        out[name] = value
    return out


def _kind_name(kind: type) -> str:
    return "a date written YYYY-MM-DD" if kind is date else kind.__name__


def coerce(name: str, text):
    """Convert a command-line value to the declared type of parameter ``name``.

    Raises
    ------
    ParameterError
        If the text is not a value of that type (e.g. ``khr_per_usd=abc``).
    """
    if not isinstance(text, str):
        return text
    declared = PARAMETERS[name]
    kind = declared.type
    try:
        if kind is date:
            if iso_date(text.strip()) is None:
                raise ValueError
            return text.strip()
        if kind is bool:
            lowered = text.strip().lower()
            if lowered not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError
            return lowered in ("true", "1", "yes")
        if kind is int:
            return int(text)
        if kind is float:
            value = float(text)
            if value != value or value in (float("inf"), float("-inf")):
                raise ValueError
            return value
    except ValueError:
        raise ParameterError(
            f"parameter {name}={text!r}: expected {_kind_name(kind)} (default {declared.default!r})"
        ) from None
    return text


def resolve(user: dict[str, str], declared: dict[str, dict[str, object]]) -> dict[str, dict[str, object]]:
    """Check user parameters against every notebook's declared ones and return each notebook's values.

    Parameters
    ----------
    user : dict
        ``name -> text`` from ``-p name=value``.
    declared : dict
        ``notebook -> {name: default}``.

    Returns
    -------
    dict
        ``notebook -> {name: value}`` holding only the user's values that the notebook declares, typed.

    Raises
    ------
    ParameterError
        For a path parameter, a name no notebook declares, or a value of the wrong type.
    """
    paths_given = sorted(set(user) & set(PATH_PARAMETERS))
    if paths_given:
        raise ParameterError(
            f"parameter(s) {', '.join(paths_given)} are paths set by the build: use --data-dir, --output-dir and "
            "--references (or DATA_DIR, OUTPUT_DIR, REFERENCES), which are checked before anything runs"
        )
    known = {name for params in declared.values() for name in params}
    unknown = sorted(set(user) - known)
    if unknown:
        scope = [n for n in unknown if n in ("focus", "comparators")]
        hint = (f" ({' and '.join(scope)}: the section notebooks reproduce the paper's own scope, Cambodia beside "
                f"China, Japan and Singapore; `research sweep --focus` profiles any country)" if scope else "")
        raise ParameterError(
            f"unknown parameter(s): {', '.join(unknown)}; the notebooks declare: {', '.join(sorted(known))}{hint}"
        )
    typed = {name: coerce(name, text) for name, text in user.items()}
    return {notebook: {n: typed[n] for n in params if n in typed} for notebook, params in declared.items()}


def check_domains(values: dict[str, object], countries: list[str]) -> None:
    """Check the values in force (a notebook's defaults with the user's over them) against their domains.

    Parameters
    ----------
    values : dict
        Parameter name to typed value.
    countries : list of str
        ISO3 codes of countries.csv (empty: country checks are left to validation).

    Raises
    ------
    ParameterError
        For the first value outside its domain, naming the parameter and the value in one line.
    """
    for name, value in values.items():
        declared = PARAMETERS.get(name)
        if declared is None:
            continue
        if declared.type is date and (problem := _date(value, countries)):
            raise ParameterError(f"parameter {name}={value!r} {problem}")
        if declared.domain is None:
            continue
        problem = declared.domain(value, countries)
        if problem:
            raise ParameterError(f"parameter {name}={value!r} {problem}")


def check_against_data(value_sets: list[dict[str, object]], data_dir, references, codes=None) -> None:
    """:func:`check_domains` of each set of values against the data's countries table, cheaply.

    The codes are first read once without validation (a build with nothing to do must stay fast); only a value
    found outside them is checked again against the validated table, so that a broken countries table is reported
    by validation as what it is, not as a bad parameter. ``codes``, if given, are those codes already read (by
    :func:`research.data.country_codes`), so that a caller reads the table once.

    Raises
    ------
    ParameterError
        For the first value outside its domain.
    """
    from research.data import country_codes, validated_country_codes

    codes = country_codes(data_dir) if codes is None else codes
    try:
        for values in value_sets:
            check_domains(values, codes)
    except ParameterError:
        codes = validated_country_codes(data_dir, references)
        for values in value_sets:
            check_domains(values, codes)
