"""The incremental build equals a clean build, byte for byte, after every kind of edit.

One generated site (bench/corpus.py, 60 reports) is edited step by step in one project
folder, which keeps its `.bulletins-cache/`; after each step the incremental build is
compared, file for file and byte for byte, with a clean build of the same files in a fresh
folder, made the plain way where a fast path has a switch (`plain_paths`). Both search modes
that build incrementally (`local`, `pagefind` with several index shards). Then `kill -9` at
random moments of incremental builds: the site is always one of the two whole sites, and the
next build equals a clean one.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import REPO, corpus_yml

sys.path.insert(0, str(REPO))
from bench.corpus import generate  # noqa: E402
from generator.cli import main  # noqa: E402
from generator.plugin import statics  # noqa: E402
from generator.search import pagefind_views  # noqa: E402
from generator.site import opendata_files  # noqa: E402

pytestmark = pytest.mark.slow


def _yml(search: str) -> str:
    options = {"audience": "public", "search": search, "pagefind_shard_pages": 60}
    return corpus_yml(options, description="增量生成测试")


def _tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _build(project: Path, site: Path, *extra: str) -> str:
    """`bulletins build` in this process; the environment as it was before (the plugin sets
    SOURCE_DATE_EPOCH for the build)."""
    saved = dict(os.environ)
    try:
        result = CliRunner().invoke(
            main, ["build", "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra]
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert result.exit_code == 0, result.output
    return result.output


def _same_as_clean(project: Path, tmp: Path, name: str) -> str:
    """Build `project` incrementally and a copy of it from scratch; assert the same files.
    The clean site is left in `tmp/clean-<name>`."""
    out = _build(project, tmp / f"inc-{name}")
    fresh = tmp / f"fresh-{name}"
    fresh.mkdir()
    shutil.copytree(project / "content", fresh / "content")
    shutil.copy(project / "mkdocs.yml", fresh / "mkdocs.yml")
    if (project / "overrides").exists():
        shutil.copytree(project / "overrides", fresh / "overrides")
    with plain_paths():
        _build(fresh, tmp / f"clean-{name}")
    inc, clean = _tree(tmp / f"inc-{name}"), _tree(tmp / f"clean-{name}")
    assert sorted(inc) == sorted(clean), name
    differing = [path for path in clean if inc[path] != clean[path]]
    assert not differing, f"{name}: {differing[:10]}"
    shutil.rmtree(fresh)
    return out


@contextmanager
def plain_paths() -> Iterator[None]:
    """Builds meanwhile take the plain way of each fast path that has a switch (the downloads:
    `opendata_files.FAST`; static files copied by MkDocs, `statics.ENABLED`; Pagefind's views
    written afresh, `pagefind_views.ENABLED`), so a clean build is also the plain path the fast
    ones must equal."""
    saved = opendata_files.FAST, statics.ENABLED, pagefind_views.ENABLED
    opendata_files.FAST = statics.ENABLED = pagefind_views.ENABLED = False
    try:
        yield
    finally:
        opendata_files.FAST, statics.ENABLED, pagefind_views.ENABLED = saved


def _reused(out: str) -> int:
    m = re.search(r"沿用上次生成的 (\d+) 页", out)
    assert m, out
    return int(m.group(1))


def _edit(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, path
    path.write_text(changed, encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    generate(root / "content", reports=60)
    return root / "content"


@pytest.mark.parametrize("search", ["local", "pagefind"])
def test_incremental_equals_clean_after_each_edit(
    search: str, corpus: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    shutil.copytree(corpus, project / "content")
    (project / "mkdocs.yml").write_text(_yml(search), encoding="utf-8")
    content = project / "content"
    first = _build(project, tmp_path / "first")
    assert "完整生成：没有上次生成的缓存" in first
    again = _build(project, tmp_path / "again")
    assert _tree(tmp_path / "again") == _tree(tmp_path / "first")
    total = _reused(again)
    assert total > 150 and "重新生成 1 页" in again  # the free page only
    # Downloads, the feed and the theme's assets are linked from the cache, not written again
    # (plugin/statics.py); so are the search bundles; the same bytes (compared above).
    linked = [
        path
        for path in sorted((tmp_path / "again").rglob("*"))
        if path.is_file()
        and (
            path.name == "feed.xml"
            or path.parts[len(tmp_path.parts) + 1].startswith(("data", "assets", "pagefind"))
        )
    ]
    assert any(p.parts[-2] == "data" for p in linked) and any("assets" in p.parts for p in linked)
    stored = {p.stat().st_ino for p in (project / ".bulletins-cache").rglob("*") if p.is_file()}
    unlinked = [p for p in linked if p.stat().st_ino not in stored]
    assert not unlinked, unlinked[:5]
    if search == "pagefind":
        assert list(project.glob(".bulletins-cache/*/pagefind-warm.marshal"))
    reports = sorted(content.glob("reports/*/*.md"))

    # A figure edited: the report, its pairing, units, year, region and indicator pages.
    _edit(reports[0], lambda t: re.sub(r"(figures:\n  [a-z-]+: )(\d+)", r"\g<1>1\2", t, count=1))
    out = _same_as_clean(project, tmp_path, "figure")
    assert total - 60 < _reused(out) < total, out
    if search == "pagefind":
        assert "Pagefind 索引分片：" in out

    # A narrative edited: the report page, and the pages holding the report's record (its
    # pairing, year, regions, indicators: their keys hash the whole record, body included).
    _edit(reports[1], lambda t: t + "\n本年度新增一句叙述，用于检验增量生成。\n")
    out = _same_as_clean(project, tmp_path, "narrative")
    assert _reused(out) >= total - 40, out

    # A report deleted, then added back with another narrative.
    gone = reports[5]
    kept = gone.read_text(encoding="utf-8")
    gone.unlink()
    out = _same_as_clean(project, tmp_path, "deleted")
    assert not (tmp_path / "inc-deleted" / "reports" / gone.parent.name / gone.stem).exists()
    gone.write_text(kept + "\n补记：本总结重新提交。\n", encoding="utf-8")
    _same_as_clean(project, tmp_path, "added")

    # A unit renamed: its name is on its pairings, their reports, regions, flows …
    supporter = re.search(
        r"supporters: \[([a-z0-9-]+)",
        (content / "pairings")
        .joinpath(sorted(os.listdir(content / "pairings"))[0])
        .read_text(encoding="utf-8"),
    )
    assert supporter
    _edit(content / "units" / f"{supporter[1]}.yml", lambda t: t.replace("name: ", "name: 新", 1))
    _same_as_clean(project, tmp_path, "unit")

    # An indicator's unit changed: every figure of it is converted again.
    _edit(
        content / "indicators.yml",
        lambda t: t.replace(
            "student-aid:\n  name: 资助贫困学生金额\n  unit: 元",
            "student-aid:\n  name: 资助贫困学生金额\n  unit: 万元",
        ),
    )
    _same_as_clean(project, tmp_path, "indicator")

    # A report made internal: gone from every public page, index, download, feed, sitemap.
    hidden = reports[10]
    year, pairing = hidden.parent.name, hidden.stem
    _edit(hidden, lambda t: t.replace("---\n", "---\nvisibility: internal\n", 1))
    _same_as_clean(project, tmp_path, "internal")
    site = tmp_path / "inc-internal"
    assert not (site / "reports" / year / pairing).exists()
    leaks = [
        path
        for path, data in _tree(site).items()
        if f"reports/{year}/{pairing}/".encode() in data or f"{year}/{pairing}".encode() in data
    ]
    assert not leaks, leaks

    # A synonym added.
    (content / "synonyms.yml").write_text("培训: [训练]\n", encoding="utf-8")
    _same_as_clean(project, tmp_path, "synonym")

    # mkdocs.yml changed: a full build, and the summary says why.
    _edit(project / "mkdocs.yml", lambda t: t.replace("增量生成测试", "增量生成测试（改）"))
    out = _same_as_clean(project, tmp_path, "config")
    assert "完整生成：mkdocs.yml有改动" in out and _reused(out) == 0

    # --clean: a full build, the same site.
    out = _build(project, tmp_path / "cleaned", "--clean")
    assert _reused(out) == 0
    assert _tree(tmp_path / "cleaned") == _tree(tmp_path / "inc-config")


def test_killed_builds_leave_a_whole_site(corpus: Path, tmp_path: Path) -> None:
    """kill -9 at random moments of incremental builds: the site is the old one or the new
    one, whole; the cache is used safely or discarded; the next build equals a clean one."""
    project = tmp_path / "project"
    shutil.copytree(corpus, project / "content")
    (project / "mkdocs.yml").write_text(_yml("pagefind"), encoding="utf-8")
    site = tmp_path / "site"
    _build(project, site)
    report = sorted((project / "content").glob("reports/*/*.md"))[3]
    old = _tree(site)
    rng = random.Random(20)
    cmd = [sys.executable, "-c", "from generator.cli import main; main()", "build", "-q"]
    cmd += ["-f", str(project / "mkdocs.yml"), "-d", str(site)]
    for attempt in range(4):
        _edit(report, lambda t, n=attempt: t + f"\n第{n}次补记。\n")
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = _tree(site)
        _same_as_clean(project, tmp_path, f"after-kill-{attempt}")
        new = _tree(tmp_path / f"clean-after-kill-{attempt}")
        assert now in (old, new), f"attempt {attempt}: neither the old site nor the new one"
        _build(project, site)
        assert _tree(site) == new
        old = new


def test_an_edited_page_template_shows_in_the_next_build(corpus: Path, tmp_path: Path) -> None:
    """Compiled templates are kept in the cache folder (site/render.py): a site's own copy of
    a page template, edited between builds, is compiled again, and the build equals a clean
    one."""
    project = tmp_path / "project"
    shutil.copytree(corpus, project / "content")
    own = project / "overrides" / "bulletins" / "units.html"
    own.parent.mkdir(parents=True)
    shutil.copy(REPO / "theme" / "bulletins" / "units.html", own)
    import material  # Material's own partials are compiled once and kept too

    partial = project / "overrides" / "partials" / "copyright.html"
    partial.parent.mkdir()
    shutil.copy(Path(material.__file__).parent / "templates/partials/copyright.html", partial)
    (project / "mkdocs.yml").write_text(
        _yml("local").replace("font: false\n", "font: false\n  custom_dir: overrides\n"),
        encoding="utf-8",
    )
    _build(project, tmp_path / "first")
    assert list((project / ".bulletins-cache" / "templates").rglob("*.cache"))
    page = "units/index.html"
    assert "模板已改" not in _tree(tmp_path / "first")[page].decode()
    _edit(own, lambda t: t.replace("<p>共 ", "<p>模板已改</p>\n<p>共 ", 1))
    _edit(
        partial,
        lambda t: t.replace('<div class="md-copyright">', '<div class="md-copyright">页脚已改', 1),
    )
    _same_as_clean(project, tmp_path, "template")
    site = _tree(tmp_path / "inc-template")
    assert "模板已改" in site[page].decode()
    assert "页脚已改" in site[page].decode() and "页脚已改" in site["index.html"].decode()
