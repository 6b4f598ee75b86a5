"""One country profile (in the sweep's process or on a Dask worker): a fresh kernel from the zygote, then HTML."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

_ZYGOTE = {"stack": None, "lock": threading.Lock()}


def start_zygote() -> None:
    """Start this process's zygote (:func:`research.kernels.client.warm_pool`), if it has none yet.

    A sweep starts one zygote (a Dask worker one each) and keeps it until the end, so imports and the data's
    validation are paid once, not once per country; every country still runs in a fresh process forked from
    the zygote's untouched state, used once, so nothing one country's notebook does is seen by the next.
    Idempotent and thread-safe; returns while the zygote is still importing (the first kernel waits for it). It
    runs until :func:`stop_zygote` or the end of the process. If it cannot start, kernels start the ordinary
    way (slower, still isolated).
    """
    from research.kernels.client import warm_pool

    with _ZYGOTE["lock"]:
        if _ZYGOTE["stack"] is not None:
            return
        stack = contextlib.ExitStack()
        stack.enter_context(warm_pool())
        _ZYGOTE["stack"] = stack
        if not _ZYGOTE.get("registered"):
            import atexit

            atexit.register(stop_zygote)
            _ZYGOTE["registered"] = True


def stop_zygote() -> None:
    """Stop this process's zygote and every kernel it started (idempotent)."""
    with _ZYGOTE["lock"]:
        stack, _ZYGOTE["stack"] = _ZYGOTE["stack"], None
    if stack is not None:
        stack.close()


@dataclass
class ProfileResult:
    """What one country's run gave, sent back from the worker (a local process or a Dask worker).

    On success ``outputs`` (:class:`research.engine.publish.Outputs`: ``<iso3>.html``, ``notebooks/<iso3>.ipynb``,
    ``figures/...``, ``tables/...`` as bytes, and the data files read); on failure ``error`` (one line) and
    ``partial``, the partly executed notebook's bytes when there is one. ``worker`` is the id of the process that
    ran it (the sweep's own for a local sweep, a Dask worker's otherwise).
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
    start_zygote()  # a no-op once this process has one
    with tempfile.TemporaryDirectory(prefix=f"research-{iso3}-") as tmp:
        source = Path(tmp) / "source" / f"{iso3}.ipynb"
        source.parent.mkdir()
        source.write_text(task["notebook"], encoding="utf-8")
        staging = Path(tmp) / "out"
        staging.mkdir()
        executed = staging / f"{iso3}.ipynb"
        run = execute(source, executed, {**task["parameters"], "output_dir": str(staging)}, share_inputs=True)
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
    from research.sweep.pages import entry_name, notebook_entry, notebook_html

    outputs = collect(iso3, executed, staging)
    nb = json.loads(outputs.files[f"notebooks/{iso3}.ipynb"])
    title = f"{recorded_texts(nb).get('name', iso3)} ({iso3}): country profile"
    outputs.files[page_name(iso3)] = notebook_html(nb, outputs.files, title, where=iso3).encode("utf-8")
    outputs.files[entry_name(iso3)] = json.dumps(notebook_entry(nb, iso3), sort_keys=True).encode("utf-8")
    return outputs
