"""Inline SVG bar charts (generator.site.charts): well-formed, self-contained, accessible,
honest."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from generator.content.figures import Approx
from generator.content.quantities import Quantity
from generator.site.charts import Bar, bar_chart, bars_from_totals, count_bars


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def assert_self_contained(svg: str) -> None:
    """No URL, no external or internal href, no script, no style sheet, no foreign object."""
    root = parse(svg)
    assert not re.search(r"https?:|url\(|//", svg)
    for el in root.iter():
        assert el.tag not in ("script", "image", "use", "foreignObject", "style", "a")
        for name in el.attrib:
            assert "href" not in name and not name.startswith("on"), (el.tag, name)


def test_chart_is_well_formed_accessible_and_self_contained() -> None:
    svg = bar_chart(
        [
            Bar("2011年", Decimal(80), "80余次", Approx.MORE_THAN),
            Bar("2012年", None, "未报告"),
            Bar("2013年", Decimal(10), "10次"),
        ],
        chart_id="c-year",
        title="专题讲座：各年度当年合计",
    )
    root = parse(svg)
    assert root.tag == "svg" and root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-year-title c-year-desc"
    assert root.find("title").get("id") == "c-year-title"  # type: ignore[union-attr]
    assert root.find("title").text == "专题讲座：各年度当年合计"  # type: ignore[union-attr]
    desc = root.find("desc").text  # type: ignore[union-attr]
    assert desc is not None and "2011年：80余次" in desc and "2012年：未报告" in desc
    assert root.get("fill") == "currentColor"  # follows light/dark scheme and print
    assert_self_contained(svg)


def test_not_reported_has_no_bar_and_approx_keeps_its_marker() -> None:
    root = parse(
        bar_chart(
            [
                Bar("甲", Decimal(80), "80余次", Approx.MORE_THAN),
                Bar("乙", None, "未报告"),
                Bar("丙", Decimal(0), "0次"),
            ],
            chart_id="c",
            title="t",
        )
    )
    rows = root.findall("g")
    assert [len(r.findall("rect")) for r in rows] == [1, 0, 1]
    assert "bl-bar-approx" in rows[0].find("rect").get("class", "")  # type: ignore[union-attr]
    assert [t.text for t in rows[0].findall("text")] == ["甲", "80余次"]
    assert [t.text for t in rows[1].findall("text")] == ["乙", "未报告"]
    assert rows[2].find("rect").get("class") == "bl-bar"  # type: ignore[union-attr]
    # The legend explains the dashed bars.
    assert any("约数" in (t.text or "") for t in root.findall("text"))


def test_bar_lengths_are_proportional() -> None:
    root = parse(
        bar_chart(
            [Bar("a", Decimal(100), "100"), Bar("b", Decimal(25), "25")], chart_id="c", title="t"
        )
    )
    widths = [g.find("rect").get("width") for g in root.findall("g")]  # type: ignore[union-attr]
    assert widths == ["100%", "25%"]  # of the container's width: the chart scales to it


def test_chart_takes_its_container_width_and_keeps_values_at_the_edge() -> None:
    """No fixed pixel width to scroll sideways, no viewBox to shrink the text: each value is
    anchored at the right edge (100%), so it is never cut, and each label shortened to fit
    beside its value in 280 px (a 320 px phone's column)."""
    long = "华东师范大学对口支援新疆师范大学援疆学科建设计划"
    root = parse(bar_chart([Bar(long, Decimal(1), "12070余万元")], chart_id="c", title="t"))
    assert root.get("width") == "100%" and root.get("viewBox") is None
    label, value = root.find("g").findall("text")  # type: ignore[union-attr]
    assert value.get("x") == "100%" and value.get("text-anchor") == "end"
    assert label.text is not None and label.text.endswith("…")
    # 13 px a CJK character, about 8 px a digit: label, value and a gap within 280 px
    assert 13 * len(label.text) + (5 * 8.06 + 3 * 13) + 12 <= 280


def test_labels_are_escaped_and_long_labels_shortened_with_full_text_in_tooltip() -> None:
    long = "华东师范大学对口支援新疆师范大学<援疆学科建设计划>&更多"
    svg = bar_chart([Bar(long, Decimal(1), "1个")], chart_id="c", title="<b>标题</b>")
    root = parse(svg)
    assert "<b>" not in svg
    g = root.find("g")
    assert g.find("title").text == f"{long}：1个"  # type: ignore[union-attr]
    assert g.findall("text")[0].text.endswith("…")  # type: ignore[union-attr]


def test_bars_from_totals_uses_display_for_untotalled() -> None:
    class T:
        def __init__(self, q: Quantity | None, display: str) -> None:
            self.quantity, self.display = q, display

    class P:
        title = "甲对口支援乙"

    bars = bars_from_totals(
        [
            ("p", T(Quantity(Decimal(720000), Approx.MORE_THAN), "")),
            ("n", T(None, "2项，不合计")),
            ("x", None),
        ],
        "元",
        {"p": P(), "n": "医疗卫生"},
    )
    assert [(b.label, b.text) for b in bars] == [
        ("甲对口支援乙", "72万余元"),
        ("医疗卫生", "2项，不合计"),
        ("x", "未报告"),
    ]
    assert count_bars([("医疗卫生", 3)], "篇") == [Bar("医疗卫生", Decimal(3), "3篇")]


def test_empty_chart_is_still_valid() -> None:
    assert_self_contained(bar_chart([], chart_id="c", title="无数据"))


@given(
    st.lists(
        st.tuples(
            st.text(min_size=1, max_size=30),
            st.one_of(st.none(), st.decimals(min_value=0, max_value=10**12, places=2)),
            st.sampled_from(list(Approx)),
        ),
        max_size=12,
    )
)
def test_any_chart_is_well_formed(rows: list[tuple[str, Decimal | None, Approx]]) -> None:
    bars = [
        Bar(label, value, "未报告" if value is None else f"{value}", approx)
        for label, value, approx in rows
    ]
    svg = bar_chart(bars, chart_id="h", title="t\x00")
    root = parse(svg)
    assert len(root.findall("g")) == len(bars)
