"""The open data's fast paths (each figure's rows written once and kept between builds,
JSON without the indenting encoder) give the bytes of the plain way, for every download,
after every kind of edit."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from helpers import make_tree
from test_opendata import FILES, trees  # noqa: F401 - the module's content, as a fixture

from generator.content.audience import select_audience
from generator.content.model import Content
from generator.content.validate import load_content
from generator.site import aggregate as agg
from generator.site import opendata_files as opendata_files_module
from generator.site import opendata_views
from generator.site.aggregate import Part
from generator.site.opendata import Table, core_tables
from generator.site.opendata_columns import Field
from generator.site.opendata_files import (
    _cell,
    _json_value,
    datapackage,
    opendata_files,
    to_csv,
    to_json,
    views,
)
from generator.site.opendata_rows import RowCache, view_csv, view_csv_plain


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


def test_nested_value_falls_back_to_the_indenting_encoder() -> None:
    table = tricky([{"a": ["x", 1], "b": {"k": None}, "c": 2}])
    assert to_json(table) == plain_json(table)


def plain_files(content: Content, **options: Any) -> dict[str, bytes]:
    """Every download the plain way: each table's rows made, then written (as before figures'
    rows were written once and kept between builds)."""
    homepage = options.get("homepage", "")
    link = (lambda r: homepage.rstrip("/") + "/" + r.url.lstrip("/")) if homepage else None
    tables = core_tables(content, link)
    page_views = views(content)
    files = {}
    for t in tables:
        files[f"data/{t.name}.csv"] = plain_csv(t)
        files[f"data/{t.name}.json"] = plain_json(t)
    for v in page_views:
        assert v.rows or not v.parts
        files[f"data/{v.name}.csv"] = plain_csv(v)
    produced = opendata_files(content, title="t", **options)
    files["data/view-schema.json"] = produced["data/view-schema.json"]
    package = datapackage(
        tables,
        page_views,
        title="t",
        description="",
        licence="CC-BY-4.0",
        publisher="",
        homepage=homepage,
    )
    files["data/datapackage.json"] = plain_dump(package)
    return dict(sorted(files.items()))


def plain_dump(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_each_view_in_rank_order_as_sorted(trees: dict[str, Content], audience: str) -> None:  # noqa: F811
    """A view's lines placed by rank are its parts sorted the plain way, view by view (and a
    part the index does not hold takes the plain way)."""
    content = trees[audience]
    counted = opendata_views.counted(content)
    fast, plain = RowCache(), RowCache()
    with opendata_views.parts_only():
        page_views = views(content)
    assert any(len(v.parts) > 1 for v in page_views)
    for v in page_views:
        assert view_csv(fast, content, v.parts, counted) == view_csv_plain(
            plain, content, v.parts, counted
        )
    stranger = [Part(p.report, p.figure) for p in reversed(agg.all_parts(content))]
    assert view_csv(fast, content, stranger, counted) == view_csv_plain(
        plain, content, stranger, counted
    )


@pytest.mark.parametrize("audience", ["public", "internal"])
def test_every_download_as_plain(trees: dict[str, Content], audience: str) -> None:  # noqa: F811
    content = trees[audience]
    plain = plain_files(content, homepage="https://example.org/x/")
    cold = RowCache()
    assert opendata_files(content, title="t", homepage="https://example.org/x/", rows=cold) == plain
    assert cold.written_now == len(cold.used) > 0
    warm = RowCache(cold.used)
    assert opendata_files(content, title="t", homepage="https://example.org/x/", rows=warm) == plain
    assert warm.written_now == 0, "every row from the last build"
    # The module's own plain way (what whole-site tests build clean sites with) is this one.
    with plain_way():
        assert opendata_files(content, title="t", homepage="https://example.org/x/") == plain


@contextmanager
def plain_way() -> Iterator[None]:
    opendata_files_module.FAST = False
    try:
        yield
    finally:
        opendata_files_module.FAST = True


EDITS = {
    "figure": ("reports/2009/hosp.md", "road: 3.98公里", "road: 3.99公里"),
    "approx": ("reports/2008/hosp.md", "money: 70余万元", "money: 70万元"),
    "basis": ("reports/2010/hosp.md", "phd: 4人", "phd: 累计4人"),
    "added": ("reports/2010/hosp.md", "phd: 4人\n", "phd: 4人\n  money: 5元\n"),
    "indicator unit": (
        "indicators.yml",
        "road: {name: 道路硬化, unit: 米}",
        "road: {name: 道路硬化, unit: 公里}",
    ),
    "indicator name": ("indicators.yml", "name: 资金", "name: 援助资金"),
    "aggregate": (
        "indicators.yml",
        "phd: {name: 攻读博士, unit: 人}",
        "phd: {name: 攻读博士, unit: 人, aggregate: max}",
    ),
    "pairing": ("pairings/hosp.yml", "sector: health", "sector: education"),
    "title": ("pairings/hosp.yml", "modes:", "title: 新名称\nmodes:"),
    "internal": ("reports/2008/hosp.md", "---\nfigures", "---\nvisibility: internal\nfigures"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_rows_kept_from_the_last_build_never_stale(
    tmp_path: Path,
    trees: dict[str, Content],  # noqa: F811
    edit: str,
) -> None:
    """Rows kept from a build before an edit: the downloads after it as the plain way's."""
    path, old, new = EDITS[edit]
    files = dict(FILES)
    text = files[path]
    assert isinstance(text, str) and old in text
    files[path] = text.replace(old, new)
    loaded, problems = load_content(make_tree(tmp_path, files))
    assert [p for p in problems if p.severity == "error"] == []
    for audience in ("public", "internal"):
        before = RowCache()
        opendata_files(trees[audience], title="t", rows=before)
        content = select_audience(loaded, audience)
        kept = RowCache(before.used)
        assert opendata_files(content, title="t", rows=kept) == plain_files(content)


def test_memo_follows_the_content(trees: dict[str, Content]) -> None:  # noqa: F811
    """Views of another content never take the last content's rows."""
    public, internal = trees["public"], trees["internal"]
    first = [v.rows for v in views(internal)]
    views(public)
    again = [v.rows for v in views(internal)]
    assert first == again
    assert opendata_views._shared(internal).content is internal
