"""Shared pytest fixtures and the `slow` marker.

Browser and web-server fixtures live in tests/browser.py. A test that uses one of them
is marked `slow` here, so `pytest -m "not slow"` (the inner loop) never starts Chromium;
tests that build whole sites carry `@pytest.mark.slow` themselves (or `pytestmark`).
"""

from __future__ import annotations

import pytest
from browser import browser, chromium_driver, driver, site_server  # noqa: F401

_BROWSER_FIXTURES = {"browser", "chromium_driver", "driver", "site_server"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
