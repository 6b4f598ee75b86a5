"""Run country profiles in a pool of local worker processes, each with its own pre-warmed kernel zygote."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Iterator


def failure(task: dict, exc: BaseException) -> dict:
    """The result of a task whose worker raised or died instead of returning (the country fails alone)."""
    return {"iso3": task["iso3"], "ok": False, "error": f"worker: {type(exc).__name__}: {exc}", "files": {},
            "elapsed": 0.0, "worker": None}


def _init_worker() -> None:
    """In each worker: leave Ctrl-C to the parent (which stops queuing work), then boot this worker's zygote."""
    import signal

    from research.sweep_worker import start_zygote

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    start_zygote(1)


class LocalRunner:
    """``jobs`` worker processes (spawned, so nothing of the caller's state is inherited) running profiles.

    Each worker starts its zygote as it starts (:func:`research.sweep_worker.start_zygote`), so the pool boots
    while the caller validates the data, and stops it when the pool shuts down. On Ctrl-C the caller cancels
    what is queued; each worker finishes the profile in hand (nothing of it is published) and exits.
    """

    def __init__(self, jobs: int):
        self.jobs = max(1, jobs)
        self.pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker)
        self.futures = {}

    def start(self, tasks: list[dict]) -> None:
        """Queue every task; workers begin at once."""
        from research.sweep_worker import run_profile

        self.futures.update({self.pool.submit(run_profile, task): task for task in tasks})

    def results(self) -> Iterator[dict]:
        """Each task's result as soon as it finishes, in completion order."""
        for future in as_completed(self.futures):
            task = self.futures[future]
            try:
                yield future.result()
            except Exception as exc:  # BrokenProcessPool and the like
                yield failure(task, exc)

    def close(self, cancel: bool = False) -> None:
        """Shut the pool down (and with it every worker's zygote); ``cancel`` drops tasks not yet started."""
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        self.close(cancel=kind is not None)
