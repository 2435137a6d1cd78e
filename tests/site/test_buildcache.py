"""The build cache on its own: stored pages are reused only unchanged, the manifest names only
files that are there, a held slot is not shared, and the digests are stable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.site.buildcache import BuildCache, PageEntry, clear
from generator.site.digest import Digester, RecordingContent, sorted_reads


def _site(root: Path, pages: dict[str, str]) -> Path:
    site = root / "site"
    for dest, text in pages.items():
        (site / dest).parent.mkdir(parents=True, exist_ok=True)
        (site / dest).write_text(text, encoding="utf-8")
    return site


def test_a_stored_page_is_reused_only_as_it_was_stored(tmp_path: Path) -> None:
    site = _site(tmp_path / "b1", {"a/index.html": "A", "b/index.html": "B"})
    cache = BuildCache(tmp_path, "public")
    assert cache.open() is None  # no manifest yet
    pages = {"a.md": PageEntry("ka", "a/index.html"), "b.md": PageEntry("kb", "b/index.html")}
    cache.commit({"code": "1"}, site, pages, {}, None)
    cache.close()
    fresh = BuildCache(tmp_path, "public")
    manifest = fresh.open()
    assert manifest is not None and manifest.build_key == {"code": "1"}
    assert sorted(manifest.pages) == ["a.md", "b.md"]
    stored = fresh.blob(manifest, "ka")
    assert stored is not None and stored.read_text(encoding="utf-8") == "A"
    # Written in place where it is linked (the published site, say): never reused.
    (site / "b" / "index.html").write_text("changed", encoding="utf-8")
    assert fresh.blob(manifest, "kb") is None
    fresh.close()


def test_a_new_build_drops_what_it_no_longer_names(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path, "public")
    cache.open()
    site = _site(tmp_path / "b1", {"a/index.html": "A", "b/index.html": "B"})
    pages = {"a.md": PageEntry("ka", "a/index.html"), "b.md": PageEntry("kb", "b/index.html")}
    cache.commit({}, site, pages, {}, None)
    cache.close()
    again = BuildCache(tmp_path, "public")
    old = again.open()
    site2 = _site(tmp_path / "b2", {"a/index.html": "A2"})
    again.commit({}, site2, {"a.md": PageEntry("ka2", "a/index.html")}, {}, old)
    again.close()
    blobs = sorted(p.name for p in (BuildCache(tmp_path, "public").dir / "blobs").iterdir())
    assert blobs == ["ka2"]
    assert (
        (tmp_path / ".bulletins-cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    )
    clear(tmp_path)
    assert not (tmp_path / ".bulletins-cache").exists()


def test_a_slot_held_by_another_build_is_not_used(tmp_path: Path) -> None:
    first = BuildCache(tmp_path, "public")
    first.open()
    assert first.usable
    # Another process (flock is per open file, so a second open here would do too).
    code = (
        "import sys; from pathlib import Path; from generator.site.buildcache import BuildCache;"
        f"c = BuildCache(Path({str(tmp_path)!r}), 'public'); c.open(); sys.exit(0 if not c.usable "
        "else 1)"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    assert subprocess.run([sys.executable, "-c", code], env=env).returncode == 0
    first.close()


@dataclass(frozen=True)
class _Unit:
    id: str
    name: str


@dataclass(frozen=True)
class _Content:
    units: dict[str, _Unit]
    reports: tuple[str, ...] = ()


def test_reads_are_noted_and_digests_are_the_same_in_another_process() -> None:
    content = _Content({"u1": _Unit("u1", "甲"), "u2": _Unit("u2", "乙")}, ("r",))
    reads: set[tuple[str, str | None]] = set()
    seen = RecordingContent(content, reads)
    assert seen.units["u1"].name == "甲" and "u3" not in seen.units
    assert reads == {("units", "u1"), ("units", "u3")}
    list(seen.units)
    _ = seen.reports
    assert sorted_reads(reads)[:2] == [("reports", None), ("units", None)]
    d = Digester()
    before = d.reads(content, sorted_reads(reads))
    renamed = _Content({"u1": _Unit("u1", "丙"), "u2": _Unit("u2", "乙")}, ("r",))
    assert Digester().reads(renamed, sorted_reads(reads)) != before
    code = (
        "from decimal import Decimal; from generator.content.model import Source;"
        "from generator.site.digest import Digester;"
        "print(Digester().of(Source('content/units/x.yml', 3), {'a': [1, 2.5, None]},"
        " frozenset({'x', 'y', 'z', '甲'}), Decimal('1.50')))"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**env, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1  # sets in another hash order: the same digest


def test_a_cache_made_with_another_users_key_is_never_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored pages are published as they are and compiled templates are run: a cache folder
    a checkout holds, made under another secret, is not the one a build opens."""
    from generator.site.render import bytecode_cache, make_env

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "mine"))
    mine = BuildCache(tmp_path, "public").dir, bytecode_cache(make_env(), tmp_path).directory
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "theirs"))
    theirs = BuildCache(tmp_path, "public").dir, bytecode_cache(make_env(), tmp_path).directory
    assert mine[0] != theirs[0] and mine[1] != theirs[1]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "mine"))
    assert (
        BuildCache(tmp_path, "public").dir,
        bytecode_cache(make_env(), tmp_path).directory,
    ) == mine


