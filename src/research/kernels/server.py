"""The zygote: a process that imports the notebooks' libraries once and forks a fresh process per notebook run."""

# Run as `python -m research.kernels.server SOCKET PARENT_PID` by research.kernels.client.warm_pool. It writes
# "ready" on standard output once imported, then answers each request line on its Unix socket by forking: the
# child (the notebook's kernel) sends {"pid": ...}, {"cell": i, "source": ...} as each code cell starts, and one
# final line with the outcome, then exits. Every kernel is a copy of the same untouched state, used once. The
# zygote exits when its parent does, and its kernels when it does.

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import sys
import threading
import time

PRELOAD = [
    "IPython",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "pandera.pandas",
    "papermill",
    "nbformat",
    "research.kernels.inprocess",
    "research.data",
    "research.data.validate",
    "research.data.crosscheck",
    "research.data.bib",
    "research.nb.inputs",
    "research.nb.glue",
    "research.nb.figures",
    "research.nb.profile_figures",
    "research.nb.tables",
    "research.analysis.incidents",
    "research.analysis.provisions",
    "research.analysis.countries",
    "research.sections.conclusions",
    "research.analysis.profiles",
    "research.sections.country_profile",
    "research.analysis.law",
    "research.analysis.draft",
    "bibtexparser",
    # what a cell's display and a first pandera validation import lazily; optional ones are skipped if absent
    "ipykernel.jsonutil",
    "IPython.core.debugger",
    "sqlite3",
    "pandera.strategies",
    "hypothesis",
]


def serve(path: str, parent: int) -> None:
    """Import everything once, then fork one kernel per request on the Unix socket ``path``.

    ``parent`` is the pid of the process that started the zygote; once that process is gone, so are the zygote
    and its kernels.
    """
    import importlib
    import signal

    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    from research.kernels.inprocess import shell
    from research.kernels.warm import warm_up

    folder = os.path.dirname(path)
    shell()  # the kernels' IPython shell, made once, untouched until a kernel runs its first cell
    warm_up()
    children: set[int] = set()

    def stop(*_):
        _reap(children)
        for pid in children:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)  # the socket and the kernels' connection keys
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)

    def watch_parent():
        # A build killed with SIGKILL cannot stop us: notice it is gone and take every kernel down with us.
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch_parent, daemon=True).start()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(path)
        server.listen(64)
        sys.stdout.write("ready\n")
        sys.stdout.flush()
    except OSError:
        # The build went while we imported (killed under load, say): its end of the pipe is closed, so "ready"
        # raises BrokenPipeError. Leaving by that exception would skip stop() and leave the folder behind.
        stop()
    while True:
        conn, _ = server.accept()
        with conn:
            try:
                request = json.loads(conn.makefile("r").readline())
            except ValueError:
                continue
            if request.get("share_inputs"):
                _hold_inputs(request)
            _reap(children)
            pid = os.fork()
            if pid == 0:
                server.close()
                _kernel(conn, request)
            children.add(pid)


def _reap(children: set[int]) -> None:
    """Collect the exit status of every kernel that has finished, and forget it."""
    while children:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if pid == 0:
            return
        children.discard(pid)


def _hold_inputs(request: dict) -> None:
    """Validate the data the notebook will load, once, so that every kernel forked from now on has it."""
    from research.kernels.held import hold_for

    with contextlib.suppress(Exception):  # only an optimisation: a kernel that finds nothing held validates itself
        hold_for(request["notebook"], request["parameters"])


def _send(conn: socket.socket, message: dict) -> None:
    conn.sendall(json.dumps(message).encode() + b"\n")


def _kernel(conn: socket.socket, request: dict) -> None:
    """In a fresh fork: run the requested notebook through papermill in this process, report, and exit."""
    import signal

    try:
        os.setsid()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):  # nobody reads the zygote's stdout after "ready": a full pipe would block a kernel
            os.dup2(devnull, fd)
        _send(conn, {"pid": os.getpid()})
        zygote = os.getppid()

        def watch_zygote():
            # However the zygote ended (even between forking us and recording our pid), do not outlive it.
            while os.getppid() == zygote:
                time.sleep(0.5)
            os._exit(0)

        threading.Thread(target=watch_zygote, daemon=True).start()
        _send(conn, run_notebook(request, lambda index, source: _send(conn, {"cell": index, "source": source})))
    finally:
        os._exit(0)


def run_notebook(request: dict, on_cell=None) -> dict:
    """Execute ``request["notebook"]`` with papermill's in-process engine into ``request["executed"]``.

    Parameters
    ----------
    request : dict
        ``notebook``, ``executed`` (paths), ``parameters`` (injected by papermill) and ``save_each_cell``.
    on_cell : callable, optional
        Called with the index in the source notebook and the source of each code cell as it starts.

    Returns
    -------
    dict
        ``{"ok": True}``, or ``ok`` False with ``exception`` (``Name: message``) and, for a failing cell,
        ``cell_index`` (in the source notebook) and ``source``.
    """
    import papermill as pm

    from research.kernels.inprocess import ENGINE, source_index

    try:
        pm.execute_notebook(request["notebook"], request["executed"], parameters=request["parameters"],
                            engine_name=ENGINE, kernel_name="python3", progress_bar=False, log_output=False,
                            request_save_on_cell_execute=bool(request.get("save_each_cell")), on_cell=on_cell)
    except pm.PapermillExecutionError as exc:
        return {"ok": False, "cell_index": source_index(request["executed"], exc.cell_index), "source": exc.source,
                "exception": f"{exc.ename}: {exc.evalue}"}
    except Exception as exc:  # noqa: BLE001  (notebook unreadable, a path not writable: still one short message)
        return {"ok": False, "exception": f"{type(exc).__name__}: {exc}"}
    return {"ok": True}


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
