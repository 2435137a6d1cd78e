"""The build cache: what the last build's outputs were made from, and the outputs themselves.

`.bulletins-cache/` beside mkdocs.yml (ignored by git; deletable at any time: the next build
is then a full one) holds one slot per kind of build (audience, offline, serve). A slot is

    manifest.json        written last, atomically: the build key, and per page its key, its
                         path in the site, the content reads its template made, search data
    blobs/<page key>     the page's HTML, hard-linked with the site's file (copied across
                         file systems); content-addressed: a name always holds the same bytes
    shards/<key>/        a search index bundle, the same way
    lock                 held (flock) by the build using the slot

A build reuses an output only when its key is the one recorded and the stored file still has
the size and modification time recorded (a file changed in place anywhere it is linked, say
by `mkdocs build --dirty` or a deploy script, is not reused). New outputs are linked in before
the manifest names them and old ones removed after, so a build killed at any moment leaves a
manifest whose every file is there. Nothing here imports MkDocs.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import marshal
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.content.cache import owner_tag

CACHE_DIR = ".bulletins-cache"
FORMAT = 2
"""The manifest's layout; another number is discarded (a full build)."""


@dataclass
class PageEntry:
    """One page as the last build made it."""

    key: str
    dest: str
    """Path of the page's file in the site."""
    reads: list[tuple[str, str | None]] = field(default_factory=list)
    """What its template read from the content (digest.RecordingContent)."""
    data: dict[str, Any] = field(default_factory=dict)
    """Small facts about the page the search needs (its sentences, whether it is indexed)."""


@dataclass
class Manifest:
    build_key: dict[str, str]
    """What every page shares, part by part (a changed part is named in the summary)."""
    pages: dict[str, PageEntry] = field(default_factory=dict)
    """By the page's source path (`src_uri`)."""
    blobs: dict[str, list[int]] = field(default_factory=dict)
    """Page key → [size, mtime_ns] of the stored file."""
    shards: dict[str, list[Any]] = field(default_factory=dict)
    """Bundle name → [key, stat digest of its stored files]."""


