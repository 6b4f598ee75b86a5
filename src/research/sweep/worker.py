"""One country profile on a worker (local process or Dask): a fresh kernel from the worker's zygote, then HTML."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_ZYGOTE = {"stack": None, "lock": threading.Lock(), "size": 1}
# Kernels forked by a zygote inherit its standard output, a pipe nobody reads once the zygote is ready, and each
# prints a ~300-byte banner there: after a few hundred kernels the pipe is full and the next kernel blocks. So a
# worker replaces its zygote after this many kernels (a second of start-up per hundred profiles).
KERNELS_PER_ZYGOTE = int(os.environ.get("RESEARCH_KERNELS_PER_ZYGOTE", "100"))
_TURN = {"cond": threading.Condition(), "taken": 0, "running": 0, "renewing": False}


def start_zygote(size: int = 1) -> None:
    """Start this process's zygote (:func:`research.kernels.client.warm_pool`) with ``size`` kernels kept ahead of need.

    Each worker process starts one zygote and keeps it until the worker stops, so kernel start-up and imports
    are paid once per worker, not once per country; every country still gets a fresh kernel forked from the
    zygote's untouched state, never reused, so nothing one country's notebook does is seen by the next.
    Idempotent and thread-safe; returns while the zygote is still importing (the first kernel taken waits for
    it). It runs until :func:`stop_zygote` or the end of the process. If it cannot start, kernels start the
    ordinary way (slower, still isolated).
    """
    from research.kernels.client import warm_pool

    with _ZYGOTE["lock"]:
        if _ZYGOTE["stack"] is not None:
            return
        stack = contextlib.ExitStack()
        stack.enter_context(warm_pool(max(1, size)))
        _ZYGOTE.update(stack=stack, size=max(1, size))
        if not _ZYGOTE.get("registered"):
            import atexit
            from multiprocessing import util

            atexit.register(stop_zygote)
            util.Finalize(None, stop_zygote, exitpriority=100)  # multiprocessing children skip atexit
            _ZYGOTE["registered"] = True


def stop_zygote() -> None:
    """Stop this process's zygote and every kernel it started (idempotent)."""
    with _ZYGOTE["lock"]:
        stack, _ZYGOTE["stack"] = _ZYGOTE["stack"], None
    if stack is not None:
        stack.close()


@contextlib.contextmanager
def _kernel_turn():
    """Hold a turn to take one kernel; every :data:`KERNELS_PER_ZYGOTE` turns, renew the zygote once none runs."""
    turn = _TURN
    with turn["cond"]:
        turn["cond"].wait_for(lambda: not turn["renewing"])
        if turn["taken"] >= KERNELS_PER_ZYGOTE:
            turn["renewing"] = True
            turn["cond"].wait_for(lambda: turn["running"] == 0)
            stop_zygote()
            start_zygote(_ZYGOTE["size"])
            turn.update(taken=0, renewing=False)
            turn["cond"].notify_all()
        turn["taken"] += 1
        turn["running"] += 1
    try:
        yield
    finally:
        with turn["cond"]:
            turn["running"] -= 1
            turn["cond"].notify_all()


@dataclass
class ProfileResult:
    """What one country's run gave, sent back from the worker (a local process or a Dask worker).

    On success ``outputs`` (:class:`research.engine.publish.Outputs`: ``<iso3>.html``, ``notebooks/<iso3>.ipynb``,
    ``figures/...``, ``tables/...`` as bytes, and the data files read); on failure ``error`` (one line) and
    ``partial``, the partly executed notebook's bytes when there is one. ``worker`` is the process id.
    """

    iso3: str
    ok: bool
    worker: int | None = None
    elapsed: float = 0.0
    outputs: object = None
    error: str = ""
    partial: bytes | None = None


def run_profile(task: dict) -> ProfileResult:
    """Execute the profile notebook for one country and return everything it produced, as bytes.

    Parameters
    ----------
    task : dict
        ``iso3``; ``notebook`` (the notebook's JSON text); ``parameters`` (without ``output_dir``).

    Returns
    -------
    ProfileResult
    """
    from research.engine.execute import execute

    start = time.monotonic()
    iso3 = task["iso3"]
    start_zygote(1)  # a no-op once this worker has one
    with tempfile.TemporaryDirectory(prefix=f"research-{iso3}-") as tmp:
        source = Path(tmp) / "source" / f"{iso3}.ipynb"
        source.parent.mkdir()
        source.write_text(task["notebook"], encoding="utf-8")
        staging = Path(tmp) / "out"
        staging.mkdir()
        executed = staging / f"{iso3}.ipynb"
        with _kernel_turn():
            run = execute(source, executed, {**task["parameters"], "output_dir": str(staging)}, save_each_cell=False)
        result = ProfileResult(iso3, run.ok, os.getpid())
        if not run.ok:
            result.error = run.one_line()
            result.partial = executed.read_bytes() if executed.exists() else None
        else:
            try:
                result.outputs = _with_page(iso3, executed, staging)
            except Exception as exc:  # noqa: BLE001  (a profile that cannot be rendered fails alone, with its message)
                result.ok, result.error = False, f"HTML: {type(exc).__name__}: {exc}"
    result.elapsed = time.monotonic() - start
    return result


def page_name(iso3: str) -> str:
    """A profile's page, relative to the profiles folder; written last, it marks the profile as published."""
    return f"{iso3}.html"


def _with_page(iso3: str, executed: Path, staging: Path):
    from research.engine.publish import collect
    from research.nb.glue import recorded_texts
    from research.sweep.pages import notebook_html

    outputs = collect(iso3, executed, staging)
    nb = json.loads(outputs.files[f"notebooks/{iso3}.ipynb"])
    title = f"{recorded_texts(nb).get('name', iso3)} ({iso3}): country profile"
    outputs.files[page_name(iso3)] = notebook_html(nb, outputs.files, title, where=iso3).encode("utf-8")
    return outputs
