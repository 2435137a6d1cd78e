"""Atomic exchange of two paths: Linux's `renameat2(RENAME_EXCHANGE)`, through ctypes.

Replacing a site folder with two renames leaves a moment with no site at all (and
no site forever if the process dies between them). `exchange` swaps both names in
one system call; where the kernel, the C library or the filesystem cannot
(another OS, old glibc, some network filesystems) it returns False and the caller
falls back to two renames. Checked on glibc 2.28+ (renameat2 exported) and
Linux 3.15+ (the flag).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 1 << 1
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


def _renameat2() -> object | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_FN = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap the names `a` and `b` (both must exist) atomically; False when not supported.

    Other failures (permissions, a missing path) raise OSError with the path.
    """
    if _FN is None:
        return False
    rc = _FN(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)  # type: ignore[operator]
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in _UNSUPPORTED:
        return False
    raise OSError(err, os.strerror(err), str(b))
