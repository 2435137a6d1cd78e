"""Material's own search (`search: lunr`) at scale: the same index for less work.

Material's search plugin parses every page's HTML into sections and cuts every
Chinese run with jieba; on a thousand reports that is close to half the build.
Two of its steps are wasted here:

- The jieba pass: `search_index.rewrite_index_file` removes Material's cuts and
  cuts the same text again, finer, after the index is written. Skipping the first
  pass leaves the index byte for byte the same (a test checks it).
- Markup that should not be in a search index at all: the collapsed lists of the
  figures a total adds up (`<details class="bl-parts">`, the same figures the
  report pages hold, repeated on every totals page) and the SVG of charts (axis
  labels; the data table follows each chart). Hidden from the parser, they cost
  nothing and stop flooding results with totals pages; the pages keep them.

`lighten(plugin)` patches one Material search plugin instance; it must run after
that plugin's `on_config` (which creates the index) and changes nothing else.
`drop_entries(plugin)` frees the entries once Material has written them.
This module must not import MkDocs.
"""

from __future__ import annotations

import re
from typing import Any

DIST = "mkdocs-material"
CHECKED = frozenset({"9.8.2"})
"""Versions of Material whose search index internals (`SearchIndex._segment_chinese`,
`add_entry_from_context`, `entries`) these functions were checked on."""

UNINDEXED = re.compile(r'<details class="bl-parts">.*?</details>|<svg\b.*?</svg>', re.DOTALL)


def _unsegmented(text: str) -> str:
    return text


def for_index(html: str) -> str:
    """The page HTML as Material's indexer should read it."""
    if "<svg" not in html and "bl-parts" not in html:
        return html
    return UNINDEXED.sub("", html)


def lighten(plugin: Any) -> bool:
    """Patch a Material search plugin's index; False when it is not one (or has no index yet)."""
    index = getattr(plugin, "search_index", None)
    if not type(plugin).__module__.startswith("material.") or not hasattr(
        index, "_segment_chinese"
    ):
        return False
    if not getattr(index, "_bulletins_light", False):
        skip_jieba(index)
        skip_markup(index)
        index._bulletins_light = True  # type: ignore[union-attr]
    return True


def skip_jieba(index: Any) -> None:
    """Material's cuts are removed and redone by `search_index`: do not make them."""
    index._segment_chinese = _unsegmented


def skip_markup(index: Any) -> None:
    """Material's parser reads each page without parts lists and chart SVG (`for_index`)."""
    add = index.add_entry_from_context

    def add_entry_from_context(page: Any) -> Any:
        full = page.content
        page.content = for_index(full)
        try:
            return add(page)
        finally:
            page.content = full

    index.add_entry_from_context = add_entry_from_context


def drop_entries(plugin: Any) -> None:
    """After Material wrote its index: free the copy it keeps in memory (a tenth of a large
    build's peak), unless a dirty `serve` merges it into the next build's index."""
    index = getattr(plugin, "search_index", None)
    if getattr(index, "_bulletins_light", False) and not getattr(plugin, "is_dirty", False):
        index.entries = []  # type: ignore[union-attr]
