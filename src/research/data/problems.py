"""A single validation problem, formatted as file:line: column: value rule."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file.

    ``line`` is the 1-based physical line in the file (the header is line 1); ``None`` when the problem concerns the
    whole file. ``column`` is the column name, ``value`` the offending cell as read.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.column:
            parts.append(self.column)
        text = ": ".join(parts) + ": "
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            text += f'"{shown}" '
        return text + self.rule
