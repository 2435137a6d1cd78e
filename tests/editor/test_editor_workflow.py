"""An editor's first hour: init → new unit ×2 → new pairing → new report → check → build.

Run through the real `bulletins` command (click's CliRunner) in a fresh folder,
as a new user would; plus the refusals: a non-empty folder, an existing id, an
unknown unit, a bad kind, missing options — each a Chinese message, no traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site-repo"
    code, out = run("init", str(root))
    assert code == 0, out
    monkeypatch.chdir(root)
    return root


def test_init_writes_a_site_that_checks_clean(site: Path) -> None:
    for rel in (
        "mkdocs.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        "content/indicators.yml",
        "schemas/unit.schema.json",
        "schemas/report.schema.json",
    ):
        assert (site / rel).is_file(), rel
    for folder in ("units", "pairings", "reports", "pages"):
        assert (site / "content" / folder).is_dir()
    assert "bulletins check" in (site / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    settings = json.loads((site / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/unit.schema.json"] == [
        "content/units/*.yml",
        "content/units/*.yaml",
    ]
    mkdocs = (site / "mkdocs.yml").read_text(encoding="utf-8")
    assert "language: zh" in mkdocs and "- bulletins:" in mkdocs and "audience: public" in mkdocs
    code, out = run("check")
    assert code == 0, out


def test_init_then_new_three_times_then_check_and_build(site: Path) -> None:
    code, out = run(
        "new",
        "unit",
        "新疆师范大学",
        "--kind",
        "university",
        "--region",
        "新疆维吾尔自治区,乌鲁木齐市",
    )
    assert code == 0, out
    assert "xinjiang-shifan-daxue" in out
    code, out = run(
        "new",
        "unit",
        "华东师范大学",
        "--kind",
        "university",
        "--short-name",
        "华东师大",
        "--region",
        "上海市",
    )
    assert code == 0, out
    code, out = run(
        "new",
        "pairing",
        "--supporters",
        "huadong-shifan-daxue",
        "--recipients",
        "xinjiang-shifan-daxue",
        "--sector",
        "higher-education",
        "--since",
        "2006-09",
    )
    assert code == 0, out
    pairing = site / "content/pairings/huadong-shida-xinjiang-shifan-daxue.yml"
    assert pairing.is_file(), out
    code, out = run("new", "report", "--pairing", pairing.stem, "--year", "2015")
    assert code == 0, out

    unit = (site / "content/units/xinjiang-shifan-daxue.yml").read_text(encoding="utf-8")
    assert "name: 新疆师范大学" in unit and "region: [新疆维吾尔自治区, 乌鲁木齐市]" in unit
    assert "# website:" in unit and "# contact:" in unit  # optional fields, commented
    assert unit.startswith("# yaml-language-server: $schema=../../schemas/unit.schema.json")
    report = (site / "content/reports/2015" / f"{pairing.stem}.md").read_text(encoding="utf-8")
    assert "status: draft" in report and "#   lectures:" in report and "## 主要做法" in report

    code, out = run("check")
    assert code == 0, out
    assert "检查通过" in out

    code, out = run("build", "--audience", "internal")
    assert code == 0, out
    assert (site / "site/index.html").is_file()


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    code, out = run("init", str(tmp_path))
    assert code == 2
    assert "不是空的" in out
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "x"
    assert not (tmp_path / "mkdocs.yml").exists()


def test_new_never_overwrites(site: Path) -> None:
    assert run("new", "unit", "新疆师范大学", "--kind", "university")[0] == 0
    path = site / "content/units/xinjiang-shifan-daxue.yml"
    path.write_text(
        "name: 新疆师范大学\nkind: university\nshort_name: 编辑改过\n", encoding="utf-8"
    )
    code, out = run("new", "unit", "新疆师范大学", "--kind", "school")
    assert code == 1
    assert "已存在" in out and "Traceback" not in out
    assert "编辑改过" in path.read_text(encoding="utf-8")


def test_new_report_never_overwrites(site: Path) -> None:
    run("new", "unit", "甲学校", "--kind", "school", "--id", "jia")
    run("new", "unit", "乙学校", "--kind", "school", "--id", "yi")
    assert (
        run(
            "new",
            "pairing",
            "--supporters",
            "jia",
            "--recipients",
            "yi",
            "--sector",
            "education",
            "--since",
            "2010",
            "--id",
            "jia-yi",
        )[0]
        == 0
    )
    assert run("new", "report", "--pairing", "jia-yi", "--year", "2012")[0] == 0
    code, out = run("new", "report", "--pairing", "jia-yi", "--year", "2012")
    assert code == 1 and "已存在" in out
    code, out = run(
        "new",
        "pairing",
        "--supporters",
        "jia",
        "--recipients",
        "yi",
        "--sector",
        "education",
        "--since",
        "2010",
        "--id",
        "jia-yi",
    )
    assert code == 1 and "已存在" in out


def test_new_pairing_names_unknown_units(site: Path) -> None:
    run("new", "unit", "甲学校", "--kind", "school", "--id", "jia")
    code, out = run(
        "new",
        "pairing",
        "--supporters",
        "jia",
        "--recipients",
        "jiaa,nobody",
        "--sector",
        "educaton",
        "--since",
        "2010年",
    )
    assert code == 1
    assert "“jiaa” 不存在" in out and "“nobody” 不存在" in out
    assert "是否应为 “jia”" in out
    assert "“educaton”" in out and "education" in out
    assert "--since" in out
    assert not list((site / "content/pairings").glob("*.yml"))


def test_new_report_checks_pairing_and_period(site: Path) -> None:
    code, out = run("new", "report", "--pairing", "no-such", "--year", "2015")
    assert code == 1 and "结对 “no-such” 不存在" in out
    run("new", "unit", "甲学校", "--kind", "school", "--id", "jia")
    run("new", "unit", "乙学校", "--kind", "school", "--id", "yi")
    run(
        "new",
        "pairing",
        "--supporters",
        "jia",
        "--recipients",
        "yi",
        "--sector",
        "education",
        "--since",
        "2010",
        "--until",
        "2012",
        "--id",
        "jia-yi",
    )
    code, out = run("new", "report", "--pairing", "jia-yi", "--year", "2015")
    assert code == 1 and "不在结对" in out
    code, out = run("new", "report", "--pairing", "jia-yi", "--year", "15")
    assert code == 2 and "四位数年份" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["new", "unit", "新疆师范大学", "--kind", "clinic"], "单位类型"),
        (["new", "unit", "新疆师范大学"], "缺少 --kind"),
        (["new", "unit", "--kind", "school"], "缺少 单位全称"),
        (["new", "unit", "！！", "--kind", "school"], "--id"),
        (["new", "unit", "甲", "--kind", "school", "--id", "Bad_Id"], "不合规"),
        (["new", "pairing", "--recipients", "a"], "缺少 --supporters"),
        (["new", "report", "--year", "2015"], "缺少 --pairing"),
    ],
)
def test_bad_arguments_are_chinese_usage_errors(site: Path, args: list[str], expected: str) -> None:
    code, out = run(*args)
    assert code == 2, out
    assert out.startswith("错误：") and expected in out


def test_new_outside_a_site_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = run("new", "unit", "甲学校", "--kind", "school")
    assert code == 2 and "bulletins init" in out


def test_unwritable_target_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    code, out = run("init", str(blocker / "site"))
    assert code == 1
    assert out.startswith("错误：无法读写文件") and "Traceback" not in out
