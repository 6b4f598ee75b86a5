"""Warm the zygote's caches before it forks: what every kernel would otherwise pay again on its first figure."""

from __future__ import annotations

import io


def warm_up() -> None:
    """Draw and save one small figure in each format (fonts found and loaded, glyph paths cached, text laid out).

    Nothing a notebook can see changes: no figure stays open, and matplotlib's settings are restored.
    """
    import matplotlib.pyplot as plt

    from research.nb.style import STYLE

    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(2, 1.5))
        ax.bar([0, 1], [1, 2], label="warm-up 0123456789")
        ax.set_title("Warm-up: abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        ax.set_xlabel("year (%), [n=1]")
        ax.legend()
        for fmt in ("svg", "png"):
            fig.savefig(io.BytesIO(), format=fmt, bbox_inches="tight")
        plt.close(fig)
