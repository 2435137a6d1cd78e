"""Pagefind search for large sites: the plugin option `search: pagefind`.

Material's own search (`search: lunr`, the default) ships one index that grows
with the site — tens of megabytes at thousands of reports — and every reader
downloads all of it before the first query. Pagefind splits its index into
small chunks and fetches only those a query needs. With the `pagefind[extended]`
package its binary segments Chinese (技术培训 → 技术 培训, 华东师范大学 →
华东 师范 大学, 70余万元 → 70 余 万 元), at indexing and in queries, so words
inside compounds and digits next to Chinese are found.

What this module does, for the plugin: `mark_body` tells Pagefind to index a
page's article only (not the navigation every page repeats); `run_pagefind`
indexes the built site into `site/pagefind/`, which also holds Pagefind's UI
scripts, so nothing is fetched from outside the site; `search_page` is the
spec of `/search/`, where the UI runs (the header box submits to it).

Large sites get several indexes ("shards"), searched together. Pagefind scores a
word by matching each page that has it against every page entry of the word, so
its time grows with the *square* of the pages holding the word: measured at
5,000 reports, 培训 (on 7,073 of 7,609 pages) took ~460 ms of ranking alone,
a word on 2,000 pages ~40 ms. Split into shards of about `SHARD_PAGES` pages
(by a hash of the page's path, so each shard is a sample of the whole site and
their scores compare), the same word costs k × (n/k)² = n²/k. Pagefind searches
the indexes it merges (`mergeIndex`) one after another in one Web Worker; the
search page splits the shards into `WORKERS` groups, each a worker of its own,
and merges their results (theme/assets/javascripts/pagefind-shards/pagefind.js).

Pagefind fetches its chunks, which browsers refuse under `file://`: offline
builds keep Material's search. This module must not import MkDocs.
"""

from __future__ import annotations

import logging
import math
import re
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Container, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from html import escape
from pathlib import Path

from generator.compat.material import for_index
from generator.compat.pagefind import IndexFormatError, stabilise
from generator.search import pagefind_views
from generator.search.documents import FACETS, Document
from generator.search.pagefind_views import prune_views, update_views, write_views
from generator.site.pages import PageSpec
from generator.site.pages.sitemap import SEARCH_URI

BUNDLE = "pagefind"
"""Folder of the index and UI files inside the site."""
SHARD_PAGES = 2000
"""Pages per index shard (the plugin option `pagefind_shard_pages`)."""
PARALLEL = 2
"""Bundles indexed at once, each by a Pagefind process of its own (one per core)."""
MAX_SHARDS = 32
"""Each shard costs the first query a request or two: past this, shards grow instead."""
WORKERS = 2
"""Groups of shards searched in parallel, each in a Web Worker. Each group beyond the first
costs the first query Pagefind's script, worker and WebAssembly again (~150 KiB before gzip);
at 5,000 reports two groups cut the first results by about a sixth (README)."""
_UI_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
"""Only the first bundle's UI is loaded: the merged shards need their index files alone."""
ARTICLE = '<article class="md-content__inner md-typeset">'

log = logging.getLogger("mkdocs.plugins.bulletins")


class PagefindError(RuntimeError):
    """Pagefind is missing or failed; the message is for the publisher (Chinese first)."""


def executable() -> Path | None:
    """The Pagefind binary, preferring the extended one (Chinese segmentation), or None."""
    try:
        from pagefind.service import get_executable  # type: ignore[import-not-found]
    except ImportError:
        return None
    return get_executable()


# 余/多 after a number: `70余万元`, `2万余元`, `80多次`. Pagefind cuts `70余万元` into words
# none of which starts with 万元, so `70万元` would miss it.
_APPROX = re.compile(r"(\d[\d,.]*)([万亿]?)[余多]([十百千万亿]{0,2}[\u4e00-\u9fff]{1,3})")
_ARTICLE_END = "</article>"


