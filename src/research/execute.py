"""Execute one notebook with papermill in a fresh kernel, and publish a successful run's files."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from research import paths


def source_cell_index(executed: Path, index: int) -> int:
    """Papermill's index of the failing cell counts the cell it injected; return the index in the source notebook."""
    try:
        cells = json.loads(Path(executed).read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return index

    def tags(cell):
        return cell.get("metadata", {}).get("tags", [])

    cells = [c for c in cells if "papermill-error-cell-tag" not in tags(c)]  # papermill's added error banners
    return index - sum("injected-parameters" in tags(c) for c in cells[:index])


def execute_one(notebook: str, staging: str, parameters: dict) -> dict:
    """Execute one notebook with papermill into ``staging`` in a fresh kernel (runs in a worker thread).

    Returns a dict: ``ok``, ``elapsed`` and, on failure, ``cell_index``, ``cell_source`` and ``exception``.
    """
    import papermill as pm

    from research.kernels import ForkingKernelManager, kernel_name

    start = time.monotonic()
    staging_dir = Path(staging)
    out = staging_dir / Path(notebook).name
    try:
        pm.execute_notebook(
            notebook,
            str(out),
            parameters=parameters,
            kernel_name=kernel_name(),
            progress_bar=False,
            log_output=False,
            kernel_manager_class=ForkingKernelManager,
            shutdown_kernel="immediate",
        )
    except pm.PapermillExecutionError as exc:
        return {
            "ok": False,
            "elapsed": time.monotonic() - start,
            "cell_index": source_cell_index(out, exc.cell_index),
            "cell_source": exc.source,
            "exception": f"{exc.ename}: {exc.evalue}",
        }
    except Exception as exc:  # kernel died, notebook unreadable: still one short message
        return {
            "ok": False,
            "elapsed": time.monotonic() - start,
            "cell_index": None,
            "cell_source": "",
            "exception": f"{type(exc).__name__}: {exc}",
        }
    return {"ok": True, "elapsed": time.monotonic() - start}


def publish(name: str, staging: Path, output_dir: Path) -> tuple[list[str], dict]:
    """Move a successful run's files into the output folder; return their relative names and its inputs."""
    from research.glue import read_records
    from research.notebook_io import normalise

    layout = paths.output_layout(output_dir)
    nb_path = staging / f"{name}.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    normalise(nb)
    outputs = []
    for sub in ("figures", "tables"):
        src_dir = staging / sub
        if src_dir.is_dir():
            layout[sub].mkdir(parents=True, exist_ok=True)
            for f in sorted(src_dir.iterdir()):
                os.replace(f, layout[sub] / f.name)
                outputs.append(f"{sub}/{f.name}")
    layout["notebooks"].mkdir(parents=True, exist_ok=True)
    tmp = layout["notebooks"] / f".{name}.ipynb.tmp"
    tmp.write_text(json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(layout["notebooks"] / f"{name}.ipynb")
    failed = layout["notebooks"] / f"{name}.failed.ipynb"
    failed.unlink(missing_ok=True)
    outputs.append(f"notebooks/{name}.ipynb")
    inputs = {}
    for record in read_records(nb):
        if record["kind"] == "inputs":
            inputs.update(record["files"])
    return outputs, inputs
