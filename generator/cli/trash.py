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

_DELETER = """\
import os, shutil, sys
try:
    os.nice(10)
except OSError:
    pass
for entry in os.listdir(sys.argv[1]):
    shutil.rmtree(os.path.join(sys.argv[1], entry), ignore_errors=True)
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
    try:
        trash.mkdir(parents=True, exist_ok=True)
        place = Path(tempfile.mkdtemp(prefix="site-", dir=trash))
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
            [sys.executable, "-c", _DELETER, str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError:
        for entry in _entries(trash):
            shutil.rmtree(entry, ignore_errors=True)
        return
    _running.append(deleter)


_running: list[subprocess.Popen[bytes]] = []
"""Deleters started by this process (a long `serve` reaps them as it starts others)."""


def _entries(folder: Path) -> list[Path]:
    with contextlib.suppress(OSError):
        return list(folder.iterdir())
    return []
