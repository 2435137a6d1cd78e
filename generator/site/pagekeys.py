"""Every generated page's spec key at once, in two processes where that pays.

A spec key (`plugin/incremental.py`) is the digest (`site/digest.py`) of a page spec and what
the page adds to it. Thousands of pages make this a second or more of every build, all of it
before MkDocs reads a page; on a machine with a free core `spec_keys` forks once, the child
computes every other page's key and sends them back, and the parent the rest. Digests are the
same in every process (they are built from values only), so the keys are those one process
computes (tests/site/test_pagekeys.py compares them). The records most pages hold — the
content's, and every figure with its report — are hashed first, in the parent, so neither
process hashes them again. A child that fails or dies costs only time: the parent computes
its keys itself. Nothing here imports MkDocs.
"""

from __future__ import annotations

import marshal
import os
import re
from collections.abc import Sequence
from typing import Any

from generator.site.digest import Digester, NotDigestible
from generator.site.pages import PageSpec

FORK_FROM = 1500
"""Fewer pages than this: one process (a fork costs more than it saves)."""
_LINK = re.compile(r"\]\(|\]:|<a |href=|src=")
"""Markdown with a link: MkDocs rewrites it by whether its target exists."""


def spec_values(spec: PageSpec, extra: Any, files_key: str) -> tuple[Any, ...]:
    """What a page's spec key is the digest of: its spec without the whole content (its reads
    are keyed apart), `extra` (its search document, edit link…) and, when its Markdown
    links, the set of files a link may name."""
    return (
        spec.src_uri,
        spec.title,
        spec.template,
        spec.markdown,
        spec.meta,
        {k: v for k, v in spec.context.items() if k != "content"},
        extra,
        bool(_LINK.search(spec.markdown)) and files_key,
    )


def _key(digester: Digester, values: tuple[Any, ...]) -> str | None:
    try:
        return digester.of(*values)
    except NotDigestible:
        return None


def spec_keys(
    digester: Digester,
    values: Sequence[tuple[Any, ...]],
    *,
    processes: int = 1,
    shared: Any = None,
) -> list[str | None]:
    """The digest of each of `values` (None: a value with no stable form), as
    `digester.of(*v)` gives it; `shared` (records many values hold) is hashed first."""
    if shared is not None:
        _key(digester, (shared,))
    if processes < 2 or len(values) < FORK_FROM or not hasattr(os, "fork"):
        return [_key(digester, v) for v in values]
    theirs_values = values[1::2]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: every other page's key, down the pipe, and out
        code = 1
        try:
            os.close(read)
            data = marshal.dumps([_key(digester, v) for v in theirs_values])
            with os.fdopen(write, "wb") as out:
                out.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    ours = [_key(digester, v) for v in values[0::2]]
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(pid, 0)
    theirs: Any = None
    if status == 0:
        try:
            theirs = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            theirs = None
    if (
        not isinstance(theirs, list)
        or len(theirs) != len(theirs_values)
        or not all(k is None or type(k) is str for k in theirs)
    ):
        theirs = [_key(digester, v) for v in theirs_values]  # the child failed: done here
    keys: list[str | None] = [None] * len(values)
    keys[0::2] = ours
    keys[1::2] = theirs
    return keys
