"""A papermill engine that runs a notebook's cells in this very process, which the zygote forked for it alone.

A Jupyter kernel would run the same IPython shell behind a ZeroMQ socket: every output a message, serialised,
sent, received and turned back into a notebook output by nbclient. Here the shell's display publisher and display
hook build those outputs directly, from the same message content a kernel would send (packed to JSON and back
with jupyter_client's packer, images encoded as ipykernel encodes them), so the executed notebook is the same,
without the messages, the kernel's start-up or its shutdown. Papermill still parameterises the notebook, records
each cell's status and writes the result; only the engine differs.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import nbformat
from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from jupyter_client.session import json_packer
from papermill.engines import Engine, papermill_engines
from traitlets import Type
from traitlets.config import Config

from research.nb.cells import INJECTED_TAG, cell_tags

ENGINE = "research-inprocess"

# What ipykernel's IPythonKernel answers in its kernel_info reply, which nbclient copies into the notebook.
LANGUAGE_INFO = {
    "name": "python",
    "version": sys.version.split()[0],
    "mimetype": "text/x-python",
    "codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
    "pygments_lexer": "ipython3",
    "nbconvert_exporter": "python",
    "file_extension": ".py",
}


class Outputs:
    """The outputs of the cell being run, as nbclient would build them from the kernel's messages."""

    def __init__(self):
        self.cell_outputs: list = []
        self.clear_pending = False
        self.by_display_id: dict[str, list] = {}

    def start(self, outputs: list) -> None:
        """Collect into ``outputs`` (a code cell's output list) from now on."""
        self.cell_outputs, self.clear_pending = outputs, False

    def add(self, msg_type: str, content: dict, display_id: str | None = None) -> None:
        """Append the output a message of ``msg_type`` with ``content`` becomes (sent over the wire: JSON)."""
        content = json.loads(json_packer(content))
        if self.clear_pending:
            self.cell_outputs.clear()
            self.clear_pending = False
        if msg_type == "stream" and self.cell_outputs:
            last = self.cell_outputs[-1]
            if last.get("output_type") == "stream" and last.get("name") == content["name"]:
                last["text"] += content["text"]  # one flush of the kernel's buffered stream
                return
        output = nbformat.v4.output_from_msg({"header": {"msg_type": msg_type}, "content": content})
        if display_id:
            self.by_display_id.setdefault(display_id, []).append(output)
        self.cell_outputs.append(output)

    def update(self, display_id: str, content: dict) -> None:
        """Replace the data of every output shown earlier under ``display_id`` (``update_display_data``)."""
        content = json.loads(json_packer(content))
        for output in self.by_display_id.get(display_id, []):
            output["data"] = nbformat.from_dict(content["data"])
            output["metadata"] = nbformat.from_dict(content["metadata"])

    def clear(self, wait: bool) -> None:
        """``clear_output``: now, or (``wait``) just before the next output."""
        if wait:
            self.clear_pending = True
        else:
            self.cell_outputs.clear()


OUTPUTS = Outputs()


def _encode_images(data: dict) -> dict:
    from ipykernel.jsonutil import encode_images

    return encode_images(data)


class CapturingPublisher(DisplayPublisher):
    """``display()``: a ``display_data`` output, as ipykernel's ZMQDisplayPublisher would send it."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        """Record one display (or update an earlier one with the same ``display_id``)."""
        metadata = {} if metadata is None else metadata
        transient = {} if transient is None else transient
        self._validate_data(data, metadata)
        content = {"data": _encode_images(data), "metadata": metadata, "transient": transient}
        display_id = transient.get("display_id")
        if update:
            OUTPUTS.update(display_id, content)
        else:
            OUTPUTS.add("display_data", content, display_id)

    def clear_output(self, wait=False):
        """Clear the cell's outputs (``wait``: once the next one comes)."""
        OUTPUTS.clear(wait)


class CapturingHook(DisplayHook):
    """A cell's value: an ``execute_result`` output, as ipykernel's ZMQShellDisplayHook would send it."""

    def start_displayhook(self):
        """Nothing to prepare: the output is built whole in :meth:`write_format_data`."""

    def write_output_prompt(self):
        """No prompt: the execution count goes into the output."""

    def write_format_data(self, format_dict, md_dict=None):
        """Record the value's representations."""
        OUTPUTS.add("execute_result", {"data": _encode_images(format_dict), "metadata": md_dict,
                                       "execution_count": self.prompt_count})

    def finish_displayhook(self):
        """Nothing to send."""


