"""``research build``: the stale section notebooks, then the report and the manifest, published at once."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import shutil
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from research.engine.config import BuildConfig
from research.engine.lock import OutputLock
from research.engine.ownership import claim
from research.engine.publish import FAILED, REPORT, assemble, is_published, recover, staging_dir, swap
from research.engine.run import make_plan, run_stale
from research.errors import BuildError


@dataclass
class BuildSummary:
    """What a build did: notebooks ``ran``, ``cached`` and ``failed``, and whether the ``report`` was rebuilt."""

    ran: int
    cached: int
    failed: int
    report: bool = False


def _preload_report() -> None:
    # Runs while kernels work, so the report's imports are not paid after the last notebook.
    import importlib

    for name in ("research.report.render", "research.report.convert", "weasyprint", "pypandoc", "bibtexparser"):
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001  (the report step itself reports any real problem)
            return


def build(config: BuildConfig) -> BuildSummary:
    """Execute every stale section notebook, then assemble the report and the manifest, and publish them at once.

    Each notebook that succeeds is stored in the cache; the output folder changes only when every notebook, the
    report and the manifest have succeeded, in one swap (:func:`research.engine.publish.swap`). A failed or
    interrupted build leaves the published files as they were and removes its staging folder; SIGTERM is taken as
    Ctrl-C, so that its zygote and temporary folders go too.

    Parameters
    ----------
    config : BuildConfig
        Folders, parameters, parallelism and flags.

    Returns
    -------
    BuildSummary

    Raises
    ------
    ParameterError
        For unknown, ill-typed or out-of-domain parameters, or unsafe folders (before anything is written).
    DataValidationError
        If the data or the bibliography are invalid (before any notebook runs).
    BuildError
        If a notebook fails (the first failure's message, with the others counted) or the output is locked.
    """
    from research.report.sandbox import effective_style

    started = time.monotonic()
    plan = make_plan(config)
    config = dataclasses.replace(config, csl=effective_style(config.csl, config.csl_parent), csl_parent=None)
    with _terminate_as_interrupt(), OutputLock(config.output_dir):
        claim(config.output_dir)  # checked by make_plan: from now on the folder is the build's
        recover(config.output_dir)  # a swap a killed build left half done is finished first
        try:
            failures = run_stale(config, plan, while_running=_preload_report)
            ran = len(plan.stale) - len(failures)
            summary = BuildSummary(ran, len(plan.steps) - len(plan.stale), len(failures))
            if not failures:
                summary.report = _publish(config, plan)
                with contextlib.suppress(OSError):  # every kept failure is gone once all succeeded
                    (config.output_dir / FAILED).rmdir()
        finally:
            shutil.rmtree(staging_dir(config.output_dir), ignore_errors=True)
        state = "rebuilt" if summary.report else "unchanged" if config.report and not failures else "not built"
        print(f"{len(plan.steps)} notebooks: {ran} ran, {summary.cached} cached, {len(failures)} failed; "
              f"report {state} ({time.monotonic() - started:.1f}s)", file=config.stream, flush=True)
        if failures:
            names = list(failures)
            others = (f"\n({len(names) - 1} other notebook(s) also failed: {', '.join(names[1:])})"
                      if len(names) > 1 else "")
            raise BuildError(str(failures[names[0]]) + others + "\n  the published output is as it was")
        return summary


def _publish(config: BuildConfig, plan) -> bool:
    """Publish the stored notebooks with their report and manifest unless that is what is published; True if the
    report was rebuilt."""
    from research.report.assemble import REPORT_FILES, build_report_if_stale, report_key
    from research.repro import manifest
    from research.repro.provenance import current

    names = plan.names
    if not config.force and is_published(config.output_dir, names):
        if not config.report:
            return False
        if _report_fresh(config, names, plan.env_key, report_key, REPORT_FILES):
            print("  cached   report", file=config.stream, flush=True)
            return False
    provenance_of = functools.cache(current)  # found only if something is built: it runs Pandoc
    tree_config = dataclasses.replace(config, output_dir=assemble(config.output_dir, names))
    built = False
    if config.report:
        built = build_report_if_stale(tree_config, names, plan.env_key, provenance_of)
    elif not _report_fresh(tree_config, names, plan.env_key, report_key, REPORT_FILES):
        for rel in (*REPORT, ".cache/report.json"):  # it describes other results
            (tree_config.output_dir / rel).unlink(missing_ok=True)
    manifest.write(tree_config, names, provenance_of())
    swap(config.output_dir, names)
    return built


def _report_fresh(config: BuildConfig, names: list[str], env_key: str, report_key, files) -> bool:
    """True when the report in ``config.output_dir`` (all its ``files``) was built from exactly what is there now."""
    out = Path(config.output_dir)
    if not all((out / rel).is_file() for rel in files):
        return False
    try:
        stamp = json.loads((out / ".cache" / "report.json").read_text(encoding="utf-8"))
        return stamp.get("key") == report_key(config, names, env_key)
    except (OSError, ValueError, AttributeError, RecursionError):  # a damaged stamp: the report is rebuilt
        return False


@contextlib.contextmanager
def _terminate_as_interrupt():
    """Take SIGTERM as Ctrl-C for the block, so that every ``finally`` runs (in the main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    saved = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, saved)
