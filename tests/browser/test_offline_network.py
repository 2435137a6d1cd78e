"""Issue 5, real browser on loopback only: the public build over http and the offline
build over file:// both search, and the browser requests nothing from any other host."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from browser import FLAGS, require_chromium, serve_dir
from sites import build_example


def _chromium(profile: Path) -> Any:
    binary, driver = require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        *FLAGS,
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
        "--allow-file-access-from-files",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


def _requested_urls(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
    return urls


def _search(driver: Any, query: str) -> list[str]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    # The header's box opens the search page (search.html?q=… offline).
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    driver.execute_script(
        "document.getElementById('__search').checked = true; arguments[0].focus()", box
    )
    box.send_keys(query, Keys.ENTER)
    deadline = time.time() + 20
    while time.time() < deadline:
        links = [
            a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, ".bl-hit a")
        ]
        if links:
            return links
        time.sleep(0.2)
    return []


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("net")
    return {
        "public": build_example(base / "public"),
        "offline": build_example(base / "offline", offline=True),
    }


def test_public_build_over_http_requests_only_loopback(
    sites: dict[str, Path], tmp_path: Path
) -> None:
    driver = _chromium(tmp_path / "profile")
    try:
        with serve_dir(sites["public"]) as base:
            driver.get(base)
            results = _search(driver, "胃镜")
            assert any("reports/2011/pingwu-chengxiang-yiyuan" in r for r in results), results
            driver.get(base + "reports/2011/pingwu-chengxiang-yiyuan/")
            urls = _requested_urls(driver)
    finally:
        driver.quit()
    hosts = {
        urlparse(u).hostname for u in urls if urlparse(u).scheme in ("http", "https", "ws", "wss")
    }
    assert urls and hosts == {"127.0.0.1"}, sorted(hosts)


def test_offline_build_over_file_url_searches_without_network(
    sites: dict[str, Path], tmp_path: Path
) -> None:
    site = sites["offline"]
    assert (site / "index.html").is_file() and (site / "search" / "bulletins-index.js").is_file()
    driver = _chromium(tmp_path / "profile")
    try:
        driver.get((site / "index.html").as_uri())
        results = _search(driver, "核桃")
        assert results and all(r.startswith("file://") for r in results), results
        assert any("nanhui" in r for r in results), results
        # Links in the offline build point at .html files that exist.
        driver.get((site / "pairings" / "index.html").as_uri())
        urls = _requested_urls(driver)
    finally:
        driver.quit()
    # chrome:// pages are the browser's own new-tab page, not network requests.
    schemes = {urlparse(u).scheme for u in urls} - {"chrome", "chrome-untrusted", "devtools"}
    assert urls and schemes <= {"file", "data", "blob", "about"}, sorted(
        u for u in urls if not u.startswith("file:")
    )
    assert not [u for u in urls if urlparse(u).scheme in ("http", "https", "ws", "wss")]
