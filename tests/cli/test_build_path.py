"""One build path: `bulletins build` runs MkDocs' own sequence (startup, build, shutdown), the
audience and the build date are values (nothing left in the environment), and `serve` serves
the published files (the configured address, never its own)."""

from __future__ import annotations

import logging
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

from generator.cli.build import BuildFailed, build_site

pytestmark = pytest.mark.slow

HOOKS = """
import json, os
from pathlib import Path

LOG = Path(__file__).with_name("events.jsonl")

def _note(event, **data):
    with LOG.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"event": event, **data}) + "\\n")

def on_startup(command, dirty):
    _note("startup", command=command, dirty=dirty)

def on_config(config):
    _note("config")

def on_post_build(config):
    _note("post_build")

def on_shutdown():
    _note("shutdown")
"""


def _site(root: Path, files: dict[str, str] = SMALL, *, hooks: bool = False) -> Path:
    cfg = write_site(root, files)
    if hooks:
        (root / "hooks.py").write_text(HOOKS, encoding="utf-8")
        cfg.write_text(cfg.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n", "utf-8")
    return cfg


def test_every_plugin_gets_startup_and_shutdown(tmp_path: Path) -> None:
    import json

    cfg = _site(tmp_path, hooks=True)
    build_site(str(cfg), str(tmp_path / "site"))
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    events = [json.loads(line) for line in lines]
    assert [e["event"] for e in events] == ["startup", "config", "post_build", "shutdown"]
    assert events[0] == {"event": "startup", "command": "build", "dirty": False}


def test_shutdown_comes_even_when_the_build_fails(tmp_path: Path) -> None:
    files = {**SMALL, "reports/2015/hosp-a.md": "---\nfigures:\n  nosuch: 3次\n---\n\n正文。\n"}
    cfg = _site(tmp_path, files, hooks=True)
    with pytest.raises(BuildFailed):
        build_site(str(cfg), str(tmp_path / "site"))
    events = (tmp_path / "events.jsonl").read_text(encoding="utf-8")
    assert '"startup"' in events and '"shutdown"' in events and '"post_build"' not in events


def test_material_social_plugin_is_not_an_internal_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Material's social plugin needs on_startup; without its imaging libraries it says so
    itself (a warning naming them), never our 内部错误."""
    cfg = _site(tmp_path)
    text = cfg.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - social\n", 1)
    cfg.write_text(text, encoding="utf-8")
    caplog.set_level(logging.WARNING)
    try:
        build_site(str(cfg), str(tmp_path / "site"))
    except BuildFailed as exc:  # e.g. its fonts cannot be downloaded here
        assert "内部错误" not in str(exc) and "AttributeError" not in str(exc)
        return
    try:
        import cairosvg  # noqa: F401
        import PIL  # noqa: F401
    except ImportError:
        assert 'Required dependencies of "social" plugin not found' in caplog.text
    assert "内部错误" not in caplog.text


def _lastmod(site: Path) -> set[str]:
    return set(re.findall(r"<lastmod>([^<]+)</lastmod>", (site / "sitemap.xml").read_text()))


def test_two_builds_in_one_process_each_get_their_own_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")  # Material's banner, set on first import
    old = _site(tmp_path / "old")  # newest report: 2016 → 2016-12-31
    newer = dict(SMALL)
    newer["reports/2019/uni.md"] = "---\nfigures:\n  phd-enrolled: 2人\n---\n\n第八年。\n"
    new = _site(tmp_path / "new", newer)
    before = dict(os.environ)
    a = build_site(str(old), str(tmp_path / "old" / "site"))
    assert dict(os.environ) == before
    b = build_site(str(new), str(tmp_path / "new" / "site"))
    assert dict(os.environ) == before
    assert _lastmod(a) == {"2016-12-31"}
    assert _lastmod(b) == {"2019-12-31"}
    c = build_site(str(old), str(tmp_path / "old" / "again"), audience="internal")
    assert _lastmod(c) == {"2016-12-31"} and dict(os.environ) == before


def test_a_date_the_user_set_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    site = build_site(str(_site(tmp_path)), str(tmp_path / "site"))
    assert _lastmod(site) == {"1970-01-02"} and os.environ["SOURCE_DATE_EPOCH"] == "86400"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return bytes(r.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


PUBLISHED = [
    "sitemap.xml",
    "sitemap.xml.gz",
    "feed.xml",
    "data/datapackage.json",
    "data/reports.csv",
    "data/reports.json",
]


def test_served_files_are_the_published_ones(tmp_path: Path) -> None:
    cfg = _site(tmp_path)
    published = build_site(str(cfg), str(tmp_path / "published"))
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "-f", str(cfg), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/test/"
        deadline = time.time() + 90
        while _get(base + "sitemap.xml") is None and time.time() < deadline:
            time.sleep(0.3)
        for name in PUBLISHED:
            served = _get(base + name)
            assert served is not None, name
            assert b"127.0.0.1" not in served, name
            assert served == (published / name).read_bytes(), name
        page = (_get(base + "reports/2015/hosp-a/") or b"").decode("utf-8")
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', page)
        assert canonical and canonical[1] == "https://example.org/test/reports/2015/hosp-a/"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _audience_messages(result_output: str) -> list[str]:
    return [line for line in result_output.splitlines() if "受众（audience）" in line]


def test_a_bad_audience_has_one_message_wherever_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The environment variable: the same one line from check, build and export; mkdocs.yml:
    MkDocs' reason for the option under one Chinese sentence naming mkdocs.yml."""
    from click.testing import CliRunner

    from generator.cli import main

    cfg = _site(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BULLETINS_AUDIENCE", "Public")
    outputs = []
    for args in (["check"], ["build", "-d", "site"], ["export", "out"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (1, 2) and "Traceback" not in result.output
        lines = _audience_messages(result.output)
        assert len(lines) == 1 and "环境变量 BULLETINS_AUDIENCE" in lines[0], result.output
        outputs.append(lines[0])
    assert len(set(outputs)) == 1
    monkeypatch.delenv("BULLETINS_AUDIENCE")
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("audience: public", "audience: x"))
    for args in (["check"], ["build", "-d", "site"], ["export", "out"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (1, 2) and "Traceback" not in result.output
        assert result.output.count("mkdocs.yml 配置有误") == 1, result.output
        assert "'audience'" in result.output and "'x'" in result.output, result.output
