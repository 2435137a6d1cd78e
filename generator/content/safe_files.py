"""Files of a content tree opened without following links, and only when they are files.

Reading: `entry_kind` tells what a directory entry is without opening it or following
it (`lstat`), so a symbolic link, a FIFO, a device or a socket is refused before
anything could block on it or read through it; `read_regular` opens with
`O_NOFOLLOW | O_NONBLOCK` and checks again on the open descriptor (`fstat`), so a
file swapped for a link or a FIFO in between is refused too.

Writing: `create_new` creates one new file below a root folder, one folder at a time
relative to the folder above (`openat` with `O_NOFOLLOW`), so no folder on the way
and not the file itself can be a link leading elsewhere; it never replaces a file.

This module must not import MkDocs.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

REGULAR = "file"
FOLDER = "folder"
LINK = "link"
SPECIAL = "special"
MISSING = "missing"


def entry_kind(path: Path) -> str:
    """`file`, `folder`, `link`, `special` (FIFO, device, socket) or `missing`; never opens."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return MISSING
    except OSError:
        return SPECIAL
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISREG(mode):
        return REGULAR
    return SPECIAL


def special_kind(path: Path) -> str:
    """What a special entry is, in Chinese, for messages."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return "无法识别的文件"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"


class NotRegular(OSError):
    """The path is not a regular file (a link, a FIFO, a device, a socket, a folder)."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; `NotRegular` for anything else,
    `ValueError(size)` when larger. Links are not followed; FIFOs are never waited on."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
    if entry_kind(path) != REGULAR:
        raise NotRegular(f"not a regular file: {path}")
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link after lstat
            raise NotRegular(f"not a regular file: {path}") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(f"not a regular file: {path}")
        if st.st_size > limit:
            raise ValueError(st.st_size)
        chunks = []
        left = st.st_size + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:
            raise ValueError(len(data))
        return data
    finally:
        os.close(fd)


class LinkOnTheWay(OSError):
    """A folder on the way to a new file, or the file's name, is a symbolic link."""

    def __init__(self, where: Path) -> None:
        super().__init__(f"symbolic link on the way: {where}")
        self.where = where


def create_new(root: Path, rel: str | Path, data: bytes) -> Path:
    """Create `root/rel` with `data`, making missing folders; refuse (`LinkOnTheWay`) when
    any folder below `root` or the file is a link, `FileExistsError` when the file exists.
    `root` itself may be a link (the site owner's layout); nothing below it may."""
    parts = Path(rel).parts
    if not parts or any(p in ("", ".", "..") or "/" in p for p in parts):
        raise ValueError(f"not a relative path below the root: {rel}")
    dflags = os.O_RDONLY | os.O_DIRECTORY
    fd = os.open(root, dflags)
    here = root
    try:
        for part in parts[:-1]:
            here = here / part
            try:
                os.mkdir(part, 0o777, dir_fd=fd)
            except FileExistsError:
                pass
            try:
                nfd = os.open(part, dflags | os.O_NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # a link, or a file
                    raise LinkOnTheWay(here) from None
                raise
            os.close(fd)
            fd = nfd
        target = here / parts[-1]
        if entry_kind(target) == LINK:
            raise LinkOnTheWay(target)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW
        ffd = os.open(parts[-1], flags, 0o666, dir_fd=fd)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(ffd, view) :]
        finally:
            os.close(ffd)
        return root / Path(*parts)
    finally:
        os.close(fd)


def link_below(root: Path, path: Path) -> Path | None:
    """The first symbolic link among the existing entries from `root` (excluded) down to
    `path`, or None. For refusing a write before it starts, with the link in the message."""
    try:
        rel = path.relative_to(root)
    except ValueError:
        return None
    here = root
    for part in rel.parts:
        here = here / part
        kind = entry_kind(here)
        if kind == LINK:
            return here
        if kind == MISSING:
            return None
    return None
