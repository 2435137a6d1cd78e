"""The search page's warm-up words: a few words of each worker group's first bundle, put
into the built search page once Pagefind has run, which the page searches for on load so
that a reader's first query finds Pagefind's worker and index chunks ready
(pagefind_index.py, theme/assets/javascripts/bulletins-pagefind.js).

Kept between builds under the keys of the bundles they are chosen from (`Memo`): an edit
that leaves those bundles as they were does not read the index again."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol

from generator.compat.pagefind import IndexFormatError, warm_words
from generator.search.files import write_atomic
from generator.search.pagefind import bundles, worker_groups

log = logging.getLogger("mkdocs.plugins.bulletins")

WARM_ATTRIBUTE = 'data-warm=""'
"""The search page's placeholder for its warm-up words, filled in once Pagefind has run."""
_WARM = re.compile(r'data-warm="[^"]*"')


WARM_MEMO = "pagefind-warm"
"""Where `write_warm_words` keeps the words it chose (`Memo`)."""


class Memo(Protocol):
    """Plain values kept between builds under a key (site/buildcache.py's `BuildCache`)."""

    def load(self, name: str, key: str) -> Any: ...

    def save(self, name: str, key: str, value: Any) -> None: ...


def write_warm_words(
    site_dir: Path,
    shards: int = 1,
    *,
    keys: Mapping[str, str] | None = None,
    memo: Memo | None = None,
) -> list[str]:
    """Put into the built search page the words that warm each worker on load
    (pagefind_index.py); none if the index can't be read (the first query is then slower).

    The words are a function of the `warm_bundles`' files alone: with `keys` (bundle → what
    it was made of, plugin/incremental.py) and a `memo`, they are kept under those bundles'
    keys and not chosen again (reading the index files) while those bundles are unchanged."""
    if not (site_dir / "search" / "index.html").is_file():
        return []
    firsts = warm_bundles(shards)
    key = "\0".join(keys[n] for n in firsts) if keys and all(n in keys for n in firsts) else ""
    words = memo.load(WARM_MEMO, key) if key and memo is not None else None
    if not isinstance(words, list):
        words = choose_warm_words(site_dir, shards)
        if words is not None and key and memo is not None:
            memo.save(WARM_MEMO, key, words)
    fill_warm_words(site_dir, words or [])
    return words or []


def warm_bundles(shards: int) -> list[str]:
    """The bundles the warm-up words are chosen from: each worker group's first."""
    return [group[0] for group in worker_groups(bundles(shards))]


def choose_warm_words(site_dir: Path, shards: int = 1) -> list[str] | None:
    """The warm-up words of the index in `site_dir` (a function of the `warm_bundles`' files
    alone); None if the index can't be read."""
    try:
        return warm_words([site_dir / name for name in warm_bundles(shards)])
    except (IndexFormatError, OSError) as e:
        log.info(
            "未能从 Pagefind 索引选出搜索预热词（%s），读者的首次搜索会慢一些 (no warm-up words)", e
        )
        return None


def fill_warm_words(site_dir: Path, words: list[str]) -> None:
    """`words` into the built search page's first `data-warm` attribute, whatever it held (a
    page reused from the cache holds the words of the build that stored it). The page is
    replaced, never written into: it may be linked with the cache and the previous site."""
    page = site_dir / "search" / "index.html"
    if not page.is_file():
        return
    html = page.read_text(encoding="utf-8")
    filled = _WARM.sub(lambda _: 'data-warm="' + " ".join(words) + '"', html, count=1)
    if filled != html:
        write_atomic(page, filled)