class BuildCache:
    """One slot of the cache folder, locked while a build uses it."""

    def __init__(self, root: Path, slot: str) -> None:
        # Keyed by this user's secret: stored pages are published as they are, so a cache a
        # checkout holds (made elsewhere) must never be found.
        self.dir = root / CACHE_DIR / f"{slot}.{owner_tag(slot)}"
        self._lock: int | None = None

    def open(self) -> Manifest | None:
        """Lock the slot and read its manifest: None when there is none, it is unreadable or
        another build holds the slot (then this build neither reads nor writes the cache)."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            _ignore_in_git(self.dir.parent)
            fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        self._lock = fd
        return self._read()

    @property
    def usable(self) -> bool:
        return self._lock is not None

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def _read(self) -> Manifest | None:
        try:
            raw = json.loads((self.dir / "manifest.json").read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                return None
            pages = {
                src: PageEntry(key, dest, [(r[0], r[1]) for r in reads], data)
                for src, (key, dest, reads, data) in raw["pages"].items()
            }
            return Manifest(raw["build_key"], pages, raw["blobs"], raw["shards"])
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None

    # ---- reading outputs --------------------------------------------------------------------

    def blob(self, manifest: Manifest, key: str) -> Path | None:
        """The stored page for `key`, if it is there unchanged."""
        recorded = manifest.blobs.get(key)
        if recorded is None:
            return None
        path = os.path.join(self.dir, "blobs", key)  # asked of every page: not pathlib
        try:
            st = os.stat(path)
        except OSError:
            return None
        return Path(path) if [st.st_size, st.st_mtime_ns] == recorded else None

    def shard(self, manifest: Manifest, name: str, key: str) -> Path | None:
        """The stored search bundle `name` for `key`, if it is there unchanged."""
        recorded = manifest.shards.get(name)
        if recorded is None or recorded[0] != key:
            return None
        path = self.dir / "shards" / key
        if not path.is_dir() or tree_digest(path) != recorded[1]:
            return None
        return path

    def place_shard(self, manifest: Manifest, name: str, key: str, target: Path) -> str | None:
        """Link the stored search bundle `name` for `key` at `target` (a folder not there yet)
        if it is there unchanged; its files' digest (None: not stored, or changed)."""
        recorded = manifest.shards.get(name)
        if recorded is None or recorded[0] != key or target.exists():
            return None
        path = self.dir / "shards" / key
        listing = _listing(path)
        if not listing or _listing_digest(listing) != recorded[1]:
            return None
        for rel, _ in listing:
            link_new(path / rel, target / rel)
        return str(recorded[1])

    def load(self, name: str, key: str) -> Any:
        """What `save` kept under `name` for `key` (None: nothing, another key, unreadable)."""
        if self._lock is None:
            return None
        try:
            stored_key, value = marshal.loads((self.dir / f"{name}.marshal").read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return value if stored_key == key else None

    def save(self, name: str, key: str, value: Any) -> None:
        """Keep `value` (plain values only: marshal) under `name` for `key`, atomically."""
        if self._lock is None:
            return
        part = self.dir / f".{name}.marshal.{os.getpid()}.part"
        part.write_bytes(marshal.dumps((key, value)))
        os.replace(part, self.dir / f"{name}.marshal")

    # ---- writing ----------------------------------------------------------------------------

    def commit(
        self,
        build_key: dict[str, str],
        site: Path,
        pages: dict[str, PageEntry],
        shards: dict[str, str],
        old: Manifest | None,
        *,
        statics: dict[str, str] | None = None,
        verified: dict[str, str] | None = None,
        stored: Manifest | None = None,
    ) -> None:
        """Record this build: `pages` (their files in `site`), `shards` (bundle name → key, the
        bundle folder in `site`), `statics` (a static file's path in the site → its `static_key`).
        `verified`: bundle name → the digest of its stored files, for bundles this build found
        in the cache as recorded and linked in (not walked again). `stored`: the last manifest
        whatever its build key (static files are named by their bytes: good under any), else
        `old`. Files first, the manifest last, then what it no longer names."""
        if self._lock is None:
            return
        blobs_dir = self.dir / "blobs"
        blobs_dir.mkdir(exist_ok=True)
        manifest = Manifest(build_key)
        for src, entry in pages.items():
            stat = self._keep(blobs_dir, site / entry.dest, entry.key, old)
            if stat is not None:
                manifest.blobs[entry.key] = stat
                manifest.pages[src] = entry
        stored = stored or old
        for dest, key in sorted((statics or {}).items()):
            if key in manifest.blobs:
                continue
            kept = stored.blobs.get(key) if stored else None
            if kept is None or _stat(blobs_dir / key) != kept:
                try:  # stored only as the bytes its name says (nothing wrote over it since)
                    if static_key((site / dest).read_bytes()) != key:
                        continue
                except OSError:
                    continue
            stat = self._keep(blobs_dir, site / dest, key, stored)
            if stat is not None:
                manifest.blobs[key] = stat
        shards_dir = self.dir / "shards"
        verified = verified or {}
        for name, key in shards.items():
            bundle = shards_dir / key
            recorded = old.shards.get(name) if old is not None else None
            if name in verified and recorded == [key, verified[name]]:
                manifest.shards[name] = recorded  # checked and linked in by this build
                continue
            if old is None or self.shard(old, name, key) is None:
                _link_tree(site / name, bundle)
            manifest.shards[name] = [key, tree_digest(bundle)]
        _write_json(self.dir / "manifest.json", _as_json(manifest))
        self._prune(manifest)

    def _keep(
        self, blobs_dir: Path, source: Path, key: str, old: Manifest | None
    ) -> list[int] | None:
        """`source` stored as `blobs/<key>` unless the stored file is there as recorded; the
        stored file's stat (None: neither there nor stored)."""
        stored = blobs_dir / key
        kept = old.blobs.get(key) if old else None
        if kept is not None and _stat(stored) == kept:
            return kept
        _link_file(source, stored)
        return _stat(stored)

    def _prune(self, manifest: Manifest) -> None:
        for path in _children(self.dir / "blobs"):
            if path.name not in manifest.blobs:
                path.unlink(missing_ok=True)
        keep = {key for key, _ in manifest.shards.values()}
        for path in _children(self.dir / "shards"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)


def static_key(data: bytes) -> str:
    """A static file's name among the stored files: the digest of its bytes (a page key never
    starts with `s`)."""
    return "s" + hashlib.blake2b(data, digest_size=20).hexdigest()


def folder(root: Path, name: str) -> Path:
    """`name` in the cache folder beside mkdocs.yml (made, and ignored by git, when it can be:
    a cache that cannot be written is only not kept)."""
    with contextlib.suppress(OSError):
        (root / CACHE_DIR).mkdir(parents=True, exist_ok=True)
        _ignore_in_git(root / CACHE_DIR)
    return root / CACHE_DIR / name


def clear(root: Path) -> None:
    """Delete the whole cache folder (`bulletins build --clean`)."""
    shutil.rmtree(root / CACHE_DIR, ignore_errors=True)


def tree_digest(folder: Path) -> str:
    """The files under `folder`, their sizes and modification times, as one digest."""
    return _listing_digest(_listing(folder))


def _listing(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Every file under `folder` (its path from there, sorted) with its stat."""
    found = []
    top = len(str(folder)) + 1
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(dirpath, name)
            found.append((path[top:].replace(os.sep, "/"), os.stat(path)))
    found.sort(key=lambda item: item[0].split("/"))  # as paths sort: part by part
    return found


def _listing_digest(listing: list[tuple[str, os.stat_result]]) -> str:
    h = hashlib.blake2b(digest_size=16)
    for rel, st in listing:
        h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def link_new(source: Path | str, target: Path | str) -> None:
    """`source` hard-linked at `target` (a copy across file systems), in a folder being built:
    the folders on the way made as needed. A `target` already there is replaced, never written
    into (`_link_file`)."""
    try:
        os.link(source, target)
        return
    except FileNotFoundError:
        parent = os.path.dirname(target)
        try:
            os.mkdir(parent)
        except FileNotFoundError:
            os.makedirs(parent, exist_ok=True)
        except FileExistsError:
            pass
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    except OSError:
        pass
    _link_file(Path(source), Path(target))


def link_file(source: Path, target: Path) -> None:
    """`source` at `target` (a new name, never a write into an existing file)."""
    _link_file(source, target)


def link_tree(source: Path, target: Path) -> None:
    _link_tree(source, target)


def _stat(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _link_file(source: Path, target: Path) -> None:
    """A hard link (a copy across file systems) under a temporary name, renamed into place:
    whatever held `target` before is replaced, never written into."""
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    part.unlink(missing_ok=True)
    try:
        os.link(source, part)
    except OSError:
        shutil.copy2(source, part)
    os.replace(part, target)


def _link_tree(source: Path, target: Path) -> None:
    part = target.with_name(f".{target.name}.{os.getpid()}.part")
    shutil.rmtree(part, ignore_errors=True)
    for rel, _ in _listing(source):
        link_new(source / rel, part / rel)
    shutil.rmtree(target, ignore_errors=True)
    os.replace(part, target) if part.exists() else target.mkdir(parents=True, exist_ok=True)


def _children(folder: Path) -> Iterable[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _as_json(m: Manifest) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "build_key": m.build_key,
        "pages": {
            src: [e.key, e.dest, e.reads, e.data]  # tuples are written as lists
            for src, e in sorted(m.pages.items())
        },
        "blobs": dict(sorted(m.blobs.items())),
        "shards": dict(sorted(m.shards.items())),
    }


def _write_json(path: Path, data: dict[str, Any]) -> None:
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    part.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    os.replace(part, path)


def _ignore_in_git(folder: Path) -> None:
    """The cache folder ignores itself, so a site repository need not list it."""
    ignore = folder / ".gitignore"
    if not ignore.exists():
        with contextlib.suppress(OSError):
            ignore.write_text("# bulletins build cache: safe to delete\n*\n", encoding="utf-8")
