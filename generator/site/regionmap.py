"""A schematic map of support between provinces: one square per province-level region on a
fixed grid, arrows from supporting to receiving provinces. Inline SVG, drawn at build time.

A tile grid, not a map with boundaries: it needs no approved map data (no 审图号), and it
says only what the site knows, which province supports which. Provinces outside the grid
(a region spelt another way) are listed in words beside it. This module must not import
MkDocs, read files or reference anything outside the SVG (no URL, no font, no script).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Sequence

from markupsafe import Markup

from generator.content.model import Content
from generator.site.flows import Flow

__all__ = ["GRID", "province_cell", "region_map"]

GRID: dict[str, tuple[int, int]] = {
    # name prefix: (column, row); roughly where each lies, north at the top.
    "黑龙江": (8, 0),
    "内蒙古": (6, 1),
    "吉林": (8, 1),
    "新疆": (1, 2),
    "宁夏": (4, 2),
    "北京": (6, 2),
    "天津": (7, 2),
    "辽宁": (8, 2),
    "青海": (2, 3),
    "甘肃": (3, 3),
    "山西": (5, 3),
    "河北": (6, 3),
    "山东": (7, 3),
    "西藏": (1, 4),
    "四川": (3, 4),
    "陕西": (4, 4),
    "河南": (5, 4),
    "江苏": (6, 4),
    "上海": (7, 4),
    "重庆": (3, 5),
    "湖北": (4, 5),
    "安徽": (5, 5),
    "浙江": (6, 5),
    "云南": (2, 6),
    "贵州": (3, 6),
    "湖南": (4, 6),
    "江西": (5, 6),
    "福建": (6, 6),
    "台湾": (7, 6),
    "广西": (3, 7),
    "广东": (4, 7),
    "香港": (5, 7),
    "澳门": (4, 8),
    "海南": (3, 8),
}

CELL = 54
GAP = 4
PAD = 6


def province_cell(name: str) -> tuple[int, int] | None:
    """The grid cell of a province-level region by its name (`上海市`, `新疆维吾尔自治区`)."""
    for prefix, cell in GRID.items():
        if name.startswith(prefix):
            return cell
    return None


def _short(name: str) -> str:
    for prefix in GRID:
        if name.startswith(prefix):
            return prefix
    return name[:2]


def region_map(content: Content, flows: Sequence[Flow]) -> dict[str, object]:
    """The map as inline SVG plus the provinces it could not place: {"svg", "unplaced"}."""
    give: dict[str, int] = defaultdict(int)
    get: dict[str, int] = defaultdict(int)
    for f in flows:
        give[f.source[0]] += len(f.pairings)
        get[f.target[0]] += len(f.pairings)
    names = sorted({u.region[0] for u in content.units.values() if u.region})
    unplaced = [n for n in names if province_cell(n) is None]
    cols = max(c for c, _ in GRID.values()) + 1
    rows = max(r for _, r in GRID.values()) + 1
    width, height = PAD * 2 + cols * (CELL + GAP), PAD * 2 + rows * (CELL + GAP)
    svg = ET.Element(
        "svg",
        {
            "class": "bl-map-svg",
            "role": "img",
            "aria-labelledby": "map-title map-desc",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "font-size": "12",
        },
    )
    ET.SubElement(svg, "title", {"id": "map-title"}).text = "省际对口支援示意图（方格示意，非地图）"
    ET.SubElement(svg, "desc", {"id": "map-desc"}).text = (
        "；".join(
            f"{' / '.join(f.source)} → {' / '.join(f.target)}：{len(f.pairings)} 个结对"
            for f in flows
        )
        or "暂无跨地区结对"
    ) + "。"

    def centre(cell: tuple[int, int]) -> tuple[float, float]:
        c, r = cell
        return PAD + c * (CELL + GAP) + CELL / 2, PAD + r * (CELL + GAP) + CELL / 2

    by_short = {_short(n): n for n in names}
    for prefix, cell in sorted(GRID.items(), key=lambda kv: (kv[1][1], kv[1][0])):
        name = by_short.get(prefix)
        gives, gets = bool(name and give.get(name)), bool(name and get.get(name))
        cls = "bl-cell" + (
            " bl-cell-both"
            if gives and gets
            else " bl-cell-give"
            if gives
            else " bl-cell-get"
            if gets
            else ""
        )
        x, y = PAD + cell[0] * (CELL + GAP), PAD + cell[1] * (CELL + GAP)
        g = ET.SubElement(svg, "g")
        ET.SubElement(g, "title").text = (
            prefix
            + (f"：支援 {give[name]} 个结对" if gives and name else "")
            + (f"：受援 {get[name]} 个结对" if gets and name else "")
        )
        ET.SubElement(
            g,
            "rect",
            {
                "class": cls,
                "x": str(x),
                "y": str(y),
                "width": str(CELL),
                "height": str(CELL),
                "rx": "4",
            },
        )
        label = ET.SubElement(
            g,
            "text",
            {
                "x": str(x + CELL / 2),
                "y": str(y + CELL / 2),
                "text-anchor": "middle",
                "dominant-baseline": "middle",
            },
        )
        label.text = prefix
    for f in flows:
        a, b = province_cell(f.source[0]), province_cell(f.target[0])
        if a is None or b is None or a == b:
            continue
        (x1, y1), (x2, y2) = centre(a), centre(b)
        length = math.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        inset = CELL / 2 - 4
        sx, sy, ex, ey = x1 + ux * inset, y1 + uy * inset, x2 - ux * inset, y2 - uy * inset
        ET.SubElement(
            svg,
            "line",
            {
                "class": "bl-flow",
                "x1": f"{sx:.1f}",
                "y1": f"{sy:.1f}",
                "x2": f"{ex:.1f}",
                "y2": f"{ey:.1f}",
            },
        )
        # The arrow head as a triangle of its own: no marker, so no url(#…) reference.
        px, py = -uy, ux
        head = [
            (ex, ey),
            (ex - ux * 9 + px * 4.5, ey - uy * 9 + py * 4.5),
            (ex - ux * 9 - px * 4.5, ey - uy * 9 - py * 4.5),
        ]
        ET.SubElement(
            svg,
            "polygon",
            {"class": "bl-flow-head", "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in head)},
        )
    return {"svg": Markup(ET.tostring(svg, encoding="unicode")), "unplaced": unplaced}