CATALOGUE_WEIGHT = "0.3"
"""Pagefind weight of a catalogue page's words (title, introduction), against 1 for a report's
narrative: a report about a word ranks above the catalogue pages that name it."""
NAMES_WEIGHT = "3"
"""Pagefind weight of a report's parties and places (its title, an h1, weighs 7 by default)."""


def _filters(doc: Document) -> str:
    labels = dict(FACETS)
    return "".join(
        f'<span data-pagefind-filter="{escape(labels[key])}:{escape(value)}"></span>'
        for key, values in sorted(doc.facets.items(), key=lambda kv: list(labels).index(kv[0]))
        for value in values
    )


def _catalogue_text(doc: Document) -> list[str]:
    """Introduction, then the names it does not already hold: each word once, as Pagefind counts
    every occurrence and a one-line page would rank on repetition alone."""
    said = doc.title + "".join(doc.text)
    return [*doc.text, *(n for n in doc.names if n not in said)]


def mark_body(html: str, doc: Document | None, synonyms: Sequence[Sequence[str]] = ()) -> str:
    """What Pagefind indexes of a page (`doc`, documents.py; None: the page is not a result).

    Reports and free pages: the article, without its tables (`data-pagefind-ignore`), plus in
    a hidden block their parties and places (weighted), their figures as written and each
    approximate figure without its 余/多 (`70余万元` → `70万元`), so a query for the round
    figure finds it; the synonyms (`synonyms`: groups, local.synonym_groups) of the words it
    has, since Pagefind has no synonyms at query time. Catalogue pages: only a hidden block
    of their title and introduction, weighted down, never their tables. Every indexed page
    carries its filters."""
    start = html.find(ARTICLE)
    end = html.find(_ARTICLE_END, start)
    if start < 0 or end < 0 or doc is None:
        return html
    article = html[start:end]
    if doc.kind not in ("report", "page"):
        block = (
            f'<div class="bl-pf-body" hidden data-pagefind-body '
            f'data-pagefind-weight="{CATALOGUE_WEIGHT}">'
            f'<p data-pagefind-meta="title">{escape(doc.title)}</p>'
            + "".join(f"<p>{escape(t)}</p>" for t in _catalogue_text(doc))
            + _filters(doc)
            + "</div>"
        )
        return html[:start] + article + block + html[end:]
    article = article.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)
    # Not indexed: parts lists and chart SVG (as for Material's search), tables (cells run
    # together are no snippet, and their words are what the page names, not what it is about).
    article = article.replace(
        '<details class="bl-parts">', '<details class="bl-parts" data-pagefind-ignore>'
    )
    article = article.replace("<svg ", "<svg data-pagefind-ignore ")
    article = article.replace("<table", "<table data-pagefind-ignore")
    indexed = for_index(html[start:end])
    variants = sorted({m.group(1) + m.group(2) + m.group(3) for m in _APPROX.finditer(indexed)})
    extra = [f'<p data-pagefind-weight="{NAMES_WEIGHT}">{escape(" ".join(doc.names))}</p>']
    extra += [f"<p>{escape(f)}</p>" for f in doc.figures]
    if variants:
        extra.append("<p>" + " ".join(variants) + "</p>")
    present = [w for group in synonyms if any(w in indexed for w in group) for w in group]
    also = [w for w in present if w not in indexed]
    if also:
        extra.append("<p>" + escape(" ".join(also)) + "</p>")
    article += (
        '<div class="bl-pf-variants" hidden aria-hidden="true">'
        + "".join(extra)
        + _filters(doc)
        + "</div>"
    )
    return html[:start] + article + html[end:]


_MARKS = (
    ('<details class="bl-parts" data-pagefind-ignore>', '<details class="bl-parts">'),
    ("<svg data-pagefind-ignore ", "<svg "),
    ("<table data-pagefind-ignore", "<table"),
)
_VARIANTS = re.compile(
    r'<div class="bl-(?:pf-variants|pf-body)" hidden[^>]*>.*?</div>(?=</article>)', re.DOTALL
)


