"""Shared pytest fixtures and the `slow` marker.

Browser and web-server fixtures live in tests/browser.py. A test that uses one of them
is marked `slow` here, so `pytest -m "not slow"` (the inner loop) never starts Chromium;
so is every test of the modules in `_SITE_MODULES`, which build whole sites (their
module fixtures do, so marking single tests would only move the cost to the next one).
Newer tests that build a site carry `@pytest.mark.slow` themselves.
"""

from __future__ import annotations

import pytest
from browser import browser, chromium_driver, driver, site_server  # noqa: F401

_BROWSER_FIXTURES = {"browser", "chromium_driver", "driver", "site_server"}
# Modules whose tests build sites, serve them or run hypothesis over builds: measured with
# `pytest --durations=0` (each over 7 s on a loaded 2-core machine; together about 90 %).
_SITE_MODULES = {
    "test_attacks",
    "test_audience_hardening",
    "test_bench",
    "test_browser_portal",
    "test_browser_search",
    "test_build_report",
    "test_export",
    "test_fuzz_build",
    "test_fuzz_content",
    "test_import_score",
    "test_neighbours",
    "test_offline_network",
    "test_output_guard",
    "test_portal_pages",
    "test_provenance",
    "test_search_page",
    "test_search_pagefind",
    "test_search_relevance",
    "test_serve",
    "test_serve_preview",
    "test_site",
    "test_site_figures",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.nodeid.split("::", 1)[0].rsplit("/", 1)[-1].removesuffix(".py")
        if module in _SITE_MODULES or _BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
