"""Open data: the audience's content as tables, the rows every download is written from.

`core_tables` gives indicators, units, pairings, parties, reports and figures;
their columns come from `opendata_columns` (a record field's from the schema).
`opendata_views` gives the figures each page shows. Rows hold typed values (str,
int, Decimal, bool, None); `opendata_files` turns them into CSV/JSON and the data
package.

This module must not import MkDocs or read files, and must never emit a
`contact` field: downloads carry only what the pages may show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.content.display import format_quantity
from generator.content.model import UNIT_KINDS, Content, Report
from generator.site import opendata_columns as col
from generator.site.opendata_columns import Field

Row = dict[str, Any]
LinkOf = Callable[[Report], str]


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """One download: its rows and what describes them in `datapackage.json`."""

    name: str
    """Resource name and file stem, e.g. `figures` or `years/2011`."""
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    rows: list[Row]
    foreign_keys: tuple[ForeignKey, ...] = ()
    json: bool = True
    """Also written as JSON (the core tables); views are CSV only."""
    schema_name: str = field(default="", compare=False)
    """Name of a shared schema (views share one); empty: the table's own."""
    parts: tuple[Any, ...] = field(default=(), compare=False)
    """A page view's figures (`aggregate.Part`), its rows in order once sorted."""


def _table(
    name: str,
    title: str,
    description: str,
    columns: list[col.Column],
    records: Iterable[Any],
    key: tuple[str, ...],
    foreign_keys: tuple[ForeignKey, ...] = (),
) -> Table:
    """A core table whose rows read each column from one record."""
    rows = [{f.name: read(r) for f, read in columns} for r in records]
    return Table(name, title, description, tuple(f for f, _ in columns), key, rows, foreign_keys)


def _id(record: Any) -> str:
    return str(record.id)


PAIRING = col.record_field("report", "pairing")
_YEAR = col.record_field("report", "year")
FIGURE_FIELDS = (
    PAIRING,
    _YEAR,
    col.INDICATOR,
    col.PART,
    col.INDICATOR_NAME,
    col.WRITTEN,
    col.VALUE,
    col.VALUE_UNIT,
    col.DISPLAY,
    col.record_field("figure", "approx"),
    col.record_field("figure", "basis"),
    col.record_field("figure", "note"),
    col.record_field("figure", "label"),
)
FIGURE_KEYS = (
    ForeignKey(("pairing", "year"), "reports", ("pairing", "year")),
    ForeignKey(("indicator",), "indicators", ("id",)),
)


def figure_row(content: Content, r: Report, f: Any) -> Row:
    ind = content.indicators[f.indicator]
    return {
        "pairing": r.pairing,
        "year": r.year,
        "indicator": f.indicator,
        "part": f.part,
        "indicator_name": ind.name,
        "written": f.written,
        "value": f.value,
        "unit": ind.unit.text,
        "display": format_quantity(f.quantity, ind.unit.text),
        "approx": f.approx.value,
        "basis": f.basis.value,
        "note": f.note,
        "label": f.label,
    }


def core_tables(
    content: Content, link: LinkOf | None = None, *, figure_rows: bool = True
) -> list[Table]:
    """The six core tables, rows sorted by primary key; record fields' columns from the schema.
    Without `figure_rows`, the figures table is left without rows (written from
    `opendata_rows`)."""
    link = link or (lambda r: r.url)
    rc = col.record_columns
    indicators = [
        (col.ID, _id),
        *rc("indicator", "name", "unit", "category", "aggregate", "description", "part_of"),
    ]
    units = [
        (col.ID, _id),
        *rc("unit", "name", "short_name", "kind"),
        (col.KIND_NAME, lambda u: UNIT_KINDS.get(u.kind, u.kind)),
        *rc("unit", "region", "website", "visibility"),
    ]
    pairings = [
        (col.ID, _id),
        *rc("pairing", "title", "sector"),
        (col.SECTOR_NAME, lambda p: content.sectors.get(p.sector, p.sector)),
        *rc("pairing", "supporters", "recipients", "since", "until", "programme", "modes"),
        *rc("pairing", "agreement", "visibility"),
    ]
    reports = [
        *rc("report", "pairing", "year", "title", "author", "published", "status"),
        *rc("report", "visibility"),
        (col.FIGURE_COUNT, lambda r: len(r.figures)),
        (col.URL, link),
    ]
    parties = sorted(
        (
            {"pairing": p.id, "role": role, "unit": u}
            for p in content.pairings.values()
            for role, ids in (("supporter", p.supporters), ("recipient", p.recipients))
            for u in ids
        ),
        key=lambda row: (row["pairing"], row["role"], row["unit"]),
    )
    figures = sorted(
        (figure_row(content, r, f) for r in content.reports for f in r.figures if figure_rows),
        key=lambda row: (row["pairing"], row["year"], row["indicator"], row["part"]),
    )
    by_report = sorted(content.reports, key=lambda r: (r.pairing, r.year))
    return [
        _table(
            "indicators",
            "成效指标",
            "指标目录：名称、单位、类别和合计方式。",
            indicators,
            content.indicators.values(),
            ("id",),
        ),
        _table(
            "units",
            "单位",
            "支援方和受援方单位（不含联系方式）。",
            units,
            content.units.values(),
            ("id",),
        ),
        _table(
            "pairings",
            "结对关系",
            "结对（对口关系）：支援方、受援方、领域和期限。",
            pairings,
            content.pairings.values(),
            ("id",),
        ),
        Table(
            "parties",
            "结对各方",
            "每个结对的支援方和受援方，一行一个单位。",
            (PAIRING, col.ROLE, col.PARTY_UNIT),
            ("pairing", "role", "unit"),
            parties,
            (
                ForeignKey(("pairing",), "pairings", ("id",)),
                ForeignKey(("unit",), "units", ("id",)),
            ),
        ),
        _table(
            "reports",
            "年度工作总结",
            "每个结对每年一篇总结。",
            reports,
            by_report,
            ("pairing", "year"),
            (
                ForeignKey(("pairing",), "pairings", ("id",)),
                ForeignKey(("author",), "units", ("id",)),
            ),
        ),
        Table(
            "figures",
            "成效数据",
            "总结中的每一个数字：原文写法、换算值、约数和口径。",
            FIGURE_FIELDS,
            ("pairing", "year", "indicator", "part"),
            figures,
            FIGURE_KEYS,
        ),
    ]
