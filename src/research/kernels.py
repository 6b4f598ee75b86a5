"""Kernels for the build: forked from a pre-warmed process so each notebook pays no start-up or import cost.

A *zygote* process imports IPython, ipykernel, pandas, matplotlib and this package once, runs nothing else, and
forks kernels from that state, keeping a few started ahead of need; each notebook takes one, and it is never reused.
Every kernel is a copy of the same untouched state: no notebook sees another's variables, options or figures, yet
none pays the seconds of start-up that dominate a small notebook. If the zygote cannot start, kernels start the
ordinary way.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

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
    "research.figures",
    "research.tables",
    "research.analysis.incidents",
    "research.analysis.provisions",
    "research.analysis.countries",
    "research.analysis.recommendations",
    "research.analysis.profiles",
    "research.profile_figures",
    "research.validate",
    "research.bib",
    "research.csvfile",
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
_STATE = {"socket": None, "process": None, "ready": None, "lock": threading.Lock()}


def _zygote_socket() -> str | None:
    """The zygote's socket once it has finished importing (waited for on first use), or None without a zygote."""
    with _STATE["lock"]:
        if _STATE["ready"] is None and _STATE["process"] is not None:
            _STATE["ready"] = _STATE["process"].stdout.readline().strip() == b"ready"
        return _STATE["socket"] if _STATE["ready"] else None


def kernel_name() -> str:
    """The kernel spec name papermill should start: the interpreter running the build."""
    return "python3"


class ForkedProcess:
    """The parts of ``subprocess.Popen`` that jupyter_client's provisioner uses, for a kernel forked by the zygote."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode = None
        self.stdin = self.stdout = self.stderr = None

    def poll(self):
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum):
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def terminate(self):
        import signal

        self.send_signal(signal.SIGTERM)

    def kill(self):
        import signal

        self.send_signal(signal.SIGKILL)


def _take_kernel(path: str) -> dict:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(60)
        sock.connect(path)
        sock.sendall(b'{"op": "take"}\n')
        reply = sock.makefile("r").readline()
    return json.loads(reply)


class ForkingKernelManager(AsyncKernelManager):
    """A kernel manager that takes a ready kernel from the zygote's pool, falling back to a normal start."""

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        path = _zygote_socket() if "ipykernel_launcher" in " ".join(kernel_cmd) else None
        if path is None:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        reply = _take_kernel(path)
        info = dict(reply["connection"])
        info["key"] = info["key"].encode()
        provisioner = self.provisioner
        provisioner.process = ForkedProcess(reply["pid"])
        provisioner.pid = provisioner.pgid = reply["pid"]
        provisioner.cwd = os.getcwd()
        provisioner.connection_info = info
        self._reconcile_connection_info(info)


@contextlib.contextmanager
def warm_pool(size: int = 2, total: int = 1_000_000, enabled: bool = True, log: Path | None = None):
    """Run a zygote for the duration of the block; kernels started meanwhile come from its pool.

    Parameters
    ----------
    size : int
        Kernels kept started ahead of need (one per notebook run at once).
    total : int
        How many kernels the block will take at most (none is started beyond that).
    enabled : bool
        False starts nothing (kernels start the ordinary way).
    log : Path, optional
        File for the kernels' low-level output (default: discarded).
    """
    if not enabled or os.environ.get("RESEARCH_NO_ZYGOTE"):
        yield None
        return
    folder = tempfile.mkdtemp(prefix="research-zygote-")
    path = os.path.join(folder, "fork.sock")
    sink = open(log, "ab") if log else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, "-m", "research.kernels", path, str(max(1, size)), str(max(1, total)), str(os.getpid())],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=sink, start_new_session=True,
    )
    # Not waited for here: the caller can validate its inputs while the zygote imports.
    _STATE.update(socket=path, process=proc, ready=None)
    try:
        yield path
    finally:
        _STATE.update(socket=None, process=None, ready=None)
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            sink.close()
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


def _serve(path: str, pool_size: int, total: int, parent: int) -> None:
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
            pid, read_fd = ready.pop(0)
            with os.fdopen(read_fd, "r") as pipe:
                connection = json.loads(pipe.readline())
            conn.sendall(json.dumps({"pid": pid, "connection": connection}).encode() + b"\n")
        if len(children) < total:
            spawn()


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
        write_connection_file(fname, ip="127.0.0.1", transport="tcp")
        sys.argv = ["ipykernel_launcher", "-f", fname]
        app = IPKernelApp.instance()
        app.initialize(["-f", fname])
        with open(fname, encoding="utf-8") as fh:
            os.write(write_fd, (json.dumps(json.load(fh)) + "\n").encode())
        os.close(write_fd)
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
    _serve(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
