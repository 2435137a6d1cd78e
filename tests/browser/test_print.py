"""Pages that print, and the year's compilation on the site, in a real browser.

The example site is built once, offline and zipped, with the plugin's `compilation: true`;
Chromium prints pages to PDF (DevTools `Page.printToPDF`, as Ctrl+P would) and pypdf reads
them back: a report's title and facts panel on page 1, a year page's totals table with its
header on every page and no breakdown, no navigation. The 打印 button prints; the year page
links its compilation, which the zip holds too.
"""

from __future__ import annotations

import base64
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import serve_dir
from pypdf import PdfReader
from sites import REPO

from generator.cli.build import build_site

pytestmark = pytest.mark.slow

REPORT = "reports/2009/huadong-xinjiang-shida.html"  # (offline build: no directory URLs)
YEAR = "years/2009.html"
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("print")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("docs_dir: content/pages", f"docs_dir: {REPO / 'content' / 'pages'}")
    text = text.replace("custom_dir: theme", f"custom_dir: {REPO / 'theme'}")
    text = text.replace(
        "content_dir: content", f"content_dir: {REPO / 'content'}\n      compilation: true"
    )
    config = work / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    site, archive = work / "site", work / "site.zip"
    build_site(str(config), str(site), offline=True, zip_path=str(archive))
    return site, archive


@pytest.fixture(scope="module")
def base(built: tuple[Path, Path]) -> Iterator[str]:
    with serve_dir(built[0]) as url:
        yield url


def _print(driver: Any, url: str) -> list[str]:
    driver.set_window_size(1366, 900)
    driver.get(url)
    pdf = driver.execute_cdp_cmd(
        "Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69, "printBackground": False}
    )
    reader = PdfReader(io.BytesIO(base64.b64decode(pdf["data"])))
    # NFKC: Chromium's PDF maps some glyphs to Kangxi radicals (⼤ for 大) in its text layer.
    return [
        re.sub(r"\s+", "", unicodedata.normalize("NFKC", p.extract_text())) for p in reader.pages
    ]


def test_a_report_prints_its_title_and_facts_on_page_one(driver: Any, base: str) -> None:
    pages = _print(driver, base + REPORT)
    first = pages[0]
    assert first.startswith("华东师范大学对口支援新疆师范大学四年工作总结"), first[:80]
    for fact in ("支援方", "受援方", "结对期限", "主要成效数据", "累计3人"):
        assert fact in first, fact
    text = "".join(pages)
    assert "搜索" not in text and "打印" not in text and "点击展开" not in text
    # The address of a link follows its text (the facts list's links, absolute).
    assert "(http://127.0.0.1:" in first and "/units/huadong-shifan-daxue.html)" in first


def test_a_year_prints_compactly_with_its_table_header_on_every_page(
    driver: Any, base: str
) -> None:
    pages = _print(driver, base + YEAR)
    assert len(pages) <= 8  # (18 pages with every breakdown open)
    table_pages = [p for p in pages if "项数据" in p]
    assert len(table_pages) >= 2
    for page in table_pages:
        assert "指标合计构成" in page  # the header row, repeated, in words
    text = "".join(pages)
    assert "点击展开" not in text and "下载2009年度汇编" not in text
    assert "年度工作总结首页" not in text  # no navigation


def test_the_print_button_prints(driver: Any, base: str) -> None:
    for url in (REPORT, YEAR):
        driver.get(base + url)
        driver.execute_script("window.__printed = 0; window.print = () => window.__printed++;")
        button = driver.find_element("css selector", "button.bl-print")
        assert button.is_displayed() and button.text == "打印"
        assert button.get_attribute("onclick") is None  # no inline handler
        button.click()
        assert driver.execute_script("return window.__printed") == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        driver.set_window_size(width, height)
        driver.get(base + YEAR)
        driver.save_screenshot(str(SHOTS / f"print-button-year-{width}.png"))
        driver.get(base + REPORT)
        driver.save_screenshot(str(SHOTS / f"print-button-report-{width}.png"))


def test_the_year_page_offers_its_compilation(built: tuple[Path, Path]) -> None:
    site, archive = built
    html = (site / YEAR).read_text(encoding="utf-8")
    href = re.search(r'href="([^"]+-compilation\.pdf)" download="2009年度汇编\.pdf"', html)
    assert href, "no download link"
    pdf = (site / "years" / href.group(1)).resolve()
    reader = PdfReader(pdf)
    assert reader.metadata is not None and reader.metadata.title == "2009年度工作总结汇编"
    assert "华东师范大学对口支援新疆师范大学四年工作总结" in re.sub(
        r"\s+", "", "".join(p.extract_text() for p in reader.pages)
    )
    # The offline zip carries it too.
    names = zipfile.ZipFile(archive).namelist()
    assert "site/data/years/2009-compilation.pdf" in names
    assert "site/data/years/2015-compilation.pdf" in names
