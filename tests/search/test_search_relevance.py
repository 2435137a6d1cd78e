"""Search answers readers, in Chromium: the expected report reaches its rank (top 3, top 5
for broad words) for every query of tests/relevance.py, on the example site and on a
fixture site, in the default (served, over http) build and in the offline build (file://).
A rank is read from the results list the reader sees. `pytest -s` prints hit@1 / hit@3."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from browser import serve_dir
from relevance import EXAMPLE, EXAMPLE_NOT_FOUND, FIXTURE, FIXTURE_FILES, NOT_FOUND
from sites import build_example, write_site

from generator.cli.build import build_site

BUILDS = ["served", "offline"]


def normal(url: str) -> str:
    """`reports/2015/x/` and the offline build's `reports/2015/x.html` as one key."""
    url = url.split("#")[0]
    return url.removesuffix(".html").removesuffix("index").rstrip("/")


def results(driver: Any, page: str, query: str) -> list[str]:
    """The URLs of the results of `query`, in the order the reader sees them."""
    driver.get(page + "?q=" + quote(query))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        ready = driver.execute_script(
            "const el = document.getElementById('bl-search');"
            "return el && el.getAttribute('data-ready') === 'true';"
        )
        if ready:
            break
        time.sleep(0.05)
    else:
        raise AssertionError(f"search page never became ready: {page}")
    hits = driver.execute_script(
        "return Array.from(document.querySelectorAll('.bl-search__results .bl-hit'))"
        ".map(li => li.getAttribute('data-url'));"
    )
    return [normal(h) for h in hits]


def _search_page(site: Path, build: str, base: str | None) -> str:
    if build == "offline":
        return (site / "search.html").resolve().as_uri()
    assert base is not None
    return base + "search/"


@pytest.fixture(scope="module", params=BUILDS)
def example(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    out = tmp_path_factory.mktemp("example-" + request.param) / "site"
    site = build_example(out, offline=request.param == "offline")
    with serve_dir(site) as base:
        yield request.param, _search_page(site, request.param, base)


@pytest.fixture(scope="module", params=BUILDS)
def fixture_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("fixture-" + request.param)
    cfg = write_site(root, FIXTURE_FILES)
    site = build_site(str(cfg), str(root / "site"), offline=request.param == "offline")
    with serve_dir(site) as base:
        yield request.param, _search_page(site, request.param, base)


def _ranks(driver: Any, page: str, cases: list[tuple[str, str, int, str]]) -> dict[str, int | None]:
    ranks: dict[str, int | None] = {}
    for query, expected, _, _ in cases:
        found = results(driver, page, query)
        key = normal(expected)
        ranks[query] = found.index(key) + 1 if key in found else None
    return ranks


def _report(
    name: str, build: str, cases: list[tuple[str, str, int, str]], ranks: dict[str, int | None]
) -> str:
    n = len(cases)
    at1 = sum(1 for q, *_ in cases if ranks[q] == 1)
    at3 = sum(1 for q, *_ in cases if ranks[q] is not None and ranks[q] <= 3)  # type: ignore[operator]
    return f"{name} ({build}): {n} queries, hit@1 {at1}/{n}, hit@3 {at3}/{n}"


def _check(cases: list[tuple[str, str, int, str]], ranks: dict[str, int | None]) -> list[str]:
    return [
        f"{q}: {expected} at rank {ranks[q]}, expected top {limit} ({why})"
        for q, expected, limit, why in cases
        if ranks[q] is None or ranks[q] > limit  # type: ignore[operator]
    ]


def test_example_site_ranks(driver: Any, example: tuple[str, str]) -> None:
    build, page = example
    ranks = _ranks(driver, page, EXAMPLE)
    print("\n" + _report("example", build, EXAMPLE, ranks), ranks)
    assert not _check(EXAMPLE, ranks)
    for query, page_url in EXAMPLE_NOT_FOUND:
        assert normal(page_url) not in results(driver, page, query), (query, page_url)


def test_fixture_site_ranks(driver: Any, fixture_site: tuple[str, str]) -> None:
    build, page = fixture_site
    ranks = _ranks(driver, page, FIXTURE)
    print("\n" + _report("fixture", build, FIXTURE, ranks), ranks)
    assert not _check(FIXTURE, ranks)
    for query, page_url in NOT_FOUND:
        assert normal(page_url) not in results(driver, page, query), (query, page_url)


def test_numbers_are_highlighted_whole(driver: Any, fixture_site: tuple[str, str]) -> None:
    """`70万元` marks 70余万元 in the snippet, and never the 70 of 700亩 or 2000万元."""
    _, page = fixture_site
    results(driver, page, "70万元")
    marks = driver.execute_script(
        "return Array.from(document.querySelectorAll('.bl-hit mark')).map(m => m.textContent);"
    )
    assert marks and set(marks) == {"70余万元"}, marks


def test_snippets_are_narrative_sentences(driver: Any, example: tuple[str, str]) -> None:
    """Snippets come from the narrative, with the query marked, never table cells run together."""
    _, page = example
    results(driver, page, "培训")
    snippets = driver.execute_script(
        "return Array.from(document.querySelectorAll('.bl-hit__snippet'))"
        ".map(p => [p.textContent, p.querySelectorAll('mark').length]);"
    )
    reports = snippets[:5]
    assert all(marked >= 1 for _, marked in reports), reports
    for text, _ in snippets:
        assert "合计方式" not in text and "类别人才培养" not in text, text


def test_guide_is_not_a_result(driver: Any, example: tuple[str, str]) -> None:
    _, page = example
    for query in ("指标", "编辑", "同义词"):
        assert not [u for u in results(driver, page, query) if u.startswith("guide")], query
