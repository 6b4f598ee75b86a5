"""The zygote: a process that imports the notebooks' libraries once and forks a fresh kernel per request."""

# Run as `python -m research.kernels.server SOCKET POOL TOTAL PARENT_PID` by research.kernels.client.warm_pool.
# It writes "ready" on standard output once imported, then answers each {"op": "take"} line on its Unix socket with
# the pid and connection of a kernel it forked ahead of need. Every kernel is a copy of the same untouched state,
# never reused. The zygote exits when its parent does, and its kernels when it does.


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
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "pandera.pandas",
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
    "research.analysis.recommendations",
    "research.analysis.profiles",
    "research.analysis.profile_sections",
    "research.analysis.law",
    "research.analysis.draft",
    "bibtexparser",
    # what ipykernel and a first pandera validation import lazily; optional ones are skipped if absent
    "ipykernel.debugger",
    "ipykernel.zmqshell",
    "IPython.core.debugger",
    "sqlite3",
    "psutil",
    "pandera.strategies",
    "hypothesis",
]

def serve(path: str, pool_size: int, total: int, parent: int) -> None:
    """The zygote: import everything once, keep ``pool_size`` kernels started (``total`` at most), one per request.

    ``parent`` is the pid of the process that started it; once that process is gone, so are the zygote and its kernels.
    """
    import importlib
    import signal

    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    folder = os.path.dirname(path)
    children: list[int] = []
    ready: list[tuple[int, int]] = []  # (pid, read end of the pipe the kernel reports its connection on)

    def stop(*_):
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        shutil.rmtree(folder, ignore_errors=True)  # the socket and the kernels' connection keys
        os._exit(0)

    def spawn():
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            server.close()
            _prestarted_kernel(write_fd, folder)
        os.close(write_fd)
        children.append(pid)
        ready.append((pid, read_fd))

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped automatically
    def watch_parent():
        # A build killed with SIGKILL cannot stop us: notice it is gone and take every kernel down with us.
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch_parent, daemon=True).start()
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    for _ in range(min(pool_size, total)):
        spawn()
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        conn, _ = server.accept()
        with conn:
            conn.makefile("r").readline()
            conn.sendall(json.dumps(answer(ready)).encode() + b"\n")
        if len(children) < total:
            spawn()


def answer(ready: list[tuple[int, int]]) -> dict:
    """The reply to one request: the next pre-started kernel's pid and connection, or why there is none.

    ``ready`` holds ``(pid, read end of the pipe it reports on)``, oldest first. A kernel that could not start
    (a port taken meanwhile, say) reports an error or nothing; the zygote goes on serving, and the client starts
    that one kernel the ordinary way.
    """
    if not ready:
        return {"error": "no kernel left to hand out"}
    pid, read_fd = ready.pop(0)
    with os.fdopen(read_fd, "r") as pipe:
        line = pipe.readline()
    try:
        report = json.loads(line)
    except ValueError:
        return {"error": f"kernel {pid} exited before reporting its connection"}
    if "error" in report:
        return {"error": f"kernel {pid} could not start: {report['error']}"}
    return {"pid": pid, "connection": report}


def _prestarted_kernel(write_fd: int, folder: str) -> None:
    """In a fresh fork: start an IPython kernel, report its connection over the pipe, then serve it."""
    import signal

    os.setsid()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # the zygote's stdout is a pipe nobody reads after "ready": a full pipe would hang us
        os.dup2(devnull, fd)
    try:
        from ipykernel.kernelapp import IPKernelApp
        from jupyter_client.connect import write_connection_file

        fname = os.path.join(folder, f"kernel-{os.getpid()}.json")
        try:
            write_connection_file(fname, ip="127.0.0.1", transport="tcp")
            sys.argv = ["ipykernel_launcher", "-f", fname]
            app = IPKernelApp.instance()
            app.initialize(["-f", fname])
            with open(fname, encoding="utf-8") as fh:
                report = json.load(fh)
        except BaseException as exc:  # noqa: BLE001  (whatever stopped it, the zygote must hear, not wait)
            report = {"error": f"{type(exc).__name__}: {exc}"}
        os.write(write_fd, (json.dumps(report) + "\n").encode())
        os.close(write_fd)
        if "error" in report:
            return
        zygote = os.getppid()

        def watch_zygote():
            # However the zygote ended (even between forking us and recording our pid), do not outlive it.
            while os.getppid() == zygote:
                time.sleep(0.5)
            os._exit(0)

        threading.Thread(target=watch_zygote, daemon=True).start()
        app.start()
    finally:
        os._exit(0)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
