"""Explain a YAML syntax error in Chinese, on the line where the mistake is.

PyYAML reports where parsing failed, which is often a line after the mistake and
always in parser English ("could not find expected ':'"). Editors' mistakes are few
and recognisable in the source around that mark: a full-width colon, comma or quote
where YAML needs ASCII, a tab, a line indented differently from its siblings, an
unquoted `: ` inside a value, an unclosed bracket. `explain` looks at those lines and
returns the position of the likely mistake with its cause and fix; when nothing
fits it translates PyYAML's complaint and keeps the original for reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ASCII_KEY_FULLWIDTH = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*：\s*(.*)$")
"""`  trainees：112人次`: an ASCII key (field names and ids are ASCII) before a full-width colon."""
_KEY_LINE = re.compile(r"^\s*(?:-\s+)?[^\s#'\"\[{][^:#]*:(?:\s|$)")
"""A line starting with `key:` (ASCII colon followed by a space or the line's end)."""
_FLOW_OPEN = {"[": "]", "{": "}"}


@dataclass(frozen=True)
class Explained:
    """A syntax error's position (0-based line and column in the YAML text) and message."""

    line: int
    col: int
    message: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _meaningful(lines: list[str], upto: int, back: int) -> list[int]:
    """Indexes of non-blank, non-comment lines from `upto` going back `back` lines."""
    out = []
    for i in range(min(upto, len(lines) - 1), max(-1, upto - back - 1), -1):
        s = lines[i].strip()
        if s and not s.startswith("#"):
            out.append(i)
    return out


def _tab(lines: list[str], ml: int, problem: str) -> Explained | None:
    for i in _meaningful(lines, ml, 2):
        lead = lines[i][: len(lines[i]) - len(lines[i].lstrip(" \t"))]
        if "\t" in lead or (i == ml and "'\\t'" in problem and "\t" in lines[i]):
            col = lines[i].index("\t")
            msg = (
                "这一行用了 Tab（制表符）；YAML 只能用空格缩进：把 Tab 换成空格，"
                "同一层的字段左端对齐（通常每层缩进两个空格）"
            )
            return Explained(i, col, msg)
    return None


def _fullwidth_colon(lines: list[str], ml: int) -> Explained | None:
    for i in _meaningful(lines, ml, 3):
        m = _ASCII_KEY_FULLWIDTH.match(lines[i])
        if m and not _KEY_LINE.match(lines[i]):
            col = lines[i].index("：")
            fixed = f"{m.group(2)}: {m.group(3)}".rstrip()
            msg = (
                f"“：” 是全角冒号：键和值之间要用半角冒号加一个空格，请写成 `{fixed}`"
                "（切换到英文输入法输入冒号）"
            )
            return Explained(i, col, msg)
    return None


def _unclosed(lines: list[str], problem: str, cm: tuple[int, int] | None) -> Explained | None:
    if cm is None or not re.match(r"expected ',' or '[\]}]'", problem):
        return None
    line, col = cm
    opener = lines[line][col] if col < len(lines[line]) else "["
    closer = _FLOW_OPEN.get(opener, "]")
    msg = (
        f"从这里开始的 “{opener}” 没有闭合，或其中缺了逗号：在最后一项之后补上 “{closer}”，"
        "各项之间用半角逗号加空格分隔"
    )
    return Explained(line, col, msg)


def _fullwidth_comma(lines: list[str], ml: int) -> Explained | None:
    line = lines[ml] if ml < len(lines) else ""
    if "，" in line and any(c in line for c in "[]{}"):
        msg = (
            "“，” 是全角逗号：在 [ ] 或 { } 中，项与项之间要用半角逗号加空格 `, ` 分隔，"
            "如 `[a-school, b-school]`；括号之外不要写逗号"
        )
        return Explained(ml, line.index("，"), msg)
    return None


def _fullwidth_quote(lines: list[str], ml: int) -> Explained | None:
    line = lines[ml] if ml < len(lines) else ""
    for q in "“”‘’":
        if q in line:
            msg = (
                f"“{q}” 是全角引号，YAML 不把它当作引号：含冒号等符号的文字请用半角引号括起来，"
                '如 `title: "甲: 乙"`'
            )
            return Explained(ml, line.index(q), msg)
    return None


def _inner_colon(lines: list[str], ml: int, mc: int, problem: str) -> Explained | None:
    if "mapping values are not allowed" not in problem or ml >= len(lines):
        return None
    line = lines[ml]
    first = line.find(": ")
    if first == -1 or first >= mc or not _KEY_LINE.match(line):
        return None
    key = line[:first].strip().removeprefix("- ").strip()
    value = line[first + 2 :].strip()
    msg = (
        "取值里的 “: ”（冒号加空格）让 YAML 以为这里开始了新的键：请把整段文字用半角引号"
        f'括起来，写成 `{key}: "{value}"`（或把这个冒号改成全角 “：”）'
    )
    return Explained(ml, mc, msg)


def _indentation(lines: list[str], ml: int, problem: str) -> Explained | None:
    if ml >= len(lines) or not lines[ml].strip():
        return None
    before = _meaningful(lines, ml - 1, 50)
    if not before:
        return None
    here, above = _indent(lines[ml]), _indent(lines[before[0]])
    if "mapping values are not allowed" in problem and here > above:
        msg = (
            f"这一行比上一行多缩进了 {here - above} 个空格，YAML 把它当成了上一行取值的续行："
            "同一层的字段要左端对齐；若这一行属于上一行之下，上一行的冒号后不要写值"
        )
        return Explained(ml, here, msg)
    if "expected <block end>" in problem or "did not find expected key" in problem:
        msg = (
            f"缩进不一致：这一行缩进 {here} 个空格，上一行缩进 {above} 个空格：同一层的字段"
            "（或列表项 `- `）要左端对齐，下一层统一多缩进两个空格，只用空格"
        )
        return Explained(ml, here, msg)
    return None


_TRANSLATIONS = [
    ("could not find expected ':'", "这里缺少键后面的冒号 `: `（半角冒号加空格）"),
    ("mapping values are not allowed", "这里不能出现 `: `；含冒号的文字请用半角引号括起来"),
    ("found unknown escape character", "双引号中的反斜杠 “\\” 无法识别；改用单引号 '…' 括起文字"),
    ("found undefined alias", "以 “*” 开头的文字被当成了 YAML 别名：请用引号括起来"),
    ("cannot start any token", "这个符号不能作为取值的开头：请用半角引号把整段文字括起来"),
    ("did not find expected", "这一行的写法或缩进与上面的字段不一致：每行写成 `键: 值`，同层对齐"),
    ("expected <block end>", "缩进不一致：同一层的字段要左端对齐，只用空格"),
    ("found duplicate anchor", "以 “&” 开头的文字被当成了 YAML 锚点：请用引号括起来"),
]


def _translated(problem: str, ml: int, mc: int) -> Explained:
    for english, chinese in _TRANSLATIONS:
        if english in problem:
            return Explained(ml, mc, chinese)
    return Explained(ml, mc, f"无法解析（{problem}）")


def explain(
    text: str,
    problem: str,
    mark: tuple[int, int],
    context_mark: tuple[int, int] | None,
) -> Explained:
    """The likely mistake behind PyYAML's `problem` at `mark` (0-based), in Chinese."""
    lines = text.split("\n")
    ml, mc = mark
    ml = min(ml, len(lines) - 1)
    if ml > 0 and not lines[ml].strip() and mc == 0:
        # Errors at the end of the file or on a blank line concern the line before.
        ml = _meaningful(lines, ml, ml)[0] if _meaningful(lines, ml, ml) else ml
        mc = len(lines[ml])
    found = (
        _tab(lines, ml, problem)
        or _fullwidth_colon(lines, ml)
        or _fullwidth_comma(lines, ml)
        or _unclosed(lines, problem, context_mark)
        or _fullwidth_quote(lines, ml)
        or _inner_colon(lines, ml, mc, problem)
        or _indentation(lines, ml, problem)
    )
    return found or _translated(problem, ml, mc)
