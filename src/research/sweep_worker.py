"""One country profile on a worker (local process or Dask): a fresh kernel from the worker's zygote, then HTML."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from pathlib import Path

_ZYGOTE = {"stack": None, "lock": threading.Lock(), "size": 1}
# Kernels forked by a zygote inherit its standard output, a pipe nobody reads once the zygote is ready, and each
# prints a ~300-byte banner there: after a few hundred kernels the pipe is full and the next kernel blocks. So a
# worker replaces its zygote after this many kernels (a second of start-up per hundred profiles).
KERNELS_PER_ZYGOTE = int(os.environ.get("RESEARCH_KERNELS_PER_ZYGOTE", "100"))
_TURN = {"cond": threading.Condition(), "taken": 0, "running": 0, "renewing": False}


def start_zygote(size: int = 1) -> None:
    """Start this process's zygote (:func:`research.kernels.warm_pool`) with ``size`` kernels kept ahead of need.

    Each worker process starts one zygote and keeps it until the worker stops, so kernel start-up and imports
    are paid once per worker, not once per country; every country still gets a fresh kernel forked from the
    zygote's untouched state, never reused, so nothing one country's notebook does is seen by the next.
    Idempotent and thread-safe; returns while the zygote is still importing (the first kernel taken waits for
    it). It runs until :func:`stop_zygote` or the end of the process. If it cannot start, kernels start the
    ordinary way (slower, still isolated).
    """
    from research.kernels import warm_pool

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


def run_profile(task: dict) -> dict:
    """Execute the profile notebook for one country and return everything it produced, as bytes.

    Parameters
    ----------
    task : dict
        ``iso3``; ``notebook`` (the notebook's JSON text); ``parameters`` (without ``output_dir``).

    Returns
    -------
    dict
        ``iso3``, ``ok``, ``elapsed``, ``worker`` (process id) and, on success, ``files`` (relative name to bytes:
        ``<iso3>.html``, ``notebooks/<iso3>.ipynb``, ``figures/...``, ``tables/...``) and ``inputs`` (data files
        read, with their SHA-256); on failure ``error`` (one line) and ``files`` holding the partly executed
        notebook as ``notebooks/<iso3>.failed.ipynb`` when there is one.
    """
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
            error = execute(source, executed, {**task["parameters"], "output_dir": str(staging)})
        out = {"iso3": iso3, "ok": error is None, "worker": os.getpid(), "files": {}}
        if error is not None:
            out["error"] = error
            if executed.exists():
                out["files"][f"notebooks/{iso3}.failed.ipynb"] = executed.read_bytes()
        else:
            try:
                out.update(_collect(iso3, executed, staging))
            except Exception as exc:  # a profile that cannot be rendered fails alone, with its message
                out.update(ok=False, error=f"HTML: {type(exc).__name__}: {exc}")
    out["elapsed"] = time.monotonic() - start
    return out


def execute(notebook: Path, executed: Path, parameters: dict) -> str | None:
    """Execute ``notebook`` with papermill into ``executed`` in a fresh kernel from this process's zygote.

    Like :func:`research.build.execute_one`, but the notebook is written once at the end (or on failure), not
    after every cell: a profile is small and a sweep runs hundreds.

    Returns
    -------
    str or None
        ``None`` on success, else one line: the exception and where it happened.
    """
    import papermill as pm

    from research.kernels import ForkingKernelManager, kernel_name

    try:
        pm.execute_notebook(
            str(notebook), str(executed), parameters=parameters, kernel_name=kernel_name(), progress_bar=False,
            log_output=False, request_save_on_cell_execute=False, kernel_manager_class=ForkingKernelManager,
            shutdown_kernel="immediate",
        )
    except pm.PapermillExecutionError as exc:
        first = next((line for line in exc.source.splitlines() if line.strip()), "")
        return f"{exc.ename}: {exc.evalue} (in the cell starting {first.strip()!r})"
    except Exception as exc:  # kernel died, notebook unreadable: still one line
        return f"{type(exc).__name__}: {exc}"
    return None


def _collect(iso3: str, executed: Path, staging: Path) -> dict:
    from research.glue import read_records
    from research.notebook_io import normalise
    from research.profile_html import notebook_html

    nb = normalise(json.loads(executed.read_text(encoding="utf-8")))
    files = {str(p.relative_to(staging)): p.read_bytes() for p in sorted(staging.glob("*/*")) if p.is_file()}
    values = {r["name"]: r["text"] for r in read_records(nb) if r["kind"] == "value"}
    page = notebook_html(nb, files, f"{values.get('name', iso3)} ({iso3}): country profile", where=iso3)
    files[f"notebooks/{iso3}.ipynb"] = (json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()
    files[f"{iso3}.html"] = page.encode("utf-8")
    inputs = {}
    for record in read_records(nb):
        if record["kind"] == "inputs":
            inputs.update(record["files"])
    return {"files": files, "inputs": inputs}
