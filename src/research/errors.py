"""The project's exceptions: one root, and a subclass per kind of failure a user can act on."""

from __future__ import annotations


class ResearchError(Exception):
    """Root of every error this package raises on purpose."""


class DataValidationError(ResearchError):
    """Raised when input data break the schema or a cross-check; lists every problem found."""

    def __init__(self, problems, cap: int = 50):
        self.problems = list(problems)
        shown = [str(p) for p in self.problems[:cap]]
        more = len(self.problems) - len(shown)
        lines = [f"{len(self.problems)} problem(s) in the data:"] + [f"  {s}" for s in shown]
        if more > 0:
            lines.append(f"  ... and {more} more problem(s) not shown")
        super().__init__("\n".join(lines))


class BibliographyError(ResearchError):
    """Raised when references.bib cannot be read or holds duplicate or malformed entries; ``problems`` lists them."""

    def __init__(self, message: str, problems=()):
        self.problems = list(problems)
        super().__init__(message)


class IncidentImportError(ResearchError):
    """Raised when an external incident table cannot be imported: a file unreadable or not of the source's tables."""


class LawImportError(ResearchError):
    """Raised when a law tracker cannot be imported: a file unreadable, not of the tracker's format, or holding a
    formula cell or an unknown release."""


class UnlicensedDataError(ResearchError):
    """Raised when a data folder to be bundled holds rows of a source that grants no licence."""


class ParameterError(ResearchError):
    """Raised when a build parameter is unknown, of the wrong type, or points outside the project rules."""


class UnknownCountryError(ParameterError):
    """Raised when a country code is malformed or names no row of countries.csv."""


class BuildError(ResearchError):
    """Raised when the build cannot complete (a notebook failed, the output is locked, ...)."""


class NotebookExecutionError(BuildError):
    """Raised when a notebook fails while executing; names the notebook, cell and exception."""

    def __init__(self, notebook: str, cell_index: int | None, cell_source: str, exception: str, saved_to: str):
        self.notebook = notebook
        self.cell_index = cell_index
        self.cell_source = cell_source
        self.exception = exception
        self.saved_to = saved_to
        head = "\n".join(cell_source.splitlines()[:3])
        where = f"cell {cell_index}" if cell_index is not None else "start-up"
        super().__init__(
            f"{notebook} failed in {where}:\n"
            + "".join(f"    | {line}\n" for line in head.splitlines())
            + f"  {exception}\n  partly executed notebook kept at {saved_to}"
        )


class FigureError(ResearchError):
    """Raised when a figure is recorded without alt text, or with alt text that names no number from its data."""


class ReportError(ResearchError):
    """Raised when the report cannot be assembled: unknown citation key, label or value name."""


class DaskUnavailableError(ResearchError):
    """Raised when ``--scheduler`` is given but dask.distributed is not installed or the scheduler is unreachable."""


class UnreadableFileError(ResearchError):
    """Raised when a file the tools wrote or a reviewer gave (manifest, cache entry, notebook) cannot be read as such."""
