"""The floor: each notebook's code cells, with the same parameters, in one warm interpreter per worker.

No notebook runner can beat this. Each worker process imports what the zygote imports (paid before the clock
starts) and makes one IPython shell; then the workers take notebooks from one queue, as a sweep's kernels do.
For each notebook a worker clears the shell's namespace, restores matplotlib's settings, and runs the code cells in
order with papermill's parameters assigned right after the parameters cell. Nothing else is shared between
notebooks, nothing is written but what the cells write. The time is from the moment every worker is warm and
the first notebook is handed out to the moment the last one is done.

    from floor import floor_time
    seconds, per_notebook = floor_time([(notebook, parameters), ...], workers=2)
"""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from pathlib import Path


def _code_cells(notebook: Path, parameters: dict) -> list[str]:
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    cells = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = cell["source"]
        cells.append("".join(source) if isinstance(source, list) else source)
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            cells.append("\n".join(f"{name} = {value!r}" for name, value in parameters.items()))
    return cells


def _worker(tasks, results, ready) -> None:
    import importlib

    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 1)  # the shell prints each cell's value: nobody reads it
    os.environ.setdefault("MPLBACKEND", "Agg")
    from research.kernels.server import PRELOAD

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    import matplotlib
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    config = Config()
    config.HistoryManager.hist_file = ":memory:"
    shell = InteractiveShell.instance(config=config)
    defaults = dict(matplotlib.rcParams)
    ready.put(os.getpid())
    while True:
        task = tasks.get()
        if task is None:
            return
        index, notebook, parameters = task
        cells = _code_cells(Path(notebook), parameters)
        shell.reset(new_session=False)
        matplotlib.rcParams.update(defaults)
        start = time.perf_counter()
        for code in cells:
            outcome = shell.run_cell(code, store_history=True)
            if not outcome.success:
                results.put((index, None, f"{notebook}: {outcome.error_in_exec or outcome.error_before_exec!r}"))
                break
        else:
            results.put((index, time.perf_counter() - start, None))


def _wait_ready(ready, procs) -> None:
    import queue

    waiting = len(procs)
    while waiting:
        try:
            ready.get(timeout=1)
            waiting -= 1
        except queue.Empty:
            if not all(proc.is_alive() for proc in procs):
                raise RuntimeError("a floor worker died while importing") from None


def floor_time(runs: list[tuple[Path, dict]], workers: int = 2) -> tuple[float, list[float]]:
    """Seconds for ``runs`` (notebook, parameters) on ``workers`` warm interpreters, and each notebook's seconds.

    Raises
    ------
    RuntimeError
        If a notebook's cell fails (the floor must do the same work as the runs it is compared with).
    """
    context = multiprocessing.get_context("spawn")
    tasks, results, ready = context.Queue(), context.Queue(), context.Queue()
    procs = [context.Process(target=_worker, args=(tasks, results, ready)) for _ in range(workers)]
    for proc in procs:
        proc.start()
    try:
        _wait_ready(ready, procs)  # imports paid before the clock starts
        start = time.perf_counter()
        for index, (notebook, parameters) in enumerate(runs):
            tasks.put((index, str(notebook), parameters))
        each: list[float] = [0.0] * len(runs)
        for _ in runs:
            index, seconds, error = results.get(timeout=3600)
            if error:
                raise RuntimeError(error)
            each[index] = seconds
        elapsed = time.perf_counter() - start
    finally:
        for _ in procs:
            tasks.put(None)
        for proc in procs:
            proc.join(timeout=60)
            if proc.is_alive():
                proc.kill()
    return elapsed, each
