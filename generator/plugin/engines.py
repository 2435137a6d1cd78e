"""The site's search, one object per engine, with the hooks the plugin calls.

`engine_for` resolves the plugin's `search` option (search/engine.py decides) into one of:

- `Lunr`: Material's own search; its index is rewritten with finer Chinese tokens.
- `Local`: the site's own search page and one small index (works offline).
- `Pagefind`: Pagefind's chunked index, in shards, run after the build.

Each engine says which pages it adds (`pages`, `files`), what it keeps of each page
(`page_content`, `post_page`) and what it writes when the site is built (`post_build`).
The plugin calls every hook of whichever engine the build has; no hook asks which.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from generator.content.model import Content
from generator.search import engine, local
from generator.search.documents import Document, documents
from generator.search.lunr import rewrite_index_file
from generator.search.pagefind import (
    SEARCH_URI,
    PagefindError,
    index_view,
    mark_body,
    run_pagefind,
    search_page,
    shard_count,
    unmark_body,
)
from generator.search.pagefind_warm import Memo, write_warm_words
from generator.search.text import sentences
from generator.site.pages import PageSpec

log = logging.getLogger("mkdocs.plugins.bulletins")


class EngineError(Exception):
    """The search index could not be built; the message is for editors."""


class SearchEngine:
    """A search engine's hooks; the defaults do nothing."""

    name = ""
    own_page = True
    """The site's own search page at /search/: the header's search box becomes a form that
    opens it, and Material's index stays empty."""

    def __init__(self, content: Content) -> None:
        self.content = content

    def pages(self) -> list[PageSpec]:
        """Pages the engine adds when the configuration is read."""
        return []

    def files(self, specs: Mapping[str, PageSpec]) -> list[PageSpec]:
        """Pages the engine adds (or replaces) once every page spec is known."""
        return []

    def page_content(self, html: str, src_uri: str, spec: PageSpec | None) -> None:
        """A page's rendered (and cleaned) Markdown, before its template."""

    def post_page(self, output: str, src_uri: str, dest_uri: str) -> str:
        """A page's final HTML; what the engine returns is written."""
        return output

    def post_build(
        self, site: Path, specs: Mapping[str, PageSpec], url: Callable[[str], str | None]
    ) -> None:
        """Write the index, once every page is written."""

    # The incremental build (plugin/incremental.py) skips unchanged pages: what the engine
    # needs of a page comes from the cache instead.

    done: frozenset[str] | set[str] = frozenset()
    """Index bundles already in place (linked from the cache): not made again."""
    keys: Mapping[str, str] = {}
    """Each index bundle's key (what it is made of), where the incremental build knows it."""
    memo: Memo | None = None
    """Where what is made from bundles is kept between builds, by their keys."""
    views: Path | None = None
    """A folder kept between builds for what the index is made from (None: made afresh)."""
    digests: Mapping[str, str] | None = None
    """The digest of each page's `index_input`, by its path in the site (with `views`)."""

    def page_inputs(self, src_uri: str) -> Any:
        """What, besides its spec, the engine makes a page's final HTML from."""
        return None

    def index_input(self, output: str) -> str:
        """What the index is made of in a page's final HTML (the search bundles' keys)."""
        return output

    # `serve` re-renders an edited report's page before the rebuild (plugin/preview_page.py).

    def unmark(self, output: str) -> str:
        """A page's final HTML as it was before `post_page`."""
        return output

    def mark(self, output: str, spec: PageSpec, content: Content) -> str:
        """What `post_page` makes of the page of `spec` when the content is `content`."""
        return output

    def kept(self, src_uri: str) -> dict[str, Any]:
        """What the engine kept of a page it saw this build (stored in the cache)."""
        return {}

    def restore(self, src_uri: str, dest_uri: str, kept: Mapping[str, Any]) -> None:
        """A page reused from the cache: what the engine kept of it when it was built."""

    def index_shards(self) -> tuple[list[str], int]:
        """The pages indexed after the build, and into how many bundles (none: [], 0)."""
        return [], 0


class Lunr(SearchEngine):
    name = "lunr"
    own_page = False

    def post_build(
        self, site: Path, specs: Mapping[str, PageSpec], url: Callable[[str], str | None]
    ) -> None:
        index = site / "search" / "search_index.json"
        if index.is_file():
            rewrite_index_file(index)


