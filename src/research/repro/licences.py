"""What may be bundled: a data folder holding rows whose source grants no licence is never shipped."""

from __future__ import annotations

import csv
from pathlib import Path

from research.errors import UnlicensedDataError

UNLICENSED = "none"  # the value of a table's `licence` column for a source that grants none


def check_licences(data_dir: Path) -> None:
    """Refuse a data folder whose tables hold rows flagged as from an unlicensed source (``licence`` = ``none``).

    Raises
    ------
    UnlicensedDataError
        Naming the file, the first such line and its source.
    """
    from research.data import contained

    tables, _ = contained.project_package(data_dir)
    for table in (tables or {}).values():
        if "licence" not in table.field_names:
            continue
        path, refused = contained.resource_file(data_dir, table)
        if refused is not None or not path.is_file():
            continue
        for line, row in enumerate(csv.DictReader(path.read_text(encoding="utf-8").splitlines()), start=2):
            if (row.get("licence") or "").strip() == UNLICENSED:
                raise UnlicensedDataError(
                    f"{path}:{line}: holds data of {row.get('source') or 'a source'} under no licence (column "
                    "licence is none): it may not be bundled; import it into a copy of the data folder instead")
