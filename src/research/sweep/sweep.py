"""`research sweep`: the country-profile notebook for every country, cached per country, locally or on Dask."""

from __future__ import annotations

import functools
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from research import paths
from research.data import country_codes, validate_or_raise
from research.engine import cache
from research.engine.config import check_paths
from research.engine.lock import OutputLock
from research.engine.ownership import claim
from research.engine.parameters import check_against_data, iso_date, notebook_parameters
from research.engine.publish import keep_failure, publish
from research.errors import ParameterError
from research.files import sha256_file, write_atomic
from research.sections import words
from research.sweep.progress import Progress
from research.sweep.worker import page_name

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
    as_of: str | None = None  # None: the date of the latest dated row in the data (tracker rows included)
    jobs: int = 0  # local worker processes; 0: the number of CPUs
    scheduler: str | None = None  # a Dask scheduler address; None: run locally
    force: bool = False
    stream: object = None  # where progress goes; None: standard output
    tty: bool | None = None  # None: an updating line only if the stream is a terminal


@dataclass
class ProfileStep:
    """One country of a sweep: its parameters, cache key, and whether its last good profile is still valid."""

    iso3: str
    parameters: dict
    key: str
    fresh: bool


@dataclass
class SweepSummary:
    """What a sweep did: profiles ``ran``, ``cached`` and ``failed``, each failure's message by ISO3, how many
    distinct worker processes ran profiles, and the seconds it took."""

    ran: int
    cached: int
    failed: int
    failures: dict
    workers: int
    elapsed: float


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
    # As research.analysis.common.country_list reads it, without importing pandas: a cached sweep of a list of
    # countries must stay well under a second.
    codes = list(dict.fromkeys(code.strip().upper() for code in str(text).split(",") if code.strip()))
    if not codes:
        raise ParameterError("--countries: give at least one ISO3 code, e.g. KHM,VNM")
    for code in codes:
        if not (len(code) == 3 and code.isalpha() and code.isascii()):
            raise ParameterError(f"--countries: {code!r} is not a three-letter ISO3 code")
    return codes


def _prepare(config: SweepConfig) -> tuple[list[str], dict, list[str]]:
    """Resolve paths and check them; return the countries to profile, the parameters every run shares and every
    country of the data (its countries table read once)."""
    config.data_dir, config.output_dir, config.references, config.notebook = (
        Path(p).resolve() for p in (config.data_dir, config.output_dir, config.references, config.notebook))
    if not config.notebook.is_file():
        raise ParameterError(f"profile notebook {config.notebook} does not exist")
    check_paths(config.data_dir, config.output_dir, config.references, config.notebook.parent)
    declared = notebook_parameters(config.notebook)
    if "iso3" not in declared:
        raise ParameterError(f"{config.notebook.name} declares no 'iso3' parameter")
    shared = {"data_dir": str(config.data_dir), "references": str(config.references)}
    if config.focus is not None:
        from research.analysis.profiles import check_iso3

        if "focus" not in declared:
            raise ParameterError(f"{config.notebook.name} declares no 'focus' parameter")
        shared["focus"] = check_iso3(config.focus.strip().upper())
    elif "focus" in declared:
        shared["focus"] = declared["focus"]
    shared = {k: v for k, v in shared.items() if k in declared}
    if "as_of" in declared:
        shared["as_of"] = config.as_of or latest_row_date(config.data_dir)
    codes = parse_countries(",".join(config.countries)) if config.countries is not None else None
    checked = [{k: v for k, v in shared.items() if k in ("focus", "as_of")}]
    in_data = country_codes(config.data_dir)
    check_against_data(checked + [{"iso3": code} for code in codes or []], config.data_dir, config.references,
                       codes=in_data)
    return (codes if codes is not None else in_data), shared, in_data


DATED = {"provisions": ("valid_from",), "incidents": ("reported", "date"), "country_facts": ("date",),
         "convention_parties": ("date",), "law_status": ("date",)}


def latest_row_date(data_dir: Path) -> str:
    """The date of the latest dated row in the data folder, tracker rows included (never the clock), cheaply.

    Read from the dated columns without validation (the workers validate before anything is published); a folder
    whose tables cannot be read gives the paper's date, and validation then says why.
    """
    import csv

    from research.data import contained
    from research.engine.parameters import PAPER_DATE

    def period_start(text: str) -> str:  # as research.analysis.asof.period_start, without importing pandas
        return text + "-01-01" if len(text) == 4 else text + "-01" if len(text) == 7 else text

    tables, _ = contained.project_package(data_dir)
    dates = []
    for name, columns in DATED.items():
        if not tables or name not in tables:
            continue
        path, refused = contained.resource_file(data_dir, tables[name])
        if refused is not None or not path.is_file():
            continue
        for row in csv.DictReader(path.read_text(encoding="utf-8").splitlines()):
            dates += [period_start(row[c]) for c in columns if (row.get(c) or "").strip()]
    return max([d for d in dates if iso_date(d)] or [PAPER_DATE])


