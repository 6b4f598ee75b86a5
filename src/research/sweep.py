"""`research sweep`: the country-profile notebook for every country, cached per country, locally or on Dask."""

from __future__ import annotations

import csv
import os
import time
from dataclasses import dataclass
from pathlib import Path

from research import cache, paths
from research.analysis.common import country_list
from research.analysis.profiles import check_iso3
from research.errors import ParameterError, ResearchError

PROFILE_NOTEBOOK = paths.NOTEBOOKS_DIR / "country-profile.ipynb"


@dataclass
class SweepConfig:
    """What a sweep reads and writes, and where it runs."""

    data_dir: Path = paths.DATA_DIR
    output_dir: Path = paths.OUTPUT_DIR
    references: Path = paths.REFERENCES
    notebook: Path = PROFILE_NOTEBOOK
    countries: list[str] | None = None  # None: every country in countries.csv
    focus: str | None = None  # None: the notebook's default
    jobs: int = 0  # local worker processes; 0: the number of CPUs
    scheduler: str | None = None  # a Dask scheduler address; None: run locally
    force: bool = False
    stream: object = None  # where progress goes; None: standard output
    tty: bool | None = None  # None: an updating line only if the stream is a terminal


def profiles_dir(output_dir: Path) -> Path:
    """The folder the profiles go to: ``<output_dir>/profiles``."""
    return Path(output_dir) / "profiles"


def parse_countries(text: str) -> list[str]:
    """Parse ``--countries KHM,VNM`` into distinct ISO3 codes in the order given.

    Raises
    ------
    ParameterError
        If the list is empty or a code is not three letters.
    """
    codes = list(dict.fromkeys(country_list(text)))
    if not codes:
        raise ParameterError("--countries: give at least one ISO3 code, e.g. KHM,VNM")
    for code in codes:
        if not (len(code) == 3 and code.isalpha() and code.isascii()):
            raise ParameterError(f"--countries: {code!r} is not a three-letter ISO3 code")
    return codes


def data_countries(data_dir: Path) -> list[str]:
    """ISO3 codes of every row of the data's countries table, in file order (an unreadable file gives none)."""
    from research.schema import read_package

    try:
        table = read_package(Path(data_dir) / paths.DATAPACKAGE_NAME)["countries"]
        with open(Path(data_dir) / table.path, encoding="utf-8-sig", newline="") as fh:
            return list(dict.fromkeys(row["iso3"] for row in csv.DictReader(fh) if row.get("iso3")))
    except (OSError, KeyError, ValueError, ResearchError):  # reported by validation, before anything runs
        return []


def _prepare(config: SweepConfig) -> tuple[list[str], dict]:
    """Resolve paths and check them; return the countries and the parameters every run shares."""
    from research.build import BuildConfig, check_paths
    from research.parameters import notebook_parameters

    config.data_dir, config.output_dir, config.references, config.notebook = (
        Path(p).resolve() for p in (config.data_dir, config.output_dir, config.references, config.notebook))
    if not config.notebook.is_file():
        raise ParameterError(f"profile notebook {config.notebook} does not exist")
    check_paths(BuildConfig(data_dir=config.data_dir, output_dir=config.output_dir, references=config.references,
                            notebooks_dir=config.notebook.parent))
    declared = notebook_parameters(config.notebook)
    if "iso3" not in declared:
        raise ParameterError(f"{config.notebook.name} declares no 'iso3' parameter")
    shared = {"data_dir": str(config.data_dir), "references": str(config.references)}
    if config.focus is not None:
        if "focus" not in declared:
            raise ParameterError(f"{config.notebook.name} declares no 'focus' parameter")
        shared["focus"] = check_iso3(config.focus.strip().upper())
    elif "focus" in declared:
        shared["focus"] = declared["focus"]
    shared = {k: v for k, v in shared.items() if k in declared}
    known = data_countries(config.data_dir)
    if known and shared.get("focus") is not None and shared["focus"] not in known:
        raise ParameterError(f"focus country {shared['focus']} is not in {config.data_dir / 'countries.csv'}")
    codes = parse_countries(",".join(config.countries)) if config.countries is not None else known
    return codes, shared


def make_plan(config: SweepConfig) -> list[tuple[str, dict, str, bool]]:
    """Each country's parameters, cache key and whether its last good profile is still valid.

    Returns
    -------
    list of tuple
        ``(iso3, parameters, key, fresh)`` in the order of the countries; ``fresh`` is False for every country
        with ``config.force``. The key covers the notebook, the parameters (``iso3`` included), the
        bibliography and the environment; freshness also checks every data file the last run read.

    Raises
    ------
    ParameterError
        As :func:`sweep` does, before anything runs.
    """
    codes, shared = _prepare(config)
    if not codes:
        raise ParameterError(f"no countries to profile: {config.data_dir} lists none")
    target = profiles_dir(config.output_dir)
    env_key = cache.environment_key()
    plan = []
    for code in codes:
        params = {**shared, "iso3": code}
        key = cache.static_key(config.notebook, params, config.references, env_key)
        plan.append((code, params, key, not config.force and cache.is_fresh(target / ".cache", code, key, target)))
    return plan


