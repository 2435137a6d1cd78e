"""Open data: the audience's content as tables, the rows every download is written from.

`core_tables` gives indicators, units, pairings, parties, reports and figures;
`year_view` and `indicator_view` give exactly the figures one year page or one
indicator page shows, with flags saying which totals each counts in, so a reader
can redo every total in a spreadsheet. Rows hold typed values (str, int,
Decimal, bool, None); `opendata_files` turns them into CSV/JSON and the data package.

This module must not import MkDocs or read files, and must never emit a
`contact` field: downloads carry only what the pages may show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.content.display import format_quantity
from generator.content.model import UNIT_KINDS, Content, Report
from generator.site import aggregate as agg
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


_PAIRING = col.record_field("report", "pairing")
_YEAR = col.record_field("report", "year")
_FIGURE_FIELDS = (
    _PAIRING,
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
_FIGURE_KEYS = (
    ForeignKey(("pairing", "year"), "reports", ("pairing", "year")),
    ForeignKey(("indicator",), "indicators", ("id",)),
)


def _figure_row(content: Content, r: Report, f: Any) -> Row:
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


def core_tables(content: Content, link: LinkOf | None = None) -> list[Table]:
    """The six core tables, rows sorted by primary key; record fields' columns from the schema."""
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
        (_figure_row(content, r, f) for r in content.reports for f in r.figures),
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
            (_PAIRING, col.ROLE, col.PARTY_UNIT),
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
            _FIGURE_FIELDS,
            ("pairing", "year", "indicator", "part"),
            figures,
            _FIGURE_KEYS,
        ),
    ]


VIEW_FIELDS = (
    _PAIRING,
    col.PAIRING_TITLE,
    col.VIEW_SECTOR,
    *_FIGURE_FIELDS[1:11],
    col.record_field("indicator", "aggregate"),
    col.IN_YEAR_TOTAL,
    col.IN_CUMULATIVE_TOTAL,
    *_FIGURE_FIELDS[11:],
)
VIEW_KEY = ("pairing", "year", "indicator", "part")
VIEW_FOREIGN_KEYS = _FIGURE_KEYS


def _key(p: agg.Part) -> tuple[str, int, str, int]:
    return (p.report.pairing, p.report.year, p.figure.indicator, p.figure.part)


_counted_memo: tuple[Content, frozenset[tuple[str, int, str, int]]] | None = None


def _counted(content: Content) -> frozenset[tuple[str, int, str, int]]:
    """Keys of the figures cumulative totals add up; once per content, not once per view."""
    global _counted_memo
    if _counted_memo is None or _counted_memo[0] is not content:
        _counted_memo = (
            content,
            frozenset(_key(p) for p in agg.cumulative_set(content, agg.all_parts(content))),
        )
    return _counted_memo[1]


def _view(
    content: Content, parts: list[agg.Part], name: str, title: str, description: str
) -> Table:
    counted = _counted(content)
    rows = []
    for p in parts:
        row = _figure_row(content, p.report, p.figure)
        pairing = content.pairings[p.report.pairing]
        row.update(
            pairing_title=pairing.title,
            sector=content.sectors.get(pairing.sector, pairing.sector),
            aggregate=content.indicators[p.figure.indicator].aggregate,
            in_year_total=p.figure.basis.value == "annual",
            in_cumulative_total=_key(p) in counted,
        )
        rows.append(row)
    rows.sort(key=lambda row: (row["year"], row["pairing"], row["indicator"]))
    return Table(
        name,
        title,
        description,
        VIEW_FIELDS,
        VIEW_KEY,
        rows,
        VIEW_FOREIGN_KEYS,
        json=False,
        schema_name="view",
    )


def year_view(content: Content, year: int) -> Table:
    """Every figure of the year's reports, as its year page shows them."""
    parts = [p for p in agg.all_parts(content) if p.report.year == year]
    return _view(
        content,
        parts,
        f"years/{year}",
        f"{year}年成效数据",
        f"{year}年各总结的全部数字；当年合计只加 in_year_total 为 true 的行。",
    )


def indicator_view(content: Content, indicator_id: str) -> Table:
    """Every figure of one indicator, as its indicator page shows them."""
    ind = content.indicators[indicator_id]
    parts = [p for p in agg.all_parts(content) if p.figure.indicator == indicator_id]
    return _view(
        content,
        parts,
        f"indicators/{indicator_id}",
        f"{ind.name}（{ind.unit.text}）",
        "该指标的全部数字；当年合计加 in_year_total 的行，累计合计加 in_cumulative_total 的行。",
    )


def parts_by_pairing(content: Content) -> dict[str, list[agg.Part]]:
    """Each pairing's figures (`all_parts` order), grouped once for the views below."""
    out: dict[str, list[agg.Part]] = {}
    for p in agg.all_parts(content):
        out.setdefault(p.report.pairing, []).append(p)
    return out


def pairing_views(content: Content, by_pairing: dict[str, list[agg.Part]]) -> list[Table]:
    """Every figure of each pairing with reports, as its pairing page counts them."""
    return [
        _view(
            content,
            parts,
            f"pairings/{pid}",
            f"{content.pairings[pid].title}：成效数据",
            "该结对各年总结的全部数字；累计合计加 in_cumulative_total 为 true 的行。",
        )
        for pid, parts in sorted(by_pairing.items())
    ]


def report_views(content: Content, by_pairing: dict[str, list[agg.Part]]) -> list[Table]:
    """Every figure of each report with figures, as its report page shows them."""
    out = []
    for pid, parts in sorted(by_pairing.items()):
        by_year: dict[int, list[agg.Part]] = {}
        for p in parts:
            by_year.setdefault(p.report.year, []).append(p)
        for year, own in sorted(by_year.items()):
            report = own[0].report
            title = f"{report.title}：成效数据"
            description = "该总结的全部数字；in_year_total 标明是否计入当年合计。"
            out.append(_view(content, own, f"reports/{year}/{pid}", title, description))
    return out


def group_view(
    content: Content,
    by_pairing: dict[str, list[agg.Part]],
    pairing_ids: Iterable[str],
    name: str,
    title: str,
) -> Table:
    """Every figure of a group of pairings (a region's, a flow's)."""
    parts = [p for pid in sorted(set(pairing_ids)) for p in by_pairing.get(pid, ())]
    description = (
        "这些结对各年总结的全部数字；每个结对的累计合计加 in_cumulative_total 为 true 的行。"
    )
    return _view(content, parts, name, title, description)