def make_plan(config: SweepConfig) -> list[ProfileStep]:
    """Each country's parameters, cache key and whether its last good profile is still valid.

    Returns
    -------
    list of ProfileStep
        In the order of the countries; ``fresh`` is False for every country with ``config.force``. The key
        covers the notebook, the parameters (``iso3`` included), the bibliography and the environment;
        freshness also checks every data file the last run read.

    Raises
    ------
    ParameterError
        As :func:`sweep` does, before anything runs.
    """
    return _plan(config)[0]


def _plan(config: SweepConfig) -> tuple[list[ProfileStep], list[str]]:
    """:func:`make_plan`, and every country of the data (for the index)."""
    codes, shared, in_data = _prepare(config)
    if not codes:
        validate_or_raise(config.data_dir, config.references)  # an invalid countries table lists none: say why
        raise ParameterError(f"no countries to profile: {config.data_dir} lists none")
    target = profiles_dir(config.output_dir)
    env_key = cache.environment_key()
    digest = functools.cache(sha256_file)  # every country read the same files: hash each once
    plan = []
    for code in codes:
        params = {**shared, "iso3": code}
        key = cache.static_key(config.notebook, params, config.references, env_key, digest)
        fresh = not config.force and cache.is_fresh(target / ".cache", code, key, target, digest, trust_stat=True)
        plan.append(ProfileStep(code, params, key, fresh))
    return plan, in_data


def sweep(config: SweepConfig) -> SweepSummary:
    """Execute the profile notebook for each stale country and write ``profiles/<iso3>.html`` and the index.

    Parameters
    ----------
    config : SweepConfig

    Returns
    -------
    SweepSummary
        A failed country never stops the others.

    Raises
    ------
    ParameterError
        For unsafe folders, a missing notebook or parameter, or no country to profile.
    research.errors.DataValidationError
        If the data or the bibliography are invalid (checked while the workers boot; nothing runs).
    research.errors.BuildError
        If another sweep is writing to the same folder.
    """
    started = time.monotonic()
    plan, in_data = _plan(config)  # checks the folders before anything is written
    codes = [step.iso3 for step in plan]
    target = profiles_dir(config.output_dir)
    with OutputLock(config.output_dir):  # the build's lock: `clean` waits for neither, and refuses while either runs
        claim(config.output_dir)
        progress = Progress(len(plan), config.stream, config.tty)
        for step in plan:
            if step.fresh:
                progress.update("cached", step.iso3)
        stale = [step for step in plan if not step.fresh]
        failures, workers = {}, set()
        if stale:  # all cached: no worker, no kernel, no validation (every input is as the cached runs read it)
            source = config.notebook.read_text(encoding="utf-8")
            tasks = [{"iso3": step.iso3, "notebook": source, "parameters": step.parameters} for step in stale]
            keys = {step.iso3: step.key for step in stale}
            with _runner(config, len(stale)) as runner:
                runner.start(tasks)
                validate_or_raise(config.data_dir, config.references)  # while the workers boot
                for result in runner.results():
                    workers.add(result.worker)
                    _record(result, keys[result.iso3], target, progress, failures)
        progress.finish()
        if stale or not (target / "index.html").is_file():  # nothing ran: the index already lists these pages
            _write_index(target, list(dict.fromkeys(in_data + codes)), failures)
        summary = SweepSummary(**progress.counts, failures=failures, workers=len(workers - {None}),
                               elapsed=time.monotonic() - started)
        _report(config, summary, len(plan))
        return summary


def _runner(config: SweepConfig, n_tasks: int):
    from research.sweep.runners import DaskRunner, LocalRunner

    if config.scheduler:
        return DaskRunner(config.scheduler)
    return LocalRunner(min(config.jobs or os.cpu_count() or 1, n_tasks))


def _record(result, key: str, target: Path, progress, failures: dict) -> None:
    """Publish a finished country's files and cache entry, or keep its partial notebook and note the failure."""
    if not result.ok:
        keep_failure(target, result.iso3, result.partial)
        failures[result.iso3] = result.error
        progress.update("failed", result.iso3, f"{result.elapsed:.1f}s")
        return
    publish(target, result.iso3, result.outputs, key, last=page_name(result.iso3))
    progress.update("ran", result.iso3, f"{result.elapsed:.1f}s")


def _write_index(target: Path, codes: list[str], failures: dict) -> None:
    from research.sweep.pages import index_html, profile_entry

    entries = [profile_entry(target, c) for c in codes
               if (target / f"{c}.html").exists() and (target / "notebooks" / f"{c}.ipynb").exists()]
    write_atomic(target / "index.html", index_html(entries, failures))


def _report(config: SweepConfig, summary: SweepSummary, total: int) -> None:
    stream = config.stream if config.stream is not None else sys.stdout
    where = f"on {config.scheduler}" if config.scheduler else "locally"
    print(f"{words.count(total, 'profile')}: {summary.ran} ran, {summary.cached} cached, {summary.failed} failed "
          f"({where}, {summary.elapsed:.1f}s) -> {profiles_dir(config.output_dir) / 'index.html'}",
          file=stream, flush=True)
    for code, message in sorted(summary.failures.items()):
        print(f"  failed   {code}  {message}", file=stream, flush=True)
