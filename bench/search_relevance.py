"""Measure search relevance of a built site in headless Chromium: hit@1 and hit@3.

    python bench/search_relevance.py SITE_DIR --engine local|pagefind|lunr --cases example|fixture
        [--offline]

Runs the relevance set of tests/relevance.py (query → expected report) through the
search a reader uses — the site's own search page (`local`), Pagefind's UI on
/search/ (`pagefind`) or Material's search box (`lunr`) — and prints, per query,
the rank of the expected report in the results as shown, then hit@1 and hit@3.
Used to choose the engine (docs/search.md). This module must not build sites.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from browser import open_chromium, serve_dir  # noqa: E402
from relevance import EXAMPLE, FIXTURE  # noqa: E402


def normal(url: str) -> str:
    path = unquote(urlsplit(url).path) if "://" in url else url
    return path.split("#")[0].lstrip("/").removesuffix(".html").removesuffix("index").rstrip("/")


def _wait(driver: Any, script: str, timeout: float = 15) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = driver.execute_script(script)
        if value:
            return value
        time.sleep(0.1)
    return None


def results_local(driver: Any, page: str, query: str) -> list[str]:
    driver.get(page + "?q=" + quote(query))
    _wait(driver, "return document.getElementById('bl-search').dataset.ready === 'true'")
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.bl-hit')).map(li => li.dataset.url)"
    )


def results_pagefind(driver: Any, page: str, query: str) -> list[str]:
    driver.get(page + "?q=" + quote(query))
    links = _wait(
        driver,
        "const m = document.querySelector('.pagefind-ui__message');"
        "if (!m || !m.textContent.trim()) return null;"
        "const links = Array.from(document.querySelectorAll('.pagefind-ui__result-link'))"
        ".map(a => a.getAttribute('href'));"
        "return links.length || m.textContent.includes('没有') ? links.concat(['#end']) : null;",
    )
    # Pagefind's UI fills results in as their fragments arrive: read once the list is stable.
    stable, last = 0, links
    while stable < 3:
        time.sleep(0.2)
        now = driver.execute_script(
            "return Array.from(document.querySelectorAll('.pagefind-ui__result-link'))"
            ".map(a => a.getAttribute('href')).concat(['#end']);"
        )
        stable, last = (stable + 1, last) if now == last else (0, now)
    return [normal(u) for u in (last or []) if u != "#end"]


def results_lunr(driver: Any, page: str, query: str) -> list[str]:
    from selenium.webdriver.common.by import By

    driver.get(page)
    box = driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    driver.execute_script("arguments[0].focus()", box)
    box.send_keys(query)
    time.sleep(1.0)
    links = driver.execute_script(
        "return Array.from(document.querySelectorAll('.md-search-result__item > a'))"
        ".map(a => a.href)"
    )
    return [normal(u) for u in links]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--engine", choices=("local", "pagefind", "lunr"), default="local")
    ap.add_argument("--cases", choices=("example", "fixture"), default="example")
    ap.add_argument("--offline", action="store_true", help="open the site from file://")
    args = ap.parse_args()
    cases = EXAMPLE if args.cases == "example" else FIXTURE
    search = {"local": results_local, "pagefind": results_pagefind, "lunr": results_lunr}
    driver = open_chromium(Path("/tmp") / f"bench-relevance-{args.engine}")
    try:
        with serve_dir(args.site) as base:
            if args.offline:
                page = args.site / ("search.html" if args.engine == "local" else "index.html")
                page_url = page.resolve().as_uri()
            else:
                page_url = base + ("search/" if args.engine != "lunr" else "")
            at1 = at3 = 0
            for query, expected, limit, _ in cases:
                # One rank per page (Pagefind's UI lists a page's sections under it).
                found = list(
                    dict.fromkeys(normal(u) for u in search[args.engine](driver, page_url, query))
                )
                key = normal(expected)
                rank = found.index(key) + 1 if key in found else None
                at1 += rank == 1
                at3 += rank is not None and rank <= 3
                mark = "ok " if rank is not None and rank <= limit else "MISS"
                print(f"{mark} {query:8} rank {rank}  (top {limit})  first: {found[:3]}")
            n = len(cases)
            print(
                f"{args.engine} {args.cases}: hit@1 {at1}/{n} ({at1 / n:.0%}), hit@3 "
                f"{at3}/{n} ({at3 / n:.0%})"
            )
    finally:
        driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
