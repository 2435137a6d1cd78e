"""Whole-site builds (issue 3): every SPEC URL, figures as written, totals, links, drafts, failed
builds."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from sites import SMALL, build_example, read, write_site

from generator.cli.build import BuildFailed, build_site


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("example") / "site")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small")
    cfg = write_site(root, SMALL)
    return build_site(str(cfg), str(root / "site"))


def test_every_spec_url_exists(example: Path) -> None:
    for url in ["", "pairings/", "units/", "years/", "regions/", "indicators/"]:
        assert (example / url / "index.html").is_file(), url
    content = Path(__file__).resolve().parents[2] / "content"
    for f in (content / "pairings").glob("*.yml"):
        if "visibility: internal" not in f.read_text(encoding="utf-8"):
            assert (example / "pairings" / f.stem / "index.html").is_file(), f
    for f in (content / "units").glob("*.yml"):
        if "visibility: internal" not in f.read_text(encoding="utf-8"):
            assert (example / "units" / f.stem / "index.html").is_file(), f
    for f in (content / "reports").glob("*/*.md"):
        text = f.read_text(encoding="utf-8")
        out = example / "reports" / f.parent.name / f.stem / "index.html"
        if "status: draft" in text or "visibility: internal" in text:
            assert not out.exists(), f"draft or internal report published: {f}"
        else:
            assert out.is_file(), f
            assert (example / "years" / f.parent.name / "index.html").is_file()
    indicators = (content / "indicators.yml").read_text(encoding="utf-8")
    for iid in re.findall(r"^([a-z0-9-]+):", indicators, re.M):
        assert (example / "indicators" / iid / "index.html").is_file(), iid
    assert (example / "regions" / "云南省" / "index.html").is_file()
    assert (example / "about" / "index.html").is_file()


def test_report_page_shows_figures_as_written_and_facts(example: Path) -> None:
    html = read(example, "reports/2011/pingwu-chengxiang-yiyuan/")
    for written in ("80余次", "70余万元", "2万余元", "近100人"):
        assert written in html
    assert "平武县卫生局" in html and "受援方" in html and "下一步打算" in html
    assert 'lang="zh' in html


def test_year_page_total_from_several_reports_with_approximation(small: Path) -> None:
    html = read(small, "years/2015/")
    # 80余 + 120余 + 近100: a more-than and a nearly part make the sum "about".
    assert re.search(r'data-indicator="lectures"[^>]*>约300次<', html)
    # 3.98公里 + 20米 in 米.
    assert re.search(r'data-indicator="road-hardened"[^>]*>4000米<', html)
    # 70余万元 + 2万余元 = 72万余元.
    assert re.search(r'data-indicator="equipment-value"[^>]*>72余万元<', html)
    # Cumulative figures stay out of the year's totals.
    assert 'data-indicator="phd-enrolled"' not in html
    # Each total lists the reports it adds up.
    for r in ("reports/2015/hosp-a/", "reports/2015/hosp-b/", "reports/2015/uni/"):
        assert r in html


def test_cumulative_total_on_pairing_page(small: Path) -> None:
    html = read(small, "pairings/uni/")
    assert re.search(r'data-indicator="phd-enrolled"[^>]*>30人<', html)  # 累计26 + 4 later


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if k in ("href", "src") and v:
                self.links.append(v)


def test_internal_links_resolve(example: Path) -> None:
    broken = []
    for page in example.rglob("*.html"):
        if page.name == "404.html":  # served at any depth, so it links from site_url
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "file://" + str(page)
        for link in parser.links:
            u = urlparse(link)
            if u.scheme in ("http", "https", "mailto", "data") or link.startswith("#"):
                continue
            target = Path(unquote(urlparse(urljoin(base, link)).path))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(example)} → {link}")
    assert not broken, broken[:20]


def test_navigation_lists_sections_not_reports(example: Path) -> None:
    html = read(example, "")
    nav = html[html.find('class="md-nav md-nav--primary"') :]
    nav = nav[: nav.find("</nav>")]
    assert "结对关系" in nav and "成效" in nav
    assert "reports/" not in nav


def test_draft_absent_from_build(example: Path) -> None:
    assert not (example / "reports" / "2009" / "beishida-xinjiang-shida").exists()
    assert "草稿" not in read(example, "years/2009/")


def test_failed_build_keeps_previous_output_byte_for_byte(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, SMALL)
    site = build_site(str(cfg), str(tmp_path / "site"))
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (tmp_path / "content" / "units" / "town-a.yml").write_text(
        "name: 甲\nkind: clinic\n", encoding="utf-8"
    )
    with pytest.raises(BuildFailed) as info:
        build_site(str(cfg), str(site))
    assert "content/units/town-a.yml:2:7: error[E204]" in str(info.value)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_cli_build_reports_problems_without_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    files = dict(SMALL)
    files["pairings/hosp-a.yml"] = (
        "supporters: [city-hospital]\nrecipent: [town-a]\nsector: health\nsince: 2014\n"
    )
    cfg = write_site(tmp_path, files)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "build",
            "-f",
            str(cfg),
            "-d",
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    assert "content/pairings/hosp-a.yml:2:1: error[E202]" in proc.stderr
    assert "recipients" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_editors_guide_is_published_in_the_internal_build_only(
    example: Path, tmp_path: Path
) -> None:
    from sites import build_example

    from generator.content.problems import CODES

    assert not (example / "guide").exists()  # public: no YAML, no problem codes for readers
    assert "guide/" not in read(example, "")
    assert "编辑指南" not in read(example, "")
    internal = build_example(tmp_path / "internal", audience="internal")
    html = read(internal, "guide/")
    assert "编辑指南" in html
    for code in CODES:
        assert code in html, code
    home = read(internal, "")
    assert "guide/" in home
    assert 'rel="license"' in home and "编辑指南（内部）" in home  # linked from the footer too


def test_mkdocs_build_strict_is_clean_on_the_example(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from sites import REPO

    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "WARNING" not in proc.stderr


def test_check_without_a_content_folder_is_a_usage_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["check", "--content", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "找不到内容目录" in result.output


def test_a_figure_written_without_its_unit_is_shown_with_the_indicators(small: Path) -> None:
    """`lectures: 近100` counts in 次: every page shows 近100次, never a bare 近100."""
    for page in ("reports/2015/uni/", "pairings/uni/", "indicators/lectures/", "years/2015/"):
        html = read(small, page)
        assert "近100次" in html, page
        assert not re.search(r"近100(?!次)", re.sub(r'data-[a-z-]+="[^"]*"', "", html)), page
