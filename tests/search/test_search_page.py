"""The search page in Chromium: filters with counts that add up, narrowing in two clicks,
a shareable URL (/search/?q=…&year=…), the header's box leading to the same results, and
no index downloaded by pages other than the search page. Also the unit tests of what the
index holds (documents, synonyms)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from browser import serve_dir
from relevance import FIXTURE_FILES
from sites import write_site

from generator.cli.build import build_site
from generator.search.local import INDEX_PATH, synonym_groups
from generator.search.text import sentences


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search-page")
    return build_site(str(write_site(root, FIXTURE_FILES)), str(root / "site"))


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve_dir(site) as url:
        yield url


def wait_ready(driver: Any) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if driver.execute_script(
            "const el = document.getElementById('bl-search');"
            "return !!el && el.getAttribute('data-ready') === 'true';"
        ):
            return
        time.sleep(0.05)
    raise AssertionError("search page never became ready")


def state(driver: Any) -> dict[str, Any]:
    """What the reader sees: result URLs, each facet's (value, count, checked), totals."""
    return driver.execute_script(
        """
        const el = document.getElementById('bl-search');
        const facets = {};
        for (const box of el.querySelectorAll('.bl-search__facet')) {
          facets[box.dataset.facet] = Array.from(box.querySelectorAll('label')).map(l => [
            l.querySelector('input').value,
            Number(l.querySelector('.bl-search__count').textContent),
            l.querySelector('input').checked]);
        }
        return {
          urls: Array.from(el.querySelectorAll('.bl-hit')).map(li => li.dataset.url),
          facets, total: Number(el.dataset.total), shown: Number(el.dataset.shown),
          status: el.querySelector('.bl-search__status').textContent,
          href: location.href,
        };
        """
    )


def click_filter(driver: Any, facet: str, value: str) -> None:
    driver.execute_script(
        "const cb = Array.from(document.querySelectorAll(`.bl-search__facet[data-facet='${arg"
        "uments[0]}'] input`))"
        ".find(i => i.value === arguments[1]); cb.click();",
        facet,
        value,
    )


def index_docs(site: Path) -> dict[str, dict[str, Any]]:
    import json

    text = (site / INDEX_PATH).read_text(encoding="utf-8")
    data = json.loads(text.removeprefix("window.bulletinsSearchIndex=").rstrip().rstrip(";"))
    return {d["u"]: d for d in data["docs"]}


def test_filter_counts_add_up_and_narrow_in_two_clicks(driver: Any, base: str, site: Path) -> None:
    driver.get(base + "search/?q=" + quote("培训"))
    wait_ready(driver)
    s = state(driver)
    total = s["total"]
    assert total == len(s["urls"]) > 5 and f"共 {total} 条结果" in s["status"]
    # Every result has exactly one kind: the kind counts add up to the unfiltered count.
    assert sum(n for _, n, _ in s["facets"]["kind"]) == total
    docs = index_docs(site)
    reports = [u for u in s["urls"] if docs[u]["k"] == "report"]
    assert sum(n for _, n, _ in s["facets"]["year"]) == len(reports)  # one year per report
    years = dict((v, n) for v, n, _ in s["facets"]["year"])
    assert years["2022年"] >= 3

    click_filter(driver, "year", "2022年")  # first click
    s = state(driver)
    assert s["shown"] == len(s["urls"]) == years["2022年"] and s["total"] == total
    assert all("2022年" in docs[u]["f"]["year"] for u in s["urls"])
    sectors = dict((v, n) for v, n, _ in s["facets"]["sector"])
    assert sum(sectors.values()) == years["2022年"]

    click_filter(driver, "sector", "医疗卫生")  # second click
    s = state(driver)
    assert len(s["urls"]) == sectors["医疗卫生"] >= 2
    for u in s["urls"]:
        assert docs[u]["f"]["year"] == ["2022年"] and docs[u]["f"]["sector"] == ["医疗卫生"]
    query = parse_qs(urlsplit(s["href"]).query)
    assert query == {"q": ["培训"], "year": ["2022年"], "sector": ["医疗卫生"]}

    # The URL is the search: opened afresh, it shows the same results, filters checked.
    shared = s["href"]
    driver.get(base)
    driver.get(shared)
    wait_ready(driver)
    again = state(driver)
    assert again["urls"] == s["urls"]
    checked = {(k, v) for k, values in again["facets"].items() for v, _, c in values if c}
    assert checked == {("year", "2022年"), ("sector", "医疗卫生")}

    # Unchecking gives the unfiltered results back.
    click_filter(driver, "year", "2022年")
    click_filter(driver, "sector", "医疗卫生")
    assert state(driver)["shown"] == total


