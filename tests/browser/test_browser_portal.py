"""The reader's portal in a real browser, at a desktop and a phone width, on the example site.

For every page type: no horizontal page overflow, chart text of 11 px or more on screen,
no serious or critical axe-core violation (axe-core vendored under tests/vendor/), and a
screenshot kept under tests/artifacts/screenshots/ (gitignored; CI keeps the folder as an
artifact). The site is served under a sub-path, as its site_url says, so the 404 page is
tried where a server would show it. The home page links to every section within the first
1,200 px and to the latest report within the first two screens. One Chromium and one server for
the module.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import open_chromium, serve_dir
from sites import build_example

WIDTHS = ((1366, 900), (390, 844))
SHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"

PAGES = {
    "home": "",
    "pairings": "pairings/",
    "pairing": "pairings/huadong-xinjiang-shida/",
    "units": "units/",
    "unit": "units/shanghai-nanhui-qu/",
    "years": "years/",
    "year": "years/2009/",
    "regions": "regions/",
    "region": "regions/上海市/",
    "flow": "flows/上海市/云南省/",
    "flows-from": "flows/上海市/",
    "reports": "reports/",
    "reports-year": "reports/2009/",
    "indicators": "indicators/",
    "indicator": "indicators/lectures/",
    "report": "reports/2011/pingwu-chengxiang-yiyuan/",
    "data": "data/",
    "not-found": "404.html",  # what a web server shows for a missing address
}

OVERFLOW = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"

SMALLEST_CHART_TEXT = """
let smallest = 1000;
for (const t of document.querySelectorAll('svg.bl-chart-svg text, .bl-flowmap svg text')) {
  const ctm = t.getScreenCTM();
  if (!ctm || !t.getClientRects().length) continue;
  const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
  smallest = Math.min(smallest, size);
}
return smallest;
"""

AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(
  r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.help + ' — ' + \
v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))),
  e => done(['axe failed: ' + e]));
"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    # Served under the sub-path of the example's site_url (/bulletins/), as a publisher would.
    root = tmp_path_factory.mktemp("portal")
    build_example(root / "bulletins")
    driver = open_chromium(tmp_path_factory.mktemp("portal-profile"))
    driver.set_script_timeout(60)
    try:
        with serve_dir(root) as server:
            yield driver, server + "bulletins/"
    finally:
        driver.quit()


def visit(driver: Any, base: str, path: str, width: int, height: int) -> None:
    driver.set_window_size(width, height)
    driver.get(base + urllib.parse.quote(path))
    driver.execute_script("return document.fonts ? document.fonts.ready : null")


def screenshot(driver: Any, name: str, width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    full = driver.execute_script("return document.documentElement.scrollHeight")
    height = driver.get_window_size()["height"]
    driver.set_window_size(width, min(full, 8000))
    driver.save_screenshot(str(SHOTS / f"{name}_{width}.png"))
    driver.set_window_size(width, height)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_type_fits_reads_and_passes_axe(
    portal: tuple[Any, str], name: str, width: int, height: int
) -> None:
    driver, base = portal
    visit(driver, base, PAGES[name], width, height)
    assert driver.execute_script("return document.documentElement.lang") == "zh-CN"
    assert driver.execute_script(OVERFLOW) <= 0, f"{name} at {width}px overflows sideways"
    smallest = driver.execute_script(SMALLEST_CHART_TEXT)
    assert smallest >= 11, f"{name} at {width}px: chart text {smallest:.1f}px"
    footer = driver.find_element("css selector", ".md-footer").text
    assert "Made with" not in footer and "数据更新至" in footer and "发布单位" in footer
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    violations = driver.execute_async_script(AXE_RUN)
    assert violations == [], f"{name} at {width}px: {violations}"
    screenshot(driver, name, width)


def test_not_found_page_is_chinese(portal: tuple[Any, str]) -> None:
    driver, base = portal
    visit(driver, base, "404.html", 1366, 900)
    text = driver.find_element("css selector", "article").text
    assert "页面不存在" in text and "Not found" not in text
    home = driver.find_element("link text", "返回首页").get_attribute("href")
    assert home.rstrip("/") + "/" == base or home.startswith(base)


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_home_leads_into_every_section_and_the_latest_reports(
    portal: tuple[Any, str], width: int, height: int
) -> None:
    driver, base = portal
    visit(driver, base, "", width, height)
    tops = driver.execute_script(
        """
        const out = {};
        for (const a of document.querySelectorAll('article a')) {
          const href = a.getAttribute('href');
          const top = a.getBoundingClientRect().top + window.scrollY;
          if (!(href in out)) out[href] = top;
        }
        return out;
        """
    )
    for section in ("pairings/", "units/", "years/", "regions/", "indicators/", "data/"):
        assert section in tops and tops[section] < 1200, (section, tops.get(section))
    first_report = driver.execute_script(
        "const a = document.querySelector('.bl-reports a');"
        "return a.getBoundingClientRect().top + window.scrollY;"
    )
    assert first_report < 2 * height, first_report
    tables = driver.execute_script(
        "return [...document.querySelectorAll('article table')].map(t => t.offsetHeight)"
    )
    assert all(h < height for h in tables), tables  # no table longer than a screen


def test_tables_sort_by_a_column_without_any_external_script(portal: tuple[Any, str]) -> None:
    driver, base = portal
    visit(driver, base, "indicators/", 1366, 900)
    table = driver.find_element("css selector", "table[data-sortable]")
    header = table.find_elements("css selector", "thead th")[2]  # 累计
    header.find_element("tag name", "button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    values = driver.execute_script(
        "return [...arguments[0].tBodies[0].rows].map(r => r.cells[2].getAttribute('data-sort'))",
        table,
    )
    numbers = [float(v) for v in values if v]
    assert numbers == sorted(numbers) and len(numbers) >= 2
    header.find_element("tag name", "button").click()
    assert header.get_attribute("aria-sort") == "descending"


def test_report_facts_fold_on_a_phone_and_stay_open_on_a_desktop(
    portal: tuple[Any, str],
) -> None:
    driver, base = portal
    path = PAGES["report"]
    visit(driver, base, path, 390, 844)
    assert (
        driver.execute_script("return document.querySelector('details.bl-facts-fold').open")
        is False
    )
    narrative = driver.execute_script(
        "return document.getElementById('narrative').getBoundingClientRect().top"
    )
    assert narrative < 844, narrative  # the narrative starts on the first screen
    visit(driver, base, path, 1366, 900)
    assert driver.execute_script("return document.querySelector('details.bl-facts-fold').open")


FIT = """
const out = [];
const vw = document.documentElement.clientWidth;
for (const svg of document.querySelectorAll('svg.bl-chart-svg, .bl-flowmap svg')) {
  if (!svg.getClientRects().length) continue;  // not shown at this width (the map on a phone)
  const box = svg.getBoundingClientRect(), parent = svg.parentElement.getBoundingClientRect();
  if (box.width > parent.width + 0.5 || box.left < parent.left - 0.5)
    out.push(`${svg.id || svg.getAttribute('class')} ${box.width}px in ${parent.width}px`);
  for (const t of svg.querySelectorAll('text')) {
    const r = t.getBoundingClientRect();
    if (r.width && (r.left < -0.5 || r.right > vw + 0.5 || r.right > box.right + 0.5
                    || r.left < box.left - 0.5))
      out.push(`${svg.id}: "${t.textContent}" at ${r.left}–${r.right}px of ${vw}px`
               + `, chart ${box.left}–${box.right}px`);
  }
}
return out;
"""


@pytest.mark.parametrize("width", [390, 320, 1366])
@pytest.mark.parametrize("name", ["home", "indicator", "year", "regions", "pairing"])
def test_charts_and_map_fit_their_container_with_every_value_on_screen(
    portal: tuple[Any, str], name: str, width: int
) -> None:
    driver, base = portal
    visit(driver, base, PAGES[name], width, 844)
    shown = driver.execute_script(
        "return [...document.querySelectorAll('svg.bl-chart-svg, .bl-flowmap svg')]"
        ".filter(s => s.getClientRects().length).length"
    )
    assert shown or name == "regions", f"{name}: no chart drawn"
    assert driver.execute_script(FIT) == [], f"{name} at {width}px"


def test_the_map_becomes_a_list_on_a_phone(portal: tuple[Any, str]) -> None:
    driver, base = portal
    visit(driver, base, PAGES["regions"], 390, 844)
    assert not driver.find_element("css selector", ".bl-flowmap svg").is_displayed()
    items = driver.find_elements("css selector", "ul.bl-flowmap-list li")
    assert items and all(i.is_displayed() for i in items)
    assert any("上海市 → 云南省" in i.text for i in items)
    visit(driver, base, PAGES["regions"], 1366, 900)
    assert driver.find_element("css selector", ".bl-flowmap svg").is_displayed()
    assert not driver.find_element("css selector", "ul.bl-flowmap-list").is_displayed()


def test_search_page_has_no_axe_finding_of_any_impact(portal: tuple[Any, str]) -> None:
    """/search/ holds two search landmarks (the header's box and the page's form): each is
    named, so axe's landmark-unique (moderate) has nothing to say."""
    driver, base = portal
    driver.set_window_size(1366, 900)
    driver.get(base + "search/?q=" + urllib.parse.quote("培训"))
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 20).until(
        lambda d: d.execute_script(
            "return document.querySelectorAll('.bl-search__results li').length"
        )
    )
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    found = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then("
        "r => done(r.violations.map(v => v.id + ' (' + v.impact + ')')), e => done(['' + e]));"
    )
    assert found == [], found
