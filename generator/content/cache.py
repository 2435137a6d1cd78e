"""What each content file parsed and validated to, kept between builds and keyed by its bytes.

Parsing a report (its YAML front matter with the position of every value, its Markdown body)
and the checks that read that file alone (its fields, figures, narrative, the consistency of
prose and figures) are most of the work before any page exists: about 1.7 s at 1,000 reports.
An edit changes one file; this cache lets the next build redo that file only.

One file, `content.pickle` in the folder the caller names (the plugin and `bulletins check`
use `.bulletins-cache/content/` beside mkdocs.yml), holds per content file the digest of its
bytes and the pickled results made from them. A result derived from other files too (a
report's figures need the indicator catalogue) is keyed by the file's digest and a `context`
string naming those other inputs.

A file is known unchanged without reading it when its size, modification time, change time
(ctime: set by the system on every write, rename or `utime`, so a tool that restores the
mtime still changes it), inode and device are those recorded, and both times were at least
`RACY_NS` older than the moment they were recorded (a file written in the same clock tick as
it was recorded could change again with the same times: it is read and hashed, as git does
for its racily clean entries). Otherwise it is read and its BLAKE2b digest decides.

The cache file starts with a format number, a digest of the generator's content code and
of PyYAML's version, and a checksum of the rest: any mismatch, truncation or unreadable
entry means "not cached" (the work is done again), never an error. It is written whole
under a temporary name and renamed into place, only when something changed, so a build
killed at any moment leaves the old file or the new one. Cross-file checks (ids,
references, the audience rules) are not cached: they run on the whole set every time.
This module must not import MkDocs.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

__all__ = ["ContentCache", "digest"]

T = TypeVar("T")

FORMAT = 2
"""The file's layout; another number is discarded."""
RACY_NS = 2_000_000_000
"""A file's times closer than this to the moment they were recorded are not trusted (coarse
file-system clocks: FAT keeps mtimes to 2 s)."""

Stat = tuple[int, int, int, int, int, int, str]
"""Size, mtime_ns, ctime_ns, inode, device, when they were recorded (ns), the bytes' digest."""
FILE = "content.pickle"
_MAGIC = b"bulletins-content-cache\n"
_CHECK = 32  # BLAKE2b digest size of the payload's checksum


def digest(data: bytes | str) -> str:
    """A file's (or a context's) key: BLAKE2b, 128 bits, hex."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def machine_key() -> bytes | None:
    """This user's secret for signing cache files, made once (0600) in the user's cache
    folder (`$XDG_CACHE_HOME/bulletins/cache-key`, else `~/.cache/…`); None when it can be
    neither read nor made."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "bulletins" / "cache-key"
    try:
        key = path.read_bytes()
        if len(key) == 32 and not path.is_symlink():
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f"cache-key.{os.getpid()}")
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(os.urandom(32))
        os.replace(part, path)
        key = path.read_bytes()
    except OSError:
        return None
    return key if len(key) == 32 else None


def owner_tag(name: str) -> str:
    """`name` keyed by this user's secret: the name of a cache folder a checkout cannot hold
    ready-made (a random one, never found again, when there is no secret)."""
    key = machine_key() or os.urandom(32)
    return hashlib.blake2b(name.encode("utf-8"), digest_size=8, key=key).hexdigest()


@lru_cache(maxsize=1)
def code_key() -> bytes:
    """What the cached results were made by: the source of generator/content/ (the loader,
    the validators, the figure grammar, the schema), PyYAML's version and parser, Python's."""
    h = hashlib.blake2b(digest_size=16)
    here = Path(__file__).resolve().parent
    for path in sorted(here.rglob("*.py")):
        h.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    fast = getattr(yaml, "CSafeLoader", None) is not None
    h.update(f"{yaml.__version__}\0{fast}\0{sys.version}".encode())
    return h.hexdigest().encode()


