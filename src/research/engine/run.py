"""Run the stale section notebooks: plan by cache key, check parameters and data, execute in parallel, store each."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from research.data import validate_or_raise
from research.engine import cache
from research.engine.config import BuildConfig, check_csl, check_paths, section_notebooks
from research.engine.execute import Execution, execute
from research.engine.parameters import check_against_data, notebook_parameters, resolve
from research.engine.publish import (
    collect,
    keep_failed,
    signals_deferred,
    staging_dir,
    store,
    store_root,
    stored_failure,
)
from research.errors import NotebookExecutionError


@dataclass
class Step:
    """One section notebook in a build: its parameters, its cache key, and whether its last run is still valid."""

    notebook: Path
    parameters: dict
    key: str
    fresh: bool
    takes_output_dir: bool = True  # the notebook declares output_dir, so it writes into the staging folder
    why: str = ""  # why its cached run is not reused, when that is news (a damaged entry, a changed output)

    @property
    def name(self) -> str:
        """The notebook's name without ``.ipynb``."""
        return self.notebook.stem


@dataclass
class Plan:
    """Every section notebook of a build, in the paper's order, with the environment key the keys include."""

    steps: list
    env_key: str

    @property
    def names(self) -> list[str]:
        """Every notebook's name, in the paper's order."""
        return [s.name for s in self.steps]

    @property
    def stale(self) -> list:
        """The steps whose last run is no longer valid."""
        return [s for s in self.steps if not s.fresh]


def log(config: BuildConfig, status: str, name: str, detail: str = "") -> None:
    """One progress line of the build: ``  STATUS   NAME  DETAIL``."""
    print(f"  {status:<8} {name}{('  ' + detail) if detail else ''}", file=config.stream, flush=True)


def make_plan(config: BuildConfig) -> Plan:
    """Check folders and parameters, and work out each section notebook's key and freshness (nothing is written).

    Raises
    ------
    ParameterError
        For unsafe folders, or parameters unknown, ill-typed or outside their domain (``focus`` and
        ``comparators`` are checked against countries.csv, ``khr_per_usd`` must be positive).
    BuildError
        If there is no section notebook.
    """
    config.resolved()
    check_paths(config.data_dir, config.output_dir, config.references, config.notebooks_dir)
    check_csl(config.csl)
    notebooks = section_notebooks(config.notebooks_dir)
    declared = {nb.stem: notebook_parameters(nb) for nb in notebooks}
    user = resolve(config.parameters, declared)
    check_against_data([{**declared[nb.stem], **user[nb.stem]} for nb in notebooks], config.data_dir,
                       config.references)
    env_key = cache.environment_key()
    cache_dir = store_root(config.output_dir)
    steps = []
    for nb in notebooks:
        params = {**user[nb.stem], **{k: str(v) for k, v in (("data_dir", config.data_dir),
                                                                ("references", config.references))
                                      if k in declared[nb.stem]}}
        key = cache.static_key(nb, params, config.references, env_key)
        why = None if config.force else cache.staleness(cache_dir, nb.stem, key, cache_dir / nb.stem)
        fresh = not config.force and why is None
        news = why if why and why.endswith(cache.NEWS) else ""
        steps.append(Step(nb, params, key, fresh, "output_dir" in declared[nb.stem], news))
    return Plan(steps, env_key)


def run_stale(config: BuildConfig, plan: Plan, while_running: Callable | None = None) -> dict:
    """Validate the data while kernels boot, then execute every stale notebook; store each success.

    Call with the output folder locked. A success goes to the notebook's store in the cache
    (:func:`research.engine.publish.store`), not into the published folders: the build publishes the whole tree
    once everything has succeeded. ``while_running`` is called once the notebooks are under way (the build loads
    the report's libraries then). Returns ``name -> NotebookExecutionError`` for each failure.

    Raises
    ------
    DataValidationError
        If the data or the bibliography break the schema (nothing runs).
    """
    for step in plan.steps:
        log(config, "cached" if step.fresh else "queued", step.name, step.why)
        if step.fresh:  # a failure kept from an earlier run no longer describes this notebook's outputs
            stored_failure(config.output_dir, step.name).unlink(missing_ok=True)
    stale = plan.stale
    if not stale:
        return {}
    from research.kernels.client import warm_pool

    jobs = min(config.jobs or os.cpu_count() or 1, len(stale))
    with warm_pool(jobs, len(stale)):  # the zygote imports while the inputs are validated
        validate_or_raise(config.data_dir, config.references)
        return _execute_all(config, stale, jobs, while_running)


def _execute_all(config: BuildConfig, stale: list, jobs: int, while_running) -> dict:
    staging_root = staging_dir(config.output_dir) / "run"
    failures = {}
    import papermill  # noqa: F401  (imported once here, not concurrently in the worker threads)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {}
        try:
            # A signal taken in the middle of starting a thread can leave it unjoinable (and the build hung on
            # exit): Ctrl-C and SIGTERM wait until every notebook is handed over, then stop the build here.
            with signals_deferred():
                for step in stale:
                    staging = staging_root / step.name
                    shutil.rmtree(staging, ignore_errors=True)
                    staging.mkdir(parents=True)
                    params = {**step.parameters, **({"output_dir": str(staging)} if step.takes_output_dir else {})}
                    futures[pool.submit(execute, step.notebook, staging / step.notebook.name, params)] = (step,
                                                                                                          staging)
                    log(config, "running", step.name)
                if while_running is not None:
                    threading.Thread(target=while_running, daemon=True).start()
            for future in as_completed(futures):
                step, staging = futures[future]
                error = _finish(config, step, staging, future.result())
                if error is not None:
                    failures[step.name] = error
        except KeyboardInterrupt:
            # Nothing is stored from here on; kernels die with the pool, the published outputs stay as they were.
            pool.shutdown(wait=False, cancel_futures=True)
            log(config, "stopped", "build interrupted; outputs already built are kept")
            raise
    shutil.rmtree(staging_root, ignore_errors=True)
    return failures


def _finish(config: BuildConfig, step: Step, staging: Path, run: Execution) -> NotebookExecutionError | None:
    """Store a finished notebook, or keep its partial notebook and return the error."""
    executed = staging / step.notebook.name
    if run.ok:
        store(config.output_dir, step.name, collect(step.name, executed, staging), step.key)
        shutil.rmtree(staging, ignore_errors=True)
        log(config, "done", step.name, f"{run.elapsed:.1f}s")
        return None
    kept = keep_failed(config.output_dir, step.name, executed.read_bytes() if executed.exists() else None)
    shutil.rmtree(staging, ignore_errors=True)
    log(config, "failed", step.name, f"{run.elapsed:.1f}s")
    return NotebookExecutionError(step.notebook.name, run.cell_index, run.cell_source, run.exception, str(kept))
