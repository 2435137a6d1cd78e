"""YAML mistakes editors make, each reported in Chinese on the line of the mistake with its fix.

Each test writes one broken file into the minimal tree (`helpers.BASE`), runs
`bulletins check` as an editor would, and asserts the whole output line: path, line,
column, code and message. PyYAML itself reports most of these a line later, in English.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import make_tree

from generator.cli import main

R = "reports/2012/a-b.md"
U = "units/a-school.yml"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BULLETINS_AUDIENCE", raising=False)
    return tmp_path


def check(root: Path, files: dict[str, str | None]) -> list[str]:
    """The problem lines `bulletins check` prints for the base tree with `files` changed."""
    make_tree(root, files, base=True)
    result = CliRunner().invoke(main, ["check", "--content", "content"])
    assert result.exit_code == 1, result.output
    return [line for line in result.output.splitlines() if line.startswith("content/")]


def report(front: str) -> str:
    return f"---\n{front}---\n# 2012年度工作总结\n\n开展讲座。\n"


def test_full_width_colon_is_reported_on_its_own_line(in_tmp: Path) -> None:
    # PyYAML fails on line 6 ("mapping values are not allowed here"); the mistake is line 5.
    front = "author: a-school\nfigures:\n  lectures：80余次\n  road-hardened: 300米\n"
    assert check(in_tmp, {R: report(front)}) == [
        f"content/{R}:4:11: error[E102]: YAML 语法错误：“：” 是全角冒号：键和值之间要用半角冒号"
        "加一个空格，请写成 `lectures: 80余次`（切换到英文输入法输入冒号）"
    ]


def test_full_width_colon_on_the_last_line(in_tmp: Path) -> None:
    # The case: PyYAML says "could not find expected ':'" on the line after.
    text = "name: 甲学校\nkind: school\nregion：[云南省, 昆明市]\n"
    assert check(in_tmp, {U: text}) == [
        f"content/{U}:3:7: error[E102]: YAML 语法错误：“：” 是全角冒号：键和值之间要用半角冒号"
        "加一个空格，请写成 `region: [云南省, 昆明市]`（切换到英文输入法输入冒号）"
    ]


def test_full_width_comma_between_list_items(in_tmp: Path) -> None:
    text = "supporters: [a-school]，\nrecipients: [b-school]\nsector: education\nsince: 2010\n"
    assert check(in_tmp, {"pairings/a-b.yml": text}) == [
        "content/pairings/a-b.yml:1:23: error[E102]: YAML 语法错误：“，” 是全角逗号：在 [ ] 或 "
        "{ } 中，项与项之间要用半角逗号加空格 `, ` 分隔，如 `[a-school, b-school]`；括号之外"
        "不要写逗号"
    ]


def test_full_width_comma_inside_a_list_of_ids(in_tmp: Path) -> None:
    # Valid YAML (one item "a-school，b-school"): the field check names the comma.
    files = {
        "units/c-school.yml": "name: 丙学校\nkind: school\n",
        "pairings/a-b.yml": (
            "supporters: [a-school，c-school]\nrecipients: [b-school]\nsector: education\n"
            "since: 2010\n"
        ),
    }
    assert check(in_tmp, files) == [
        "content/pairings/a-b.yml:1:14: error[E203]: “supporters” 第 1 项应为单位编号（小写字母、"
        "数字、连字符），而写的是 “a-school，c-school”（“，” 是全角逗号：列表项之间要用半角逗号"
        "加空格 `, `）"
    ]


def test_full_width_quotes_around_a_value_with_a_colon(in_tmp: Path) -> None:
    front = "author: a-school\ntitle: “支教: 2012年度”\n"
    assert check(in_tmp, {R: report(front)}) == [
        f"content/{R}:3:8: error[E102]: YAML 语法错误：““” 是全角引号，YAML 不把它当作引号：含"
        '冒号等符号的文字请用半角引号括起来，如 `title: "甲: 乙"`'
    ]


def test_tab_indentation(in_tmp: Path) -> None:
    front = "author: a-school\nfigures:\n\tlectures: 80余次\n"
    assert check(in_tmp, {R: report(front)}) == [
        f"content/{R}:4:1: error[E102]: YAML 语法错误：这一行用了 Tab（制表符）；YAML 只能用空格"
        "缩进：把 Tab 换成空格，同一层的字段左端对齐（通常每层缩进两个空格）"
    ]


def test_line_indented_less_than_its_siblings(in_tmp: Path) -> None:
    front = "author: a-school\nfigures:\n    lectures: 80余次\n  road-hardened: 300米\n"
    assert check(in_tmp, {R: report(front)}) == [
        f"content/{R}:5:3: error[E102]: YAML 语法错误：缩进不一致：这一行缩进 2 个空格，上一行"
        "缩进 4 个空格：同一层的字段（或列表项 `- `）要左端对齐，下一层统一多缩进两个空格，"
        "只用空格"
    ]


def test_line_indented_more_than_its_sibling(in_tmp: Path) -> None:
    front = "author: a-school\nfigures:\n  lectures: 80余次\n   road-hardened: 300米\n"
    assert check(in_tmp, {R: report(front)}) == [
        f"content/{R}:5:4: error[E102]: YAML 语法错误：这一行比上一行多缩进了 1 个空格，YAML 把它"
        "当成了上一行取值的续行：同一层的字段要左端对齐；若这一行属于上一行之下，上一行的冒号后"
        "不要写值"
    ]


def test_unquoted_colon_inside_a_value(in_tmp: Path) -> None:
    front = "author: a-school\ntitle: 支教工作: 2012年度\n"
    assert check(in_tmp, {R: report(front)}) == [
        f"content/{R}:3:12: error[E102]: YAML 语法错误：取值里的 “: ”（冒号加空格）让 YAML 以为"
        '这里开始了新的键：请把整段文字用半角引号括起来，写成 `title: "支教工作: 2012年度"`'
        "（或把这个冒号改成全角 “：”）"
    ]


def test_unquoted_colon_inside_a_list_item_says_to_quote_it(in_tmp: Path) -> None:
    # Valid YAML that reads the item as a mapping; the message says what to write instead.
    front = "author: a-school\nproblems:\n  - 问题: 资金不足\n"
    assert check(in_tmp, {R: report(front)}) == [
        f"content/{R}:4:5: error[E203]: “problems” 第 1 项应为一段非空文字，而写的是映射：文字中"
        "的 “: ”（冒号加空格）让 YAML 把它读成了“键: 值”；请把整段文字用半角引号括起来，写成 "
        '"问题: 资金不足"（或把冒号改成全角 “：”）'
    ]


def test_unclosed_bracket_points_at_the_bracket(in_tmp: Path) -> None:
    text = "name: 甲学校\nregion: [云南省, 昆明市\nkind: school\n"
    assert check(in_tmp, {U: text}) == [
        f"content/{U}:2:9: error[E102]: YAML 语法错误：从这里开始的 “[” 没有闭合，或其中缺了"
        "逗号：在最后一项之后补上 “]”，各项之间用半角逗号加空格分隔"
    ]


def test_full_width_colon_making_figures_text(in_tmp: Path) -> None:
    # `figures:` then one line with a full-width colon is valid YAML (a text), not a mapping.
    front = "author: a-school\nfigures: lectures：80余次\n"
    assert check(in_tmp, {R: report(front)}) == [
        f"content/{R}:3:10: error[E203]: 字段 “figures” 应为映射：在下面的各行缩进两个空格写 "
        "`键: 值`，而写的是文本（“：” 是全角冒号：`键: 值` 要用半角冒号加空格）"
    ]


def test_guide_explains_tabs_and_full_width_colons() -> None:
    result = CliRunner().invoke(main, ["guide"])
    assert result.exit_code == 0, result.output
    section = result.output.split("### E102")[1].split("###")[0]
    assert "行首的 Tab" in section and "trainees：112人次（全角冒号）" in section
    assert "不用全角 “：”" in section and "不用 Tab" in section and "半角引号" in section
