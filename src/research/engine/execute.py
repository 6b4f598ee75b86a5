"""The one notebook executor, used by the build and the sweep: papermill, in a fresh kernel forked by the zygote."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Execution:
    """How one execution went.

    ``cell_index`` is the failing cell's index in the source notebook (``None`` for a failure outside any cell:
    the notebook could not be read, say); ``exception`` reads ``Name: message``.
    """

    ok: bool
    elapsed: float
    cell_index: int | None = None
    cell_source: str = ""
    exception: str = ""

    def one_line(self) -> str:
        """The failure in one line: the exception and the first line of the cell it happened in."""
        first = next((line.strip() for line in self.cell_source.splitlines() if line.strip()), "")
        return f"{self.exception} (in the cell starting {first!r})" if first else self.exception


def source_cell_index(executed: Path, index: int) -> int:
    """Papermill's index of the failing cell counts the cell it injected; return the index in the source notebook."""
    from research.kernels.inprocess import source_index

    return source_index(executed, index)


def execute(notebook: Path, executed: Path, parameters: dict, save_each_cell: bool = False,
            share_inputs: bool = False) -> Execution:
    """Execute ``notebook`` with papermill into ``executed``, in a fresh kernel (forked by the zygote if one runs).

    Parameters
    ----------
    notebook, executed : Path
        The source notebook and where the executed copy is written (also when it fails in a cell).
    parameters : dict
        Values papermill injects.
    save_each_cell : bool
        Also write the executed copy after every cell. Not needed for a failure to be reported (the copy is
        written when a cell fails, and a kernel that dies reports the cell it was in), so off by default.
    share_inputs : bool
        The zygote validates the notebook's data once and every later kernel gets them (the sweep, which runs
        one notebook on the same data for every country; see :func:`research.kernels.held.hold`).

    Returns
    -------
    Execution
    """
    from research.kernels.client import run

    start = time.monotonic()
    reply = run(notebook, executed, parameters, save_each_cell, share_inputs)
    if reply is None:  # no zygote: a kernel started the ordinary way
        return _execute_in_new_kernel(notebook, executed, parameters, save_each_cell, start)
    if reply["ok"]:
        return Execution(True, time.monotonic() - start)
    return Execution(False, time.monotonic() - start, reply.get("cell_index"), reply.get("source", ""),
                     reply["exception"])


def _execute_in_new_kernel(notebook: Path, executed: Path, parameters: dict, save_each_cell: bool,
                           start: float) -> Execution:
    import papermill as pm

    try:
        pm.execute_notebook(str(notebook), str(executed), parameters=parameters, kernel_name="python3",
                            progress_bar=False, log_output=False, request_save_on_cell_execute=save_each_cell)
    except pm.PapermillExecutionError as exc:
        return Execution(False, time.monotonic() - start, source_cell_index(executed, exc.cell_index), exc.source,
                         f"{exc.ename}: {exc.evalue}")
    except Exception as exc:  # noqa: BLE001  (kernel died, notebook unreadable: still one short message)
        return Execution(False, time.monotonic() - start, exception=f"{type(exc).__name__}: {exc}")
    return Execution(True, time.monotonic() - start)
