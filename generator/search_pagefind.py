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

Pagefind fetches its chunks, which browsers refuse under `file://`: offline
builds keep Material's search. This module must not import MkDocs.
"""

from __future__ import annotations

import logging
import re
import subprocess
import threading
from pathlib import Path

from .pages import PageSpec
from .search_material import for_index

SEARCH_MODES = ("lunr", "pagefind")
BUNDLE = "pagefind"
"""Folder of the index and UI files inside the site."""
SEARCH_URI = "search.md"
ARTICLE = '<article class="md-content__inner md-typeset">'

log = logging.getLogger("mkdocs.plugins.bulletins")
_lock = threading.Lock()


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


def mark_body(html: str) -> str:
    """Index only the page's article (Material's navigation would match every query on every
    page), plus each approximate figure without its 余/多 (`70余万元` → `70万元`), in a hidden
    paragraph only Pagefind reads, so a query for the round figure finds it."""
    start = html.find(ARTICLE)
    end = html.find(_ARTICLE_END, start)
    if start < 0 or end < 0:
        return html
    article = html[start:end].replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)
    # Not indexed, as for Material's search (search_material.py): parts lists and chart SVG.
    article = article.replace('<details class="bl-parts">', '<details class="bl-parts" data-pagefind-ignore>')
    article = article.replace("<svg ", "<svg data-pagefind-ignore ")
    indexed = for_index(article)
    variants = sorted({m.group(1) + m.group(2) + m.group(3) for m in _APPROX.finditer(indexed)})
    if variants:
        article += '<p class="bl-pf-variants" hidden aria-hidden="true">' + " ".join(variants) + "</p>"
    return html[:start] + article + html[end:]


def search_page() -> PageSpec:
    """`/search/`: Pagefind's UI; `?q=` runs a query (the header's search box sends one)."""
    return PageSpec(SEARCH_URI, "搜索", "search.html", {"bundle": BUNDLE}, meta={"hide": ["navigation", "toc"]})


def run_pagefind(site_dir: Path, *, quiet: bool = True) -> None:
    """Index the built site into `site_dir/pagefind/` with the Pagefind CLI."""
    binary = executable()
    if binary is None:
        raise PagefindError(
            "search: pagefind 需要安装 Pagefind：pip install \"pagefind[extended]\""
            "（the extended binary segments Chinese）"
        )
    if "extended" not in binary.name:
        log.warning("Pagefind 不是 extended 版本，中文不会分词：请安装 pagefind[extended]")
    cmd = [str(binary), "--site", str(site_dir), "--output-subdir", BUNDLE]
    if quiet:
        cmd.append("--quiet")
    with _lock:
        proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip()[-2000:]
        raise PagefindError(f"Pagefind 建立索引失败（pagefind failed, exit {proc.returncode}）：\n{detail}")
