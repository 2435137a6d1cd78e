"""`bulletins export DIR`: every generated page as plain Markdown with front matter, which a
plain MkDocs (no bulletins plugin) builds into the same pages as the plugin does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from helpers import assert_export_links_land
from hypothesis import given
from hypothesis import strategies as st
from sites import SMALL, write_site

from generator.cli import main
from generator.cli.build import build_site
from generator.site.export import markdown_page, page_url, relative_url, target_path

SEGMENT = st.sampled_from(["", "a", "b", "units", "x.csv", "feed.xml", "index.html", "2015"])


@given(st.lists(SEGMENT, max_size=4), st.lists(SEGMENT, max_size=4))
def test_relative_url_is_mkdocs_get_relative_url(url: list[str], other: list[str]) -> None:
    from mkdocs.utils import get_relative_url

    a, b = "/".join(url), "/".join(other)
    assert relative_url(a, b) == get_relative_url(a, b)


def test_page_urls_are_directory_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("units/index.md") == "units/"
    assert page_url("units/x.md") == "units/x/"
    assert page_url("reports/2015/a.md") == "reports/2015/a/"
    assert page_url("data/figures.csv") == "data/figures.csv"
    assert target_path("units/index.md", "hugo") == "units/_index.md"
    assert target_path("index.md", "hugo") == "_index.md"
    assert target_path("units/index.md", "mkdocs") == "units/index.md"


def test_the_body_goes_back_as_markdown_inside_its_element() -> None:
    html = '<div class="x">\n\n  <p>a</p>\n\n<div class="bl-narrative"><!--bulletins-body--></div>'
    assert markdown_page(html, "## 标题\n\n正文\n") == (
        '<div class="x">\n  <p>a</p>\n<div class="bl-narrative" markdown="1">\n\n'
        "## 标题\n\n正文\n\n</div>\n"
    )
    assert markdown_page("<p>no body</p>\n\n", "") == "<p>no body</p>\n"


def _export(yml: Path, out: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", str(out), "-f", str(yml), *args])
    return result.exit_code, result.output


def _front(text: str) -> dict:
    assert text.startswith("---\n"), text[:80]
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_site(tmp_path_factory.mktemp("export") / "src", SMALL)


def test_export_writes_every_page_with_front_matter_and_the_downloads(
    small: Path, tmp_path: Path
) -> None:
    code, output = _export(small, tmp_path / "out")
    assert code == 0, output
    assert "已导出" in output
    out = tmp_path / "out" / "docs"
    for rel in (
        "index.md",
        "pairings/index.md",
        "units/town-a.md",
        "reports/2015/hosp-a.md",
        "years/2016.md",
        "indicators/lectures.md",
        "data/index.md",
        "about.md",
        "feed.xml",
        "data/figures.csv",
        "data/datapackage.json",
    ):
        assert (out / rel).is_file(), rel
    report = (out / "reports/2015/hosp-a.md").read_text(encoding="utf-8")
    assert _front(report)["title"] == "市第一人民医院对口支援甲镇中心卫生院 2015年度工作总结"
    # the narrative is Markdown again, inside the template's HTML
    assert '<div class="bl-narrative" markdown="1">\n\n## 主要做法\n\n开展胃镜技术培训。' in report
    # the home page shows the menu: a way into every section
    assert _front((out / "index.md").read_text(encoding="utf-8"))["hide"] == ["toc"]
    assert (out / "about.md").read_bytes() == (small.parent / "content/pages/about.md").read_bytes()
    # every relative link between exported files lands on an exported page or file
    assert_export_links_land(out)


def test_a_plain_mkdocs_builds_the_export_into_the_same_pages(small: Path, tmp_path: Path) -> None:
    plugin_site = Path(build_site(str(small), str(tmp_path / "plugin")))
    assert _export(small, tmp_path / "export")[0] == 0
    docs = tmp_path / "export" / "docs"
    plain = tmp_path / "plain.yml"
    plain.write_text(
        yaml.safe_dump(
            {
                "site_name": "测试站点",
                "docs_dir": str(docs),
                "theme": {"name": "material", "language": "zh", "font": False},
                "markdown_extensions": ["tables", "attr_list", "md_in_html"],
                "plugins": ["search"],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-q",
            "-f",
            str(plain),
            "-d",
            str(tmp_path / "p"),
        ],
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]

    def pages(root: Path) -> set[str]:
        return {
            p.relative_to(root).as_posix()
            for p in root.rglob("index.html")
            if not p.relative_to(root).as_posix().startswith(("search/", "assets/"))
        }

    assert pages(tmp_path / "p") == pages(plugin_site)
    html = (tmp_path / "p" / "reports/2015/hosp-a/index.html").read_text(encoding="utf-8")
    assert '<h2 id="主要做法">主要做法</h2>' in html or "主要做法</h2>" in html
    assert 'class="bl-narrative"' in html and "开展胃镜技术培训。" in html


def test_hugo_layout_names_section_pages_index(small: Path, tmp_path: Path) -> None:
    out = tmp_path / "hugo"
    assert _export(small, out, "--layout", "hugo")[0] == 0
    assert (out / "_index.md").is_file() and (out / "units/_index.md").is_file()
    assert not (out / "units/index.md").exists()
    assert (out / "units/town-a.md").is_file()


def test_bad_content_exports_nothing_and_says_where(tmp_path: Path) -> None:
    yml = write_site(tmp_path / "src", {**SMALL, "units/town-a.yml": "name: 甲\nkind: castle\n"})
    out = tmp_path / "out"
    code, output = _export(yml, out)
    assert code == 1
    assert "town-a.yml:2" in output and "内容有错误，未导出" in output
    assert "Traceback" not in output
    assert not out.exists()


def test_the_export_never_empties_the_content_folder(small: Path) -> None:
    code, output = _export(small, small.parent / "content")
    assert code == 2 and "不能是网站根目录或内容目录" in output
    assert (small.parent / "content" / "units" / "town-a.yml").is_file()
