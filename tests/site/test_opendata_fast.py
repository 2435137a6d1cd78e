"""The open data's fast paths (rows shared between views, CSV lines written once, JSON without
the indenting encoder) give the bytes of the plain way, for every download."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from test_opendata import FILES, trees  # noqa: F401 - the module's content, as a fixture

from generator.content.model import Content
from generator.site import opendata_views
from generator.site.opendata import Table, core_tables
from generator.site.opendata_columns import Field
from generator.site.opendata_files import _cell, _json_value, to_csv, to_json, views


def plain_csv(table: Table) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    names = [f.name for f in table.fields]
    writer.writerow(names)
    for row in table.rows:
        writer.writerow([_cell(row.get(n)) for n in names])
    return buf.getvalue().encode("utf-8-sig")


def plain_json(table: Table) -> bytes:
    names = [f.name for f in table.fields]
    rows = [{n: _json_value(row.get(n)) for n in names} for row in table.rows]
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


TRICKY = [
    {"a": "=HYPERLINK(1)", "b": 'say "hi",\nthen\r\n', "c": Decimal("3980.500")},
    {"a": None, "b": True, "c": Decimal("-0")},
    {"a": "－1", "b": False, "c": 1.5e-7},
    {"a": "云南\u2028省\\", "b": 0, "c": Decimal("1E+3")},
    {"a": "\t@x", "b": float("inf"), "c": 10**30},
]


def tricky(rows: list[dict[str, object]]) -> Table:
    fields = tuple(Field(n, "string", n) for n in "abc")
    return Table("t", "t", "", fields, ("a",), rows)


@pytest.mark.parametrize("rows", [TRICKY, [], [{}], TRICKY[:1]])
def test_tricky_values_as_plain(rows: list[dict[str, object]]) -> None:
    table = tricky(rows)
    assert to_json(table) == plain_json(table)
    assert to_csv(table) == plain_csv(table)
    lines: dict = {}
    assert to_csv(table, lines) == plain_csv(table)
    assert to_csv(table, lines) == plain_csv(table)  # every line from the memo


def test_nested_value_falls_back_to_the_indenting_encoder() -> None:
    table = tricky([{"a": ["x", 1], "b": {"k": None}, "c": 2}])
    assert to_json(table) == plain_json(table)


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_download_as_plain(trees: dict[str, Content], audience: str) -> None:  # noqa: F811
    content = trees[audience]
    for table in core_tables(content):
        assert to_json(table) == plain_json(table)
        assert to_csv(table) == plain_csv(table)
    lines: dict = {}
    page_views = views(content)
    assert page_views
    shared = sum(len(v.rows) for v in page_views)
    for view in page_views:
        assert to_csv(view, lines) == plain_csv(view)
    assert len(lines) < shared, "a figure in several views is written once"


def test_memo_follows_the_content(trees: dict[str, Content]) -> None:  # noqa: F811
    """Views of another content never take the last content's rows."""
    public, internal = trees["public"], trees["internal"]
    first = [v.rows for v in views(internal)]
    views(public)
    again = [v.rows for v in views(internal)]
    assert first == again
    assert opendata_views._shared(internal).content is internal