def unmark_body(html: str) -> str:
    """A page as it was before `mark_body` (`serve` edits a built page, then marks it again):
    what `mark_body` adds is fixed text, taken out again. The caller checks that marking the
    result gives the page back."""
    start = html.find(ARTICLE[:-1] + " data-pagefind-body>")
    if start >= 0:
        end = html.find(_ARTICLE_END, start)
        article = html[start:end].replace(" data-pagefind-body>", ">", 1)
        for marked, plain in _MARKS:
            article = article.replace(marked, plain)
        html = html[:start] + article + html[end:]
    start = html.find(ARTICLE)
    end = html.find(_ARTICLE_END, start)
    if start < 0 or end < 0:
        return html
    end += len(_ARTICLE_END)
    return html[:start] + _VARIANTS.sub("", html[start:end]) + html[end:]


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_BODIES = (
    (ARTICLE[:-1] + " data-pagefind-body>", _ARTICLE_END),
    ('<div class="bl-pf-body" hidden data-pagefind-body', "</div>"),
)
"""The regions `mark_body` gives Pagefind, from their opening to their closing tag (neither holds
another element of its kind)."""


def index_view(html: str) -> str:
    """All Pagefind reads of a page `mark_body` marked: its `<html>` tag (the language) and the
    regions it indexes, which hold every filter, meta value, heading and image it takes.

    Pagefind is given this instead of the page (`run_pagefind`): the same index, from a fraction
    of the bytes, and a bundle's key (plugin/incremental.py) changes only when what Pagefind
    reads does: a total in a year page's table leaves the year's bundle as it was.
    tests/search/test_search_pagefind.py checks the index is the same as from the whole pages."""
    tag = _HTML_TAG.search(html)
    parts = ["<!doctype html>\n", tag.group(0) if tag else "<html>", "<body>"]
    for opening, closing in _BODIES:
        at = html.find(opening)
        while at >= 0:
            end = html.find(closing, at)
            if end < 0:
                break
            parts.append(html[at : end + len(closing)])
            at = html.find(opening, end)
    parts.append("</body></html>\n")
    return "".join(parts)


def shard_count(pages: int, per_shard: int = SHARD_PAGES) -> int:
    """How many index shards for this many indexed pages: one per `per_shard` pages, 1 to
    `MAX_SHARDS`."""
    return max(1, min(MAX_SHARDS, math.ceil(pages / max(1, per_shard))))


def bundles(shards: int) -> list[str]:
    """The bundle folders, first the one with the UI: `pagefind`, `pagefind-1`, `pagefind-2`, …"""
    return [BUNDLE] + [f"{BUNDLE}-{i}" for i in range(1, shards)]


def assign_shards(pages: Iterable[str], shards: int) -> list[list[str]]:
    """Pages (paths in the site) into `shards` lists by a hash of the path: each shard is a
    sample of the whole site, and a page stays in its shard while others come and go (an
    incremental build re-indexes only the shards its changed pages fall in). Should that leave
    a shard empty (a few pages, many shards), they are dealt one each in turn instead."""
    ordered = sorted(pages, key=lambda page: (zlib.crc32(page.encode("utf-8")), page))
    groups: list[list[str]] = [[] for _ in range(shards)]
    for page in ordered:
        groups[zlib.crc32(page.encode("utf-8")) % shards].append(page)
    if all(groups) or len(ordered) < shards:
        return groups
    return [ordered[i::shards] for i in range(shards)]


def worker_groups(names: list[str], workers: int = WORKERS) -> list[list[str]]:
    """Bundles dealt into `workers` groups (fewer if there are fewer bundles), each searched in a
    worker of its own; a group's first bundle holds the worker."""
    return [names[i::workers] for i in range(min(workers, len(names)))]


