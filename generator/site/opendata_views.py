"""Open-data views: exactly the figures one page shows, with the totals each counts in.

`year_view`, `indicator_view`, `pairing_views`, `report_views` and `group_view`
give the figures of a year, an indicator, a pairing, a report or a group of
pairings (a region's, a flow's), as those pages show them, with flags saying which
totals each figure counts in, so a reader can redo every total in a spreadsheet.
All views share one schema, `VIEW_FIELDS`.

This module must not import MkDocs or read files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from generator.content.model import Content, Figure, Report
from generator.site import aggregate as agg
from generator.site import opendata_columns as col
from generator.site.opendata import FIGURE_FIELDS, FIGURE_KEYS, PAIRING, Row, Table, figure_row

VIEW_FIELDS = (
    PAIRING,
    col.PAIRING_TITLE,
    col.VIEW_SECTOR,
    *FIGURE_FIELDS[1:11],
    col.record_field("indicator", "aggregate"),
    col.IN_YEAR_TOTAL,
    col.IN_CUMULATIVE_TOTAL,
    *FIGURE_FIELDS[11:],
)
VIEW_KEY = ("pairing", "year", "indicator", "part")
VIEW_FOREIGN_KEYS = FIGURE_KEYS


def _key(p: agg.Part) -> tuple[str, int, str, int]:
    return (p.report.pairing, p.report.year, p.figure.indicator, p.figure.part)


class _Memo:
    """What every view of one content shares, worked out once (a build writes ~1,600 views,
    each figure is in about ten): the keys cumulative totals add up, each part's row, and
    the parts by year and by indicator (`all_parts` order)."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.counted = frozenset(
            _key(p) for p in agg.cumulative_set(content, agg.all_parts(content))
        )
        self.rows: dict[int, tuple[agg.Part, Row]] = {}
        self.by_year: dict[int, list[agg.Part]] = {}
        self.by_indicator: dict[str, list[agg.Part]] = {}
        for p in agg.all_parts(content):
            self.by_year.setdefault(p.report.year, []).append(p)
            self.by_indicator.setdefault(p.figure.indicator, []).append(p)

    def row(self, p: agg.Part) -> Row:
        """The view row of `p`, the same dict for every view (never changed once made)."""
        hit = self.rows.get(id(p))
        if hit is not None and hit[0] is p:
            return hit[1]
        row = figure_row(self.content, p.report, p.figure)
        row = view_row(self.content, p.report, p.figure, row, _key(p) in self.counted)
        self.rows[id(p)] = (p, row)  # the part kept alive: its id is not reused meanwhile
        return row


def view_row(content: Content, r: Report, f: Figure, row: Row, counted: bool) -> Row:
    """A page view's row: the figure's row (`figure_row`) and the view's own columns."""
    pairing = content.pairings[r.pairing]
    return {
        **row,
        "pairing_title": pairing.title,
        "sector": content.sectors.get(pairing.sector, pairing.sector),
        "aggregate": content.indicators[f.indicator].aggregate,
        "in_year_total": f.basis.value == "annual",
        "in_cumulative_total": counted,
    }


_memo: _Memo | None = None
_parts_only = False


@contextmanager
def parts_only() -> Iterator[None]:
    """Views made meanwhile hold their parts and no rows (their rows are written from
    `opendata_rows`, each figure's once)."""
    global _parts_only
    _parts_only = True
    try:
        yield
    finally:
        _parts_only = False


def counted(content: Content) -> frozenset[tuple[str, int, str, int]]:
    """Keys (pairing, year, indicator, part) of the figures cumulative totals add up."""
    return _shared(content).counted


def _shared(content: Content) -> _Memo:
    global _memo
    if _memo is None or _memo.content is not content:
        _memo = _Memo(content)
    return _memo


def _view(
    content: Content, parts: list[agg.Part], name: str, title: str, description: str
) -> Table:
    memo = _shared(content)
    rows = [] if _parts_only else [memo.row(p) for p in parts]
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
        parts=tuple(parts),
    )


def year_view(content: Content, year: int) -> Table:
    """Every figure of the year's reports, as its year page shows them."""
    parts = _shared(content).by_year.get(year, [])
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
    parts = _shared(content).by_indicator.get(indicator_id, [])
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