class ContentCache:
    """One build's view of the cache: results found are taken after checking their keys,
    results made are kept for `save`. `folder=None`: nothing is read or kept (the plain path,
    which the tests compare with)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._old: dict[tuple[str, str], tuple[str, bytes]] = {}
        self._new: dict[tuple[str, str], tuple[str, bytes]] = {}
        self._stats: dict[str, Stat] = {}
        self._new_stats: dict[str, Stat] = {}
        self._digests: dict[str, str] = {}
        self._contexts: dict[str, str] = {}
        self.hits = 0
        self.misses = 0
        if folder is not None:
            self._old, self._stats = _read(folder / FILE)

    def stat(self, file: Path) -> tuple[int, ...] | None:
        """What `unchanged` compares, taken before the file is read (None: not cached)."""
        if self.folder is None:
            return None
        try:
            st = os.lstat(file)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode):
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, time.time_ns())

    def unchanged(self, path: str, now: tuple[int, ...] | None) -> tuple[bool, Any]:
        """(True, the stored parse) of file `path` when its stat `now` shows it unchanged since
        its bytes were hashed and the parse is there; (False, None) when it must be read."""
        known = self._stats.get(path)
        if now is None or known is None or now[:5] != known[:5]:
            return False, None
        if max(known[1], known[2]) >= known[5] - RACY_NS:
            return False, None
        found = self._old.get(("parse", path))
        if found is None or found[0] != known[6]:
            return False, None
        try:
            value = pickle.loads(found[1])
        except Exception:
            return False, None
        self._digests[path] = known[6]
        self._new_stats[path] = known
        self._new[("parse", path)] = found
        self.hits += 1
        return True, value

    def parsed(
        self, path: str, data: bytes, compute: Callable[[], T], now: tuple[int, ...] | None = None
    ) -> T:
        """The parse of file `path` whose bytes are `data`: stored, or `compute()`. `now`: the
        file's `stat` taken before it was read, recorded for `unchanged`."""
        key = digest(data)
        self._digests[path] = key
        if now is not None:
            self._new_stats[path] = (*now[:6], key)  # type: ignore[assignment]
        return self._get(("parse", path), key, compute)

    def derived(self, kind: str, path: str, context: str | None, compute: Callable[[], T]) -> T:
        """A result made from file `path` (parsed in this build) and `context` (the other
        inputs, or None when they cannot be named: then it is always computed)."""
        key = self._digests.get(path)
        if key is None or context is None:
            return compute()
        if context not in self._contexts:
            self._contexts[context] = digest(context)
        return self._get((kind, path), f"{key}:{self._contexts[context]}", compute)

    def keyed(self, kind: str, context: str | None, compute: Callable[[], T]) -> T:
        """A result made from `context` alone (one per kind), or always computed when None."""
        if context is None:
            return compute()
        return self._get((kind, ""), digest(context), compute)

    def _get(self, slot: tuple[str, str], key: str, compute: Callable[[], T]) -> T:
        if self.folder is None:
            return compute()
        found = self._old.get(slot)
        if found is not None and found[0] == key:
            try:
                value: T = pickle.loads(found[1])
            except Exception:  # a damaged entry is work to redo, never an error
                value = None  # type: ignore[assignment]
            else:
                self._new[slot] = found
                self.hits += 1
                return value
        stored = pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
        self._new[slot] = (key, stored)
        self.misses += 1
        # A copy, as a later build gets it: which values are one object (a file's path in its
        # report and in each figure's source) is then the same in every build, so the page
        # digests that pickle them (site/digest.py) do not change with the cache's state.
        copy: T = pickle.loads(stored)
        return copy

    def save(self) -> None:
        """Keep what this build used (files gone since are dropped), if anything changed."""
        if self.folder is None or (self._new == self._old and self._new_stats == self._stats):
            return
        entries = {"entries": self._new, "stats": self._new_stats}
        payload = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
        key = machine_key()
        if key is None:  # no private key to sign with: nothing kept (a cache is optional)
            return
        check = hashlib.blake2b(payload, digest_size=_CHECK, key=key).digest()
        head = _MAGIC + f"{FORMAT}\n".encode() + code_key() + b"\n"
        target = self.folder / FILE
        part = target.with_name(f".{FILE}.{os.getpid()}.part")
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"  # the folder ignores itself, as buildcache's does
            if not ignore.exists():
                ignore.write_text("# bulletins content cache: safe to delete\n*\n", "utf-8")
            part.write_bytes(head + check + payload)
            os.replace(part, target)
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        self._old, self._stats = dict(self._new), dict(self._new_stats)


def _read(
    path: Path,
) -> tuple[dict[tuple[str, str], tuple[str, bytes]], dict[str, Stat]]:
    """The stored entries and files' stats, or none when the file is missing, of another
    format or code, truncated or damaged."""
    try:
        blob = path.read_bytes()
    except OSError:
        return {}, {}
    head = _MAGIC + f"{FORMAT}\n".encode() + code_key() + b"\n"
    if not blob.startswith(head):
        return {}, {}
    check, payload = blob[len(head) : len(head) + _CHECK], blob[len(head) + _CHECK :]
    key = machine_key()
    # Keyed: a cache file this user's builds did not write (one committed to a repository, say)
    # is never unpickled, since unpickling runs whatever the file says.
    if key is None or not hmac.compare_digest(
        hashlib.blake2b(payload, digest_size=_CHECK, key=key).digest(), check
    ):
        return {}, {}
    try:
        found = pickle.loads(payload)
        entries, stats = found["entries"], found["stats"]
    except Exception:
        return {}, {}
    if not isinstance(entries, dict) or not isinstance(stats, dict):
        return {}, {}
    stats = {
        p: s
        for p, s in stats.items()
        if isinstance(s, tuple)
        and len(s) == 7
        and all(isinstance(x, int) for x in s[:6])
        and isinstance(s[6], str)
    }
    return {
        slot: value
        for slot, value in entries.items()
        if isinstance(slot, tuple)
        and isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], bytes)
    }, stats


def context_of(*parts: Any) -> str:
    """A context string from values whose `repr` is stable across processes (no sets)."""
    return "\0".join(repr(p) for p in parts)
