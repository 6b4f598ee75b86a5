"""Where profiles run: one runner interface, for a pool of local worker processes and for a Dask cluster."""

from __future__ import annotations

import multiprocessing
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Protocol

from research.errors import DaskUnavailableError

PLUGIN_NAME = "research-zygote"


class Runner(Protocol):
    """Runs profile tasks (:func:`research.sweep.worker.run_profile`) somewhere, one zygote per worker."""

    def start(self, tasks: list[dict]) -> None:
        """Queue every task; workers begin at once."""

    def results(self) -> Iterator[dict]:
        """Each task's result as soon as it finishes; a task whose worker died gives a failure result."""

    def close(self, cancel: bool = False) -> None:
        """Stop the workers and their zygotes; ``cancel`` drops the tasks not yet started."""


class _Closing:
    """A runner is a context manager: leaving the block closes it, cancelling what is queued on an error."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        self.close(cancel=kind is not None)


def failure(task: dict, exc: BaseException):
    """The result of a task whose worker raised or died instead of returning (the country fails alone)."""
    from research.sweep.worker import ProfileResult

    return ProfileResult(task["iso3"], False, error=f"worker: {type(exc).__name__}: {exc}")


def _init_worker() -> None:
    """In each worker: leave Ctrl-C to the parent (which stops queuing work), then boot this worker's zygote."""
    import signal

    from research.sweep.worker import start_zygote

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    start_zygote(1)


class LocalRunner(_Closing):
    """``jobs`` worker processes (spawned, so nothing of the caller's state is inherited) running profiles.

    Each worker starts its zygote as it starts (:func:`research.sweep.worker.start_zygote`), so the pool boots
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
        from research.sweep.worker import run_profile

        self.futures.update({self.pool.submit(run_profile, task): task for task in tasks})

    def results(self) -> Iterator[dict]:
        """Each task's result as soon as it finishes, in completion order."""
        for future in as_completed(self.futures):
            task = self.futures[future]
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001  (BrokenProcessPool and the like: the country fails alone)
                yield failure(task, exc)

    def close(self, cancel: bool = False) -> None:
        """Shut the pool down (and with it every worker's zygote); ``cancel`` drops tasks not yet started."""
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)


def zygote_plugin():
    """A worker plugin that boots the worker's zygote when it joins and stops it when the plugin or worker goes.

    The zygote keeps as many kernels ready as the worker runs tasks at once (its threads).
    """
    from distributed import WorkerPlugin

    class ZygotePlugin(WorkerPlugin):
        """Boot the worker's zygote when the worker joins; stop it when the plugin or the worker goes."""

        idempotent = False

        def setup(self, worker):
            """Start the zygote, one kernel ready per worker thread."""
            from research.sweep.worker import start_zygote

            start_zygote(getattr(worker.state, "nthreads", 1))

        def teardown(self, worker):
            """Stop the zygote and its kernels."""
            from research.sweep.worker import stop_zygote

            stop_zygote()

    return ZygotePlugin()


class DaskRunner(_Closing):
    """The same tasks as :class:`LocalRunner`, submitted to a Dask scheduler.

    Workers must see the data and references at the paths given (a shared or identical file system); the
    notebook travels with each task and every output comes back as bytes, so outputs need no shared folder.
    """

    def __init__(self, address: str, timeout: float = 30):
        try:
            from distributed import Client
        except ImportError:
            raise DaskUnavailableError(
                "--scheduler needs dask.distributed: pip install '.[dask]' (or 'dask[distributed]')"
            ) from None
        try:
            self.client = Client(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise DaskUnavailableError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        self.client.register_plugin(zygote_plugin(), name=PLUGIN_NAME)
        self.futures = {}

    def start(self, tasks: list[dict]) -> None:
        """Submit every task (each a separate, impure Dask task)."""
        from research.sweep.worker import run_profile

        run = uuid.uuid4().hex[:8]
        for task in tasks:
            future = self.client.submit(run_profile, task, key=f"profile-{task['iso3']}-{run}", pure=False)
            self.futures[future] = task

    def results(self) -> Iterator[dict]:
        """Each task's result as soon as it finishes; a task whose worker died fails alone."""
        from distributed import as_completed

        for future in as_completed(list(self.futures), loop=self.client.loop):
            task = self.futures.pop(future)
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001  (KilledWorker, lost connection: the country fails alone)
                yield failure(task, exc)
            finally:
                future.release()

    def close(self, cancel: bool = False) -> None:
        """Cancel what is left if asked, stop the workers' zygotes, and disconnect."""
        try:
            if cancel and self.futures:
                self.client.cancel(list(self.futures))
            self.client.unregister_worker_plugin(PLUGIN_NAME)
        finally:
            self.client.close()
