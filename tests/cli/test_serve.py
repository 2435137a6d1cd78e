"""`bulletins serve`: an editor edits a figure and sees the page and the totals change; drafts show,
bannered."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sites import SMALL, write_site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, timeout: float = 90) -> str:
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = _get(url)
        if last is not None and text in last:
            return last
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}; last: {(last or '')[:300]}")


def test_serve_rebuilds_on_edit_and_shows_drafts(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["reports/2016/hosp-b.md"] = (
        "---\nstatus: draft\nfigures:\n  lectures: 5次\n---\n\n草稿正文。\n"
    )
    cfg = write_site(tmp_path, files)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "-f", str(cfg), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}/test/"
        page = _wait_for(base + "reports/2015/hosp-a/", "80余次")
        assert "80余次" in page
        year = _wait_for(base + "years/2015/", "约300次")
        draft = _wait_for(base + "reports/2016/hosp-b/", "草稿")
        assert "只在本地预览中显示" in draft
        report = tmp_path / "content/reports/2015/hosp-a.md"
        report.write_text(
            report.read_text(encoding="utf-8").replace("80余次", "90余次"), encoding="utf-8"
        )
        _wait_for(base + "reports/2015/hosp-a/", "90余次")
        year = _wait_for(base + "years/2015/", "约310次")
        assert "约300次" not in year
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
