"""Timing helpers for the benchmarks: wall time, the load others put on the machine, and peak memory.

The machine is shared: before a measurement, :func:`wait_for_quiet` waits for the 1-minute load average to drop
below a limit; during it, :func:`timed` counts the CPU time the rest of the machine used (all CPU time in
``/proc/stat`` minus this process's and its children's), so that a result says how quiet the machine was.
:class:`PeakMemory` samples the resident memory of a process and all its descendants.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass

HZ = os.sysconf("SC_CLK_TCK")
CPUS = os.cpu_count() or 1


def wait_for_quiet(limit: float = 0.5, patience: float = 1800, say=print) -> float:
    """Wait (at most ``patience`` seconds) until the 1-minute load average is below ``limit``; return it."""
    deadline = time.monotonic() + patience
    load = os.getloadavg()[0]
    while load >= limit and time.monotonic() < deadline:
        say(f"  waiting for a quiet machine: 1-minute load {load:.2f} (limit {limit})")
        time.sleep(15)
        load = os.getloadavg()[0]
    return load


def _busy_seconds() -> float:
    with open("/proc/stat", encoding="ascii") as fh:
        fields = [int(v) for v in fh.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / HZ


def _own_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Timing:
    """One measurement: wall seconds, the load average before it, and the share of the machine others used."""

    seconds: float
    load_before: float
    others: float  # CPU seconds used by other processes / (wall seconds x CPUs)


def timed(action) -> tuple[Timing, object]:
    """Run ``action()`` and time it; return the :class:`Timing` and what it returned.

    Its processes must be waited for (subprocess, multiprocessing), so that their CPU time counts as ours.
    """
    load = os.getloadavg()[0]
    busy, own = _busy_seconds(), _own_seconds()
    start = time.perf_counter()
    result = action()
    wall = time.perf_counter() - start
    others = max(0.0, (_busy_seconds() - busy) - (_own_seconds() - own))
    return Timing(wall, load, others / (wall * CPUS)), result


def run(cmd: list[str], cwd=None, env=None) -> None:
    """Run a command, failing with its output if it fails."""
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd[:4]))} ... failed:\n{done.stdout[-3000:]}")


class PeakMemory:
    """The peak, over time, of the summed resident memory of process ``pid`` and all its descendants.

    ``rss`` counts a page shared by forked processes once per process (what each process reports as resident);
    ``pss`` divides shared pages among the processes sharing them (what they take from the machine).
    """

    def __init__(self, pid: int, interval: float = 0.25):
        self.pid, self.interval = pid, interval
        self.rss = self.pss = 0
        self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                root = psutil.Process(self.pid)
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            rss = pss = 0
            for proc in procs:
                try:
                    info = proc.memory_full_info()
                except (psutil.NoSuchProcess, psutil.AccessDenied):
                    continue
                rss, pss = rss + info.rss, pss + getattr(info, "pss", info.rss)
            if rss > self.rss:
                self.rss, self.processes = rss, len(procs)
            self.pss = max(self.pss, pss)
            self._stop.wait(self.interval)


def run_watched(cmd: list[str], cwd=None, env=None) -> PeakMemory:
    """Run a command while :class:`PeakMemory` watches it and everything it starts; return the watcher."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with PeakMemory(proc.pid) as peak:
        output, _ = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd[:4]))} ... failed:\n{output[-3000:]}")
    return peak
