"""`bulletins status`: the year's bookkeeping as an office runs it (and as CI does, by its exit
code), and the same as the internal site's /status/ page, never in the public build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import SMALL, read, write_site

from generator.cli import main
from generator.cli.build import build_site

# SMALL has three pairings since 2014/2012: hosp-a and hosp-b reported 2015, uni 2015 and 2016.
DRAFT = "---\nstatus: draft\nfigures:\n  lectures: 5次\n---\n\n草稿正文。\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    files = {**SMALL, "reports/2016/hosp-b.md": DRAFT}
    write_site(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BULLETINS_AUDIENCE", raising=False)
    return tmp_path


def status(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, ["status", *args])
    return result.exit_code, result.output.splitlines()


def test_latest_year_by_default_lists_missing_draft_and_reported(site: Path) -> None:
    code, lines = status()
    assert code == 1
    assert lines == [
        "2016 年度报送情况：未报送 1，草稿 1，已报送 1（在期限内的结对共 3 个）",
        "  未报送  hosp-a  市第一人民医院对口支援甲镇中心卫生院",
        "      应有文件 content/reports/2016/hosp-a.md（可运行 bulletins new report --pairing "
        "hosp-a --year 2016）",
        "  草稿  hosp-b  市第一人民医院对口支援乙乡卫生院",
        "      content/reports/2016/hosp-b.md（status: draft：定稿后删去这一行）",
        "  已报送  uni  华东师范大学对口支援新疆师范大学",
        "      content/reports/2016/uni.md，未写发布日期（published）",
    ]


def test_exit_0_when_every_active_pairing_has_reported(site: Path) -> None:
    code, lines = status("--year", "2015")
    assert code == 0
    assert lines[0] == "2015 年度报送情况：未报送 0，草稿 0，已报送 3（在期限内的结对共 3 个）"
    assert "      content/reports/2015/hosp-a.md，发布于 2016-01-10" in lines
    assert lines[-1] == "全部结对均已报送。"


def test_only_pairings_active_that_year(site: Path) -> None:
    code, lines = status("--year", "2013")  # the hospital pairings start in 2014
    assert code == 1
    assert lines[0] == "2013 年度报送情况：未报送 1，草稿 0，已报送 0（在期限内的结对共 1 个）"
    assert [x for x in lines if x.startswith("  ")][
        0
    ] == "  未报送  uni  华东师范大学对口支援新疆师范大学"


def test_json_for_scripts(site: Path) -> None:
    result = CliRunner().invoke(main, ["status", "--year", "2016", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert [(d["pairing"], d["state"], d["path"]) for d in data] == [
        ("hosp-a", "missing", "content/reports/2016/hosp-a.md"),
        ("hosp-b", "draft", "content/reports/2016/hosp-b.md"),
        ("uni", "reported", "content/reports/2016/uni.md"),
    ]


def test_content_errors_fail_and_say_so(site: Path) -> None:
    report = site / "content/reports/2015/hosp-b.md"
    report.write_text(report.read_text("utf-8").replace("lectures:", "lecturs:"), "utf-8")
    code, lines = status("--year", "2015")
    assert code == 1
    assert "已报送 2" in lines[0]
    assert lines[-1] == (
        "注意：内容有 1 个错误（运行 bulletins check 查看）；有错误的总结或结对不在上表中"
    )


def test_no_reports_yet_asks_for_a_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {k: v for k, v in SMALL.items() if not k.startswith("reports/")}
    write_site(tmp_path, files)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["status"])
    assert result.exit_code == 2
    assert "还没有任何年度总结：请用 --year 指定年度" in result.output
    code, lines = status("--year", "2015")
    assert code == 1 and lines[0].startswith("2015 年度报送情况：未报送 3")


@pytest.mark.slow
def test_status_page_in_the_internal_build_only(tmp_path: Path) -> None:
    files = {**SMALL, "reports/2016/hosp-b.md": DRAFT}
    internal = build_site(
        str(write_site(tmp_path / "i", files, audience="internal")), str(tmp_path / "i/site")
    )
    page = read(internal, "status/")
    assert "报送情况" in page and "2016年度" in page and "2015年度" in page
    assert "未报送 1，草稿 1，已报送 1" in page  # the draft is left out of the build, yet counted
    assert "content/reports/2016/hosp-a.md" in page and "content/reports/2016/hosp-b.md" in page
    assert 'href="../reports/2016/uni/"' in page
    assert 'href="status/"' in read(internal, "")  # in the navigation

    public = build_site(str(write_site(tmp_path / "p", files)), str(tmp_path / "p/site"))
    assert not (public / "status").exists()
    assert "status/" not in read(public, "")
