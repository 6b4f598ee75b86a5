"""Kernels from the zygote: start it for a block of work, and run one notebook in a fresh fork of it."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

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


def run(notebook, executed, parameters: dict, save_each_cell: bool = False, share_inputs: bool = False) -> dict | None:
    """Execute ``notebook`` into ``executed`` in a fresh kernel forked by the zygote; ``None`` without a zygote.

    Parameters
    ----------
    notebook, executed : path-like
        The source notebook and where papermill writes the executed copy.
    parameters : dict
        Values papermill injects (JSON types).
    save_each_cell : bool
        Have papermill write the executed copy after every cell, not only at the end.
    share_inputs : bool
        Ask the zygote to validate the notebook's data once and hand them to this and every later kernel
        (:func:`research.kernels.held.hold_for`): for a notebook run many times on the same data.

    Returns
    -------
    dict or None
        ``ok``; on failure ``exception`` and, where known, ``cell_index`` and ``source`` of the cell it failed
        in (a kernel that died says so, with the cell it was running). ``None`` when there is no zygote or it
        does not answer: the caller then starts a kernel the ordinary way.
    """
    path = _zygote_socket()
    if path is None:
        return None
    request = {"notebook": str(notebook), "executed": str(executed), "parameters": parameters,
               "save_each_cell": save_each_cell, "share_inputs": share_inputs}
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(path)
        sock.sendall(json.dumps(request).encode() + b"\n")
        lines = sock.makefile("r", encoding="utf-8")
        pid = json.loads(lines.readline())["pid"]
    except (OSError, ValueError, KeyError):  # the zygote is gone, or forked nothing
        sock.close()
        return None
    cell = {}
    try:
        for line in lines:
            reply = json.loads(line)
            if "cell" not in reply:
                return reply
            cell = {"cell_index": reply["cell"], "source": reply["source"]}
        return {"ok": False, **cell, "exception": f"the kernel (process {pid}) exited before the notebook finished"}
    except (OSError, ValueError) as exc:
        return {"ok": False, **cell, "exception": f"lost the kernel (process {pid}): {type(exc).__name__}: {exc}"}
    finally:
        sock.close()


@contextlib.contextmanager
def warm_pool(size: int = 2, total: int | None = None):
    """Run a zygote for the duration of the block; notebooks executed meanwhile run in kernels it forks.

    Parameters
    ----------
    size, total : int
        Kept for callers that say how many kernels they run at once and in all; the zygote forks each kernel
        when asked (a fork costs milliseconds), so neither is needed.

    Yields
    ------
    str or None
        The zygote's socket; ``None`` when ``RESEARCH_NO_ZYGOTE`` is set (kernels start the ordinary way, as
        they also do if the zygote fails to start).
    """
    if os.environ.get("RESEARCH_NO_ZYGOTE"):
        yield None
        return
    if _STATE["process"] is not None and _STATE["process"].poll() is None:
        yield _STATE["socket"]  # a block around this one (the live preview's session) keeps its zygote warm
        return
    remove_stale_folders()
    folder = tempfile.mkdtemp(prefix=f"{FOLDER_PREFIX}{os.getpid()}-")  # the kernels' connection keys go here
    path = os.path.join(folder, "fork.sock")
    proc = subprocess.Popen(
        [sys.executable, "-m", "research.kernels.server", path, str(os.getpid())],
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
