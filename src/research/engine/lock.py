"""An exclusive lock on an output folder (filelock), so two builds never write to it at once."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from research.errors import BuildError


class OutputLock:
    """Hold ``<output_dir>/.lock`` for the block, or stop at once with :class:`BuildError` if another holds it."""

    def __init__(self, output_dir: Path):
        self.path = Path(output_dir) / ".lock"
        self._lock = FileLock(self.path, timeout=0)

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._lock.acquire()
        except Timeout:
            raise BuildError(
                f"a build or a sweep is writing to {self.path.parent} (it holds {self.path}); wait for it to finish "
                "or use another --output-dir"
            ) from None
        return self

    def __exit__(self, *exc):
        self._lock.release()
