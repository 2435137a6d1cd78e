"""Lints W602–W605 as an editor meets them in `bulletins check`, and the editor commands'
wording: long ids suggest `--id`, `init --programme` reaches every generated comment."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import make_tree

from generator.cli import main

R = "reports/2012/a-b.md"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BULLETINS_AUDIENCE", raising=False)
    return tmp_path


def check(root: Path, files: dict[str, str | None], *args: str) -> tuple[int, list[str]]:
    make_tree(root, files, base=True)
    result = CliRunner().invoke(main, ["check", "--content", "content", *args])
    lines = [line for line in result.output.splitlines() if line.startswith("content/")]
    return result.exit_code, lines


INDICATORS = (
    "lectures:\n  name: 专题讲座\n  unit: 次\nequipment-value:\n  name: 设备价值\n  unit: 元\n"
)


def test_w602_reading_of_yu_disagrees(in_tmp: Path) -> None:
    text = (
        "---\nauthor: a-school\nfigures:\n  equipment-value: 70万余元\n---\n"
        "# 2012年度工作总结\n\n全年捐赠设备价值70余万元。\n"
    )
    code, lines = check(in_tmp, {"indicators.yml": INDICATORS, R: text})
    assert code == 0  # a warning: check passes unless --strict
    assert lines == [
        f"content/{R}:8:9: warning[W602]: 正文中的 “全年捐赠设备价值70余万元” 与成效数据 "
        "equipment-value: 70万余元（第 4 行）的约数写法不一致：“70余万元” 指 70万元到80万元之间，"
        "“70万余元” 指 70万元到71万元之间；请把两处改成同一种写法"
    ]
    strict = CliRunner().invoke(main, ["check", "--content", "content", "--strict"])
    assert strict.exit_code == 1 and "[W602]" in strict.output


@pytest.mark.parametrize(
    ("figure", "prose", "warned"),
    [
        ("70余万元", "价值70余万元", False),
        ("700000元", "价值70万元", False),  # both exact
        ("70多万元", "价值70余万元", False),  # 多 and 余 read alike
        ("70余万元", "价值近70万元", True),  # short of 70万 against more than 70万
        ("70余万元", "价值近80万元", False),  # another value: W601's business, not W602's
        ("近70万元", "价值约70万元", True),
        ("700000元", "价值70余万元", True),
    ],
)
def test_w602_cases(in_tmp: Path, figure: str, prose: str, warned: bool) -> None:
    text = (
        f"---\nauthor: a-school\nfigures:\n  equipment-value: {figure}\n---\n"
        f"# 2012年度工作总结\n\n全年捐赠设备{prose}。\n"
    )
    _, lines = check(in_tmp, {"indicators.yml": INDICATORS, R: text})
    assert any("[W602]" in line for line in lines) == warned, lines


def test_w603_published_before_the_report_year(in_tmp: Path) -> None:
    text = "---\nauthor: a-school\npublished: 2011-03-01\n---\n# 2012年度工作总结\n\n开展讲座。\n"
    code, lines = check(in_tmp, {R: text})
    assert code == 0
    assert lines == [
        f"content/{R}:3:12: warning[W603]: published: 2011-03-01 早于总结所在的年份目录 "
        "reports/2012/：2012 年度的总结应在 2012 年或 2013 年发布；请核对 published 的年份，"
        "或把文件移到正确的年份目录"
    ]


@pytest.mark.parametrize(
    ("published", "warned"), [("2012-12-31", False), ("2013-02", False), ("2014", True)]
)
def test_w603_the_following_year_is_fine(in_tmp: Path, published: str, warned: bool) -> None:
    text = f"---\nauthor: a-school\npublished: {published}\n---\n正文。\n"
    _, lines = check(in_tmp, {R: text})
    assert any("[W603]" in line for line in lines) == warned, lines


def test_w604_two_units_with_one_name(in_tmp: Path) -> None:
    code, lines = check(in_tmp, {"units/jia-xuexiao.yml": "kind: school\nname: 甲学校\n"})
    assert code == 0
    assert lines == [
        "content/units/jia-xuexiao.yml:2:7: warning[W604]: 单位名称 “甲学校” 与 "
        "content/units/a-school.yml:1（编号 a-school）相同：同一单位只应有一个文件，请删去一个并"
        "把引用改成另一个的编号；若是两个单位，请把名称写全以示区分"
    ]


def test_w605_same_parties_overlapping_years(in_tmp: Path) -> None:
    second = "supporters: [a-school]\nrecipients: [b-school]\nsector: education\nsince: 2015\n"
    code, lines = check(in_tmp, {"pairings/a-b-2.yml": second})
    assert code == 0
    assert lines == [
        "content/pairings/a-b.yml:1:13: warning[W605]: 结对 “a-b” 与 content/pairings/a-b-2.yml:1"
        "（结对 “a-b-2”）的支援方、受援方和领域相同，年份又有重叠：同一结对只应有一个文件，请合并为"
        "一个（总结放在保留的编号下）；若是前后两期，请用 since / until 把年份分开"
    ]


def test_w605_quiet_for_successive_periods_or_other_sectors(in_tmp: Path) -> None:
    first = "supporters: [a-school]\nrecipients: [b-school]\nsector: education\nsince: 2010\n"
    files = {
        "pairings/a-b.yml": first + "until: 2014\n",
        "pairings/a-b-2.yml": first.replace("2010", "2015"),
        "pairings/a-b-health.yml": first.replace("education", "health").replace("2010", "2016"),
    }
    _, lines = check(in_tmp, files)
    assert not any("[W605]" in line for line in lines), lines


# ---------------------------------------------------------------- editor commands


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_new_pairing_with_long_unit_ids_suggests_id(in_tmp: Path) -> None:
    assert run("init", "site", "--programme", "对口支援")[0] == 0
    args = ["--content", "site/content"]
    assert run("new", "unit", "华东师范大学", "--kind", "university", *args)[0] == 0
    long_name = "新疆维吾尔自治区乌鲁木齐市第一中学附属实验学校"
    code, out = run("new", "unit", long_name, "--kind", "school", *args)
    assert code == 0, out
    rid = next(p.stem for p in Path("site/content/units").glob("xinjiang-*.yml"))
    pairing = ["new", "pairing", "--supporters", "huadong-shifan-daxue", "--recipients", rid]
    pairing += ["--sector", "education", "--since", "2012", *args]
    code, out = run(*pairing)
    assert code == 2
    assert "超过 64 个：请用 --id 指定一个短些的拼音编号，如 --id hdsfdx-xjwwezzq" in out
    code, out = run(*pairing, "--id", "hdsfdx-xjwwezzq")
    assert code == 0, out
    assert Path("site/content/pairings/hdsfdx-xjwwezzq.yml").is_file()


def test_init_programme_reaches_comments_help_and_schemas(in_tmp: Path) -> None:
    assert run("init", "site", "--programme", "对口帮扶")[0] == 0
    args = ["-f", "site/mkdocs.yml"]
    assert run("new", "unit", "甲学校", "--kind", "school", "--id", "a", *args)[0] == 0
    assert run("new", "unit", "乙学校", "--kind", "school", "--id", "b", *args)[0] == 0
    code, out = run(
        "new",
        "pairing",
        "--supporters",
        "a",
        "--recipients",
        "b",
        "--sector",
        "education",
        "--since",
        "2012",
        "--id",
        "a-b",
        *args,
    )
    assert code == 0, out
    code, out = run("new", "report", "--pairing", "a-b", "--year", "2015", *args)
    assert code == 0, out
    written = [p for p in Path("site").rglob("*") if p.is_file()]
    assert [str(p) for p in written if "对口支援" in p.read_text("utf-8")] == []
    report = Path("site/content/reports/2015/a-b.md").read_text("utf-8")
    assert "# title: 2015年度对口帮扶工作总结" in report
    assert "对口帮扶" in Path("site/content/pairings/a-b.yml").read_text("utf-8")
    for command in (["--help"], ["new", "pairing", "--help"], ["init", "--help"]):
        assert "默认“支援方对口支援受援方”" not in run(*command)[1]
    # One heading per category, even when the catalogue lists a category in two places.
    headings = [line for line in report.splitlines() if "# ──" in line]
    assert len(headings) == len(set(headings)) > 3
    assert run("check", *args)[0] == 0
