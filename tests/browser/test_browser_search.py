"""`search: lunr` (Material's own search, an option): SPEC's queries typed into Material's box.

Builds the example site once, serves it on 127.0.0.1 and types each query into the
search box of headless Chromium, as a reader would. For every query it checks the
named page a reader expects, and that every section of the index whose text
holds the word (for 70万元: 70余万元) is among the results (scrolling loads them
all). One results list is saved as a screenshot.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from browser import serve_dir
from sites import build_example

from generator.search.lunr import SEPARATOR, ZWSP

# query typed → (text that must be found as written in the index, a page a reader expects)
QUERIES = {
    "胃镜": ("胃镜", "reports/2011/pingwu-chengxiang-yiyuan/"),
    "师范大学": ("师范大学", "reports/2009/huadong-xinjiang-shida/"),
    "培训": ("培训", "reports/2014/zhongshan-dahe/"),
    "70万元": ("70余万元", "reports/2011/pingwu-chengxiang-yiyuan/"),
    "核桃": ("核桃", "reports/2009/nanhui-songshuping/"),
    "卫生院": ("卫生院", "reports/2012/meitan-zhongyiyuan-xinglong/"),
}
SHOT = Path("/tmp/search-shot.png")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example(tmp_path_factory.mktemp("search") / "site", search="lunr")


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve_dir(site) as url:
        yield url


@pytest.fixture(scope="module")
def index_docs(site: Path) -> list[dict[str, Any]]:
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert data["config"]["separator"] == SEPARATOR
    return data["docs"]


def _location(url_or_location: str) -> str:
    """`reports/2011/x/#_2` from a result link or an index location (query string dropped)."""
    parts = urlsplit(url_or_location)
    path = unquote(parts.path).lstrip("/")
    return path + (f"#{unquote(parts.fragment)}" if parts.fragment else "")


def _results(driver: Any) -> list[str]:
    links = driver.execute_script(
        "return [...document.querySelectorAll('.md-search-result__item a')].map(a => a.href)"
    )
    return [_location(href) for href in links]


def _count_pages(driver: Any) -> int:
    return int(
        driver.execute_script(
            "return document.querySelectorAll('li.md-search-result__item').length"
        )
    )


def search(driver: Any, base_url: str, query: str, *, load_all: bool = True) -> list[str]:
    """Open the home page, type ``query`` into the search box, return the results' locations.

    With ``load_all`` the list is scrolled until every result is rendered.
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(base_url)
    box = WebDriverWait(driver, 20).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, "input.md-search__input"))
    )
    box.click()
    box.send_keys(query)
    # Results arrive per keystroke; wait until the list is non-empty and stops changing.
    deadline = time.monotonic() + 30
    previous: list[str] = []
    stable = 0
    while time.monotonic() < deadline and stable < 3:
        time.sleep(0.25)
        current = _results(driver)
        stable = stable + 1 if current and current == previous else 0
        previous = current
    assert previous, (
        f"no results for {query!r}: "
        + driver.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
    )
    # Material renders ten pages, then four more each time the list is scrolled to its end
    # (it reacts to reaching the end, so leave the end first), until all it counted are shown.
    meta = driver.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
    total = int(re.search(r"\d+", meta).group()) if re.search(r"\d+", meta) else None
    unchanged = 0
    while load_all and unchanged < 10 and time.monotonic() < deadline:
        if total is not None and _count_pages(driver) >= total:
            break
        driver.execute_script("document.querySelector('.md-search__scrollwrap').scrollTop = 0")
        time.sleep(0.05)
        driver.execute_script(
            "const w = document.querySelector('.md-search__scrollwrap'); w.scrollTop = "
            "w.scrollHeight;"
        )
        time.sleep(0.1)
        current = _results(driver)
        unchanged = unchanged + 1 if len(current) == len(previous) else 0
        previous = current
    return _results(driver)


def test_index_cuts_compounds_and_keeps_text(index_docs: list[dict[str, Any]]) -> None:
    text = " ".join(d["title"] + " " + d["text"] for d in index_docs)
    for tokens in (("华东", "师范", "大学"), ("技术", "培训"), ("70", "余", "万元")):
        assert ZWSP.join(tokens) in text, tokens
    tokens = {t for t in re.split(SEPARATOR, re.sub(r"<[^>]+>", " ", text)) if t}
    assert {"师范", "培训", "万元", "卫生", "胃镜", "核桃"} <= tokens


@pytest.mark.parametrize("query", list(QUERIES))
def test_search_box_finds_every_section_with_the_word(
    query: str, driver: Any, base_url: str, index_docs: list[dict[str, Any]]
) -> None:
    written, page = QUERIES[query]
    results = search(driver, base_url, query)
    found = set(results)
    pages = list(dict.fromkeys(r.split("#", 1)[0] for r in results))
    assert page in pages, f"{query}: {page} not among {pages}"
    expected = {
        _location(d["location"])
        for d in index_docs
        if written in (d["title"] + d["text"]).replace(ZWSP, "")
    }
    assert expected, f"the example content no longer holds {written}"
    missing = sorted(expected - found)
    assert not missing, (
        f"{query}: {len(missing)} of {len(expected)} sections with {written} not found: {missing}"
    )


def test_screenshot_of_results(driver: Any, base_url: str, tmp_path: Path) -> None:
    results = search(driver, base_url, "师范大学", load_all=False)
    shot = tmp_path / "search-师范大学.png"
    assert driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    shutil.copyfile(shot, SHOT)
    assert any(r.startswith("units/huadong-shifan-daxue/") for r in results), results