def sweep(config: SweepConfig) -> dict:
    """Execute the profile notebook for each stale country and write ``profiles/<iso3>.html`` and the index.

    Parameters
    ----------
    config : SweepConfig

    Returns
    -------
    dict
        ``ran``, ``cached`` and ``failed`` counts, ``failures`` (ISO3 to message), ``workers`` (how many
        distinct worker processes ran profiles) and ``elapsed`` seconds. A failed country never stops the others.

    Raises
    ------
    ParameterError
        For unsafe folders, a missing notebook or parameter, or no country to profile.
    research.errors.DataValidationError
        If the data or the bibliography are invalid (checked while the workers boot; nothing runs).
    research.errors.BuildError
        If another sweep is writing to the same folder.
    """
    from research.build import OutputLock

    started = time.monotonic()
    plan = make_plan(config)  # checks the folders before anything is written
    codes = [p[0] for p in plan]
    target = profiles_dir(config.output_dir)
    source = config.notebook.read_text(encoding="utf-8")
    with OutputLock(target):
        from research.progress import Progress

        progress = Progress(len(plan), config.stream, config.tty)
        for code, _, _, fresh in plan:
            if fresh:
                progress.update("cached", code)
        progress.begin()
        stale = [p for p in plan if not p[3]]
        failures, workers = {}, set()
        if stale:
            tasks = [{"iso3": code, "notebook": source, "parameters": params} for code, params, _, _ in stale]
            keys = {code: key for code, _, key, _ in stale}
            with _runner(config, len(stale)) as runner:
                runner.start(tasks)
                _validate(config)
                for result in runner.results():
                    workers.add(result.get("worker"))
                    _record(result, keys[result["iso3"]], target, progress, failures)
        progress.finish()
        _write_index(target, list(dict.fromkeys(data_countries(config.data_dir) + codes)), failures)
        summary = {**progress.counts, "failures": failures, "workers": len(workers - {None}),
                   "elapsed": time.monotonic() - started}
        _report(config, summary, len(plan))
        return summary


def _runner(config: SweepConfig, n_tasks: int):
    if config.scheduler:
        from research.dask_backend import DaskRunner

        return DaskRunner(config.scheduler)
    from research.local_backend import LocalRunner

    return LocalRunner(min(config.jobs or os.cpu_count() or 1, n_tasks))


def _validate(config: SweepConfig) -> None:
    from research.data import check
    from research.errors import DataValidationError

    _, problems = check(config.data_dir, config.references)
    if problems:
        raise DataValidationError(problems)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _record(result: dict, key: str, target: Path, progress, failures: dict) -> None:
    """Publish a finished country's files and cache entry, or keep its partial notebook and note the failure."""
    code = result["iso3"]
    if not result["ok"]:
        for rel, data in result.get("files", {}).items():
            _write(target / rel, data)
        failures[code] = result["error"]
        progress.update("failed", code, f"{result['elapsed']:.1f}s")
        return
    html_name = f"{code}.html"
    for rel, data in sorted(result["files"].items(), key=lambda item: item[0] == html_name):
        _write(target / rel, data)  # the page last: it is what marks a profile as present
    (target / "notebooks" / f"{code}.failed.ipynb").unlink(missing_ok=True)
    cache.write_entry(target / ".cache", code, key, result["inputs"], sorted(result["files"]))
    progress.update("ran", code, f"{result['elapsed']:.1f}s")


def _write_index(target: Path, codes: list[str], failures: dict) -> None:
    from research.profile_html import index_html, profile_entry

    entries = [profile_entry(target / "notebooks" / f"{c}.ipynb") for c in codes
               if (target / f"{c}.html").exists() and (target / "notebooks" / f"{c}.ipynb").exists()]
    _write(target / "index.html", index_html(entries, failures).encode("utf-8"))


def _report(config: SweepConfig, summary: dict, total: int) -> None:
    import sys

    stream = config.stream if config.stream is not None else sys.stdout
    where = f"on {config.scheduler}" if config.scheduler else "locally"
    print(f"{total} profiles: {summary['ran']} ran, {summary['cached']} cached, {summary['failed']} failed "
          f"({where}, {summary['elapsed']:.1f}s) -> {profiles_dir(config.output_dir) / 'index.html'}",
          file=stream, flush=True)
    for code, message in sorted(summary["failures"].items()):
        print(f"  failed   {code}  {message}", file=stream, flush=True)
