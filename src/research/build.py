"""Run the section notebooks with papermill: cached, in parallel, failing loudly, never destroying good output."""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from research import cache, paths
from research.errors import BuildError, NotebookExecutionError, ParameterError
from research.execute import execute_one, publish
from research.parameters import notebook_parameters, resolve

SECTION_GLOB = "[0-9][0-9]-*.ipynb"


@dataclass
class BuildConfig:
    """Where a build reads and writes, and how."""

    data_dir: Path = paths.DATA_DIR
    output_dir: Path = paths.OUTPUT_DIR
    references: Path = paths.REFERENCES
    notebooks_dir: Path = paths.NOTEBOOKS_DIR
    parameters: dict = field(default_factory=dict)
    jobs: int = 0
    force: bool = False
    report: bool = True
    csl: Path | None = None
    stream: object = None  # where progress goes; None means standard output


def section_notebooks(notebooks_dir: Path) -> list[Path]:
    """Return the section notebooks in the paper's order (their file names start with a two-digit number)."""
    return sorted(Path(notebooks_dir).glob(SECTION_GLOB))


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def check_paths(config: BuildConfig) -> None:
    """Refuse configurations that could damage inputs.

    Raises
    ------
    ParameterError
        If the output folder is, or is inside, the data folder or the notebooks folder; or an input is missing.
    """
    if not Path(config.data_dir).is_dir():
        raise ParameterError(f"data directory {config.data_dir} does not exist")
    if not Path(config.references).is_file():
        raise ParameterError(f"references file {config.references} does not exist")
    for guarded in (config.data_dir, config.notebooks_dir, paths.PACKAGE_DIR):
        if _inside(Path(config.output_dir), Path(guarded)):
            raise ParameterError(f"output directory {config.output_dir} is inside {guarded}: choose another")
    for guarded in (config.data_dir, config.notebooks_dir, paths.PACKAGE_DIR):
        if _inside(Path(guarded), Path(config.output_dir)):
            raise ParameterError(
                f"output directory {config.output_dir} contains {guarded}: the build would write over its own inputs"
            )


class OutputLock:
    """An exclusive lock on an output folder, so two builds never write to it at once."""

    def __init__(self, output_dir: Path):
        self.path = Path(output_dir) / ".lock"
        self.handle = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.close()
            raise BuildError(
                f"another build is writing to {self.path.parent}; wait for it to finish or use another --output-dir"
            ) from None
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def _log(config: BuildConfig, status: str, name: str, detail: str = "") -> None:
    print(f"  {status:<8} {name}{('  ' + detail) if detail else ''}", file=config.stream, flush=True)


def build(config: BuildConfig) -> dict:
    """Execute every stale section notebook, then assemble the report.

    Parameters
    ----------
    config : BuildConfig
        Folders, parameters, parallelism and flags.

    Returns
    -------
    dict
        Counts of ``ran``, ``cached`` and ``failed`` notebooks and whether the report was rebuilt.

    Raises
    ------
    ParameterError
        For unknown or ill-typed parameters, or unsafe folders.
    BuildError
        If a notebook fails (the first failure's message, with the others counted) or the output is locked.
    """
    started = time.monotonic()
    config.data_dir = Path(config.data_dir).resolve()
    config.output_dir = Path(config.output_dir).resolve()
    config.references = Path(config.references).resolve()
    check_paths(config)
    notebooks = section_notebooks(config.notebooks_dir)
    if not notebooks:
        raise BuildError(f"no section notebooks in {config.notebooks_dir}")
    declared = {nb.stem: notebook_parameters(nb) for nb in notebooks}
    user = resolve(config.parameters, declared)
    layout = paths.output_layout(config.output_dir)
    env_key = cache.environment_key()

    with OutputLock(config.output_dir):
        # Anything staged belongs to a run that died before publishing it; under the lock it is safe to discard.
        shutil.rmtree(config.output_dir / ".staging", ignore_errors=True)
        plan = []
        for nb in notebooks:
            params = dict(user[nb.stem])
            params.update(
                {k: str(v) for k, v in (("data_dir", config.data_dir), ("references", config.references))
                 if k in declared[nb.stem]}
            )
            key = cache.static_key(nb, params, config.references, env_key)
            fresh = not config.force and cache.is_fresh(layout["cache"], nb.stem, key, config.output_dir)
            plan.append((nb, params, key, fresh))
        for nb, _, _, fresh in plan:
            _log(config, "cached" if fresh else "queued", nb.stem)
            if fresh:  # a failure kept from an earlier run no longer describes this notebook's outputs
                (layout["notebooks"] / f"{nb.stem}.failed.ipynb").unlink(missing_ok=True)
        stale = [p for p in plan if not p[3]]
        results = {}
        if stale:
            from research.kernels import warm_pool

            jobs = min(config.jobs or os.cpu_count() or 1, len(stale))
            # The kernel pool boots while the inputs are validated; bad data stops the build before any notebook runs.
            with warm_pool(jobs, len(stale)):
                _validate_inputs(config)
                results = _run(config, stale, declared, layout, jobs)
        failures = [name for name, r in results.items() if not r["ok"]]
        summary = {"ran": len(stale) - len(failures), "cached": len(plan) - len(stale), "failed": len(failures)}
        report_built = False
        if not failures and config.report:
            from research.report_build import build_report_if_stale

            report_built = build_report_if_stale(config, [p[0].stem for p in plan], env_key)
        summary["report"] = report_built
        if not failures and (summary["ran"] or report_built or not (config.output_dir / "manifest.json").exists()):
            from research.manifest import write as write_manifest

            write_manifest(config, [p[0].stem for p in plan])
        elapsed = time.monotonic() - started
        print(
            f"{len(plan)} notebooks: {summary['ran']} ran, {summary['cached']} cached, {summary['failed']} failed; "
            f"report {'rebuilt' if report_built else 'unchanged' if config.report and not failures else 'not built'}"
            f" ({elapsed:.1f}s)",
            file=config.stream,
            flush=True,
        )
        if failures:
            first = results[failures[0]]["error"]
            others = f"\n({len(failures) - 1} other notebook(s) also failed: {', '.join(failures[1:])})" if len(failures) > 1 else ""
            raise BuildError(str(first) + others)
        return summary


