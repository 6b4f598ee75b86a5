"""Progress of a sweep: one updating line on a terminal, one plain line per item otherwise."""

from __future__ import annotations

import sys
import time

STATUSES = ("ran", "cached", "failed")


def bar_line(done: int, total: int, counts: dict[str, int], current: str = "", width: int = 24,
             elapsed: float | None = None) -> str:
    """The terminal progress line, e.g. ``[######------] 97/194  95 ran, 0 cached, 2 failed  41s  KHM``.

    Parameters
    ----------
    done, total : int
        Items finished (ran, cached or failed) and items in all.
    counts : dict
        ``ran``, ``cached`` and ``failed`` so far (missing keys count as 0).
    current : str
        Name of the item that just finished.
    width : int
        Characters in the bar.
    elapsed : float, optional
        Seconds since the start, shown when given.
    """
    filled = width if total == 0 else min(width, round(width * done / total))
    parts = ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)
    clock = f"  {elapsed:.0f}s" if elapsed is not None else ""
    return f"[{'#' * filled}{'-' * (width - filled)}] {done}/{total}  {parts}{clock}  {current}".rstrip()


class Progress:
    """Report each finished item; on a TTY redraw one line, elsewhere print ``  STATUS   NAME  DETAIL`` lines."""

    def __init__(self, total: int, stream=None, tty: bool | None = None):
        self.total = total
        self.stream = stream if stream is not None else sys.stdout
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)()) if tty is None else tty
        self.counts = dict.fromkeys(STATUSES, 0)
        self.started = time.monotonic()

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    def note(self, status: str, name: str, detail: str = "") -> None:
        """Print a line that stays (a failure on a TTY, every item elsewhere)."""
        line = f"  {status:<8} {name}{('  ' + detail) if detail else ''}"
        if self.tty:
            self.stream.write("\r\x1b[K" + line + "\n")
            self._draw(name)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def update(self, status: str, name: str, detail: str = "") -> None:
        """Count one finished item (``ran``, ``cached`` or ``failed``) and show it."""
        self.counts[status] += 1
        if self.tty:
            if status == "failed":
                self.note("failed", name, detail)
            else:
                self._draw(name)
        else:
            self.note({"ran": "done"}.get(status, status), name, detail)

    def begin(self) -> None:
        """Show the bar before the first item finishes (on a TTY; elsewhere nothing)."""
        if self.tty:
            self._draw("")

    def _draw(self, name: str) -> None:
        elapsed = time.monotonic() - self.started
        self.stream.write("\r\x1b[K" + bar_line(self.done, self.total, self.counts, name, elapsed=elapsed))
        self.stream.flush()

    def finish(self) -> None:
        """End the updating line (on a TTY)."""
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
