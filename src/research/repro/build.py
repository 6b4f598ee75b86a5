"""``research build``: the stale section notebooks, then the report and the manifest, under one output lock."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

from research.engine.config import BuildConfig
from research.engine.lock import OutputLock
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
    """Execute every stale section notebook, then assemble the report and write the manifest.

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
    from research.repro import manifest
    from research.repro.provenance import current

    started = time.monotonic()
    plan = make_plan(config)
    with OutputLock(config.output_dir):
        failures = run_stale(config, plan, while_running=_preload_report)
        ran = len(plan.stale) - len(failures)
        summary = BuildSummary(ran, len(plan.steps) - len(plan.stale), len(failures))
        if not failures:
            provenance_of = functools.cache(current)  # found only if something is built: it runs Pandoc
            if config.report:
                from research.report.cache import build_report_if_stale

                summary.report = build_report_if_stale(config, plan.names, plan.env_key, provenance_of)
            if ran or summary.report or not (config.output_dir / manifest.MANIFEST).exists():
                manifest.write(config, plan.names, provenance_of())
        state = "rebuilt" if summary.report else "unchanged" if config.report and not failures else "not built"
        print(f"{len(plan.steps)} notebooks: {ran} ran, {summary.cached} cached, {len(failures)} failed; "
              f"report {state} ({time.monotonic() - started:.1f}s)", file=config.stream, flush=True)
        if failures:
            names = list(failures)
            others = (f"\n({len(names) - 1} other notebook(s) also failed: {', '.join(names[1:])})"
                      if len(names) > 1 else "")
            raise BuildError(str(failures[names[0]]) + others)
        return summary
