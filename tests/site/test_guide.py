"""The editor's guide is generated from the code's own tables."""

from __future__ import annotations

from generator.content.figures import Approx, Basis
from generator.content.model import SECTORS, UNIT_KINDS
from generator.content.problems import CODES
from generator.content.schema import SCHEMAS
from generator.content.units import BASE_UNITS
from generator.site.guide import render_guide_markdown


def test_every_problem_code_is_documented_with_example_and_fix() -> None:
    guide = render_guide_markdown()
    for code in CODES.values():
        assert f"### {code.code} {code.title}" in guide
        assert code.fix in guide
        assert code.example.replace("\\n", "\n") in guide


def test_every_field_unit_kind_sector_and_unit_of_measure_appears() -> None:
    guide = render_guide_markdown()
    for name in ("unit", "pairing", "report", "figure"):
        for spec in SCHEMAS[name]:
            assert f"| `{spec.name}` |" in guide
    for kind in UNIT_KINDS:
        assert f"`{kind}`" in guide
    for sector in SECTORS:
        assert f"`{sector}`" in guide
    for unit in BASE_UNITS:
        assert f"`{unit.text}`" in guide
    for a in Approx:
        assert f"`{a.value}`" in guide
    for b in Basis:
        assert f"`{b.value}`" in guide


def test_guide_is_chinese_markdown_with_the_sections() -> None:
    guide = render_guide_markdown()
    assert guide.startswith("# 编辑指南\n")
    for heading in (
        "## 添加单位",
        "## 添加结对",
        "## 添加年度总结",
        "## 成效数据的写法",
        "## 计量单位",
        "## 受众：公开版与内网版",
        "## 检查结果与问题代码",
    ):
        assert heading in guide
    assert guide.count("```") % 2 == 0
