"""The previous site, removed without holding up the build that replaced it.

Deleting a site of thousands of files takes seconds (at 5,000 reports, as long as an
incremental build). Once the new site is in place (`swap_in`), the old one is renamed into
`.bulletins-cache/trash/` — one rename, so the published folder is never touched — and a
detached process deletes whatever the trash holds. A deletion that is killed leaves its folder
in the trash, and the next build's deleter removes it. Where the trash cannot be used (another
file system, no cache folder) the old site is deleted at once, as before.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.site import buildcache

TRASH = "trash"

PREFIX = "site-"
"""The trash holds only folders this module made (`site-…`); nothing else in it is touched."""

_DELETER = """\
import os, shutil, sys
try:
    os.nice(10)
except OSError:
    pass
trash = sys.argv[1]
if not os.path.islink(trash):
    for entry in os.listdir(trash):
        path = os.path.join(trash, entry)
        if entry.startswith(sys.argv[2]) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)
"""


def trash_folder(root: Path) -> Path:
    """The trash in the cache folder beside mkdocs.yml (`root`)."""
    return buildcache.folder(root, TRASH)


def discarder(root: Path) -> Callable[[Path], None]:
    """`swap_in`'s way of removing the old site: moved into the trash and deleted by a
    background process."""

    def discard(old: Path) -> None:
        if not _to_trash(old, trash_folder(root)):
            shutil.rmtree(old, ignore_errors=True)

    return discard


def _to_trash(old: Path, trash: Path) -> bool:
    if _linked(trash):  # a link could lead the deleter anywhere: delete the old site here
        return False
    try:
        trash.mkdir(parents=True, exist_ok=True)
        place = Path(tempfile.mkdtemp(prefix=PREFIX, dir=trash))
        os.replace(old, place / "old")  # an empty folder's name: replaced in one rename
    except OSError:  # another file system, a read-only cache folder …
        return False
    empty_trash(trash)
    return True


def empty_trash(trash: Path) -> None:
    """Start a process that deletes everything in `trash`, detached from this one (it outlives
    a `bulletins build` that has finished)."""
    _running[:] = [p for p in _running if p.poll() is None]  # reaped once done
    try:
        deleter = subprocess.Popen(
            [sys.executable, "-c", _DELETER, str(trash), PREFIX],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError:
        for entry in _entries(trash):
            if entry.name.startswith(PREFIX) and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
        return
    _running.append(deleter)


_running: list[subprocess.Popen[bytes]] = []
"""Deleters started by this process (a long `serve` reaps them as it starts others)."""


def _linked(trash: Path) -> bool:
    """The trash, or the cache folder holding it, is a symbolic link (a checkout can hold one)."""
    return any(p.is_symlink() for p in (trash, trash.parent))


def _entries(folder: Path) -> list[Path]:
    with contextlib.suppress(OSError):
        return list(folder.iterdir())
    return []
