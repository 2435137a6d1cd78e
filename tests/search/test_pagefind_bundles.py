"""Pagefind's bundles and what an edit re-indexes (search/pagefind.py, plugin/incremental.py).

Pagefind is given each page's `index_view` (what it reads of the page), never the whole page:
the index is the same bytes, and a bundle is re-indexed only when the view of one of its pages
changed — one edited report re-indexes its own bundle, not those of its pairing, units, year,
indicators and regions, whose tables changed but not what search finds them by.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from sites import REPO, SMALL, corpus_yml, write_site

from generator.cli.build import build_site
from generator.compat.pagefind import stabilise
from generator.search.pagefind import (
    PARALLEL,
    assign_shards,
    executable,
    index_view,
    mark_body,
    unmark_body,
)

sys.path.insert(0, str(REPO))
from bench.corpus import generate  # noqa: E402
from generator.cli import main  # noqa: E402


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_bundles_are_stable_and_deterministic() -> None:
    paths = [f"reports/{y}/p-{i:04d}/index.html" for y in range(2010, 2020) for i in range(300)]
    groups = assign_shards(paths, 7)
    assert groups == assign_shards(sorted(paths, reverse=True), 7)  # order does not matter
    assert sorted(p for g in groups for p in g) == sorted(paths)
    where = {p: i for i, g in enumerate(groups) for p in g}
    # Others come and go: a page stays where it was.
    fewer = assign_shards([p for p in paths if hash(p) % 5], 7)
    more = assign_shards([*paths, *(f"units/u-{i}/index.html" for i in range(500))], 7)
    for other in (fewer, more):
        assert all(where[p] == i for i, g in enumerate(other) for p in g if p in where)
    # Under another hash seed, the same assignment (no Python `hash` in it).
    code = (
        "from generator.search.pagefind import assign_shards;"
        f"print(assign_shards({paths[:400]!r}, 7))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "123", "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert out.strip() == repr(assign_shards(paths[:400], 7))
    assert PARALLEL >= 1


@pytest.mark.slow
def test_views_index_the_same_as_whole_pages_and_unmark_undoes_mark(tmp_path: Path) -> None:
    cfg = write_site(tmp_path, SMALL, search="pagefind")
    site = build_site(str(cfg), str(tmp_path / "site"))
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    )
    assert any(p.startswith("reports/") for p in pages) and any(
        p.startswith("units/") for p in pages
    )
    binary = executable()
    assert binary is not None
    out = {}
    for kind in ("whole", "view"):
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        for page in pages:
            html = (site / page).read_text(encoding="utf-8")
            (folder / "in" / page).parent.mkdir(parents=True, exist_ok=True)
            (folder / "in" / page).write_text(
                html if kind == "whole" else index_view(html), encoding="utf-8"
            )
        cmd = [str(binary), "--site", str(folder / "in"), "--output-path", str(folder / "out")]
        subprocess.run([*cmd, "--quiet"], check=True, capture_output=True)
        stabilise(folder / "out")
        out[kind] = _tree(folder / "out")
    assert out["view"] == out["whole"]  # the same index, file for file and byte for byte
    assert _tree(site / "pagefind") == {  # and the one the build wrote
        k: v for k, v in out["whole"].items() if k in _tree(site / "pagefind")
    }
    for page in pages:  # serve takes the marks out of a page and puts them back
        html = (site / page).read_text(encoding="utf-8")
        plain = unmark_body(html)
        assert "data-pagefind" not in plain, page
        if page.startswith("reports/"):
            assert index_view(html).count("<article") == 1
        elif page.startswith(("units/", "pairings/", "years/", "indicators/")):
            assert "<table" not in index_view(html)  # a catalogue's tables are not read
    # (mark_body needs the page's search document: plugin tests check mark(unmark(page)).)
    assert mark_body("<p>x</p>", None) == "<p>x</p>"


def _build(project: Path, site: Path) -> str:
    saved = dict(os.environ)
    try:
        result = CliRunner().invoke(
            main, ["build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
        )
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert result.exit_code == 0, result.output
    return result.output


def _bundles(out: str) -> tuple[int, int]:
    found = re.search(r"Pagefind 索引分片：重建 (\d+) 个，沿用 (\d+) 个", out)
    assert found, out
    return int(found[1]), int(found[2])


@pytest.mark.slow
def test_an_edit_reindexes_only_the_bundles_it_should(tmp_path: Path) -> None:
    project = tmp_path / "project"
    generate(project / "content", reports=60)
    (project / "mkdocs.yml").write_text(
        corpus_yml({"audience": "public", "search": "pagefind", "pagefind_shard_pages": 40}),
        encoding="utf-8",
    )
    first = _bundles(_build(project, tmp_path / "site"))
    total = first[0]
    assert total >= 4 and first[1] == 0
    assert _bundles(_build(project, tmp_path / "site")) == (0, total)  # nothing changed
    reports = sorted((project / "content").glob("reports/*/*.md"))

    # A figure and the narrative edited: the report's page is the only one whose indexed text
    # changed (its pairing, units, year, indicators and regions changed only in their tables).
    text = reports[0].read_text(encoding="utf-8")
    edited = re.sub(r"(figures:\n  [a-z-]+: )(\d+)", r"\g<1>1\2", text, count=1)
    assert edited != text
    reports[0].write_text(edited + "\n本年度新增一句叙述。\n", encoding="utf-8")
    assert _bundles(_build(project, tmp_path / "site")) == (1, total - 1)

    # A unit renamed: every page that names it is found by the new name.
    units = sorted((project / "content" / "units").glob("*.yml"))
    units[0].write_text(
        units[0].read_text(encoding="utf-8").replace("name: ", "name: 新", 1), encoding="utf-8"
    )
    rebuilt, reused = _bundles(_build(project, tmp_path / "site"))
    assert rebuilt >= 1 and rebuilt + reused == total


@pytest.mark.slow
def test_views_kept_between_builds_index_as_views_made_afresh(tmp_path: Path) -> None:
    """The incremental build's views folder (pagefind_views.py), brought up to date after pages
    changed, came and went, gives the same bundles as views written afresh; a view whose digest
    is unchanged is not written again; a folder without its list (a killed build) is made
    afresh; a view changed in place is written again."""
    from generator.search.pagefind import run_pagefind
    from generator.search.pagefind_views import LIST, view_digest

    cfg = write_site(tmp_path, SMALL, search="pagefind")
    site = build_site(str(cfg), str(tmp_path / "site"))
    for bundle in site.glob("pagefind*"):
        shutil.rmtree(bundle)
    pages = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    )
    views = tmp_path / "views"

    def digests() -> dict[str, str]:
        return {p: view_digest(index_view((site / p).read_text(encoding="utf-8"))) for p in pages}

    def both(indexed: list[str], kept: dict[str, str]) -> dict[str, str]:
        run_pagefind(site, indexed, shards=2)
        plain = {b: _tree(site / b) for b in ("pagefind", "pagefind-1")}
        for bundle in ("pagefind", "pagefind-1"):
            shutil.rmtree(site / bundle)
        run_pagefind(site, indexed, shards=2, views=views, digests=kept)
        assert {b: _tree(site / b) for b in ("pagefind", "pagefind-1")} == plain
        for bundle in ("pagefind", "pagefind-1"):
            shutil.rmtree(site / bundle)
        return {
            p.relative_to(views).as_posix(): str(p.stat().st_mtime_ns)
            for p in views.rglob("*.html")
        }

    first = both(pages, digests())
    assert sorted(p.name for p in views.iterdir()) == ["pagefind", "pagefind-1"]
    # Nothing changed: no view written again.
    again = both(pages, digests())
    assert again == first
    # A page changed in what search reads, one gone.
    report = next(p for p in pages if p.startswith("reports/"))
    html = (site / report).read_text(encoding="utf-8")
    (site / report).write_text(html.replace("</article>", "<p>新增一句</p></article>", 1), "utf-8")
    fewer = [p for p in pages if p != pages[-1]]
    now = both(fewer, digests())
    changed = sorted(k for k in now if now[k] != first[k])
    assert changed == [
        f"{name}/{report}" for name in ("pagefind", "pagefind-1") if f"{name}/{report}" in now
    ]
    assert not any(k.endswith(pages[-1]) and (views / k).is_file() for k in now)
    # A killed build left no list: the folder is made afresh. A view changed in place (size
    # and time not as listed) is written again.
    (views / "pagefind" / LIST).unlink()
    both(fewer, digests())
    some = next(p for p in (views / "pagefind-1").rglob("*.html"))
    some.write_text("<html><body>改</body></html>", encoding="utf-8")
    both(fewer, digests())
    assert "改" not in some.read_text(encoding="utf-8")
