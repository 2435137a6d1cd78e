"""Bar charts as inline SVG, drawn at build time from totals.

One function, :func:`bar_chart`, draws every chart of the site: horizontal bars
that take the width of their container (a phone's or a desktop's), each under a
line with its label and its value as a bulletin writes it (``200余次``, ``近100人``).
A value that was not reported gets no bar and the words 未报告 — never a
zero-length bar. Approximate values get a lighter, dashed bar besides their
余/近/约 marker.

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
from functools import lru_cache
from typing import Any

from markupsafe import Markup

from generator.content.display import format_quantity
from generator.content.figures import Approx
from generator.content.quantities import Quantity

__all__ = ["Bar", "bar_chart", "bars_from_totals", "count_bars"]

ROW = 40  # one bar: a line of text (label, value) above the bar itself
BAR = 14
FONT = 13
PAD = 4
FIT = 280.0
"""The narrowest width a chart must fit with nothing clipped, in px: a 320 px phone's column.
Its text is real pixels (no viewBox to shrink it), so a label is shortened until it and
its value fit side by side in this width."""
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


@lru_cache(maxsize=1 << 14)  # the same labels on many pages
def _text_width(text: str, size: int = FONT) -> float:
    """Rough rendered width: CJK, full-width and punctuation such as … one em, the rest about 0.62
    em."""
    return sum(size if ord(ch) >= 0x2000 else size * 0.62 for ch in text)


@lru_cache(maxsize=1 << 14)  # the same labels on many pages
def _shorten(text: str, room: float) -> str:
    """The label, cut with … until it fits ``room`` px."""
    if _text_width(text) <= room:
        return text
    while text and _text_width(text + "…") > room:
        text = text[:-1]
    return text + "…"


def _describe(bars: Sequence[Bar]) -> str:
    return "；".join(f"{b.label}：{b.text}" for b in bars) + "。"


def bar_chart(bars: Sequence[Bar], *, chart_id: str, title: str, desc: str = "") -> Markup:
    """An inline SVG bar chart; `chart_id` must be unique on the page (it prefixes the ids).

    The chart takes its container's width (``width="100%"``, positions in percent), so it
    fits a phone and a desktop alike without scaling its text: each row puts the label at
    the left and the value at the right edge on one line, the bar below them, so no value
    can run past the edge. Labels are shortened to fit beside their value in :data:`FIT`
    px (the full label is in the row's tooltip, the description and the table beside).
    """
    bars = [Bar(_clean(b.label), b.value, _clean(b.text), b.approx) for b in bars]
    title, desc = _clean(title), _clean(desc)
    labels = [_shorten(b.label, FIT - _text_width(b.text) - 3 * PAD) for b in bars]
    any_approx = any(b.value is not None and b.approx is not Approx.EXACT for b in bars)
    legend_h = ROW - BAR if any_approx else 0
    height = ROW * len(bars) + legend_h + PAD
    top_value = max(
        (b.value for b in bars if b.value is not None and b.value > 0), default=Decimal(1)
    )

    svg = ET.Element(
        "svg",
        {
            "class": "bl-chart-svg",
            "role": "img",
            "aria-labelledby": f"{chart_id}-title {chart_id}-desc",
            "width": "100%",
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
    for i, (bar, label) in enumerate(zip(bars, labels, strict=True)):
        y = i * ROW
        line = y + FONT + PAD
        row = ET.SubElement(svg, "g", {"class": "bl-row"})
        ET.SubElement(row, "title").text = f"{bar.label}：{bar.text}"
        ET.SubElement(row, "text", {"x": "0", "y": _n(line)}).text = label
        value_attrs = {"class": "bl-chart-value", "x": "100%", "y": _n(line), "text-anchor": "end"}
        if bar.value is None:
            value_attrs["class"] = "bl-chart-na"  # (upright: italics would lean past the edge)
            ET.SubElement(row, "text", value_attrs).text = bar.text
            continue
        share = float(max(bar.value, Decimal(0)) / top_value) * 100 if top_value else 0.0
        cls = "bl-bar bl-bar-approx" if bar.approx is not Approx.EXACT else "bl-bar"
        attrs = {
            "class": cls,
            "x": "0",
            "y": _n(line + PAD + 2),
            "width": f"{_n(max(share, 0.3))}%",
            "height": str(BAR),
        }
        if bar.approx is not Approx.EXACT:
            attrs.update(
                {"fill-opacity": "0.45", "stroke": "currentColor", "stroke-dasharray": "4 2"}
            )
        ET.SubElement(row, "rect", attrs)
        ET.SubElement(row, "text", value_attrs).text = bar.text
    if any_approx:
        legend_y = ROW * len(bars) + legend_h / 2
        ET.SubElement(
            svg,
            "rect",
            {
                "class": "bl-bar bl-bar-approx",
                "x": "0",
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
            {"class": "bl-chart-note", "x": "24", "y": _n(legend_y + 4.5)},
        )
        note.text = "浅色虚框：约数（余、近、约）"
    return Markup(ET.tostring(svg, encoding="unicode", short_empty_elements=True))


def _n(x: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros: stable, compact output."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text