def test_static_files_are_stored_by_their_bytes_only_as_they_are(tmp_path: Path) -> None:
    """A static file is stored under the digest of its bytes, and only if the site's file still
    holds them (nothing wrote over it after it was written)."""
    from generator.site.buildcache import static_key

    site = _site(tmp_path / "b1", {"data/a.csv": "a,b\n", "data/b.csv": "changed"})
    keys = {"data/a.csv": static_key(b"a,b\n"), "data/b.csv": static_key(b"x,y\n")}
    cache = BuildCache(tmp_path, "public")
    cache.open()
    cache.commit({}, site, {}, {}, None, statics=keys)
    cache.close()
    again = BuildCache(tmp_path, "public")
    manifest = again.open()
    assert manifest is not None
    stored = again.blob(manifest, keys["data/a.csv"])
    assert stored is not None and stored.read_bytes() == b"a,b\n"
    assert again.blob(manifest, keys["data/b.csv"]) is None
    # Kept as stored by the next build that names it (under any build key: `stored` is the last
    # manifest whatever its key), not read again; dropped when no build names it.
    again.commit(
        {"code": "2"}, site, {}, {}, None, statics={"x.csv": keys["data/a.csv"]}, stored=manifest
    )
    again.close()
    third = BuildCache(tmp_path, "public")
    manifest = third.open()
    assert manifest is not None and third.blob(manifest, keys["data/a.csv"]) is not None
    third.commit({}, site, {}, {}, manifest)
    third.close()
    assert not list((third.dir / "blobs").iterdir())


def test_link_new_makes_folders_and_never_writes_into_a_file(tmp_path: Path) -> None:
    from generator.site.buildcache import link_new

    source = tmp_path / "blob"
    source.write_text("new", encoding="utf-8")
    link_new(source, tmp_path / "site" / "a" / "b" / "index.html")
    assert (tmp_path / "site" / "a" / "b" / "index.html").read_text(encoding="utf-8") == "new"
    there = tmp_path / "site" / "old.html"
    there.write_text("old", encoding="utf-8")
    other = tmp_path / "other-link"
    other.hardlink_to(there)
    link_new(source, there)
    assert there.read_text(encoding="utf-8") == "new"
    assert other.read_text(encoding="utf-8") == "old"  # replaced, not written into
    assert there.stat().st_ino == source.stat().st_ino


def test_a_stored_bundle_is_placed_only_as_recorded(tmp_path: Path) -> None:
    site = _site(tmp_path / "b1", {"pagefind/a.pf_meta": "M", "pagefind/index/c.pf_index": "I"})
    cache = BuildCache(tmp_path, "public")
    cache.open()
    cache.commit({}, site, {}, {"pagefind": "k1"}, None)
    cache.close()
    again = BuildCache(tmp_path, "public")
    manifest = again.open()
    assert manifest is not None
    assert again.place_shard(manifest, "pagefind", "k2", tmp_path / "n1" / "pagefind") is None
    digest = again.place_shard(manifest, "pagefind", "k1", tmp_path / "n2" / "pagefind")
    assert digest == manifest.shards["pagefind"][1]
    placed = tmp_path / "n2" / "pagefind"
    assert sorted(p.relative_to(placed).as_posix() for p in placed.rglob("*") if p.is_file()) == [
        "a.pf_meta",
        "index/c.pf_index",
    ]
    # The next commit takes the digest this build checked: the same manifest.
    again.commit(
        {}, tmp_path / "n2", {}, {"pagefind": "k1"}, manifest, verified={"pagefind": digest}
    )
    assert json.loads((again.dir / "manifest.json").read_text(encoding="utf-8"))["shards"] == {
        "pagefind": ["k1", digest]
    }
    again.close()
    # A stored file changed: not placed.
    stored = BuildCache(tmp_path, "public")
    manifest = stored.open()
    assert manifest is not None
    (stored.dir / "shards" / "k1" / "a.pf_meta").write_text("changed", encoding="utf-8")
    assert stored.place_shard(manifest, "pagefind", "k1", tmp_path / "n3" / "pagefind") is None
    stored.close()
