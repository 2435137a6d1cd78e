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
from generator.content.figures import Approx, Basis
from generator.content.model import (
    AGGREGATES,
    STATUSES,
    UNIT_KINDS,
    VISIBILITIES,
    Content,
    Report,
)
from generator.site import aggregate as agg

Row = dict[str, Any]
LinkOf = Callable[[Report], str]


@dataclass(frozen=True)
class Field:
    """One column: name (CSV header), Table Schema type, Chinese title and description."""

    name: str
    type: str
    title: str
    description: str = ""
    required: bool = False
    enum: tuple[str, ...] = ()


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


APPROX = tuple(a.value for a in Approx)
BASIS = tuple(b.value for b in Basis)

_F = {
    "pairing": Field("pairing", "string", "结对编号", "结对关系的编号，见 pairings", True),
    "year": Field("year", "integer", "年度", "年度工作总结所属年份", True),
    "indicator": Field("indicator", "string", "指标编号", "成效指标的编号，见 indicators", True),
    "indicator_name": Field("indicator_name", "string", "指标名称", "", True),
    "written": Field(
        "written", "string", "原文数字", "总结中的写法，如“70余万元”“近100人”“累计26人”", True
    ),
    "value": Field("value", "number", "换算值", "按指标单位换算后的数值，合计即由此相加", True),
    "unit": Field("unit", "string", "单位", "换算值的单位，即指标单位", True),
    "display": Field(
        "display",
        "string",
        "显示值",
        "换算值按网页的写法（万/亿、余/近/约的位置），如“70余万元”“2万余元”“3980米”",
        True,
    ),
    "approx": Field(
        "approx",
        "string",
        "约数",
        "exact 准确数；more-than 余/多；nearly 近；about 约",
        True,
        APPROX,
    ),
    "basis": Field(
        "basis", "string", "口径", "annual 当年数；cumulative 累计数（自结对以来）", True, BASIS
    ),
    "note": Field("note", "string", "备注"),
    "part": Field(
        "part",
        "integer",
        "分项序号",
        "同一总结同一指标有几项数字时的序号（从 1 起）；单项为 1",
        True,
    ),
    "label": Field("label", "string", "分项说明", "同一指标有几项数字时，本项的说明"),
}
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
    """The six core tables, rows sorted by primary key."""
    link = link or (lambda r: r.url)
    indicators = [
        {
            "id": i.id,
            "name": i.name,
            "unit": i.unit.text,
            "category": i.category,
            "aggregate": i.aggregate,
            "description": i.description,
        }
        for i in content.indicators.values()
    ]
    units = [
        {
            "id": u.id,
            "name": u.name,
            "short_name": u.short_name,
            "kind": u.kind,
            "kind_name": UNIT_KINDS.get(u.kind, u.kind),
            "region": " / ".join(u.region) or None,
            "website": u.website,
            "visibility": u.visibility,
        }
        for u in content.units.values()
    ]
    pairings = [
        {
            "id": p.id,
            "title": p.title,
            "sector": p.sector,
            "sector_name": content.sectors.get(p.sector, p.sector),
            "supporters": ";".join(p.supporters),
            "recipients": ";".join(p.recipients),
            "since": str(p.since),
            "until": str(p.until) if p.until else None,
            "programme": p.programme,
            "modes": ";".join(p.modes) or None,
            "agreement": p.agreement,
            "visibility": p.visibility,
        }
        for p in content.pairings.values()
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
    reports = [
        {
            "pairing": r.pairing,
            "year": r.year,
            "title": r.title,
            "author": r.author,
            "published": str(r.published) if r.published else None,
            "status": r.status,
            "visibility": r.visibility,
            "figures": len(r.figures),
            "url": link(r),
        }
        for r in sorted(content.reports, key=lambda r: (r.pairing, r.year))
    ]
    figures = sorted(
        (_figure_row(content, r, f) for r in content.reports for f in r.figures),
        key=lambda row: (row["pairing"], row["year"], row["indicator"], row["part"]),
    )
    s = Field
    return [
        Table(
            "indicators",
            "成效指标",
            "指标目录：名称、单位、类别和合计方式。",
            (
                s("id", "string", "编号", "", True),
                s("name", "string", "名称", "", True),
                s("unit", "string", "单位", "合计所用单位", True),
                s("category", "string", "类别", "", True),
                s(
                    "aggregate",
                    "string",
                    "合计方式",
                    "sum 求和；max 取最大值；none 不合计",
                    True,
                    AGGREGATES,
                ),
                s("description", "string", "说明"),
            ),
            ("id",),
            indicators,
        ),
        Table(
            "units",
            "单位",
            "支援方和受援方单位（不含联系方式）。",
            (
                s("id", "string", "编号", "", True),
                s("name", "string", "名称", "", True),
                s("short_name", "string", "简称"),
                s("kind", "string", "类型", "", True, tuple(UNIT_KINDS)),
                s("kind_name", "string", "类型名称", "", True),
                s("region", "string", "地区", "行政区划，省在前，以“ / ”分隔"),
                s("website", "string", "网站"),
                s(
                    "visibility",
                    "string",
                    "公开范围",
                    "public 公开；internal 内部",
                    True,
                    VISIBILITIES,
                ),
            ),
            ("id",),
            units,
        ),
        Table(
            "pairings",
            "结对关系",
            "结对（对口关系）：支援方、受援方、领域和期限。",
            (
                s("id", "string", "编号", "", True),
                s("title", "string", "名称", "", True),
                s("sector", "string", "领域编号", "", True),
                s("sector_name", "string", "领域", "", True),
                s(
                    "supporters",
                    "string",
                    "支援方",
                    "单位编号，以分号分隔；逐一对应见 parties",
                    True,
                ),
                s(
                    "recipients",
                    "string",
                    "受援方",
                    "单位编号，以分号分隔；逐一对应见 parties",
                    True,
                ),
                s("since", "string", "起始", "YYYY、YYYY-MM 或 YYYY-MM-DD", True),
                s("until", "string", "终止", "空表示至今"),
                s("programme", "string", "所属计划"),
                s("modes", "string", "支援方式", "以分号分隔"),
                s("agreement", "string", "协议"),
                s("visibility", "string", "公开范围", "", True, VISIBILITIES),
            ),
            ("id",),
            pairings,
        ),
        Table(
            "parties",
            "结对各方",
            "每个结对的支援方和受援方，一行一个单位。",
            (
                s("pairing", "string", "结对编号", "", True),
                s(
                    "role",
                    "string",
                    "角色",
                    "supporter 支援方；recipient 受援方",
                    True,
                    ("supporter", "recipient"),
                ),
                s("unit", "string", "单位编号", "", True),
            ),
            ("pairing", "role", "unit"),
            parties,
            (
                ForeignKey(("pairing",), "pairings", ("id",)),
                ForeignKey(("unit",), "units", ("id",)),
            ),
        ),
        Table(
            "reports",
            "年度工作总结",
            "每个结对每年一篇总结。",
            (
                s("pairing", "string", "结对编号", "", True),
                s("year", "integer", "年度", "", True),
                s("title", "string", "标题", "", True),
                s("author", "string", "撰写单位", "单位编号"),
                s("published", "string", "发布日期", "YYYY、YYYY-MM 或 YYYY-MM-DD"),
                s(
                    "status",
                    "string",
                    "状态",
                    "published 已发布；draft 草稿",
                    True,
                    STATUSES,
                ),
                s("visibility", "string", "公开范围", "", True, VISIBILITIES),
                s("figures", "integer", "数据项数", "", True),
                s("url", "string", "网页", "", True),
            ),
            ("pairing", "year"),
            reports,
            (
                ForeignKey(("pairing",), "pairings", ("id",)),
                ForeignKey(("author",), "units", ("id",)),
            ),
        ),
        Table(
            "figures",
            "成效数据",
            "总结中的每一个数字：原文写法、换算值、约数和口径。",
            tuple(
                _F[k]
                for k in (
                    "pairing",
                    "year",
                    "indicator",
                    "part",
                    "indicator_name",
                    "written",
                    "value",
                    "unit",
                    "display",
                    "approx",
                    "basis",
                    "note",
                    "label",
                )
            ),
            ("pairing", "year", "indicator", "part"),
            figures,
            _FIGURE_KEYS,
        ),
    ]


VIEW_FIELDS = (
    _F["pairing"],
    Field("pairing_title", "string", "结对名称", "", True),
    Field("sector", "string", "领域", "", True),
    _F["year"],
    _F["indicator"],
    _F["part"],
    _F["indicator_name"],
    _F["written"],
    _F["value"],
    _F["unit"],
    _F["display"],
    _F["approx"],
    _F["basis"],
    Field(
        "aggregate",
        "string",
        "合计方式",
        "sum 求和；max 取最大值；none 不合计",
        True,
        AGGREGATES,
    ),
    Field(
        "in_year_total", "boolean", "计入当年合计", "true：计入该年该指标的当年合计（当年数）", True
    ),
    Field(
        "in_cumulative_total",
        "boolean",
        "计入累计合计",
        "true：计入该结对该指标的累计合计（最近一次累计数及其后各年的当年数）",
        True,
    ),
    _F["note"],
    _F["label"],
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
