"""The import's suggestions, as commented front-matter lines an editor accepts by removing `# `.

- figures the finder is sure of, under `# figures:`; several for one indicator as a list,
  each item labelled with what it counts (`#     - 610亩 烤烟`);
- questions (`#   # ？ 10人 是 A 或 B？`), still a comment once one `# ` is removed;
- figures that fit no indicator: the `bulletins new indicator` command (a comment even
  when uncommented once) and, below it, the figure line under the new id, so accepting is
  running the command and removing `# `;
- `problems:` and `plans:` from the sections headed 存在问题 / 不足 and 下一步 / 打算.

This module must not read files or import MkDocs.
"""

from __future__ import annotations

import re

from generator.content.model import Content
from generator.content.units import UnitError, parse_unit, split_unit
from generator.editor.findfigures import Found, part_label
from generator.editor.ids import suggest_id

__all__ = ["figure_lines", "section_lines", "yaml_text"]


def yaml_text(value: str) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True, width=10_000).split("\n...")[0].strip()


def _row(text: str, context: str) -> str:
    return text.ljust(40) + f"  # ← {context}"


def _items(iid: str, items: list[Found], indent: str) -> list[str]:
    """One figure line, or a list with a label per item when the labels tell them apart."""
    if len(items) == 1:
        return [_row(f"#{indent}{iid}: {items[0].written}", items[0].context)]
    labels = [part_label(f.label) for f in items]
    lines = [f"#{indent}{iid}:"]
    for f, label in zip(items, labels, strict=True):
        text = f"{f.written} {yaml_text(label)}" if label else f.written
        lines.append(_row(f"#{indent}  - {text}", f.context))
    return lines


def figure_lines(found: list[Found], content: Content) -> list[str]:
    """The commented suggestions: sure ones as `figures:` (a list where an indicator has
    several), questions with their candidates, and new indicators with their figure lines."""
    sure: dict[str, list[Found]] = {}
    for f in found:
        if f.indicator:
            sure.setdefault(f.indicator, []).append(f)
    questions = [f for f in found if not f.indicator and f.candidates]
    new = [f for f in found if not f.indicator and not f.candidates]
    lines = [
        f"# 成效数据建议：正文中有 {len(found)} 个数字，{len(found) - len(questions) - len(new)} 个"
        f"对应到指标，{len(questions)} 个不确定（？），{len(new)} 个在指标目录中没有对应指标。",
    ]
    if sure or new:
        lines += [
            "# 核对无误的行去掉行首的 “# ”（“# figures:” 一行也要去掉）；每行 “←” 后是原句。",
            (
                "# 同一指标有几项时写成列表，各项都计入合计；若几项其实是同一数字的重复提及，"
                "只保留一项。"
            ),
            "# figures:",
        ]
        for iid, items in sure.items():
            lines += _items(iid, items, "   ")
    if questions:
        lines.append("# 不确定的数字：请判断属于哪个指标（或都不是），确认后写入 figures：")
        for f in questions:
            names = " 或 ".join(
                f"{c}（{content.indicators[c].name}）"
                for c in f.candidates
                if c in content.indicators
            )
            lines.append(_row(f"#   # ？ {f.written} 是 {names}？", f.context))
    if new:
        lines.append(
            "# 没有对应指标的数字：需要统计时，在终端运行新增指标的命令（名称、单位和编号可改），"
            "再去掉其下数字行行首的 “# ”："
        )
        taken = set(content.indicators)
        for (name, unit), items in _proposals(new).items():
            iid = _new_id(name, taken)
            command = f"bulletins new indicator {iid} --name {name} --unit {unit}"
            lines.append(f"#   # 新增指标：{command}")
            lines += _items(iid, items, "   ")
    return lines


_QUALIFIER = {
    "area": "面积",
    "length": "长度",
    "volume": "体积",
    "money": "金额",
    "persons": "人数",
    "person-times": "人次",
}


def _proposals(found: list[Found]) -> dict[tuple[str, str], list[Found]]:
    """New indicators to propose, by (name, unit): one per thing counted; a name counted in
    several units (`卫生公厕2间80平方米`) gets a qualifier each, as the example catalogue does."""
    groups: dict[tuple[str, str], list[Found]] = {}
    for f in found:
        try:
            _magnitude, base = split_unit(f.unit)
        except UnitError:
            base = f.unit
        groups.setdefault((f.label or "请命名", base), []).append(f)
    units_of: dict[str, list[str]] = {}
    for name, unit in groups:
        units_of.setdefault(name, []).append(unit)
    out: dict[tuple[str, str], list[Found]] = {}
    for (name, unit), items in groups.items():
        if len(units_of[name]) > 1:
            dim = parse_unit(unit).dimension
            name = f"{name}（{_QUALIFIER.get(dim, unit + '数')}）"
        out[(name, unit)] = items
    return out


def _new_id(name: str, taken: set[str]) -> str:
    base = suggest_id(re.sub(r"[（）()]", "", name)) or "new-indicator"
    iid, n = base, 2
    while iid in taken:
        iid, n = f"{base}-{n}", n + 1
    taken.add(iid)
    return iid


_PROBLEMS = re.compile(r"存在的?问题|问题与不足|不足之处|不足|困难和问题|主要问题")
_PLANS = re.compile(r"下一步|打算|今后|工作计划|工作思路|努力方向")
_NUMBERING = re.compile(
    r"^(?:[-*]\s+|\d+[.、．]\s*|[（(][一二三四五六七八九十\d]+[）)]\s*|"
    r"[一二三四五六七八九十]+[、.．]\s*|[一二三四五六七八九十]是)+"
)


def _sections(body: str) -> dict[str, list[str]]:
    """The items of the sections whose heading names problems or plans, by field."""
    out: dict[str, list[str]] = {"problems": [], "plans": []}
    current: str | None = None
    level = 0
    for line in body.splitlines():
        heading = re.match(r"(#{1,6})\s+(.*)", line)
        if heading:
            depth, title = len(heading.group(1)), heading.group(2)
            if current and depth > level:
                continue  # a subheading inside the section: its items follow
            kind = "plans" if _PLANS.search(title) else None
            kind = "problems" if _PROBLEMS.search(title) else kind
            current, level = kind, depth
            continue
        text = _NUMBERING.sub("", line.strip()).replace("**", "").strip()
        if current and text and not text.startswith("|"):
            out[current].append(text)
    return out


def section_lines(body: str) -> list[str]:
    """`problems:` and `plans:` proposed from the narrative's sections, commented."""
    sections = _sections(body)
    if not any(sections.values()):
        return []
    lines = ["# 取自正文“存在问题”“下一步打算”等部分：改写为简短的条目，核对后去掉行首的 “# ”。"]
    for key, items in sections.items():
        if items:
            lines.append(f"# {key}:")
            lines += [f"#   - {yaml_text(item)}" for item in items]
    return lines
