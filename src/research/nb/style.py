"""The one style and the one save of every figure, the paper's and the profiles': deterministic SVG (and PNG)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from research.nb.glue import record_figure

STYLE = {
    "svg.hashsalt": "cambodia-cyberlaw",
    "svg.fonttype": "path",
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "legend.frameon": False,
    "pdf.compression": 0,
}
PALETTE = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#30343f", "#b0b0b0"]
PAPER_FORMATS = ("svg", "png")  # the screen shows SVG; the printed report lays out the PNG several times faster
PROFILE_FORMATS = ("svg",)  # profile pages embed SVG only, so a profile draws each figure once
_METADATA = {"svg": {"Date": None, "Creator": None}, "png": {"Software": None}}  # no dates: identical bytes


def save(fig, label: str, output_dir, caption: str, alt: str, formats=PAPER_FORMATS):
    """Write ``fig`` as ``figures/<label>.<format>`` for each format, record it, and return it for display.

    Parameters
    ----------
    fig : matplotlib Figure
    label : str
        Content name, which is also the cross-reference label, e.g. ``fig-penalties``.
    output_dir : path-like
    caption, alt : str
        Caption and alternative text for the report.
    formats : tuple of str
        ``svg`` and/or ``png``.

    Returns
    -------
    IPython.display.SVG or None
        The figure for the notebook (``None`` outside IPython).
    """
    folder = Path(output_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    with plt.rc_context(STYLE):
        for fmt in formats:
            path = folder / f"{label}.{fmt}"
            fig.savefig(path, format=fmt, metadata=_METADATA[fmt], bbox_inches="tight")
            files[fmt] = f"figures/{path.name}"
    plt.close(fig)
    record_figure(label, caption, alt, files)
    try:
        from IPython.display import SVG
    except ImportError:
        return None
    return SVG(filename=str(folder / f"{label}.svg"))


def empty(ax, message: str) -> None:
    """Say on ``ax`` that there is nothing to draw, instead of axes with no data."""
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_axis_off()
