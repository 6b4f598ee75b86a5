"""Where profiles run: one runner interface, for this process (kernels from its zygote) and for a Dask cluster."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Protocol

from research.errors import DaskUnavailableError

PLUGIN_NAME = "research-zygote"


class Runner(Protocol):
    """Runs profile tasks (:func:`research.sweep.worker.run_profile`) somewhere, one zygote per process."""

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


class LocalRunner(_Closing):
    """Profiles run ``jobs`` at a time by this process, each in a fresh kernel forked by this process's zygote.

    The zygote starts with the runner (:func:`research.sweep.worker.start_zygote`), so it imports while the
    caller validates the data, and stops when the runner closes, taking any kernel still running with it. A
    thread per job waits for its kernel and renders the profile's page. On Ctrl-C the caller cancels what is
    queued and nothing more is published.
    """

    def __init__(self, jobs: int):
        from research.sweep.worker import start_zygote

        self.jobs = max(1, jobs)
        start_zygote()
        self.pool = ThreadPoolExecutor(max_workers=self.jobs, thread_name_prefix="profile")
        self.futures = {}

    def start(self, tasks: list[dict]) -> None:
        """Queue every task; the first ones begin at once."""
        from research.sweep.worker import run_profile

        self.futures.update({self.pool.submit(run_profile, task): task for task in tasks})

    def results(self) -> Iterator[dict]:
        """Each task's result as soon as it finishes, in completion order."""
        for future in as_completed(self.futures):
            task = self.futures[future]
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001  (a profile that raised: the country fails alone)
                yield failure(task, exc)

    def close(self, cancel: bool = False) -> None:
        """Stop the zygote (and any kernel still running) after the tasks, or at once with ``cancel``."""
        from research.sweep.worker import stop_zygote

        if cancel:
            self.pool.shutdown(wait=False, cancel_futures=True)
            stop_zygote()
        self.pool.shutdown(wait=True)
        stop_zygote()


def zygote_plugin():
    """A worker plugin that boots the worker's zygote when it joins and stops it when the plugin or worker goes.

    """
    from distributed import WorkerPlugin

    class ZygotePlugin(WorkerPlugin):
        """Boot the worker's zygote when the worker joins; stop it when the plugin or the worker goes."""

        idempotent = False

        def setup(self, worker):
            """Start the worker's zygote (each of the worker's threads takes kernels from it)."""
            from research.sweep.worker import start_zygote

            start_zygote()

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
