"""Kernels for the build: forked from a pre-warmed process so each notebook pays no start-up or import cost.

A *zygote* process imports IPython, ipykernel, pandas, matplotlib and this package once, runs nothing else, and
forks a fresh kernel for every notebook. Each kernel is a copy of that untouched state: no notebook ever sees
another's variables, options or figures, yet none pays the seconds of start-up that dominate a small notebook.
If the zygote cannot start, kernels start the ordinary way.
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
_STATE = {"socket": None, "lock": threading.Lock()}


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


def _request_fork(path: str, argv: list[str], env: dict, cwd: str) -> int:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(30)
        sock.connect(path)
        sock.sendall(json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode() + b"\n")
        reply = sock.makefile("r").readline()
    return int(json.loads(reply)["pid"])


class ForkingKernelManager(AsyncKernelManager):
    """A kernel manager that asks the zygote for a forked kernel, falling back to a normal start."""

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        path = _STATE["socket"]
        if path is None or "-f" not in kernel_cmd:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        argv = kernel_cmd[kernel_cmd.index("-f"):]
        env = dict(kw.get("env") or os.environ)
        cwd = str(kw.get("cwd") or os.getcwd())
        pid = _request_fork(path, argv, env, cwd)
        provisioner = self.provisioner
        provisioner.process = ForkedProcess(pid)
        provisioner.pid = pid
        provisioner.pgid = pid
        provisioner.cwd = cwd
        self._reconcile_connection_info(provisioner.connection_info)


@contextlib.contextmanager
def warm_pool(enabled: bool = True, log: Path | None = None):
    """Run a zygote for the duration of the block; kernels started meanwhile are forked from it.

    Parameters
    ----------
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
        [sys.executable, "-m", "research.kernels", path],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=sink, start_new_session=True,
    )
    ready = proc.stdout.readline().strip() == b"ready"
    try:
        _STATE["socket"] = path if ready else None
        yield _STATE["socket"]
    finally:
        _STATE["socket"] = None
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            sink.close()
        with contextlib.suppress(OSError):
            os.unlink(path)
            os.rmdir(folder)


def _serve(path: str) -> None:
    """The zygote: import everything once, then fork one kernel per request until terminated."""
    import importlib
    import signal

    os.environ.setdefault("MPLBACKEND", "Agg")
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    children: set[int] = set()

    def stop(*_):
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped automatically
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(16)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        conn, _ = server.accept()
        with conn:
            request = json.loads(conn.makefile("r").readline())
            pid = os.fork()
            if pid == 0:
                server.close()
                _become_kernel(request)
            children.add(pid)
            conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def _become_kernel(request: dict) -> None:
    os.setsid()
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    sys.argv = ["ipykernel_launcher", *request["argv"]]
    try:
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(request["argv"])
    finally:
        os._exit(0)


if __name__ == "__main__":
    _serve(sys.argv[1])
