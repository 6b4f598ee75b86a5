"""Progress of a sweep: a tqdm bar on a terminal, one plain line per item otherwise."""

from __future__ import annotations

import sys

from tqdm import tqdm

STATUSES = ("ran", "cached", "failed")


def counts_text(counts: dict[str, int]) -> str:
    """``95 ran, 0 cached, 2 failed`` (missing statuses count as 0)."""
    return ", ".join(f"{counts.get(s, 0)} {s}" for s in STATUSES)


def item_line(status: str, name: str, detail: str = "") -> str:
    """The line that reports one item: ``  STATUS   NAME  DETAIL``."""
    return f"  {status:<8} {name}{('  ' + detail) if detail else ''}"


class Progress:
    """Report each finished item: on a TTY a bar whose postfix counts ran, cached and failed (failures also get
    a line that stays); elsewhere a plain line per item, ``ran`` shown as ``done``."""

    def __init__(self, total: int, stream=None, tty: bool | None = None):
        self.stream = stream if stream is not None else sys.stdout
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)()) if tty is None else tty
        self.counts = dict.fromkeys(STATUSES, 0)
        self.bar = tqdm(total=total, file=self.stream, unit="profile", ncols=100, leave=True) if self.tty else None

    @property
    def done(self) -> int:
        """Items finished so far, whatever their status."""
        return sum(self.counts.values())

    def update(self, status: str, name: str, detail: str = "") -> None:
        """Count one finished item (``ran``, ``cached`` or ``failed``) and show it."""
        self.counts[status] += 1
        if self.bar is None:
            self.stream.write(item_line({"ran": "done"}.get(status, status), name, detail) + "\n")
            self.stream.flush()
            return
        if status == "failed":
            self.bar.write(item_line(status, name, detail), file=self.stream)
        self.bar.set_postfix_str(f"{counts_text(self.counts)}  {name}", refresh=False)
        self.bar.update(1)

    def finish(self) -> None:
        """End the bar (on a TTY)."""
        if self.bar is not None:
            self.bar.close()