def search_page(shards: int = 1) -> PageSpec:
    """`/search/`: Pagefind's UI; `?q=` runs a query (the header's search box sends one)."""
    names = bundles(shards)
    return PageSpec(
        SEARCH_URI,
        "搜索",
        "search-pagefind.html",
        {"bundle": names[0], "groups": worker_groups(names), "facets": [list(f) for f in FACETS]},
        meta={"hide": ["navigation", "toc"]},
    )


def run_pagefind(
    site_dir: Path,
    pages: Iterable[str],
    *,
    shards: int = 1,
    quiet: bool = True,
    done: Container[str] = (),
    views: Path | None = None,
    digests: Mapping[str, str] | None = None,
) -> None:
    """Index `pages` (paths of HTML files in the built site) into `shards` bundles, see `bundles`.

    What Pagefind reads of each shard's pages (`index_view`) is written into a folder of their
    own beside the site, with their paths kept, and Pagefind indexes that folder into the
    shard's bundle in the site: URLs stay those of the site. With `views` (a folder kept between
    builds) and `digests` (each page's `view_digest`), each bundle's folder is kept there and
    only the views that changed are written again (pagefind_views.py). Bundles named in `done`
    are in place already (the incremental build linked them); the others are indexed `PARALLEL`
    at a time. Each bundle is then made the same bytes for the same pages (`stabilise`).
    """
    binary = executable()
    if binary is None:
        raise PagefindError(
            'search: pagefind 需要安装 Pagefind：pip install "pagefind[extended]"'
            "（the extended binary segments Chinese）"
        )
    if "extended" not in binary.name:
        log.warning("Pagefind 不是 extended 版本，中文不会分词：请安装 pagefind[extended]")
    groups = assign_shards(pages, shards)
    if not all(groups):
        raise PagefindError(
            f"内部错误：{shards} 个索引分片只有 {sum(map(len, groups))} 个页面可分（fewer "
            "pages than shards）"
        )
    names = bundles(shards)
    todo = [
        (i, name, group)
        for i, (name, group) in enumerate(zip(names, groups, strict=True))
        if name not in done
    ]
    if views is not None and digests is not None and pagefind_views.ENABLED:
        prune_views(views, names)
        work = views
    else:
        work, digests = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir.parent)), None
    try:
        with ThreadPoolExecutor(max_workers=max(1, min(PARALLEL, len(todo)))) as pool:
            for future in [
                pool.submit(
                    _bundle,
                    binary,
                    site_dir,
                    work / (name if digests is not None else str(i)),
                    name,
                    group,
                    i,
                    quiet,
                    digests,
                )
                for i, name, group in todo
            ]:
                future.result()
    finally:
        if digests is None:
            shutil.rmtree(work, ignore_errors=True)


def _bundle(
    binary: Path,
    site_dir: Path,
    work: Path,
    name: str,
    pages: list[str],
    i: int,
    quiet: bool,
    digests: Mapping[str, str] | None,
) -> None:
    """Index one bundle: each page's `index_view` in `work`, at its path in the site (kept
    there between builds when `digests` are known)."""
    if digests is None:
        write_views(work, site_dir, pages, index_view)
    else:
        update_views(work, site_dir, pages, index_view, digests)
    _index(binary, work, site_dir / name, quiet=quiet)
    try:
        stabilise(site_dir / name)
    except (IndexFormatError, OSError) as e:
        log.info("Pagefind 索引未能整理为固定字节（%s）(index not made reproducible)", e)
    if i:
        for ui in _UI_FILES:
            (site_dir / name / ui).unlink(missing_ok=True)


def _index(binary: Path, pages_dir: Path, bundle: Path, *, quiet: bool) -> None:
    cmd = [str(binary), "--site", str(pages_dir), "--output-path", str(bundle)]
    if quiet:
        cmd.append("--quiet")
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()[-2000:]
        raise PagefindError(
            f"Pagefind 建立索引失败（pagefind failed, exit {proc.returncode}）：\n{detail}"
        )
