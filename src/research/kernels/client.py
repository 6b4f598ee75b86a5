"""Kernels from the zygote: start it for a block of work, and a kernel provisioner that takes its kernels."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import default

PROVISIONER = "research-zygote"  # its entry point in pyproject.toml (group jupyter_client.kernel_provisioners)

_STATE = {"socket": None, "process": None, "ready": None, "lock": threading.Lock()}
FOLDER_PREFIX = "research-zygote-"  # then the pid of the process that made it


def remove_stale_folders() -> list[str]:
    """Remove the zygote folders (kernel connection keys included) of processes that are gone; return their names.

    A build killed with SIGKILL cannot remove its own; its zygote removes it when it notices, and this catches
    anything left even so. Only this user's folders whose maker's pid no longer runs are touched.
    """
    removed = []
    root = tempfile.gettempdir()
    try:
        names = os.listdir(root)
    except OSError:
        return removed
    for name in names:
        pid = name[len(FOLDER_PREFIX):].split("-", 1)[0]
        if not (name.startswith(FOLDER_PREFIX) and pid.isdigit()):
            continue
        path = os.path.join(root, name)
        try:
            if os.stat(path, follow_symlinks=False).st_uid != os.getuid():
                continue
            os.kill(int(pid), 0)
        except ProcessLookupError:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(name)
        except OSError:  # the folder is gone, or the pid is someone else's live process
            continue
    return removed


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
        """``None`` while the kernel runs, else 0 (its exit status is its zygote's to collect)."""
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.returncode = 0
            except PermissionError:
                pass
        return self.returncode

    def wait(self, timeout=None):
        """Wait for the kernel to exit, ``timeout`` seconds at most."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum):
        """Send ``signum`` to the kernel, if it is still there."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def terminate(self):
        """Ask the kernel to stop (SIGTERM)."""
        self.send_signal(signal.SIGTERM)

    def kill(self):
        """Stop the kernel at once (SIGKILL)."""
        self.send_signal(signal.SIGKILL)


def _take_kernel(path: str) -> dict:
    """Ask the zygote for a kernel: ``pid`` and ``connection``, or ``error`` when it has none to give."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(60)
            sock.connect(path)
            sock.sendall(b'{"op": "take"}\n')
            reply = sock.makefile("r").readline()
        return json.loads(reply)
    except (OSError, ValueError) as exc:  # the zygote is gone or answered nothing
        return {"error": f"no answer from the zygote ({type(exc).__name__}: {exc})"}


class ZygoteProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, except that a kernel is taken ready from the zygote when one runs.

    Without a zygote (or for a command that is not an IPython kernel) it starts the kernel the ordinary way.
    """

    async def launch_kernel(self, cmd: list[str], **kwargs):
        """Take a ready kernel from the zygote and return its connection; start one the ordinary way without."""
        path = _zygote_socket() if "ipykernel_launcher" in " ".join(cmd) else None
        if path is None:
            return await super().launch_kernel(cmd, **kwargs)
        reply = _take_kernel(path)
        if "error" in reply:  # this one kernel starts the ordinary way; the others still come from the zygote
            return await super().launch_kernel(cmd, **kwargs)
        info = dict(reply["connection"])
        info["key"] = info["key"].encode()
        self.process = ForkedProcess(reply["pid"])
        self.pid = self.pgid = reply["pid"]  # the kernel leads its own session (see research.kernels.server)
        self.cwd = kwargs.get("cwd", os.getcwd())
        self.connection_info = info
        return info


class ZygoteKernelSpecManager(KernelSpecManager):
    """The installed kernel specs, each naming :class:`ZygoteProvisioner` as the provisioner to start it with."""

    def get_kernel_spec(self, kernel_name):
        """The installed spec of ``kernel_name``, naming the zygote provisioner."""
        spec = super().get_kernel_spec(kernel_name)
        spec.metadata = {**spec.metadata, "kernel_provisioner": {"provisioner_name": PROVISIONER}}
        return spec


class ForkingKernelManager(AsyncKernelManager):
    """A kernel manager (for papermill's ``kernel_manager_class``) whose kernels come from the zygote's pool."""

    @default("kernel_spec_manager")
    def _zygote_kernel_specs(self):
        return ZygoteKernelSpecManager(parent=self)


@contextlib.contextmanager
def warm_pool(size: int = 2, total: int = 1_000_000):
    """Run a zygote for the duration of the block; kernels started meanwhile come from its pool.

    Parameters
    ----------
    size : int
        Kernels kept started ahead of need (one per notebook run at once).
    total : int
        How many kernels the block will take at most (none is started beyond that).

    Yields
    ------
    str or None
        The zygote's socket; ``None`` when ``RESEARCH_NO_ZYGOTE`` is set (kernels start the ordinary way, as
        they also do if the zygote fails to start).
    """
    if os.environ.get("RESEARCH_NO_ZYGOTE"):
        yield None
        return
    remove_stale_folders()
    folder = tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-")  # the kernels' connection keys go here
    path = os.path.join(folder, "fork.sock")
    proc = subprocess.Popen(
        [sys.executable, "-m", "research.kernels.server", path, str(max(1, size)), str(max(1, total)),
         str(os.getpid())],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True,
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
            proc.wait()
        proc.stdout.close()
        shutil.rmtree(folder, ignore_errors=True)
