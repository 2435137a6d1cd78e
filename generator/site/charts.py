"""Bar charts as inline SVG, drawn at build time from totals.

One function, :func:`bar_chart`, draws every chart of the site: horizontal bars
(labels on the left, so long Chinese names fit), each labelled with its value as
a bulletin writes it (``200余次``, ``近100人``). A value that was not reported
gets no bar and the words 未报告 — never a zero-length bar. Approximate values
get a lighter, dashed bar besides their 余/近/约 marker.

Colours come from ``currentColor`` and CSS classes (``bl-bar``…), so the chart
follows the page's light or dark scheme and prints in black. The SVG carries a
``<title>`` and ``<desc>`` (the data in words) and ``role="img"``; the page puts
a data table beside it for screen readers.

This module must not import MkDocs, read files, run JavaScript or reference
anything outside the SVG (no URL, no ``xlink:href``, no font, no ``<script>``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from generator.content.display import format_quantity
from generator.content.figures import Approx
from generator.content.quantities import Quantity

__all__ = ["Bar", "bar_chart", "bars_from_totals", "count_bars"]

WIDTH = 640
ROW = 28
BAR = 18
FONT = 13
PAD = 8
MAX_LABEL_CHARS = 18
NOT_REPORTED = "未报告"


@dataclass(frozen=True)
class Bar:
    """One bar: a label, a value in the chart's unit (None: not reported) and its display text."""

    label: str
    value: Decimal | None
    text: str
    """The value as shown, with its marker: ``200余次``; ``未报告`` when not reported."""
    approx: Approx = Approx.EXACT


def bars_from_totals(
    items: Iterable[tuple[Any, Any]],
    unit: str,
    labels: Mapping[Any, Any] | None = None,
    suffix: str = "",
) -> list[Bar]:
    """Bars from (key, total) pairs; a total has `quantity` and `display` (None: not reported).

    The label is `labels[key]` (its `title` if it has one, e.g. a pairing) or the key, then
    `suffix`.
    """
    out = []
    for key, total in items:
        name = labels.get(key, key) if labels is not None else key
        label = f"{name if isinstance(name, str) else getattr(name, 'title', name)}{suffix}"
        q: Quantity | None = total.quantity if total is not None else None
        if q is None:
            out.append(Bar(label, None, total.display if total is not None else NOT_REPORTED))
        else:
            out.append(Bar(label, q.value, format_quantity(q, unit), q.approx))
    return out


def count_bars(items: Iterable[tuple[str, int]], unit: str) -> list[Bar]:
    """Bars of plain counts, e.g. reports per sector: (label, count) → `3篇`."""
    return [Bar(label, Decimal(n), f"{n}{unit}") for label, n in items]


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    """Text safe in XML 1.0: characters XML cannot hold are dropped (escaping is ElementTree's
    job)."""
    return _NOT_XML.sub("", text)


def _text_width(text: str, size: int = FONT) -> float:
    """Rough rendered width: CJK, full-width and punctuation such as … one em, the rest about 0.62
    em."""
    return sum(size if ord(ch) >= 0x2000 else size * 0.62 for ch in text)


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"


def _describe(bars: Sequence[Bar]) -> str:
    return "；".join(f"{b.label}：{b.text}" for b in bars) + "。"


def bar_chart(bars: Sequence[Bar], *, chart_id: str, title: str, desc: str = "") -> Markup:
    """An inline SVG bar chart; `chart_id` must be unique on the page (it prefixes the ids)."""
    bars = [Bar(_clean(b.label), b.value, _clean(b.text), b.approx) for b in bars]
    title, desc = _clean(title), _clean(desc)
    labels = [_shorten(b.label) for b in bars]
    label_w = max((_text_width(t) for t in labels), default=0) + 2 * PAD
    value_w = max((_text_width(b.text) for b in bars), default=0) + PAD
    track = max(WIDTH - label_w - value_w - PAD, 60.0)
    width = round(label_w + track + value_w + PAD)
    top = PAD
    any_approx = any(b.value is not None and b.approx is not Approx.EXACT for b in bars)
    legend_h = ROW if any_approx else 0
    height = top + ROW * len(bars) + legend_h + PAD
    top_value = max(
        (b.value for b in bars if b.value is not None and b.value > 0), default=Decimal(1)
    )

    svg = ET.Element(
        "svg",
        {
            "class": "bl-chart-svg",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "viewBox": f"0 0 {width} {height}",
            "width": str(width),
            "height": str(height),
            "font-size": str(FONT),
            "fill": "currentColor",
            "id": chart_id,
        },
    )
    ET.SubElement(svg, "title", {"id": f"{chart_id}-title"}).text = title
    ET.SubElement(svg, "desc", {"id": f"{chart_id}-desc"}).text = (
        desc + " " if desc else ""
    ) + _describe(bars)
    ET.SubElement(
        svg,
        "line",
        {
            "class": "bl-axis",
            "x1": _n(label_w),
            "x2": _n(label_w),
            "y1": str(top - 2),
            "y2": str(top + ROW * len(bars) + 2),
            "stroke": "currentColor",
            "stroke-width": "1",
        },
    )
    for i, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        y = top + i * ROW
        mid = y + ROW / 2
        row = ET.SubElement(svg, "g", {"class": "bl-row"})
        ET.SubElement(row, "title").text = f"{bar.label}：{bar.text}"
        lab = ET.SubElement(
            row,
            "text",
            {
                "x": _n(label_w - PAD),
                "y": _n(mid),
                "text-anchor": "end",
                "dominant-baseline": "middle",
            },
        )
        lab.text = label
        if bar.value is None:
            na = ET.SubElement(
                row,
                "text",
                {
                    "class": "bl-chart-na",
                    "x": _n(label_w + PAD),
                    "y": _n(mid),
                    "dominant-baseline": "middle",
                    "font-style": "italic",
                },
            )
            na.text = bar.text
            continue
        length = float(max(bar.value, Decimal(0)) / top_value) * track if top_value else 0.0
        cls = "bl-bar bl-bar-approx" if bar.approx is not Approx.EXACT else "bl-bar"
        attrs = {
            "class": cls,
            "x": _n(label_w),
            "y": _n(y + (ROW - BAR) / 2),
            "width": _n(max(length, 1.0)),
            "height": str(BAR),
        }
        if bar.approx is not Approx.EXACT:
            attrs.update(
                {"fill-opacity": "0.45", "stroke": "currentColor", "stroke-dasharray": "4 2"}
            )
        ET.SubElement(row, "rect", attrs)
        val = ET.SubElement(
            row,
            "text",
            {
                "class": "bl-chart-value",
                "x": _n(label_w + length + PAD / 2),
                "y": _n(mid),
                "dominant-baseline": "middle",
            },
        )
        val.text = bar.text
    if any_approx:
        legend_y = top + ROW * len(bars) + ROW / 2
        ET.SubElement(
            svg,
            "rect",
            {
                "class": "bl-bar bl-bar-approx",
                "x": _n(label_w),
                "y": _n(legend_y - 6),
                "width": "18",
                "height": "12",
                "fill-opacity": "0.45",
                "stroke": "currentColor",
                "stroke-dasharray": "4 2",
            },
        )
        note = ET.SubElement(
            svg,
            "text",
            {
                "class": "bl-chart-note",
                "x": _n(label_w + 24),
                "y": _n(legend_y),
                "dominant-baseline": "middle",
            },
        )
        note.text = "浅色虚框：约数（余、近、约）"
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))


def _n(x: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros: stable, compact output."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text