def _prose(spec: PageSpec | None) -> bool:
    """Editors' prose (a report's narrative, a free page) is searched by its sentences."""
    return spec is None or spec.template == "report.html"


class Local(SearchEngine):
    name = "local"

    def __init__(self, content: Content) -> None:
        super().__init__(content)
        self.prose: dict[str, list[str]] = {}
        """Sentences of each report's and free page's Markdown, by src_uri."""

    def pages(self) -> list[PageSpec]:
        return [local.search_page()]

    def page_content(self, html: str, src_uri: str, spec: PageSpec | None) -> None:
        if _prose(spec):
            self.prose[src_uri] = sentences(html)

    def kept(self, src_uri: str) -> dict[str, Any]:
        return {"prose": self.prose[src_uri]} if src_uri in self.prose else {}

    def restore(self, src_uri: str, dest_uri: str, kept: Mapping[str, Any]) -> None:
        if "prose" in kept:
            self.prose[src_uri] = list(kept["prose"])

    def post_build(
        self, site: Path, specs: Mapping[str, PageSpec], url: Callable[[str], str | None]
    ) -> None:
        local.build_index(site, self.content, specs, self.prose, url)


class Pagefind(SearchEngine):
    name = "pagefind"

    def __init__(self, content: Content, shard_pages: int) -> None:
        super().__init__(content)
        self.shard_pages = shard_pages
        self.shards = 1
        self.documents: dict[str, Document] = {}
        """What each page is indexed by, and its filters, by src_uri."""
        self.synonyms: list[list[str]] = []
        self.indexed: list[str] = []
        """Pages marked for Pagefind in this build (their paths in the site)."""
        self.marked: set[str] = set()
        """The same pages by src_uri."""

    def pages(self) -> list[PageSpec]:
        return [search_page()]

    def files(self, specs: Mapping[str, PageSpec]) -> list[PageSpec]:
        self.documents = {d.src_uri: d for d in documents(self.content, specs, {})}
        self.shards = shard_count(len(self.documents), self.shard_pages)
        self.indexed = []
        self.marked = set()
        self.synonyms = local.synonym_groups(self.content.synonyms)
        return [search_page(self.shards)]

    def post_page(self, output: str, src_uri: str, dest_uri: str) -> str:
        if src_uri == SEARCH_URI:
            return output
        marked = mark_body(output, self.documents.get(src_uri), self.synonyms)
        if marked is not output:
            self.indexed.append(dest_uri)
            self.marked.add(src_uri)
        return marked

    def page_inputs(self, src_uri: str) -> Any:
        doc = self.documents.get(src_uri)
        return (doc, self.synonyms) if doc is not None else None

    def index_input(self, output: str) -> str:
        return index_view(output)

    def unmark(self, output: str) -> str:
        return unmark_body(output)

    def mark(self, output: str, spec: PageSpec, content: Content) -> str:
        found = documents(content, {spec.src_uri: spec}, {})
        doc = next((d for d in found if d.src_uri == spec.src_uri), None)
        return mark_body(output, doc, local.synonym_groups(content.synonyms))

    def kept(self, src_uri: str) -> dict[str, Any]:
        return {"indexed": src_uri in self.marked}

    def restore(self, src_uri: str, dest_uri: str, kept: Mapping[str, Any]) -> None:
        if kept.get("indexed"):
            self.indexed.append(dest_uri)

    def index_shards(self) -> tuple[list[str], int]:
        return self.indexed, self.shards

    def post_build(
        self, site: Path, specs: Mapping[str, PageSpec], url: Callable[[str], str | None]
    ) -> None:
        try:
            run_pagefind(
                site,
                self.indexed,
                shards=self.shards,
                done=self.done,
                views=self.views,
                digests=self.digests,
            )
        except PagefindError as exc:
            raise EngineError(str(exc)) from None
        write_warm_words(site, self.shards, keys=self.keys, memo=self.memo)


def engine_for(
    requested: str, *, offline: bool, content: Content, shard_pages: int
) -> SearchEngine:
    """The engine this build gets for the plugin's `search` option."""
    if requested == "pagefind" and offline:
        log.warning(
            "离线版使用本站自带搜索：file:// 下浏览器不允许 Pagefind "
            "读取索引分块（offline builds use search: local）"
        )
    chosen = engine.choose(requested, offline=offline, content=content)
    if chosen == "pagefind":
        return Pagefind(content, shard_pages)
    if chosen == "local":
        return Local(content)
    return Lunr(content)