def test_header_box_leads_to_the_search_page(driver: Any, base: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver.get(base + "reports/2021/suzhou-chayu/")
    driver.execute_script("document.getElementById('__search').checked = true;")
    box = driver.find_element(By.CSS_SELECTOR, "form[name=bl-search] input[name=q]")
    box.send_keys("会诊", Keys.ENTER)
    wait_ready(driver)
    s = state(driver)
    assert urlsplit(s["href"]).path.endswith("/search/")
    assert s["urls"][0] == "reports/2021/liuyuan-wenshan/"
    assert driver.find_element(By.ID, "bl-search-q").get_attribute("value") == "会诊"


def test_typing_updates_results_and_url(driver: Any, base: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(base + "search/")
    wait_ready(driver)
    assert state(driver)["urls"] == []
    driver.find_element(By.ID, "bl-search-q").send_keys("核桃")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not state(driver)["urls"]:
        time.sleep(0.05)
    s = state(driver)
    assert s["urls"][0] == "reports/2021/suzhou-chayu/"
    assert parse_qs(urlsplit(s["href"]).query) == {"q": ["核桃"]}


def test_other_pages_download_no_index(driver: Any, base: str) -> None:
    driver.get(base + "reports/2021/suzhou-chayu/")
    time.sleep(0.5)
    loaded = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);"
    )
    assert not [u for u in loaded if "search_index" in u or "bulletins-index" in u], loaded
    driver.get(base + "search/")
    wait_ready(driver)
    loaded = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);"
    )
    assert [u for u in loaded if u.endswith(INDEX_PATH)]


def test_index_holds_prose_not_tables(site: Path) -> None:
    docs = index_docs(site)
    report = docs["reports/2021/suzhou-chayu/"]
    assert report["k"] == "report" and "苏州市" in report["n"] and "察隅县" in report["n"]
    assert any("核桃成为村里的主要产业" in s for s in report["s"])
    assert report["f"] == {
        "kind": ["年度总结"],
        "year": ["2021年"],
        "sector": ["扶贫开发"],
        "province": ["西藏自治区"],
        "prefecture": ["林芝市"],
        "supporter": ["苏州市"],
    }
    indicator = docs["indicators/trainings/"]
    assert indicator["k"] == "indicator" and not any("人次" in s for s in indicator["s"])
    assert not [u for u in docs if u.startswith(("guide", "search"))] and "" not in docs


def test_sentences_leave_tables_and_headings_out() -> None:
    html = (
        "<h2>主要做法</h2><p>开展培训。完成验收！</p><table><tr><td>单位</td><td>人次</td></tr></table>"
        "<ul><li>义诊3次</li><li>讲座</li></ul>"
    )
    assert sentences(html) == ["开展培训。", "完成验收！", "义诊3次", "讲座"]


def test_a_run_in_heading_is_never_a_snippet_of_its_own() -> None:
    """`**培训和生态。** 举办…` (the 松树坪 report): the bold lead starts the sentence it
    introduces; a snippet is never the bare heading 培训和生态。"""
    html = (
        "<p><strong>培训和生态。</strong> 举办农业技术培训2期、450人次；封山育林1000亩。</p>"
        "<p><strong>重点</strong>是培训。</p><p>甲。<b>乙。</b>丙。</p>"
    )
    assert sentences(html) == [
        "培训和生态。举办农业技术培训2期、450人次；",
        "封山育林1000亩。",
        "重点是培训。",
        "甲。",
        "乙。",
        "丙。",
    ]


def test_synonym_groups_merge_and_go_both_ways() -> None:
    assert synonym_groups({"公路": ("道路",), "道路": ("马路",), "义诊": ("巡诊",)}) == [
        ["义诊", "巡诊"],
        ["公路", "道路", "马路"],
    ]


def test_the_engine_follows_the_option_the_build_and_the_size() -> None:
    from dataclasses import replace

    from generator.content.model import Content, Report
    from generator.search.engine import choose
    from generator.search.local import LOCAL_MAX_BYTES, estimate_bytes

    small = Content()
    big = replace(small, reports=(Report("p", 2015, "t", "字" * (LOCAL_MAX_BYTES // 3 + 1)),))
    assert estimate_bytes(small) < LOCAL_MAX_BYTES < estimate_bytes(big)
    assert choose("auto", offline=False, content=small) == "local"
    assert choose("auto", offline=False, content=big) == "pagefind"
    assert choose("auto", offline=True, content=big) == "local"  # file:// cannot fetch chunks
    assert choose("pagefind", offline=True, content=small) == "local"
    assert choose("pagefind", offline=False, content=small) == "pagefind"
    assert choose("local", offline=False, content=big) == "local"
    assert choose("lunr", offline=True, content=big) == "lunr"
