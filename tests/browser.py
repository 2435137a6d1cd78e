"""Real-browser test helpers: system Chromium through Selenium, and a local web server.

For tests that look at the built site the way a reader does (search, offline
file:// browsing, Pagefind, screenshots). Fixtures (re-exported by conftest.py):

- ``browser`` (alias ``chromium_driver``): a fresh headless Chromium per test,
  with its own profile in ``tmp_path``; quits afterwards.
- ``site_server``: a factory; ``site_server(path)`` serves a folder over
  http://127.0.0.1:<free port>/ for the rest of the test and returns the base
  URL (ending in ``/``).

Plain helpers for other scopes (e.g. one browser for a whole module):

- ``open_chromium(profile_dir)`` returns a WebDriver (caller quits it);
  ``require_chromium()`` skips the test when Chromium is missing, but fails it
  under ``CI=true``, where a browser test must run.
- ``serve_dir(path)``: a context manager yielding the base URL.

This module must not build sites or know about the project's pages: it only
provides the browser and the server.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = os.environ.get("CHROMIUM_BINARY", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def _executable(path: str) -> str | None:
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    return shutil.which(os.path.basename(path))


def require_chromium() -> tuple[str, str]:
    """Paths of Chromium and chromedriver; skip (locally) or fail (CI=true) without them."""
    binary, driver = _executable(CHROMIUM), _executable(CHROMEDRIVER)
    missing = [name for name, p in (("chromium", binary), ("chromedriver", driver)) if p is None]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if missing:
        message = f"browser test needs {', '.join(missing)} (install: chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — under CI=true browser tests must run", pytrace=False)
        pytest.skip(message)
    assert binary is not None and driver is not None
    return binary, driver


def open_chromium(
    profile_dir: Path, *, width: int = 1280, height: int = 900, args: tuple[str, ...] = ()
) -> Any:
    """Start headless Chromium with a fresh profile in ``profile_dir``; the caller quits it."""
    binary, driver = require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        *FLAGS,
        f"--user-data-dir={profile_dir}",
        f"--window-size={width},{height}",
        "--lang=zh-CN",
        *args,
    ):
        options.add_argument(flag)
    profile_dir.mkdir(parents=True, exist_ok=True)
    return webdriver.Chrome(service=Service(driver), options=options)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@contextlib.contextmanager
def serve_dir(path: Path | str) -> Iterator[str]:
    """Serve ``path`` over http on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """A fresh headless Chromium (Selenium WebDriver) for one test."""
    driver = open_chromium(tmp_path / "chromium-profile")
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def chromium_driver(browser: Any) -> Any:
    """Alias of ``browser``."""
    return browser


@pytest.fixture
def site_server() -> Iterator[Callable[[Path | str], str]]:
    """``site_server(path)`` serves a folder until the test ends and returns its base URL."""
    with contextlib.ExitStack() as stack:
        yield lambda path: stack.enter_context(serve_dir(path))


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One headless Chromium shared by a test module's browser tests."""
    d = open_chromium(tmp_path_factory.mktemp("chromium") / "profile")
    try:
        yield d
    finally:
        d.quit()
