"""The preview shows what is wrong (generator/plugin/serve_problems.py): an editor breaks a
file while `bulletins serve` runs, every page still answers at once with a banner naming the
problem, `/_problems/` lists it with its fix, and the banner goes when the file is fixed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from sites import SMALL, write_site

from generator.content.problems import Problem
from generator.plugin.preview import ServePreview
from generator.plugin.serve_problems import ProblemsApp

BANNER = 'id="bl-problems-banner"'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 5) -> tuple[float, int, str]:
    """Seconds taken, status and body of one request (status 0 when none came)."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return time.monotonic() - start, r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return time.monotonic() - start, e.code, e.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return time.monotonic() - start, 0, ""


def _wait_for(url: str, test, timeout: float = 90) -> str:  # type: ignore[no-untyped-def]
    deadline = time.time() + timeout
    body = ""
    while time.time() < deadline:
        _, status, body = _get(url)
        if status == 200 and test(body):
            return body
        time.sleep(0.3)
    raise AssertionError(f"{url} never passed; last: {body[:300]}")


@pytest.mark.slow
def test_broken_content_keeps_the_site_served_with_a_banner_then_fixed(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, SMALL)
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
        page = base + "reports/2015/hosp-a/"
        _wait_for(page, lambda b: "80余次" in b)
        assert BANNER not in _get(base)[2]

        report = tmp_path / "content/reports/2015/hosp-a.md"
        good = report.read_text(encoding="utf-8")
        report.write_text(good.replace("  lectures: 80余次", "  lecturs: 80余次"), encoding="utf-8")
        _wait_for(base, lambda b: BANNER in b)
        for url in (base, page, base + "years/2015/", base + "units/town-a/"):
            took, status, body = _get(url)
            assert status == 200 and took < 2, (url, took, status)
            banner = body[body.index(BANNER) : body.index("</div>", body.index(BANNER))]
            assert "内容有 1 个错误" in banner and "预览仍显示上次成功生成的网站" in banner
            assert "content/reports/2015/hosp-a.md:5:3" in banner and "lecturs" in banner
            assert 'href="/test/_problems/"' in banner
        assert "80余次" in _get(page)[2]  # the last good site, not an error page

        took, status, listing = _get(base + "_problems/")
        assert status == 200 and took < 2
        text = re.sub(r"<[^>]+>", "", listing)
        assert "content/reports/2015/hosp-a.md:5:3" in text
        assert "未知的成效指标 “lecturs”" in text and "是否应为 “lectures”" in text
        assert "改正：改成 indicators.yml 中已有的指标编号" in text
        assert "/livereload/" in listing  # it updates itself as files change

        # A second mistake appears on the list; fixing both takes the banner away.
        unit = tmp_path / "content/units/town-a.yml"
        unit_text = unit.read_text(encoding="utf-8")
        unit.write_text(unit_text.replace("kind: health-centre", "kind: clinic"), encoding="utf-8")
        _wait_for(base + "_problems/", lambda b: "content/units/town-a.yml:2:7" in b)
        assert "内容有 2 个错误" in _get(base)[2]

        report.write_text(good, encoding="utf-8")
        unit.write_text(unit_text, encoding="utf-8")
        _wait_for(base, lambda b: BANNER not in b)
        assert BANNER not in _get(page)[2]
        assert "没有发现问题" in _get(base + "_problems/")[2]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    err = proc.stderr.read() if proc.stderr else ""
    assert "Traceback" not in err
    assert "预览：内容有 1 个错误，仍显示上次成功生成的网站；问题列表：" in err


@pytest.mark.slow
def test_broken_content_at_start_says_what_to_do(tmp_path: Path) -> None:
    files = dict(SMALL)
    files["reports/2015/hosp-a.md"] = files["reports/2015/hosp-a.md"].replace("lectures:", "x:")
    cfg = write_site(tmp_path, files)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    args = ["serve", "-f", str(cfg), "-a", f"127.0.0.1:{_free_port()}"]
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "content/reports/2015/hosp-a.md:5:3: error[E310]" in done.stderr
    assert "预览启动失败：内容有错误（见上方各行），还没有可以预览的网站" in done.stderr
    assert "BuildError" not in done.stderr and "Traceback" not in done.stderr


def _app(problems: list[Problem], failure: str | None = None) -> ProblemsApp:
    def inner(environ, start_response):  # type: ignore[no-untyped-def]
        if environ["PATH_INFO"].endswith(".css"):
            start_response("200 OK", [("Content-Type", "text/css"), ("Content-Length", "4")])
            return [b"a{} "]
        body = b"<html><body class='x'><h1>\xe9\xa6\x96\xe9\xa1\xb5</h1></body></html>"
        start_response(
            "200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))]
        )
        return [body]

    return ProblemsApp(inner, "/site/", lambda: (tuple(problems), failure), lambda p: p)


def _call(app: ProblemsApp, path: str) -> tuple[str, dict[str, str], bytes]:
    got: dict[str, object] = {}

    def start_response(status, headers, exc_info=None):  # type: ignore[no-untyped-def]
        got.update(status=status, headers=dict(headers))

    body = b"".join(app({"PATH_INFO": path}, start_response))
    return str(got["status"]), got["headers"], body  # type: ignore[return-value]


def test_banner_only_on_html_and_only_with_errors() -> None:
    error = Problem("content/a.yml", 3, 5, "E204", "字段 “kind” 的取值<不对>")
    warning = Problem("content/b.md", 9, 1, "W601", "正文与数据不一致", severity="warning")

    status, headers, body = _call(_app([warning]), "/site/")
    assert BANNER not in body.decode() and status == "200 OK"

    status, headers, body = _call(_app([error, warning]), "/site/")
    page = body.decode()
    assert page.index("<body class='x'>") < page.index(BANNER) < page.index("<h1>首页</h1>")
    assert "content/a.yml:3:5" in page and "取值&lt;不对&gt;" in page  # escaped
    assert "正文与数据不一致" not in page  # warnings only on the list
    assert headers["Content-Length"] == str(len(body))

    status, headers, body = _call(_app([error]), "/site/x.css")
    assert body == b"a{} " and headers["Content-Length"] == "4"

    _, headers, body = _call(_app([error, warning]), "/site/_problems/")
    listing = body.decode()
    assert listing.index("content/a.yml:3:5") < listing.index("content/b.md:9:1")
    assert "改正：改用提示中的可选值" in listing and headers["Cache-Control"] == "no-store"


def test_a_failure_that_is_not_the_contents_is_shown_too() -> None:
    _, _, body = _call(_app([], "Config value 'theme': Unrecognised theme name"), "/site/")
    page = body.decode()
    assert "生成网站时出错" in page and "Unrecognised theme name" in page


def test_a_failed_rebuild_returns_to_the_server_with_its_problems(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        preview = ServePreview()
        error = Problem("content/a.yml", 3, 5, "E204", "取值不对")

        def failing() -> None:
            preview.found = (error,)
            raise RuntimeError("内容有 1 个错误")

        server._wanted_epoch = server._visible_epoch + 5  # a rebuild has started
        before = server._wanted_epoch
        server.builder = preview.wrap(failing, server)
        server.builder()  # returns: MkDocs then shows the last good site, nothing hangs
        assert preview.state() == ((error,), None)
        assert server._wanted_epoch > before  # the browsers reload, to show the banner

        def succeeding() -> None:
            preview.found = ()

        server.builder = preview.wrap(succeeding, server)
        server.builder()
        assert preview.state() == ((), None)
    finally:
        server.server_close()
