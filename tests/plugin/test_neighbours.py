"""The plugin beside the site's own settings and other plugins: a user's `nav:`, the order of
stylesheets, the feed link under a site's own main.html, edit links to content files, and
Material's blog plugin refused with a message."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from sites import MKDOCS_YML, SMALL, write_site

from generator.cli.build import BuildFailed, build_site
from generator.plugin import neighbours


def _site(tmp_path: Path, extra_yml: str = "", files: dict[str, str] | None = None) -> Path:
    yml = write_site(tmp_path / "src", {**SMALL, **(files or {})})
    yml.write_text(MKDOCS_YML.format(audience="public") + extra_yml, encoding="utf-8")
    return yml


def _build(yml: Path, out: Path, caplog: pytest.LogCaptureFixture | None = None) -> Path:
    return Path(build_site(str(yml), str(out)))


def _nav_titles(html: str) -> list[str]:
    primary = html.split("md-nav--primary", 1)[1]
    return re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', primary)


def test_without_nav_the_plugin_lays_out_the_sections(tmp_path: Path) -> None:
    site = _build(_site(tmp_path), tmp_path / "site")
    titles = _nav_titles((site / "index.html").read_text(encoding="utf-8"))
    assert titles[:6] == ["首页", "结对关系", "单位", "年度", "地区", "成效"]


def test_a_users_nav_is_kept_as_written(tmp_path: Path, caplog) -> None:
    nav = (
        "nav:\n"
        "  - 关于本站: about.md\n"
        "  - 首页: index.md\n  - 结对关系: pairings/index.md\n  - 单位: units/index.md\n"
        "  - 年度: years/index.md\n  - 地区: regions/index.md\n  - 成效: indicators/index.md\n"
    )
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        site = _build(_site(tmp_path, nav), tmp_path / "site")
    titles = _nav_titles((site / "units" / "index.html").read_text(encoding="utf-8"))
    assert titles[:7] == ["关于本站", "首页", "结对关系", "单位", "年度", "地区", "成效"]
    assert not [r for r in caplog.records if "nav" in r.getMessage()]


def test_a_users_nav_that_leaves_sections_out_is_kept_with_a_warning(
    tmp_path: Path, caplog
) -> None:
    nav = "nav:\n  - 首页: index.md\n  - 关于: about.md\n"
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        site = _build(_site(tmp_path, nav), tmp_path / "site")
    titles = _nav_titles((site / "index.html").read_text(encoding="utf-8"))
    assert titles[:2] == ["首页", "关于"] and "结对关系" not in titles
    warned = [r.getMessage() for r in caplog.records if "nav" in r.getMessage()]
    assert len(warned) == 1
    assert "没有列出生成的栏目：结对关系（pairings/index.md）、单位（units/index.md）" in warned[0]
    # the generated pages are still built, reachable by address
    assert (site / "pairings" / "index.html").is_file()


def test_missing_sections_reads_nested_and_untitled_entries() -> None:
    nav = [
        "index.md",
        {"栏目": [{"结对": "pairings/index.md"}, "units/index.md", {"更多": ["years/index.md"]}]},
    ]
    assert neighbours.missing_sections(nav) == ["地区", "成效"]


def test_the_plugins_stylesheet_comes_before_the_sites_own(tmp_path: Path) -> None:
    css = {"pages/extra.css": ".bl-figure { color: black; }\n"}
    site = _build(_site(tmp_path, "extra_css: [extra.css]\n", css), tmp_path / "site")
    html = (site / "index.html").read_text(encoding="utf-8")
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    ours, theirs = sheets.index("assets/stylesheets/bulletins.css"), sheets.index("extra.css")
    assert ours < theirs, sheets
    assert sheets.count("assets/stylesheets/bulletins.css") == 1


def test_a_site_that_places_the_stylesheet_itself_keeps_its_place() -> None:
    extra = ["first.css", neighbours.STYLESHEET]
    neighbours.put_stylesheet_first(extra)
    assert extra == ["first.css", neighbours.STYLESHEET]
    empty: list[str] = []
    neighbours.put_stylesheet_first(empty)
    assert empty == [neighbours.STYLESHEET]


def test_the_feed_link_survives_a_sites_own_main_html(tmp_path: Path) -> None:
    yml = _site(tmp_path, "")
    text = yml.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  custom_dir: overrides\n"
    )
    yml.write_text(text, encoding="utf-8")
    overrides = yml.parent / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}<meta name="x-own" content="1">'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    site = _build(yml, tmp_path / "site")
    for page, href in (
        ("index.html", "feed.xml"),
        ("reports/2015/hosp-a/index.html", "../../../feed.xml"),
        ("about/index.html", "../feed.xml"),
    ):
        html = (site / page).read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        assert '<meta name="x-own" content="1">' in head
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', head)
        assert links == [
            f'<link rel="alternate" type="application/atom+xml" '
            f'title="测试站点 · 年度工作总结" href="{href}">'
        ], page


def test_announce_feed_adds_one_link_and_keeps_a_themes_own() -> None:
    from generator.site.feed import announce_feed, feed_link

    link = feed_link("A&B", "feed.xml")
    assert 'title="A&amp;B · 年度工作总结"' in link
    page = "<html><head><title>x</title></head><body></body></html>"
    once = announce_feed(page, link)
    assert once.count("application/atom+xml") == 1 and once.index(link) < once.index("</head>")
    assert announce_feed(once, link) == once
    assert announce_feed("<p>no head</p>", link) == "<p>no head</p>"


def test_edit_links_of_generated_pages_open_their_content_files(tmp_path: Path) -> None:
    yml = _site(
        tmp_path, "repo_url: https://example.org/repo/\nedit_uri: edit/main/content/pages/\n"
    )
    text = yml.read_text(encoding="utf-8")
    yml.write_text(
        text.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n"),
        encoding="utf-8",
    )
    site = _build(yml, tmp_path / "site")

    def edit_url(page: str) -> str | None:
        html = (site / page).read_text(encoding="utf-8")
        m = re.search(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"', html)
        return m.group(1) if m else None

    base = "https://example.org/repo/edit/main/content/"
    assert edit_url("reports/2015/hosp-a/index.html") == base + "reports/2015/hosp-a.md"
    assert edit_url("units/town-a/index.html") == base + "units/town-a.yml"
    assert edit_url("pairings/uni/index.html") == base + "pairings/uni.yml"
    assert edit_url("indicators/lectures/index.html") == base + "indicators.yml"
    assert edit_url("about/index.html") == base + "pages/about.md"
    assert edit_url("years/2015/index.html") is None  # a totals page: no single source


def test_without_repo_url_generated_pages_have_no_edit_link(tmp_path: Path) -> None:
    yml = _site(tmp_path)
    text = yml.read_text(encoding="utf-8")
    yml.write_text(
        text.replace("  font: false\n", "  font: false\n  features: [content.action.edit]\n"),
        encoding="utf-8",
    )
    site = _build(yml, tmp_path / "site")
    html = (site / "reports/2015/hosp-a/index.html").read_text(encoding="utf-8")
    assert "md-content__button" not in html


@pytest.mark.parametrize("name", ["blog", "material/blog"])
def test_materials_blog_plugin_is_refused_with_a_message(tmp_path: Path, name: str) -> None:
    yml = _site(tmp_path)
    text = yml.read_text(encoding="utf-8").replace(
        "  - bulletins:", f"  - {name}:\n      blog_dir: news\n  - bulletins:"
    )
    yml.write_text(text, encoding="utf-8")
    with pytest.raises(BuildFailed) as err:
        _build(yml, tmp_path / "site")
    message = str(err.value)
    assert "插件 “blog” 不能与 bulletins 插件同时启用" in message
    assert "请在 mkdocs.yml 的 plugins 中删去 blog，或设置 enabled: false" in message
    assert "Traceback" not in message


def test_a_disabled_blog_plugin_is_no_obstacle(tmp_path: Path) -> None:
    yml = _site(tmp_path)
    text = yml.read_text(encoding="utf-8").replace(
        "  - bulletins:", "  - blog:\n      enabled: false\n  - bulletins:"
    )
    yml.write_text(text, encoding="utf-8")
    assert (_build(yml, tmp_path / "site") / "index.html").is_file()