class Stream(io.TextIOBase):
    """``sys.stdout`` or ``sys.stderr`` of the notebook: each write joins the cell's stream output of that name."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name

    def writable(self) -> bool:
        """Always."""
        return True

    def write(self, text) -> int:
        """Add ``text`` to the cell's outputs."""
        if text:
            OUTPUTS.add("stream", {"name": self.name, "text": str(text)})
        return len(text)


class CellShell(InteractiveShell):
    """The IPython shell a kernel runs, its displays and errors recorded as the cell's outputs."""

    displayhook_class = Type(CapturingHook)
    display_pub_class = Type(CapturingPublisher)

    def _showtraceback(self, etype, evalue, stb):
        """An ``error`` output, as ipykernel's shell sends it."""
        OUTPUTS.add("error", {"traceback": stb, "ename": str(etype.__name__), "evalue": str(evalue)})
        self._last_traceback = stb


def shell() -> CellShell:
    """This process's shell, made on first use; its history is kept in memory, as nbclient asks of a kernel."""
    if not CellShell.initialized():
        config = Config()
        config.HistoryManager.hist_file = ":memory:"
        CellShell.instance(config=config)
        _show_tables_as_a_kernel_does()
    return CellShell.instance()


def _show_tables_as_a_kernel_does() -> None:
    # pandas decides when it is imported whether it writes to a terminal: outside a Jupyter kernel (the zygote
    # imports it before any shell exists) it sets display.max_columns to 0 and cuts a wide table down to "..."; in
    # a kernel it shows up to 20 columns. A notebook must be the same bytes whichever kernel ran it: a build whose
    # zygote does not answer runs it in an ordinary kernel, and a difference would republish its outputs.
    import sys

    if "pandas" in sys.modules:
        sys.modules["pandas"].set_option("display.max_columns", 20)


def run_cell(cell) -> bool:
    """Run one code cell in :func:`shell`, with its execution count and outputs; return whether it succeeded."""
    ipython = shell()
    cell["execution_count"] = ipython.execution_count
    cell["outputs"] = []
    OUTPUTS.start(cell["outputs"])
    return ipython.run_cell(cell["source"], store_history=True).success


_ERROR_BANNER_TAG = "papermill-error-cell-tag"  # the cells papermill adds above a failing cell


def source_index(executed, index: int) -> int:
    """Papermill's index of a cell counts the cell it injected; return the index in the source notebook.

    ``executed`` is the executed notebook (a path, or the notebook itself); one that cannot be read leaves the
    index as it is.
    """
    try:
        nb = executed if isinstance(executed, dict) else json.loads(Path(executed).read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return index
    cells = [c for c in cells if _ERROR_BANNER_TAG not in cell_tags(c)]
    return index - sum(INJECTED_TAG in cell_tags(c) for c in cells[:index])


class InProcessEngine(Engine):
    """Papermill's engine interface, the cells run by :func:`run_cell`, stopping at the first that fails.

    ``on_cell`` (an engine keyword argument, optional) is called with each code cell's index in the source
    notebook and its source as it starts, so that a kernel that dies can be said to have died in that cell.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, on_cell=None, **kwargs):
        """Run every code cell in order, recording each cell's start, failure and end as papermill's own engine does."""
        sys.stdout, sys.stderr = Stream("stdout"), Stream("stderr")
        nb = nb_man.nb
        try:
            for index, cell in enumerate(nb.cells):
                try:
                    nb_man.cell_start(cell, index)
                    runs = cell.cell_type == "code" and cell.source.strip()
                    if runs and on_cell is not None and INJECTED_TAG not in cell_tags(cell):
                        on_cell(source_index(nb, index), cell.source)
                    if runs and not run_cell(cell):
                        nb_man.cell_exception(nb.cells[index], cell_index=index)
                        break
                finally:
                    nb_man.cell_complete(nb.cells[index], cell_index=index)
        finally:
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
            nb.metadata["language_info"] = nbformat.from_dict(LANGUAGE_INFO)
        return nb


papermill_engines.register(ENGINE, InProcessEngine)
