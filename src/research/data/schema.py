"""Read the Frictionless Data Package that is the single definition of every table's schema."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from research.data.descriptor import read_descriptor
from research.data.problems import Problem
from research.errors import DataValidationError


@dataclass(frozen=True)
class Field:
    """One column of a table, as the Table Schema describes it."""

    name: str
    type: str
    required: bool = False
    unique: bool = False
    enum: tuple | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    true_values: tuple = ("true",)
    false_values: tuple = ("false",)
    list_delimiter: str | None = None
    item_enum: tuple | None = None
    item_reference: tuple | None = None
    description: str = ""
    citekey: bool = False  # its values (each item, for a list) are references.bib keys


@dataclass(frozen=True)
class Table:
    """One resource of the package: a CSV file and its schema."""

    name: str
    path: str
    fields: tuple
    primary_key: tuple
    foreign_keys: tuple
    description: str = ""
    rules: dict = field(default_factory=dict)

    @property
    def field_names(self) -> list[str]:
        """The column names, in the schema's order."""
        return [f.name for f in self.fields]

    def get(self, name: str) -> Field:
        """The field called ``name``."""
        return next(f for f in self.fields if f.name == name)


def _field(desc: dict, shared: dict | None = None) -> Field:
    cons = desc.get("constraints", {})
    # A field marked "x-identifier" or "x-citekey" takes the one pattern the package states for all such fields.
    shared_pattern = next((shared[k] for k in ("x-identifier", "x-citekey") if desc.get(k) and k in (shared or {})), None)
    listing = desc.get("x-list") or {}
    if shared_pattern and listing.get("delimiter"):
        shared_pattern = f"(?:{shared_pattern})(?:{re.escape(listing['delimiter'])}(?:{shared_pattern}))*"
    return Field(
        name=desc["name"],
        type=desc.get("type", "string"),
        required=bool(cons.get("required", False)),
        unique=bool(cons.get("unique", False)),
        enum=tuple(cons["enum"]) if "enum" in cons else None,
        pattern=shared_pattern or cons.get("pattern"),
        minimum=cons.get("minimum"),
        maximum=cons.get("maximum"),
        true_values=tuple(desc.get("trueValues", ["true"])),
        false_values=tuple(desc.get("falseValues", ["false"])),
        list_delimiter=listing.get("delimiter"),
        item_enum=tuple(listing["itemEnum"]) if "itemEnum" in listing else None,
        item_reference=(listing["itemReference"]["resource"], listing["itemReference"]["field"])
        if "itemReference" in listing
        else None,
        description=desc.get("description", ""),
        citekey=bool(desc.get("x-citekey")),
    )


def read_package(path: Path) -> dict[str, Table]:
    """Read ``datapackage.json`` into :class:`Table` objects keyed by resource name.

    Parameters
    ----------
    path : Path
        The descriptor file.

    Returns
    -------
    dict of str to Table
        Tables in the order the package lists them.

    Raises
    ------
    DataValidationError
        If the descriptor is missing or is not valid JSON of the expected shape.
    """
    path = Path(path)
    descriptor = read_descriptor(path)
    tables = {}
    try:
        shared = {k: descriptor[k]["pattern"] for k in ("x-identifier", "x-citekey") if k in descriptor}
        for res in descriptor["resources"]:
            schema = res["schema"]
            pk = schema.get("primaryKey") or []
            pk = [pk] if isinstance(pk, str) else list(pk)
            fks = []
            for fk in schema.get("foreignKeys", []):
                fields = fk["fields"]
                ref = fk["reference"]
                fks.append((fields, ref["resource"], ref["fields"]))
            tables[res["name"]] = Table(
                name=res["name"],
                path=res["path"],
                fields=tuple(_field(f, shared) for f in schema["fields"]),
                primary_key=tuple(pk),
                foreign_keys=tuple(fks),
                description=res.get("description", ""),
                rules=schema.get("x-rules", {}),
            )
    except KeyError as exc:
        raise DataValidationError(
            [Problem(path.name, None, None, None, f"is not a valid data package descriptor (missing {exc})")]
        ) from None
    except (TypeError, AttributeError, ValueError) as exc:
        raise DataValidationError(
            [Problem(path.name, None, None, None, f"is not a valid data package descriptor (unexpected shape: {exc})")]
        ) from None
    problems = []
    for table in tables.values():
        for f in table.fields:
            where = f"resource {table.name}, field {f.name}"
            if f.pattern is not None:
                try:
                    re.compile(f.pattern)  # its own error first: the wrapped form's would be confusing
                    re.compile(f"(?:{f.pattern})\\Z")
                except (re.error, TypeError) as exc:
                    problems.append(
                        Problem(path.name, None, None, str(f.pattern), f"is not a valid pattern ({where}: {exc})")
                    )
    if problems:
        raise DataValidationError(problems)
    return tables

