"""The one notebook executor, used by the build and the sweep: papermill in a fresh kernel from the zygote."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from research.nb.cells import INJECTED_TAG, cell_tags

_ERROR_BANNER_TAG = "papermill-error-cell-tag"  # the cells papermill adds above a failing cell


@dataclass
class Execution:
    """How one execution went.

    ``cell_index`` is the failing cell's index in the source notebook (``None`` for a failure outside any cell:
    the kernel died, the notebook could not be read); ``exception`` reads ``Name: message``.
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
    try:
        cells = json.loads(Path(executed).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return index
    cells = [c for c in cells if _ERROR_BANNER_TAG not in cell_tags(c)]
    return index - sum(INJECTED_TAG in cell_tags(c) for c in cells[:index])


def execute(notebook: Path, executed: Path, parameters: dict, save_each_cell: bool = True) -> Execution:
    """Execute ``notebook`` with papermill into ``executed``, in a fresh kernel (from the zygote if one runs).

    Parameters
    ----------
    notebook, executed : Path
        The source notebook and where the executed copy is written (also when it fails).
    parameters : dict
        Values papermill injects.
    save_each_cell : bool
        Write the executed copy after every cell (the build, whose notebooks are few and long) or only at the
        end (the sweep, which runs hundreds of small ones).

    Returns
    -------
    Execution
    """
    import papermill as pm

    from research.kernels.client import ForkingKernelManager, kernel_name

    start = time.monotonic()
    try:
        pm.execute_notebook(
            str(notebook), str(executed), parameters=parameters, kernel_name=kernel_name(), progress_bar=False,
            log_output=False, request_save_on_cell_execute=save_each_cell, kernel_manager_class=ForkingKernelManager,
            shutdown_kernel="immediate",
        )
    except pm.PapermillExecutionError as exc:
        return Execution(False, time.monotonic() - start, source_cell_index(executed, exc.cell_index), exc.source,
                         f"{exc.ename}: {exc.evalue}")
    except Exception as exc:  # noqa: BLE001  (kernel died, notebook unreadable: still one short message)
        return Execution(False, time.monotonic() - start, exception=f"{type(exc).__name__}: {exc}")
    return Execution(True, time.monotonic() - start)
