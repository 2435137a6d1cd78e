"""Shared pytest fixtures. Browser and web-server fixtures live in tests/browser.py."""

from browser import browser, chromium_driver, driver, site_server  # noqa: F401
