"""W601: a number in the narrative next to an indicator's name that disagrees with its figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import problems_of

from generator.cli import main
from generator.content.validate import load_content

EXAMPLE = Path(__file__).resolve().parents[2] / "content"


def report(figures: str, body: str) -> dict[str, str]:
    return {
        "reports/2012/a-b.md": (
            f"---\nauthor: a-school\nfigures:\n{figures}---\n# 2012年度工作总结\n\n{body}\n"
        )
    }


def w601(tmp_path: Path, figures: str, body: str) -> list:
    return [p for p in problems_of(tmp_path, report(figures, body)) if p.code == "W601"]


def test_planted_disagreement_is_a_warning_at_its_line(tmp_path: Path) -> None:
    found = w601(tmp_path, "  lectures: 70余次\n", "第一段。\n\n全年开展学习讲座80余次，效果良好。")
    assert len(found) == 1
    p = found[0]
    assert p.severity == "warning"
    assert (p.path, p.line, p.col) == ("content/reports/2012/a-b.md", 10, 9)
    assert p.message == (
        "正文中的 “全年开展学习讲座80余次” 与成效数据 lectures: 70余次（专题讲座）不一致；"
        "请核对正文或 figures 中的数字"
    )
    assert p.format().startswith("content/reports/2012/a-b.md:10:9: warning[W601]: ")


@pytest.mark.parametrize(
    ("figures", "body"),
    [
        ("  lectures: 80余次\n", "全年开展学习讲座80余次。"),  # agrees
        ("  lectures: 80\n", "讲座80次。"),
        ("  road-hardened: 3.98公里\n", "硬化道路3980米。"),  # agrees after conversion
        ("  lectures: 80余次\n", "讲座80余次，其中上半年讲座30次。"),  # one mention agrees
        ("  lectures: 累计80次\n", "今年讲座20次。"),  # different basis
        ("  lectures: 80次\n", "讲座和培训共120人次。"),  # unit cannot be a count of 次
        ("  lectures: 80次\n", "2012年讲座很多。"),  # no figure next to the name
        ("", "讲座80余次。"),  # no figure given: nothing to compare
    ],
)
def test_quiet_when_prose_and_figures_agree_or_cannot_be_compared(
    tmp_path: Path, figures: str, body: str
) -> None:
    assert w601(tmp_path, figures or "  road-hardened: 5米\n", body) == []


def test_converted_units_disagree(tmp_path: Path) -> None:
    found = w601(tmp_path, "  road-hardened: 3.98公里\n", "村内硬化道路3,890米。")
    assert [p.code for p in found] == ["W601"]


def test_check_warns_and_strict_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers import make_tree

    root = make_tree(tmp_path, report("  lectures: 70余次\n", "讲座80余次。"), base=True)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    plain = runner.invoke(main, ["check", "--content", str(root)])
    assert plain.exit_code == 0 and "warning[W601]" in plain.output
    strict = runner.invoke(main, ["check", "--strict", "--content", str(root)])
    assert strict.exit_code == 1 and "warning[W601]" in strict.output


@pytest.mark.skipif(
    not (EXAMPLE / "indicators.yml").is_file(), reason="example content not present"
)
def test_quiet_on_the_example_content() -> None:
    for audience in ("public", "internal"):
        _, problems = load_content(EXAMPLE, audience)
        assert [p.format() for p in problems if p.code == "W601"] == []