def _preload_report() -> None:
    import importlib

    for name in ("research.report", "research.assemble", "weasyprint", "pypandoc", "bibtexparser"):
        try:
            importlib.import_module(name)
        except Exception:  # the report step itself reports any real problem
            return


def _validate_inputs(config: BuildConfig) -> None:
    """Validate the data directory and bibliography; raise one error listing every problem."""
    from research.data import check
    from research.errors import DataValidationError

    _, problems = check(config.data_dir, config.references)
    if problems:
        raise DataValidationError(problems)


def _run(config: BuildConfig, stale, declared, layout, jobs: int) -> dict:
    staging_root = config.output_dir / ".staging"
    results = {}
    import papermill  # noqa: F401  (imported once here, not concurrently in the worker threads)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {}
        for nb, params, key, _ in stale:
            staging = staging_root / nb.stem
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir(parents=True)
            run_params = dict(params)
            if "output_dir" in declared[nb.stem]:
                run_params["output_dir"] = str(staging)
            futures[pool.submit(execute_one, str(nb), str(staging), run_params)] = (nb, key, staging)
            _log(config, "running", nb.stem)
        # While kernels work, load what the report needs, so its imports are not paid after the last notebook.
        threading.Thread(target=_preload_report, daemon=True).start()
        try:
            done = as_completed(futures)
            for future in done:
                _collect(config, layout, futures[future], future.result(), results)
        except KeyboardInterrupt:
            # Nothing is published or cached from here on; kernels die with the pool, earlier outputs stay.
            pool.shutdown(wait=False, cancel_futures=True)
            _log(config, "stopped", "build interrupted; outputs already built are kept")
            raise
    shutil.rmtree(staging_root, ignore_errors=True)
    return results


def _collect(config: BuildConfig, layout, job, result: dict, results: dict) -> None:
    """Publish a finished notebook's outputs and cache entry, or keep its partial notebook and record the error."""
    nb, key, staging = job
    if result["ok"]:
        outputs, inputs = publish(nb.stem, staging, config.output_dir)
        cache.write_entry(layout["cache"], nb.stem, key, inputs, outputs)
        shutil.rmtree(staging, ignore_errors=True)
        _log(config, "done", nb.stem, f"{result['elapsed']:.1f}s")
    else:
        kept = layout["notebooks"] / f"{nb.stem}.failed.ipynb"
        kept.parent.mkdir(parents=True, exist_ok=True)
        partial = staging / nb.name
        if partial.exists():
            os.replace(partial, kept)
        shutil.rmtree(staging, ignore_errors=True)
        result["error"] = NotebookExecutionError(
            nb.name, result["cell_index"], result["cell_source"] or "", result["exception"], str(kept)
        )
        _log(config, "failed", nb.stem, f"{result['elapsed']:.1f}s")
    results[nb.stem] = result
