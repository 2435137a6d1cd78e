"""Every address the site implies is a page, and the 404 page works wherever the site is served.

The example site is built once (its site_url says /bulletins/) and served, by a server that
answers a missing address with 404.html as a web server does, at its configured path and at
another one. Chromium checks the 404 page is styled and its links lead into the site.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import open_chromium
from sites import build_example


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; a missing address gets the site's 404.html with status 404."""

    site: Path

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = self.site / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(root: Path, site: Path) -> Iterator[str]:
    handler = type("Handler", (_NotFoundHandler,), {"site": site})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    root = tmp_path_factory.mktemp("addresses")
    site = build_example(root / "elsewhere")  # not the configured /bulletins/
    driver = open_chromium(tmp_path_factory.mktemp("addresses-profile"), width=390, height=844)
    try:
        with serve(root, site) as base:
            yield driver, base
    finally:
        driver.quit()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize(
    "path",
    [
        "reports/",
        "reports/2009/",
        "reports/2011/pingwu-chengxiang-yiyuan/",
        "flows/",
        "flows/上海市/",
        "flows/上海市/云南省/",
        "regions/上海市/",
        "years/2009/",
    ],
)
def test_every_implied_address_is_a_page(served: tuple[Any, str], path: str) -> None:
    _, base = served
    url = base + "elsewhere/" + urllib.parse.quote(path)
    assert status(url) == 200, path
    with urllib.request.urlopen(url) as response:
        html = response.read().decode("utf-8")
    assert "<article" in html and "Index of" not in html


@pytest.mark.parametrize("missing", ["elsewhere/no-such-page/", "elsewhere/reports/1999/x/y/"])
def test_not_found_page_works_served_at_another_path(served: tuple[Any, str], missing: str) -> None:
    driver, base = served
    assert status(base + missing) == 404
    driver.get(base + missing)
    assert "页面不存在" in driver.find_element("css selector", "article").text
    # Styled: Material's stylesheet is applied (the header is a fixed-height bar, the logo small).
    header = driver.find_element("css selector", ".md-header")
    assert header.value_of_css_property("position") == "sticky"
    assert header.size["height"] < 80
    logo = driver.find_element("css selector", ".md-header__button.md-logo")
    assert logo.size["width"] < 80
    home = driver.find_element("link text", "返回首页").get_attribute("href")
    assert home == base + "elsewhere/"
    years = driver.find_element("link text", "按年度查看年度工作总结").get_attribute("href")
    assert status(years) == 200 and years == base + "elsewhere/years/"
    feed = driver.find_element("css selector", 'link[rel="alternate"]').get_attribute("href")
    assert feed == base + "elsewhere/feed.xml"
