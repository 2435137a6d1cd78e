"""`bulletins build` says what it did, and reads mkdocs.yml as `mkdocs build` does.

The build's closing summary (pages, reports published, drafts by path, internal
records counted, warnings), warnings with path:line, -q, --strict; `!ENV` and
`INHERIT` read alike by `check` and `mkdocs build`; a tree without pages/ builds;
a configuration error shows MkDocs' own reason.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import SMALL, write_site

from generator.cli import main
from generator.cli.report import BuildReport

DRAFT = "---\nstatus: draft\nfigures:\n  lectures: 3次\n---\n\n草稿。\n"
INTERNAL_UNIT = "name: 内部单位\nkind: other\nvisibility: internal\n"


def site(tmp_path: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    files = {**SMALL, "reports/2016/hosp-a.md": DRAFT, "units/secret.yml": INTERNAL_UNIT}
    return write_site(tmp_path, {**files, **(extra or {})})


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_summary_names_the_skipped_draft_and_counts_internal_records(tmp_path: Path) -> None:
    site(tmp_path)
    code, out, err = run(["build", "-d", "out"], tmp_path)
    assert code == 0, err
    assert "网站已生成" in out
    pages = len(list((tmp_path / "out").rglob("index.html")))
    assert f"页面 {pages} 个；发布总结 4 篇" in out
    assert "未发布的草稿 1 篇" in out
    assert "content/reports/2016/hosp-a.md" in out
    assert "内部记录" in out and "单位 1 条" in out
    assert "没有警告" in out
    # Progress by stage, as plain lines when not on a terminal.
    for stage in ("[1/4] 读取并检查内容", "[2/4] 读取页面", "[3/4] 生成页面", "[4/4]"):
        assert stage in err
    assert not (tmp_path / "out" / "reports" / "2016" / "hosp-a").exists()


NARRATIVE_DISAGREES = "---\nfigures:\n  lectures: 80余次\n---\n\n开展专题讲座70余次。\n"


def test_warnings_are_shown_with_path_and_line_and_counted(tmp_path: Path) -> None:
    site(
        tmp_path,
        {
            "reports/2016/hosp-a.md": NARRATIVE_DISAGREES,
            "pages/about.md": "# 关于\n\n测试站点。\n\n见[旧页面](old.md)。\n",
        },
    )
    code, out, err = run(["build", "-d", "out"], tmp_path)
    assert code == 0, err
    assert "content/reports/2016/hosp-a.md:6:7: warning[W601]" in err
    assert "content/pages/about.md:5: warning[链接]" in err and "old.md" in err
    assert "警告 2 个" in out
    # -q: the warnings, no progress, no summary.
    code, out, err = run(["build", "-q", "-d", "out"], tmp_path)
    assert code == 0
    assert "warning[W601]" in err and "[1/4]" not in err
    assert out.startswith("网站已生成") and out.count("\n") == 1
    # --strict: the same warnings fail the build, the previous site stays.
    before = (tmp_path / "out" / "index.html").read_bytes()
    code, out, err = run(["build", "--strict", "-d", "out"], tmp_path)
    assert code == 1
    assert "warning[W601]" in err and "生成失败" in err
    assert (tmp_path / "out" / "index.html").read_bytes() == before


def test_progress_on_a_terminal_rewrites_one_line() -> None:
    stream = io.StringIO()
    log = logging.getLogger("mkdocs.commands.build")
    with BuildReport(stream, tty=True) as report:
        for name in ("a.md", "b.md"):
            log.debug(f"Reading: {name}")
        for name in ("a.md", "b.md"):
            log.debug(f"Building page {name}")
    text = stream.getvalue()
    assert "\r\033[K[3/4] 生成页面 1/2" in text and "\r\033[K[3/4] 生成页面 2/2" in text
    assert report.pages_built == 2 and report.stage == 4


def test_only_the_progress_lines_are_made_into_debug_records() -> None:
    """MkDocs says "Running `on_…` event" and "Copying media file" tens of thousands of times
    a build: below -vv those are never made into records; the levels are restored after."""
    mkdocs, plugins = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.plugins")
    before = mkdocs.level
    with BuildReport(io.StringIO()) as report:
        assert not plugins.isEnabledFor(logging.DEBUG)
        assert not logging.getLogger("mkdocs.structure.files").isEnabledFor(logging.DEBUG)
        assert logging.getLogger("mkdocs.plugins.bulletins").isEnabledFor(logging.DEBUG)
        logging.getLogger("mkdocs.commands.build").debug("Reading: a.md")
        assert report.pages_read == 1
    assert mkdocs.level == before
    with BuildReport(io.StringIO(), verbosity=2):
        assert plugins.isEnabledFor(logging.DEBUG)


BASE_YML = """\
site_name: 测试站点
docs_dir: content/pages
theme:
  name: material
  language: zh
  font: false
