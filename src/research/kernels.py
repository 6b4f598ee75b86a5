"""Which Jupyter kernel the build runs notebooks in."""

from __future__ import annotations

import contextlib


def kernel_name() -> str:
    """Return the kernel spec name papermill should start (the interpreter running the build)."""
    return "python3"


@contextlib.contextmanager
def warm_pool(size: int):
    """Context in which notebook executions may reuse pre-started kernels (none yet: plain start-up)."""
    yield
