"""What describes one field of a record file: `FieldSpec`, and `Column` for its open-data column.

The fields themselves are listed in `schema.py`. This module must not read files.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """How a field is published as an open-data column (`site/opendata_columns.py`)."""

    title: str
    """Short Chinese column title (the CSV header's `title` in `datapackage.json`)."""
    doc: str = ""
    """Chinese description for the download; the editor's `doc` is about writing the field."""
    filled: bool = False
    """Always has a value once loaded (a default fills it), so the column is required."""
    joined: str = ";"
    """How a list (`ids`, `texts`) is joined into one cell."""
    enum: bool = True
    """Publish the choices as the column's enum (not for `sector`: `sectors.yml` adds some)."""

    def type_of(self, kind: str) -> str:
        """The Table Schema type of a field of this kind."""
        return "integer" if kind == "year" else "string"


@dataclass(frozen=True)
class FieldSpec:
    """One field of a record file."""

    name: str
    kind: str
    """`text`, `id`, `ids`, `choice`, `date`, `url`, `source` (a URL or `pages/<file>`),
    `texts`, `mapping`, `figures`, `year`."""
    required: bool = False
    choices: tuple[str, ...] = ()
    doc: str = ""
    """Chinese description for the editor's guide and editor tooltips."""
    example: str = ""
    column: Column | None = None
    """The open-data column; None: not published (listed in `site/opendata_columns.py`)."""