plugins:
  - search
  - bulletins:
      audience: !ENV [TEST_BULLETINS_AUDIENCE, internal]
"""


@pytest.mark.parametrize("env", [None, "public"])
def test_check_and_mkdocs_build_see_the_same_audience(tmp_path: Path, env: str | None) -> None:
    site(tmp_path)
    (tmp_path / "base.yml").write_text(BASE_YML, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_url: https://e.org/\n")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("BULLETINS_", "TEST_BUL"))}
    if env:
        environ["TEST_BULLETINS_AUDIENCE"] = env
    expected = env or "internal"
    check = subprocess.run(
        [sys.executable, "-m", "generator.cli", "check"],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
    )
    assert f"受众 {expected}" in check.stdout, check.stdout + check.stderr
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "out"],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "units" / "secret" / "index.html").exists() == (
        expected == "internal"
    )


def test_a_tree_without_pages_builds(tmp_path: Path) -> None:
    site(tmp_path)
    pages = tmp_path / "content" / "pages"
    for f in pages.iterdir():
        f.unlink()
    pages.rmdir()
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  font: false\n", "  font: false\n  features: [content.action.edit]\n"
        )
        + "repo_url: https://example.org/repo/\nedit_uri: edit/main/content/pages/\n",
        encoding="utf-8",
    )
    code, out, err = run(["build", "-d", "out"], tmp_path)
    assert code == 0, err
    assert (tmp_path / "out" / "index.html").exists()
    assert not pages.exists()  # the build read an empty folder of its own, made nothing here
    # Edit links stay relative to the configured docs_dir, not to that stand-in folder.
    html = (tmp_path / "out" / "reports" / "2015" / "hosp-a" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/repo/edit/main/content/reports/2015/hosp-a.md"' in html


def test_configuration_error_shows_mkdocs_reason(tmp_path: Path) -> None:
    site(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text() + "theme_x: 1\nuse_directory_urls: maybe\n")
    code, out, err = run(["build", "-d", "out"], tmp_path)
    assert code == 1
    assert "mkdocs.yml 配置有误" in err
    assert (
        "use_directory_urls" in err
    )  # MkDocs' own reason, not "Aborted with a configuration error!"


def test_verbose_adds_mkdocs_own_messages(tmp_path: Path) -> None:
    site(tmp_path)
    code, out, err = run(["build", "-v", "-d", "out"], tmp_path)
    assert code == 0, err
    assert "INFO" in err and "Documentation built in" in err
    code, out, err = run(["build", "-d", "out"], tmp_path)
    assert "Documentation built in" not in err


def test_check_names_an_unreadable_mkdocs_yml(tmp_path: Path) -> None:
    site(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("INHERIT: missing.yml\nsite_name: x\n", encoding="utf-8")
    code, out, err = run(["check"], tmp_path)
    assert code == 2
    assert "mkdocs.yml 配置有误" in err and "missing.yml" in err and "Traceback" not in err
