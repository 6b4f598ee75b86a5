"""Run country profiles on a Dask distributed cluster (``pip install .[dask]``): one zygote per worker."""

from __future__ import annotations

import uuid
from typing import Iterator

from research.errors import ResearchError
from research.local_backend import failure

PLUGIN_NAME = "research-zygote"


class DaskUnavailableError(ResearchError):
    """Raised when ``--scheduler`` is given but dask.distributed is not installed or the scheduler is unreachable."""


def zygote_plugin():
    """A worker plugin that boots the worker's zygote when it joins and stops it when the plugin or worker goes.

    The zygote keeps as many kernels ready as the worker runs tasks at once (its threads).
    """
    from distributed import WorkerPlugin

    class ZygotePlugin(WorkerPlugin):
        idempotent = False

        def setup(self, worker):
            from research.sweep_worker import start_zygote

            start_zygote(getattr(worker.state, "nthreads", 1))

        def teardown(self, worker):
            from research.sweep_worker import stop_zygote

            stop_zygote()

    return ZygotePlugin()


class DaskRunner:
    """The same tasks as :class:`research.local_backend.LocalRunner`, submitted to a Dask scheduler.

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
        from research.sweep_worker import run_profile

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
            except Exception as exc:  # KilledWorker, lost connection, ...
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

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        self.close(cancel=kind is not None)
