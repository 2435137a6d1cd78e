"""Indented JSON without the indenting encoder: `json.dumps(obj, ensure_ascii=False, indent=n)`'s
text, each scalar written by the C encoder.

`json.dumps` with `indent` runs the pure-Python encoder: `datapackage.json` (one resource per
download, ~7,600 at 5,000 reports) took 0.35 s of every build that way. `indented` walks the
dicts and lists itself and gives the same text (tests/site/test_opendata_fast.py holds the two
equal); a value it does not know (a key that is not a string, another type) goes to
`json.dumps`. This module must not import MkDocs or touch the disk.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["indented"]

_scalar = json.JSONEncoder(ensure_ascii=False).encode
_SCALARS = frozenset({str, int, float, bool, type(None)})


class _Unknown(Exception):
    """A value the walk leaves to `json.dumps`."""


def indented(obj: Any, indent: int = 2) -> str:
    """`json.dumps(obj, ensure_ascii=False, indent=indent)`."""
    try:
        return _text(obj, "\n", " " * indent)
    except (_Unknown, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=indent)


def _text(obj: Any, newline: str, step: str) -> str:
    kind = type(obj)
    if kind in _SCALARS:
        return _scalar(obj)
    inner = newline + step
    if kind is dict:
        if not obj:
            return "{}"
        cells = []
        for key, value in obj.items():
            if type(key) is not str:
                raise _Unknown
            cells.append(_scalar(key) + ": " + _text(value, inner, step))
        return "{" + inner + ("," + inner).join(cells) + newline + "}"
    if kind is list or kind is tuple:
        if not obj:
            return "[]"
        items = [_text(value, inner, step) for value in obj]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    raise _Unknown
